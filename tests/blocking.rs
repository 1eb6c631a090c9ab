//! The blocking client: the same operations, without an async runtime in the caller.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use clerk_sessions::testing::FakeClerk;
use clerk_sessions::{
    Client, Error, RetryPolicy, SessionId, SessionStatus, SessionStatusFilter, TemplateName, UserId,
};

/// The fake needs a runtime of its own; the test thread itself has none.
fn fake() -> (tokio::runtime::Runtime, FakeClerk) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let fake = runtime.block_on(FakeClerk::start());
    (runtime, fake)
}

#[test]
fn every_operation_blocks_until_done() {
    let (_runtime, fake) = fake();
    fake.add_user("user_1");
    fake.add_jwt_template("tpl", 60, serde_json::json!({}));
    let client = Client::builder()
        .secret_key(fake.secret_key())
        .base_url(fake.base_url())
        .retry_policy(RetryPolicy::none())
        .build_blocking()
        .unwrap();
    let user: UserId = "user_1".parse().unwrap();

    let created = client.create_session(user.clone()).send().unwrap();
    let list = client
        .get_session_list(user)
        .status(SessionStatusFilter::Active)
        .limit(5)
        .send()
        .unwrap();
    assert_eq!(list.data[0].id, created.id);
    assert_eq!(
        client.get_session(&created.id).send().unwrap().id,
        created.id
    );
    let token = client
        .create_session_token(&created.id)
        .expires_in_seconds(60)
        .send()
        .unwrap();
    assert!(fake.verify_token(token.jwt.expose()).is_some());
    let template: TemplateName = "tpl".parse().unwrap();
    client
        .create_session_token_from_template(&created.id, &template)
        .send()
        .unwrap();
    let origin = "https://app.example.com";
    let expired = fake.expired_token_for(created.id.as_str(), origin);
    let refresh = fake.refresh_token_for(created.id.as_str());
    client
        .refresh_session(&created.id, expired, refresh, origin)
        .send()
        .unwrap();
    let revoked = client.revoke_session(&created.id).send().unwrap();
    assert_eq!(revoked.status, SessionStatus::Revoked);

    let missing: SessionId = "sess_missing".parse().unwrap();
    let err = client.get_session(&missing).send().unwrap_err();
    assert!(
        matches!(&err, Error::Api(api) if api.status == 404),
        "{err:?}"
    );
    assert_eq!(fake.request_count(), 8);
}

#[test]
fn input_errors_come_before_sending() {
    let (_runtime, fake) = fake();
    let client = clerk_sessions::blocking::Client::new(
        Client::builder()
            .secret_key(fake.secret_key())
            .base_url(fake.base_url())
            .build()
            .unwrap(),
    )
    .unwrap();
    let id: SessionId = "s".parse().unwrap();
    let err = client
        .create_session_token(&id)
        .expires_in_seconds(1)
        .send()
        .unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidInput {
            parameter: "expires_in_seconds",
            ..
        }
    ));
    assert_eq!(fake.request_count(), 0);
    assert!(!format!("{client:?}").contains(fake.secret_key()));
}

/// Inside an async runtime, blocking would stall a worker (and Tokio would panic):
/// `send()` says so instead, and sends nothing.
#[tokio::test]
async fn inside_an_async_runtime_send_returns_an_error() {
    let fake = FakeClerk::start().await;
    let client = Client::builder()
        .secret_key(fake.secret_key())
        .base_url(fake.base_url())
        .build_blocking()
        .unwrap();
    let id: SessionId = "sess_1".parse().unwrap();
    let err = client.get_session(&id).send().unwrap_err();
    assert!(
        matches!(&err, Error::Config { reason } if reason.contains("inside an async runtime")),
        "{err:?}"
    );
    assert_eq!(fake.request_count(), 0);
}

/// The last clone of a blocking client may be dropped inside an async task:
/// its runtime shuts down in the background instead of panicking.
#[tokio::test]
async fn dropping_a_blocking_client_inside_an_async_task_does_not_panic() {
    let client = clerk_sessions::blocking::Client::new(
        Client::builder().secret_key("sk_test_x").build().unwrap(),
    )
    .unwrap();
    let copy = client.clone();
    drop(client);
    tokio::spawn(async move { drop(copy) }).await.unwrap();
}
