// IDs are distinct newtypes: an organization ID is not a user ID.
use clerk_sessions::{Client, Error, OrganizationId};

async fn run(client: Client) -> Result<(), Error> {
    let organization_id: OrganizationId = "org_1".parse()?;
    let session = client.create_session(organization_id).send().await?;
    println!("{}", session.id);
    Ok(())
}

fn main() {}
