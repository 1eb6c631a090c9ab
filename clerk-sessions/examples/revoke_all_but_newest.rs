//! List a user's active sessions and revoke all but the newest.
//!
//! ```text
//! cargo run --example revoke_all_but_newest
//! ```
//!
//! Runs against the embedded fake Clerk; point `Client::builder()` at the real
//! API (`Client::from_env()`) to use it for real.

use clerk_sessions::testing::{FakeClerk, SessionSeed};
use clerk_sessions::{Client, Error, SessionStatusFilter, UserId};

/// Revokes every active session of `user` except the most recent one, and
/// returns the IDs it revoked. Pages through all of them, 100 at a time.
async fn revoke_all_but_newest(client: &Client, user: &UserId) -> Result<Vec<String>, Error> {
    let mut active = Vec::new();
    let mut offset = 0;
    loop {
        let page = client
            .get_session_list(user.clone())
            .status(SessionStatusFilter::Active)
            .limit(100)
            .offset(offset)
            .send()
            .await?;
        offset += u32::try_from(page.data.len()).unwrap_or(u32::MAX);
        let done = page.data.is_empty() || i64::from(offset) >= page.total_count;
        active.extend(page.data);
        if done {
            break;
        }
    }
    // Newest first already, but do not rely on order for something destructive.
    active.sort_by_key(|s| std::cmp::Reverse(s.created_at));
    let mut revoked = Vec::new();
    for session in active.iter().skip(1) {
        let s = client.revoke_session(&session.id).send().await?;
        revoked.push(s.id.to_string());
    }
    Ok(revoked)
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let fake = FakeClerk::start().await;
    for (i, device) in ["client_phone", "client_laptop", "client_tablet"]
        .into_iter()
        .enumerate()
    {
        let mut seed = SessionSeed::new("user_42", device);
        seed.created_at = Some(1_755_000_000_000 + i64::try_from(i).unwrap_or(0) * 60_000);
        fake.add_session_with(seed);
    }
    let client = Client::builder()
        .secret_key(fake.secret_key())
        .base_url(fake.base_url())
        .build()?;
    let user: UserId = "user_42".parse()?;

    let revoked = revoke_all_but_newest(&client, &user).await?;
    println!("revoked {} sessions: {}", revoked.len(), revoked.join(", "));
    let left = client
        .get_session_list(user)
        .status(SessionStatusFilter::Active)
        .send()
        .await?;
    println!(
        "still active: {} (on {})",
        left.data[0].id, left.data[0].client_id
    );
    Ok(())
}
