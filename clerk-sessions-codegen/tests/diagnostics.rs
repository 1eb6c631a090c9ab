//! Invalid specs: every problem is reported at once, each with file, line,
//! column, YAML path, message and help, rendered like rustc. The rendering of
//! each fixture in `tests/invalid/` is compared with its `.diagnostics.txt`
//! (`UPDATE_GOLDEN=1` rewrites them).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use clerk_sessions_codegen::{Config, Diagnostics, Error, Severity};

fn diagnose(name: &str) -> Diagnostics {
    let path = common::crate_dir().join("tests/invalid").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    match Config::new().generate_str(&common::relative(&path), &text, None) {
        Err(Error::Spec(diagnostics)) => diagnostics,
        Err(other) => panic!("{name}: {other}"),
        Ok(_) => panic!("{name} generated code"),
    }
}

#[test]
fn invalid_fixtures_match_their_golden_diagnostics() {
    let specs = common::specs("invalid");
    assert!(specs.len() >= 15, "{} fixtures", specs.len());
    let mut mismatches = Vec::new();
    for spec in &specs {
        let name = spec.file_name().unwrap().to_string_lossy().into_owned();
        let diagnostics = diagnose(&name);
        assert!(diagnostics.has_errors(), "{name}");
        for d in diagnostics.iter() {
            assert!(d.line >= 1 && d.column >= 1, "{name}: {d}");
            assert_eq!(d.file, common::relative(spec));
            assert!(!d.message.is_empty(), "{name}");
            if d.severity == Severity::Error {
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
