//! Helpers shared by the integration tests: fixture folders and golden files.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

/// This crate's folder.
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The workspace's folder.
pub fn workspace_dir() -> PathBuf {
    crate_dir().parent().unwrap().to_owned()
}

/// The `*.yaml` files of `tests/<folder>` (typing files excluded), sorted.
pub fn specs(folder: &str) -> Vec<PathBuf> {
    let dir = crate_dir().join("tests").join(folder);
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".yaml") && !name.ends_with(".types.yaml")
        })
        .collect();
    found.sort();
    found
}

/// `tests/<folder>/<file name>`: the name diagnostics use, the same on every machine.
pub fn relative(path: &Path) -> String {
    path.strip_prefix(crate_dir())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The workflow file of the corpus: it consumes no API.
pub const WORKFLOW: &str = "clerk-user-lifecycle.yaml";

/// Compares `actual` with the golden file at `path`, or rewrites the file when
/// `UPDATE_GOLDEN=1`. Returns a description of the mismatch, if any.
pub fn golden(path: &Path, actual: &str) -> Option<String> {
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        let unchanged = std::fs::read_to_string(path).is_ok_and(|old| old == actual);
        if !unchanged {
            std::fs::write(path, actual).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
        return None;
    }
    let expected = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            return Some(format!(
                "{}: {e} (run with UPDATE_GOLDEN=1)",
                path.display()
            ));
        }
    };
    if expected == actual {
        return None;
    }
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
    let show = |text: &str| text.lines().nth(line).unwrap_or("<end of file>").to_owned();
    Some(format!(
        "{} differs from the generated text at line {}:\n  golden:    {}\n  generated: {}\n(run with UPDATE_GOLDEN=1 to accept, then review the diff)",
        relative(path),
        line + 1,
        show(&expected),
        show(actual)
    ))
}

/// Panics with every mismatch, if there are any.
pub fn assert_no_mismatches(mismatches: Vec<String>) {
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
}
