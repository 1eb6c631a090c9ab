//! What the derivation reports: every problem, with the operation and the
//! JSON pointer into the OpenAPI document, turned into the generator's
//! [`Diagnostics`] (with the line of the pointer, found in the document's
//! text) once derivation is done.

use std::collections::BTreeMap;

use super::locate;
use crate::diagnostics::{Diagnostics, Pos, Severity, Sink};

/// Which file a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    /// The OpenAPI document, at a JSON pointer.
    Document,
    /// The capability file (an operation that matches nothing, ...).
    Spec,
    /// The overlay.
    Overlay,
}

/// One problem found while deriving.
#[derive(Clone, Debug)]
pub(crate) struct Finding {
    pub(crate) severity: Severity,
    /// A short, stable tag for counting (`required-not-a-property`, ...).
    pub(crate) kind: &'static str,
    pub(crate) place: Place,
    /// The capability operation it is about, if any.
    pub(crate) operation: Option<String>,
    /// A JSON pointer (document), or a YAML path (spec, overlay).
    pub(crate) pointer: String,
    pub(crate) message: String,
    pub(crate) help: String,
}

/// The files the findings point into: name and text.
pub(crate) struct Files<'a> {
    pub(crate) document: (&'a str, &'a str),
    pub(crate) spec: (&'a str, &'a str),
    pub(crate) overlay: Option<(&'a str, &'a str)>,
}

/// The findings as diagnostics, in the order they were found.
pub(crate) fn to_diagnostics(findings: &[Finding], files: &Files<'_>) -> Diagnostics {
    let mut out = Diagnostics::default();
    for finding in findings {
        let (file, text) = match finding.place {
            Place::Document => files.document,
            Place::Spec => files.spec,
            Place::Overlay => files.overlay.unwrap_or(files.spec),
        };
        let pos = match finding.place {
            Place::Document => locate::pointer(text, &finding.pointer),
            Place::Spec => finding
                .operation
                .as_deref()
                .and_then(|op| locate::text(text, &format!("name: {op}")))
                .unwrap_or(Pos { line: 1, column: 1 }),
            Place::Overlay => locate::path(text, &finding.pointer),
        };
        let message = match &finding.operation {
            Some(op) => format!("`{op}`: {}", finding.message),
            None => finding.message.clone(),
        };
        let mut sink = Sink::new(file, text);
        match finding.severity {
            Severity::Error => sink.error(pos, &finding.pointer, message, &finding.help),
            Severity::Warning => sink.warning(pos, &finding.pointer, message, &finding.help),
        }
        out.extend(sink.diagnostics);
    }
    out
}

/// How many warnings of each kind.
pub(crate) fn count_by_kind(findings: &[Finding]) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for finding in findings.iter().filter(|f| f.severity == Severity::Warning) {
        *counts.entry(finding.kind).or_insert(0) += 1;
    }
    counts
}
