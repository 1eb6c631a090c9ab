// A bare string is not a session ID: parse it into a `SessionId` first.
use clerk_sessions::{Client, Error};

async fn run(client: Client) -> Result<(), Error> {
    let session = client.get_session("sess_1").send().await?;
    println!("{}", session.status);
    Ok(())
}

fn main() {}
