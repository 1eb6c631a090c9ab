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
mod fixtures;
mod raw;
mod server;

use std::sync::Arc;
use std::time::{Duration, Instant};

use clerk_sessions::{Client, SessionId, UserId};
use clerk_sessions_bench::env_usize;
use clerk_sessions_bench::stats::Summary;
use fixtures::{Op, PAGE, SESSION_ID, USER_ID};
use raw::Raw;
use serde_json::json;
use server::CannedServer;

#[global_allocator]
static ALLOCATOR: alloc::Counting = alloc::Counting;

const SECRET_KEY: &str = "sk_test_bench_0123456789abcdefghijklmnopqrstuv";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Generated,
    Raw,
}

/// Both clients, each with its own server.
struct Sides {
    generated: Client,
    /// `BENCH_AA=1`: a second raw client in the generated client's place, to check
    /// that the harness itself favours neither side (the ratio should be 1).
    stand_in: Option<Raw>,
    /// `BENCH_TIMER=1`: the generated client built with `no_timeout()` in the raw
    /// client's place, so the ratio is the cost of the per-attempt timer.
    untimed: Option<Client>,
    raw: Raw,
    generated_server: CannedServer,
    raw_server: CannedServer,
    session: SessionId,
    user: UserId,
}

/// The generated client for `server` as users get it (default retry policy and
/// timeout), or built with `.no_timeout()` when not `timed`.
fn generated_client(server: &CannedServer, timed: bool) -> Client {
    let builder = Client::builder()
        .secret_key(SECRET_KEY)
        .base_url(server.base_url());
    let builder = if timed { builder } else { builder.no_timeout() };
    builder.build().expect("client")
}

impl Sides {
    /// Starts two servers and builds a client for each, as `mode` says. Call inside
    /// a runtime.
    fn new(mode: Mode) -> Sides {
        let generated_server = CannedServer::start(fixtures::bodies()).expect("bind");
        let raw_server = CannedServer::start(fixtures::bodies()).expect("bind");
        let generated = generated_client(&generated_server, mode.generated_timed);
        let raw =
            Raw::new(raw_server.base_url(), SECRET_KEY, mode.raw_timeout).expect("raw client");
        let stand_in = mode.aa.then(|| {
            Raw::new(generated_server.base_url(), SECRET_KEY, mode.raw_timeout).expect("raw client")
        });
        let untimed = mode.timer.then(|| generated_client(&raw_server, false));
        Sides {
            generated,
            stand_in,
            untimed,
            raw,
            generated_server,
            raw_server,
            session: SESSION_ID.parse().expect("session id"),
            user: USER_ID.parse().expect("user id"),
        }
    }

    fn server(&self, side: Side) -> &CannedServer {
        match side {
            Side::Generated => &self.generated_server,
            Side::Raw => &self.raw_server,
        }
    }

    /// One request; returns a value derived from the decoded response so that the
    /// decode cannot be optimised away.
    async fn once(&self, side: Side, op: Op) -> usize {
        match (side, &self.stand_in, &self.untimed) {
            (Side::Generated, None, _) => self.generated_once(&self.generated, op).await,
            (Side::Generated, Some(stand_in), _) => Sides::raw_once(stand_in, op).await,
            (Side::Raw, _, Some(untimed)) => self.generated_once(untimed, op).await,
            (Side::Raw, _, None) => Sides::raw_once(&self.raw, op).await,
        }
    }

    async fn generated_once(&self, c: &Client, op: Op) -> usize {
        let result = match op {
            Op::Get => c
                .get_session(&self.session)
                .send()
                .await
                .map(|s| s.id.as_ref().len()),
            Op::List => c
                .get_session_list(self.user.clone())
                .limit(PAGE)
                .send()
                .await
                .map(|l| l.data.len()),
            Op::Revoke => c
                .revoke_session(&self.session)
                .send()
                .await
                .map(|s| s.id.as_ref().len()),
            Op::Token => c
                .create_session_token(&self.session)
                .send()
                .await
                .map(|t| t.jwt.expose().len()),
        };
        result.unwrap_or_else(|e| panic!("generated {}: {e}", op.name()))
    }

    async fn raw_once(r: &Raw, op: Op) -> usize {
        let result = match op {
            Op::Get => r.get_session(SESSION_ID).await.map(|s| s.id.as_ref().len()),
            Op::List => r
                .get_session_list(USER_ID, PAGE)
                .await
                .map(|l| l.data.len()),
            Op::Revoke => r
                .revoke_session(SESSION_ID)
                .await
                .map(|s| s.id.as_ref().len()),
            Op::Token => r
                .create_session_token(SESSION_ID)
                .await
                .map(|t| t.jwt.expose().len()),
        };
        result.unwrap_or_else(|e| panic!("raw {}: {e}", op.name()))
    }

    /// `n` sequential requests; their wall time.
    async fn block(&self, side: Side, op: Op, n: usize) -> Duration {
        let start = Instant::now();
        for _ in 0..n {
            std::hint::black_box(self.once(side, op).await);
        }
        start.elapsed()
    }

    /// Checks that both sides decode the same values and sent the same requests.
    async fn check_identical(&self) -> serde_json::Value {
        let mut heads = serde_json::Map::new();
        for op in Op::ALL {
            let (c, r) = (&self.generated, &self.raw);
            let same = match op {
                Op::Get => {
                    c.get_session(&self.session).send().await.ok()
                        == r.get_session(SESSION_ID).await.ok()
                }
                Op::List => {
                    let g = c
                        .get_session_list(self.user.clone())
                        .limit(PAGE)
                        .send()
                        .await
                        .ok();
                    g.as_ref().is_some_and(|g| g.data.len() == PAGE as usize)
                        && g == r.get_session_list(USER_ID, PAGE).await.ok()
                }
                Op::Revoke => {
                    c.revoke_session(&self.session).send().await.ok()
                        == r.revoke_session(SESSION_ID).await.ok()
                }
                Op::Token => {
                    c.create_session_token(&self.session).send().await.ok()
                        == r.create_session_token(SESSION_ID).await.ok()
                }
            };
            assert!(
                same,
                "{}: the two sides decoded different values",
                op.name()
            );
            let g = self.generated_server.first_request(op).expect("recorded");
            let r = self.raw_server.first_request(op).expect("recorded");
            assert_eq!(g, r, "{}: the two sides sent different requests", op.name());
            heads.insert(op.name().to_owned(), json!(g));
        }
        serde_json::Value::Object(heads)
    }
}

fn main() {
    // reqwest is built without a TLS crypto provider; this installs the one
    // clerk-sessions itself uses, so that the raw side's client can be built first.
    let _ = rustls::crypto::ring::default_provider().install_default();

    let mode = Mode::from_env();
    if let Ok(fixed) = std::env::var("BENCH_FIXED") {
        fixed_mode(&fixed, mode);
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

    let sequential = sequential(mode, rounds, block_ms, alloc_n);
    let concurrent = concurrent(
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

/// Part 1: per request over one connection per side.
fn sequential(mode: Mode, rounds: usize, block_ms: usize, alloc_n: usize) -> serde_json::Value {
    let runtime = current_thread();
    // `BENCH_OPS=get_session,revoke_session` measures only those.
    let ops: Vec<Op> = match std::env::var("BENCH_OPS") {
        Ok(list) => list
            .split(',')
            .map(|name| {
                Op::parse(name.trim()).unwrap_or_else(|| panic!("BENCH_OPS: unknown {name:?}"))
            })
            .collect(),
        Err(_) => Op::ALL.to_vec(),
    };
    runtime.block_on(async {
        let sides = Sides::new(mode);
        let wire = sides.check_identical().await;

        // Warm up, and size each operation's block from the raw side's speed.
        let mut block_n = [0usize; Op::ALL.len()];
        for op in ops.iter().copied() {
            let mut raw = Duration::ZERO;
            for _ in 0..4 {
                sides.block(Side::Generated, op, 50).await;
                raw += sides.block(Side::Raw, op, 50).await;
            }
            let per_request = raw.as_secs_f64() / 200.0;
            block_n[op as usize] = ((block_ms as f64 / 1e3) / per_request)
                .ceil()
                .clamp(5.0, 1e6) as usize;
        }
        // One connection per client (in an A/A run the generated side's server also
        // saw the generated client of `check_identical`; in a timer run the raw
        // side's server also saw the raw client).
        let expected = [
            1 + usize::from(sides.stand_in.is_some()),
            1 + usize::from(sides.untimed.is_some()),
        ];
        let connections = [Side::Generated, Side::Raw].map(|side| sides.server(side).accepts());
        assert_eq!(
            connections, expected,
            "one keep-alive connection per client"
        );

        // Allocator calls per request, on this thread (the client's).
        let mut allocs = serde_json::Map::new();
        for op in ops.iter().copied() {
            let mut per_side = serde_json::Map::new();
            for side in [Side::Generated, Side::Raw] {
                sides.block(side, op, 10).await;
                let (calls, bytes) = alloc::snapshot();
                sides.block(side, op, alloc_n).await;
                let (calls2, bytes2) = alloc::snapshot();
                per_side.insert(
                    side_name(side).to_owned(),
                    json!({
                        "allocs_per_request": (calls2 - calls) as f64 / alloc_n as f64,
                        "bytes_per_request": (bytes2 - bytes) as f64 / alloc_n as f64,
                    }),
                );
            }
            allocs.insert(op.name().to_owned(), serde_json::Value::Object(per_side));
        }

        // The paired rounds.
        let mut ratios = vec![Vec::with_capacity(rounds); Op::ALL.len()];
        let mut per_request_us =
            vec![(Vec::with_capacity(rounds), Vec::with_capacity(rounds)); Op::ALL.len()];
        for round in 0..rounds {
            for op in ops.iter().copied() {
                let n = block_n[op as usize];
                let generated_first = (round + op as usize).is_multiple_of(2);
                let (g, r) = if generated_first {
                    let g = sides.block(Side::Generated, op, n).await;
                    (g, sides.block(Side::Raw, op, n).await)
                } else {
                    let r = sides.block(Side::Raw, op, n).await;
                    (sides.block(Side::Generated, op, n).await, r)
                };
                ratios[op as usize].push(g.as_secs_f64() / r.as_secs_f64());
                per_request_us[op as usize]
                    .0
                    .push(g.as_secs_f64() * 1e6 / n as f64);
                per_request_us[op as usize]
                    .1
                    .push(r.as_secs_f64() * 1e6 / n as f64);
            }
        }
        let connections = [Side::Generated, Side::Raw].map(|side| sides.server(side).accepts());
        assert_eq!(
            connections, expected,
            "one keep-alive connection per client"
        );

        println!();
        println!("sequential, one connection per side ({rounds} rounds)");
        println!(
            "{:<22} {:>6} {:>26} {:>11} {:>11} {:>15} {:>15}",
            "operation",
            "N",
            "ratio median [p10, p90]",
            "gen µs/req",
            "raw µs/req",
            "gen allocs/req",
            "raw allocs/req"
        );
        let mut results = serde_json::Map::new();
        for op in ops.iter().copied() {
            let i = op as usize;
            let ratio = Summary::of(&ratios[i]).expect("rounds");
            let g = Summary::of(&per_request_us[i].0).expect("rounds");
            let r = Summary::of(&per_request_us[i].1).expect("rounds");
            let a = &allocs[op.name()];
            println!(
                "{:<22} {:>6} {:>8.3} [{:.3}, {:.3}] {:>11.1} {:>11.1} {:>15.1} {:>15.1}",
                op.name(),
                block_n[i],
                ratio.median,
                ratio.p10,
                ratio.p90,
                g.median,
                r.median,
                a["generated"]["allocs_per_request"]
                    .as_f64()
                    .unwrap_or(f64::NAN),
                a["raw"]["allocs_per_request"].as_f64().unwrap_or(f64::NAN),
            );
            results.insert(
                op.name().to_owned(),
                json!({
                    "block_n": block_n[i],
                    "ratio": ratio.to_json(),
                    "generated_us_per_request": g.to_json(),
                    "raw_us_per_request": r.to_json(),
                    "allocations": a,
                }),
            );
        }
        json!({
            "rounds": rounds,
            "block_ms": block_ms,
            "alloc_n": alloc_n,
            "connections": { "generated": connections[0], "raw": connections[1] },
            "requests_served": {
                "generated": sides.generated_server.requests(),
                "raw": sides.raw_server.requests(),
            },
            "operations": results,
            "requests": wire,
        })
    })
}

/// Part 2: many tasks sharing one client per side.
fn concurrent(
    mode: Mode,
    rounds: usize,
    tasks: usize,
    per_task: usize,
    workers: usize,
) -> serde_json::Value {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let sides = Arc::new(Sides::new(mode));
        for _ in 0..2 {
            run_tasks(&sides, Side::Generated, tasks, per_task).await;
            run_tasks(&sides, Side::Raw, tasks, per_task).await;
        }
        let requests = (tasks * per_task) as f64;
        let (mut ratios, mut gen_rps, mut raw_rps) = (Vec::new(), Vec::new(), Vec::new());
        for round in 0..rounds {
            let (g, r) = if round.is_multiple_of(2) {
                let g = run_tasks(&sides, Side::Generated, tasks, per_task).await;
                (g, run_tasks(&sides, Side::Raw, tasks, per_task).await)
            } else {
                let r = run_tasks(&sides, Side::Raw, tasks, per_task).await;
                (run_tasks(&sides, Side::Generated, tasks, per_task).await, r)
            };
            // requests/s generated ÷ requests/s raw = raw time ÷ generated time.
            ratios.push(r.as_secs_f64() / g.as_secs_f64());
            gen_rps.push(requests / g.as_secs_f64());
            raw_rps.push(requests / r.as_secs_f64());
        }
        let ratio = Summary::of(&ratios).expect("rounds");
        let g = Summary::of(&gen_rps).expect("rounds");
        let r = Summary::of(&raw_rps).expect("rounds");
        let connections = [Side::Generated, Side::Raw].map(|side| sides.server(side).accepts());
        println!();
        println!(
            "concurrent: {tasks} tasks x {per_task} get_session per block, {workers} worker threads, {rounds} rounds"
        );
        println!(
            "rps ratio (generated/raw) median {:.3} [p10 {:.3}, p90 {:.3}]; generated {:.0} rps, raw {:.0} rps; connections {} / {}",
            ratio.median, ratio.p10, ratio.p90, g.median, r.median, connections[0], connections[1]
        );
        json!({
            "rounds": rounds,
            "tasks": tasks,
            "requests_per_task": per_task,
            "worker_threads": workers,
            "rps_ratio": ratio.to_json(),
            "generated_rps": g.to_json(),
            "raw_rps": r.to_json(),
            "connections": { "generated": connections[0], "raw": connections[1] },
        })
    })
}

async fn run_tasks(sides: &Arc<Sides>, side: Side, tasks: usize, per_task: usize) -> Duration {
    let start = Instant::now();
    let handles: Vec<_> = (0..tasks)
        .map(|_| {
            let sides = Arc::clone(sides);
            tokio::spawn(async move {
                for _ in 0..per_task {
                    std::hint::black_box(sides.once(side, Op::Get).await);
                }
            })
        })
        .collect();
    for handle in handles {
        handle.await.expect("task");
    }
    start.elapsed()
}

/// `BENCH_FIXED=<gen|raw>:<operation>:<count>`: a fixed amount of work for callgrind.
fn fixed_mode(spec: &str, mode: Mode) {
    let mut parts = spec.split(':');
    let side = match parts.next() {
        Some("gen" | "generated") => Side::Generated,
        Some("raw") => Side::Raw,
        _ => panic!("BENCH_FIXED: expected gen|raw:<operation>:<count>, got {spec:?}"),
    };
    let op = parts
        .next()
        .and_then(Op::parse)
        .expect("BENCH_FIXED: unknown operation");
    let n: usize = parts
        .next()
        .and_then(|n| n.parse().ok())
        .expect("BENCH_FIXED: count");
    current_thread().block_on(async {
        let sides = Sides::new(mode);
        sides.block(side, op, 20).await;
        let (calls, _) = alloc::snapshot();
        let took = sides.block(side, op, n).await;
        let (calls2, _) = alloc::snapshot();
        println!(
            "{} {}: {n} requests in {:.1} ms, {:.1} allocs/request",
            side_name(side),
            op.name(),
            took.as_secs_f64() * 1e3,
            (calls2 - calls) as f64 / n as f64
        );
    });
}

/// Which clients a run pairs, read once from the environment.
#[derive(Clone, Copy, Debug)]
struct Mode {
    /// `BENCH_AA=1`: raw against raw.
    aa: bool,
    /// `BENCH_TIMER=1`: ours against ours built with `.no_timeout()`.
    timer: bool,
    /// Whether the generated client keeps its default per-attempt timeout
    /// (`BENCH_GEN_NO_TIMEOUT=1` builds it with `.no_timeout()`).
    generated_timed: bool,
    /// The raw client's timeout (`reqwest::ClientBuilder::timeout`): the same bound as
    /// the generated client's, so that both sides do the same work, as careful
    /// hand-written code would; none when the generated client has none, or with
    /// `BENCH_RAW_NO_TIMEOUT=1` (the price of the timer against code that bounds
    /// nothing).
    raw_timeout: Option<Duration>,
}

impl Mode {
    fn from_env() -> Mode {
        let set = |name: &str| std::env::var_os(name).is_some();
        let generated_timed = !set("BENCH_GEN_NO_TIMEOUT");
        Mode {
            aa: set("BENCH_AA"),
            timer: set("BENCH_TIMER"),
            generated_timed,
            raw_timeout: (generated_timed && !set("BENCH_RAW_NO_TIMEOUT"))
                .then_some(clerk_sessions::DEFAULT_TIMEOUT),
        }
    }
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::Generated => "generated",
        Side::Raw => "raw",
    }
}
