//! Typing file → model: named types, and per-operation parameter types, bodies,
//! responses and requirements.

use std::collections::BTreeMap;

use super::TypingDoc;
use super::operation::apply_operation;
use super::schema::{Defs, Schema, type_of};
use crate::diagnostics::Pos;
use crate::lower::{Ctx, pos};
use crate::model::{Location, Module, NamedKind, Param, TypeDef, TypeDefKind, TypeRef};
use crate::names::{self, Scope};
use crate::spec::Spanned;

pub(crate) fn apply(doc: &TypingDoc, module: &mut Module, cx: &mut Ctx<'_, '_>) {
    let mut types = crate::lower::type_scope();
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
        if let Some(paging) = &typing.value.paginate {
            super::paginate::apply(cx, op, paging, &module.types, &format!("{path}.x-paginate"));
        }
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
pub(super) fn fields(
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
