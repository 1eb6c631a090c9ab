//! The JSON Schema subset of typing files, and how a schema becomes a type.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};

use super::Entries;
use crate::diagnostics::Pos;
use crate::lower::Ctx;
use crate::model::{NamedKind, Range, TypeRef};
use crate::names::RustIdent;
use crate::spec::Spanned;

/// A schema, as read. Unknown keywords are ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Schema {
    #[serde(rename = "$ref")]
    pub(crate) reference: Option<String>,
    #[serde(rename = "type")]
    pub(crate) types: Option<Types>,
    pub(crate) description: Option<String>,
    pub(crate) format: Option<String>,
    #[serde(rename = "enum")]
    pub(crate) enumeration: Option<Vec<serde_json::Value>>,
    #[serde(rename = "const")]
    pub(crate) constant: Option<serde_json::Value>,
    pub(crate) default: Option<serde_json::Value>,
    pub(crate) minimum: Option<f64>,
    pub(crate) maximum: Option<f64>,
    pub(crate) min_length: Option<u64>,
    pub(crate) properties: Option<Entries<Spanned<Schema>>>,
    pub(crate) required: Option<Vec<String>>,
    pub(crate) items: Option<Box<Spanned<Schema>>>,
    pub(crate) additional_properties: Option<Additional>,
    pub(crate) any_of: Option<Vec<Spanned<Schema>>>,
    pub(crate) one_of: Option<Vec<Spanned<Schema>>>,
    pub(crate) discriminator: Option<Discriminator>,
    #[serde(rename = "x-open")]
    pub(crate) open: Option<bool>,
    #[serde(rename = "x-bare-array")]
    pub(crate) bare_array: Option<String>,
    /// For extra operation parameters: where they go.
    #[serde(rename = "in")]
    pub(crate) location: Option<String>,
    /// For extra operation parameters: whether callers must give them.
    #[serde(rename = "x-required")]
    pub(crate) x_required: Option<bool>,
}

/// `type: string` or `type: [string, 'null']`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum Types {
    One(String),
    Many(Vec<String>),
}

/// OpenAPI's `discriminator`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Discriminator {
    pub(crate) property_name: String,
    #[serde(default)]
    pub(crate) mapping: BTreeMap<String, String>,
}

/// `additionalProperties`: `false`, `true` or a schema.
#[derive(Debug)]
pub(crate) enum Additional {
    /// `true` or `false`: whether other keys are allowed (not enforced by the client).
    #[allow(dead_code)]
    Allowed(bool),
    Schema(Box<Spanned<Schema>>),
}

impl<'de> Deserialize<'de> for Additional {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AdditionalVisitor;
        impl<'de> Visitor<'de> for AdditionalVisitor {
            type Value = Additional;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a boolean or a schema")
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Additional, E> {
                Ok(Additional::Allowed(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Additional, A::Error> {
                let schema =
                    Schema::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Additional::Schema(Box::new(Spanned::new(
                    schema,
                    serde_saphyr::Location::UNKNOWN,
                    serde_saphyr::Location::UNKNOWN,
                ))))
            }
        }
        deserializer.deserialize_any(AdditionalVisitor)
    }
}

impl Schema {
    /// The non-null types named by `type`.
    pub(crate) fn type_names(&self) -> Vec<&str> {
        match &self.types {
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
    pub(crate) fn nullable(&self) -> bool {
        let in_types =
            matches!(&self.types, Some(Types::Many(ts)) if ts.iter().any(|t| t == "null"));
        let in_any = self
            .any_of
            .iter()
            .flatten()
            .any(|s| matches!(&s.value.types, Some(Types::One(t)) if t == "null"));
        in_types || in_any
    }

    /// Bounds and length constraints.
    pub(crate) fn range(&self) -> Range {
        Range {
            min: self.minimum.map(|v| v as i64),
            max: self.maximum.map(|v| v as i64),
            min_length: self.min_length,
        }
    }
}

/// The named types of a typing file, by `$defs` key.
pub(crate) struct Defs {
    pub(crate) named: BTreeMap<String, (RustIdent, NamedKind)>,
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

/// The type of a schema used as a field, parameter or response.
/// Object schemas with properties and enums must be named in `$defs`.
pub(crate) fn type_of(
    cx: &mut Ctx<'_, '_>,
    defs: &Defs,
    schema: &Schema,
    at: Pos,
    path: &str,
) -> TypeRef {
    if let Some(reference) = &schema.reference {
        return match defs.resolve(reference) {
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
        };
    }
    let alternatives: Vec<&Spanned<Schema>> = schema
        .any_of
        .iter()
        .chain(schema.one_of.iter())
        .flatten()
        .filter(|s| !matches!(&s.value.types, Some(Types::One(t)) if t == "null"))
        .collect();
    match alternatives.as_slice() {
        [] => {}
        [only] => return type_of(cx, defs, &only.value, at, path),
        _ => {
            cx.error(
                at,
                path,
                "a union of several types must be a named `$defs` entry with a `discriminator`"
                    .into(),
                "move it to `$defs` and add `discriminator: {propertyName: ..}`",
            );
            return TypeRef::Json;
        }
    }
    if schema.enumeration.is_some() {
        cx.error(
            at,
            path,
            "enums must be named: move this schema to `$defs` and refer to it with `$ref`".into(),
            "",
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
    match schema.type_names().as_slice() {
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
                    "object schemas with `properties` must be named: move this schema to `$defs`"
                        .into(),
                    "",
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
