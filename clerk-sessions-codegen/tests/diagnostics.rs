//! Invalid specs: every problem is reported at once, each with file, line,
//! column, YAML path, message and help, rendered like rustc. The rendering of
//! each fixture in `tests/invalid/` is compared with its `.diagnostics.txt`
//! (`UPDATE_GOLDEN=1` rewrites them).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use clerk_sessions_codegen::{Config, Diagnostics, Error, Severity};

fn diagnose(name: &str) -> Diagnostics {
    diagnose_in("invalid", name)
}

/// The diagnostics of `tests/<folder>/<name>`, with the typing file beside it
/// when there is one (each file named as in the repository).
fn diagnose_in(folder: &str, name: &str) -> Diagnostics {
    let path = common::crate_dir().join("tests").join(folder).join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let typing_path = Config::new().typing_file_for(&path);
    let typing_text = typing_path
        .as_ref()
        .map(|p| std::fs::read_to_string(p).unwrap());
    let typing_name = typing_path.as_deref().map(common::relative);
    let typing = typing_name.as_deref().zip(typing_text.as_deref());
    match Config::new().generate_str(&common::relative(&path), &text, typing) {
        Err(Error::Spec(diagnostics)) => diagnostics,
        Err(other) => panic!("{name}: {other}"),
        Ok(_) => panic!("{name} generated code"),
    }
}

/// Compares the diagnostics of every fixture of `tests/<folder>` with its
/// `.diagnostics.txt`, and checks what every diagnostic must have (errors a
/// hint, when `help` says so).
fn check_folder(folder: &str, at_least: usize, help: bool) {
    let specs = common::specs(folder);
    assert!(specs.len() >= at_least, "{} fixtures", specs.len());
    let mut mismatches = Vec::new();
    for spec in &specs {
        let name = spec.file_name().unwrap().to_string_lossy().into_owned();
        let diagnostics = diagnose_in(folder, &name);
        assert!(diagnostics.has_errors(), "{name}");
        for d in diagnostics.iter() {
            assert!(d.line >= 1 && d.column >= 1, "{name}: {d}");
            assert!(!d.message.is_empty(), "{name}");
            if help && d.severity == Severity::Error {
                assert!(d.help.is_some(), "{name}: an error without help:\n{d}");
            }
        }
        let golden = spec.with_file_name(format!(
            "{}.diagnostics.txt",
            name.trim_end_matches(".yaml")
        ));
        mismatches.extend(common::golden(&golden, &diagnostics.to_string()));
    }
    common::assert_no_mismatches(mismatches);
}

#[test]
fn invalid_fixtures_match_their_golden_diagnostics() {
    check_folder("invalid", 15, true);
    for spec in common::specs("invalid") {
        let name = spec.file_name().unwrap().to_string_lossy().into_owned();
        for d in diagnose(&name).iter() {
            assert_eq!(d.file, common::relative(&spec));
        }
    }
}

/// Typing files (`<stem>.types.yaml` beside each spec of `tests/invalid-typing/`):
/// every problem of a typing file, reported like the spec's own.
#[test]
fn invalid_typing_files_match_their_golden_diagnostics() {
    check_folder("invalid-typing", 7, true);
}

#[test]
fn every_problem_is_reported_at_once() {
    let d = diagnose("missing-keys.yaml");
    assert_eq!(d.errors().count(), 6, "{d}");
    let d = diagnose("wrong-types.yaml");
    assert_eq!(d.errors().count(), 7, "{d}");
    let d = diagnose("bad-names.yaml");
    assert_eq!(d.errors().count(), 6, "{d}");
}

#[test]
fn a_diagnostic_points_at_the_value() {
    let d = diagnose("unknown-in.yaml");
    let first = d.iter().next().unwrap();
    assert_eq!((first.line, first.column), (22, 15));
    assert_eq!(
        first.yaml_path,
        "capability.consumes[0].resources[0].operations[0].inputParameters[0].in"
    );
    assert_eq!(
        first.message,
        "unknown parameter location `in: querystring`"
    );
    assert_eq!(
        first.help.as_deref(),
        Some("use one of path, query, header, body")
    );
    let rendered = first.to_string();
    assert!(
        rendered.contains("  --> tests/invalid/unknown-in.yaml:22:15\n"),
        "{rendered}"
    );
    assert!(
        rendered.contains("22 |           in: querystring\n"),
        "{rendered}"
    );
    assert!(
        rendered.contains("   |               ^^^^^^^^^^^\n"),
        "{rendered}"
    );
}

#[test]
fn a_missing_key_points_at_its_mapping() {
    let d = diagnose("missing-base-uri.yaml");
    let first = d.iter().next().unwrap();
    assert_eq!(first.message, "missing `baseUri`");
    assert_eq!(first.yaml_path, "capability.consumes[0].baseUri");
    assert!(first.to_string().contains("11 |   - type: http"), "{first}");
}
