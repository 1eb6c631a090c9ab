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

/// A problem the generator finds in a derived typing (here two enum values
/// that become the same Rust variant) is reported where it comes from: the
/// document's file, line and JSON pointer, naming the typing path too.
#[test]
fn a_problem_with_derived_typing_points_into_the_document() {
    let dir = scratch("traced");
    let spec = dir.join("clerk-backend-api-gadgets.yaml");
    std::fs::write(&spec, GADGETS_SPEC).unwrap();
    let doc = dir.join("backend-api-gadgets.yml");
    std::fs::write(&doc, GADGETS_DOC).unwrap();
    let (spec, doc) = (spec.display().to_string(), doc.display().to_string());
    let out = run(&["generate", &spec, "--openapi", &doc]);
    let stderr = text(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("enum variants collide"), "{stderr}");
    // The enum's component, at its line in the document (line 24: `Kind:`).
    assert!(stderr.contains(&format!("{doc}:24:")), "{stderr}");
    assert!(stderr.contains("#/components/schemas/Kind"), "{stderr}");
    assert!(stderr.contains("`$defs.Kind`"), "{stderr}");
}

const GADGETS_SPEC: &str = r#"naftiko: 1.0.0-alpha2
binds:
- namespace: env
  keys:
    CLERK_SECRET_KEY: CLERK_SECRET_KEY
capability:
  consumes:
  - type: http
    namespace: gadgets
    baseUri: https://api.example.test/v1
    resources:
    - name: gadgets
      path: /gadgets
      operations:
      - name: ListGadgets
        method: GET
"#;

const GADGETS_DOC: &str = r#"openapi: 3.0.3
info:
  title: Clerk Backend API
  version: '1'
security:
- bearerAuth: []
paths:
  /gadgets:
    get:
      operationId: ListGadgets
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Kind'
components:
  securitySchemes:
    bearerAuth:
      type: http
      scheme: bearer
  schemas:
    Kind:
      type: string
      enum:
      - a-b
      - a_b
"#;
