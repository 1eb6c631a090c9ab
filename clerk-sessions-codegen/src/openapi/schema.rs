//! OpenAPI schema → typing-file schema, where a schema is used (a property,
//! a parameter, items, a response) and where a type is defined (`$defs`).
//!
//! The typing file is written with the keywords the generator already reads
//! wherever they exist: nullability as `type: [T, 'null']` or
//! `anyOf: [{$ref}, {type: 'null'}]`, an enum of one value as `const`.

use openapiv3::Schema;
use serde_json::Value;

use super::derive::Deriver;
use super::facts::{Facts, Kind, Src, classify};
use super::flatten;
use super::journal::Stat;
use super::node::Node;
use super::resolve;

/// What a use of a schema is: the property or parameter name (for the ID
/// and credential rules), the component owning the property (for the `id`
/// rule), and whether it is a multipart body's field.
#[derive(Clone, Copy, Default)]
pub(crate) struct Site<'a> {
    pub(crate) name: Option<&'a str>,
    pub(crate) component: Option<&'a str>,
    pub(crate) multipart: bool,
    /// The items of an array named `name` (IDs apply, `x-secret` goes on the array).
    pub(crate) items: bool,
}

/// Names of string properties and parameters that hold credentials: their
/// values are `x-secret` (never shown by `Debug`). Session and other tokens,
/// `Set-Cookie` values, secrets, keys and passwords; `x-sensitive: true` in
/// the document marks more.
pub const SECRET_NAMES: &[&str] = &[
    "jwt",
    "token",
    "expired_token",
    "refresh_token",
    "access_token",
    "id_token",
    "proof_token",
    "cookies",
    "secret",
    "secret_key",
    "client_secret",
    "oidc_client_secret",
    "external_client_secret",
    "token_secret",
    "totp_secret",
    "signing_key",
    "api_key",
    "password",
    "current_password",
    "new_password",
    "password_digest",
];

impl<'d> Deriver<'d> {
    /// The typing schema of a use of `src` (at `at`).
    pub(crate) fn use_site(&mut self, src: Src<'d>, at: &str, site: &Site<'_>) -> Node {
        self.use_at_depth(src, at, site, 0)
    }

    fn use_at_depth(&mut self, src: Src<'d>, at: &str, site: &Site<'_>, depth: usize) -> Node {
        if depth > resolve::MAX_DEPTH {
            self.warn("ref-cycle", at, "the schema's `$ref`s and single-member compositions go round in a cycle; typed as any JSON".into(), "break the cycle in the document");
            return Node::map();
        }
        let Some((schema, at, component)) = resolve::src(self.api, src, at) else {
            let reference = match src {
                Src::Ref(r) => r,
                Src::Item(_) => "",
            };
            self.warn(
                "unresolved-ref",
                at,
                format!("`$ref: {reference}` names no schema of this document; typed as any JSON"),
                "point the `$ref` at `#/components/schemas/...`",
            );
            return Node::map();
        };
        let facts = Facts::of(schema);
        let kind = classify(&facts);
        if kind.is_named() {
            let key = match &component {
                Some(name) => self.request_component(name),
                None => self.define_inline(schema, &at),
            };
            let node = reference(&key, facts.nullable);
            // A component's own description documents the type, not this use.
            return match (component, facts.description) {
                (None, Some(text)) => described(node, text),
                _ => node,
            };
        }
        if let Kind::Alias(inner, segment) = kind {
            let mut node = self.use_at_depth(inner, &format!("{at}/{segment}"), site, depth + 1);
            if facts.nullable {
                node = nullable(node);
            }
            if let Some(text) = facts.description {
                node = described(node, text);
            }
            return node;
        }
        self.plain(&facts, kind, &at, site)
    }

    /// A schema that is not a type of its own: a string, number, array, map...
    fn plain(&mut self, facts: &Facts<'d>, kind: Kind<'d>, at: &str, site: &Site<'_>) -> Node {
        let mut node = Node::map();
        if let Some(text) = facts.description {
            node.set("description", Node::str(text.trim_end()));
        }
        if facts.deprecated {
            node.set("deprecated", Node::Bool(true));
        }
        let ty = match kind {
            Kind::Const(value) => {
                node.set("const", from_json(&value));
                match value {
                    Value::Bool(_) => "boolean",
                    Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
                    Value::Number(_) => "number",
                    _ => "string",
                }
            }
            Kind::Array(items) => {
                let item_site = Site {
                    component: None,
                    items: true,
                    ..*site
                };
                let items = match items {
                    Some(items) => self.use_site(items, &format!("{at}/items"), &item_site),
                    None => Node::map(),
                };
                if self.secret(facts, site) && is_string(&items) {
                    node.set("x-secret", Node::Bool(true));
                }
                node.set("items", items);
                "array"
            }
            Kind::Map(inner) => {
                let value = self.use_site(
                    inner,
                    &format!("{at}/additionalProperties"),
                    &Site::default(),
                );
                node.set("additionalProperties", value);
                "object"
            }
            Kind::FreeForm if facts.ty == Some("object") => {
                self.count(Stat::FreeForm);
                "object"
            }
            Kind::FreeForm => {
                self.count(Stat::FreeForm);
                return node;
            }
            Kind::String => return self.string(facts, node, at, site),
            Kind::Integer | Kind::Number => {
                let ty = if matches!(kind, Kind::Integer) {
                    "integer"
                } else {
                    "number"
                };
                if let Some(format) = facts.format {
                    node.set("format", Node::str(format));
                }
                bounds(&mut node, facts, ty == "integer");
                ty
            }
            Kind::Boolean => "boolean",
            Kind::Unknown(other) => {
                self.warn(
                    "unmapped-type",
                    at,
                    format!("`type: {other}` has no typing-file counterpart; typed as any JSON"),
                    "use string, integer, number, boolean, array or object",
                );
                return node;
            }
            // Named kinds and aliases are handled by `use_site`.
            _ => return node,
        };
        finish(node, ty, facts)
    }

    fn string(&mut self, facts: &Facts<'d>, mut node: Node, at: &str, site: &Site<'_>) -> Node {
        if let Some(key) = self.id_for(site) {
            self.use_id(&key);
            let node = reference(&key, facts.nullable);
            return match facts.description {
                Some(text) => described(node, text),
                None => node,
            };
        }
        if let Some(format) = facts.format {
            if format == "binary" && !site.multipart {
                self.warn(
                    "binary-outside-multipart",
                    at,
                    "`format: binary` outside a multipart body; typed as a string".into(),
                    "",
                );
            }
            node.set("format", Node::str(format));
        }
        if self.secret(facts, site) {
            node.set("x-secret", Node::Bool(true));
        }
        finish(node, "string", facts)
    }

    /// Whether a string (or array of strings) holds a credential.
    fn secret(&self, facts: &Facts<'_>, site: &Site<'_>) -> bool {
        facts.sensitive() || (!site.items && site.name.is_some_and(|n| SECRET_NAMES.contains(&n)))
    }

    /// The ID type of a string property or parameter, if it has one: its
    /// name is an ID's (`user_id`), or it is the `id` of a component `X`
    /// whose ID type `XId` exists.
    fn id_for(&self, site: &Site<'_>) -> Option<String> {
        let name = site.name?;
        if let Some(key) = self.ids.get(name) {
            return Some(key.clone());
        }
        if name != "id" {
            return None;
        }
        let last = site.component?.rsplit('.').next()?;
        let last = last
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .trim_end_matches('-');
        let key = format!("{}Id", crate::names::pascal_case(last));
        self.ids.values().any(|k| *k == key).then_some(key)
    }

    /// Defines an inline named type (first use) and returns its key.
    fn define_inline(&mut self, schema: &'d Schema, at: &str) -> String {
        let key = self.inline_key(at);
        self.inline(&key, |d| d.definition(schema, at, None));
        key
    }

    /// Defines a queued component.
    pub(crate) fn define_component(&mut self, name: &str) {
        let Some((_, schema)) = resolve::schema(self.api, name) else {
            return;
        };
        let at = resolve::component_pointer("schemas", name);
        self.component(name, |d| d.definition(schema, &at, Some(name)));
    }

    /// The `$defs` entry of an object, enum or union.
    fn definition(&mut self, schema: &'d Schema, at: &str, component: Option<&str>) -> Node {
        let facts = Facts::of(schema);
        match classify(&facts) {
            Kind::Enum(values) => self.enumeration(&facts, values, at, component),
            Kind::Union(members) => self.union(&facts, members, at),
            _ => self.object(schema, at, component, false),
        }
    }

    fn enumeration(
        &mut self,
        facts: &Facts<'_>,
        values: Vec<String>,
        at: &str,
        component: Option<&str>,
    ) -> Node {
        let mut node = Node::map();
        if let Some(text) = facts.description {
            node.set("description", Node::str(text.trim_end()));
        }
        node.set("type", Node::str("string"));
        node.set("enum", Node::strs(values));
        if facts.open_marked() || self.in_response(at, component) {
            node.set("x-open", Node::Bool(true));
        }
        node
    }

    /// Whether a type at `at` is part of what some response of the document returns.
    fn in_response(&self, at: &str, component: Option<&str>) -> bool {
        let owner = component.map(str::to_owned).or_else(|| {
            let rest = at.strip_prefix("#/components/schemas/")?;
            Some(super::node::unescape_pointer(rest.split('/').next()?))
        });
        at.contains("/responses/")
            || owner.is_some_and(|c| self.doc.index.in_responses.contains(&c))
    }

    /// An object (its `allOf` members merged) as a typing schema: a `$defs`
    /// entry, or a body's `schema`.
    pub(crate) fn object(
        &mut self,
        schema: &'d Schema,
        at: &str,
        component: Option<&str>,
        multipart: bool,
    ) -> Node {
        let facts = Facts::of(schema);
        let flat = flatten::flatten(self.api, schema, at, component);
        for (pointer, message) in &flat.problems {
            self.warn("all-of-member", pointer, message.clone(), "");
        }
        let mut node = Node::map();
        if let Some(text) = facts.description.or(flat.description) {
            node.set("description", Node::str(text.trim_end()));
        }
        if facts.deprecated {
            node.set("deprecated", Node::Bool(true));
        }
        node.set("type", Node::str("object"));
        let mut required = Vec::new();
        for name in &flat.required {
            if flat.props.iter().any(|p| p.name == name) {
                required.push(name.clone());
            } else {
                self.warn(
                    "required-not-a-property",
                    at,
                    format!("`{name}` is required but not a property; left out of `required`"),
                    "",
                );
            }
        }
        if !required.is_empty() {
            node.set("required", Node::strs(required));
        }
        let mut properties = Node::map();
        for prop in &flat.props {
            let site = Site {
                name: Some(prop.name),
                component: prop.component.as_deref(),
                multipart,
                items: false,
            };
            let value = self.use_site(prop.src, &prop.at, &site);
            properties.set(prop.name, value);
        }
        node.set("properties", properties);
        node
    }
}

/// `$ref` to a `$defs` entry, nullable as `anyOf: [ref, null]`.
pub(crate) fn reference(key: &str, nullable: bool) -> Node {
    let node = Node::map().with("$ref", Node::str(format!("#/$defs/{key}")));
    if nullable { self::nullable(node) } else { node }
}

/// The schema, also accepting `null`.
pub(crate) fn nullable(node: Node) -> Node {
    if let Some(Node::Str(ty)) = node.get("type") {
        let ty = ty.clone();
        let mut node = node;
        node.set("type", Node::strs([ty, "null".to_owned()]));
        return node;
    }
    if node.get("$ref").is_none() {
        // Any JSON already accepts `null`; a union already says it.
        return node;
    }
    let mut out = Node::map();
    let mut inner = node;
    if let Some(text) = inner.remove("description") {
        out.set("description", text);
    }
    out.set(
        "anyOf",
        Node::Seq(vec![inner, Node::map().with("type", Node::str("null"))]),
    );
    out
}

/// The schema with `description` first (replacing any).
pub(crate) fn described(node: Node, text: &str) -> Node {
    let mut entries = vec![("description".to_owned(), Node::str(text.trim_end()))];
    if let Node::Map(old) = node {
        entries.extend(old.into_iter().filter(|(k, _)| k != "description"));
    }
    Node::Map(entries)
}

/// `type` (after `description`, `deprecated`), `default`, and `null` if nullable.
fn finish(node: Node, ty: &str, facts: &Facts<'_>) -> Node {
    let Node::Map(entries) = node else {
        return node;
    };
    let (head, tail): (Vec<_>, Vec<_>) = entries
        .into_iter()
        .partition(|(k, _)| k == "description" || k == "deprecated");
    let ty = if facts.nullable {
        Node::strs([ty, "null"])
    } else {
        Node::str(ty)
    };
    let mut out = Node::Map(head).with("type", ty);
    for (k, v) in tail {
        out.set(&k, v);
    }
    if let Some(default) = facts.default {
        out.set("default", from_json(default));
    }
    out
}

/// `minimum`/`maximum`; exclusive integer bounds become inclusive ones.
fn bounds(node: &mut Node, facts: &Facts<'_>, integer: bool) {
    let number = |v: f64| {
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            Node::Int(v as i64)
        } else {
            Node::Float(v)
        }
    };
    if let Some(min) = facts.minimum {
        let min = if integer && facts.exclusive_minimum {
            min + 1.0
        } else {
            min
        };
        node.set("minimum", number(min));
    }
    if let Some(max) = facts.maximum {
        let max = if integer && facts.exclusive_maximum {
            max - 1.0
        } else {
            max
        };
        node.set("maximum", number(max));
    }
}

fn is_string(node: &Node) -> bool {
    matches!(node.get("type"), Some(Node::Str(t)) if t == "string")
}

/// A JSON value as a node.
pub(crate) fn from_json(value: &Value) -> Node {
    match value {
        Value::Null => Node::Null,
        Value::Bool(b) => Node::Bool(*b),
        Value::Number(n) => n
            .as_i64()
            .map_or_else(|| Node::Float(n.as_f64().unwrap_or(0.0)), Node::Int),
        Value::String(s) => Node::str(s),
        Value::Array(items) => Node::Seq(items.iter().map(from_json).collect()),
        Value::Object(map) => {
            Node::Map(map.iter().map(|(k, v)| (k.clone(), from_json(v))).collect())
        }
    }
}
