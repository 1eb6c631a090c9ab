//! Every typing document derived from the corpus reads back unchanged from
//! the YAML `derive-types` writes, and reads as a typing document without
//! problems: the in-memory path and the file path give the generator the
//! same thing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use super::node::Node;
use super::{Documents, Source, derive};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn derived_documents_round_trip_through_yaml_and_the_typing_mirror() {
    let docs: Vec<PathBuf> = [
        "backend-api-2026-05-12.yml",
        "frontend-api-2026-05-12.yml",
        "platform-api-beta.yml",
    ]
    .iter()
    .map(|d| workspace().join("openapi").join(d))
    .collect();
    let docs = Documents::read(&docs).unwrap_or_else(|e| panic!("{e}"));
    let corpus = workspace().join("clerk-sessions-codegen/tests/corpus");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    specs.sort();
    for spec in specs {
        let text = std::fs::read_to_string(&spec).unwrap();
        let name = spec.file_name().unwrap().to_string_lossy().into_owned();
        let derived = derive(
            Source {
                file: &name,
                text: &text,
            },
            &docs,
            None,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let yaml = derived.to_yaml();
        let back: Node = serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            back == derived.doc,
            "{name}: the YAML does not read back as the derived document"
        );
        if let Err(diagnostics) = super::typing_doc(derived.doc, &name) {
            panic!("{name}: {diagnostics}");
        }
    }
}
