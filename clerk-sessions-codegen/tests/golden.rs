//! Golden files: the generated code for the Sessions spec (with its typing
//! file, as `clerk-sessions` builds it) and for the edge-case and hostile
//! fixtures is committed under `tests/golden/`, so every generator change shows
//! as a reviewable diff. `UPDATE_GOLDEN=1 cargo test -p clerk-sessions-codegen
//! --test golden` rewrites them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use clerk_sessions_codegen::Config;

fn golden_dir() -> std::path::PathBuf {
    common::crate_dir().join("tests/golden")
}

/// Generates `spec` with `config` and compares the code, and the diagnostics
/// when there are any, with `tests/golden/<name>.rs` and `<name>.diagnostics.txt`.
fn check(config: &Config, spec: &Path, name: &str, mismatches: &mut Vec<String>) {
    let text = std::fs::read_to_string(spec).unwrap();
    let typing_path = config.typing_file_for(spec);
    let typing_text = typing_path
        .as_ref()
        .map(|p| std::fs::read_to_string(p).unwrap());
    let typing_name = typing_path.as_deref().map(common::relative);
    let typing = typing_name.as_deref().zip(typing_text.as_deref());
    let generated = config
        .generate_str(&common::relative(spec), &text, typing)
        .unwrap_or_else(|e| panic!("{name}:\n{e}"));
    mismatches.extend(common::golden(
        &golden_dir().join(format!("{name}.rs")),
        &generated.code,
    ));
    let diagnostics_file = golden_dir().join(format!("{name}.diagnostics.txt"));
    if generated.diagnostics.is_empty() {
        assert!(
            !diagnostics_file.exists(),
            "{} is stale",
            diagnostics_file.display()
        );
    } else {
        let text = generated.diagnostics.to_string();
        mismatches.extend(common::golden(&diagnostics_file, &text));
    }
}

#[test]
fn sessions_client_matches_its_golden_file() {
    let spec = common::workspace_dir().join("spec/clerk-backend-api-sessions.yaml");
    let config = Config::new();
    assert!(
        config.typing_file_for(&spec).is_some(),
        "the typing file is beside the spec"
    );
    let mut mismatches = Vec::new();
    check(
        &config,
        &spec,
        "clerk-backend-api-sessions",
        &mut mismatches,
    );
    common::assert_no_mismatches(mismatches);
}

#[test]
fn fixtures_match_their_golden_files() {
    let mut mismatches = Vec::new();
    for spec in common::specs("valid")
        .iter()
        .chain(&common::specs("hostile"))
    {
        let name = spec.file_stem().unwrap().to_string_lossy().into_owned();
        check(&Config::new(), spec, &name, &mut mismatches);
    }
    common::assert_no_mismatches(mismatches);
}

#[test]
fn the_sessions_client_is_generated_deterministically() {
    let spec = common::workspace_dir().join("spec/clerk-backend-api-sessions.yaml");
    let config = Config::new();
    let runs: Vec<String> = (0..3)
        .map(|_| config.generate(&spec).unwrap().code)
        .collect();
    assert_eq!(runs[0], runs[1]);
    assert_eq!(runs[1], runs[2]);
    // The file-reading entry point and the pure one agree.
    let text = std::fs::read_to_string(&spec).unwrap();
    let typing_path = config.typing_file_for(&spec).unwrap();
    let typing = std::fs::read_to_string(&typing_path).unwrap();
    let pure = config
        .generate_str(
            "clerk-backend-api-sessions.yaml",
            &text,
            Some(("t.types.yaml", &typing)),
        )
        .unwrap();
    assert_eq!(pure.code, runs[0]);
}
