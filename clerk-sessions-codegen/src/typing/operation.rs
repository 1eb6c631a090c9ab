//! Typing file → one operation: parameter types (and parameters the spec
//! lacks), the body schema, the response type and "at least one of" groups.

use super::OperationTyping;
use super::apply::fields;
use super::schema::{Additional, Defs, Schema, type_of};
use crate::lower::{Ctx, pos};
use crate::model::{Body, Location, OneOf, Operation, Param, TypeDef, TypeDefKind};
use crate::names::{self, Scope};
use crate::spec::Spanned;

pub(super) fn apply_operation(
    cx: &mut Ctx<'_, '_>,
    defs: &Defs,
    op: &mut Operation,
    typing: &Spanned<OperationTyping>,
    path: &str,
    types: &mut Scope,
    body_types: &mut Vec<TypeDef>,
) {
    let t = &typing.value;
    for (wire, schema) in t.parameters.iter().flat_map(|p| &p.0) {
        apply_param(
            cx,
            defs,
            op,
            wire,
            schema,
            &format!("{path}.parameters.{wire}"),
        );
    }
    if let Some(body) = &t.body {
        let body_at = pos(&body.referenced);
        if op.body.is_none() {
            cx.error(
                body_at,
                &format!("{path}.body"),
                format!("the spec's `{}` has no `in: body` parameter", op.name),
                "remove `body:` here, or add the body parameter to the spec",
            );
        } else if let Some(schema) = &body.value.schema {
            let ident = names::type_ident(&format!("{}Body", op.name))
                .ok()
                .map(|i| types.claim(i, &op.name, "Request").ident);
            let fields = fields(
                cx,
                defs,
                &schema.value,
                pos(&schema.referenced),
                &format!("{path}.body.schema"),
                Location::Body,
            );
            if let Some(ident) = ident {
                body_types.push(TypeDef {
                    ident: ident.clone(),
                    description: Some(format!("The JSON body of `{}`.", op.name)),
                    kind: TypeDefKind::Struct {
                        fields: fields.clone(),
                        bare_array_field: None,
                    },
                });
                op.body = Some(Body::Typed {
                    ident,
                    fields,
                    required: body.value.required.unwrap_or(true),
                });
            }
            if matches!(
                schema.value.additional_properties,
                Some(Additional::Schema(_))
            ) {
                cx.warning(
                    body_at,
                    &format!("{path}.body.schema"),
                    "`additionalProperties` schemas on bodies are ignored".into(),
                    "",
                );
            }
        }
    }
    if let Some(response) = &t.response {
        op.response = type_of(
            cx,
            defs,
            &response.value,
            pos(&response.referenced),
            &format!("{path}.response"),
        );
    }
    if t.idempotent == Some(true) {
        op.retry_safe = true;
    }
    if let Some(group) = &t.require_one_of {
        apply_one_of(cx, op, group, &format!("{path}.x-require-one-of"), types);
    }
}

fn apply_param(
    cx: &mut Ctx<'_, '_>,
    defs: &Defs,
    op: &mut Operation,
    wire: &str,
    schema: &Spanned<Schema>,
    path: &str,
) {
    let s = &schema.value;
    let at = pos(&schema.referenced);
    let ty = type_of(cx, defs, s, at, path);
    let existing = op
        .path_params
        .iter_mut()
        .chain(op.query.iter_mut())
        .chain(op.headers.iter_mut())
        .find(|p| p.wire == wire);
    if let Some(param) = existing {
        if s.location.is_some() {
            cx.warning(
                at,
                path,
                format!("`{wire}` is already in the spec; `in` is ignored"),
                "",
            );
        }
        param.ty = ty;
        param.range = s.range();
        param.default = s.default.clone();
        if s.description.is_some() {
            param.description = s.description.clone();
        }
        if let Some(constant) = &s.constant {
            param.constant = Some(constant.clone());
            param.required = false;
        }
        return;
    }
    let location = match s.location.as_deref() {
        Some("query") => Location::Query,
        Some("header") => Location::Header,
        Some(other) => {
            cx.error(
                at,
                path,
                format!("extra parameters go in `query` or `header`, not `{other}`"),
                "",
            );
            return;
        }
        None => {
            cx.error(
                at,
                path,
                format!("the spec's `{}` has no parameter `{wire}`", op.name),
                "to add a parameter the spec lacks, say where it goes: `in: query`",
            );
            return;
        }
    };
    let mut scope = Scope::new(crate::lower::RESERVED_PARAMS);
    for p in op.path_params.iter().chain(&op.query).chain(&op.headers) {
        let _ = scope.claim_exact(p.ident.clone(), &p.wire);
    }
    let ident = match names::value_ident(wire) {
        Ok(ident) => {
            scope
                .claim(
                    ident,
                    wire,
                    if location == Location::Query {
                        "query"
                    } else {
                        "header"
                    },
                )
                .ident
        }
        Err(err) => {
            cx.error(at, path, err.to_string(), "");
            return;
        }
    };
    let param = Param {
        wire: wire.to_owned(),
        ident,
        location,
        required: s.x_required == Some(true) && s.constant.is_none(),
        ty,
        description: s.description.clone(),
        constant: s.constant.clone(),
        range: s.range(),
        default: s.default.clone(),
    };
    match location {
        Location::Header => op.headers.push(param),
        _ => op.query.push(param),
    }
}

fn apply_one_of(
    cx: &mut Ctx<'_, '_>,
    op: &mut Operation,
    group: &Spanned<Vec<String>>,
    path: &str,
    types: &mut Scope,
) {
    let at = pos(&group.referenced);
    let mut members = Vec::new();
    for wire in &group.value {
        match op
            .query
            .iter()
            .position(|p| &p.wire == wire && !p.required && p.constant.is_none())
        {
            Some(i) => members.push(i),
            None => cx.error(
                at,
                path,
                format!(
                    "`{wire}` is not an optional query parameter of `{}`",
                    op.name
                ),
                "list optional query parameters, of which callers must give at least one",
            ),
        }
    }
    if members.len() < 2 {
        cx.error(
            at,
            path,
            "`x-require-one-of` needs at least two parameters".into(),
            "",
        );
        return;
    }
    let Ok(ident) = names::type_ident(&format!("{}Filter", op.name)) else {
        return;
    };
    let ident = types.claim(ident, &op.name, "Group").ident;
    let mut scope = Scope::new(crate::lower::RESERVED_PARAMS);
    for p in op.path_params.iter().chain(&op.query).chain(&op.headers) {
        let _ = scope.claim_exact(p.ident.clone(), &p.wire);
    }
    let Ok(field) = names::value_ident("filter") else {
        return;
    };
    let field = scope.claim(field, "x-require-one-of", "group").ident;
    op.one_of = Some(OneOf {
        ident,
        field,
        members,
    });
}
