//! A typed, fast client for Clerk's Sessions Backend API.
//!
//! The operations are generated at build time from Clerk's capability spec
//! (`spec/clerk-backend-api-sessions.yaml`, plus the typing file beside it) by
//! `clerk-sessions-codegen`; this crate adds the hand-written runtime they share:
//! [`Client`] (transport, authentication, headers), [`RetryPolicy`] and [`Error`].
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
//! assert!(!token.jwt.is_empty());
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
#![deny(missing_docs)]

extern crate self as clerk_sessions;

#[cfg(feature = "blocking")]
pub mod blocking;
mod client;
mod decode;
mod error;
mod id;
mod paginate;
mod request;
mod retry;
#[cfg(feature = "fake")]
pub mod testing;

pub use client::{Client, ClientBuilder, DEFAULT_API_VERSION, DEFAULT_TIMEOUT};
pub use error::{ApiError, ClerkError, Error, ParseError};
/// The stream trait of [`GetSessionList::into_stream`]; use `futures` (or
/// `futures-util`'s `StreamExt`) to consume it.
pub use futures_core::Stream;
pub use retry::RetryPolicy;

/// Items generated code calls. Not a public API: may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use crate::decode::{deserialize_enum, deserialize_tagged, object_or_array};
    pub use crate::paginate::paginate;
    pub use crate::request::{Method, OperationSpec, PathPart, QueryValue, Request};
    pub use futures_core::Stream;
    pub use serde_json;
}

mod generated {
    include!(concat!(env!("OUT_DIR"), "/clerk_backend_api_sessions.rs"));
}

pub use generated::*;
