//! The axum integration: token sources, `Option<Claims>`, `require_session`
//! middleware, and the statuses of keys that cannot be fetched.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod support;

use std::time::Duration;

use axum::Router;
use axum::http::HeaderMap;
use axum::routing::get;
use clerk_sessions::testing::Fault;
use clerk_sessions::verify::Claims;
use clerk_sessions::verify::Verifier;
use clerk_sessions::verify::axum::{require_session, session_token};
use clerk_sessions::{Client, RetryPolicy};
use support::{fake, now, verifier};

async fn get_status(app: Router, path: &str, headers: &[(&str, String)]) -> (u16, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}{path}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut request = reqwest::Client::new().get(url);
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    let response = tokio::time::timeout(Duration::from_secs(10), request.send())
        .await
        .unwrap()
        .unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

#[test]
fn tokens_come_from_the_bearer_header_then_the_session_cookie() {
    let headers = |pairs: &[(&str, &str)]| {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                axum::http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.parse().unwrap(),
            );
        }
        map
    };
    assert_eq!(
        session_token(&headers(&[("authorization", "Bearer a.b.c")])),
        Some("a.b.c")
    );
    assert_eq!(
        session_token(&headers(&[("authorization", "bearer  a.b.c ")])),
        Some("a.b.c")
    );
    assert_eq!(
        session_token(&headers(&[("authorization", "Basic xyz")])),
        None
    );
    let both = headers(&[("authorization", "Bearer h"), ("cookie", "__session=c")]);
    assert_eq!(session_token(&both), Some("h"));
    let cookies = headers(&[
        ("cookie", "a=1"),
        ("cookie", "x=2; __session=tok; __session_x=no"),
    ]);
    assert_eq!(session_token(&cookies), Some("tok"));
    assert_eq!(
        session_token(&headers(&[("cookie", "__session_abc=tok")])),
        None
    );
    assert_eq!(session_token(&headers(&[("cookie", "__session=")])), None);
    assert_eq!(session_token(&HeaderMap::new()), None);
}

#[tokio::test]
async fn optional_claims_and_the_middleware() {
    let fake = fake().await;
    let token = fake.token().user("user_1").sign();
    let expired = fake.token().expires_in(-60).sign();
    async fn maybe(claims: Option<Claims>) -> String {
        claims.map_or_else(|| "anonymous".to_owned(), |c| c.user_id.to_string())
    }
    async fn me(claims: Claims) -> String {
        claims.user_id.to_string()
    }
    let optional = || Router::new().route("/", get(maybe)).with_state(verifier());
    assert_eq!(
        get_status(optional(), "/", &[]).await,
        (200, "anonymous".into())
    );
    let bearer = |t: &str| vec![("authorization", format!("Bearer {t}"))];
    assert_eq!(
        get_status(optional(), "/", &bearer(&token)).await,
        (200, "user_1".into())
    );
    assert_eq!(get_status(optional(), "/", &bearer(&expired)).await.0, 401);

    let protected = || {
        Router::new()
            .route("/me", get(me))
            .layer(axum::middleware::from_fn_with_state(
                verifier(),
                require_session,
            ))
            .with_state(verifier())
    };
    assert_eq!(
        get_status(protected(), "/me", &bearer(&token)).await,
        (200, "user_1".into())
    );
    let (status, body) = get_status(protected(), "/me", &[]).await;
    assert_eq!(status, 401);
    assert!(body.contains("missing_token"), "{body}");
    let (status, body) = get_status(protected(), "/me", &bearer(&expired)).await;
    assert_eq!(status, 401);
    assert!(body.contains("token_expired"), "{body}");
}

#[tokio::test]
async fn keys_that_cannot_be_fetched_answer_503() {
    let fake = fake().await;
    let client = Client::builder()
        .secret_key(fake.secret_key())
        .base_url(fake.base_url())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    async fn me(claims: Claims) -> String {
        claims.user_id.to_string()
    }
    let app = Router::new()
        .route("/me", get(me))
        .with_state(Verifier::from_client(&client).clock(now));
    fake.inject(Fault::Status(500), 1);
    let headers = [("authorization", format!("Bearer {}", fake.token().sign()))];
    let (status, body) = get_status(app, "/me", &headers).await;
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("keys_unavailable"), "{body}");
}
