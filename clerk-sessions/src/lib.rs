//! A typed, fast client for Clerk's Sessions Backend API.
//!
//! The client is generated at build time from Clerk's capability spec
//! (`spec/clerk-backend-api-sessions.yaml`, plus the typing file beside it) by
//! `clerk-sessions-codegen`, the same way as a client for any other Clerk
//! capability; transport, authentication, retries and errors are the
//! hand-written `clerk-runtime` crate, whose items users need are re-exported
//! here ([`Error`], [`RetryPolicy`], [`ClientBuilder`], [`Stream`], ...).
//!
//! Every operation is a method on [`Client`] that takes the required inputs as
//! arguments and returns a request builder; optional inputs are setters, and
//! `.send().await` performs the call:
//!
//! | method | request | returns |
//! |---|---|---|
//! | [`Client::get_session_list`] | `GET /sessions` | [`SessionList`] |
//! | [`Client::create_session`] | `POST /sessions` | [`Session`] |
//! | [`Client::get_session`] | `GET /sessions/{session_id}` | [`Session`] |
//! | [`Client::refresh_session`] | `POST /sessions/{session_id}/refresh` | [`SessionRefresh`] |
//! | [`Client::revoke_session`] | `POST /sessions/{session_id}/revoke` | [`Session`] |
//! | [`Client::create_session_token`] | `POST /sessions/{session_id}/tokens` | [`Token`] |
//! | [`Client::create_session_token_from_template`] | `POST /sessions/{session_id}/tokens/{template_name}` | [`Token`] |
//!
//! # Example
//!
//! This runs against the in-process fake Clerk of the `fake` feature; in
//! production, build the client with [`Client::from_env`] (`CLERK_SECRET_KEY`).
//!
//! ```
//! # #[cfg(feature = "fake")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), clerk_sessions::Error> {
//! use clerk_sessions::testing::FakeClerk;
//! use clerk_sessions::{Client, SessionStatus, SessionStatusFilter, UserId};
//!
//! let fake = FakeClerk::start().await;
//! fake.add_session("user_1", "client_1");
//!
//! let client = Client::builder()
//!     .secret_key(fake.secret_key())
//!     .base_url(fake.base_url())
//!     .build()?;
//!
//! let user: UserId = "user_1".parse()?;
//! let page = client
//!     .get_session_list(user)
//!     .status(SessionStatusFilter::Active)
//!     .send()
//!     .await?;
//! let session = &page.data[0];
//!
//! let token = client.create_session_token(&session.id).expires_in_seconds(60).send().await?;
//! assert!(!token.jwt.expose().is_empty());
//!
//! let revoked = client.revoke_session(&session.id).send().await?;
//! assert_eq!(revoked.status, SessionStatus::Revoked);
//! # Ok(())
//! # }
//! # #[cfg(not(feature = "fake"))]
//! # fn main() {}
//! ```
//!
//! # Features
//!
//! - `fake`: `testing::FakeClerk`, a stateful fake of the seven endpoints for tests.
//! - `blocking`: `blocking::Client`, the same operations without an async runtime.
//! - `verify`: `verify::Verifier`, checking session tokens without a call to Clerk per request.
//! - `axum`: `verify::axum`, protecting axum routes with them (implies `verify`).
#![deny(missing_docs)]

mod generated {
    include!(concat!(env!("OUT_DIR"), "/clerk_backend_api_sessions.rs"));
}

pub use clerk_runtime::{
    ApiError, Async, ClerkError, DEFAULT_API_VERSION, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT,
    Error, MAX_PAGES, Mode, ParseError, RAW_BODY_LIMIT, RawBody, RetryPolicy, Stream,
};
pub use generated::*;

/// Configures a [`Client`]: every setting of the runtime's client (key, base
/// URL, timeouts, retries, API version, HTTP client), ending in `build()` (a
/// [`Client`]) or `build_blocking()` (a [`blocking::Client`]).
pub type ClientBuilder = clerk_runtime::ClientBuilder<Client>;

/// A blocking client: the same operations, for code without an async runtime.
///
/// ```no_run
/// # fn run() -> Result<(), clerk_sessions::Error> {
/// let client = clerk_sessions::blocking::Client::from_env()?;
/// let session = client.get_session(&"sess_123".parse()?).send()?;
/// println!("{}", session.status);
/// # Ok(()) }
/// ```
///
/// Each client owns a small single-threaded Tokio runtime and drives one
/// request at a time on it. Inside an async runtime, `send()` returns
/// [`Error::Config`] instead of blocking a worker: call the async [`Client`]
/// there.
#[cfg(feature = "blocking")]
pub mod blocking {
    /// A blocking client for Clerk's Sessions API: [`crate::Client`]'s
    /// operations, whose `send()` returns the result.
    pub type Client = clerk_runtime::blocking::Client<crate::Client>;
}

#[cfg(feature = "verify")]
pub mod verify;

/// `FakeClerk`, an in-process fake of Clerk's Sessions API for your tests (the
/// `clerk-sessions-fake` crate).
#[cfg(feature = "fake")]
pub mod testing {
    pub use clerk_sessions_fake::*;
}
