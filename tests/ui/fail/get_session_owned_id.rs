// Path IDs are borrowed, so the caller keeps its `SessionId`.
use clerk_sessions::{Client, Error, SessionId};

async fn run(client: Client) -> Result<(), Error> {
    let session_id: SessionId = "sess_1".parse()?;
    let session = client.get_session(session_id).send().await?;
    println!("{}", session.status);
    Ok(())
}

fn main() {}
