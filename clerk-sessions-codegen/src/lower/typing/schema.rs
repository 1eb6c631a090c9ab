//! How a schema of the typing file becomes a type: the JSON Schema subset
//! of `docs/typing-format.md`.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::Pos;
use crate::lower::Ctx;
use crate::model::{NamedKind, Range, TypeRef};
use crate::names::RustIdent;
use crate::spec::Spanned;
use crate::spec::typing::{Additional, Schema, Types};

/// The named types of a typing file, by `$defs` key.
pub(crate) struct Defs {
    pub(crate) named: BTreeMap<String, (RustIdent, NamedKind)>,
    /// The unions among them, tagged or not.
    pub(crate) unions: BTreeSet<RustIdent>,
    /// How many properties each object requires, by `$defs` key: an untagged
    /// union tries the most demanding of its types first.
    pub(crate) required: BTreeMap<String, usize>,
}

impl Defs {
    /// Resolves `#/$defs/Name`.
    pub(crate) fn resolve(&self, reference: &str) -> Option<&(RustIdent, NamedKind)> {
        let name = reference
            .strip_prefix("#/$defs/")
            .or_else(|| reference.strip_prefix("#/definitions/"))?;
        self.named.get(name)
    }
}

/// The non-null types named by `type`.
pub(crate) fn type_names(schema: &Schema) -> Vec<&str> {
    match &schema.types {
        None => Vec::new(),
        Some(Types::One(t)) => vec![t.as_str()],
        Some(Types::Many(ts)) => ts
            .iter()
            .map(String::as_str)
            .filter(|t| *t != "null")
            .collect(),
    }
}

/// Whether `null` is allowed (`type: [x, 'null']` or `anyOf: [x, {type: 'null'}]`).
pub(crate) fn nullable(schema: &Schema) -> bool {
    let in_types = matches!(&schema.types, Some(Types::Many(ts)) if ts.iter().any(|t| t == "null"));
    let in_any = schema.any_of.iter().flatten().any(|s| is_null(&s.value));
    in_types || in_any
}

fn is_null(schema: &Schema) -> bool {
    matches!(&schema.types, Some(Types::One(t)) if t == "null")
}

/// The description of a schema, with a `Deprecated.` note when it is.
pub(crate) fn described(schema: &Schema) -> Option<String> {
    deprecated_note(schema.description.clone(), schema.deprecated == Some(true))
}

/// `text`, followed by a `Deprecated.` paragraph when `deprecated`.
pub(crate) fn deprecated_note(text: Option<String>, deprecated: bool) -> Option<String> {
    match (text, deprecated) {
        (text, false) => text,
        (None, true) => Some(DEPRECATED.to_owned()),
        (Some(text), true) => Some(format!("{}\n\n{DEPRECATED}", text.trim_end())),
    }
}

/// The note on a deprecated operation, type, field or parameter (no
/// `#[deprecated]`, which would warn in the generated code itself).
const DEPRECATED: &str = "Deprecated.";

/// Bounds and length constraints. An integer is at least the smallest
/// integer at or above `minimum` (and at most the largest at or below
/// `maximum`); bounds beyond `i64` saturate.
fn range(schema: &Schema) -> Range {
    // `as` saturates (and maps NaN to 0, which a YAML number cannot be).
    Range {
        min: schema.minimum.map(|v| v.ceil() as i64),
        max: schema.maximum.map(|v| v.floor() as i64),
        min_length: schema.min_length,
    }
}

/// The bounds of a field or parameter of type `ty`, with a warning when
/// they cannot be checked (only integers are).
pub(crate) fn bounds(
    cx: &mut Ctx<'_, '_>,
    schema: &Schema,
    ty: &TypeRef,
    at: Pos,
    path: &str,
) -> Range {
    let range = range(schema);
    let integer = matches!(ty, TypeRef::Integer | TypeRef::UInt32);
    if !integer && (range.min.is_some() || range.max.is_some()) {
        cx.warning(
            at,
            path,
            "`minimum` and `maximum` are checked only on integers; here they are documented only"
                .into(),
            "",
        );
    }
    range
}

/// The type of a schema used as a field, parameter or response.
/// Object schemas with properties and enums must be named in `$defs`;
/// `x-secret` makes a string (or an array of strings) a `Secret`.
pub(crate) fn type_of(
    cx: &mut Ctx<'_, '_>,
    defs: &Defs,
    schema: &Schema,
    at: Pos,
    path: &str,
) -> TypeRef {
    let ty = plain_type_of(cx, defs, schema, at, path);
    if schema.secret != Some(true) {
        return ty;
    }
    match ty {
        TypeRef::String => TypeRef::Secret(Box::new(ty)),
        TypeRef::Array(item) if *item == TypeRef::String => {
            TypeRef::Secret(Box::new(TypeRef::Array(item)))
        }
        other => {
            cx.warning(
                at,
                path,
                "`x-secret` applies to strings and arrays of strings; ignored here".into(),
                "",
            );
            other
        }
    }
}

/// The members of a schema's `anyOf` and `oneOf` but `null`.
pub(crate) fn alternatives(schema: &Schema) -> Vec<&Spanned<Schema>> {
    schema
        .any_of
        .iter()
        .chain(schema.one_of.iter())
        .flatten()
        .filter(|s| !is_null(&s.value))
        .collect()
}

/// [`type_of`] without `x-secret`.
fn plain_type_of(
    cx: &mut Ctx<'_, '_>,
    defs: &Defs,
    schema: &Schema,
    at: Pos,
    path: &str,
) -> TypeRef {
    if let Some(reference) = &schema.reference {
        return reference_type(cx, defs, reference, at, path);
    }
    match alternatives(schema).as_slice() {
        [] => {}
        [only] => return type_of(cx, defs, &only.value, at, path),
        _ => {
            cx.error(
                at,
                path,
                "a union of several types must be a named `$defs` entry".into(),
                "move it to `$defs` (with a `discriminator: {propertyName: ..}` if a property tells its members apart)",
            );
            return TypeRef::Json;
        }
    }
    if schema.enumeration.is_some() {
        cx.error(
            at,
            path,
            "enums must be named".into(),
            "move this schema to `$defs` and refer to it with `$ref: '#/$defs/Name'`",
        );
        return TypeRef::String;
    }
    if let Some(constant) = &schema.constant {
        return match constant {
            serde_json::Value::Bool(_) => TypeRef::Boolean,
            serde_json::Value::Number(n) if n.is_i64() => TypeRef::Integer,
            serde_json::Value::Number(_) => TypeRef::Number,
            _ => TypeRef::String,
        };
    }
    typed(cx, defs, schema, at, path)
}

fn reference_type(
    cx: &mut Ctx<'_, '_>,
    defs: &Defs,
    reference: &str,
    at: Pos,
    path: &str,
) -> TypeRef {
    match defs.resolve(reference) {
        Some((ident, kind)) => TypeRef::Named(ident.clone(), *kind),
        None => {
            cx.error(
                at,
                path,
                format!("`$ref: {reference}` names no type of this file"),
                "refer to a `$defs` entry as `#/$defs/Name`",
            );
            TypeRef::Json
        }
    }
}

/// The type a schema's `type` keyword gives.
fn typed(cx: &mut Ctx<'_, '_>, defs: &Defs, schema: &Schema, at: Pos, path: &str) -> TypeRef {
    match type_names(schema).as_slice() {
        [] => TypeRef::Json,
        ["string"] => TypeRef::String,
        ["integer"] if schema.format.as_deref() == Some("uint32") => TypeRef::UInt32,
        ["integer"] => TypeRef::Integer,
        ["number"] => TypeRef::Number,
        ["boolean"] => TypeRef::Boolean,
        ["array"] => match &schema.items {
            Some(items) => TypeRef::Array(Box::new(type_of(cx, defs, &items.value, at, path))),
            None => TypeRef::Array(Box::new(TypeRef::Json)),
        },
        ["object"] => {
            if schema.properties.as_ref().is_some_and(|p| !p.0.is_empty()) {
                cx.error(
                    at,
                    path,
                    "object schemas with `properties` must be named".into(),
                    "move this schema to `$defs` and refer to it with `$ref: '#/$defs/Name'`",
                );
                return TypeRef::Json;
            }
            match &schema.additional_properties {
                Some(Additional::Schema(inner)) => {
                    TypeRef::Map(Box::new(type_of(cx, defs, &inner.value, at, path)))
                }
                _ => TypeRef::Json,
            }
        }
        other => {
            cx.error(
                at,
                path,
                format!("unsupported `type: {}`", other.join(", ")),
                "use string, integer, number, boolean, array or object (plus 'null')",
            );
            TypeRef::Json
        }
    }
}
