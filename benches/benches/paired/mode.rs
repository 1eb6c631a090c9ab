//! Which clients a run pairs, read from the environment.

use std::time::Duration;

/// Which clients a run pairs, read once from the environment.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Mode {
    /// `BENCH_AA=1`: raw against raw.
    pub(crate) aa: bool,
    /// `BENCH_TIMER=1`: ours against ours built with `.no_timeout()`.
    pub(crate) timer: bool,
    /// Whether the generated client keeps its default per-attempt timeout
    /// (`BENCH_GEN_NO_TIMEOUT=1` builds it with `.no_timeout()`).
    pub(crate) generated_timed: bool,
    /// The raw client's timeout (`reqwest::ClientBuilder::timeout`): the same bound as
    /// the generated client's, so that both sides do the same work, as careful
    /// hand-written code would; none when the generated client has none, or with
    /// `BENCH_RAW_NO_TIMEOUT=1` (the price of the timer against code that bounds
    /// nothing).
    pub(crate) raw_timeout: Option<Duration>,
}

impl Mode {
    pub(crate) fn from_env() -> Mode {
        let set = |name: &str| std::env::var_os(name).is_some();
        let generated_timed = !set("BENCH_GEN_NO_TIMEOUT");
        Mode {
            aa: set("BENCH_AA"),
            timer: set("BENCH_TIMER"),
            generated_timed,
            raw_timeout: (generated_timed && !set("BENCH_RAW_NO_TIMEOUT"))
                .then_some(clerk_sessions::DEFAULT_TIMEOUT),
        }
    }
}
