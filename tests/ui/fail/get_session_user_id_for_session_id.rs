// IDs are distinct newtypes: a user ID is not a session ID.
use clerk_sessions::{Client, Error, UserId};

async fn run(client: Client) -> Result<(), Error> {
    let user_id: UserId = "user_1".parse()?;
    let session = client.get_session(&user_id).send().await?;
    println!("{}", session.status);
    Ok(())
}

fn main() {}
