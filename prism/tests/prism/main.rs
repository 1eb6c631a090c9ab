//! The generated requests checked by Prism, an independent validator of
//! Clerk's OpenAPI documents, and Prism's answers decoded into the
//! generated types.
//!
//! One `prism mock --errors` per document (Backend, Frontend, Platform) on
//! 127.0.0.1, started once and in parallel; every sample call of
//! `calls.rs` (one per operation whose inputs the model can fill) goes to
//! its API's Prism through a recording proxy. Each outcome is:
//!
//! - 2xx (or a redirect): it must decode into the generated type;
//! - a request violation (`sl-violations` entries at `request`): our
//!   request is wrong, a failure (unless `pending.rs` lists the operation);
//! - 500 problem+json `…#VIOLATIONS` whose entries are all at `response`,
//!   with no request entry in `sl-violations`: the request passed, and the
//!   response Prism made from the document's own examples breaks the
//!   document's schema (the document's fault): printed, not a failure.
//!
//! Every covered file must have at least one operation that decodes or
//! passes request validation. Skipped, with a notice, when Prism is not
//! installed and `CLERK_REQUIRE_PRISM` is unset; `.ci/run` installs it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod harness;
#[path = "../../pending.rs"]
mod pending;
mod proxy;
mod server;
mod verdict;

mod calls {
    include!(concat!(env!("OUT_DIR"), "/calls.rs"));
}

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

use harness::{Api, Harness, Kind, Outcome};
use server::Prism;

const DOCUMENTS: [(Api, &str, &str); 3] = [
    (Api::Backend, "backend", "backend-api-2026-05-12.yml"),
    (Api::Frontend, "frontend", "frontend-api-2026-05-12.yml"),
    (Api::Platform, "platform", "platform-api-beta.yml"),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn generated_requests_pass_prism_and_its_answers_decode() {
    let Some(bin) = server::find() else {
        assert!(
            !server::required(),
            "{} is set but Prism is not installed: set {} to the prism executable (`.ci/run` installs it under target/prism)",
            server::REQUIRE_PRISM,
            server::PRISM_BIN
        );
        eprintln!(
            "notice: Prism is not installed, so the Prism test is skipped (install it with `npm install --prefix target/prism --ignore-scripts @stoplight/prism-cli@5.16.0`, or set {})",
            server::PRISM_BIN
        );
        return;
    };
    let _ = rustls::crypto::ring::default_provider().install_default();
    let started = Instant::now();
    let documents = Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi");
    let paths = DOCUMENTS.map(|(_, _, file)| documents.join(file));
    let (backend, frontend, platform) = tokio::join!(
        Prism::start(&bin, DOCUMENTS[0].1, &paths[0]),
        Prism::start(&bin, DOCUMENTS[1].1, &paths[1]),
        Prism::start(&bin, DOCUMENTS[2].1, &paths[2]),
    );
    let servers = [backend, frontend, platform]
        .into_iter()
        .collect::<Result<Vec<Prism>, String>>()
        .unwrap_or_else(|e| panic!("{e}"));
    let ready = started.elapsed();
    let ports = [0, 1, 2].map(|i| (DOCUMENTS[i].0, servers[i].port));
    let proxy = proxy::Proxy::start()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let h = Harness::new(proxy, ports).unwrap_or_else(|e| panic!("{e}"));
    calls::run(&h).await;
    // The control: a request the document forbids (`user_id` must be a
    // string), sent by hand, must come back as a request violation, or the
    // verdicts above prove nothing.
    let control = h
        .control(Api::Backend, "/sessions", r#"{"user_id":123}"#)
        .await;
    let outcomes = h.outcomes();
    eprintln!(
        "Prism ready after {:.1?}; {} calls in {:.1?} more",
        ready,
        outcomes.len(),
        started.elapsed() - ready
    );
    report(&outcomes);

    let mut failures: Vec<String> = outcomes
        .iter()
        .filter(|o| o.kind == Kind::Failure)
        .map(|o| format!("{} {}: {}", o.file, o.operation, o.detail))
        .collect();
    for cap in calls::CAPABILITIES {
        let reached = outcomes.iter().any(|o| {
            o.file == cap.file
                && matches!(
                    o.kind,
                    Kind::Decoded { .. } | Kind::ResponseViolation | Kind::FormArray
                )
        });
        if !reached {
            failures.push(format!(
                "{}: no operation decoded or passed Prism's request validation",
                cap.file
            ));
        }
    }
    if !matches!(
        control,
        Some(verdict::Verdict::Request {
            security_only: false,
            ..
        })
    ) {
        failures.push(format!(
            "control: POST /sessions {{\"user_id\":123}} was not judged a request violation: {control:?}"
        ));
    }
    let token_passed = outcomes.iter().any(|o| {
        calls::CAPABILITIES
            .iter()
            .any(|c| c.file == o.file && c.api == Api::Frontend)
            && !o.anonymous
            && matches!(o.kind, Kind::Decoded { .. } | Kind::ResponseViolation)
    });
    if !token_passed {
        failures
            .push("no Frontend call passed Prism's security check with the client token".into());
    }
    if !failures.is_empty() {
        for server in &servers {
            eprintln!(
                "--- the last lines Prism ({}) printed\n{}",
                server.name,
                server.log_tail(30)
            );
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Prints the table: per capability, operations called, 2xx decoded,
/// response violations (the document's), request violations (ours), and
/// the details of everything but a decoded 2xx.
fn report(outcomes: &[Outcome]) {
    eprintln!(
        "\n{:<44} {:>6} {:>7} {:>9} {:>8} {:>7} {:>8} {:>7} {:>4}",
        "capability",
        "called",
        "decoded",
        "resp.viol",
        "req.viol",
        "pending",
        "form-arr",
        "skipped",
        "anon"
    );
    let mut totals = [0usize; 8];
    for cap in calls::CAPABILITIES {
        let mine: Vec<&Outcome> = outcomes.iter().filter(|o| o.file == cap.file).collect();
        let count = |k: fn(&Kind) -> bool| mine.iter().filter(|o| k(&o.kind)).count();
        let row = [
            mine.len(),
            count(|k| matches!(k, Kind::Decoded { .. })),
            count(|k| *k == Kind::ResponseViolation),
            count(|k| *k == Kind::Failure),
            count(|k| *k == Kind::Pending),
            count(|k| *k == Kind::FormArray),
            cap.skipped.len(),
            mine.iter().filter(|o| o.anonymous).count(),
        ];
        for (t, v) in totals.iter_mut().zip(row) {
            *t += v;
        }
        print_row(cap.file, &row);
    }
    print_row("total", &totals);
    let covered: BTreeSet<&str> = calls::CAPABILITIES.iter().map(|c| c.file).collect();
    for (file, why) in pending::PENDING_FILES {
        if !covered.contains(file) {
            eprintln!("not covered yet: {file}: {why}");
        }
    }
    for cap in calls::CAPABILITIES {
        for op in cap.skipped {
            eprintln!("skipped (inputs the model cannot fill): {} {op}", cap.file);
        }
    }
    for o in outcomes
        .iter()
        .filter(|o| !matches!(o.kind, Kind::Decoded { .. }))
    {
        let label = match o.kind {
            Kind::ResponseViolation => "document",
            Kind::Pending => "pending",
            Kind::FormArray => "Prism's form-array limit",
            _ => "FAILURE",
        };
        let why = pending::PENDING_OPERATIONS
            .iter()
            .find(|(f, op, _)| *f == o.file && *op == o.operation && o.kind == Kind::Pending)
            .map_or(String::new(), |(_, _, why)| format!(" [pending: {why}]"));
        eprintln!("{label}: {} {}: {}{why}", o.file, o.operation, o.detail);
    }
}

fn print_row(name: &str, row: &[usize; 8]) {
    eprintln!(
        "{:<44} {:>6} {:>7} {:>9} {:>8} {:>7} {:>8} {:>7} {:>4}",
        name, row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7]
    );
}
