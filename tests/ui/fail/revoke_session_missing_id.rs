// A path parameter is a positional argument: leaving it out does not compile.
use clerk_sessions::{Client, Error};

async fn run(client: Client) -> Result<(), Error> {
    let revoked = client.revoke_session().send().await?;
    println!("{}", revoked.status);
    Ok(())
}

fn main() {}
