//! A blocking client for any generated API: the same operations, for code
//! without an async runtime.
//!
//! [`Client<A>`] wraps the generated async client `A` and derefs to the same
//! client in the [`Blocking`] mode, whose request builders' `send()` blocks
//! until the request is done and returns its result. Each client owns a small
//! single-threaded Tokio runtime (shared by its clones) and drives one request
//! at a time on it per calling thread.
//!
//! Inside an async runtime, where blocking would stall a worker, `send()`
//! returns [`crate::Error::Config`] instead of blocking; use
//! the async client there. Dropping a blocking client is fine anywhere.

use std::fmt;
use std::ops::Deref;

use crate::api::Api;
use crate::error::Error;
use crate::mode::{Async, Blocking};

/// A blocking client for the API of the generated client `A`.
///
/// Cheap to clone; `Send + Sync`. Call operations on it exactly as on `A`;
/// `send()` returns the result instead of a future.
pub struct Client<A: Api> {
    async_client: A,
    blocking: A::In<Blocking>,
}

impl<A: Api> Client<A> {
    /// Wraps a configured async client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the runtime cannot be created.
    pub fn new(async_client: A) -> Result<Self, Error> {
        let blocking = A::assemble(async_client.runtime().clone(), Blocking::new()?);
        Ok(Client {
            async_client,
            blocking,
        })
    }

    /// A blocking client with default settings and the credential from the
    /// environment variable the API's spec binds (`CLERK_SECRET_KEY` for the
    /// Backend API).
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the variable is unset or empty, or the runtime
    /// cannot be created.
    pub fn from_env() -> Result<Self, Error>
    where
        A: Api<In<Async> = A>,
    {
        crate::ClientBuilder::<A>::for_api()
            .secret_key_from_env()?
            .build_blocking()
    }

    /// The async client underneath (for code that also has an async runtime).
    pub fn async_client(&self) -> &A {
        &self.async_client
    }
}

impl<A: Api> Deref for Client<A> {
    type Target = A::In<Blocking>;

    fn deref(&self) -> &Self::Target {
        &self.blocking
    }
}

impl<A: Api> Clone for Client<A>
where
    A::In<Blocking>: Clone,
{
    fn clone(&self) -> Self {
        Client {
            async_client: self.async_client.clone(),
            blocking: self.blocking.clone(),
        }
    }
}

impl<A: Api + fmt::Debug> fmt::Debug for Client<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("blocking::Client")
            .field(&self.async_client)
            .finish()
    }
}
