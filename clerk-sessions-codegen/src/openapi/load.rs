//! Reading an OpenAPI document: YAML → [`Node`] → (the `$ref` siblings Clerk
//! means kept) → `openapiv3::OpenAPI`, plus the per-document [`Index`] every
//! capability of the document shares. Several documents are read at once, on
//! two threads.
//!
//! OpenAPI 3.0 says the siblings of a `$ref` are ignored, and `openapiv3`
//! drops them; Clerk writes `{$ref: X, nullable: true, description: ...}` and
//! means both. Before `openapiv3` sees a schema, such a mapping becomes
//! `{allOf: [{$ref: X}], nullable: true, description: ...}`, which the
//! derivation reads as "X, nullable, described".

use std::fmt;

use serde::Deserialize;

use super::index::Index;
use super::node::Node;
use crate::parallel;

/// Which of Clerk's APIs a document (or a capability file) belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// The Backend API (`backend-api-*.yml`, `clerk-backend-api-*.yaml`).
    Backend,
    /// The Frontend API (`frontend-api-*.yml`, `clerk-frontend-api-*.yaml`).
    Frontend,
    /// The Platform API (`platform-api-*.yml`, `clerk-platform-api-*.yaml`).
    Platform,
}

impl Family {
    const ALL: [(Family, &'static str); 3] = [
        (Family::Backend, "backend"),
        (Family::Frontend, "frontend"),
        (Family::Platform, "platform"),
    ];

    /// The family of a document by its file name (`backend-api-2026-05-12.yml`).
    pub fn of_document(file_name: &str) -> Option<Family> {
        Family::ALL
            .iter()
            .find(|(_, word)| file_name.starts_with(&format!("{word}-")))
            .map(|(family, _)| *family)
    }

    /// The family of a capability by its file name or namespace
    /// (`clerk-frontend-api-client`).
    pub fn of_capability(name: &str) -> Option<Family> {
        Family::ALL
            .iter()
            .find(|(_, word)| name.starts_with(&format!("clerk-{word}-api")))
            .map(|(family, _)| *family)
    }

    /// `backend`, `frontend` or `platform`.
    pub fn as_str(self) -> &'static str {
        Family::ALL
            .iter()
            .find(|(family, _)| *family == self)
            .map_or("", |(_, word)| word)
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One OpenAPI document, read.
pub(crate) struct Document {
    /// The path as given, for diagnostics.
    pub(crate) file: String,
    /// The file name, for `derived-from`.
    pub(crate) name: String,
    pub(crate) family: Option<Family>,
    /// The text, for the line numbers of diagnostics.
    pub(crate) text: String,
    pub(crate) api: openapiv3::OpenAPI,
    pub(crate) index: Index,
    /// How many `$ref` siblings were kept (see the module docs).
    pub(crate) ref_siblings: usize,
    /// How long reading it took.
    pub(crate) read_time: std::time::Duration,
    /// Where its lines start, for diagnostics (computed on first use).
    pub(crate) line_starts: std::sync::OnceLock<Vec<usize>>,
    /// Component definitions, made once and shared by the capabilities.
    pub(crate) fragments: super::journal::Fragments,
    /// Where pointers of findings are (several capabilities report the same).
    pub(crate) located:
        std::sync::Mutex<std::collections::HashMap<String, crate::diagnostics::Pos>>,
}

impl Document {
    /// The text, indexed by line.
    pub(crate) fn lines(&self) -> super::locate::Lines<'_> {
        let starts = self
            .line_starts
            .get_or_init(|| super::locate::starts(&self.text));
        super::locate::Lines::with(&self.text, starts)
    }
}

/// Why a document could not be read: where and what.
#[derive(Debug)]
pub(crate) struct LoadError {
    pub(crate) file: String,
    pub(crate) text: String,
    pub(crate) line: u64,
    pub(crate) column: u64,
    pub(crate) message: String,
}

/// Reads every document, the largest first, two at a time.
pub(crate) fn load_all(sources: Vec<(String, String)>) -> Vec<Result<Document, LoadError>> {
    let mut order: Vec<usize> = (0..sources.len()).collect();
    // `parallel::map` takes items from the end: the largest document starts first.
    order.sort_by_key(|&i| sources[i].1.len());
    let sorted: Vec<&(String, String)> = order.iter().map(|&i| &sources[i]).collect();
    let loaded = parallel::map(&sorted, || (), |(), (file, text)| load(file, text));
    let mut out: Vec<Option<Result<Document, LoadError>>> = sources.iter().map(|_| None).collect();
    for (slot, result) in order.into_iter().zip(loaded) {
        out[slot] = Some(result);
    }
    out.into_iter().flatten().collect()
}

/// Reads one document.
pub(crate) fn load(file: &str, text: &str) -> Result<Document, LoadError> {
    let started = std::time::Instant::now();
    let fail = |line: u64, column: u64, message: String| LoadError {
        file: file.to_owned(),
        text: text.to_owned(),
        line,
        column,
        message,
    };
    let mut node: Node = serde_saphyr::from_str(text).map_err(|err| {
        let (line, column) = err.location().map_or((1, 1), |l| (l.line(), l.column()));
        let message = err.to_string();
        let first = message.lines().next().unwrap_or("invalid YAML").to_owned();
        fail(line, column, format!("not a YAML document: {first}"))
    })?;
    let version = node.get("openapi").and_then(Node::as_str).unwrap_or("");
    if !version.starts_with("3.0") {
        return Err(fail(
            1,
            1,
            format!("`openapi: {version}`: only OpenAPI 3.0 documents are read"),
        ));
    }
    let ref_siblings = keep_ref_siblings(&mut node);
    let api = openapiv3::OpenAPI::deserialize(node)
        .map_err(|err| fail(1, 1, format!("not an OpenAPI 3.0 document: {err}")))?;
    let name = std::path::Path::new(file)
        .file_name()
        .map_or_else(|| file.to_owned(), |n| n.to_string_lossy().into_owned());
    let index = Index::build(&api);
    Ok(Document {
        file: file.to_owned(),
        family: Family::of_document(&name),
        name,
        text: text.to_owned(),
        api,
        index,
        ref_siblings,
        read_time: started.elapsed(),
        line_starts: std::sync::OnceLock::new(),
        located: std::sync::Mutex::default(),
        fragments: std::sync::Mutex::default(),
    })
}

/// Rewrites every schema `{$ref: X, ...siblings}` as `{...siblings, allOf:
/// [{$ref: X}]}`; returns how many there were.
pub(crate) fn keep_ref_siblings(doc: &mut Node) -> usize {
    let mut count = 0;
    walk(doc, &mut count);
    count
}

/// Anywhere in the document: the values of `schema` keys and of
/// `components.schemas` are schemas.
fn walk(node: &mut Node, count: &mut usize) {
    match node {
        Node::Map(entries) => {
            for (key, value) in entries.iter_mut() {
                match key.as_str() {
                    "schema" => schema(value, count),
                    "schemas" => {
                        if let Node::Map(schemas) = value {
                            for (_, s) in schemas.iter_mut() {
                                schema(s, count);
                            }
                        }
                    }
                    _ => walk(value, count),
                }
            }
        }
        Node::Seq(items) => items.iter_mut().for_each(|item| walk(item, count)),
        _ => {}
    }
}

/// A schema and the schemas inside it.
fn schema(node: &mut Node, count: &mut usize) {
    let Node::Map(entries) = node else {
        return;
    };
    if entries.len() > 1
        && let Some(index) = entries.iter().position(|(k, _)| k == "$ref")
    {
        let reference = entries.remove(index);
        entries.retain(|(k, _)| k != "allOf");
        entries.push((
            "allOf".to_owned(),
            Node::Seq(vec![Node::Map(vec![reference])]),
        ));
        *count += 1;
    }
    for (key, value) in entries.iter_mut() {
        match key.as_str() {
            "properties" => {
                if let Node::Map(props) = value {
                    props.iter_mut().for_each(|(_, p)| schema(p, count));
                }
            }
            "items" | "additionalProperties" | "not" => schema(value, count),
            "allOf" | "oneOf" | "anyOf" => {
                if let Node::Seq(members) = value {
                    members.iter_mut().for_each(|m| schema(m, count));
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::{Family, keep_ref_siblings};
    use crate::openapi::node::Node;

    #[test]
    fn ref_siblings_become_a_described_nullable_all_of() {
        let mut doc: Node = serde_saphyr::from_str(
            "components:\n  schemas:\n    A:\n      properties:\n        b: {$ref: '#/components/schemas/B', nullable: true, description: d}\n        c: {$ref: '#/components/schemas/C'}\n",
        )
        .unwrap();
        assert_eq!(keep_ref_siblings(&mut doc), 1);
        let b = &doc
            .get("components")
            .unwrap()
            .get("schemas")
            .unwrap()
            .get("A")
            .unwrap();
        let b = b.get("properties").unwrap().get("b").unwrap();
        assert_eq!(b.get("nullable"), Some(&Node::Bool(true)));
        assert_eq!(b.get("description"), Some(&Node::str("d")));
        let all_of = b.get("allOf").unwrap();
        assert_eq!(
            all_of,
            &Node::Seq(vec![
                Node::map().with("$ref", Node::str("#/components/schemas/B"))
            ])
        );
    }

    #[test]
    fn families_come_from_file_names() {
        assert_eq!(
            Family::of_document("backend-api-2026-05-12.yml"),
            Some(Family::Backend)
        );
        assert_eq!(
            Family::of_document("platform-api-beta.yml"),
            Some(Family::Platform)
        );
        assert_eq!(Family::of_document("clerk.yml"), None);
        assert_eq!(
            Family::of_capability("clerk-frontend-api-client.yaml"),
            Some(Family::Frontend)
        );
    }
}
