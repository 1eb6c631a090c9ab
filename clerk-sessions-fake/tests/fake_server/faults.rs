//! The rate limit and every injected fault kind.

use std::time::{Duration, Instant};

use clerk_sessions_fake::{FakeClerk, Fault};
use reqwest::header;
use serde_json::Value;

use crate::support::{get, http, send, within};
// ---------------------------------------------------------------- rate limit

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after() {
    within(async {
        let fake = FakeClerk::builder()
            .rate_limit(2, Duration::from_secs(30))
            .start()
            .await;
        let id = fake.add_session("user_1", "client_1");
        let path = format!("/sessions/{id}");
        get(&fake, &path).await.ok();
        // Unauthenticated requests are refused before they are counted.
        send(http().get(format!("{}{path}", fake.base_url())))
            .await
            .error(401, "authorization_header_format_invalid");
        get(&fake, &path).await.ok();
        let limited = get(&fake, &path).await;
        let error = limited.error(429, "too_many_requests");
        assert_eq!(error["message"], "Too many requests");
        let retry_after: u64 = limited.headers[header::RETRY_AFTER]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=30).contains(&retry_after), "{retry_after}");
        // /jwks is never limited.
        get(&fake, "/jwks").await.ok();

        fake.clear_rate_limit();
        get(&fake, &path).await.ok();
        fake.set_rate_limit(1, Duration::from_secs(5));
        get(&fake, &path).await.ok();
        let limited = get(&fake, &path).await;
        limited.error(429, "too_many_requests");
        let retry_after: u64 = limited.headers[header::RETRY_AFTER]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=5).contains(&retry_after), "{retry_after}");
    })
    .await;
}

// ---------------------------------------------------------------- faults

#[tokio::test]
async fn status_faults() {
    within(async {
        let fake = FakeClerk::start().await;
        let id = fake.add_session("user_1", "client_1");
        let path = format!("/sessions/{id}");
        fake.inject(Fault::Status(503), 2);
        fake.inject(Fault::Status(429), 1);
        fake.inject(Fault::Status(404), 1);
        get(&fake, &path).await.error(503, "internal_clerk_error");
        // Faults come before auth.
        let unauthenticated = send(http().get(format!("{}{path}", fake.base_url()))).await;
        unauthenticated.error(503, "internal_clerk_error");
        let limited = get(&fake, &path).await;
        limited.error(429, "too_many_requests");
        assert_eq!(limited.headers[header::RETRY_AFTER], "1");
        get(&fake, &path).await.error(404, "resource_not_found");
        get(&fake, &path).await.ok();
        assert_eq!(fake.request_count(), 5);
    })
    .await;
}

#[tokio::test]
async fn non_json_and_truncated_faults() {
    within(async {
        let fake = FakeClerk::start().await;
        let id = fake.add_session("user_1", "client_1");
        let path = format!("/sessions/{id}");
        fake.inject(Fault::NonJsonBody, 1);
        fake.inject(Fault::TruncatedJson, 1);

        let html = get(&fake, &path).await;
        assert_eq!(html.status, 502);
        assert_eq!(html.content_type(), "text/html");
        assert_eq!(html.text, "<html>Bad Gateway</html>");

        let truncated = get(&fake, &path).await;
        assert_eq!(truncated.status, 200);
        assert_eq!(truncated.content_type(), "application/json");
        assert!(!truncated.text.is_empty());
        assert!(serde_json::from_str::<Value>(&truncated.text).is_err());

        get(&fake, &path).await.ok();
    })
    .await;
}

#[tokio::test]
async fn drop_connection_fault_closes_without_response() {
    within(async {
        let fake = FakeClerk::start().await;
        let id = fake.add_session("user_1", "client_1");
        let url = format!("{}/sessions/{id}", fake.base_url());
        fake.inject(Fault::DropConnection, 1);
        let error = http()
            .get(&url)
            .bearer_auth(fake.secret_key())
            .send()
            .await
            .expect_err("the connection must close without a response");
        assert!(!error.is_timeout() && !error.is_status(), "{error:?}");
        assert!(error.is_request() || error.is_connect(), "{error:?}");
        // The request was recorded, and the next one is answered.
        assert_eq!(fake.request_count(), 1);
        get(&fake, &format!("/sessions/{id}")).await.ok();
    })
    .await;
}

#[tokio::test]
async fn delay_fault_delays_then_answers() {
    within(async {
        let fake = FakeClerk::start().await;
        let id = fake.add_session("user_1", "client_1");
        let path = format!("/sessions/{id}");

        fake.inject(Fault::Delay(Duration::from_millis(50)), 1);
        let started = Instant::now();
        get(&fake, &path).await.ok();
        assert!(started.elapsed() >= Duration::from_millis(50));

        fake.inject(Fault::Delay(Duration::from_secs(60)), 1);
        let client = reqwest::Client::builder()
            .timeout(Duration::from_millis(100))
            .build()
            .unwrap();
        let error = client
            .get(format!("{}{path}", fake.base_url()))
            .bearer_auth(fake.secret_key())
            .send()
            .await
            .expect_err("the response is delayed past the client timeout");
        assert!(error.is_timeout(), "{error:?}");
        get(&fake, &path).await.ok();
    })
    .await;
}
