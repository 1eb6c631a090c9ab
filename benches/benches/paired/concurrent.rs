//! Part 2 of the benchmark: many tasks sharing one client per side on a
//! multi-thread runtime.

use std::sync::Arc;
use std::time::{Duration, Instant};

use clerk_sessions_bench::stats::Summary;
use serde_json::json;

use crate::fixtures::Op;
use crate::mode::Mode;
use crate::sides::{Side, Sides};

/// Part 2: many tasks sharing one client per side.
pub(crate) fn concurrent(
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
