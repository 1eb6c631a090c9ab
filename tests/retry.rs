//! What the retry loop promises, on tokio's paused clock (every wait is
//! measured, none is slept for) against a scripted server on 127.0.0.1:
//! `Retry-After` is waited, backoff stays within the policy, the deadline stops
//! the loop, client errors are never retried, a timed-out POST is not sent
//! again, and later attempts get only what is left of the deadline.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

#[path = "support/hostile.rs"]
mod hostile;

use std::time::Duration;

use clerk_sessions::{Client, Error, RetryPolicy, SessionId, UserId};
use hostile::{Hostile, Reply};
use tokio::time::Instant;

const SESSION: &str = r#"{"object":"session","id":"sess_1","user_id":"user_1","client_id":"client_1","status":"active","last_active_at":1,"expire_at":1,"abandon_at":1,"created_at":1,"updated_at":1}"#;

fn client(server: &Hostile, policy: RetryPolicy) -> Client {
    Client::builder()
        .secret_key("sk_test_retry")
        .base_url(server.base_url())
        .retry_policy(policy)
        .build()
        .unwrap()
}

fn id() -> SessionId {
    "sess_1".parse().unwrap()
}

fn error(status: u16) -> Reply {
    Reply::json(status, "", r#"{"errors":[{"code":"e","message":"m"}]}"#)
}

/// A server that reads the request and never answers.
fn silent() -> Reply {
    Reply::Silent
}

#[tokio::test(start_paused = true)]
async fn a_429s_retry_after_is_waited_not_skipped() {
    let server = Hostile::start(vec![
        Reply::json(
            429,
            "retry-after: 3\r\n",
            r#"{"errors":[{"code":"too_many_requests"}]}"#,
        ),
        Reply::json(200, "", SESSION),
    ])
    .await;
    let start = Instant::now();
    client(&server, RetryPolicy::default())
        .get_session(&id())
        .send()
        .await
        .unwrap();
    assert_eq!(server.requests(), 2);
    assert_eq!(start.elapsed(), Duration::from_secs(3));
}

#[tokio::test(start_paused = true)]
async fn without_retry_after_429_and_5xx_back_off_within_the_policy() {
    let policy = RetryPolicy::default()
        .max_attempts(4)
        .initial_backoff(Duration::from_millis(400))
        .max_backoff(Duration::from_millis(1000));
    // Three waits, full jitter in [b/2, b]: 400 ms, 800 ms, then capped at 1000 ms.
    let (least, most) = (200 + 400 + 500, 400 + 800 + 1000);
    for failing in [429, 500, 502, 503] {
        let server = Hostile::start(vec![
            error(failing),
            error(failing),
            error(failing),
            Reply::json(200, "", SESSION),
        ])
        .await;
        let start = Instant::now();
        client(&server, policy.clone())
            .get_session(&id())
            .send()
            .await
            .unwrap();
        assert_eq!(server.requests(), 4, "{failing}");
        let waited = start.elapsed().as_millis();
        assert!(
            (least..=most).contains(&waited),
            "{failing}: waited {waited} ms"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn retries_stop_at_the_deadline() {
    let server = Hostile::start(vec![error(500)]).await;
    let policy = RetryPolicy::default()
        .max_attempts(1000)
        .initial_backoff(Duration::from_secs(1))
        .max_backoff(Duration::from_secs(1))
        .deadline(Duration::from_secs(10));
    let start = Instant::now();
    let err = client(&server, policy)
        .get_session(&id())
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    let (requests, waited) = (server.requests(), start.elapsed());
    assert!(waited < Duration::from_secs(10), "{waited:?}");
    // Waits of 0.5–1 s within 10 s: between 10 and 21 attempts.
    assert!((10..=21).contains(&requests), "{requests} attempts");
}

#[tokio::test(start_paused = true)]
async fn client_errors_are_never_retried() {
    for status in [400, 401, 403, 404, 409, 422] {
        let server = Hostile::start(vec![error(status), Reply::json(200, "", SESSION)]).await;
        let err = client(&server, RetryPolicy::default().max_attempts(5))
            .get_session(&id())
            .send()
            .await
            .unwrap_err();
        assert_eq!(err.status(), Some(status));
        assert_eq!(server.requests(), 1, "{status} was retried");
    }
}

#[tokio::test(start_paused = true)]
async fn a_non_idempotent_post_that_timed_out_is_not_sent_again() {
    let server = Hostile::start(vec![silent(), Reply::json(200, "", SESSION)]).await;
    let user: UserId = "user_1".parse().unwrap();
    let c = Client::builder()
        .secret_key("sk_test_retry")
        .base_url(server.base_url())
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap();
    let err = c.create_session(user).send().await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert_eq!(server.requests(), 1, "the POST was sent again");
    // A GET that timed out is retried, and gets the answer.
    let server = Hostile::start(vec![silent(), Reply::json(200, "", SESSION)]).await;
    let c = Client::builder()
        .secret_key("sk_test_retry")
        .base_url(server.base_url())
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap();
    c.get_session(&id()).send().await.unwrap();
    assert_eq!(server.requests(), 2);
}

#[tokio::test(start_paused = true)]
async fn later_attempts_get_only_what_is_left_of_the_deadline() {
    let server = Hostile::start(vec![silent()]).await;
    let c = Client::builder()
        .secret_key("sk_test_retry")
        .base_url(server.base_url())
        .timeout(Duration::from_secs(4))
        .retry_policy(
            RetryPolicy::default()
                .max_attempts(2)
                .initial_backoff(Duration::from_secs(1))
                .max_backoff(Duration::from_secs(1))
                .deadline(Duration::from_secs(6)),
        )
        .build()
        .unwrap();
    let start = Instant::now();
    let err = c.get_session(&id()).send().await.unwrap_err();
    assert_eq!(server.requests(), 2);
    // 4 s, a 0.5–1 s backoff, then what is left of 6 s: 1–1.5 s, not 4 s.
    let Error::Timeout { after, .. } = err else {
        panic!("{err:?}")
    };
    assert!(
        after >= Duration::from_secs(1) && after <= Duration::from_millis(1500),
        "{after:?}"
    );
    assert_eq!(start.elapsed(), Duration::from_secs(6));
}

#[tokio::test(start_paused = true)]
async fn error_bodies_decode_with_only_what_the_wire_reference_requires() {
    // `errors[].code` and `message` are all Clerk always sends; `long_message`,
    // `meta` and `clerk_trace_id` may be missing. The trace ID then comes from
    // the `Clerk-Trace-Id` header, else from `cf-ray`.
    let server = Hostile::start(vec![
        Reply::json(
            404,
            "clerk-trace-id: from-header\r\n",
            r#"{"errors":[{"code":"resource_not_found","message":"not found"}]}"#,
        ),
        Reply::json(
            404,
            "cf-ray: 8a1b2c3d4e5f-AMS\r\n",
            r#"{"errors":[{"code":"a","message":"b"},{"code":"c","message":"d"}]}"#,
        ),
        Reply::json(
            404,
            "clerk-trace-id: header\r\n",
            r#"{"errors":[{"code":"x","message":"y"}],"clerk_trace_id":"body"}"#,
        ),
    ])
    .await;
    let c = client(&server, RetryPolicy::none());
    let err = c.get_session(&id()).send().await.unwrap_err();
    let api = err.api().unwrap();
    assert_eq!(api.code(), Some("resource_not_found"));
    assert_eq!(api.errors[0].long_message, None);
    assert_eq!(api.errors[0].meta, None);
    assert_eq!(api.meta, None);
    assert_eq!(api.trace_id.as_deref(), Some("from-header"));
    assert!(
        api.raw_body.is_none(),
        "Clerk's JSON is decoded, not kept raw"
    );

    let err = c.get_session(&id()).send().await.unwrap_err();
    let api = err.api().unwrap();
    assert_eq!(api.errors.len(), 2);
    assert!(api.has_code("c"));
    assert_eq!(api.trace_id.as_deref(), Some("8a1b2c3d4e5f-AMS"));

    let err = c.get_session(&id()).send().await.unwrap_err();
    assert_eq!(err.api().unwrap().trace_id.as_deref(), Some("body"));
}
