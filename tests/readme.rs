//! The README's examples, as written there (only the client's key and base URL
//! point at the fake instead of the environment): if one stops compiling or
//! behaving as the README says, this fails. Keep in step with README.md.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::time::Duration;

use clerk_sessions::testing::FakeClerk;
use clerk_sessions::{Client, Error, RetryPolicy, SessionId, SessionStatusFilter, UserId};

async fn fake_with_session() -> (FakeClerk, Client, String) {
    let fake = FakeClerk::start().await;
    fake.add_user("user_2g7np7Hrk0SN6kj5EDMLDaKNL0S");
    let session = fake.add_session("user_2g7np7Hrk0SN6kj5EDMLDaKNL0S", "client_1");
    let client = Client::builder()
        .secret_key(fake.secret_key())
        .base_url(fake.base_url())
        .build()
        .unwrap();
    (fake, client, session)
}

#[tokio::test]
async fn quick_start() -> Result<(), Error> {
    let (_fake, client, sid) = fake_with_session().await;

    let user: UserId = "user_2g7np7Hrk0SN6kj5EDMLDaKNL0S".parse()?;
    let page = client
        .get_session_list(user.clone()) // a UserId, a ClientId, or both as a tuple
        .status(SessionStatusFilter::Active)
        .limit(20)
        .send()
        .await?;
    println!("{} active sessions", page.total_count);
    assert_eq!(page.total_count, 1);

    let session_id: SessionId = sid.parse()?;
    let session = client.get_session(&session_id).send().await?;
    let token = client
        .create_session_token(&session.id)
        .expires_in_seconds(60)
        .send()
        .await?;
    assert!(!token.jwt.expose().is_empty());

    // Every session of a user, across pages, as a `Stream`.
    use futures_util::TryStreamExt;
    let sessions: Vec<_> = client
        .get_session_list(user)
        .into_stream()
        .try_collect()
        .await?;
    assert_eq!(sessions.len(), 1);
    Ok(())
}

#[test]
fn blocking() -> Result<(), Error> {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let fake = runtime.block_on(FakeClerk::start());
    let session_id: SessionId = fake.add_session("user_1", "client_1").parse()?;

    let client = clerk_sessions::Client::builder()
        .secret_key(fake.secret_key())
        .base_url(fake.base_url())
        .build_blocking()?;
    let session = client.get_session(&session_id).send()?;
    assert_eq!(session.id, session_id);
    Ok(())
}

#[tokio::test]
async fn errors() {
    let (_fake, client, _) = fake_with_session().await;
    let id: SessionId = "sess_missing".parse().unwrap();
    let gone = match client.get_session(&id).send().await {
        Ok(session) => panic!("{}", session.status),
        Err(Error::Api(api)) if api.has_code("resource_not_found") => true,
        Err(Error::Api(api)) => panic!(
            "Clerk said {} ({:?}), trace {:?}",
            api.status,
            api.code(),
            api.trace_id
        ),
        Err(Error::InvalidInput {
            parameter, reason, ..
        }) => panic!("bad {parameter}: {reason}"),
        Err(Error::Timeout { .. } | Error::Transport { .. }) => panic!("network trouble"),
        Err(other) => panic!("{other}"),
    };
    assert!(gone);
}

#[test]
fn retries_and_timeouts() -> Result<(), Error> {
    let client = Client::builder()
        .secret_key("sk_test_…")
        .timeout(Duration::from_secs(10)) // per attempt (default 30 s)
        .retry_policy(
            RetryPolicy::default()
                .max_attempts(4) // default 3
                .initial_backoff(Duration::from_millis(200))
                .max_backoff(Duration::from_secs(4))
                .deadline(Duration::from_secs(30)), // all attempts and waits together (default 60 s)
        )
        .build()?;
    assert_eq!(client.base_url(), "https://api.clerk.com/v1");
    Ok(())
}
