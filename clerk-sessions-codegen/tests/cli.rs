//! The `clerk-sessions-codegen` binary: `generate`, `check`, `inspect`, help
//! and exit codes.

#![cfg(feature = "cli")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use clerk_sessions_codegen::Config;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clerk-sessions-codegen"))
        .args(args)
        .current_dir(common::crate_dir())
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// A fresh, empty folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("clerk-codegen-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const SESSIONS: &str = "tests/corpus/clerk-backend-api-sessions.yaml";

fn expected(spec: &str) -> String {
    Config::new()
        .generate(common::crate_dir().join(spec))
        .unwrap()
        .code
}

#[test]
fn help_lists_every_command_and_option() {
    let out = run(&["--help"]);
    assert!(out.status.success());
    let text = stdout(&out);
    for word in [
        "generate",
        "check",
        "inspect",
        "--types",
        "--runtime",
        "--output",
        "Exit status",
    ] {
        assert!(text.contains(word), "`{word}` missing from --help:\n{text}");
    }
    let text = stdout(&run(&["generate", "--help"]));
    for word in [
        "<SPEC>",
        "--types <FILE>",
        "--no-types",
        "--runtime <PATH>",
        "--output <OUT>",
    ] {
        assert!(
            text.contains(word),
            "`{word}` missing from generate --help:\n{text}"
        );
    }
    let text = stdout(&run(&["check", "--help"]));
    assert!(text.contains("--against <FILE>"), "{text}");
    let text = stdout(&run(&["inspect", "--help"]));
    assert!(text.contains("optional"), "{text}");
}

#[test]
fn generate_prints_the_module() {
    let out = run(&["generate", SESSIONS]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), expected(SESSIONS));
    assert_eq!(stderr(&out), "");
    // The shorthand without a subcommand.
    let out = run(&[SESSIONS]);
    assert_eq!(stdout(&out), expected(SESSIONS));
}

#[test]
fn generate_writes_only_when_the_content_changed() {
    let dir = scratch("write");
    let out_file = dir.join("sessions.rs");
    let path = out_file.to_str().unwrap();
    let out = run(&["generate", SESSIONS, "-o", path]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert_eq!(
        std::fs::read_to_string(&out_file).unwrap(),
        expected(SESSIONS)
    );
    let before = std::fs::metadata(&out_file).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert!(
        run(&["generate", SESSIONS, "--output", path])
            .status
            .success()
    );
    let after = std::fs::metadata(&out_file).unwrap().modified().unwrap();
    assert_eq!(before, after, "an unchanged file was rewritten");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn check_passes_when_up_to_date_and_shows_a_diff_when_drifted() {
    let dir = scratch("check");
    let committed = dir.join("sessions.rs");
    let path = committed.to_str().unwrap();
    std::fs::write(&committed, expected(SESSIONS)).unwrap();
    let out = run(&["check", SESSIONS, "--against", path]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("is up to date"));

    let drifted = expected(SESSIONS).replace("Retrieve a Session", "Fetch a Session");
    std::fs::write(&committed, drifted).unwrap();
    let out = run(&["check", SESSIONS, "--against", path]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(text.contains("has drifted"), "{text}");
    assert!(text.contains("-    /// Fetch a Session"), "{text}");
    assert!(text.contains("+    /// Retrieve a Session"), "{text}");
    assert!(text.lines().count() < 12, "not short:\n{text}");

    let missing = dir.join("missing.rs");
    let out = run(&["check", SESSIONS, "--against", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("missing.rs"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn inspect_prints_a_table_of_operations() {
    let out = run(&["inspect", SESSIONS]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 8, "a header and 7 operations:\n{text}");
    for column in ["operation", "method", "path", "parameters"] {
        assert!(lines[0].contains(column), "{}", lines[0]);
    }
    let row = lines.iter().find(|l| l.contains("GetSessionList")).unwrap();
    assert!(row.contains("get_session_list (GetSessionList)"), "{row}");
    assert!(row.contains("GET"), "{row}");
    assert!(row.contains("/sessions"), "{row}");
    assert!(
        row.contains("client_id?:query, user_id?:query, status?:query"),
        "{row}"
    );
    let row = lines
        .iter()
        .find(|l| l.contains("(CreateSessionTokenFromTemplate)"))
        .unwrap();
    assert!(
        row.contains("session_id:path, template_name:path, body"),
        "{row}"
    );

    let text = stdout(&run(&["inspect", "tests/valid/edge-names.yaml"]));
    assert!(text.contains("id?:query as id_query"), "{text}");
}

#[test]
fn an_invalid_spec_exits_1_with_every_diagnostic() {
    let out = run(&["generate", "tests/invalid/wrong-types.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    let text = stderr(&out);
    assert_eq!(
        text.matches("\nerror: ").count() + usize::from(text.starts_with("error: ")),
        8
    );
    assert!(
        text.contains(" --> tests/invalid/wrong-types.yaml:13:14"),
        "{text}"
    );
    assert!(
        text.contains("could not generate the client: 7 errors"),
        "{text}"
    );
}

#[test]
fn a_workflow_file_is_a_warning_not_a_failure() {
    let out = run(&["generate", "tests/corpus/clerk-user-lifecycle.yaml"]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("workflow file"), "{}", stderr(&out));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(run(&["check", SESSIONS]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate", SESSIONS]).status.code(), Some(2));
    let out = run(&["generate", "does/not/exist.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("does/not/exist.yaml"));
}

/// Runs the binary with stdout closed before it writes anything (as `| head`
/// does once it has what it wants), with `RUST_BACKTRACE=1`.
fn run_with_closed_stdout(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_clerk-sessions-codegen"))
        .args(args)
        .current_dir(common::crate_dir())
        .env("RUST_BACKTRACE", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_pipe_ends_the_program_quietly() {
    let users = "tests/corpus/clerk-backend-api-users.yaml";
    for args in [
        &["generate", SESSIONS][..],
        &[users],
        &["inspect", users],
        &["--help"],
    ] {
        let out = run_with_closed_stdout(args);
        let text = stderr(&out);
        assert!(out.status.success(), "{args:?}: {:?}\n{text}", out.status);
        assert!(!text.contains("panicked"), "{args:?}: {text}");
        assert!(!text.contains("failed printing"), "{args:?}: {text}");
        assert!(!text.contains("backtrace"), "{args:?}: {text}");
    }
}

#[test]
fn no_input_prints_a_backtrace() {
    let dir = scratch("odd-inputs");
    let cases = [
        ("empty.yaml", ""),
        ("bytes.yaml", "\u{0}\u{1}\u{fffd}"),
        ("deep.yaml", &"[".repeat(10_000)),
        (
            "bomb.yaml",
            "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
        ),
    ];
    for (name, text) in cases {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        for command in ["generate", "inspect"] {
            let out = Command::new(env!("CARGO_BIN_EXE_clerk-sessions-codegen"))
                .args([command, path.to_str().unwrap()])
                .env("RUST_BACKTRACE", "1")
                .output()
                .unwrap();
            let text = stderr(&out);
            assert_eq!(out.status.code(), Some(1), "{name}: {text}");
            assert!(
                !text.contains("panicked") && !text.contains("backtrace"),
                "{name}: {text}"
            );
            assert!(text.contains("error: "), "{name}: {text}");
        }
    }
    std::fs::remove_dir_all(dir).unwrap();
}
