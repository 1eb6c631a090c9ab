// `send(self)` consumes the builder: it cannot be sent a second time.
use clerk_sessions::{Client, Error, SessionId};

async fn run(client: Client) -> Result<(), Error> {
    let session_id: SessionId = "sess_1".parse()?;
    let request = client
        .create_session_token(&session_id)
        .expires_in_seconds(60);
    let first = request.send().await?;
    let second = request.send().await?;
    println!("{} {}", first.jwt.expose(), second.jwt.expose());
    Ok(())
}

fn main() {}
