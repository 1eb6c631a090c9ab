//! A blocking client: the same operations, for code without an async runtime.
//!
//! ```no_run
//! # fn run() -> Result<(), clerk_sessions::Error> {
//! let client = clerk_sessions::blocking::Client::from_env()?;
//! let session = client.get_session(&"sess_123".parse()?).send()?;
//! println!("{}", session.status);
//! # Ok(()) }
//! ```
//!
//! Each client owns a small single-threaded Tokio runtime and drives one
//! request at a time on it. Do not use it from inside an async runtime: call
//! the async [`crate::Client`] there instead.

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use crate::error::Error;

/// A blocking client for Clerk's Backend API. Cheap to clone; `Send + Sync`.
#[derive(Clone)]
pub struct Client {
    inner: crate::Client,
    runtime: Arc<tokio::runtime::Runtime>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("blocking::Client")
            .field(&self.inner)
            .finish()
    }
}

impl Client {
    /// Wraps a configured async client (see [`crate::Client::builder`]).
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the runtime cannot be created.
    pub fn new(inner: crate::Client) -> Result<Client, Error> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| {
                Error::config(format!("cannot start the blocking client's runtime: {e}"))
            })?;
        Ok(Client {
            inner,
            runtime: Arc::new(runtime),
        })
    }

    /// A blocking client with the secret key from `CLERK_SECRET_KEY`.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the variable is unset or empty.
    pub fn from_env() -> Result<Client, Error> {
        Client::new(crate::Client::from_env()?)
    }

    /// The async client underneath.
    pub fn async_client(&self) -> &crate::Client {
        &self.inner
    }

    /// Runs a request to completion on this client's runtime.
    #[doc(hidden)]
    pub fn __block_on<F: Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }
}

impl crate::ClientBuilder {
    /// Builds a [`blocking::Client`](Client).
    ///
    /// # Errors
    ///
    /// As [`crate::ClientBuilder::build`].
    pub fn build_blocking(self) -> Result<Client, Error> {
        Client::new(self.build()?)
    }
}

pub use crate::generated::__blocking::*;
