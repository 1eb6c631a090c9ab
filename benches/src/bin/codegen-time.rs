//! Times the generator exactly as `clerk-sessions/build.rs` calls it (one
//! `Config::write` per output file: read spec and typing file, generate, compare,
//! write), in whatever profile this binary was built with. Build scripts are compiled
//! like this binary under `--profile dev` (opt-level 0) unless a `build-override`
//! says otherwise, and like it under `--profile build-o2` with this workspace's
//! override:
//!
//! ```sh
//! cargo run -p clerk-sessions-bench --bin codegen-time                        # opt-level 0
//! cargo run -p clerk-sessions-bench --bin codegen-time --profile build-o2     # opt-level 2
//! ```
//!
//! Prints the first run (what one build script does, once per process) and the
//! median of `CODEGEN_TIME_ITERS` later runs (default 30), for the whole of
//! `build.rs` and for each file; `--json` prints JSON. What `build.rs` generates
//! does not depend on the crate's features.

use std::process::ExitCode;
use std::time::Instant;

use clerk_sessions_bench::codegen;
use clerk_sessions_bench::stats::Summary;

fn main() -> ExitCode {
    let iterations = clerk_sessions_bench::env_usize("CODEGEN_TIME_ITERS", 30);
    let json = std::env::args().any(|a| a == "--json");
    let spec = clerk_sessions_bench::workspace_root().join("spec/clerk-backend-api-sessions.yaml");
    let out_dir = std::env::temp_dir().join(format!("codegen-time-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&out_dir) {
        eprintln!("{}: {e}", out_dir.display());
        return ExitCode::FAILURE;
    }
    let steps = codegen::build_rs_steps();

    // times[run][step]
    let mut times: Vec<Vec<f64>> = Vec::with_capacity(iterations + 1);
    for _ in 0..=iterations {
        let mut run = Vec::with_capacity(steps.len());
        for (config, file) in &steps {
            let out = out_dir.join(file);
            // Each run starts as a clean build does: no previous output to compare with.
            let _ = std::fs::remove_file(&out);
            let start = Instant::now();
            if let Err(e) = config.write(&spec, &out) {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
            run.push(start.elapsed().as_secs_f64() * 1e3);
        }
        times.push(run);
    }
    let _ = std::fs::remove_dir_all(&out_dir);

    let total: Vec<f64> = times.iter().map(|run| run.iter().sum()).collect();
    let first = total.first().copied().unwrap_or(f64::NAN);
    let Some(later) = Summary::of(total.get(1..).unwrap_or_default()) else {
        eprintln!("no runs");
        return ExitCode::FAILURE;
    };
    let per_file: Vec<_> = steps
        .iter()
        .enumerate()
        .map(|(i, (_, file))| {
            let later: Vec<f64> = times.iter().skip(1).map(|run| run[i]).collect();
            let first = times.first().map_or(f64::NAN, |run| run[i]);
            (
                *file,
                first,
                Summary::of(&later).map_or(f64::NAN, |s| s.median),
            )
        })
        .collect();
    if json {
        println!(
            "{}",
            serde_json::json!({
                "first_ms": first,
                "later_ms": later.to_json(),
                "files": per_file.iter().map(|(file, first, median)| serde_json::json!({
                    "file": file, "first_ms": first, "later_median_ms": median,
                })).collect::<Vec<_>>(),
                "debug_assertions": cfg!(debug_assertions),
            })
        );
    } else {
        println!(
            "build.rs generation ({} files): first run {first:.2} ms; later runs median {:.2} ms (p10 {:.2}, p90 {:.2}, n {})",
            steps.len(),
            later.median,
            later.p10,
            later.p90,
            later.n
        );
        for (file, first, median) in per_file {
            println!("  {file}: first {first:.2} ms, later median {median:.2} ms");
        }
    }
    ExitCode::SUCCESS
}
