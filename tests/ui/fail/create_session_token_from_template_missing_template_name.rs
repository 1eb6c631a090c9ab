// Both path parameters are required: the template name cannot be left out.
use clerk_sessions::{Client, Error, SessionId};

async fn run(client: Client) -> Result<(), Error> {
    let session_id: SessionId = "sess_1".parse()?;
    let token = client
        .create_session_token_from_template(&session_id)
        .send()
        .await?;
    println!("{}", token.jwt.expose());
    Ok(())
}

fn main() {}
