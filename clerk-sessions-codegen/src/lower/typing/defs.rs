//! The named types of a typing file (`$defs`): ID newtypes, enums, structs
//! (some of which also decode from a bare array) and tagged unions, and the
//! fields of object schemas.

use std::collections::{BTreeMap, BTreeSet};

use super::schema::{Defs, alternatives, bounds, described, nullable, type_names, type_of};
use crate::diagnostics::Pos;
use crate::lower::Ctx;
use crate::lower::reader::pos;
use crate::model::{ArrayField, Location, NamedKind, Param, TypeDef, TypeDefKind, TypeRef};
use crate::names::{self, Scope, own};
use crate::spec::Spanned;
use crate::spec::typing::{Entries, Schema};

/// First pass: the name and kind of every `$defs` entry, so `$ref`s resolve
/// in any order. Names are claimed in `scope`, where the operations' request
/// builders already are.
pub(crate) fn collect(
    cx: &mut Ctx<'_, '_>,
    defs: Option<&Entries<Spanned<Schema>>>,
    scope: &mut Scope,
) -> Defs {
    let mut named = BTreeMap::new();
    let mut unions = BTreeSet::new();
    let mut required = BTreeMap::new();
    for (name, schema) in defs.iter().flat_map(|d| &d.0) {
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
        // A name the generated code uses itself (`Client`) gets a suffix
        // (`ClientType`); two `$defs` names that convert alike are an error.
        let ident = match scope.claim_distinct(ident, name, own::suffix::DEF_TYPE) {
            Ok(claimed) => claimed.ident,
            Err(clash) => {
                cx.error(
                    at,
                    &format!("$defs.{name}"),
                    format!("type names collide: {clash}"),
                    "rename the type",
                );
                continue;
            }
        };
        let s = &schema.value;
        let kind = if s.enumeration.is_some() {
            NamedKind::Enum
        } else if type_names(s) == ["string"] {
            NamedKind::Id
        } else {
            NamedKind::Object
        };
        if kind == NamedKind::Object && (s.discriminator.is_some() || is_untagged(s)) {
            unions.insert(ident.clone());
        }
        required.insert(name.clone(), s.required.as_ref().map_or(0, Vec::len));
        named.insert(name.clone(), (ident, kind));
    }
    Defs {
        named,
        unions,
        required,
    }
}

/// A union without a `discriminator`: several members in `oneOf`/`anyOf`.
fn is_untagged(s: &Schema) -> bool {
    s.discriminator.is_none() && alternatives(s).len() > 1
}

/// Second pass: one named type, or `None` after reporting why it cannot be one.
pub(crate) fn lower(
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
        NamedKind::Object if is_untagged(s) => lower_untagged(cx, defs, s, &path),
        NamedKind::Object => {
            let fields = fields(cx, defs, s, at, &path, Location::Body);
            match &s.bare_array {
                None => TypeDefKind::Struct { fields },
                Some(field) => object_or_array(cx, fields, field, at, &path),
            }
        }
    };
    Some(TypeDef {
        ident,
        description: described(s),
        kind,
    })
}

/// A struct whose `field` a bare JSON array fills (`x-bare-array`).
fn object_or_array(
    cx: &mut Ctx<'_, '_>,
    mut fields: Vec<Param>,
    field: &str,
    at: Pos,
    path: &str,
) -> TypeDefKind {
    let index = fields
        .iter()
        .position(|f| f.wire == field && matches!(f.ty, TypeRef::Array(_)));
    let others_ok = fields
        .iter()
        .filter(|f| f.wire != field)
        .all(|f| !f.required || matches!(f.ty, TypeRef::Integer | TypeRef::UInt32));
    let Some(index) = index.filter(|_| others_ok) else {
        cx.error(
            at,
            &format!("{path}.x-bare-array"),
            format!("`x-bare-array: {field}` needs an array property `{field}`, and other properties optional or integer counts"),
            "a bare JSON array fills that property; counts become its length",
        );
        return TypeDefKind::Struct { fields };
    };
    let after = fields.split_off(index + 1);
    let array = fields.pop();
    let Some(Param {
        wire,
        ident,
        ty: TypeRef::Array(item),
        required,
        description,
        ..
    }) = array
    else {
        // `index` is the position of an array field.
        return TypeDefKind::Struct { fields };
    };
    TypeDefKind::ObjectOrArray {
        before: fields,
        items: ArrayField {
            wire,
            ident,
            item: *item,
            required,
            description,
        },
        after,
    }
}

fn lower_enum(cx: &mut Ctx<'_, '_>, s: &Schema, at: Pos, path: &str) -> Option<TypeDefKind> {
    let open = s.open == Some(true);
    let mut scope = own::variant_scope(open);
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
        match own::variant(text) {
            Ok(ident) => match scope.claim_exact(ident, text) {
                Ok(ident) => variants.push((text.to_owned(), ident)),
                Err(clash) => cx.error(
                    at,
                    path,
                    format!("enum variants collide: {clash}"),
                    "enum values must stay distinct once converted to Rust names; drop or merge one",
                ),
            },
            Err(err) => cx.error(at, path, err.to_string(), "enum values need a letter or digit"),
        }
    }
    if variants.is_empty() {
        cx.error(
            at,
            path,
            "an enum needs at least one value".into(),
            "list the values under `enum:`",
        );
        return None;
    }
    Some(TypeDefKind::Enum { variants, open })
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
            Some((ident, NamedKind::Object)) if !defs.unions.contains(ident) => {
                let variant = names::type_ident(tag).unwrap_or_else(|_| ident.clone());
                variants.push((tag.clone(), variant, ident.clone()));
            }
            _ => cx.error(
                at,
                &format!("{path}.discriminator.mapping.{tag}"),
                format!("`{reference}` is not an object type of this file"),
                "map each tag value to a `#/$defs/..` object with properties (not another union)",
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

/// A union without a tag: one variant per member, named after its type
/// (`List` for an array), tried in turn when decoding, the member requiring
/// the most properties first (a member that requires fewer would also accept
/// the fields of a richer one and drop the rest).
fn lower_untagged(cx: &mut Ctx<'_, '_>, defs: &Defs, s: &Schema, path: &str) -> TypeDefKind {
    let keyword = if s.one_of.is_some() { "oneOf" } else { "anyOf" };
    let mut scope = Scope::new(&[]);
    let mut variants = Vec::new();
    for (i, member) in alternatives(s).into_iter().enumerate() {
        let member_path = format!("{path}.{keyword}.{i}");
        let ty = type_of(
            cx,
            defs,
            &member.value,
            pos(&member.referenced),
            &member_path,
        );
        let named = match &ty {
            TypeRef::Named(ident, _) => Some(ident),
            _ => None,
        };
        let required = member
            .value
            .reference
            .as_deref()
            .and_then(|r| r.rsplit('/').next())
            .and_then(|key| defs.required.get(key))
            .copied()
            .unwrap_or(0);
        let base = match own::union_variant(named, matches!(ty, TypeRef::Array(_))) {
            Ok(base) => base,
            Err(err) => {
                cx.error(pos(&member.referenced), &member_path, err.to_string(), "");
                continue;
            }
        };
        let ident = scope.claim(base, &member_path, own::suffix::VARIANT).ident;
        variants.push((required, i, ident, ty));
    }
    // Most required properties first; the document's order among equals.
    variants.sort_by_key(|(required, i, ..)| (std::cmp::Reverse(*required), *i));
    TypeDefKind::Untagged {
        variants: variants
            .into_iter()
            .map(|(_, _, ident, ty)| (ident, ty))
            .collect(),
    }
}

/// The properties of an object schema, as params at `location`.
pub(crate) fn fields(
    cx: &mut Ctx<'_, '_>,
    defs: &Defs,
    s: &Schema,
    at: Pos,
    path: &str,
    location: Location,
) -> Vec<Param> {
    let required: BTreeSet<&str> = s.required.iter().flatten().map(String::as_str).collect();
    let mut scope = Scope::new(&[]);
    let mut out = Vec::new();
    for (wire, prop) in s.properties.iter().flat_map(|p| &p.0) {
        let prop_at = pos(&prop.referenced);
        let prop_path = format!("{path}.properties.{wire}");
        let ident = match names::value_ident(wire) {
            Ok(ident) => scope.claim(ident, wire, own::suffix::FIELD).ident,
            Err(err) => {
                cx.error(
                    prop_at,
                    &prop_path,
                    err.to_string(),
                    "give the property a name with letters or digits",
                );
                continue;
            }
        };
        let p = &prop.value;
        let ty = type_of(cx, defs, p, prop_at, &prop_path);
        out.push(Param {
            wire: wire.clone(),
            ident,
            location,
            required: required.contains(wire.as_str()) && !nullable(p),
            range: bounds(cx, p, &ty, prop_at, &prop_path),
            ty,
            description: described(p),
            constant: None,
            default: p.default.clone(),
            joined: None,
        });
    }
    let properties: BTreeSet<&str> = s
        .properties
        .iter()
        .flat_map(|p| &p.0)
        .map(|(wire, _)| wire.as_str())
        .collect();
    for name in s.required.iter().flatten() {
        if !properties.contains(name.as_str()) {
            cx.error(
                at,
                &format!("{path}.required"),
                format!("`{name}` is required but not a property"),
                "add the property, or remove it from `required`",
            );
        }
    }
    out
}
