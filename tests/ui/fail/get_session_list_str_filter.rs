// The filter takes typed IDs, not a bare string that could be either kind.
use clerk_sessions::{Client, Error};

async fn run(client: Client) -> Result<(), Error> {
    let sessions = client.get_session_list("user_1").send().await?;
    println!("{}", sessions.total_count);
    Ok(())
}

fn main() {}
