//! The exact HTTP exchange of every operation: method, path, query, headers and
//! body, checked on a recording server on 127.0.0.1; and the typed decoding of
//! every response shape.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

#[path = "../support/capture.rs"]
mod capture;
mod support;

mod config;
mod list;
mod paths;
mod sessions;
mod tokens;
