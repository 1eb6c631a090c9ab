//! [`FakeClerkBuilder`]: keys, rate limit and clock, then start.

use std::io;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::FakeClerk;
use crate::jwt::Signer;
use crate::rate_limit::RateLimiter;
use crate::server::serve;
use crate::state::{Shared, State};

/// The secret key a fake accepts when the builder was given none.
pub const DEFAULT_SECRET_KEY: &str = "sk_test_fake";

/// Configures a [`FakeClerk`] before it starts. Get one from [`FakeClerk::builder`].
#[derive(Debug, Clone, Default)]
#[must_use = "a builder does nothing until `.start()` is awaited"]
pub struct FakeClerkBuilder {
    keys: Vec<String>,
    rate_limit: Option<(u32, Duration)>,
    now_ms: Option<i64>,
}

impl FakeClerkBuilder {
    /// Adds an accepted secret key (repeatable). Without any, the fake
    /// accepts only [`DEFAULT_SECRET_KEY`]. The first key is the one
    /// [`FakeClerk::secret_key`] returns.
    ///
    /// A request made with an `sk_live_…` key is treated as coming to a
    /// production instance: `POST /sessions` then answers
    /// `400 request_invalid_for_environment`.
    pub fn secret_key(mut self, key: impl Into<String>) -> Self {
        self.keys.push(key.into());
        self
    }

    /// Turns rate limiting on: at most `max_requests` authenticated Sessions
    /// requests per fixed window of `per`; see [`FakeClerk::set_rate_limit`].
    pub fn rate_limit(mut self, max_requests: u32, per: Duration) -> Self {
        self.rate_limit = Some((max_requests, per));
        self
    }

    /// Fixes the fake's clock at `unix_ms` (Unix milliseconds) instead of
    /// following the system clock; see [`FakeClerk::set_now`].
    pub fn now(mut self, unix_ms: i64) -> Self {
        self.now_ms = Some(unix_ms);
        self
    }

    /// Binds `127.0.0.1` on a free port and starts serving on the current
    /// tokio runtime.
    ///
    /// # Panics
    ///
    /// If there is no tokio runtime or the port cannot be bound; use
    /// [`FakeClerkBuilder::try_start`] to get those as errors instead.
    pub async fn start(self) -> FakeClerk {
        match self.try_start().await {
            Ok(fake) => fake,
            // A test fixture that cannot start has no better way to fail the test.
            #[expect(clippy::panic, reason = "documented; `try_start` is the fallible form")]
            Err(error) => panic!("FakeClerk failed to start: {error}"),
        }
    }

    /// Like [`FakeClerkBuilder::start`], but returns an error instead of
    /// panicking when there is no tokio runtime or binding fails.
    pub async fn try_start(self) -> io::Result<FakeClerk> {
        let runtime = tokio::runtime::Handle::try_current()
            .map_err(|e| io::Error::other(format!("FakeClerk needs a tokio runtime: {e}")))?;
        let invalid = |e| io::Error::new(io::ErrorKind::InvalidData, e);
        let signers = (
            Signer::new().map_err(invalid)?,
            Signer::other().map_err(invalid)?,
        );
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let base_url = format!("http://{}", listener.local_addr()?);
        let keys = if self.keys.is_empty() {
            vec![DEFAULT_SECRET_KEY.to_owned()]
        } else {
            self.keys
        };
        let rate_limit = self.rate_limit.map(|(max, per)| RateLimiter::new(max, per));
        let state = State::new(keys, self.now_ms, rate_limit);
        let shared = Arc::new(Shared::new(state, signers, base_url.clone()));
        let (shutdown, shutdown_rx) = watch::channel(());
        let server = runtime.spawn(serve(listener, Arc::clone(&shared), shutdown_rx));
        Ok(FakeClerk::from_parts(shared, base_url, shutdown, server))
    }
}
