//! Editing a spec and rebuilding regenerates the client: `Config::write`
//! rewrites the output when (and only when) the spec changed, and
//! `Config::rerun_if_changed` gives the exact lines `build_script` prints, so
//! Cargo reruns the build script when the spec or its typing file changes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};

use clerk_sessions_codegen::Config;

/// A fresh folder holding a copy of the Sessions spec (and, if asked, its typing file).
fn scratch(name: &str, with_typing: bool) -> (PathBuf, PathBuf) {
    let dir =
        std::env::temp_dir().join(format!("clerk-codegen-regen-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let source = common::workspace_dir().join("spec");
    let spec = dir.join("clerk-backend-api-sessions.yaml");
    std::fs::copy(source.join("clerk-backend-api-sessions.yaml"), &spec).unwrap();
    if with_typing {
        std::fs::copy(
            source.join("clerk-backend-api-sessions.types.yaml"),
            dir.join("clerk-backend-api-sessions.types.yaml"),
        )
        .unwrap();
    }
    (dir, spec)
}

fn edit(spec: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(spec).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(spec, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn editing_the_spec_regenerates_the_client() {
    let (dir, spec) = scratch("edit", false);
    let out = dir.join("generated.rs");
    let config = Config::new();
    config.write(&spec, &out).unwrap();
    let first = std::fs::read_to_string(&out).unwrap();
    assert!(first.contains("/// Retrieve a Session"));
    assert!(first.contains("pub fn get_session<'a>("));

    // Unchanged spec: the file is not touched (no needless rebuilds).
    let modified = std::fs::metadata(&out).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    config.write(&spec, &out).unwrap();
    assert_eq!(
        std::fs::metadata(&out).unwrap().modified().unwrap(),
        modified
    );

    // A new description and a new operation name show up.
    edit(
        &spec,
        "description: Retrieve a Session",
        "description: Fetch one session",
    );
    edit(&spec, "- name: GetSession\n", "- name: FetchSession\n");
    config.write(&spec, &out).unwrap();
    let second = std::fs::read_to_string(&out).unwrap();
    assert!(second.contains("/// Fetch one session"), "{second}");
    assert!(second.contains("pub fn fetch_session<'a>("));
    assert!(!second.contains("pub fn get_session<'a>("));
    assert!(second.contains("name: \"FetchSession\""));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn editing_the_typing_file_regenerates_the_client() {
    let (dir, spec) = scratch("typing", true);
    let out = dir.join("generated.rs");
    let config = Config::new();
    let first = config.write(&spec, &out).unwrap();
    assert_eq!(
        first.typing_file.as_deref(),
        Some(dir.join("clerk-backend-api-sessions.types.yaml").as_path())
    );
    std::fs::remove_file(dir.join("clerk-backend-api-sessions.types.yaml")).unwrap();
    let second = config.write(&spec, &out).unwrap();
    assert!(second.typing_file.is_none());
    assert_ne!(
        first.code, second.code,
        "dropping the typing file changes the client"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), second.code);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn rerun_if_changed_lines_are_exact() {
    let (dir, spec) = scratch("rerun", true);
    let typing = dir.join("clerk-backend-api-sessions.types.yaml");
    let line = |p: &Path| format!("cargo:rerun-if-changed={}", p.display());

    // The typing file beside the spec is watched with it.
    assert_eq!(
        Config::new().rerun_if_changed(&spec),
        vec![line(&spec), line(&typing)]
    );
    // Without one, the folder is watched, so adding one later reruns the build.
    std::fs::remove_file(&typing).unwrap();
    assert_eq!(
        Config::new().rerun_if_changed(&spec),
        vec![line(&spec), line(&dir)]
    );
    // With typing off, only the spec.
    assert_eq!(
        Config::new().no_typing_file().rerun_if_changed(&spec),
        vec![line(&spec)]
    );
    // An explicit typing file is watched wherever it is.
    let elsewhere = dir.join("other.types.yaml");
    assert_eq!(
        Config::new()
            .typing_file(&elsewhere)
            .rerun_if_changed(&spec),
        vec![line(&spec), line(&elsewhere)]
    );
    // A bare file name watches the current folder.
    assert_eq!(
        Config::new().rerun_if_changed("spec.yaml"),
        vec![
            "cargo:rerun-if-changed=spec.yaml",
            "cargo:rerun-if-changed=."
        ]
    );
    std::fs::remove_dir_all(dir).unwrap();
}
