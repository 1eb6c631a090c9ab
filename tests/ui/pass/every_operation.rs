// Every operation in its fullest form: all required inputs and every setter.
// Compile-only: `main` builds the future but never polls it, so nothing is sent.
#![deny(warnings)]

use std::collections::BTreeMap;

use clerk_sessions::{
    Client, ClientId, Error, OrganizationId, RefreshFormat, SessionId, SessionRefresh,
    SessionStatusFilter, TemplateName, UserId,
};

async fn run(client: Client) -> Result<(), Error> {
    let user_id: UserId = "user_1".parse()?;
    let client_id = ClientId::try_from("client_1")?;
    let organization_id = OrganizationId::try_from(String::from("org_1"))?;
    let session_id: SessionId = "sess_1".parse()?;
    let template: TemplateName = "custom_hasura".parse()?;

    let list = client
        .get_session_list((user_id.clone(), client_id))
        .status(SessionStatusFilter::Active)
        .limit(20)
        .offset(40)
        .send()
        .await?;
    println!("{} of {}", list.data.len(), list.total_count);

    let created = client
        .create_session(user_id)
        .active_organization_id(organization_id)
        .send()
        .await?;
    println!("{} {}", created.id, created.status);

    let session = client.get_session(&session_id).send().await?;
    println!("{}", session.user_id);

    let mut headers = BTreeMap::new();
    headers.insert("user-agent".to_owned(), vec!["Mozilla/5.0".to_owned()]);
    let refreshed = client
        .refresh_session(
            &session_id,
            "expired.jwt",
            String::from("refresh_token"),
            "https://app.example.com",
        )
        .format(RefreshFormat::Cookie)
        .request_headers(headers)
        .request_originating_ip("203.0.113.7")
        .send()
        .await?;
    match refreshed {
        SessionRefresh::Token(token) => println!("{}", token.jwt.expose()),
        SessionRefresh::Cookies(cookies) => println!("{:?}", cookies.cookies.expose()),
    }

    let revoked = client.revoke_session(&session_id).send().await?;
    println!("{}", revoked.status);

    let token = client
        .create_session_token(&session_id)
        .expires_in_seconds(60)
        .send()
        .await?;
    println!("{}", token.jwt.expose());

    let templated = client
        .create_session_token_from_template(&session_id, &template)
        .expires_in_seconds(3600)
        .send()
        .await?;
    println!("{}", templated.jwt.expose());

    Ok(())
}

fn main() -> Result<(), Error> {
    let client = Client::builder()
        .secret_key("sk_test_x")
        .base_url("http://127.0.0.1:1")
        .build()?;
    drop(run(client));
    Ok(())
}
