//! A fixed-window request counter, like Clerk's per-instance rate limit.

use std::time::Duration;

use tokio::time::Instant;

/// Allows `max` requests per window of `per`. The first request opens a
/// window; once `max` requests were counted in it, later requests are refused
/// until it closes. Refused requests are not counted.
///
/// Uses [`tokio::time::Instant`], so tests on tokio's paused clock can move
/// through windows with `tokio::time::advance`.
#[derive(Debug, Clone)]
pub(crate) struct RateLimiter {
    max: u32,
    per: Duration,
    window: Option<(Instant, u32)>,
}

impl RateLimiter {
    pub(crate) fn new(max: u32, per: Duration) -> Self {
        RateLimiter {
            max,
            per,
            window: None,
        }
    }

    /// Counts one request at `now`. `Err` carries the whole seconds (at
    /// least 1) until the window closes: the `Retry-After` value.
    pub(crate) fn check(&mut self, now: Instant) -> Result<(), u64> {
        // `None`: a window so long that its end overflows never closes.
        let open = |start: Instant| start.checked_add(self.per).is_none_or(|end| now < end);
        let (start, count) = match self.window {
            Some((start, count)) if open(start) => (start, count),
            _ => (now, 0),
        };
        if count >= self.max {
            let remaining = start
                .checked_add(self.per)
                .map_or(Duration::MAX, |end| end.saturating_duration_since(now));
            let secs = remaining
                .as_secs()
                .saturating_add(u64::from(remaining.subsec_nanos() > 0));
            self.window = Some((start, count));
            return Err(secs.max(1));
        }
        self.window = Some((start, count + 1));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn window_closes_and_reopens() {
        let mut limiter = RateLimiter::new(2, Duration::from_secs(10));
        assert_eq!(limiter.check(Instant::now()), Ok(()));
        assert_eq!(limiter.check(Instant::now()), Ok(()));
        assert_eq!(limiter.check(Instant::now()), Err(10));
        tokio::time::advance(Duration::from_millis(3500)).await;
        assert_eq!(limiter.check(Instant::now()), Err(7));
        tokio::time::advance(Duration::from_millis(6500)).await;
        assert_eq!(limiter.check(Instant::now()), Ok(()));
    }

    #[test]
    fn huge_windows_do_not_overflow() {
        let mut limiter = RateLimiter::new(1, Duration::MAX);
        let now = Instant::now();
        assert_eq!(limiter.check(now), Ok(()));
        assert_eq!(limiter.check(now), Err(u64::MAX));
    }

    #[test]
    fn zero_max_refuses_everything() {
        let mut limiter = RateLimiter::new(0, Duration::from_millis(10));
        let now = Instant::now();
        assert_eq!(limiter.check(now), Err(1));
    }
}
