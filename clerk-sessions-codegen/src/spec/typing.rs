//! A serde mirror of a typing file (`<stem>.types.yaml`, described in
//! `docs/typing-format.md`): JSON Schemas (in YAML) for request bodies and
//! responses, named types (`$defs`), enums, constraints and the query
//! parameters a capability file lacks. Field for field, with source positions
//! and no logic; lowering reads it together with the capability file.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};

use super::{ParseError, Scalar, Spanned};

/// Parses the text of a typing file.
pub(crate) fn parse(text: &str) -> Result<Spanned<TypingDoc>, ParseError> {
    super::from_str(text)
}

/// The root of a typing file.
#[derive(Debug, Deserialize)]
pub(crate) struct TypingDoc {
    pub(crate) typing: Option<Spanned<Scalar>>,
    pub(crate) namespace: Option<Spanned<String>>,
    pub(crate) auth: Option<Spanned<AuthTyping>>,
    #[serde(rename = "$defs")]
    pub(crate) defs: Option<Entries<Spanned<Schema>>>,
    pub(crate) operations: Option<Entries<Spanned<OperationTyping>>>,
}

/// `auth`: how requests are authenticated, where the `binds` cannot say.
#[derive(Debug, Deserialize)]
pub(crate) struct AuthTyping {
    /// `secret-key`, `frontend` or `none`.
    pub(crate) scheme: String,
    /// The variable holding the key.
    pub(crate) env: Option<String>,
}

/// What the typing file says about one operation.
#[derive(Debug, Deserialize)]
pub(crate) struct OperationTyping {
    /// The full text, where the spec's may be cut short.
    pub(crate) description: Option<String>,
    pub(crate) deprecated: Option<bool>,
    pub(crate) parameters: Option<Entries<Spanned<Schema>>>,
    pub(crate) body: Option<Spanned<BodyTyping>>,
    pub(crate) response: Option<Spanned<Schema>>,
    #[serde(rename = "x-require-one-of")]
    pub(crate) require_one_of: Option<Spanned<Vec<String>>>,
    #[serde(rename = "x-idempotent")]
    pub(crate) idempotent: Option<bool>,
    #[serde(rename = "x-response")]
    pub(crate) reply: Option<Spanned<String>>,
    #[serde(rename = "x-auth")]
    pub(crate) auth: Option<Spanned<String>>,
    #[serde(rename = "x-paginate")]
    pub(crate) paginate: Option<Spanned<PaginateTyping>>,
}

/// `x-paginate`: response fields and query parameters of offset paging, by wire name.
#[derive(Debug, Deserialize)]
pub(crate) struct PaginateTyping {
    pub(crate) items: String,
    pub(crate) total: String,
    pub(crate) offset: String,
    pub(crate) limit: Option<String>,
}

/// A request body: its schema and whether it is sent when empty.
#[derive(Debug, Deserialize)]
pub(crate) struct BodyTyping {
    pub(crate) required: Option<bool>,
    #[serde(rename = "content-type")]
    pub(crate) content_type: Option<Spanned<String>>,
    pub(crate) schema: Option<Spanned<Schema>>,
}

/// A YAML mapping, in file order.
#[derive(Debug)]
pub(crate) struct Entries<V>(pub(crate) Vec<(String, V)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Entries<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for EntriesVisitor<V> {
            type Value = Entries<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<String, V>()? {
                    out.push(entry);
                }
                Ok(Entries(out))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(Entries(Vec::new()))
            }
        }
        deserializer.deserialize_map(EntriesVisitor(std::marker::PhantomData))
    }
}

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
    #[serde(rename = "x-secret")]
    pub(crate) secret: Option<bool>,
    /// For query arrays: `form` (default), `spaceDelimited`, `pipeDelimited`.
    pub(crate) style: Option<String>,
    /// For query arrays of `style: form`: `false` joins the items with `,`.
    pub(crate) explode: Option<bool>,
    pub(crate) deprecated: Option<bool>,
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
                    crate::yaml::Location::UNKNOWN,
                ))))
            }
        }
        deserializer.deserialize_any(AdditionalVisitor)
    }
}
