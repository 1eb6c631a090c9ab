//! One `consumes` adapter: its namespace, base URL, resources and operations.
//!
//! Lowering goes on after every problem (a missing namespace, a bad path) so
//! that all of an adapter's problems are reported together; the adapter only
//! becomes a module when none of them was an error.

use super::params;
use super::reader::{Ctx, Entry, Pos, pos};
use super::{RESERVED_FNS, RESERVED_STATICS, type_scope};
use crate::model::{Auth, Method, Module, Operation, PathTemplate, TypeRef};
use crate::names::{self, Scope};
use crate::spec;

/// Lowers one adapter, or returns `None` after reporting why it cannot be generated.
pub(crate) fn lower(
    cx: &mut Ctx<'_, '_>,
    entry: &Entry<'_, spec::Consumes>,
    auth: Auth,
) -> Option<Module> {
    let (a, path, at) = (entry.value, entry.path.as_str(), entry.at);
    if a.import.is_some() || a.location.is_some() {
        cx.error(
            at,
            path,
            "imported adapters (`location`/`import`/`as`) are not supported".into(),
            "copy the adapter into this file, or generate the imported file on its own",
        );
        return None;
    }
    let kind = cx.string(&a.kind, &format!("{path}.type"), at, true);
    let mut ok = kind.is_some();
    if let Some(kind) = &kind
        && kind != "http"
    {
        cx.error(
            a.kind.as_ref().map_or(at, |k| pos(&k.referenced)),
            &format!("{path}.type"),
            format!("unsupported adapter type `{kind}`"),
            "only `type: http` adapters can be generated",
        );
        ok = false;
    }
    if let Some(auth_block) = &a.authentication {
        cx.error(
            pos(&auth_block.referenced),
            &format!("{path}.authentication"),
            "`authentication` blocks are not supported".into(),
            "remove it: the client authenticates from the key named in `binds`",
        );
        ok = false;
    }
    let namespace = cx.string(&a.namespace, &format!("{path}.namespace"), at, true);
    let ident = namespace
        .as_deref()
        .and_then(|namespace| match names::value_ident(namespace) {
            Ok(ident) => Some(ident),
            Err(_) => {
                cx.error(
                    a.namespace.as_ref().map_or(at, |n| pos(&n.referenced)),
                    &format!("{path}.namespace"),
                    format!(
                        "namespace `{namespace}` cannot become a module name: it has no ASCII letters or digits"
                    ),
                    "use a kebab-case namespace such as `clerk-backend-api-sessions`",
                );
                None
            }
        });
    let base_url = lower_base_url(cx, a, path, at);
    let description = cx.text(&a.description, &format!("{path}.description"));
    let inherited = params::inherited(
        cx,
        a.input_parameters.as_ref(),
        &format!("{path}.inputParameters"),
    );
    if a.resources.is_none() {
        cx.warning(
            at,
            &format!("{path}.resources"),
            "this adapter has no `resources`: it generates a module without operations".into(),
            "add `resources:` with the API's paths and operations",
        );
    }
    let mut operations = Vec::new();
    let mut scopes = OpScopes {
        fns: Scope::new(RESERVED_FNS),
        types: type_scope(),
        statics: Scope::new(RESERVED_STATICS),
    };
    let resources_path = format!("{path}.resources");
    for resource in cx.list(a.resources.as_ref(), &resources_path) {
        for (op_path, op_at, op) in lower_resource(cx, &resource, &inherited) {
            match op.map(|op| scopes.claim(op)) {
                Some(Ok(op)) => operations.push(op),
                Some(Err(clash)) => {
                    cx.error(
                        op_at,
                        &format!("{op_path}.name"),
                        format!("operation names collide after conversion: {clash}"),
                        "rename one of the operations: each needs its own method name",
                    );
                    ok = false;
                }
                None => ok = false,
            }
        }
    }
    let (namespace, ident, base_url) = (namespace?, ident?, base_url?);
    ok.then_some(Module {
        namespace,
        ident,
        description,
        base_url,
        auth,
        operations,
        types: Vec::new(),
    })
}

/// The names operations take in one module.
struct OpScopes {
    fns: Scope,
    types: Scope,
    statics: Scope,
}

impl OpScopes {
    /// Claims the operation's three names. Two operations whose names convert
    /// to the same identifier are an error; a name the generated code uses
    /// itself is renamed with the suffix `op` (`new_op`, `ClientOp`, `BASE_URL_OP`).
    fn claim(&mut self, mut op: Operation) -> Result<Operation, names::Collision> {
        op.fn_ident = self.fns.claim_distinct(op.fn_ident, &op.name, "op")?.ident;
        op.builder_ident = self
            .types
            .claim_distinct(op.builder_ident, &op.name, "op")?
            .ident;
        op.const_ident = self
            .statics
            .claim_distinct(op.const_ident, &op.name, "op")?
            .ident;
        Ok(op)
    }
}

/// The base URL without a trailing `/`; empty when the spec leaves it empty
/// (callers must then give one); `None` after an error.
fn lower_base_url(cx: &mut Ctx<'_, '_>, a: &spec::Consumes, path: &str, at: Pos) -> Option<String> {
    let yaml_path = format!("{path}.baseUri");
    let Some(raw) = cx.string(&a.base_uri, &yaml_path, at, false) else {
        if a.base_uri.is_none() {
            cx.error(
                at,
                &yaml_path,
                "missing `baseUri`".into(),
                "add `baseUri: https://api.clerk.com/v1`, or `baseUri: ''` when callers must supply the host",
            );
        }
        return None;
    };
    let value_at = a.base_uri.as_ref().map_or(at, |b| pos(&b.referenced));
    if raw.is_empty() {
        return Some(raw);
    }
    let valid = (raw.starts_with("https://") || raw.starts_with("http://"))
        && !raw.contains(['?', '#', '{', '}', ' ', '"', '\\', '`'])
        && !raw.chars().any(char::is_control)
        && raw
            .split("://")
            .nth(1)
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'));
    if !valid {
        cx.error(
            value_at,
            &yaml_path,
            format!("`{raw}` is not an http(s) base URL"),
            "write an absolute URL such as `https://api.clerk.com/v1`, without query or placeholders",
        );
        return None;
    }
    match raw.strip_suffix('/') {
        Some(trimmed) => {
            cx.warning(
                value_at,
                &yaml_path,
                "`baseUri` ends with `/`; the slash is dropped".into(),
                "resource paths start with `/`, so base URIs must not end with one",
            );
            Some(trimmed.to_owned())
        }
        None => Some(raw),
    }
}

/// The operations of one resource: `(yaml path, position of the name, the
/// operation or `None` after an error)`.
fn lower_resource(
    cx: &mut Ctx<'_, '_>,
    resource: &Entry<'_, spec::Resource>,
    inherited: &[params::Raw],
) -> Vec<(String, Pos, Option<Operation>)> {
    let (r, rpath, at) = (resource.value, resource.path.as_str(), resource.at);
    let template = cx
        .string(&r.path, &format!("{rpath}.path"), at, true)
        .and_then(|raw| match PathTemplate::parse(&raw) {
            Ok(t) => Some(t),
            Err(err) => {
                let value_at = r.path.as_ref().map_or(at, |p| pos(&p.referenced));
                cx.error(
                    value_at,
                    &format!("{rpath}.path"),
                    format!("invalid path `{raw}`: {err}"),
                    "paths look like `/sessions/{session_id}`",
                );
                None
            }
        });
    let mut own = inherited.to_vec();
    own.extend(params::inherited(
        cx,
        r.input_parameters.as_ref(),
        &format!("{rpath}.inputParameters"),
    ));
    let ops = cx.list(r.operations.as_ref(), &format!("{rpath}.operations"));
    if ops.is_empty() {
        let at = r.operations.as_ref().map_or(at, |o| pos(&o.referenced));
        cx.error(
            at,
            &format!("{rpath}.operations"),
            "a resource needs at least one operation".into(),
            "add `operations:` with at least one entry",
        );
        return vec![(rpath.to_owned(), at, None)];
    }
    ops.iter()
        .map(|op| {
            let name_at = op.value.name.as_ref().map_or(op.at, |n| pos(&n.referenced));
            let lowered = lower_operation(cx, op, template.as_ref(), &own);
            (op.path.clone(), name_at, lowered)
        })
        .collect()
}

/// One operation. Without a template (the resource path was invalid) the
/// operation is still checked, then dropped.
fn lower_operation(
    cx: &mut Ctx<'_, '_>,
    op: &Entry<'_, spec::Operation>,
    template: Option<&PathTemplate>,
    inherited: &[params::Raw],
) -> Option<Operation> {
    let (o, opath, at) = (op.value, op.path.as_str(), op.at);
    let name = cx.string(&o.name, &format!("{opath}.name"), at, true);
    let method = lower_method(cx, o, opath, at);
    if let Some(body) = &o.body {
        cx.error(
            pos(&body.referenced),
            &format!("{opath}.body"),
            "operation-level `body:` blocks are not supported".into(),
            "declare the body as an input parameter with `in: body`",
        );
    }
    let description = cx.text(&o.description, &format!("{opath}.description"));
    let idents = name
        .as_deref()
        .and_then(|name| op_idents(cx, o, opath, at, name));
    let lowered = params::lower_all(
        cx,
        &params::OpContext {
            path: opath,
            at,
            name: name.as_deref(),
            template,
            method,
        },
        o.input_parameters.as_ref(),
        inherited,
    )?;
    let (name, (fn_ident, builder_ident, const_ident)) = (name?, idents?);
    let (method, template) = (method?, template?);
    Some(Operation {
        name,
        fn_ident,
        builder_ident,
        const_ident,
        method,
        path: template.clone(),
        description,
        path_params: lowered.path,
        query: lowered.query,
        headers: lowered.headers,
        body: lowered.body,
        one_of: None,
        response: TypeRef::Json,
        retry_safe: matches!(method, Method::Get | Method::Put | Method::Delete),
        paginate: None,
    })
}

type OpIdents = (names::RustIdent, names::RustIdent, names::RustIdent);

/// The method, builder and static names of an operation, or an error when the
/// name is not one the format allows (letters, digits and `-`).
fn op_idents(
    cx: &mut Ctx<'_, '_>,
    o: &spec::Operation,
    opath: &str,
    at: Pos,
    name: &str,
) -> Option<OpIdents> {
    let allowed = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    match (
        names::value_ident(name),
        names::type_ident(name),
        names::const_ident(name),
    ) {
        (Ok(f), Ok(t), Ok(c)) if allowed => Some((f, t, c)),
        _ => {
            cx.error(
                o.name.as_ref().map_or(at, |n| pos(&n.referenced)),
                &format!("{opath}.name"),
                format!("`{name}` is not a valid operation name"),
                "operation names use letters, digits and `-`, e.g. `GetSessionList`",
            );
            None
        }
    }
}

fn lower_method(cx: &mut Ctx<'_, '_>, o: &spec::Operation, opath: &str, at: Pos) -> Option<Method> {
    let Some(raw) = cx.string(&o.method, &format!("{opath}.method"), at, false) else {
        return o.method.is_none().then_some(Method::Get);
    };
    let method = match raw.as_str() {
        "GET" => Method::Get,
        "POST" => Method::Post,
        "PUT" => Method::Put,
        "PATCH" => Method::Patch,
        "DELETE" => Method::Delete,
        other => {
            let upper = other.to_ascii_uppercase();
            let help = if ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(&upper.as_str()) {
                format!("methods are upper case: write `{upper}`")
            } else {
                "use one of GET, POST, PUT, PATCH, DELETE".to_owned()
            };
            cx.error(
                o.method.as_ref().map_or(at, |m| pos(&m.referenced)),
                &format!("{opath}.method"),
                format!("unknown HTTP method `{other}`"),
                &help,
            );
            return None;
        }
    };
    Some(method)
}
