//! A typed, fast client for Clerk's Sessions Backend API.
//!
//! The operations are generated at build time from Clerk's capability spec
//! (`spec/clerk-backend-api-sessions.yaml`) by `clerk-sessions-codegen`; this crate
//! adds the hand-written runtime they share: [`Client`] (transport, auth, headers),
//! [`RetryPolicy`] and [`Error`].
//!
//! Every operation is a method on [`Client`] that takes the required inputs as
//! arguments and returns a request builder; optional inputs are setters, and
//! `.send().await` performs the call.
//!
//! ```no_run
//! # async fn run() -> Result<(), clerk_sessions::Error> {
//! use clerk_sessions::Client;
//!
//! let client = Client::from_env()?; // CLERK_SECRET_KEY
//! let session = client.get_session("sess_123").send().await?;
//! println!("{session}");
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

extern crate self as clerk_sessions;

#[cfg(feature = "blocking")]
pub mod blocking;
mod client;
mod decode;
mod error;
mod paginate;
mod request;
mod retry;
#[cfg(feature = "fake")]
pub mod testing;

pub use client::{Client, ClientBuilder, DEFAULT_API_VERSION, DEFAULT_TIMEOUT};
pub use error::{ApiError, ClerkError, Error, ParseError};
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
