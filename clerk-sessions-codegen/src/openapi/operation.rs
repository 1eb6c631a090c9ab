//! One capability operation: its document operation (same method, same path
//! with placeholders compared by position, `operationId` = the name), the
//! full description, and its parameters (the capability's, typed, and the
//! ones the capability dropped, added); then body and response
//! ([`response`](super::response)). Also the adapter's `auth`.

use openapiv3::{Operation, Parameter, ParameterSchemaOrContent, QueryStyle, ReferenceOr};

use super::capability::{Adapter, CapOp};
use super::derive::Deriver;
use super::facts::Src;
use super::findings::Place;
use super::node::{Node, escape_pointer};
use super::resolve;
use super::schema::Site;
use crate::diagnostics::Severity;
use crate::model::Location;

impl<'d> Deriver<'d> {
    /// The typing of one capability operation, or `None` (with an error)
    /// when the document has no operation for it.
    pub(crate) fn operation(&mut self, cap: &CapOp) -> Option<Node> {
        let (path, method, op) = self.find(cap)?;
        let at = format!("#/paths/{}/{method}", escape_pointer(path));
        self.sources
            .push((format!("operations.{}", cap.name), at.clone()));
        if op.operation_id.as_deref() != Some(cap.name.as_str()) {
            let found = op.operation_id.as_deref().unwrap_or("(none)");
            self.warn(
                "operation-id-mismatch",
                &format!("{at}/operationId"),
                format!(
                    "the document's `operationId` is `{found}`, not `{}`",
                    cap.name
                ),
                "the operation is matched by method and path; check that it is the same one",
            );
        }
        self.stats.derived += 1;
        let mut node = Node::map();
        if let Some(text) = op
            .description
            .as_deref()
            .map(str::trim_end)
            .filter(|t| !t.is_empty())
        {
            node.set("description", Node::str(text));
        }
        let mut params = self.parameters(cap, path, op, &at);
        let body = self.body(cap, op, &at);
        let response = self.response(cap, op, &at, &mut params);
        if !params.entries().is_empty() {
            node.set("parameters", params);
        }
        if let Some(body) = body {
            node.set("body", body);
        }
        for (key, value) in response {
            node.set(key, value);
        }
        if let Some(auth) = self.operation_auth(op, &at) {
            node.set("x-auth", Node::str(auth));
        }
        Some(node)
    }

    /// `x-auth` of an operation whose own `security` is HTTP Basic (the
    /// Frontend API's OAuth client credentials), alone or beside none.
    fn operation_auth(&mut self, op: &Operation, at: &str) -> Option<&'static str> {
        let requirements = op.security.as_ref()?;
        let basic = |name: &String| {
            let scheme = self.api.components.as_ref()?.security_schemes.get(name)?;
            match scheme {
                ReferenceOr::Item(openapiv3::SecurityScheme::HTTP { scheme, .. }) => {
                    Some(scheme.eq_ignore_ascii_case("basic"))
                }
                _ => Some(false),
            }
        };
        // Of the alternatives: none (anonymous), Basic alone, Basic with
        // another scheme, other schemes.
        let (mut anonymous, mut basic_alone, mut basic_with, mut other) =
            (false, false, false, false);
        for requirement in requirements {
            let basics = requirement
                .keys()
                .filter(|name| basic(name) == Some(true))
                .count();
            match basics {
                _ if requirement.is_empty() => anonymous = true,
                0 => other = true,
                n if n == requirement.len() => basic_alone = true,
                _ => basic_with = true,
            }
        }
        match (basic_alone, basic_with || other) {
            (false, _) if !basic_with => None,
            (true, false) if anonymous => Some("client-credentials-or-none"),
            (true, false) => Some("client-credentials"),
            _ => {
                self.warn(
                    "security",
                    &format!("{at}/security"),
                    "HTTP Basic beside other schemes is not supported; the API's credential is sent".into(),
                    "",
                );
                None
            }
        }
    }

    fn find(&mut self, cap: &CapOp) -> Option<(&'d str, &'d str, &'d Operation)> {
        let doc = self.doc;
        let matches = doc.index.find(cap.method, &cap.path);
        let [(path, method)] = matches else {
            let message = if matches.is_empty() {
                format!(
                    "{} has no operation `{} {}`",
                    doc.name, cap.method, cap.path
                )
            } else {
                format!(
                    "{} has {} operations `{} {}`",
                    doc.name,
                    matches.len(),
                    cap.method,
                    cap.path
                )
            };
            self.report(
                Severity::Error,
                Place::Spec,
                "no-match",
                "",
                message,
                "derive from the document of this capability's API (backend, frontend or platform)",
            );
            return None;
        };
        let (path, item) = self.api.paths.paths.get_key_value(path)?;
        let ReferenceOr::Item(item) = item else {
            return None;
        };
        let (method, op) = item.iter().find(|(m, _)| m == method)?;
        Some((path.as_str(), method, op))
    }

    /// Every parameter of the document operation, by the capability's wire
    /// names (path placeholders renamed by position).
    fn parameters(&mut self, cap: &CapOp, path: &str, op: &'d Operation, at: &str) -> Node {
        let placeholders: Vec<&str> = path
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        let mut out = Node::map();
        for (i, param) in op.parameters.iter().enumerate() {
            let param_at = format!("{at}/parameters/{i}");
            let Some((param, param_at)) = resolve::parameter(self.api, param, param_at.clone())
            else {
                self.warn(
                    "unresolved-ref",
                    &param_at,
                    "the parameter's `$ref` names no parameter of this document".into(),
                    "",
                );
                continue;
            };
            if let Some((wire, node)) = self.parameter(cap, &placeholders, param, &param_at) {
                out.set(&wire, node);
            }
        }
        for (wire, location) in &cap.params {
            if out.get(wire).is_none() {
                self.warn("parameter-not-in-document", at, format!("the capability's {location:?} parameter `{wire}` is not in the document; left untyped"), "");
            }
        }
        out
    }

    /// One document parameter: the capability's name for it and its typing.
    fn parameter(
        &mut self,
        cap: &CapOp,
        placeholders: &[&str],
        param: &'d Parameter,
        at: &str,
    ) -> Option<(String, Node)> {
        let data = param.parameter_data_ref();
        let (location, wire) = match param {
            Parameter::Path { .. } => {
                let index = placeholders.iter().position(|p| *p == data.name);
                let wire = index
                    .and_then(|i| cap.placeholders.get(i))
                    .unwrap_or(&data.name);
                (Location::Path, wire.clone())
            }
            Parameter::Query { .. } => (Location::Query, data.name.clone()),
            Parameter::Header { .. } => (Location::Header, data.name.clone()),
            Parameter::Cookie { .. } => {
                let message = format!(
                    "cookie parameter `{}` is not typed: the typing format has no cookies",
                    data.name
                );
                self.warn("cookie-parameter", at, message, "");
                return None;
            }
        };
        let ParameterSchemaOrContent::Schema(schema) = &data.format else {
            let message = format!(
                "`{}` is described by `content`, not `schema`; typed as any JSON",
                data.name
            );
            self.warn("content-parameter", at, message, "");
            return None;
        };
        // The document's name decides the type (`{id}` may be a `widget_id`).
        let site = Site {
            name: Some(&data.name),
            ..Site::default()
        };
        let mut node = self.use_site(Src::of(schema), &format!("{at}/schema"), &site);
        if let Some(text) = data
            .description
            .as_deref()
            .map(str::trim_end)
            .filter(|t| !t.is_empty())
        {
            node = super::schema::described(node, text);
        }
        if location == Location::Query && matches!(wire.as_str(), "limit" | "offset") {
            node = paging_count(node);
        }
        // A parameter with one allowed value is sent always (`const`) only when
        // it is required; an optional one stays a string the caller may set.
        if !data.required {
            node.remove("const");
        }
        if let Parameter::Query { style, .. } = param {
            self.query_style(&mut node, style, data.explode, at);
        }
        if !cap.params.iter().any(|(w, l)| *w == wire && *l == location) {
            if location == Location::Path {
                let message = format!("path parameter `{wire}` is not in the capability");
                self.warn("path-parameter-not-in-capability", at, message, "");
                return None;
            }
            node = with_location(node, location, data.required);
            self.stats.added_parameters += 1;
        }
        Some((wire, node))
    }

    fn query_style(
        &mut self,
        node: &mut Node,
        style: &QueryStyle,
        explode: Option<bool>,
        at: &str,
    ) {
        let is_array = matches!(node.get("type"), Some(Node::Str(t)) if t == "array")
            || matches!(node.get("type"), Some(Node::Seq(t)) if t.first() == Some(&Node::str("array")));
        if !is_array {
            return;
        }
        match style {
            QueryStyle::Form if explode != Some(false) => {}
            QueryStyle::Form => node.set("explode", Node::Bool(false)),
            QueryStyle::SpaceDelimited | QueryStyle::PipeDelimited => {
                let name = if matches!(style, QueryStyle::SpaceDelimited) {
                    "spaceDelimited"
                } else {
                    "pipeDelimited"
                };
                node.set("style", Node::str(name));
                node.set("explode", Node::Bool(false));
            }
            QueryStyle::DeepObject => {
                self.warn(
                    "query-style",
                    at,
                    "`style: deepObject` is not supported for arrays; sent as repeated keys".into(),
                    "",
                );
            }
        }
    }

    /// `auth:` of the adapter, from the document's security schemes and the
    /// variable the capability binds.
    pub(crate) fn auth(&mut self, adapter: &Adapter) -> Node {
        let frontend = self.uses_client_tokens();
        // The model names a bound secret key; anything else needs the binds.
        let bound = || super::capability::bound_keys(&adapter.text);
        let (scheme, env) = if frontend {
            let env = super::capability::bound_publishable(&adapter.text);
            ("frontend", env)
        } else {
            let env = adapter
                .secret_env
                .clone()
                .or_else(|| bound().into_iter().next());
            ("secret-key", env)
        };
        let env = env.unwrap_or_else(|| {
            let fallback = if frontend {
                "CLERK_PUBLISHABLE_KEY"
            } else {
                "CLERK_SECRET_KEY"
            };
            self.report(
                Severity::Warning,
                Place::Spec,
                "auth-env",
                "binds",
                format!(
                    "the capability binds no key for `{scheme}` authentication; using `{fallback}`"
                ),
                "bind the key in the capability's `binds`",
            );
            fallback.to_owned()
        });
        Node::map()
            .with("scheme", Node::str(scheme))
            .with("env", Node::str(env))
    }

    /// Whether the document's security accepts a client token (an API key in
    /// a cookie or the query: Clerk's Frontend API), rather than a bearer key.
    fn uses_client_tokens(&self) -> bool {
        let Some(components) = &self.api.components else {
            return false;
        };
        let requirements = self.api.security.iter().flatten();
        requirements.flat_map(|r| r.keys()).any(|name| {
            matches!(
                components.security_schemes.get(name),
                Some(ReferenceOr::Item(openapiv3::SecurityScheme::APIKey { .. }))
            )
        })
    }
}

/// `limit`/`offset`: counts, typed `uint32` (never negative).
fn paging_count(node: Node) -> Node {
    let ty = node.get("type").cloned();
    let numeric = matches!(&ty, Some(Node::Str(t)) if t == "integer" || t == "number");
    if !numeric {
        return node;
    }
    let Node::Map(entries) = node else {
        return node;
    };
    let mut out = Vec::with_capacity(entries.len() + 1);
    for (key, value) in entries {
        match key.as_str() {
            "type" => {
                out.push((key, Node::str("integer")));
                out.push(("format".to_owned(), Node::str("uint32")));
            }
            "format" => {}
            "minimum" | "maximum" => {
                let v = match value {
                    Node::Float(f) => f as i64,
                    Node::Int(i) => i,
                    _ => continue,
                };
                let v = if key == "minimum" { v.max(0) } else { v };
                out.push((key, Node::Int(v)));
            }
            _ => out.push((key, value)),
        }
    }
    Node::Map(out)
}

/// A parameter the capability lacks: where it goes (and that callers must give it).
fn with_location(node: Node, location: Location, required: bool) -> Node {
    let mut entries = vec![(
        "in".to_owned(),
        Node::str(if location == Location::Header {
            "header"
        } else {
            "query"
        }),
    )];
    if let Node::Map(old) = node {
        entries.extend(old);
    }
    let mut node = Node::Map(entries);
    if required {
        node.set("x-required", Node::Bool(true));
    }
    node
}
