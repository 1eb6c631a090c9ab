// Setters exist only on the operations that take them: `status` filters lists.
use clerk_sessions::{Client, Error, SessionId, SessionStatusFilter};

async fn run(client: Client) -> Result<(), Error> {
    let session_id: SessionId = "sess_1".parse()?;
    let session = client
        .get_session(&session_id)
        .status(SessionStatusFilter::Active)
        .send()
        .await?;
    println!("{}", session.status);
    Ok(())
}

fn main() {}
