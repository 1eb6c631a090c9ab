//! Test a web handler against `FakeClerk`.
//!
//! The handler (`POST /logout/{session_id}`) revokes a Clerk session and maps
//! Clerk's answers to HTTP statuses. The tests below run it against the fake,
//! including what happens when Clerk is down.
//!
//! ```text
//! cargo run --example web_handler          # serves on 127.0.0.1:3000 against a fake Clerk
//! cargo test --example web_handler         # the tests (also part of `cargo test --workspace`)
//! ```

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::post;
use clerk_sessions::{Client, Error, SessionId};

/// Revokes the session; 204 when done, 404 when Clerk does not know it,
/// 400 for an unusable ID, 503 when Clerk cannot be reached or fails.
async fn logout(State(client): State<Client>, Path(session_id): Path<String>) -> StatusCode {
    let Ok(id) = session_id.parse::<SessionId>() else {
        return StatusCode::BAD_REQUEST;
    };
    match client.revoke_session(&id).send().await {
        Ok(_) => StatusCode::NO_CONTENT,
        Err(Error::Api(api)) if api.status == 404 => StatusCode::NOT_FOUND,
        Err(Error::InvalidInput { .. }) => StatusCode::BAD_REQUEST,
        Err(_) => StatusCode::SERVICE_UNAVAILABLE,
    }
}

fn app(client: Client) -> Router {
    Router::new()
        .route("/logout/{session_id}", post(logout))
        .with_state(client)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let fake = clerk_sessions::testing::FakeClerk::start().await;
    let session = fake.add_session("user_1", "client_1");
    let client = Client::builder()
        .secret_key(fake.secret_key())
        .base_url(fake.base_url())
        .build()?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!("try: curl -i -X POST http://127.0.0.1:3000/logout/{session}");
    axum::serve(listener, app(client)).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use clerk_sessions::RetryPolicy;
    use clerk_sessions::testing::{FakeClerk, Fault};
    use std::time::Duration;

    async fn call(client: Client, path: &str) -> StatusCode {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app(client)).await });
        let _ = rustls::crypto::ring::default_provider().install_default();
        let response = reqwest::Client::new()
            .post(format!("http://{addr}{path}"))
            .send();
        let response = tokio::time::timeout(Duration::from_secs(10), response)
            .await
            .unwrap()
            .unwrap();
        StatusCode::from_u16(response.status().as_u16()).unwrap()
    }

    fn client(fake: &FakeClerk) -> Client {
        Client::builder()
            .secret_key(fake.secret_key())
            .base_url(fake.base_url())
            .retry_policy(RetryPolicy::none())
            .build()
            .unwrap()
    }

    #[tokio::test]
    async fn logout_revokes_the_session() {
        let fake = FakeClerk::start().await;
        let session = fake.add_session("user_1", "client_1");
        assert_eq!(
            call(client(&fake), &format!("/logout/{session}")).await,
            StatusCode::NO_CONTENT
        );
        assert_eq!(fake.session(&session).unwrap()["status"], "revoked");
    }

    #[tokio::test]
    async fn unknown_sessions_are_404() {
        let fake = FakeClerk::start().await;
        assert_eq!(
            call(client(&fake), "/logout/sess_nope").await,
            StatusCode::NOT_FOUND
        );
    }

    #[tokio::test]
    async fn clerk_outages_are_503() {
        let fake = FakeClerk::start().await;
        let session = fake.add_session("user_1", "client_1");
        fake.inject(Fault::Status(500), 1);
        assert_eq!(
            call(client(&fake), &format!("/logout/{session}")).await,
            StatusCode::SERVICE_UNAVAILABLE
        );
        assert_eq!(fake.session(&session).unwrap()["status"], "active");
    }
}
