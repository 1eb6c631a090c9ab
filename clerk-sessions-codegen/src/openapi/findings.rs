//! What the derivation reports: every problem, with the operation and the
//! JSON pointer into the OpenAPI document, turned into the generator's
//! [`Diagnostics`] (with the line of the pointer, found in the document's
//! text) once derivation is done.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use super::locate::{self, Lines};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos, Severity};

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

/// The files the findings point into: name and indexed text.
pub(crate) struct Files<'a> {
    pub(crate) document: (&'a str, Lines<'a>),
    /// Pointers of the document located before (by other capabilities).
    pub(crate) located: Option<&'a Mutex<HashMap<String, Pos>>>,
    pub(crate) spec: (&'a str, Lines<'a>),
    pub(crate) overlay: Option<(&'a str, Lines<'a>)>,
}

/// The findings as diagnostics, in the order they were found.
pub(crate) fn to_diagnostics(findings: &[Finding], files: &Files<'_>) -> Diagnostics {
    let mut out = Diagnostics::default();
    for finding in findings {
        let (file, lines) = match (finding.place, &files.overlay) {
            (Place::Document, _) => (files.document.0, &files.document.1),
            (Place::Overlay, Some((file, lines))) => (*file, lines),
            (Place::Spec | Place::Overlay, _) => (files.spec.0, &files.spec.1),
        };
        let pos = match finding.place {
            Place::Document => located(files, lines, &finding.pointer),
            Place::Overlay => locate::pointer(lines, &finding.pointer),
            Place::Spec => finding
                .operation
                .as_deref()
                .and_then(|op| locate::text(lines, &format!("name: {op}")))
                .unwrap_or(Pos::at(1, 1)),
        };
        let message = match &finding.operation {
            Some(op) => format!("`{op}`: {}", finding.message),
            None => finding.message.clone(),
        };
        let pos = Pos {
            byte: lines.byte_of(pos),
            ..pos
        };
        out.push(Diagnostic::new(
            finding.severity,
            (file, lines.text()),
            pos,
            &finding.pointer,
            message,
            &finding.help,
        ));
    }
    out
}

/// Where a pointer of the document is, located once per document.
fn located(files: &Files<'_>, lines: &Lines<'_>, pointer: &str) -> Pos {
    let Some(cache) = files.located else {
        return locate::pointer(lines, pointer);
    };
    if let Some(pos) = cache.lock().ok().and_then(|c| c.get(pointer).copied()) {
        return pos;
    }
    let pos = locate::pointer(lines, pointer);
    if let Ok(mut cache) = cache.lock() {
        cache.insert(pointer.to_owned(), pos);
    }
    pos
}

/// How many warnings of each kind.
pub(crate) fn count_by_kind(findings: &[Finding]) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for finding in findings.iter().filter(|f| f.severity == Severity::Warning) {
        *counts.entry(finding.kind).or_insert(0) += 1;
    }
    counts
}
