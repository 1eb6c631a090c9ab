// A builder does nothing until it is sent: dropping it unsent is flagged.
#![deny(unused_must_use)]

use clerk_sessions::{Client, Error, SessionId};

async fn run(client: Client) -> Result<(), Error> {
    let session_id: SessionId = "sess_1".parse()?;
    client.revoke_session(&session_id);
    Ok(())
}

fn main() {}
