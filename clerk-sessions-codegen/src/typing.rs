//! The typing file: what a capability YAML cannot say.
//!
//! Beside `foo.yaml`, `foo.types.yaml` gives JSON Schemas (in YAML) for request
//! bodies and responses, named types (`$defs`), enums, constraints and the query
//! parameters the YAML lacks. The format is described in `docs/typing-format.md`.
//! This module mirrors the file (serde, with source positions); `apply` lowers it
//! onto a [`Module`] of the model.

mod apply;
mod operation;
mod paginate;
mod schema;

use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};

use crate::diagnostics::{Diagnostics, Pos, Sink};
use crate::lower::{Ctx, pos};
use crate::model::Module;
use crate::spec::{Scalar, Spanned};

pub(crate) use schema::Schema;

/// A parsed typing file.
#[derive(Debug)]
pub struct Typing {
    file: String,
    source: String,
    doc: Spanned<TypingDoc>,
}

/// The root of a typing file.
#[derive(Debug, Deserialize)]
pub(crate) struct TypingDoc {
    pub(crate) typing: Option<Spanned<Scalar>>,
    pub(crate) namespace: Option<Spanned<String>>,
    #[serde(rename = "$defs")]
    pub(crate) defs: Option<Entries<Spanned<Schema>>>,
    pub(crate) operations: Option<Entries<Spanned<OperationTyping>>>,
}

/// What the typing file says about one operation.
#[derive(Debug, Deserialize)]
pub(crate) struct OperationTyping {
    pub(crate) parameters: Option<Entries<Spanned<Schema>>>,
    pub(crate) body: Option<Spanned<BodyTyping>>,
    pub(crate) response: Option<Spanned<Schema>>,
    #[serde(rename = "x-require-one-of")]
    pub(crate) require_one_of: Option<Spanned<Vec<String>>>,
    #[serde(rename = "x-idempotent")]
    pub(crate) idempotent: Option<bool>,
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

/// Parses a typing file; problems are returned as diagnostics.
pub(crate) fn parse(file: &str, text: &str) -> (Option<Typing>, Diagnostics) {
    let mut sink = Sink::new(file, text);
    match serde_saphyr::from_str::<Spanned<TypingDoc>>(text) {
        Ok(doc) => {
            match doc.value.typing.as_ref().map(|t| &t.value) {
                Some(Scalar::Int(1)) => {}
                other => {
                    let at = doc
                        .value
                        .typing
                        .as_ref()
                        .map_or(pos(&doc.referenced), |t| pos(&t.referenced));
                    let found = other.map_or("nothing".to_owned(), |s| format!("{s:?}"));
                    sink.error(
                        at,
                        "typing",
                        format!("unsupported typing file version: {found}"),
                        "start the typing file with `typing: 1`",
                    );
                }
            }
            let typing = Typing {
                file: file.to_owned(),
                source: text.to_owned(),
                doc,
            };
            (Some(typing), sink.diagnostics)
        }
        Err(err) => {
            let at = err.location().map_or(Pos { line: 1, column: 1 }, |l| Pos {
                line: l.line(),
                column: l.column(),
            });
            let message = err.to_string();
            let first = message.lines().next().unwrap_or("invalid YAML");
            sink.error(
                at,
                "",
                format!("invalid typing file: {first}"),
                "fix the YAML; see docs/typing-format.md",
            );
            (None, sink.diagnostics)
        }
    }
}

/// A typing document built in memory (derived from OpenAPI): no text, so
/// its diagnostics name `file` and the path inside the document.
#[cfg(feature = "openapi")]
pub(crate) fn from_node(
    file: &str,
    node: crate::openapi::node::Node,
) -> (Option<Typing>, Diagnostics) {
    match <Spanned<TypingDoc> as Deserialize>::deserialize(node) {
        Ok(doc) => {
            let typing = Typing {
                file: file.to_owned(),
                source: String::new(),
                doc,
            };
            (Some(typing), Diagnostics::default())
        }
        Err(err) => {
            let mut sink = Sink::new(file, "");
            sink.error(
                Pos { line: 1, column: 1 },
                "",
                format!("the derived typing document does not read as one: {err}"),
                "this is a bug of the deriver; please report it",
            );
            (None, sink.diagnostics)
        }
    }
}

impl Typing {
    /// The typing for the adapter with this namespace: the file's `namespace`
    /// must match, or be absent.
    pub(crate) fn for_namespace(&self, namespace: &str) -> Option<&Typing> {
        match &self.doc.value.namespace {
            Some(ns) if ns.value != namespace => None,
            _ => Some(self),
        }
    }

    /// Applies this typing to a module, reporting problems in the typing file.
    pub(crate) fn apply(&self, module: &mut Module, diagnostics: &mut Diagnostics) {
        let mut sink = Sink::new(&self.file, &self.source);
        let mut cx = Ctx::new(&mut sink);
        apply::apply(&self.doc.value, module, &mut cx);
        diagnostics.extend(sink.diagnostics);
    }

    /// Reports a `namespace` that matches no adapter.
    pub(crate) fn check_namespace(&self, modules: &[Module], diagnostics: &mut Diagnostics) {
        let Some(ns) = &self.doc.value.namespace else {
            return;
        };
        if modules.iter().any(|m| m.namespace == ns.value) {
            return;
        }
        let mut sink = Sink::new(&self.file, &self.source);
        let known: Vec<&str> = modules.iter().map(|m| m.namespace.as_str()).collect();
        sink.error(
            pos(&ns.referenced),
            "namespace",
            format!(
                "the typing file is for `{}`, which this spec does not have",
                ns.value
            ),
            &format!("the spec's adapters: {}", known.join(", ")),
        );
        diagnostics.extend(sink.diagnostics);
    }
}
