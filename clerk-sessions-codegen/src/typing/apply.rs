//! Typing file → model: named types, and per-operation parameter types, bodies,
//! responses and requirements.

use std::collections::BTreeMap;

use super::schema::{Additional, Defs, Schema, type_of};
use super::{OperationTyping, TypingDoc};
use crate::diagnostics::Pos;
use crate::lower::{Ctx, pos};
use crate::model::{
    Body, Location, Module, NamedKind, OneOf, Operation, Param, TypeDef, TypeDefKind, TypeRef,
};
use crate::names::{self, Scope};
use crate::spec::Spanned;

pub(crate) fn apply(doc: &TypingDoc, module: &mut Module, cx: &mut Ctx<'_, '_>) {
    let mut types = Scope::new(crate::lower::RESERVED_TYPES);
    for op in &module.operations {
        let _ = types.claim_exact(op.builder_ident.clone(), &op.name);
    }
    let defs = collect_defs(doc, cx, &mut types);
    let no_defs = Vec::new();
    for (name, schema) in doc.defs.as_ref().map_or(&no_defs, |d| &d.0) {
        if let Some(def) = lower_def(cx, &defs, name, schema) {
            module.types.push(def);
        }
    }
    let no_ops = Vec::new();
    for (name, typing) in doc.operations.as_ref().map_or(&no_ops, |o| &o.0) {
        let path = format!("operations.{name}");
        let Some(op) = module.operations.iter_mut().find(|op| &op.name == name) else {
            let known: Vec<&str> = module.operations.iter().map(|o| o.name.as_str()).collect();
            cx.error(
                pos(&typing.referenced),
                &path,
                format!("the spec has no operation `{name}`"),
                &format!("operations are named as in the spec: {}", known.join(", ")),
            );
            continue;
        };
        let mut body_types = Vec::new();
        apply_operation(cx, &defs, op, typing, &path, &mut types, &mut body_types);
        module.types.extend(body_types);
    }
}

/// First pass: the name and kind of every `$defs` entry, so `$ref`s resolve in any order.
fn collect_defs(doc: &TypingDoc, cx: &mut Ctx<'_, '_>, scope: &mut Scope) -> Defs {
    let mut named = BTreeMap::new();
    for (name, schema) in doc.defs.iter().flat_map(|d| &d.0) {
        let at = pos(&schema.referenced);
        let ident = match names::type_ident(name) {
            Ok(ident) => ident,
            Err(err) => {
                cx.error(
                    at,
                    &format!("$defs.{name}"),
                    err.to_string(),
                    "name types with letters and digits",
                );
                continue;
            }
        };
        if let Err(clash) = scope.claim_exact(ident.clone(), name) {
            cx.error(
                at,
                &format!("$defs.{name}"),
                format!("type names collide: {clash}"),
                "rename the type",
            );
            continue;
        }
        let s = &schema.value;
        let kind = if s.enumeration.is_some() {
            NamedKind::Enum
        } else if s.type_names() == ["string"] {
            NamedKind::Id
        } else {
            NamedKind::Object
        };
        named.insert(name.clone(), (ident, kind));
    }
    Defs { named }
}

fn lower_def(
    cx: &mut Ctx<'_, '_>,
    defs: &Defs,
    name: &str,
    schema: &Spanned<Schema>,
) -> Option<TypeDef> {
    let (ident, kind) = defs.named.get(name)?.clone();
    let s = &schema.value;
    let at = pos(&schema.referenced);
    let path = format!("$defs.{name}");
    let kind = match kind {
        NamedKind::Enum => lower_enum(cx, s, at, &path)?,
        NamedKind::Id => {
            if s.min_length != Some(1) {
                cx.error(
                    at,
                    &path,
                    "a named string type must be an ID: give it `minLength: 1`".into(),
                    "IDs are opaque non-empty strings; use plain `type: string` fields for other text",
                );
                return None;
            }
            TypeDefKind::Id
        }
        NamedKind::Object if s.discriminator.is_some() => lower_tagged(cx, defs, s, at, &path)?,
        NamedKind::Object => {
            let fields = fields(cx, defs, s, at, &path, Location::Body);
            let bare_array_field = match &s.bare_array {
                None => None,
                Some(field) => {
                    let index = fields
                        .iter()
                        .position(|f| &f.wire == field && matches!(f.ty, TypeRef::Array(_)));
                    let others_ok = fields
                        .iter()
                        .filter(|f| &f.wire != field)
                        .all(|f| !f.required || matches!(f.ty, TypeRef::Integer | TypeRef::UInt32));
                    if index.is_none() || !others_ok {
                        cx.error(
                            at,
                            &format!("{path}.x-bare-array"),
                            format!("`x-bare-array: {field}` needs an array property `{field}`, and other properties optional or integer counts"),
                            "a bare JSON array fills that property; counts become its length",
                        );
                    }
                    index
                }
            };
            TypeDefKind::Struct {
                fields,
                bare_array_field,
            }
        }
    };
    Some(TypeDef {
        ident,
        description: s.description.clone(),
        kind,
    })
}

fn lower_enum(cx: &mut Ctx<'_, '_>, s: &Schema, at: Pos, path: &str) -> Option<TypeDefKind> {
    let mut scope = Scope::new(if s.open == Some(true) {
        &["Unknown"]
    } else {
        &[]
    });
    let mut variants = Vec::new();
    for value in s.enumeration.iter().flatten() {
        let Some(text) = value.as_str() else {
            cx.error(
                at,
                path,
                format!("enum values must be strings, found `{value}`"),
                "quote the value",
            );
            continue;
        };
        match names::type_ident(text) {
            Ok(ident) => match scope.claim_exact(ident, text) {
                Ok(ident) => variants.push((text.to_owned(), ident)),
                Err(clash) => cx.error(at, path, format!("enum variants collide: {clash}"), ""),
            },
            Err(err) => cx.error(
                at,
                path,
                err.to_string(),
                "enum values need a letter or digit",
            ),
        }
    }
    if variants.is_empty() {
        cx.error(at, path, "an enum needs at least one value".into(), "");
        return None;
    }
    Some(TypeDefKind::Enum {
        variants,
        open: s.open == Some(true),
    })
}

fn lower_tagged(
    cx: &mut Ctx<'_, '_>,
    defs: &Defs,
    s: &Schema,
    at: Pos,
    path: &str,
) -> Option<TypeDefKind> {
    let disc = s.discriminator.as_ref()?;
    let mut variants = Vec::new();
    for (tag, reference) in &disc.mapping {
        match defs.resolve(reference) {
            Some((ident, NamedKind::Object)) => {
                let variant = names::type_ident(tag).unwrap_or_else(|_| ident.clone());
                variants.push((tag.clone(), variant, ident.clone()));
            }
            _ => cx.error(
                at,
                &format!("{path}.discriminator.mapping.{tag}"),
                format!("`{reference}` is not an object type of this file"),
                "map each tag value to a `#/$defs/..` object",
            ),
        }
    }
    if variants.is_empty() {
        cx.error(
            at,
            path,
            "a discriminator needs a `mapping`".into(),
            "map each tag value to a `$defs` object",
        );
        return None;
    }
    Some(TypeDefKind::Tagged {
        tag: disc.property_name.clone(),
        variants,
    })
}

/// The properties of an object schema, as body-located params.
fn fields(
    cx: &mut Ctx<'_, '_>,
    defs: &Defs,
    s: &Schema,
    at: Pos,
    path: &str,
    location: Location,
) -> Vec<Param> {
    let required = s.required.clone().unwrap_or_default();
    let mut scope = Scope::new(&[]);
    let mut out = Vec::new();
    for (wire, prop) in s.properties.iter().flat_map(|p| &p.0) {
        let prop_at = pos(&prop.referenced);
        let prop_path = format!("{path}.properties.{wire}");
        let ident = match names::value_ident(wire) {
            Ok(ident) => scope.claim(ident, wire, "field").ident,
            Err(err) => {
                cx.error(prop_at, &prop_path, err.to_string(), "");
                continue;
            }
        };
        let p = &prop.value;
        out.push(Param {
            wire: wire.clone(),
            ident,
            location,
            required: required.contains(wire) && !p.nullable(),
            ty: type_of(cx, defs, p, prop_at, &prop_path),
            description: p.description.clone(),
            constant: None,
            range: p.range(),
            default: p.default.clone(),
        });
    }
    for name in &required {
        if !out.iter().any(|f| &f.wire == name) {
            cx.error(
                at,
                &format!("{path}.required"),
                format!("`{name}` is required but not a property"),
                "",
            );
        }
    }
    out
}

fn apply_operation(
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
    op.one_of = Some(OneOf { ident, members });
}
