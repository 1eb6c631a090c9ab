//! Typing files derived from Clerk's OpenAPI documents (feature `openapi`).
//!
//! A capability file names operations and paths; Clerk's OpenAPI documents
//! (`backend-api-*.yml`, `frontend-api-*.yml`, `platform-api-*.yml`) type
//! them. [`derive()`] writes the typing document of a capability file (the
//! format of `docs/typing-format.md`, extended as its "OpenAPI-derived
//! typing" section says) from the matching operations of its API's
//! document: every operation matches exactly one document operation by
//! method and path (placeholders compared by position) in the document of
//! its own API, and its `operationId` should be the operation's name.
//!
//! This is the one module that reads OpenAPI: documents are read (once per
//! run, on two threads, [`Documents::read`]) into `openapiv3`'s structures,
//! through an ordered tree that keeps the `$ref` siblings Clerk means
//! (`nullable`, `description`); the derived document is built as that tree,
//! with no YAML text in between, and written as YAML only by `derive-types`.
//!
//! The rules (names, ID types, lists, open and closed enums, credentials)
//! are documented in `docs/typing-format.md`; [`SECRET_NAMES`] lists the
//! property names whose values are credentials.

mod capability;
mod config;
mod define;
mod derive;
mod facts;
mod findings;
mod flatten;
mod index;
mod journal;
mod load;
mod locate;
mod namer;
pub(crate) mod node;
mod operation;
mod overlay;
mod resolve;
mod response;
mod schema;
mod stats;
#[cfg(test)]
mod tests;
mod trace;
mod union;
mod yaml;

use std::path::Path;
use std::time::{Duration, Instant};

pub(crate) use config::Settings;
pub use load::Family;
pub use schema::SECRET_NAMES;
pub use stats::Stats;

use crate::Error;
use crate::config::read;
use crate::diagnostics::{Diagnostics, Pos, Sink};
use crate::spec::Spanned;
use crate::spec::typing::TypingDoc;
use findings::{Files, Finding};
use load::Document;
use node::Node;

/// OpenAPI documents, read once and shared by every capability derived from them.
pub struct Documents {
    docs: Vec<Document>,
}

/// What was read of one document.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct DocumentInfo {
    /// The file name.
    pub name: String,
    /// Its API, by its file name.
    pub family: Option<Family>,
    /// How many operations it has.
    pub operations: usize,
    /// How long reading it took, on whichever thread read it.
    pub read_time: Duration,
    /// How many `$ref`s with siblings (`nullable`, `description`) were kept.
    pub ref_siblings: usize,
}

impl std::fmt::Debug for Documents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.docs.iter().map(|d| d.name.as_str()).collect();
        f.debug_struct("Documents").field("docs", &names).finish()
    }
}

impl Documents {
    /// Reads the documents at `paths`, two at a time. A document that cannot
    /// be read is an error naming its file, line and column.
    pub fn read<P: AsRef<Path>>(paths: &[P]) -> Result<Documents, Error> {
        let mut sources = Vec::with_capacity(paths.len());
        for path in paths {
            let path = path.as_ref();
            sources.push((path.display().to_string(), read(path)?));
        }
        Documents::from_texts(sources)
    }

    /// Reads documents from `(name, text)` pairs; the name (a path or file
    /// name) decides the document's API (`backend-…`, `frontend-…`, `platform-…`).
    pub fn from_texts(sources: Vec<(String, String)>) -> Result<Documents, Error> {
        let loaded = load::load_all(sources);
        let mut docs = Vec::new();
        let mut diagnostics = Diagnostics::default();
        for result in loaded {
            match result {
                Ok(doc) => docs.push(doc),
                Err(err) => {
                    let mut sink = Sink::new(&err.file, &err.text);
                    let at = Pos::at(err.line, err.column);
                    sink.error(
                        at,
                        "",
                        err.message,
                        "give one of Clerk's OpenAPI 3.0 documents (YAML)",
                    );
                    diagnostics.extend(sink.diagnostics);
                }
            }
        }
        if diagnostics.has_errors() {
            return Err(Error::Spec(diagnostics));
        }
        Ok(Documents { docs })
    }

    /// What was read, document by document.
    pub fn info(&self) -> Vec<DocumentInfo> {
        self.docs
            .iter()
            .map(|d| DocumentInfo {
                name: d.name.clone(),
                family: d.family,
                operations: resolve::operations(&d.api).count(),
                read_time: d.read_time,
                ref_siblings: d.ref_siblings,
            })
            .collect()
    }

    /// The document for a capability file: the one of its API (by the
    /// spec's file name, else its namespace), or the only one there is.
    fn for_capability(&self, spec_file: &str, namespace: &str) -> Result<&Document, String> {
        let name = Path::new(spec_file)
            .file_name()
            .map_or(spec_file.into(), |n| n.to_string_lossy());
        let family = Family::of_capability(&name).or_else(|| Family::of_capability(namespace));
        let found: Vec<&Document> = match family {
            Some(family) => self
                .docs
                .iter()
                .filter(|d| d.family == Some(family))
                .collect(),
            None => self.docs.iter().collect(),
        };
        match (found.as_slice(), family) {
            ([doc], _) => Ok(doc),
            ([], Some(family)) => Err(format!(
                "no {family} API document was given (its file name starts with `{family}-`)"
            )),
            (_, Some(family)) => Err(format!("several {family} API documents were given")),
            (_, None) => Err(format!(
                "cannot tell which API `{namespace}` belongs to; give only its document"
            )),
        }
    }
}

/// A derived typing document.
#[derive(Clone, Debug)]
pub struct Derived {
    pub(crate) doc: Node,
    /// The spec's model, before typing (generation starts from it).
    pub(crate) lowered: capability::Lowered,
    /// The OpenAPI document's file name (empty for a file with no adapter).
    pub(crate) document: String,
    header: String,
    /// Warnings (errors make [`derive()`] fail).
    pub diagnostics: Diagnostics,
    /// What was derived.
    pub stats: Stats,
    /// How long the derivation took (the documents were read before).
    pub elapsed: Duration,
    /// Typing path → JSON pointer in the document, for every operation and
    /// `$defs` entry: where the generator's problems with the typing come from.
    pub(crate) sources: Vec<(String, String)>,
}

impl Derived {
    /// The typing document as YAML, as `derive-types` writes it.
    pub fn to_yaml(&self) -> String {
        format!("{}{}", self.header, yaml::to_yaml(&self.doc))
    }
}

/// A file given by name (for diagnostics) and text.
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    /// The path or name diagnostics show.
    pub file: &'a str,
    /// The content.
    pub text: &'a str,
}

/// Derives the typing document of the capability file `spec` from its API's
/// document among `docs`, then deep-merges `overlay` onto it.
pub fn derive(
    spec: Source<'_>,
    docs: &Documents,
    overlay: Option<Source<'_>>,
) -> Result<Derived, Error> {
    let started = Instant::now();
    let (adapters, lowered) = capability::read(spec.file, spec.text).map_err(Error::Spec)?;
    let overlay_doc = match overlay {
        Some(source) => Some(overlay::parse(source.text).map_err(|f| fail(&[f], spec, overlay))?),
        None => None,
    };
    let extra_ids = overlay_doc.as_ref().map(overlay::ids).unwrap_or_default();
    let adapter = match adapters.as_slice() {
        [adapter] => adapter,
        [] => return Ok(empty(spec, lowered, started)),
        _ => {
            return Err(config_error(
                spec,
                "derive-types types one adapter per file; this file has several",
            ));
        }
    };
    let doc = docs
        .for_capability(spec.file, &adapter.namespace)
        .map_err(|message| config_error(spec, &message))?;
    let out = derive::derive(doc, adapter, &extra_ids);
    let mut typing = out.doc;
    let mut found = out.findings;
    if let Some(overlay_doc) = &overlay_doc {
        found.extend(overlay::apply(&mut typing, overlay_doc));
    }
    let files = Files {
        document: (&doc.file, doc.lines()),
        located: Some(&doc.located),
        spec: (spec.file, locate::Lines::new(spec.text)),
        overlay: overlay.map(|o| (o.file, locate::Lines::new(o.text))),
    };
    let mut diagnostics = lowered.1.clone();
    diagnostics.extend(findings::to_diagnostics(&found, &files));
    if diagnostics.has_errors() {
        return Err(Error::Spec(diagnostics));
    }
    let mut stats = out.stats;
    stats.warnings = findings::count_by_kind(&found)
        .into_iter()
        .map(|(k, n)| (k.to_owned(), n))
        .collect();
    Ok(Derived {
        header: header(spec.file, &doc.name, overlay.map(|o| o.file)),
        document: doc.name.clone(),
        doc: typing,
        lowered,
        diagnostics,
        stats,
        elapsed: started.elapsed(),
        sources: out.sources,
    })
}

/// The derived document as the typing mirror reads it, with no text in
/// between; a document that does not read as one is a bug of the deriver,
/// reported as an error naming `file`.
pub(crate) fn typing_doc(doc: Node, file: &str) -> Result<TypingDoc, Diagnostics> {
    match <Spanned<TypingDoc> as serde::Deserialize>::deserialize(doc) {
        Ok(doc) => Ok(doc.value),
        Err(err) => {
            let mut sink = Sink::new(file, "");
            sink.error(
                Pos::at(1, 1),
                "",
                format!("the derived typing document does not read as one: {err}"),
                "this is a bug of the deriver; please report it",
            );
            Err(sink.diagnostics)
        }
    }
}

/// A typing document for a file with no HTTP adapter (a workflow file).
fn empty(spec: Source<'_>, lowered: capability::Lowered, started: Instant) -> Derived {
    let mut diagnostics = lowered.1.clone();
    let mut sink = Sink::new(spec.file, spec.text);
    sink.warning(
        Pos::at(1, 1),
        "",
        "the file consumes no HTTP API: there is nothing to type".into(),
        "",
    );
    diagnostics.extend(sink.diagnostics);
    Derived {
        doc: Node::map().with("typing", Node::Int(1)),
        lowered,
        document: String::new(),
        header: header(spec.file, "", None),
        diagnostics,
        stats: Stats::default(),
        elapsed: started.elapsed(),
        sources: Vec::new(),
    }
}

fn config_error(spec: Source<'_>, message: &str) -> Error {
    let mut sink = Sink::new(spec.file, spec.text);
    sink.error(
        Pos::at(1, 1),
        "",
        message.to_owned(),
        "pass the document of the capability's API with --openapi",
    );
    Error::Spec(sink.diagnostics)
}

/// Problems found before the derivation (in the overlay).
fn fail(found: &[Finding], spec: Source<'_>, overlay: Option<Source<'_>>) -> Error {
    let files = Files {
        document: ("", locate::Lines::new("")),
        located: None,
        spec: (spec.file, locate::Lines::new(spec.text)),
        overlay: overlay.map(|o| (o.file, locate::Lines::new(o.text))),
    };
    Error::Spec(findings::to_diagnostics(found, &files))
}

/// The comment a derived file starts with (file names only, so the bytes do
/// not depend on where the files are).
fn header(spec: &str, doc: &str, overlay: Option<&str>) -> String {
    let name = |path: &str| {
        Path::new(path)
            .file_name()
            .map_or(path.to_owned(), |n| n.to_string_lossy().into_owned())
    };
    let mut out = format!(
        "# @generated by `clerk-sessions-codegen derive-types` from {}",
        name(spec)
    );
    if !doc.is_empty() {
        out.push_str(&format!(" and {}", name(doc)));
    }
    if let Some(overlay) = overlay {
        out.push_str(&format!(
            ",\n# with the overlay {} merged on top",
            name(overlay)
        ));
    }
    out.push_str(".\n# Do not edit: change the overlay (or the deriver) and derive again.\n");
    out
}
