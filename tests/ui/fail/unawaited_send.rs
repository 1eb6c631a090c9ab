// `send()` returns a future: calling it without `.await` sends nothing, and is flagged.
#![deny(unused_must_use)]

use clerk_sessions::{Client, Error, SessionId};

async fn run(client: Client) -> Result<(), Error> {
    let session_id: SessionId = "sess_1".parse()?;
    client.revoke_session(&session_id).send();
    Ok(())
}

fn main() {}
