//! Fetched key sets: through the runtime, cached for a TTL, refetched at most
//! once per cooldown for unknown `kid`s, one fetch for concurrent misses.
//! Tokio's clock is paused: TTLs and cooldowns pass by `advance`, never by
//! sleeping, and the clients have no timers that could fire early.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod support;

use std::time::Duration;

use clerk_sessions::testing::{Fault, TestKey};
use clerk_sessions::verify::{DEFAULT_JWKS_TTL, DEFAULT_REFETCH_COOLDOWN, Verifier, VerifyError};
use clerk_sessions::{Client, RetryPolicy};
use futures_util::future::join_all;
use serde_json::json;
use support::{fake, now};

fn client(fake: &clerk_sessions::testing::FakeClerk, retry: RetryPolicy) -> Client {
    Client::builder()
        .secret_key(fake.secret_key())
        .base_url(fake.base_url())
        .no_timeout()
        .retry_policy(retry)
        .build()
        .unwrap()
}

fn backend_verifier(fake: &clerk_sessions::testing::FakeClerk) -> Verifier {
    Verifier::from_client(&client(fake, RetryPolicy::none())).clock(now)
}

#[tokio::test(start_paused = true)]
async fn keys_come_from_the_backend_api_once_per_ttl() {
    let fake = fake().await;
    let verifier = backend_verifier(&fake);
    let token = fake.token().sign();
    for _ in 0..5 {
        verifier.verify(&token).await.unwrap();
    }
    assert_eq!(fake.jwks_request_count(), 1);
    let request = &fake.requests()[0];
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("GET", "/jwks")
    );
    assert_eq!(request.header("authorization"), Some("Bearer sk_test_fake"));
    assert!(request.header("clerk-api-version").is_some());

    tokio::time::advance(DEFAULT_JWKS_TTL - Duration::from_secs(1)).await;
    verifier.clone().verify(&token).await.unwrap();
    assert_eq!(fake.jwks_request_count(), 1, "clones share the cache");
    tokio::time::advance(Duration::from_secs(1)).await;
    verifier.verify(&token).await.unwrap();
    assert_eq!(
        fake.jwks_request_count(),
        2,
        "refetched once the TTL passed"
    );
    // A shorter TTL; no fetch comes sooner than the cooldown after the last.
    let short = backend_verifier(&fake).jwks_cache_ttl(Duration::from_secs(10));
    short.verify(&token).await.unwrap();
    tokio::time::advance(Duration::from_secs(10)).await;
    short.verify(&token).await.unwrap();
    assert_eq!(
        fake.jwks_request_count(),
        3,
        "stale keys serve until the cooldown"
    );
    tokio::time::advance(DEFAULT_REFETCH_COOLDOWN).await;
    short.verify(&token).await.unwrap();
    assert_eq!(fake.jwks_request_count(), 4);
}

#[tokio::test(start_paused = true)]
async fn random_kids_refetch_at_most_once_per_cooldown() {
    let fake = fake().await;
    let verifier = backend_verifier(&fake);
    verifier.verify(&fake.token().sign()).await.unwrap();
    let forged = |i: usize| {
        fake.token()
            .key(TestKey::Other)
            .header("kid", json!(format!("kid_{i}")))
            .sign()
    };
    let tokens: Vec<String> = (0..40).map(forged).collect();

    // Within the cooldown of the first fetch: no refetch at all.
    for token in &tokens[..20] {
        assert!(matches!(
            verifier.verify(token).await,
            Err(VerifyError::UnknownKey)
        ));
    }
    assert_eq!(fake.jwks_request_count(), 1);
    // After it, the first unknown kid refetches once; the rest, concurrent
    // or after, do not.
    tokio::time::advance(DEFAULT_REFETCH_COOLDOWN).await;
    let results = join_all(tokens[20..30].iter().map(|t| verifier.verify(t))).await;
    assert!(
        results
            .iter()
            .all(|r| matches!(r, Err(VerifyError::UnknownKey)))
    );
    for token in &tokens[30..] {
        assert!(matches!(
            verifier.verify(token).await,
            Err(VerifyError::UnknownKey)
        ));
    }
    assert_eq!(fake.jwks_request_count(), 2);
    tokio::time::advance(DEFAULT_REFETCH_COOLDOWN - Duration::from_secs(1)).await;
    assert!(verifier.verify(&tokens[0]).await.is_err());
    assert_eq!(fake.jwks_request_count(), 2);
    tokio::time::advance(Duration::from_secs(1)).await;
    assert!(verifier.verify(&tokens[0]).await.is_err());
    assert_eq!(fake.jwks_request_count(), 3);
    // Valid tokens kept verifying from the cache all along.
    verifier.verify(&fake.token().sign()).await.unwrap();
    assert_eq!(fake.jwks_request_count(), 3);
}

#[tokio::test(start_paused = true)]
async fn concurrent_verifications_on_a_cold_cache_share_one_fetch() {
    let fake = fake().await;
    let verifier = backend_verifier(&fake);
    // The fetch takes a (paused) second, so every verification starts while
    // it is in flight.
    fake.inject(Fault::Delay(Duration::from_secs(1)), 1);
    let tokens: Vec<String> = (0..32)
        .map(|i| fake.token().user(&format!("user_{i}")).sign())
        .collect();
    let results = join_all(tokens.iter().map(|t| verifier.verify(t))).await;
    for (i, result) in results.into_iter().enumerate() {
        assert_eq!(result.unwrap().user_id, format!("user_{i}").as_str());
    }
    assert_eq!(fake.jwks_request_count(), 1);

    // The same on a multi-thread runtime's worth of tasks.
    let fresh = backend_verifier(&fake);
    fake.inject(Fault::Delay(Duration::from_secs(1)), 1);
    let tasks: Vec<_> = tokens
        .iter()
        .cloned()
        .map(|t| {
            let v = fresh.clone();
            tokio::spawn(async move { v.verify(&t).await.map(|c| c.user_id) })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(fake.jwks_request_count(), 2);
}

#[tokio::test(start_paused = true)]
async fn failed_fetches_are_reported_and_not_repeated_within_the_cooldown() {
    let fake = fake().await;
    let verifier = backend_verifier(&fake);
    let token = fake.token().sign();
    fake.inject(Fault::Status(500), 1);
    let first = verifier.verify(&token).await.unwrap_err();
    assert!(
        matches!(&first, VerifyError::KeysUnavailable { source: Some(_) }),
        "{first:?}"
    );
    assert!(!first.is_token_rejected());
    let again = verifier.verify(&token).await.unwrap_err();
    assert!(
        matches!(again, VerifyError::KeysUnavailable { .. }),
        "{again:?}"
    );
    assert_eq!(
        fake.jwks_request_count(),
        1,
        "no second fetch within the cooldown"
    );
    tokio::time::advance(DEFAULT_REFETCH_COOLDOWN).await;
    verifier.verify(&token).await.unwrap();
    assert_eq!(fake.jwks_request_count(), 2);

    // Once the TTL has passed, a failed refetch falls back on the keys held.
    tokio::time::advance(DEFAULT_JWKS_TTL).await;
    fake.inject(Fault::Status(503), 1);
    verifier.verify(&token).await.unwrap();
    verifier.verify(&token).await.unwrap();
    assert_eq!(fake.jwks_request_count(), 3);
}

#[tokio::test(start_paused = true)]
async fn fetches_use_the_runtimes_retry_policy() {
    let fake = fake().await;
    let verifier =
        Verifier::from_client(&client(&fake, RetryPolicy::default().max_attempts(2))).clock(now);
    fake.inject(Fault::Status(503), 1);
    verifier.verify(&fake.token().sign()).await.unwrap();
    assert_eq!(fake.jwks_request_count(), 2, "one retry after the 503");
}

#[tokio::test]
async fn the_frontend_api_jwks_needs_no_secret_key() {
    let fake = fake().await;
    let verifier = Verifier::from_frontend_api(&fake.frontend_api_url())
        .unwrap()
        .clock(now);
    verifier.verify(&fake.token().sign()).await.unwrap();
    let requests = fake.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].path, "/.well-known/jwks.json");
    assert_eq!(requests[0].header("authorization"), None);
    for bad in ["not a url", "http://clerk.example.com"] {
        let result = Verifier::from_frontend_api(bad);
        assert!(
            matches!(result, Err(VerifyError::Config { .. })),
            "{bad}: {result:?}"
        );
    }
    let debug = format!("{verifier:?}");
    assert!(debug.contains("/.well-known/jwks.json"), "{debug}");
}
