//! `get_session_list(..).into_stream()`: every session across pages.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::collections::BTreeSet;
use std::time::Duration;

use clerk_sessions::testing::{FakeClerk, Fault, SessionSeed};
use clerk_sessions::{Client, RetryPolicy, Session, SessionStatusFilter, UserId};
use futures_util::StreamExt;

#[path = "support/hostile.rs"]
mod hostile;

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

mod hostile_pages {
    //! Servers whose pages never end: each stream stops with `Error::Pagination`
    //! after a bounded number of requests.

    use clerk_sessions::{Client, Error, RetryPolicy, UserId};
    use futures_util::StreamExt;

    use super::hostile::{Hostile, Reply};

    fn session(n: u64) -> String {
        format!(
            r#"{{"object":"session","id":"sess_{n}","user_id":"user_1","client_id":"client_1","status":"active","last_active_at":1,"expire_at":1,"abandon_at":1,"created_at":1,"updated_at":1}}"#
        )
    }

    /// Sessions `from..from + count`, in an envelope with `total`, or a bare array.
    fn page(from: u64, count: u64, total: Option<i64>) -> Reply {
        let items: Vec<String> = (from..from + count).map(session).collect();
        let items = items.join(",");
        let body = match total {
            Some(total) => format!(r#"{{"data":[{items}],"total_count":{total}}}"#),
            None => format!("[{items}]"),
        };
        Reply::json(200, "", &body)
    }

    async fn drain(server: &Hostile, limit: u32) -> (usize, Option<Error>) {
        let client = Client::builder()
            .secret_key("sk_test_pages")
            .base_url(server.base_url())
            .retry_policy(RetryPolicy::none())
            .build()
            .unwrap();
        let user: UserId = "user_1".parse().unwrap();
        let stream = client.get_session_list(user).limit(limit).into_stream();
        futures_util::pin_mut!(stream);
        let (mut items, mut error) = (0, None);
        while let Some(item) = stream.next().await {
            match item {
                Ok(_) => items += 1,
                Err(e) => error = Some(e),
            }
        }
        (items, error)
    }

    #[tokio::test(start_paused = true)]
    async fn a_server_that_ignores_offset_is_caught_at_the_second_page() {
        let server = Hostile::start(vec![page(0, 2, Some(1_000))]).await;
        let (items, error) = drain(&server, 2).await;
        assert_eq!(items, 2);
        let error = error.unwrap();
        assert!(
            matches!(&error, Error::Pagination { pages: 2, reason, .. } if reason.contains("same page")),
            "{error:?}"
        );
        assert_eq!(server.requests(), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn full_pages_past_the_first_total_stop_within_its_budget() {
        // The first total says 10 items (5 pages of 2); the server then keeps
        // answering new full pages with a growing total.
        let script: Vec<Reply> = (0..100)
            .map(|p| page(p * 2, 2, Some(10 + 2 * i64::try_from(p).unwrap())))
            .collect();
        let server = Hostile::start(script).await;
        let (items, error) = drain(&server, 2).await;
        let error = error.unwrap();
        assert!(matches!(error, Error::Pagination { .. }), "{error:?}");
        // 5 pages needed, a tenth more rounded down, and 2: 7 pages.
        assert_eq!(server.requests(), 7);
        assert_eq!(items, 14);
    }

    #[tokio::test(start_paused = true)]
    async fn an_absurd_total_is_bounded_by_max_pages() {
        let script: Vec<Reply> = (0..=clerk_sessions::MAX_PAGES + 5)
            .map(|p| page(p * 2, 2, Some(i64::MAX)))
            .collect();
        let server = Hostile::start(script).await;
        let (_, error) = drain(&server, 2).await;
        assert!(matches!(error, Some(Error::Pagination { .. })), "{error:?}");
        assert_eq!(
            server.requests(),
            usize::try_from(clerk_sessions::MAX_PAGES).unwrap()
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_offset_never_wraps() {
        let server = Hostile::start(vec![page(0, 2, Some(i64::MAX))]).await;
        let client = Client::builder()
            .secret_key("sk_test_pages")
            .base_url(server.base_url())
            .build()
            .unwrap();
        let user: UserId = "user_1".parse().unwrap();
        let stream = client
            .get_session_list(user)
            .limit(2)
            .offset(u32::MAX - 1)
            .into_stream();
        let items: Vec<_> = stream.collect().await;
        // The page's two items, then the stop: the next offset would be 2^32.
        assert_eq!(items.len(), 3);
        assert!(items[..2].iter().all(Result::is_ok));
        let error = items[2].as_ref().unwrap_err();
        assert!(error.to_string().contains("u32"), "{error}");
        assert_eq!(server.requests(), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn a_full_bare_array_page_is_followed_by_the_next_page() {
        // Without `paginated=true` support, Clerk answers a bare array: no total.
        let server =
            Hostile::start(vec![page(0, 2, None), page(2, 2, None), page(4, 1, None)]).await;
        let (items, error) = drain(&server, 2).await;
        assert!(error.is_none(), "{error:?}");
        assert_eq!(items, 5);
        assert_eq!(server.requests(), 3);
    }
}
