//! One operation, finished with its typing: the types of its parameters
//! (and parameters the spec lacks), its body struct, its response type, its
//! "at least one of" group and its paging.

use std::collections::BTreeMap;

use super::defs::fields;
use super::schema::{Defs, type_of};
use super::{one_of, paginate, params};
use crate::diagnostics::Pos;
use crate::lower::Ctx;
use crate::lower::operation::{SpecOp, retry_safe};
use crate::lower::reader::pos;
use crate::model::{Body, BodyField, Location, Operation, Param, TypeDef, TypeRef};
use crate::names::{self, RustIdent, Scope, own};
use crate::spec::Spanned;
use crate::spec::typing::{Additional, BodyTyping, OperationTyping, Schema};

/// What an operation's typing reads of its module.
pub(crate) struct Module<'m> {
    /// The named types, by `$defs` key.
    pub(crate) defs: &'m Defs,
    /// The named types, lowered, by name.
    pub(crate) types: &'m BTreeMap<RustIdent, &'m TypeDef>,
    /// The module's type names, where body and filter types claim theirs.
    pub(crate) scope: &'m mut Scope,
}

/// `op` with what `typing` says about it.
pub(crate) fn lower(
    cx: &mut Ctx<'_, '_>,
    module: &mut Module<'_>,
    op: SpecOp,
    typing: &Spanned<OperationTyping>,
) -> Operation {
    let t = &typing.value;
    let path = format!("operations.{}", op.name);
    let mut inputs = op.inputs;
    params::typed_params(cx, module.defs, &op.name, &mut inputs, t, &path);
    let body = match (inputs.body.take(), &t.body) {
        (spec_body, Some(typed)) => {
            let spec_body = (spec_body, &mut inputs.scope);
            body(cx, module, &op.name, spec_body, typed, &path)
        }
        (spec_body, None) => spec_body.map(|description| Body::Untyped { description }),
    };
    let response = t.response.as_ref().map_or(TypeRef::Json, |response| {
        let at = pos(&response.referenced);
        type_of(
            cx,
            module.defs,
            &response.value,
            at,
            &format!("{path}.response"),
        )
    });
    let one_of = t.require_one_of.as_ref().and_then(|group| {
        let path = format!("{path}.x-require-one-of");
        one_of::lower(cx, module.scope, &op.name, &mut inputs, group, &path)
    });
    let paging = t.paginate.as_ref().and_then(|paging| {
        let on = paginate::Target {
            name: &op.name,
            response: &response,
            query: &inputs.query,
            types: module.types,
        };
        paginate::lower(cx, &on, paging, &format!("{path}.x-paginate"))
    });
    Operation {
        retry_safe: retry_safe(op.method, t.idempotent == Some(true)),
        name: op.name,
        fn_ident: op.fn_ident,
        builder_ident: op.builder_ident,
        const_ident: op.const_ident,
        method: op.method,
        path: op.path,
        description: op.description,
        path_params: inputs.path,
        query: inputs.query,
        headers: inputs.headers,
        body,
        one_of,
        response,
        paginate: paging,
    }
}

/// The body: a struct of the schema's properties (each field an input of
/// the operation, named in its scope `inputs`), or the spec's untyped body
/// when the typing file gives no schema.
fn body(
    cx: &mut Ctx<'_, '_>,
    module: &mut Module<'_>,
    op: &str,
    (spec_body, inputs): (Option<Option<String>>, &mut Scope),
    typed: &Spanned<BodyTyping>,
    path: &str,
) -> Option<Body> {
    let at = pos(&typed.referenced);
    let Some(description) = spec_body else {
        cx.error(
            at,
            &format!("{path}.body"),
            format!("the spec's `{op}` has no `in: body` parameter"),
            "remove `body:` here, or add the body parameter to the spec",
        );
        return None;
    };
    let Some(schema) = &typed.value.schema else {
        return Some(Body::Untyped { description });
    };
    let ident = names::own::body_type(op).ok().map(|i| {
        module
            .scope
            .claim(i, op, own::suffix::BODY_TYPE_TAKEN)
            .ident
    });
    let fields = body_fields(cx, module.defs, schema, at, path);
    let Some(ident) = ident else {
        return Some(Body::Untyped { description });
    };
    let fields = fields
        .into_iter()
        .map(|field| BodyField {
            input: inputs
                .claim(field.ident.clone(), &field.wire, own::suffix::BODY)
                .ident,
            field,
        })
        .collect();
    Some(Body::Typed {
        ident,
        fields,
        required: typed.value.required.unwrap_or(true),
    })
}

/// The properties of a body schema, as body fields.
fn body_fields(
    cx: &mut Ctx<'_, '_>,
    defs: &Defs,
    schema: &Spanned<Schema>,
    at: Pos,
    path: &str,
) -> Vec<Param> {
    let schema_path = format!("{path}.body.schema");
    let s = &schema.value;
    let fields = fields(
        cx,
        defs,
        s,
        pos(&schema.referenced),
        &schema_path,
        Location::Body,
    );
    if matches!(s.additional_properties, Some(Additional::Schema(_))) {
        cx.warning(
            at,
            &schema_path,
            "`additionalProperties` schemas on bodies are ignored".into(),
            "",
        );
    }
    fields
}
