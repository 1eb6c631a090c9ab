//! `BENCH_FIXED`: a fixed amount of work on one side, for callgrind.

use crate::alloc;
use crate::current_thread;
use crate::fixtures::Op;
use crate::mode::Mode;
use crate::sides::{Side, Sides, side_name};

/// `BENCH_FIXED=<gen|raw>:<operation>:<count>`: a fixed amount of work for callgrind.
pub(crate) fn fixed_mode(spec: &str, mode: Mode) {
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
