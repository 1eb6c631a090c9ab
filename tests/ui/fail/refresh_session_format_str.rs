// Enum-valued body fields take the enum, not a free-form string.
use clerk_sessions::{Client, Error, SessionId};

async fn run(client: Client) -> Result<(), Error> {
    let session_id: SessionId = "sess_1".parse()?;
    let refreshed = client
        .refresh_session(
            &session_id,
            "expired.jwt",
            "refresh_token",
            "https://app.example.com",
        )
        .format("cookie")
        .send()
        .await?;
    println!("{refreshed:?}");
    Ok(())
}

fn main() {}
