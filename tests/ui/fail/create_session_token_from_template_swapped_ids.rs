// The session ID comes first, then the template name; swapping them does not compile.
use clerk_sessions::{Client, Error, SessionId, TemplateName};

async fn run(client: Client) -> Result<(), Error> {
    let session_id: SessionId = "sess_1".parse()?;
    let template: TemplateName = "custom_hasura".parse()?;
    let token = client
        .create_session_token_from_template(&template, &session_id)
        .send()
        .await?;
    println!("{}", token.jwt.expose());
    Ok(())
}

fn main() {}
