// Every way to say which sessions to list: a user, a client, or both in either order.
// Compile-only: `main` builds the future but never polls it, so nothing is sent.
#![deny(warnings)]

use clerk_sessions::{Client, ClientId, Error, GetSessionListFilter, UserId};

async fn run(client: Client) -> Result<(), Error> {
    let user_id: UserId = "user_1".parse()?;
    let client_id: ClientId = "client_1".parse()?;

    let by_user = client.get_session_list(user_id.clone()).send().await?;
    let by_client = client.get_session_list(client_id.clone()).send().await?;
    let by_user_and_client = client
        .get_session_list((user_id.clone(), client_id.clone()))
        .send()
        .await?;
    let by_client_and_user = client
        .get_session_list((client_id.clone(), user_id.clone()))
        .send()
        .await?;
    let filter = GetSessionListFilter::from(user_id).client_id(client_id);
    let by_built_filter = client.get_session_list(filter).send().await?;

    for list in [
        by_user,
        by_client,
        by_user_and_client,
        by_client_and_user,
        by_built_filter,
    ] {
        println!("{}", list.total_count);
    }
    Ok(())
}

fn main() -> Result<(), Error> {
    let client = Client::builder()
        .secret_key("sk_test_x")
        .base_url("http://127.0.0.1:1")
        .build()?;
    drop(run(client));
    Ok(())
}
