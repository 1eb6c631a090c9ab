//! The generated client against hand-written reqwest, paired and interleaved.
//!
//! Each side talks to its own canned server on 127.0.0.1 (identical answers; each
//! server counts its connections). Every round times a block of N requests of the
//! generated client and a block of N raw requests, alternating which goes first, and
//! records `generated time / raw time`; the report is the median of those per-round
//! ratios with p10 and p90. Noise that lasts longer than a block hits both sides of
//! a round alike and cancels in the ratio.
//!
//! 1. Sequential, one keep-alive connection per side (asserted), on a current-thread
//!    runtime: `get_session`, `get_session_list` (100 sessions), `revoke_session`,
//!    `create_session_token`; plus allocator calls per request for each side.
//! 2. Concurrent: `BENCH_CONC_TASKS` tasks (64) sharing one client per side on a
//!    multi-thread runtime, `get_session`; ratio of requests per second.
//!
//! Settings (environment): `BENCH_ROUNDS` (300), `BENCH_BLOCK_MS` (10, the length a
//! block is sized for), `BENCH_ALLOC_N` (1000), `BENCH_CONC_ROUNDS` (60),
//! `BENCH_CONC_TASKS` (64), `BENCH_CONC_PER_TASK` (25), `BENCH_CONC_WORKERS` (2),
//! `BENCH_OPS` (a comma-separated subset of the operations, for the sequential part),
//! `BENCH_GEN_NO_TIMEOUT=1` (the generated client is built with `no_timeout()`; the raw
//! client then has no timeout either), `BENCH_RAW_NO_TIMEOUT=1` (the raw client has no
//! timeout while the generated client keeps its default: the price of the timer against
//! code that bounds nothing), `BENCH_AA=1` (raw
//! against raw: checks that the harness favours neither side), `BENCH_TIMER=1` (the
//! generated client against itself built with `no_timeout()`: the cost of the
//! per-attempt timer, paired like the rest).
//! `BENCH_FIXED=gen:get_session:2000` (or `raw:…`) runs just that many requests of
//! one side after a warm-up, for `valgrind --tool=callgrind`.
//!
//! Writes `target/bench-results/paired.json`.
// A benchmark binary: a failed request or a broken assumption must stop the run
// loudly rather than produce figures.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod alloc;
mod concurrent;
mod fixed;
mod fixtures;
mod mode;
mod raw;
mod sequential;
mod server;
mod sides;

use clerk_sessions_bench::env_usize;
use serde_json::json;

use mode::Mode;

#[global_allocator]
static ALLOCATOR: alloc::Counting = alloc::Counting;

fn main() {
    // reqwest is built without a TLS crypto provider; this installs the one
    // clerk-sessions itself uses, so that the raw side's client can be built first.
    let _ = rustls::crypto::ring::default_provider().install_default();

    let mode = Mode::from_env();
    if let Ok(fixed) = std::env::var("BENCH_FIXED") {
        fixed::fixed_mode(&fixed, mode);
        return;
    }

    let rounds = env_usize("BENCH_ROUNDS", 300);
    let block_ms = env_usize("BENCH_BLOCK_MS", 10);
    let alloc_n = env_usize("BENCH_ALLOC_N", 1000);
    println!("paired benchmark: {rounds} rounds, blocks of ~{block_ms} ms");
    if mode.aa {
        println!("BENCH_AA: raw against raw, checking the harness (ratios should be 1)");
    }
    match mode.raw_timeout {
        _ if mode.timer => println!(
            "BENCH_TIMER: the generated client against itself without a timeout (\"raw\" columns)"
        ),
        Some(t) => println!("both sides have a {t:?} timeout per request"),
        None if mode.generated_timed => println!(
            "BENCH_RAW_NO_TIMEOUT: the generated client keeps its default timeout, the raw client has none"
        ),
        None => println!("BENCH_GEN_NO_TIMEOUT: neither side has a timeout"),
    }

    let sequential = sequential::sequential(mode, rounds, block_ms, alloc_n);
    let concurrent = concurrent::concurrent(
        mode,
        env_usize("BENCH_CONC_ROUNDS", 60),
        env_usize("BENCH_CONC_TASKS", 64),
        env_usize("BENCH_CONC_PER_TASK", 25),
        env_usize("BENCH_CONC_WORKERS", 2),
    );
    clerk_sessions_bench::write_results(
        "paired",
        &json!({
            "machine": clerk_sessions_bench::machine(),
            "aa_check": mode.aa,
            "timer_check": mode.timer,
            "raw_timeout_s": mode.raw_timeout.filter(|_| !mode.timer).map(|t| t.as_secs()),
            "generated_timeout": mode.generated_timed,
            "sequential": sequential,
            "concurrent": concurrent,
        }),
    );
}

fn current_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}
