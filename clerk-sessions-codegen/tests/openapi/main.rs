//! Typing derived from Clerk's OpenAPI documents (`openapi/` at the root of
//! the workspace): every capability operation of the corpus matches exactly one
//! document operation and derives without errors; derived typing files for a
//! few capabilities and for a fixture document that exercises every rule are
//! kept as golden files (`UPDATE_GOLDEN=1` rewrites them); the committed
//! Sessions typing file is exactly what `derive-types` makes of the backend
//! document and the Sessions overlay.
//!
//! One test target: `support` holds the shared readers and derivers; the
//! tests are grouped by concern in `corpus`, `golden`, `fixture`, `overlay`,
//! `errors` and `generated`.

#![cfg(feature = "openapi")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../common/mod.rs"]
mod common;

mod support;

mod corpus;
mod errors;
mod fixture;
mod generated;
mod golden;
mod overlay;
