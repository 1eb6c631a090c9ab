// A path parameter is a positional argument: leaving it out does not compile.
use clerk_sessions::{Client, Error};

async fn run(client: Client) -> Result<(), Error> {
    let session = client.get_session().send().await?;
    println!("{}", session.status);
    Ok(())
}

fn main() {}
