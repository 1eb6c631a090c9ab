//! The operations of one resource, as the spec has them: name, method, path
//! and inputs ([`SpecOp`]). `typing` finishes each into a model
//! [`Operation`] with what the typing file says; [`SpecOp::untyped`] does
//! so without a typing file.

use super::inputs::{self, Inputs};
use super::params;
use super::reader::{Ctx, Entry, Pos, pos};
use crate::model::{Body, Method, Operation, OperationAuth, PathTemplate, Reply, TypeRef};
use crate::names::{self, RustIdent, Scope, own};
use crate::spec;

/// An operation as the spec has it, named and checked.
#[derive(Clone, Debug)]
pub(crate) struct SpecOp {
    /// The spec's operation name, e.g. `GetSessionList`.
    pub(crate) name: String,
    pub(crate) fn_ident: RustIdent,
    pub(crate) builder_ident: RustIdent,
    pub(crate) const_ident: RustIdent,
    pub(crate) method: Method,
    pub(crate) path: PathTemplate,
    pub(crate) description: Option<String>,
    pub(crate) inputs: Inputs,
}

impl SpecOp {
    /// The operation without a typing file: inputs as the spec types them, an
    /// untyped body, a JSON response.
    pub(crate) fn untyped(self) -> Operation {
        let Inputs {
            path,
            query,
            headers,
            body,
            ..
        } = self.inputs;
        Operation {
            retry_safe: retry_safe(self.method, false),
            auth: OperationAuth::Api,
            name: self.name,
            fn_ident: self.fn_ident,
            builder_ident: self.builder_ident,
            const_ident: self.const_ident,
            method: self.method,
            path: self.path,
            description: self.description,
            path_params: path,
            query,
            headers,
            body: body.map(|description| Body::Untyped { description }),
            one_of: None,
            response: TypeRef::Json,
            reply: Reply::Json,
            paginate: None,
        }
    }
}

/// Whether repeating the request is harmless: GET, PUT and DELETE, or an
/// operation the typing file marks idempotent.
pub(crate) fn retry_safe(method: Method, idempotent: bool) -> bool {
    idempotent || matches!(method, Method::Get | Method::Put | Method::Delete)
}

/// The names operations take in one module.
pub(crate) struct OpScopes {
    fns: Scope,
    types: Scope,
    statics: Scope,
}

impl OpScopes {
    pub(crate) fn new() -> OpScopes {
        OpScopes {
            fns: own::fn_scope(),
            types: own::type_scope(),
            statics: own::static_scope(),
        }
    }

    /// Claims the operation's three names. Two operations whose names convert
    /// to the same identifier are an error; a name the generated code uses
    /// itself is renamed with the suffix `op` (`new_op`, `ClientOp`, `API_OP`).
    pub(crate) fn claim(&mut self, mut op: SpecOp) -> Result<SpecOp, names::Collision> {
        let suffix = own::suffix::OP;
        op.fn_ident = self
            .fns
            .claim_distinct(op.fn_ident, &op.name, suffix)?
            .ident;
        op.builder_ident = self
            .types
            .claim_distinct(op.builder_ident, &op.name, suffix)?
            .ident;
        op.const_ident = self
            .statics
            .claim_distinct(op.const_ident, &op.name, suffix)?
            .ident;
        Ok(op)
    }
}

/// An operation of a resource as read.
pub(crate) struct Lowered {
    /// Its YAML path.
    pub(crate) path: String,
    /// Where its name is written.
    pub(crate) name_at: Pos,
    /// Its name, when it is a string (even when the operation had an error).
    pub(crate) name: Option<String>,
    /// The operation; `None` after an error.
    pub(crate) op: Option<SpecOp>,
}

/// The operations of one resource, in spec order (one `None` when the
/// resource has no operation). Their names are not claimed yet.
pub(crate) fn lower_resource(
    cx: &mut Ctx<'_, '_>,
    resource: &Entry<'_, spec::Resource>,
    inherited: &[params::Raw],
) -> Vec<Lowered> {
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
    let mut own_params = inherited.to_vec();
    own_params.extend(params::inherited(
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
        return vec![Lowered {
            path: rpath.to_owned(),
            name_at: at,
            name: None,
            op: None,
        }];
    }
    ops.iter()
        .map(|op| {
            let name = op.value.name.as_ref();
            Lowered {
                path: op.path.clone(),
                name_at: name.map_or(op.at, |n| pos(&n.referenced)),
                name: match name.map(|n| &n.value) {
                    Some(spec::Scalar::Str(name)) => Some(name.clone()),
                    _ => None,
                },
                op: lower_operation(cx, op, template.as_ref(), &own_params),
            }
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
) -> Option<SpecOp> {
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
    let inputs = inputs::lower_all(
        cx,
        &inputs::OpContext {
            path: opath,
            at,
            name: name.as_deref(),
            template,
            method,
        },
        o.input_parameters.as_ref(),
        inherited,
    );
    let (name, (fn_ident, builder_ident, const_ident)) = (name?, idents?);
    let (inputs, method, template) = (inputs?, method?, template?);
    Some(SpecOp {
        name,
        fn_ident,
        builder_ident,
        const_ident,
        method,
        path: template.clone(),
        description,
        inputs,
    })
}

type OpIdents = (RustIdent, RustIdent, RustIdent);

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
