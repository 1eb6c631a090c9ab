//! The retry policy and the one retry loop every operation goes through.

use std::future::Future;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use tokio::time::Instant;

use crate::error::Error;

/// How failed requests are retried.
///
/// - 429 is retried for every operation, after the `Retry-After` the server
///   asked for (seconds or an HTTP date), or after a backoff when it sent none.
/// - 5xx answers, timeouts and connection errors are retried only for operations
///   that are safe to repeat (GET, and revoke), unless
///   [`retry_non_idempotent`](Self::retry_non_idempotent) is set; a 503 with
///   `Retry-After` waits as long as it asks.
/// - A `Retry-After` longer than [`max_retry_after`](Self::max_retry_after), or
///   one that would pass the deadline, is not waited for: the error comes back at
///   once, with [`ApiError::retry_after`](crate::ApiError::retry_after) set, instead
///   of retrying early into another refusal.
/// - Between attempts: exponential backoff from [`initial_backoff`](Self::initial_backoff),
///   doubled each time, capped at [`max_backoff`](Self::max_backoff), with full jitter.
/// - No attempt starts after the overall [`deadline`](Self::deadline).
/// - Any duration may be as large as `Duration::MAX` (it then never ends the
///   wait or the retries); nothing overflows.
///
/// ```
/// use std::time::Duration;
/// use clerk_runtime::RetryPolicy;
/// let policy = RetryPolicy::default()
///     .max_attempts(5)
///     .deadline(Duration::from_secs(20));
/// assert_eq!(policy.attempts(), 5);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
    deadline: Duration,
    retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    /// 3 attempts, backoff from 250 ms up to 4 s, `Retry-After` honoured up to
    /// 30 s, a 60 s overall deadline; unsafe operations are not retried on 5xx.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(4),
            max_retry_after: Duration::from_secs(30),
            deadline: Duration::from_secs(60),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy::default().max_attempts(1)
    }
    /// Attempts in all, including the first (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }
    /// The first backoff; each later one doubles, up to [`max_backoff`](Self::max_backoff).
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }
    /// The longest backoff between two attempts.
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }
    /// The longest `Retry-After` that is waited for; a longer one returns the
    /// error at once.
    pub fn max_retry_after(mut self, wait: Duration) -> Self {
        self.max_retry_after = wait;
        self
    }
    /// Time allowed for all attempts and waits together.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }
    /// Also retry operations that are not safe to repeat (creating sessions and
    /// tokens, refreshing) on 5xx and connection errors.
    pub fn retry_non_idempotent(mut self, retry: bool) -> Self {
        self.retry_non_idempotent = retry;
        self
    }
    /// The configured number of attempts.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The backoff before attempt `attempt + 1` (attempt counts from 1), with full jitter.
    fn backoff(&self, attempt: u32) -> Duration {
        let exp = self
            .initial_backoff
            .saturating_mul(
                1u32.checked_shl(attempt.saturating_sub(1))
                    .unwrap_or(u32::MAX),
            )
            .min(self.max_backoff);
        let nanos = u64::try_from(exp.as_nanos()).unwrap_or(u64::MAX);
        if nanos == 0 {
            return Duration::ZERO;
        }
        // Full jitter: uniform in [exp/2, exp], so waits never collapse to zero.
        let half = nanos / 2;
        Duration::from_nanos(half + random() % (nanos - half + 1))
    }
}

fn random() -> u64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(0x9e37_79b9_7f4a_7c15);
    hasher.finish()
}

/// What one attempt reported, for the loop to decide.
pub(crate) struct Attempt {
    /// The attempt number, from 1.
    pub(crate) number: u32,
    /// The per-attempt timeout, cut to what is left of the deadline; `None`: no timer.
    pub(crate) timeout: Option<Duration>,
}

/// The timeout of the first attempt: the per-attempt timeout, cut to the deadline.
pub(crate) fn first_timeout(
    policy: &RetryPolicy,
    per_attempt: Option<Duration>,
) -> Option<Duration> {
    cut_to(per_attempt, policy.deadline)
}

/// The per-attempt timeout cut to what is `left` of the deadline (at least 1 ms).
fn cut_to(per_attempt: Option<Duration>, left: Duration) -> Option<Duration> {
    per_attempt.map(|limit| limit.min(left.max(Duration::from_millis(1))))
}

/// Goes on after a failed first attempt (started at `start`): waits and runs
/// `attempt` again until it succeeds, fails for good, or the policy says stop.
/// The first attempt runs outside this loop so that a request that succeeds
/// at once never builds the loop's state.
pub(crate) async fn retry_after_first<T, F, Fut>(
    policy: &RetryPolicy,
    retry_safe: bool,
    per_attempt: Option<Duration>,
    start: Instant,
    first_error: Error,
    mut attempt: F,
) -> Result<T, Error>
where
    F: FnMut(Attempt) -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    // `None`: a deadline past what the clock can hold never ends the retries.
    let deadline = start.checked_add(policy.deadline);
    let mut number = 1;
    let mut error = first_error;
    loop {
        if number >= policy.max_attempts || !error.is_retryable() {
            return Err(error);
        }
        let Some(wait) = policy.wait_after(&error, number, retry_safe) else {
            return Err(error);
        };
        let now = Instant::now();
        let past_deadline = match (deadline, now.checked_add(wait)) {
            (Some(deadline), Some(resume)) => resume >= deadline,
            (Some(_), None) => true,
            (None, _) => false,
        };
        if past_deadline {
            return Err(error);
        }
        tokio::time::sleep(wait).await;
        number += 1;
        let left = deadline.map_or(Duration::MAX, |d| {
            d.saturating_duration_since(Instant::now())
        });
        let timeout = cut_to(per_attempt, left);
        error = match attempt(Attempt { number, timeout }).await {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
    }
}

impl RetryPolicy {
    /// How long to wait before retrying after `error` (attempt `number` failed),
    /// or `None` when it must not be retried.
    fn wait_after(&self, error: &Error, number: u32, retry_safe: bool) -> Option<Duration> {
        let may_repeat = retry_safe || self.retry_non_idempotent;
        let asked = error.api().and_then(|api| api.retry_after);
        match error.api().map(|api| api.status) {
            // A rate limit means the request was not processed: any operation may repeat.
            Some(429) => match asked {
                Some(wait) => (wait <= self.max_retry_after).then_some(wait),
                None => Some(self.backoff(number)),
            },
            _ if !may_repeat => None,
            Some(503) => match asked {
                Some(wait) => (wait <= self.max_retry_after).then_some(wait),
                None => Some(self.backoff(number)),
            },
            _ => Some(self.backoff(number)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_within_jitter_and_caps() {
        let p = RetryPolicy::default()
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(350));
        for _ in 0..50 {
            let b1 = p.backoff(1);
            assert!(
                b1 >= Duration::from_millis(50) && b1 <= Duration::from_millis(100),
                "{b1:?}"
            );
            let b2 = p.backoff(2);
            assert!(
                b2 >= Duration::from_millis(100) && b2 <= Duration::from_millis(200),
                "{b2:?}"
            );
            let b9 = p.backoff(9);
            assert!(
                b9 >= Duration::from_millis(175) && b9 <= Duration::from_millis(350),
                "{b9:?}"
            );
        }
        assert_eq!(
            RetryPolicy::default()
                .initial_backoff(Duration::ZERO)
                .backoff(3),
            Duration::ZERO
        );
    }

    #[test]
    fn at_least_one_attempt() {
        assert_eq!(RetryPolicy::default().max_attempts(0).attempts(), 1);
        assert_eq!(RetryPolicy::none().attempts(), 1);
    }
}
