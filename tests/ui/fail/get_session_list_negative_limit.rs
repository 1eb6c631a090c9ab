// `limit` is a count: a negative value is rejected by its type.
use clerk_sessions::{Client, Error, UserId};

async fn run(client: Client) -> Result<(), Error> {
    let user_id: UserId = "user_1".parse()?;
    let sessions = client.get_session_list(user_id).limit(-1).send().await?;
    println!("{}", sessions.total_count);
    Ok(())
}

fn main() {}
