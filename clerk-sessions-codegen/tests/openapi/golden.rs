//! Golden typing files: the committed Sessions typing file, and the typing
//! derived for a few corpus capabilities and for the fixture document
//! (`UPDATE_GOLDEN=1` rewrites them).

use crate::common;
use crate::support::{clerk, derive_file, fixture_docs};

#[test]
fn the_sessions_typing_file_is_derived_with_its_overlay() {
    let spec = common::workspace_dir().join("spec/clerk-backend-api-sessions.yaml");
    let overlay = spec.with_file_name("clerk-backend-api-sessions.overlay.yaml");
    let derived = derive_file(&spec, clerk(), Some(&overlay)).unwrap_or_else(|e| panic!("{e}"));
    assert!(derived.diagnostics.is_empty(), "{}", derived.diagnostics);
    let committed = spec.with_file_name("clerk-backend-api-sessions.types.yaml");
    common::assert_no_mismatches(
        common::golden(&committed, &derived.to_yaml())
            .into_iter()
            .collect(),
    );
}

#[test]
fn derived_typing_files_match_their_golden_files() {
    let corpus = common::crate_dir().join("tests/corpus");
    let golden = common::crate_dir().join("tests/openapi/golden");
    let mut mismatches = Vec::new();
    for stem in [
        "clerk-backend-api-users",
        "clerk-backend-api-sessions",
        "clerk-frontend-api-sign-ups",
        "clerk-frontend-api-oauth2-identity-provider",
        "clerk-platform-api-applications",
    ] {
        let derived = derive_file(&corpus.join(format!("{stem}.yaml")), clerk(), None).unwrap();
        let path = golden.join(format!("{stem}.types.yaml"));
        mismatches.extend(common::golden(&path, &derived.to_yaml()));
    }
    let fixture = common::crate_dir().join("tests/openapi/clerk-backend-api-fixture.yaml");
    let derived = derive_file(&fixture, &fixture_docs(), None).unwrap_or_else(|e| panic!("{e}"));
    let text = format!(
        "{}\n# diagnostics:\n{}",
        derived.to_yaml(),
        comment(&derived.diagnostics.to_string())
    );
    mismatches.extend(common::golden(
        &golden.join("clerk-backend-api-fixture.types.yaml"),
        &text,
    ));
    common::assert_no_mismatches(mismatches);
}

fn comment(text: &str) -> String {
    text.lines()
        .map(|l| format!("# {l}\n").replace("# \n", "#\n"))
        .collect()
}
