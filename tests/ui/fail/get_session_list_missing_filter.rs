// Listing sessions needs a user, a client or both: no filter does not compile.
use clerk_sessions::{Client, Error, SessionStatusFilter};

async fn run(client: Client) -> Result<(), Error> {
    let sessions = client
        .get_session_list()
        .status(SessionStatusFilter::Active)
        .send()
        .await?;
    println!("{}", sessions.total_count);
    Ok(())
}

fn main() {}
