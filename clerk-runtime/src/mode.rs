//! How a request is run once it is built: awaited by the caller ([`Async`]) or
//! driven to completion on a runtime of the client's own ([`Blocking`]).
//!
//! Every generated request builder has one `send()`, whose result is the
//! client's mode's [`Mode::Output`]: the request future for `Async`, the
//! request's result for `Blocking`. So the generator emits each operation once,
//! and the blocking flavour is this file.

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use crate::error::Error;

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Async {}
    impl Sealed for super::Blocking {}
}

/// How a client runs its requests: [`Async`] (the default) or [`Blocking`].
pub trait Mode: sealed::Sealed + Clone + fmt::Debug + Send + Sync + 'static {
    /// What `send()` returns for a request future `F` that yields `Result<T, Error>`.
    type Output<T, F: Future<Output = Result<T, Error>>>;
    /// Runs (or hands back) a request.
    fn run<T, F: Future<Output = Result<T, Error>>>(&self, request: F) -> Self::Output<T, F>;
}

/// Requests are futures: `.send().await`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Async;

impl Mode for Async {
    type Output<T, F: Future<Output = Result<T, Error>>> = F;

    fn run<T, F: Future<Output = Result<T, Error>>>(&self, request: F) -> F {
        request
    }
}

/// Requests block the calling thread: `.send()` returns the result.
///
/// Holds a small single-threaded Tokio runtime, shared by the clones of a
/// client, on which each request is driven to completion.
#[derive(Clone)]
pub struct Blocking {
    runtime: Arc<OwnedRuntime>,
}

impl fmt::Debug for Blocking {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Blocking")
    }
}

impl Blocking {
    /// Starts the runtime.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the runtime cannot be created.
    pub fn new() -> Result<Blocking, Error> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| {
                Error::config(format!("cannot start the blocking client's runtime: {e}"))
            })?;
        Ok(Blocking {
            runtime: Arc::new(OwnedRuntime(Some(runtime))),
        })
    }
}

impl Mode for Blocking {
    type Output<T, F: Future<Output = Result<T, Error>>> = Result<T, Error>;

    /// Blocks on `request`; inside an async runtime (where blocking would stall
    /// its worker, and Tokio would panic) it returns [`Error::Config`] instead.
    fn run<T, F: Future<Output = Result<T, Error>>>(&self, request: F) -> Result<T, Error> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::config(
                "the blocking client was called inside an async runtime, where it would block a worker thread: use the async client there (`.send().await`)",
            ));
        }
        match &self.runtime.0 {
            Some(runtime) => runtime.block_on(request),
            None => Err(Error::config("the blocking client's runtime has stopped")),
        }
    }
}

/// The runtime of a blocking client. Dropping a Tokio runtime inside an async
/// context panics; shutting it down in the background never does, so the last
/// clone of a blocking client may be dropped anywhere.
struct OwnedRuntime(Option<tokio::runtime::Runtime>);

impl Drop for OwnedRuntime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}
