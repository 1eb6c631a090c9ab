// The filter has no empty state: there is no way to build one without an ID.
use clerk_sessions::{Client, Error, GetSessionListFilter};

async fn run(client: Client) -> Result<(), Error> {
    let sessions = client
        .get_session_list(GetSessionListFilter::default())
        .send()
        .await?;
    println!("{}", sessions.total_count);
    Ok(())
}

fn main() {}
