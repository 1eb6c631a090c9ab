//! Soak: 64 concurrent tasks send 200,000 requests (`SOAK_REQUESTS`) through the
//! generated client to `FakeClerk`, which answers one request in 20 with an
//! injected fault of every kind in turn (500, 503, 429 with `Retry-After`, a
//! delay past the client's timeout, a dropped connection, a non-JSON body,
//! truncated JSON). It reports requests per second, every failure by its typed
//! kind, the slowest call against the deadline, and resident memory at 10%, 50%
//! and 100% of the run. Not run by CI (`cargo bench -p clerk-sessions-bench
//! --bench soak`); the figures are in BENCHMARKS.md.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use clerk_sessions::testing::{FakeClerk, Fault};
use clerk_sessions::{Client, Error, RetryPolicy, SessionId, UserId};
use clerk_sessions_bench::env_usize;
use serde_json::json;
use tokio::sync::Mutex;

const TASKS: usize = 64;
/// One request in this many gets a fault.
const FAULT_EVERY: u64 = 20;
const TIMEOUT: Duration = Duration::from_millis(500);
const DEADLINE: Duration = Duration::from_secs(3);

fn faults() -> Vec<Fault> {
    vec![
        Fault::Status(500),
        Fault::Status(503),
        Fault::Status(429),
        Fault::Delay(TIMEOUT * 2),
        Fault::DropConnection,
        Fault::NonJsonBody,
        Fault::TruncatedJson,
    ]
}

/// Resident memory of this process, in KiB.
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmRSS:"))
                .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        })
        .unwrap_or(0)
}

fn kind(result: &Result<(), Error>) -> &'static str {
    match result {
        Ok(()) => "ok",
        Err(Error::Api(api)) if api.status == 429 => "api 429",
        Err(Error::Api(api)) if api.status >= 500 => "api 5xx",
        Err(Error::Api(_)) => "api other",
        Err(Error::Timeout { .. }) => "timeout",
        Err(Error::Transport { .. }) => "transport",
        Err(Error::Decode { .. }) => "decode",
        Err(Error::ResponseTooLarge { .. }) => "too large",
        Err(Error::Redirect { .. }) => "redirect",
        Err(Error::InvalidInput { .. }) => "invalid input",
        Err(Error::Config { .. }) => "config",
        Err(_) => "other",
    }
}

struct Shared {
    client: Client,
    fake: FakeClerk,
    sessions: Vec<SessionId>,
    user: UserId,
    next: AtomicU64,
    total: u64,
    fake_requests: AtomicU64,
    slowest_us: AtomicU64,
    kinds: Mutex<BTreeMap<&'static str, u64>>,
    rss: Mutex<Vec<(u64, u64)>>,
}

/// Sends requests until `total` have been sent; records each outcome.
async fn worker(shared: Arc<Shared>) {
    let faults = faults();
    loop {
        let n = shared.next.fetch_add(1, Ordering::Relaxed);
        if n >= shared.total {
            return;
        }
        if n.is_multiple_of(FAULT_EVERY) {
            let fault = faults[usize::try_from(n / FAULT_EVERY).unwrap() % faults.len()].clone();
            shared.fake.inject(fault, 1);
        }
        // The fake records every request for tests; forget them, so that resident
        // memory measures the client, not the fake's log.
        if n.is_multiple_of(1000) {
            shared
                .fake_requests
                .fetch_add(shared.fake.request_count() as u64, Ordering::Relaxed);
            shared.fake.clear_requests();
        }
        for checkpoint in [shared.total / 10, shared.total / 2, shared.total - 1] {
            if n == checkpoint {
                shared.rss.lock().await.push((n + 1, rss_kib()));
            }
        }
        let session = &shared.sessions[usize::try_from(n).unwrap() % shared.sessions.len()];
        let started = Instant::now();
        let result = match n % 4 {
            0 => shared
                .client
                .get_session_list(shared.user.clone())
                .limit(5)
                .send()
                .await
                .map(drop),
            1 => shared
                .client
                .create_session_token(session)
                .send()
                .await
                .map(drop),
            _ => shared.client.get_session(session).send().await.map(drop),
        };
        let micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
        shared.slowest_us.fetch_max(micros, Ordering::Relaxed);
        *shared.kinds.lock().await.entry(kind(&result)).or_default() += 1;
    }
}

fn main() {
    let total = u64::try_from(env_usize("SOAK_REQUESTS", 200_000)).unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let fake = FakeClerk::start().await;
        let sessions: Vec<SessionId> = (0..100)
            .map(|i| {
                fake.add_session("user_soak", &format!("client_{i}"))
                    .parse()
                    .unwrap()
            })
            .collect();
        let client = Client::builder()
            .secret_key(fake.secret_key())
            .base_url(fake.base_url())
            .timeout(TIMEOUT)
            .retry_policy(
                RetryPolicy::default()
                    .initial_backoff(Duration::from_millis(5))
                    .max_backoff(Duration::from_millis(20))
                    .deadline(DEADLINE),
            )
            .build()
            .unwrap();
        let shared = Arc::new(Shared {
            client,
            fake,
            sessions,
            user: "user_soak".parse().unwrap(),
            next: AtomicU64::new(0),
            total,
            fake_requests: AtomicU64::new(0),
            slowest_us: AtomicU64::new(0),
            kinds: Mutex::new(BTreeMap::new()),
            rss: Mutex::new(Vec::new()),
        });
        let rss_start = rss_kib();
        let started = Instant::now();
        let tasks: Vec<_> = (0..TASKS)
            .map(|_| tokio::spawn(worker(shared.clone())))
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        let elapsed = started.elapsed();
        report(&shared, elapsed, rss_start).await;
    });
}

async fn report(shared: &Shared, elapsed: Duration, rss_start: u64) {
    let kinds = shared.kinds.lock().await.clone();
    let rss = shared.rss.lock().await.clone();
    let answered: u64 = kinds.values().sum();
    let slowest = Duration::from_micros(shared.slowest_us.load(Ordering::Relaxed));
    let rps = answered as f64 / elapsed.as_secs_f64();
    let sent = shared.fake_requests.load(Ordering::Relaxed) + shared.fake.request_count() as u64;
    println!(
        "soak: {answered} calls from {TASKS} tasks in {elapsed:.1?}: {rps:.0} calls/s; requests the fake saw: about {sent}"
    );
    println!("outcomes: {kinds:?}");
    println!(
        "slowest call {slowest:.2?} (deadline {DEADLINE:?} + one attempt's timeout {TIMEOUT:?})"
    );
    println!("resident memory: start {rss_start} KiB; at calls {rss:?} (calls, KiB)");
    assert_eq!(answered, shared.total, "a call went unanswered");
    assert!(
        slowest <= DEADLINE + TIMEOUT,
        "a call outlived its deadline"
    );
    clerk_sessions_bench::write_results(
        "soak",
        &json!({
            "machine": clerk_sessions_bench::machine(),
            "calls": answered,
            "tasks": TASKS,
            "fault_every": FAULT_EVERY,
            "seconds": elapsed.as_secs_f64(),
            "calls_per_second": rps,
            "requests_sent": sent,
            "outcomes": kinds,
            "slowest_ms": slowest.as_secs_f64() * 1e3,
            "deadline_ms": DEADLINE.as_secs_f64() * 1e3,
            "rss_kib_start": rss_start,
            "rss_kib_at": rss,
        }),
    );
}
