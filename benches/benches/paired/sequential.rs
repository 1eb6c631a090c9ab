//! Part 1 of the benchmark: sequential requests over one keep-alive connection
//! per side, with allocator calls per request.

use std::time::Duration;

use clerk_sessions_bench::stats::Summary;
use serde_json::json;

use crate::alloc;
use crate::current_thread;
use crate::fixtures::Op;
use crate::mode::Mode;
use crate::sides::{Side, Sides, side_name};

/// Part 1: per request over one connection per side.
pub(crate) fn sequential(
    mode: Mode,
    rounds: usize,
    block_ms: usize,
    alloc_n: usize,
) -> serde_json::Value {
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
