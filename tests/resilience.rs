//! Retries, timeouts and every fault kind, against `FakeClerk`, on tokio's
//! paused clock: no test sleeps to synchronise or depends on wall-clock speed;
//! each asserts on counted requests.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::future::Future;
use std::time::Duration;

use clerk_sessions::testing::{FakeClerk, Fault};
use clerk_sessions::{Client, Error, RetryPolicy, SessionId, UserId};

async fn within<F: Future>(f: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(20), f)
        .await
        .expect("test timed out")
}

/// Fast retries: 3 attempts, 1 ms backoff, `Retry-After` capped at 5 ms.
fn fast() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(3)
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(2))
        .max_retry_after(Duration::from_millis(5))
}

fn client(fake: &FakeClerk, policy: RetryPolicy) -> Client {
    Client::builder()
        .secret_key(fake.secret_key())
        .base_url(fake.base_url())
        .retry_policy(policy)
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

async fn seeded() -> (FakeClerk, SessionId) {
    let fake = FakeClerk::start().await;
    let id = fake.add_session("user_1", "client_1").parse().unwrap();
    fake.clear_requests();
    (fake, id)
}

fn status_of(err: &Error) -> Option<u16> {
    err.api().map(|a| a.status)
}

#[tokio::test(start_paused = true)]
async fn get_is_retried_on_500_then_succeeds() {
    within(async {
        let (fake, id) = seeded().await;
        fake.inject(Fault::Status(500), 2);
        let session = client(&fake, fast()).get_session(&id).send().await.unwrap();
        assert_eq!(session.id, id);
        assert_eq!(fake.request_count(), 3);
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn retries_stop_at_the_limit() {
    within(async {
        let (fake, id) = seeded().await;
        fake.inject(Fault::Status(503), 10);
        let err = client(&fake, fast())
            .get_session(&id)
            .send()
            .await
            .unwrap_err();
        assert_eq!(status_of(&err), Some(503));
        assert_eq!(fake.request_count(), 3);

        fake.clear_requests();
        let err = client(&fake, fast().max_attempts(5))
            .get_session(&id)
            .send()
            .await
            .unwrap_err();
        assert_eq!(status_of(&err), Some(503));
        assert_eq!(fake.request_count(), 5);
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_non_idempotent_post_is_sent_exactly_once_on_500() {
    within(async {
        let (fake, id) = seeded().await;
        fake.add_user("user_1");
        let c = client(&fake, fast());
        fake.inject(Fault::Status(500), 1);
        let err = c
            .create_session("user_1".parse::<UserId>().unwrap())
            .send()
            .await
            .unwrap_err();
        assert_eq!(status_of(&err), Some(500));
        assert_eq!(fake.request_count(), 1);

        fake.clear_requests();
        fake.inject(Fault::Status(500), 1);
        let err = c.create_session_token(&id).send().await.unwrap_err();
        assert_eq!(status_of(&err), Some(500));
        assert_eq!(fake.request_count(), 1);

        fake.clear_requests();
        fake.inject(Fault::DropConnection, 1);
        let err = c.create_session_token(&id).send().await.unwrap_err();
        assert!(matches!(err, Error::Transport { .. }), "{err:?}");
        assert_eq!(fake.request_count(), 1);
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn unsafe_posts_are_retried_when_the_caller_opts_in() {
    within(async {
        let (fake, id) = seeded().await;
        fake.inject(Fault::Status(500), 1);
        let token = client(&fake, fast().retry_non_idempotent(true))
            .create_session_token(&id)
            .send()
            .await
            .unwrap();
        assert!(!token.jwt.expose().is_empty());
        assert_eq!(fake.request_count(), 2);
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn revoke_is_safe_to_repeat() {
    within(async {
        let (fake, id) = seeded().await;
        fake.inject(Fault::Status(502), 1);
        client(&fake, fast())
            .revoke_session(&id)
            .send()
            .await
            .unwrap();
        assert_eq!(fake.request_count(), 2);
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn rate_limits_are_retried_for_every_operation() {
    within(async {
        let (fake, id) = seeded().await;
        fake.inject(Fault::Status(429), 1);
        // The fake asks for `Retry-After: 1`, which the policy waits for.
        let token = client(&fake, fast().max_retry_after(Duration::from_secs(1)))
            .create_session_token(&id)
            .send()
            .await
            .unwrap();
        assert!(!token.jwt.expose().is_empty());
        assert_eq!(
            fake.request_count(),
            2,
            "a 429 was not processed, so even a POST is retried"
        );
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_retry_after_past_the_deadline_returns_the_429_at_once() {
    within(async {
        let (fake, id) = seeded().await;
        // Retry-After: 1 s, but only 200 ms of deadline: no wait, no second attempt.
        fake.inject(Fault::Status(429), 5);
        let policy = fast()
            .max_retry_after(Duration::from_secs(30))
            .deadline(Duration::from_millis(200));
        let err = client(&fake, policy)
            .get_session(&id)
            .send()
            .await
            .unwrap_err();
        let api = err.api().unwrap();
        assert_eq!(api.status, 429);
        assert_eq!(api.retry_after, Some(Duration::from_secs(1)));
        assert_eq!(fake.request_count(), 1);
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn the_fakes_rate_limiter_is_honoured() {
    within(async {
        let (fake, id) = seeded().await;
        fake.set_rate_limit(1, Duration::from_secs(60));
        let c = client(&fake, RetryPolicy::none());
        c.get_session(&id).send().await.unwrap();
        let err = c.get_session(&id).send().await.unwrap_err();
        let api = err.api().unwrap();
        assert_eq!((api.status, api.code()), (429, Some("too_many_requests")));
        assert!(
            api.retry_after
                .is_some_and(|d| d > Duration::ZERO && d <= Duration::from_secs(60))
        );
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn each_attempt_has_its_own_timeout() {
    within(async {
        let (fake, id) = seeded().await;
        fake.inject(Fault::Delay(Duration::from_secs(5)), 1);
        let c = Client::builder()
            .secret_key(fake.secret_key())
            .base_url(fake.base_url())
            .retry_policy(fast())
            .timeout(Duration::from_millis(100))
            .build()
            .unwrap();
        // The first attempt times out; the GET is retried and the second answers at once.
        let session = c.get_session(&id).send().await.unwrap();
        assert_eq!(session.id, id);
        assert_eq!(fake.request_count(), 2);

        fake.clear_requests();
        fake.inject(Fault::Delay(Duration::from_secs(5)), 1);
        let none = Client::builder()
            .secret_key(fake.secret_key())
            .base_url(fake.base_url())
            .retry_policy(RetryPolicy::none())
            .timeout(Duration::from_millis(100))
            .build()
            .unwrap();
        let err = none.get_session(&id).send().await.unwrap_err();
        assert!(
            matches!(err, Error::Timeout { after, .. } if after == Duration::from_millis(100)),
            "{err:?}"
        );
        assert!(err.is_retryable());
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn without_a_timeout_an_attempt_waits_for_its_answer() {
    within(async {
        let (fake, id) = seeded().await;
        fake.inject(Fault::Delay(Duration::from_millis(300)), 1);
        let c = Client::builder()
            .secret_key(fake.secret_key())
            .base_url(fake.base_url())
            .retry_policy(RetryPolicy::none())
            .no_timeout()
            .build()
            .unwrap();
        // No timer: the slow answer is awaited (with a 100 ms timeout it fails,
        // as `each_attempt_has_its_own_timeout` shows).
        let session = c.get_session(&id).send().await.unwrap();
        assert_eq!(session.id, id);
        assert_eq!(fake.request_count(), 1);
        assert!(format!("{c:?}").contains("timeout: None"), "{c:?}");
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn dropped_connections_are_transport_errors_and_retried_for_gets() {
    within(async {
        let (fake, id) = seeded().await;
        fake.inject(Fault::DropConnection, 1);
        client(&fake, fast()).get_session(&id).send().await.unwrap();
        assert_eq!(fake.request_count(), 2);

        fake.clear_requests();
        fake.inject(Fault::DropConnection, 1);
        let err = client(&fake, RetryPolicy::none())
            .get_session(&id)
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::Transport {
                    operation: "GetSession",
                    ..
                }
            ),
            "{err:?}"
        );
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_non_json_error_body_is_kept_raw() {
    within(async {
        let (fake, id) = seeded().await;
        fake.inject(Fault::NonJsonBody, 1);
        let err = client(&fake, RetryPolicy::none())
            .get_session(&id)
            .send()
            .await
            .unwrap_err();
        let api = err.api().unwrap();
        assert!(api.status >= 500);
        assert!(api.errors.is_empty());
        let raw = api.raw_body.as_ref().unwrap();
        assert!(raw.text().contains("<html>"));
        assert!(raw.is_complete());
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn truncated_json_is_a_decode_error_with_the_body() {
    within(async {
        let (fake, id) = seeded().await;
        fake.inject(Fault::TruncatedJson, 1);
        let err = client(&fake, RetryPolicy::none())
            .get_session(&id)
            .send()
            .await
            .unwrap_err();
        match err {
            Error::Decode {
                operation,
                status,
                body,
                ..
            } => {
                assert_eq!((operation, status), ("GetSession", 200));
                assert!(!body.as_bytes().is_empty());
                assert!(body.is_complete());
                assert!(serde_json::from_slice::<serde_json::Value>(body.as_bytes()).is_err());
            }
            other => panic!("expected a decode error, got {other:?}"),
        }
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn connection_refused_is_a_transport_error() {
    within(async {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        let c = Client::builder()
            .secret_key("sk_test_x")
            .base_url(format!("http://127.0.0.1:{port}"))
            .retry_policy(fast())
            .build()
            .unwrap();
        let err = c
            .get_session(&"s".parse().unwrap())
            .send()
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Transport { .. }), "{err:?}");
        assert!(std::error::Error::source(&err).is_some());
    })
    .await;
}
