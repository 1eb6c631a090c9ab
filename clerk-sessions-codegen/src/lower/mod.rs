//! Spec + typing file → model, in one pass that builds every [`Operation`]
//! and [`Module`] once, complete. Every problem goes into the diagnostics
//! sink of its file; lowering goes on after a problem so that the user sees
//! all of them at once.
//!
//! This file parses both documents (the typing file on one thread while the
//! spec is parsed and lowered as it is on the other) and reports what stops
//! either from being read; `document` lowers the spec's root, `adapter` one
//! adapter, `operation` its operations as the spec has them, `params`, `inputs` and `headers` their
//! inputs,
//! and `typing` adds what the typing file says. `reader` holds the typed
//! readers over the lenient spec.
//!
//! [`Operation`]: crate::model::Operation
//! [`Module`]: crate::model::Module

pub(crate) mod adapter;
pub(crate) mod document;
mod headers;
pub(crate) mod inputs;
pub(crate) mod operation;
mod params;
mod reader;
mod typing;

use crate::diagnostics::{Diagnostics, Pos, Sink};
use crate::limits;
use crate::model::Api;
use crate::parallel;
use crate::spec::{self, ParseError, Scalar, Shaped, Spanned};

pub(crate) use reader::Ctx;

/// A file to lower: its name (for diagnostics) and its text.
#[derive(Clone, Copy)]
pub(crate) struct Source<'a> {
    pub(crate) file: &'a str,
    pub(crate) text: &'a str,
}

/// Lowers the spec and its typing file into the model, with every problem
/// found in either: the spec's first, then the typing file's in file order.
///
/// The spec is read and lowered as the spec has it on one thread while the
/// typing file is parsed on the other (the longer of the two); then the
/// operations are finished with their typing.
pub(crate) fn run(spec: Source<'_>, typing: Option<Source<'_>>) -> (Option<Api>, Diagnostics) {
    let ((spec_api, mut diagnostics), typing_doc) = parallel::join(
        || lower_spec(spec),
        || {
            typing.map(|t| {
                (t.text.len() <= limits::MAX_FILE_BYTES).then(|| spec::typing::parse(t.text))
            })
        },
    );
    let mut typing_sink = typing.map(|t| Sink::new(t.file, t.text));
    let typing_doc = match (typing_doc, typing_sink.as_mut()) {
        (Some(parsed), Some(sink)) => typing_doc_or_report(parsed, sink),
        _ => None,
    };
    let api = spec_api.map(|spec_api| {
        let typing = typing_doc
            .as_ref()
            .zip(typing_sink.as_mut())
            .map(|(doc, sink)| typing::Typing::new(&doc.value, Ctx::new(sink)));
        document::finish(spec_api, typing)
    });
    if let Some(mut typing_sink) = typing_sink {
        typing_sink.diagnostics.sort_by_position();
        diagnostics.extend(typing_sink.diagnostics);
    }
    (api, diagnostics)
}

/// Finishes a spec read by [`lower_spec`] with a typing document built in
/// memory (derived from OpenAPI, feature `openapi`): no text in between.
/// `file` names the document in diagnostics, which give the YAML path in
/// it (a document built in memory has no lines).
#[cfg(feature = "openapi")]
pub(crate) fn finish_with(
    spec_api: document::SpecApi,
    file: &str,
    doc: &spec::typing::TypingDoc,
) -> (Api, Diagnostics) {
    let mut sink = Sink::new(file, "");
    let api = document::finish(
        spec_api,
        Some(typing::Typing::new(doc, Ctx::new(&mut sink))),
    );
    (api, sink.diagnostics)
}

/// The spec read and lowered as it is, and its problems.
pub(crate) fn lower_spec(spec: Source<'_>) -> (Option<document::SpecApi>, Diagnostics) {
    let mut sink = Sink::new(spec.file, spec.text);
    let api = match read_spec(spec) {
        Ok(doc) => document_or_report(&doc, &mut sink),
        Err(problem) => {
            problem.report(&mut sink);
            None
        }
    };
    (api, sink.diagnostics)
}

/// Why the spec could not be read at all.
enum Unreadable {
    TooLarge,
    Empty,
    Yaml(ParseError),
}

impl Unreadable {
    fn report(self, sink: &mut Sink<'_>) {
        match self {
            Unreadable::TooLarge => sink.diagnostics.extend(limits::too_large(sink.file())),
            Unreadable::Empty => sink.error(
                Pos::START,
                "",
                "the file is empty".into(),
                "a capability file starts with `naftiko: 1.0.0-alpha2`",
            ),
            Unreadable::Yaml(err) => report_parse_error(
                sink,
                &err,
                (
                    "invalid YAML",
                    "fix the YAML syntax; nothing else could be checked",
                ),
                "capability files are small and shallow; check for runaway nesting or aliases",
            ),
        }
    }
}

fn read_spec(spec: Source<'_>) -> Result<spec::Node<spec::Document>, Unreadable> {
    if spec.text.len() > limits::MAX_FILE_BYTES {
        return Err(Unreadable::TooLarge);
    }
    if spec.text.trim().is_empty() {
        return Err(Unreadable::Empty);
    }
    spec::parse(spec.text).map_err(Unreadable::Yaml)
}

/// A parse error as a diagnostic: malformed YAML (`invalid`: the message's
/// start and the help), or a limit reached (with `limit_help`).
fn report_parse_error(
    sink: &mut Sink<'_>,
    err: &ParseError,
    (invalid, help): (&str, &str),
    limit_help: &str,
) {
    let at = Pos {
        line: err.line,
        column: err.column,
        byte: None,
    };
    if err.limit {
        sink.error(
            at,
            "",
            format!(
                "the YAML is too deeply nested or too large: {}",
                err.message
            ),
            limit_help,
        );
    } else {
        sink.error(at, "", format!("{invalid}: {}", err.message), help);
    }
}

/// The document's root, lowered, or `None` after reporting why it is not a mapping.
fn document_or_report(
    doc: &spec::Node<spec::Document>,
    sink: &mut Sink<'_>,
) -> Option<document::SpecApi> {
    let at = Pos::of(&doc.referenced);
    let root = match &doc.value {
        Shaped::Ok(root) => root,
        Shaped::Wrong(found) => {
            sink.error(
                at,
                "",
                format!("a capability file must be a YAML mapping, found {found}"),
                "a capability file starts with `naftiko: 1.0.0-alpha2`",
            );
            return None;
        }
    };
    Some(document::lower(root, at, &mut Ctx::new(sink)))
}

/// The typing file, parsed, with its version checked; `None` after
/// reporting why it cannot be read (it is too large, or not YAML).
fn typing_doc_or_report(
    parsed: Option<Result<Spanned<spec::typing::TypingDoc>, ParseError>>,
    sink: &mut Sink<'_>,
) -> Option<Spanned<spec::typing::TypingDoc>> {
    let doc = match parsed {
        None => {
            sink.diagnostics.extend(limits::too_large(sink.file()));
            return None;
        }
        Some(Err(err)) => {
            report_parse_error(
                sink,
                &err,
                (
                    "invalid typing file",
                    "fix the YAML; see docs/typing-format.md",
                ),
                "typing files are small and shallow; check for runaway nesting or aliases",
            );
            return None;
        }
        Some(Ok(doc)) => doc,
    };
    let version = doc.value.typing.as_ref();
    let found = match version.map(|t| &t.value) {
        Some(Scalar::Int(1)) => None,
        None => Some("no `typing` version marker".to_owned()),
        Some(Scalar::Str(s)) => Some(format!("unsupported typing file version `{s}`")),
        Some(Scalar::Int(i)) => Some(format!("unsupported typing file version `{i}`")),
        Some(Scalar::Float(f)) => Some(format!("unsupported typing file version `{f}`")),
        Some(other) => Some(format!(
            "the typing file version must be 1, found {}",
            other.kind()
        )),
    };
    if let Some(message) = found {
        let at = version.map_or(Pos::of(&doc.referenced), |t| Pos::of(&t.referenced));
        sink.error(
            at,
            "typing",
            message,
            "start the typing file with `typing: 1`",
        );
    }
    Some(doc)
}
