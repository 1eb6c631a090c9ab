//! Benchmark support shared by the `paired` and `codegen` benches and the
//! `codegen-time` binary: summary statistics, settings from the environment,
//! machine facts, result files, and timing of the generator.
//!
//! How to run everything, and the figures, are in `BENCHMARKS.md` at the root.

pub mod codegen;
pub mod stats;

use std::path::PathBuf;

/// A positive integer setting from the environment variable `name`, or `default`.
///
/// Anything unset, empty or not a positive integer gives `default`, with a note on
/// stderr for a value that was set but not understood.
pub fn env_usize(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(text) if !text.trim().is_empty() => match text.trim().parse::<usize>() {
            Ok(value) if value > 0 => value,
            _ => {
                eprintln!("{name}={text:?} is not a positive integer; using {default}");
                default
            }
        },
        _ => default,
    }
}

/// The workspace root (the parent of this package).
pub fn workspace_root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map_or_else(|| here.clone(), PathBuf::from)
}

/// Where result files go: `$BENCH_RESULTS_DIR` (relative to the workspace root), or
/// `target/bench-results/` under
/// `$CARGO_TARGET_DIR` or the workspace root.
pub fn results_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("BENCH_RESULTS_DIR") {
        // Relative to the workspace root: `cargo bench` runs benches in the package folder.
        return workspace_root().join(dir);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| workspace_root().join("target"), PathBuf::from);
    target.join("bench-results")
}

/// Writes `value` as pretty JSON to `<results_dir>/<name>.json` and says where.
/// A failure to write is reported on stderr, never fatal: the table was printed.
pub fn write_results(name: &str, value: &serde_json::Value) {
    let dir = results_dir();
    let path = dir.join(format!("{name}.json"));
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| serde_json::to_vec_pretty(value).map_err(std::io::Error::other))
        .and_then(|bytes| std::fs::write(&path, bytes));
    match written {
        Ok(()) => println!("results: {}", path.display()),
        Err(e) => eprintln!("cannot write {}: {e}", path.display()),
    }
}

/// The machine the figures come from: cores, CPU model, rustc version and load.
pub fn machine() -> serde_json::Value {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|line| line.strip_prefix("model name"))
        .map(|rest| rest.trim_start_matches([' ', '\t', ':']).to_owned());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let loadavg = std::fs::read_to_string("/proc/loadavg").ok().map(|text| {
        text.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    });
    let rustc =
        std::process::Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
            .arg("--version")
            .output()
            .ok()
            .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned());
    serde_json::json!({
        "cores": cores,
        "cpu": model,
        "rustc": rustc,
        "loadavg_at_start": loadavg,
    })
}
