//! Times typing derived from Clerk's OpenAPI documents, in one process, the way
//! `clerk-sessions-codegen generate SPEC... --openapi DOC...` runs it for every
//! capability file of the corpus: read the three documents (two at a time),
//! then per capability derive its typing and generate its client from it.
//!
//! ```sh
//! cargo run --release -p clerk-sessions-bench --bin derive-time            # table
//! cargo run --release -p clerk-sessions-bench --bin derive-time -- --json  # JSON
//! ```
//!
//! Prints, for the first run and as the median of `DERIVE_TIME_ITERS` runs
//! (default 5; each run reads the documents again): the time to read each
//! document, all of them (wall), every derivation and every generation
//! (summed over the capabilities, which `DERIVE_TIME_THREADS` workers, default
//! 2, take in turn as the CLI does), and the total (wall); then per capability
//! the derivation time (per operation too) and the generation time. A capability whose generated client fails (the
//! generator does not read every keyword the deriver writes yet) is listed
//! with the first line of its error, and its generation time is left out.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use clerk_sessions_bench::stats::Summary;
use clerk_sessions_codegen::Config;

/// One capability in one run.
struct Capability {
    operations: usize,
    derive_ms: f64,
    generate: Result<f64, String>,
}

/// One run over every capability.
struct Run {
    read_ms: f64,
    docs: Vec<(String, f64)>,
    capabilities: Vec<Capability>,
    total_ms: f64,
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1e3
}

/// Derives and generates one capability.
fn one(config: &Config, spec: &PathBuf) -> Result<Capability, String> {
    let t = Instant::now();
    let derived = config
        .derive(spec)
        .map_err(|e| format!("{}: {e}", spec.display()))?;
    let derive_ms = ms(t);
    let operations = derived.stats.operations;
    let t = Instant::now();
    let generate = match config.generate_derived(spec, derived) {
        Ok(_) => Ok(ms(t)),
        Err(e) => {
            let text = e.to_string();
            let first = text
                .lines()
                .find(|l| l.starts_with("error"))
                .or_else(|| text.lines().next());
            Err(first.unwrap_or("").to_owned())
        }
    };
    Ok(Capability {
        operations,
        derive_ms,
        generate,
    })
}

fn run(specs: &[PathBuf], documents: &[PathBuf], threads: usize) -> Result<Run, String> {
    let started = Instant::now();
    let mut config = Config::new();
    for doc in documents {
        config.openapi(doc);
    }
    // The corpus copies have no overlays; the files' own derivation is timed.
    config.no_overlay();
    let docs = config.openapi_documents().map_err(|e| e.to_string())?;
    let read_ms = ms(started);
    // Two workers take the capabilities in turn, as `generate SPEC...` does.
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(spec) = specs.get(i) else {
                return done;
            };
            done.push((i, one(&config, spec)));
        }
    };
    let results: Vec<(usize, Result<Capability, String>)> = std::thread::scope(|scope| {
        let helper = (threads > 1).then(|| scope.spawn(work));
        let mut mine = work();
        if let Some(Ok(theirs)) = helper.map(|h| h.join()) {
            mine.extend(theirs);
        }
        mine
    });
    let mut slots: Vec<Option<Capability>> = specs.iter().map(|_| None).collect();
    for (i, result) in results {
        slots[i] = Some(result?);
    }
    let capabilities: Vec<Capability> = slots.into_iter().flatten().collect();
    Ok(Run {
        read_ms,
        docs: docs
            .info()
            .iter()
            .map(|d| (d.name.clone(), d.read_time.as_secs_f64() * 1e3))
            .collect(),
        capabilities,
        total_ms: ms(started),
    })
}

fn median(values: impl Iterator<Item = f64>) -> f64 {
    let values: Vec<f64> = values.collect();
    Summary::of(&values).map_or(f64::NAN, |s| s.median)
}

/// The capability files of the corpus, sorted.
fn corpus_specs(root: &std::path::Path) -> Result<Vec<PathBuf>, String> {
    let corpus = root.join("clerk-sessions-codegen/tests/corpus");
    let entries = std::fs::read_dir(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let mut specs: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    specs.sort();
    Ok(specs)
}

fn main() -> ExitCode {
    let iterations = clerk_sessions_bench::env_usize("DERIVE_TIME_ITERS", 5);
    let threads = clerk_sessions_bench::env_usize("DERIVE_TIME_THREADS", 2);
    let json = std::env::args().any(|a| a == "--json");
    let root = clerk_sessions_bench::workspace_root();
    let documents: Vec<PathBuf> = [
        "backend-api-2026-05-12.yml",
        "frontend-api-2026-05-12.yml",
        "platform-api-beta.yml",
    ]
    .iter()
    .map(|name| root.join("openapi").join(name))
    .collect();
    let specs = match corpus_specs(&root) {
        Ok(specs) => specs,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let mut runs = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        match run(&specs, &documents, threads) {
            Ok(r) => runs.push(r),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let Some(summary) = summarize(&specs, &runs) else {
        return ExitCode::FAILURE;
    };
    if json {
        println!("{summary:#}");
    } else {
        print_table(&summary);
    }
    ExitCode::SUCCESS
}

/// The runs as JSON: first run and medians, per document, per capability.
fn summarize(specs: &[PathBuf], runs: &[Run]) -> Option<serde_json::Value> {
    let first = runs.first()?;
    let derive_total = |r: &Run| r.capabilities.iter().map(|c| c.derive_ms).sum::<f64>();
    let generate_total = |r: &Run| {
        r.capabilities
            .iter()
            .filter_map(|c| c.generate.as_ref().ok())
            .sum::<f64>()
    };
    let operations: usize = first.capabilities.iter().map(|c| c.operations).sum();
    let generated = first
        .capabilities
        .iter()
        .filter(|c| c.generate.is_ok())
        .count();
    Some(serde_json::json!({
        "runs": runs.len(),
        "capability_files": specs.len(),
        "operations": operations,
        "generated_ok": generated,
        "first": {
            "read_ms": first.read_ms, "derive_ms": derive_total(first),
            "generate_ms": generate_total(first), "total_ms": first.total_ms,
        },
        "median": {
            "read_ms": median(runs.iter().map(|r| r.read_ms)),
            "derive_ms": median(runs.iter().map(derive_total)),
            "generate_ms": median(runs.iter().map(generate_total)),
            "total_ms": median(runs.iter().map(|r| r.total_ms)),
        },
        "documents": first.docs.iter().enumerate().map(|(i, (name, _))| serde_json::json!({
            "name": name,
            "read_ms_median": median(runs.iter().filter_map(|r| r.docs.get(i).map(|d| d.1))),
        })).collect::<Vec<_>>(),
        "capabilities": specs.iter().enumerate().map(|(i, spec)| {
            let per = |f: &dyn Fn(&Capability) -> Option<f64>| median(runs.iter().filter_map(|r| r.capabilities.get(i).and_then(f)));
            let c = &first.capabilities[i];
            serde_json::json!({
                "spec": spec.file_name().map(|n| n.to_string_lossy().into_owned()),
                "operations": c.operations,
                "derive_ms_median": per(&|c| Some(c.derive_ms)),
                "generate_ms_median": per(&|c| c.generate.as_ref().ok().copied()),
                "generate_error": c.generate.as_ref().err(),
            })
        }).collect::<Vec<_>>(),
        "debug_assertions": cfg!(debug_assertions),
    }))
}

fn print_table(s: &serde_json::Value) {
    let f = |v: &serde_json::Value| v.as_f64().unwrap_or(f64::NAN);
    println!(
        "{} capabilities, {} operations, {} generated ({} runs; first run, then median)",
        s["capability_files"], s["operations"], s["generated_ok"], s["runs"]
    );
    for phase in ["read_ms", "derive_ms", "generate_ms", "total_ms"] {
        println!(
            "  {phase:<12} {:>8.1} {:>8.1}",
            f(&s["first"][phase]),
            f(&s["median"][phase])
        );
    }
    for doc in s["documents"].as_array().into_iter().flatten() {
        println!(
            "  read {:<32} {:>8.1} ms (median)",
            doc["name"].as_str().unwrap_or(""),
            f(&doc["read_ms_median"])
        );
    }
    println!(
        "  {:<48} {:>4} {:>9} {:>9} {:>9}",
        "capability", "ops", "derive", "per op", "generate"
    );
    for c in s["capabilities"].as_array().into_iter().flatten() {
        let ops = c["operations"].as_u64().unwrap_or(0);
        let derive = f(&c["derive_ms_median"]);
        let generate = match c["generate_error"].as_str() {
            Some(err) => format!("failed: {err}"),
            None => format!("{:>9.2}", f(&c["generate_ms_median"])),
        };
        println!(
            "  {:<48} {:>4} {:>9.2} {:>9.3} {generate}",
            c["spec"].as_str().unwrap_or(""),
            ops,
            derive,
            derive / ops.max(1) as f64
        );
    }
}
