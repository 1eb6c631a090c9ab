//! The binary with OpenAPI documents: `derive-types`, `generate --openapi`,
//! several specs at once, and the usage errors.

#![cfg(feature = "cli")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use clerk_sessions_codegen::Config;

/// Runs the binary in the workspace's folder.
fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clerk-sessions-codegen"))
        .args(args)
        .current_dir(common::workspace_dir())
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "clerk-codegen-cli-openapi-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const SESSIONS: &str = "spec/clerk-backend-api-sessions.yaml";
const BACKEND: &str = "openapi/backend-api-2026-05-12.yml";

#[test]
fn derive_types_prints_the_committed_sessions_typing_file() {
    let committed = std::fs::read_to_string(
        common::workspace_dir().join("spec/clerk-backend-api-sessions.types.yaml"),
    )
    .unwrap();
    // The overlay beside the spec is merged by default; naming it gives the same.
    for extra in [
        &[][..],
        &["--overlay", "spec/clerk-backend-api-sessions.overlay.yaml"][..],
    ] {
        let mut args = vec!["derive-types", SESSIONS, "--openapi", BACKEND];
        args.extend(extra);
        let out = run(&args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(text(&out.stdout), committed.replace("\r\n", "\n"));
        assert_eq!(text(&out.stderr), "");
    }
    let out = run(&[
        "derive-types",
        SESSIONS,
        "--openapi",
        BACKEND,
        "--no-overlay",
    ]);
    assert!(out.status.success());
    assert!(!text(&out.stdout).contains("TemplateName"));
}

#[test]
fn generate_with_openapi_gives_the_client_the_typing_file_gives() {
    let out = run(&["generate", SESSIONS, "--openapi", BACKEND]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let expected = Config::new()
        .generate(common::workspace_dir().join(SESSIONS))
        .unwrap()
        .code;
    assert!(
        text(&out.stdout) == expected,
        "generate --openapi differs from generate with the typing file"
    );
}

#[test]
fn several_specs_at_once_into_a_folder() {
    let dir = scratch("many");
    let specs = [
        "clerk-sessions-codegen/tests/corpus/clerk-backend-api-jwt-templates.yaml",
        "clerk-sessions-codegen/tests/corpus/clerk-platform-api-domains.yaml",
    ];
    let out_dir = dir.to_str().unwrap();
    let mut args = vec!["derive-types"];
    args.extend(specs);
    args.extend([
        "--openapi",
        BACKEND,
        "--openapi",
        "openapi/platform-api-beta.yml",
        "--out-dir",
        out_dir,
        "--stats",
    ]);
    let out = run(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stats = text(&out.stderr);
    assert!(stats.contains("read backend-api-2026-05-12.yml"), "{stats}");
    assert!(stats.contains("total: 14 operations"), "{stats}");
    for stem in [
        "clerk-backend-api-jwt-templates",
        "clerk-platform-api-domains",
    ] {
        let typing = std::fs::read_to_string(dir.join(format!("{stem}.types.yaml"))).unwrap();
        assert!(typing.contains(&format!("namespace: {stem}")));
    }
    assert!(
        std::fs::read_to_string(dir.join("clerk-platform-api-domains.types.yaml"))
            .unwrap()
            .contains("env: CLERK_PARTNER_KEY")
    );

    let mut args = vec!["generate"];
    args.extend(specs);
    args.extend([
        "--openapi",
        BACKEND,
        "--openapi",
        "openapi/platform-api-beta.yml",
        "--out-dir",
        out_dir,
    ]);
    let out = run(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for stem in [
        "clerk-backend-api-jwt-templates",
        "clerk-platform-api-domains",
    ] {
        let code = std::fs::read_to_string(dir.join(format!("{stem}.rs"))).unwrap();
        assert!(code.starts_with("// @generated"), "{stem}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn problems_are_reported_and_usage_errors_exit_2() {
    // -o with several specs, --openapi with --types: usage errors.
    let out = run(&[
        "derive-types",
        SESSIONS,
        SESSIONS,
        "--openapi",
        BACKEND,
        "-o",
        "x.yaml",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let out = run(&[
        "generate",
        SESSIONS,
        "--openapi",
        BACKEND,
        "--types",
        "x.yaml",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    // A Frontend capability with only the Backend document: every spec is
    // tried, each problem printed, exit 1.
    let dir = scratch("bad");
    let out = run(&[
        "derive-types",
        "clerk-sessions-codegen/tests/corpus/clerk-frontend-api-health.yaml",
        SESSIONS,
        "--openapi",
        BACKEND,
        "--out-dir",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("no frontend API document"),
        "{}",
        text(&out.stderr)
    );
    assert!(dir.join("clerk-backend-api-sessions.types.yaml").is_file());
    std::fs::remove_dir_all(dir).unwrap();
}
