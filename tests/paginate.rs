//! `get_session_list(..).into_stream()`: every session across pages.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::collections::BTreeSet;
use std::time::Duration;

use clerk_sessions::testing::{FakeClerk, Fault, SessionSeed};
use clerk_sessions::{Client, RetryPolicy, Session, SessionStatusFilter, UserId};
use futures_util::StreamExt;

const SESSIONS: i64 = 1_234;

async fn seeded() -> (FakeClerk, Client) {
    let fake = FakeClerk::start().await;
    for i in 0..SESSIONS {
        let mut seed = SessionSeed::new("user_many", "client_1");
        seed.created_at = Some(1_700_000_000_000 + i);
        fake.add_session_with(seed);
    }
    fake.add_session("user_other", "client_2");
    fake.clear_requests();
    let client = Client::builder()
        .secret_key(fake.secret_key())
        .base_url(fake.base_url())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    (fake, client)
}

fn user() -> UserId {
    "user_many".parse().unwrap()
}

async fn collect(
    stream: impl futures_util::Stream<Item = Result<Session, clerk_sessions::Error>>,
) -> Vec<Session> {
    let items: Vec<_> = tokio::time::timeout(Duration::from_secs(30), stream.collect::<Vec<_>>())
        .await
        .unwrap();
    items.into_iter().map(Result::unwrap).collect()
}

#[tokio::test]
async fn streams_all_1234_sessions_in_pages_of_the_chosen_limit() {
    let (fake, client) = seeded().await;
    let sessions = collect(client.get_session_list(user()).limit(100).into_stream()).await;
    assert_eq!(sessions.len(), 1234);
    let ids: BTreeSet<_> = sessions.iter().map(|s| s.id.to_string()).collect();
    assert_eq!(ids.len(), 1234, "no duplicates");
    assert!(
        sessions
            .windows(2)
            .all(|w| w[0].created_at > w[1].created_at),
        "newest first, across pages"
    );
    assert!(sessions.iter().all(|s| s.user_id == "user_many"));
    let requests = fake.requests();
    assert_eq!(requests.len(), 13, "12 full pages and one of 34");
    let offsets: Vec<String> = requests.iter().map(|r| r.query.clone().unwrap()).collect();
    assert_eq!(
        offsets[0],
        "user_id=user_many&paginated=true&limit=100&offset=0"
    );
    assert_eq!(
        offsets[12],
        "user_id=user_many&paginated=true&limit=100&offset=1200"
    );
}

#[tokio::test]
async fn uses_the_largest_page_when_no_limit_is_set() {
    let (fake, client) = seeded().await;
    let sessions = collect(client.get_session_list(user()).into_stream()).await;
    assert_eq!(sessions.len(), 1234);
    assert_eq!(fake.request_count(), 3);
    assert!(
        fake.requests()[0]
            .query
            .as_deref()
            .unwrap()
            .contains("limit=500")
    );
}

#[tokio::test]
async fn keeps_filters_and_starts_at_the_given_offset() {
    let (fake, client) = seeded().await;
    let filtered = collect(
        client
            .get_session_list(user())
            .status(SessionStatusFilter::Revoked)
            .into_stream(),
    )
    .await;
    assert!(filtered.is_empty());
    assert_eq!(fake.request_count(), 1);
    let tail = collect(client.get_session_list(user()).offset(1200).into_stream()).await;
    assert_eq!(tail.len(), 34);
}

#[tokio::test]
async fn an_error_ends_the_stream_after_it_is_yielded() {
    let (fake, client) = seeded().await;
    let stream = client.get_session_list(user()).limit(500).into_stream();
    futures_util::pin_mut!(stream);
    let first = tokio::time::timeout(Duration::from_secs(10), stream.next())
        .await
        .unwrap();
    assert!(first.unwrap().is_ok());
    // Fail the second page.
    let mut got = 1;
    fake.inject(Fault::Status(500), 1);
    let mut error = None;
    while let Some(item) = tokio::time::timeout(Duration::from_secs(10), stream.next())
        .await
        .unwrap()
    {
        match item {
            Ok(_) => got += 1,
            Err(e) => error = Some(e),
        }
    }
    assert_eq!(got, 500, "the first page, then the error");
    assert_eq!(error.unwrap().status(), Some(500));
}
