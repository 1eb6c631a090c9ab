//! Protect an axum route with Clerk session tokens, verified without a call
//! to Clerk per request.
//!
//! `GET /me` answers the signed-in user's ID; a request without a valid
//! session token (`Authorization: Bearer …` or the `__session` cookie) gets
//! `401` with a small JSON body. The verifier fetches the instance's keys once
//! from the Backend API's `GET /jwks`, here from a fake Clerk.
//!
//! ```text
//! cargo run --example protected_route --features axum,fake    # serves on 127.0.0.1:3001, prints a token to try
//! cargo test --example protected_route --features axum,fake   # the tests (also part of `cargo test --workspace`)
//! ```

use axum::Router;
use axum::routing::get;
use clerk_sessions::Client;
use clerk_sessions::verify::{Claims, Verifier};

/// Only runs for a verified session.
async fn me(claims: Claims) -> String {
    format!("{} (session {})\n", claims.user_id, claims.session_id)
}

fn app(verifier: Verifier) -> Router {
    Router::new().route("/me", get(me)).with_state(verifier)
}

/// The verifier for an app at `origin`, with keys from `client`'s instance.
fn verifier(client: &Client, origin: &str) -> Verifier {
    Verifier::from_client(client).authorized_parties([origin])
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let fake = clerk_sessions::testing::FakeClerk::start().await;
    let client = Client::builder()
        .secret_key(fake.secret_key())
        .base_url(fake.base_url())
        .build()?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3001").await?;
    let token = fake.token().user("user_1").expires_in(3600).sign();
    println!("try: curl -i -H 'Authorization: Bearer {token}' http://127.0.0.1:3001/me");
    axum::serve(listener, app(verifier(&client, "http://127.0.0.1:3001"))).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use clerk_sessions::RetryPolicy;
    use clerk_sessions::testing::{FakeClerk, TestKey};
    use serde_json::{Value, json};
    use std::time::Duration;

    const ORIGIN: &str = "https://app.example.com";

    struct Served {
        fake: FakeClerk,
        url: String,
    }

    async fn serve() -> Served {
        let fake = FakeClerk::start().await;
        let client = Client::builder()
            .secret_key(fake.secret_key())
            .base_url(fake.base_url())
            .retry_policy(RetryPolicy::none())
            .build()
            .unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/me", listener.local_addr().unwrap());
        let app = app(verifier(&client, ORIGIN));
        tokio::spawn(async move { axum::serve(listener, app).await });
        Served { fake, url }
    }

    /// A header to send: name and value.
    type Header = Option<(&'static str, String)>;

    /// GET /me with `header` set: status and body.
    async fn call(served: &Served, header: Header) -> (u16, String) {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut request = reqwest::Client::new().get(&served.url);
        if let Some((name, value)) = header {
            request = request.header(name, value);
        }
        let response = tokio::time::timeout(Duration::from_secs(10), request.send())
            .await
            .unwrap()
            .unwrap();
        let status = response.status().as_u16();
        (status, response.text().await.unwrap())
    }

    fn bearer(token: &str) -> Header {
        Some(("authorization", format!("Bearer {token}")))
    }

    #[tokio::test]
    async fn a_valid_token_gets_200_by_header_or_cookie() {
        let served = serve().await;
        let token = served
            .fake
            .token()
            .user("user_1")
            .session("sess_1")
            .authorized_party(ORIGIN)
            .sign();
        assert_eq!(
            call(&served, bearer(&token)).await,
            (200, "user_1 (session sess_1)\n".into())
        );
        let cookie = Some(("cookie", format!("theme=dark; __session={token}")));
        assert_eq!(call(&served, cookie).await.0, 200);
        // The keys were fetched once; no further call reached Clerk.
        call(&served, bearer(&token)).await;
        assert_eq!(served.fake.jwks_request_count(), 1);
        assert_eq!(served.fake.request_count(), 1);
    }

    #[tokio::test]
    async fn hostile_requests_get_401_with_a_small_json_body() {
        let served = serve().await;
        let fake = &served.fake;
        let good = fake.token().sign();
        let (head, payload, _) = {
            let mut parts = good.split('.');
            (
                parts.next().unwrap(),
                parts.next().unwrap(),
                parts.next().unwrap(),
            )
        };
        let cases: Vec<(&str, Header, &str)> = vec![
            ("no token", None, "missing_token"),
            (
                "empty bearer",
                Some(("authorization", "Bearer ".into())),
                "missing_token",
            ),
            (
                "expired",
                bearer(&fake.token().expires_in(-60).sign()),
                "token_expired",
            ),
            (
                "not yet valid",
                bearer(&fake.token().not_before(fake.now_ms() / 1000 + 600).sign()),
                "token_not_yet_valid",
            ),
            (
                "another key",
                bearer(
                    &fake
                        .token()
                        .key(TestKey::Other)
                        .header("kid", json!(TestKey::Jwks.kid()))
                        .sign(),
                ),
                "bad_signature",
            ),
            (
                "unknown kid",
                bearer(&fake.token().key(TestKey::Other).sign()),
                "unknown_key",
            ),
            (
                "wrong party",
                bearer(&fake.token().authorized_party("https://evil.example").sign()),
                "unauthorized_party",
            ),
            (
                "alg none",
                bearer(&format!(
                    "{}.{payload}.",
                    b64(r#"{"alg":"none","typ":"JWT"}"#)
                )),
                "unsupported_algorithm",
            ),
            (
                "tampered",
                bearer(&format!(
                    "{head}.{}.{}",
                    b64(r#"{"sub":"user_admin","sid":"s","exp":9999999999}"#),
                    good.rsplit('.').next().unwrap()
                )),
                "bad_signature",
            ),
            ("garbage", bearer("not-a-jwt"), "token_malformed"),
            (
                "garbage cookie",
                Some(("cookie", "__session=x.y.z".into())),
                "token_malformed",
            ),
        ];
        for (name, header, code) in cases {
            let (status, body) = call(&served, header).await;
            assert_eq!(status, 401, "{name}: {body}");
            let body: Value = serde_json::from_str(&body).unwrap();
            assert_eq!(body["error"], code, "{name}");
            assert!(body["message"].is_string(), "{name}");
            assert!(
                !body.to_string().contains(payload),
                "{name}: the body repeats the token"
            );
        }
        // One fetch of the keys; the unknown kid came within the refetch cooldown.
        assert_eq!(served.fake.jwks_request_count(), 1);
    }

    fn b64(text: &str) -> String {
        use base64::Engine as _;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
    }
}
