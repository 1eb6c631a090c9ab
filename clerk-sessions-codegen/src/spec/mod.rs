//! A serde mirror of a naftiko capability file, field for field, with no logic.
//!
//! This module and [`typing`] are the only ones that know how the YAML is
//! read, within the limits of [`crate::limits`]. Every value keeps its
//! source position ([`Spanned`]) so that lowering can point at the exact line of a
//! problem. Scalars are read leniently as [`Scalar`] (any string, number, boolean
//! or null): a value of the wrong type is reported by lowering, together with every
//! other problem, rather than aborting the parse. Unknown keys are ignored, the way
//! the naftiko engine reads these files.

// The mirror keeps every key of the format, including the ones lowering only
// skips (labels, exposes): it documents what the files may hold.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt;

pub(crate) use crate::yaml::Spanned;
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

pub(crate) mod typing;

/// A YAML file could not be read at all (malformed YAML, a mapping where a
/// list belongs, or a limit of [`crate::limits`] reached). Lowering problems
/// are reported separately.
#[derive(Debug)]
pub(crate) struct ParseError {
    pub(crate) line: u64,
    pub(crate) column: u64,
    pub(crate) message: String,
    /// Whether a limit was reached rather than the YAML being malformed.
    pub(crate) limit: bool,
}

/// Parses the text of a capability file.
pub(crate) fn parse(text: &str) -> Result<Node<Document>, ParseError> {
    from_str(text)
}

/// Parses YAML text into `T`, within the limits of [`crate::limits`].
pub(crate) fn from_str<T: de::DeserializeOwned>(text: &str) -> Result<T, ParseError> {
    crate::yaml::from_str(text).map_err(|err| ParseError {
        line: err.at.line().max(1),
        column: err.at.column().max(1),
        message: err.message,
        limit: err.limit,
    })
}

/// A mapping (or list) of this file's shape, read with its position.
pub(crate) type Node<T> = Spanned<Shaped<T>>;

/// A list of mappings, read with positions.
pub(crate) type List<T> = Spanned<Shaped<Vec<Node<T>>>>;

/// A value where the format puts a mapping or a list. When the file has
/// something else there, what it has is kept instead of failing the whole
/// parse, so that lowering reports it with every other problem.
#[derive(Debug)]
pub(crate) enum Shaped<T> {
    /// The value has the expected shape.
    Ok(T),
    /// It does not: what it is instead ("a string", "a list", ...).
    Wrong(&'static str),
}

/// Whether a type is read from a YAML mapping or a YAML list.
pub(crate) trait Shape {
    /// `true` for mappings, `false` for lists.
    const MAPPING: bool;
}

impl<T> Shape for Vec<T> {
    const MAPPING: bool = false;
}
impl<K, V> Shape for BTreeMap<K, V> {
    const MAPPING: bool = true;
}

impl<'de, T: Deserialize<'de> + Shape> Deserialize<'de> for Shaped<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ShapedVisitor(std::marker::PhantomData))
    }
}

struct ShapedVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de> + Shape> Visitor<'de> for ShapedVisitor<T> {
    type Value = Shaped<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if T::MAPPING { "a mapping" } else { "a list" })
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        if T::MAPPING {
            return T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Shaped::Ok);
        }
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Shaped::Wrong("a mapping"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        if !T::MAPPING {
            return T::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Shaped::Ok);
        }
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Shaped::Wrong("a list"))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Shaped::Wrong("a string"))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Shaped::Wrong("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Shaped::Wrong("an integer"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Shaped::Wrong("an integer"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Shaped::Wrong("a number"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Shaped::Wrong("null"))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Shaped::Wrong("null"))
    }
}

/// Implements [`Shape`] for the mappings of the format.
macro_rules! mappings {
    ($($t:ty),*) => {
        $(impl Shape for $t {
            const MAPPING: bool = true;
        })*
    };
}

mappings!(
    Document,
    Info,
    Bind,
    Capability,
    Consumes,
    Resource,
    Operation,
    InputParameter
);

/// The root of a capability file.
#[derive(Debug, Deserialize)]
pub(crate) struct Document {
    pub(crate) naftiko: Option<Spanned<Scalar>>,
    pub(crate) info: Option<Node<Info>>,
    pub(crate) binds: Option<List<Bind>>,
    pub(crate) consumes: Option<List<Consumes>>,
    pub(crate) imports: Option<Spanned<IgnoredAny>>,
    pub(crate) capability: Option<Node<Capability>>,
}

/// `info:`: documentation only.
#[derive(Debug, Deserialize)]
pub(crate) struct Info {
    pub(crate) label: Option<Spanned<Scalar>>,
    pub(crate) description: Option<Spanned<Scalar>>,
}

/// One entry of `binds:`.
#[derive(Debug, Deserialize)]
pub(crate) struct Bind {
    pub(crate) namespace: Option<Spanned<Scalar>>,
    pub(crate) keys: Option<Node<BTreeMap<String, Spanned<Scalar>>>>,
    pub(crate) location: Option<Spanned<Scalar>>,
}

/// `capability:`.
#[derive(Debug, Deserialize)]
pub(crate) struct Capability {
    pub(crate) description: Option<Spanned<Scalar>>,
    pub(crate) binds: Option<List<Bind>>,
    pub(crate) consumes: Option<List<Consumes>>,
    pub(crate) exposes: Option<Spanned<IgnoredAny>>,
    pub(crate) aggregates: Option<Spanned<IgnoredAny>>,
}

/// One entry of `consumes:`: an HTTP adapter, or an adapter imported from another file.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Consumes {
    #[serde(rename = "type")]
    pub(crate) kind: Option<Spanned<Scalar>>,
    pub(crate) namespace: Option<Spanned<Scalar>>,
    pub(crate) base_uri: Option<Spanned<Scalar>>,
    pub(crate) description: Option<Spanned<Scalar>>,
    pub(crate) authentication: Option<Spanned<IgnoredAny>>,
    pub(crate) input_parameters: Option<List<InputParameter>>,
    pub(crate) resources: Option<List<Resource>>,
    /// `ImportedConsumesHttp`: `location`, `import`, `as`.
    pub(crate) location: Option<Spanned<Scalar>>,
    pub(crate) import: Option<Spanned<Scalar>>,
}

/// One entry of `resources:`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Resource {
    pub(crate) name: Option<Spanned<Scalar>>,
    pub(crate) path: Option<Spanned<Scalar>>,
    pub(crate) label: Option<Spanned<Scalar>>,
    pub(crate) description: Option<Spanned<Scalar>>,
    pub(crate) input_parameters: Option<List<InputParameter>>,
    pub(crate) operations: Option<List<Operation>>,
}

/// One entry of `operations:`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Operation {
    pub(crate) name: Option<Spanned<Scalar>>,
    pub(crate) method: Option<Spanned<Scalar>>,
    pub(crate) label: Option<Spanned<Scalar>>,
    pub(crate) description: Option<Spanned<Scalar>>,
    pub(crate) input_parameters: Option<List<InputParameter>>,
    pub(crate) body: Option<Spanned<IgnoredAny>>,
    pub(crate) output_raw_format: Option<Spanned<Scalar>>,
    pub(crate) output_parameters: Option<Spanned<IgnoredAny>>,
}

/// One entry of `inputParameters:`, with the keys Clerk's files use
/// (`type`, `description`, `required`) besides the schema's `name`, `in`, `value`.
#[derive(Debug, Deserialize)]
pub(crate) struct InputParameter {
    pub(crate) name: Option<Spanned<Scalar>>,
    #[serde(rename = "in")]
    pub(crate) location: Option<Spanned<Scalar>>,
    #[serde(rename = "type")]
    pub(crate) kind: Option<Spanned<Scalar>>,
    pub(crate) description: Option<Spanned<Scalar>>,
    pub(crate) required: Option<Spanned<Scalar>>,
    pub(crate) value: Option<Spanned<Scalar>>,
}

/// Any YAML value, read without failing; lowering decides whether it fits.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Scalar {
    /// A string.
    Str(String),
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A float (an unquoted `0.5` version marker reads as one).
    Float(f64),
    /// `~`, `null` or nothing.
    Null,
    /// A sequence where a scalar belongs.
    Seq,
    /// A mapping where a scalar belongs.
    Map,
}

impl Scalar {
    /// What the value is, for messages ("a string", "a list", ...).
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Scalar::Str(_) => "a string",
            Scalar::Bool(_) => "a boolean",
            Scalar::Int(_) => "an integer",
            Scalar::Float(_) => "a number",
            Scalar::Null => "null",
            Scalar::Seq => "a list",
            Scalar::Map => "a mapping",
        }
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Str(v))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(i64::try_from(v).map_or(Scalar::Float(v as f64), Scalar::Int))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::Float(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Map)
    }
}
