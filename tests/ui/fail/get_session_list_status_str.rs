// Enum-valued parameters take the enum, not a free-form string.
use clerk_sessions::{Client, Error, UserId};

async fn run(client: Client) -> Result<(), Error> {
    let user_id: UserId = "user_1".parse()?;
    let sessions = client
        .get_session_list(user_id)
        .status("active")
        .send()
        .await?;
    println!("{}", sessions.total_count);
    Ok(())
}

fn main() {}
