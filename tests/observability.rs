//! One `tracing` span per attempt, with operation, method, path template,
//! attempt, status and latency, and never the secret or a body.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clerk_sessions::testing::{FakeClerk, Fault};
use clerk_sessions::{Client, RetryPolicy, SessionId};
use tracing::Subscriber;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

type Fields = BTreeMap<String, String>;

/// Collects the fields of every closed span named `clerk.request`.
#[derive(Clone, Default)]
struct Spans(Arc<Mutex<Vec<Fields>>>);

struct Collect<'a>(&'a mut Fields);

impl Visit for Collect<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Spans {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let mut fields = Fields::new();
        attrs.record(&mut Collect(&mut fields));
        if let Some(span) = ctx.span(id) {
            span.extensions_mut().insert(fields);
        }
    }
    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(id)
            && let Some(fields) = span.extensions_mut().get_mut::<Fields>()
        {
            values.record(&mut Collect(fields));
        }
    }
    fn on_enter(&self, id: &Id, ctx: Context<'_, S>) {
        // The exchange is polled inside its span, so that the transport's own
        // events nest under it.
        if let Some(span) = ctx.span(id)
            && let Some(fields) = span.extensions_mut().get_mut::<Fields>()
        {
            fields.insert("entered".to_owned(), "yes".to_owned());
        }
    }
    fn on_close(&self, id: Id, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(&id)
            && span.name() == "clerk.request"
        {
            let fields = span
                .extensions()
                .get::<Fields>()
                .cloned()
                .unwrap_or_default();
            self.0.lock().unwrap().push(fields);
        }
    }
}

#[tokio::test]
async fn one_span_per_attempt_with_its_outcome() {
    let spans = Spans::default();
    let _guard =
        tracing::subscriber::set_default(tracing_subscriber::registry().with(spans.clone()));
    let fake = FakeClerk::start().await;
    let id: SessionId = fake.add_session("user_1", "client_1").parse().unwrap();
    let client = Client::builder()
        .secret_key(fake.secret_key())
        .base_url(fake.base_url())
        .retry_policy(RetryPolicy::default().initial_backoff(Duration::from_millis(1)))
        .build()
        .unwrap();

    fake.inject(Fault::Status(503), 1);
    tokio::time::timeout(Duration::from_secs(10), client.get_session(&id).send())
        .await
        .unwrap()
        .unwrap();
    tokio::time::timeout(
        Duration::from_secs(10),
        client
            .create_session_token(&id)
            .expires_in_seconds(60)
            .send(),
    )
    .await
    .unwrap()
    .unwrap();

    let spans = spans.0.lock().unwrap().clone();
    assert_eq!(spans.len(), 3, "{spans:#?}");
    let get = |i: usize, k: &str| spans[i].get(k).cloned().unwrap_or_default();
    assert_eq!(get(0, "operation"), "GetSession");
    assert_eq!(get(0, "method"), "GET");
    assert_eq!(get(0, "path"), "/sessions/{session_id}");
    assert_eq!(
        (get(0, "attempt"), get(0, "status")),
        ("1".into(), "503".into())
    );
    assert_eq!(
        (get(1, "attempt"), get(1, "status")),
        ("2".into(), "200".into())
    );
    assert!(get(1, "latency_ms").parse::<u64>().is_ok());
    assert!(
        (0..3).all(|i| get(i, "entered") == "yes"),
        "every attempt is polled inside its span: {spans:#?}"
    );
    assert_eq!(
        (get(2, "operation"), get(2, "method"), get(2, "status")),
        ("CreateSessionToken".into(), "POST".into(), "200".into())
    );
    assert_eq!(get(2, "path"), "/sessions/{session_id}/tokens");
    let everything = format!("{spans:?}");
    assert!(!everything.contains(fake.secret_key()));
    assert!(
        !everything.contains("expires_in_seconds"),
        "no bodies in spans"
    );
    assert!(
        !everything.contains(id.as_str()),
        "the path template, not the concrete path"
    );
}
