//! Drives `clerk_sessions_fake::FakeClerk` over real HTTP with a raw
//! `reqwest::Client`, checking each endpoint, each documented error, the
//! rate limit and every fault kind against the wire reference.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod auth;
mod faults;
mod list;
mod minted;
mod plumbing;
mod refresh;
mod sessions;
mod tokens;
