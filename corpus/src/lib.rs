//! Every Clerk capability file, generated into one crate and compiled.
//!
//! The build script runs `clerk-sessions-codegen` over the 43 files copied into
//! `clerk-sessions-codegen/tests/corpus/` (the workflow file generates nothing),
//! the edge-case fixtures in `tests/valid/`, the hostile fixtures in
//! `tests/hostile/`, the Sessions spec with its typing file, and the 43 files
//! again with their typing derived from `openapi/` (modules `…_derived`). Each becomes one
//! module, so `cargo clippy`, `cargo doc` and `cargo test` over the workspace
//! check that generated code compiles cleanly, documents every item and holds no
//! doctest.
#![deny(missing_docs)]

include!(concat!(env!("OUT_DIR"), "/mods.rs"));
