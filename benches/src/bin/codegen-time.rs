//! Times the generator on the Sessions spec exactly as `clerk-sessions/build.rs`
//! calls it (`Config::write`: read spec and typing file, generate, compare, write),
//! in whatever profile this binary was built with. Build scripts are compiled like
//! this binary under `--profile dev` (opt-level 0) unless a `build-override` says
//! otherwise, and like it under `--profile build-o2` with this workspace's override:
//!
//! ```sh
//! cargo run -p clerk-sessions-bench --bin codegen-time                        # opt-level 0
//! cargo run -p clerk-sessions-bench --bin codegen-time --profile build-o2     # opt-level 2
//! ```
//!
//! Prints the first run (what one build script does, once per process) and the
//! median of `CODEGEN_TIME_ITERS` later runs (default 30); `--json` prints JSON.

use std::process::ExitCode;
use std::time::Instant;

use clerk_sessions_bench::codegen;
use clerk_sessions_bench::stats::Summary;

fn main() -> ExitCode {
    let iterations = clerk_sessions_bench::env_usize("CODEGEN_TIME_ITERS", 30);
    let json = std::env::args().any(|a| a == "--json");
    let spec = clerk_sessions_bench::workspace_root().join("spec/clerk-backend-api-sessions.yaml");
    let out = std::env::temp_dir().join(format!("codegen-time-{}.rs", std::process::id()));
    let config = codegen::sessions_config();

    let mut times = Vec::with_capacity(iterations + 1);
    for _ in 0..=iterations {
        // Each run starts as a build script does: no previous output to compare with.
        let _ = std::fs::remove_file(&out);
        let start = Instant::now();
        if let Err(e) = config.write(&spec, &out) {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
        times.push(start.elapsed().as_secs_f64() * 1e3);
    }
    let _ = std::fs::remove_file(&out);

    let first = times.first().copied().unwrap_or(f64::NAN);
    let Some(rest) = Summary::of(times.get(1..).unwrap_or_default()) else {
        eprintln!("no runs");
        return ExitCode::FAILURE;
    };
    if json {
        println!(
            "{}",
            serde_json::json!({
                "first_ms": first,
                "later_ms": rest.to_json(),
                "debug_assertions": cfg!(debug_assertions),
            })
        );
    } else {
        println!(
            "Config::write(sessions): first run {first:.2} ms; later runs median {:.2} ms (p10 {:.2}, p90 {:.2}, n {})",
            rest.median, rest.p10, rest.p90, rest.n
        );
    }
    ExitCode::SUCCESS
}
