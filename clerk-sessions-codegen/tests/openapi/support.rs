//! Shared helpers: Clerk's documents and the fixture document, read once or
//! on demand; deriving a capability file with workspace-relative names; the
//! derived typing as JSON.

use std::path::Path;
use std::sync::OnceLock;

use clerk_sessions_codegen::Error;
use clerk_sessions_codegen::openapi::{Derived, Documents, Source, derive};
use serde_json::Value;

use crate::common;

pub(crate) const DOCUMENTS: [&str; 3] = [
    "backend-api-2026-05-12.yml",
    "frontend-api-2026-05-12.yml",
    "platform-api-beta.yml",
];

/// Clerk's three documents, read once for every test of this target.
pub(crate) fn clerk() -> &'static Documents {
    static DOCS: OnceLock<Documents> = OnceLock::new();
    DOCS.get_or_init(|| {
        let dir = common::workspace_dir().join("openapi");
        let sources = DOCUMENTS
            .iter()
            .map(|d| (format!("openapi/{d}"), read(&dir.join(d))))
            .collect();
        Documents::from_texts(sources).unwrap_or_else(|e| panic!("{e}"))
    })
}

/// The fixture document, named as diagnostics show it on every machine.
pub(crate) fn fixture_docs() -> Documents {
    let path = common::crate_dir().join("tests/openapi/backend-api-fixture.yml");
    Documents::from_texts(vec![(common::relative(&path), read(&path))])
        .unwrap_or_else(|e| panic!("{e}"))
}

pub(crate) fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Derives `spec` (a path) with names relative to the workspace, so that
/// diagnostics and headers are the same on every machine.
pub(crate) fn derive_file(
    spec: &Path,
    docs: &Documents,
    overlay: Option<&Path>,
) -> Result<Derived, Error> {
    let name = common::relative(spec);
    let text = read(spec);
    let overlay_text = overlay.map(|p| (common::relative(p), read(p)));
    derive(
        Source {
            file: &name,
            text: &text,
        },
        docs,
        overlay_text
            .as_ref()
            .map(|(file, text)| Source { file, text }),
    )
}

/// The derived typing document as JSON, for assertions.
pub(crate) fn as_json(derived: &Derived) -> Value {
    serde_saphyr::from_str(&derived.to_yaml()).unwrap()
}

/// The fixture's derived typing, as JSON.
pub(crate) fn fixture() -> (Value, Derived) {
    let spec = common::crate_dir().join("tests/openapi/clerk-backend-api-fixture.yaml");
    let derived = derive_file(&spec, &fixture_docs(), None).unwrap_or_else(|e| panic!("{e}"));
    (as_json(&derived), derived)
}
