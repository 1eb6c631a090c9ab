//! Against a hostile or broken server: every answer is bounded in size and
//! time, redirects are not followed, `Retry-After` is read as the server
//! meant it, no setting or header can make the client panic, and server text
//! cannot forge log lines. Real HTTP on 127.0.0.1; timers on tokio's paused
//! clock, so no test depends on wall-clock speed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

#[path = "support/hostile.rs"]
mod hostile;

use std::time::Duration;

use clerk_sessions::{Client, Error, RetryPolicy, SessionId};
use hostile::{Hostile, Reply};
use tokio::time::Instant;

const SESSION: &str = r#"{"object":"session","id":"sess_1","user_id":"user_1","client_id":"client_1","status":"active","last_active_at":1,"expire_at":1,"abandon_at":1,"created_at":1,"updated_at":1}"#;

fn client(server: &Hostile) -> Client {
    Client::builder()
        .secret_key("sk_test_hostile")
        .base_url(server.base_url())
        .build()
        .unwrap()
}

fn id() -> SessionId {
    "sess_1".parse().unwrap()
}

#[tokio::test(start_paused = true)]
async fn a_content_length_above_the_limit_is_refused_before_reading() {
    // The head announces 1 GB and the body never comes: reading it would fail
    // in transport, refusing it does not try.
    let server = Hostile::start(vec![Reply::Raw(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000000000\r\n\r\n{"
            .to_owned(),
    )])
    .await;
    let c = Client::builder()
        .secret_key("sk_test_hostile")
        .base_url(server.base_url())
        .max_response_bytes(1024)
        .build()
        .unwrap();
    let err = c.get_session(&id()).send().await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::ResponseTooLarge {
                status: 200,
                limit: 1024,
                content_length: Some(1_000_000_000),
                ..
            }
        ),
        "{err:?}"
    );
    assert!(!err.is_retryable());
}

#[tokio::test(start_paused = true)]
async fn a_chunked_body_that_grows_past_the_limit_is_cut_off() {
    let server = Hostile::start(vec![Reply::Chunked {
        head: "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
            .to_owned(),
        // 80 MB in all: without the limit, read whole and then fail to decode.
        chunk: vec![b' '; 4096],
        count: Some(20_000),
        delay: Duration::ZERO,
    }])
    .await;
    let c = Client::builder()
        .secret_key("sk_test_hostile")
        .base_url(server.base_url())
        .max_response_bytes(64 * 1024)
        .build()
        .unwrap();
    let err = c.get_session(&id()).send().await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::ResponseTooLarge {
                limit: 65536,
                content_length: None,
                ..
            }
        ),
        "{err:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_slow_endless_body_is_bounded_by_the_timeout_or_without_one_by_the_size_limit() {
    let trickle = || {
        Reply::Chunked {
        head: "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
            .to_owned(),
        chunk: vec![b' '; 1024],
        count: None,
        delay: Duration::from_secs(1),
    }
    };
    let server = Hostile::start(vec![trickle()]).await;
    let timed = Client::builder()
        .secret_key("sk_test_hostile")
        .base_url(server.base_url())
        .timeout(Duration::from_secs(5))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let start = Instant::now();
    let err = timed.get_session(&id()).send().await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert_eq!(start.elapsed().as_secs(), 5);

    let untimed = Client::builder()
        .secret_key("sk_test_hostile")
        .base_url(server.base_url())
        .no_timeout()
        .max_response_bytes(10 * 1024)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let start = Instant::now();
    let err = untimed.get_session(&id()).send().await.unwrap_err();
    assert!(matches!(err, Error::ResponseTooLarge { .. }), "{err:?}");
    // Eleven chunks of 1 KiB, a second apart, pass the 10 KiB limit.
    assert_eq!(start.elapsed().as_secs(), 11);
}

#[tokio::test(start_paused = true)]
async fn error_and_decode_bodies_keep_their_start_and_say_how_much_was_dropped() {
    let html = format!("<html>{}</html>", "x".repeat(200_000));
    let not_json = format!("{{\"id\": \"{}", "y".repeat(100_000));
    let server = Hostile::start(vec![
        Reply::Raw(format!(
            "HTTP/1.1 502 Bad Gateway\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{html}",
            html.len()
        )),
        Reply::json(200, "", &not_json),
    ])
    .await;
    let c = Client::builder()
        .secret_key("sk_test_hostile")
        .base_url(server.base_url())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = c.get_session(&id()).send().await.unwrap_err();
    let raw = err.api().unwrap().raw_body.as_ref().unwrap();
    assert_eq!(raw.as_bytes().len(), clerk_sessions::RAW_BODY_LIMIT);
    assert_eq!(raw.omitted(), html.len() - clerk_sessions::RAW_BODY_LIMIT);
    assert!(raw.text().starts_with("<html>xxx"));
    // `Debug` shows sizes, not the body.
    assert!(!format!("{err:?}").contains("xxxxxxxx"));

    let err = c.get_session(&id()).send().await.unwrap_err();
    let Error::Decode { body, .. } = err else {
        panic!("{err:?}")
    };
    assert_eq!(body.as_bytes().len(), clerk_sessions::RAW_BODY_LIMIT);
    assert_eq!(
        body.omitted(),
        not_json.len() - clerk_sessions::RAW_BODY_LIMIT
    );
}

#[tokio::test(start_paused = true)]
async fn redirects_are_returned_not_followed() {
    let elsewhere = Hostile::start(vec![Reply::json(200, "", SESSION)]).await;
    let location = format!("{}/sessions/sess_1/refresh", elsewhere.base_url());
    let server = Hostile::start(vec![Reply::Raw(format!(
        "HTTP/1.1 307 Temporary Redirect\r\nlocation: {location}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
    ))])
    .await;
    let err = client(&server)
        .refresh_session(&id(), "expired.jwt", "refresh-token", "https://app.test")
        .send()
        .await
        .unwrap_err();
    match &err {
        Error::Redirect {
            status: 307,
            location: Some(to),
            ..
        } => assert_eq!(to, &location),
        other => panic!("{other:?}"),
    }
    assert!(!err.is_retryable());
    assert_eq!(server.requests(), 1);
    assert_eq!(elsewhere.requests(), 0, "the refresh token was replayed");
}

#[tokio::test(start_paused = true)]
async fn a_retry_after_longer_than_the_cap_returns_the_429_at_once() {
    let server = Hostile::start(vec![Reply::json(
        429,
        "retry-after: 40\r\n",
        r#"{"errors":[{"code":"too_many_requests","message":"slow down"}]}"#,
    )])
    .await;
    let start = Instant::now();
    let err = client(&server).get_session(&id()).send().await.unwrap_err();
    let api = err.api().unwrap();
    assert_eq!(
        (api.status, api.retry_after),
        (429, Some(Duration::from_secs(40)))
    );
    assert_eq!(server.requests(), 1, "retried early into another 429");
    assert_eq!(start.elapsed(), Duration::ZERO);
}

#[tokio::test(start_paused = true)]
async fn a_503_with_retry_after_is_waited_for_on_a_retryable_operation() {
    let server = Hostile::start(vec![
        Reply::json(503, "retry-after: 7\r\n", r#"{"errors":[{"code":"down"}]}"#),
        Reply::json(200, "", SESSION),
    ])
    .await;
    let start = Instant::now();
    let session = client(&server).get_session(&id()).send().await.unwrap();
    assert_eq!(session.id, id());
    assert_eq!(server.requests(), 2);
    // Not the 250–500 ms backoff: the 7 s the server asked for.
    assert_eq!(start.elapsed().as_secs(), 7);
}

#[tokio::test(start_paused = true)]
async fn a_retry_after_http_date_is_understood() {
    let at = std::time::SystemTime::now() + Duration::from_secs(20);
    let server = Hostile::start(vec![
        Reply::json(
            429,
            &format!("retry-after: {}\r\n", httpdate::fmt_http_date(at)),
            r#"{"errors":[{"code":"too_many_requests"}]}"#,
        ),
        Reply::json(200, "", SESSION),
    ])
    .await;
    let start = Instant::now();
    client(&server).get_session(&id()).send().await.unwrap();
    assert_eq!(server.requests(), 2);
    // The date has one-second precision.
    let waited = start.elapsed().as_secs();
    assert!((18..=20).contains(&waited), "waited {waited} s");
}

#[tokio::test(start_paused = true)]
async fn no_duration_and_no_retry_after_makes_the_client_panic() {
    let server = Hostile::start(vec![
        Reply::json(
            429,
            "retry-after: 18446744073709551615\r\n",
            r#"{"errors":[{"code":"too_many_requests"}]}"#,
        ),
        Reply::json(500, "", r#"{"errors":[{"code":"oops"}]}"#),
        Reply::json(200, "", SESSION),
    ])
    .await;
    let max = Duration::MAX;
    let c = Client::builder()
        .secret_key("sk_test_hostile")
        .base_url(server.base_url())
        .timeout(max)
        .retry_policy(
            RetryPolicy::default()
                .max_attempts(u32::MAX)
                .initial_backoff(max)
                .max_backoff(max)
                .max_retry_after(max)
                .deadline(max),
        )
        .build()
        .unwrap();
    // Every wait is as long as the clock can hold; the paused clock gets there.
    let session = c.get_session(&id()).send().await.unwrap();
    assert_eq!(session.id, id());
    assert_eq!(server.requests(), 3);
}

#[tokio::test(start_paused = true)]
async fn server_text_cannot_forge_log_lines() {
    let server = Hostile::start(vec![Reply::json(
        400,
        "",
        r#"{"errors":[{"code":"bad\nINFO forged","message":"m","long_message":"line\r\nWARN admin logged in \u001b[31m"}],"clerk_trace_id":"t\u001b[2J"}"#,
    )])
    .await;
    let err = client(&server).get_session(&id()).send().await.unwrap_err();
    let shown = err.to_string();
    assert!(!shown.contains(['\n', '\r', '\u{1b}']), "{shown:?}");
    assert!(shown.contains("\\u{a}INFO forged"), "{shown}");
    // The values themselves are kept as sent.
    assert_eq!(err.api().unwrap().code(), Some("bad\nINFO forged"));
}
