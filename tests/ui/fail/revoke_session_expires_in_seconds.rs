// Setters exist only on the operations that take them: revoking has no token lifetime.
use clerk_sessions::{Client, Error, SessionId};

async fn run(client: Client) -> Result<(), Error> {
    let session_id: SessionId = "sess_1".parse()?;
    let revoked = client
        .revoke_session(&session_id)
        .expires_in_seconds(60)
        .send()
        .await?;
    println!("{}", revoked.status);
    Ok(())
}

fn main() {}
