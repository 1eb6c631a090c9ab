// A required ID in the body is a typed argument: a bare string does not compile.
use clerk_sessions::{Client, Error};

async fn run(client: Client) -> Result<(), Error> {
    let session = client.create_session("user_1").send().await?;
    println!("{}", session.id);
    Ok(())
}

fn main() {}
