// Body fields are typed: a token lifetime is an integer, not a string.
use clerk_sessions::{Client, Error, SessionId};

async fn run(client: Client) -> Result<(), Error> {
    let session_id: SessionId = "sess_1".parse()?;
    let token = client
        .create_session_token(&session_id)
        .expires_in_seconds("60")
        .send()
        .await?;
    println!("{}", token.jwt.expose());
    Ok(())
}

fn main() {}
