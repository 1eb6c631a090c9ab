//! Generator speed: parse + lower + emit + format for the Sessions spec (as
//! `clerk-sessions/build.rs` runs it) and for the 43 capability files together,
//! plus milliseconds per operation for each file, to show the cost is linear.
//!
//! `cargo bench -p clerk-sessions-bench --bench codegen`. Settings:
//! `CODEGEN_ITERS` (Sessions runs, default 200), `CODEGEN_CORPUS_ITERS` (runs over
//! the 43 files, default 20). Writes `target/bench-results/codegen.json`.
// A benchmark binary: failing loudly on a broken fixture is the right behaviour.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use clerk_sessions_bench::codegen::{self, Input};
use clerk_sessions_bench::stats::{Fit, Summary};
use clerk_sessions_codegen::Config;
use serde_json::json;

fn main() {
    let sessions_iters = clerk_sessions_bench::env_usize("CODEGEN_ITERS", 200);
    let corpus_iters = clerk_sessions_bench::env_usize("CODEGEN_CORPUS_ITERS", 20);
    let profile = if cfg!(debug_assertions) {
        "debug assertions on (dev-like)"
    } else {
        "optimised (bench profile)"
    };
    println!("codegen benchmark, {profile}");

    // Sessions: the client and its types, as build.rs generates them (the same for
    // every feature set).
    let sessions = codegen::sessions_input().expect("read spec/");
    let config = codegen::sessions_config();
    let out = codegen::generate(&config, &sessions).expect("the Sessions spec generates");
    for _ in 0..5 {
        codegen::generate(&config, &sessions).unwrap();
    }
    let times = codegen::time_ms(sessions_iters, || codegen::generate(&config, &sessions)).unwrap();
    let s = Summary::of(&times).unwrap();
    println!(
        "sessions: {} operations, {} lines: median {:.3} ms (p10 {:.3}, p90 {:.3}), {:.3} ms/operation",
        out.operations,
        out.lines,
        s.median,
        s.p10,
        s.p90,
        s.median / out.operations as f64
    );

    // The corpus, all 43 together.
    let corpus = codegen::corpus_inputs().expect("read the corpus");
    let plain = Config::new();
    let outs: Vec<_> = corpus
        .iter()
        .map(|input| codegen::generate(&plain, input).expect("every corpus file generates"))
        .collect();
    let total_ops: usize = outs.iter().map(|o| o.operations).sum();
    let total_lines: usize = outs.iter().map(|o| o.lines).sum();
    let all = |inputs: &[Input]| -> Result<(), String> {
        for input in inputs {
            codegen::generate(&plain, input)?;
        }
        Ok(())
    };
    all(&corpus).unwrap();
    let times = codegen::time_ms(corpus_iters, || all(&corpus)).unwrap();
    let c = Summary::of(&times).unwrap();
    println!(
        "corpus: {} files, {} operations, {} lines: median {:.2} ms (p10 {:.2}, p90 {:.2}), {:.3} ms/operation",
        corpus.len(),
        total_ops,
        total_lines,
        c.median,
        c.p10,
        c.p90,
        c.median / total_ops as f64
    );

    // Per file, for linearity: median time against operations.
    let per_file_iters = corpus_iters.max(5);
    let mut files = Vec::new();
    let mut points = Vec::new();
    for (input, out) in corpus.iter().zip(&outs) {
        let times = codegen::time_ms(per_file_iters, || codegen::generate(&plain, input)).unwrap();
        let m = Summary::of(&times).unwrap().median;
        points.push((out.operations as f64, m));
        files.push(json!({
            "file": input.file,
            "operations": out.operations,
            "lines": out.lines,
            "median_ms": m,
            "ms_per_operation": m / out.operations.max(1) as f64,
        }));
    }
    let per_op: Vec<f64> = points.iter().map(|(ops, ms)| ms / ops.max(1.0)).collect();
    let per_op_summary = Summary::of(&per_op).unwrap();
    let fit = Fit::of(&points);
    if let Some(fit) = fit {
        println!(
            "per file: ms = {:.3} + {:.4} x operations (R² {:.3}); ms/operation p10 {:.3}, median {:.3}, p90 {:.3}",
            fit.intercept,
            fit.slope,
            fit.r_squared,
            per_op_summary.p10,
            per_op_summary.median,
            per_op_summary.p90
        );
    }

    clerk_sessions_bench::write_results(
        "codegen",
        &json!({
            "machine": clerk_sessions_bench::machine(),
            "profile": profile,
            "sessions": {
                "operations": out.operations,
                "lines": out.lines,
                "ms": s.to_json(),
                "ms_per_operation": s.median / out.operations as f64,
                "lines_per_operation": out.lines as f64 / out.operations as f64,

            },
            "corpus": {
                "files": corpus.len(),
                "operations": total_ops,
                "lines": total_lines,
                "ms": c.to_json(),
                "ms_per_operation": c.median / total_ops as f64,
                "per_file_ms_per_operation": per_op_summary.to_json(),
                "fit": fit.map(|f| json!({
                    "intercept_ms": f.intercept,
                    "ms_per_operation": f.slope,
                    "r_squared": f.r_squared,
                })),
                "per_file": files,
            },
        }),
    );
}
