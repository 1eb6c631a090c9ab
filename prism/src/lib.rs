//! The typed client of every covered Clerk capability file, its typing
//! derived from Clerk's OpenAPI documents, for the Prism test
//! (`tests/prism/`), which calls their operations against Prism mocks of the
//! documents. Which files are not covered yet, and why: `pending.rs`.
#![deny(missing_docs)]

include!(concat!(env!("OUT_DIR"), "/mods.rs"));
