// Required body fields are positional arguments: `request_origin` cannot be left out.
use clerk_sessions::{Client, Error, SessionId};

async fn run(client: Client) -> Result<(), Error> {
    let session_id: SessionId = "sess_1".parse()?;
    let refreshed = client
        .refresh_session(&session_id, "expired.jwt", "refresh_token")
        .send()
        .await?;
    println!("{refreshed:?}");
    Ok(())
}

fn main() {}
