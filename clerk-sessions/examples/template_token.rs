//! Mint a session token from a JWT template, and check its claims.
//!
//! ```text
//! cargo run --example template_token
//! ```

use clerk_sessions::testing::FakeClerk;
use clerk_sessions::{Client, Error, SessionId, TemplateName};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let fake = FakeClerk::start().await;
    let session: SessionId = fake.add_session("user_42", "client_1").parse()?;
    fake.add_jwt_template(
        "hasura",
        600,
        serde_json::json!({"https://hasura.io/jwt/claims": {"x-hasura-default-role": "user"}}),
    );
    let client = Client::builder()
        .secret_key(fake.secret_key())
        .base_url(fake.base_url())
        .build()?;

    let template: TemplateName = "hasura".parse()?;
    let token = client
        .create_session_token_from_template(&session, &template)
        .expires_in_seconds(120)
        .send()
        .await?;
    println!("JWT: {}", token.jwt.expose());
    // The fake signs with RS256 and publishes its key at /jwks; in production,
    // verify against your instance's JWKS instead.
    match fake.verify_token(token.jwt.expose()) {
        Some(claims) => println!("verified claims: {claims:#}"),
        None => println!("signature did not verify"),
    }
    Ok(())
}
