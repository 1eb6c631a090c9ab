// `pending` is a session state but not a value the list endpoint filters by.
use clerk_sessions::{Client, Error, SessionStatusFilter, UserId};

async fn run(client: Client) -> Result<(), Error> {
    let user_id: UserId = "user_1".parse()?;
    let sessions = client
        .get_session_list(user_id)
        .status(SessionStatusFilter::Pending)
        .send()
        .await?;
    println!("{}", sessions.total_count);
    Ok(())
}

fn main() {}
