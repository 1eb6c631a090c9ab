//! Every operation through the generated client against `FakeClerk`: success and
//! each documented error.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::future::Future;
use std::time::Duration;

use clerk_sessions::testing::{FakeClerk, SessionSeed};
use clerk_sessions::{
    ApiError, Client, ClientId, Error, RefreshFormat, RetryPolicy, SessionId, SessionRefresh,
    SessionStatus, SessionStatusFilter, TemplateName, UserId,
};

/// Every test runs under its own timeout, so nothing can hang the suite.
async fn within<F: Future>(f: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(20), f)
        .await
        .expect("test timed out")
}

fn client_for(fake: &FakeClerk) -> Client {
    Client::builder()
        .secret_key(fake.secret_key())
        .base_url(fake.base_url())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

fn api(err: Error) -> ApiError {
    match err {
        Error::Api(api) => *api,
        other => panic!("expected an API error, got {other:?}"),
    }
}

fn uid(s: &str) -> UserId {
    s.parse().unwrap()
}
fn sid(s: &str) -> SessionId {
    s.parse().unwrap()
}

#[tokio::test]
async fn list_filters_orders_and_paginates() {
    within(async {
        let fake = FakeClerk::start().await;
        let client = client_for(&fake);
        for i in 0..5 {
            let mut seed = SessionSeed::new("user_a", "client_1");
            seed.created_at = Some(1_000 + i);
            seed.status = if i % 2 == 0 { "active" } else { "revoked" }.into();
            fake.add_session_with(seed);
        }
        fake.add_session("user_b", "client_2");

        let all = client.get_session_list(uid("user_a")).send().await.unwrap();
        assert_eq!(all.total_count, 5);
        let created: Vec<i64> = all.data.iter().map(|s| s.created_at).collect();
        assert_eq!(created, [1004, 1003, 1002, 1001, 1000], "newest first");

        let revoked = client
            .get_session_list(uid("user_a"))
            .status(SessionStatusFilter::Revoked)
            .send()
            .await
            .unwrap();
        assert_eq!(revoked.total_count, 2);
        assert!(
            revoked
                .data
                .iter()
                .all(|s| s.status == SessionStatus::Revoked)
        );

        let page = client
            .get_session_list(uid("user_a"))
            .limit(2)
            .offset(1)
            .send()
            .await
            .unwrap();
        assert_eq!(page.total_count, 5);
        assert_eq!(
            page.data.iter().map(|s| s.created_at).collect::<Vec<_>>(),
            [1003, 1002]
        );

        let by_client = client
            .get_session_list("client_2".parse::<ClientId>().unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(by_client.data.len(), 1);
        assert_eq!(by_client.data[0].user_id, "user_b");
    })
    .await;
}

#[tokio::test]
async fn create_get_revoke_round_trip() {
    within(async {
        let fake = FakeClerk::start().await;
        fake.add_user("user_1");
        let client = client_for(&fake);
        let created = client.create_session(uid("user_1")).send().await.unwrap();
        assert_eq!(created.status, SessionStatus::Active);
        assert_eq!(created.user_id, "user_1");

        let fetched = client.get_session(&created.id).send().await.unwrap();
        assert_eq!(fetched, created);

        let revoked = client.revoke_session(&created.id).send().await.unwrap();
        assert_eq!(revoked.status, SessionStatus::Revoked);
        assert!(revoked.updated_at > created.updated_at);
        assert_eq!(
            fake.session(created.id.as_str()).unwrap()["status"],
            "revoked"
        );
    })
    .await;
}

#[tokio::test]
async fn create_session_errors() {
    within(async {
        let fake = FakeClerk::builder()
            .secret_key("sk_test_dev")
            .secret_key("sk_live_prod")
            .start()
            .await;
        fake.add_user("user_1");
        let dev = Client::builder()
            .secret_key("sk_test_dev")
            .base_url(fake.base_url())
            .build()
            .unwrap();
        let prod = Client::builder()
            .secret_key("sk_live_prod")
            .base_url(fake.base_url())
            .build()
            .unwrap();

        let err = api(dev
            .create_session(uid("user_unknown"))
            .send()
            .await
            .unwrap_err());
        assert_eq!((err.status, err.code()), (404, Some("resource_not_found")));

        let err = api(prod.create_session(uid("user_1")).send().await.unwrap_err());
        assert_eq!(
            (err.status, err.code()),
            (400, Some("request_invalid_for_environment"))
        );
        assert!(
            err.trace_id.is_some(),
            "every Clerk error carries a trace id"
        );
    })
    .await;
}

#[tokio::test]
async fn get_session_not_found_keeps_clerks_messages() {
    within(async {
        let fake = FakeClerk::start().await;
        let client = client_for(&fake);
        let err = api(client
            .get_session(&sid("sess_missing"))
            .send()
            .await
            .unwrap_err());
        assert_eq!(err.status, 404);
        assert_eq!(err.code(), Some("resource_not_found"));
        let first = &err.errors[0];
        assert_eq!(
            first.long_message.as_deref(),
            Some("No session was found with id sess_missing")
        );
        assert_eq!(err.operation, "GetSession");
        assert_eq!(err.trace_id.as_ref().map(String::len), Some(32));
        assert!(err.raw_body.is_none());
    })
    .await;
}

#[tokio::test]
async fn ids_with_slashes_round_trip_through_the_fake() {
    within(async {
        let fake = FakeClerk::start().await;
        let mut seed = SessionSeed::new("user_1", "client_1");
        seed.id = Some("a/../b".into());
        fake.add_session_with(seed);
        let client = client_for(&fake);
        let s = client.get_session(&sid("a/../b")).send().await.unwrap();
        assert_eq!(s.id, "a/../b");
        assert_eq!(fake.requests()[0].path, "/sessions/a%2F..%2Fb");
    })
    .await;
}

#[tokio::test]
async fn tokens_are_real_jwts_for_the_session() {
    within(async {
        let fake = FakeClerk::start().await;
        let session = sid(&fake.add_session("user_1", "client_1"));
        fake.add_jwt_template("hasura", 120, serde_json::json!({"role": "admin"}));
        let client = client_for(&fake);

        let token = client
            .create_session_token(&session)
            .expires_in_seconds(300)
            .send()
            .await
            .unwrap();
        let claims = fake
            .verify_token(token.jwt.expose())
            .expect("signature verifies");
        assert_eq!(claims["sid"], session.as_str());
        assert_eq!(claims["sub"], "user_1");
        assert_eq!(
            claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
            300
        );

        let template: TemplateName = "hasura".parse().unwrap();
        let token = client
            .create_session_token_from_template(&session, &template)
            .send()
            .await
            .unwrap();
        let claims = fake.verify_token(token.jwt.expose()).unwrap();
        assert_eq!(claims["role"], "admin");

        let missing: TemplateName = "nope".parse().unwrap();
        let err = api(client
            .create_session_token_from_template(&session, &missing)
            .send()
            .await
            .unwrap_err());
        assert_eq!((err.status, err.code()), (404, Some("resource_not_found")));
        let err = api(client
            .create_session_token(&sid("sess_gone"))
            .send()
            .await
            .unwrap_err());
        assert_eq!(err.status, 404);
    })
    .await;
}

#[tokio::test]
async fn refresh_returns_a_token_or_cookies() {
    within(async {
        let fake = FakeClerk::start().await;
        let session = sid(&fake.add_session("user_1", "client_1"));
        let origin = "https://app.example.com";
        let expired = fake.expired_token_for(session.as_str(), origin);
        let refresh = fake.refresh_token_for(session.as_str());
        let client = client_for(&fake);

        let out = client
            .refresh_session(&session, expired.clone(), refresh.clone(), origin)
            .send()
            .await
            .unwrap();
        let SessionRefresh::Token(token) = out else {
            panic!("expected a token")
        };
        assert!(fake.verify_token(token.jwt.expose()).is_some());

        let out = client
            .refresh_session(&session, expired.clone(), refresh.clone(), origin)
            .format(RefreshFormat::Cookie)
            .send()
            .await
            .unwrap();
        let SessionRefresh::Cookies(cookies) = out else {
            panic!("expected cookies")
        };
        assert!(
            cookies
                .cookies
                .expose()
                .iter()
                .any(|c| c.starts_with("__session="))
        );

        let other = sid(&fake.add_session("user_1", "client_1"));
        let err = api(client
            .refresh_session(&other, expired.clone(), refresh.clone(), origin)
            .send()
            .await
            .unwrap_err());
        assert_eq!(
            (err.status, err.code()),
            (401, Some("refresh_sid_mismatch"))
        );

        let err = api(client
            .refresh_session(&session, expired, "wrong", origin)
            .send()
            .await
            .unwrap_err());
        assert_eq!(
            (err.status, err.code()),
            (401, Some("refresh_token_not_found"))
        );
    })
    .await;
}

#[tokio::test]
async fn authentication_errors() {
    within(async {
        let fake = FakeClerk::start().await;
        let wrong = Client::builder()
            .secret_key("sk_test_wrong")
            .base_url(fake.base_url())
            .build()
            .unwrap();
        let err = api(wrong.get_session(&sid("s")).send().await.unwrap_err());
        assert_eq!((err.status, err.code()), (401, Some("clerk_key_invalid")));
        assert!(!err.to_string().contains("sk_test_wrong"));
    })
    .await;
}

#[tokio::test]
async fn list_without_filter_is_rejected_by_the_server_too() {
    // The client cannot express it (see tests/ui); the fake still answers like Clerk.
    within(async {
        let fake = FakeClerk::start().await;
        let _ = rustls::crypto::ring::default_provider().install_default();
        let response = reqwest::Client::new()
            .get(format!("{}/sessions", fake.base_url()))
            .bearer_auth(fake.secret_key())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400);
        let body: serde_json::Value =
            serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
        assert_eq!(body["errors"][0]["code"], "missing_query_parameter");
    })
    .await;
}
