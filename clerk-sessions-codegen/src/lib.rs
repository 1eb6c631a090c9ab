//! Generates typed Rust clients for Clerk's APIs from naftiko capability files.
//!
//! The pipeline has three stages, each its own module: `spec` mirrors the
//! capability YAML and its typing file, `lower` validates both together into a
//! [`model`], and `emit` turns the model into tokens that `format` prints as
//! readable source (without a Rust parser: build scripts that run the
//! generator compile neither `syn` nor a formatter). Every Rust name is made in [`names`]. Problems in a spec or its
//! typing file are all reported at once, each with file, line, column and a
//! hint ([`Diagnostics`]).
//!
//! # From a build script
//!
//! ```no_run
//! # #![allow(clippy::needless_doctest_main)]
//! // build.rs of a crate that depends on `clerk-runtime`, `serde` and `serde_json`,
//! // with `clerk-sessions-codegen` as a build-dependency.
//! fn main() {
//!     if let Err(err) = clerk_sessions_codegen::Config::new()
//!         .build_script("spec/clerk-backend-api-users.yaml", "clerk_users.rs")
//!     {
//!         eprintln!("{err}");
//!         std::process::exit(1);
//!     }
//! }
//! ```
//!
//! and in the crate:
//!
//! ```ignore
//! mod users {
//!     include!(concat!(env!("OUT_DIR"), "/clerk_users.rs"));
//! }
//! ```
//!
//! A typing file next to the spec (`<stem>.types.yaml`) is picked up automatically;
//! see [`Config::typing_file`]. The same generation is available from the
//! command line (`clerk-sessions-codegen generate SPEC -o OUT`, `check`,
//! `inspect`; see `--help`).
//!
//! # What the generated module holds
//!
//! One module per `consumes` adapter (a file with one adapter, as every Clerk
//! file has, generates the module's items directly). Every capability is
//! emitted the same way. The module names the runtime by an absolute path
//! (`::clerk_runtime` by default, [`Config::runtime_path`]), so it compiles in
//! any crate that depends on `clerk-runtime`, `serde` and `serde_json`. It
//! defines:
//!
//! - `BASE_URL` (the spec's `baseUri`);
//! - `Client`, a wrapper over the runtime's `Client`, generic over the
//!   runtime's `Mode` (async by default): `Client::builder()` (the runtime's
//!   `ClientBuilder`, ending in this `Client`), `Client::new(runtime)`,
//!   `Client::from_env()` (the key the spec binds), and the runtime's `Api`
//!   trait, through which `clerk_runtime::blocking::Client<Client>` is the
//!   blocking flavour. `Client::new` fails when the spec's `baseUri` is empty
//!   (all of Clerk's Frontend API files) and the runtime client was built
//!   without a base URL, so a client that cannot reach its API is never
//!   handed out;
//! - per operation, a method on `Client` that takes the required inputs as
//!   arguments and returns a request builder with a setter per optional input
//!   and one `send()`: a future on an async client, the result on a blocking
//!   one.
//!
//! Inputs go where the spec says, under their wire names:
//!
//! - path placeholders, whole segments or parts of one (`/metadata/{id}.xml`),
//!   percent-encoded; string placeholders take `&str`, integer, number and
//!   boolean ones their Rust type;
//! - query parameters of any type, arrays as one repeated key per element,
//!   objects as compact JSON text;
//! - headers, required or optional, of any type: numbers and booleans as text,
//!   arrays joined with `, ` (an HTTP list), objects as JSON text. Header names
//!   must be HTTP tokens, and not a header the client sets itself
//!   (`Authorization`, `Host`, `Content-Type`, ...; checked when generating);
//! - a JSON body, which callers may always omit (the specs mark bodies
//!   required that the API treats as optional); writes without a body
//!   parameter send no body at all.
//!
//! Responses are decoded by the runtime: without a typing file, the body comes
//! back as a `serde_json::Value`, `null` for an empty body and a JSON string
//! for a body that is not JSON (`outputRawFormat: xml`, HTML, ...). Every
//! operation returns the whole body: `outputParameters` that extract part of it
//! (`$.data[*].id`) are read but not applied, so an operation's result does not
//! change shape when a spec adds one.
//!
//! # Limits
//!
//! No input makes the generator run for long or use much memory: a spec or
//! typing file above [`MAX_FILE_BYTES`] (8 MiB, far above Clerk's largest
//! capability file of 31 KB) is refused before it is parsed; YAML aliases
//! may not repeat more than a bounded number of nodes or bytes, and nesting
//! is bounded; at most 50 diagnostics are printed (all of them stay in
//! [`Diagnostics`]), each in time independent of the file's size, with
//! control characters escaped.
//!
//! A `baseUri` in plain `http://` to a host that is not a loopback address is
//! an error (the secret key would travel in clear text) unless
//! [`Config::allow_insecure_http`] accepts it; the runtime refuses such a URL
//! at run time too, unless its builder allows it.
//!
//! Names follow one rule ([`names`]): two operations of a module whose names
//! convert to the same identifier are an error; a parameter whose name is
//! taken (`id` in the path and in the query) gets its location as a suffix
//! (`id_query`); a name the generated code uses itself is renamed
//! (`new` → `new_op`, `Client` → `ClientOp`, a parameter `client` →
//! `client_query`). Nothing is ever emitted twice.

#![deny(missing_docs)]

mod build_script;
mod config;
mod diagnostics;
mod emit;
mod error;
mod format;
mod limits;
mod lower;
pub mod model;
pub mod names;
#[cfg(feature = "openapi")]
pub mod openapi;
mod parallel;
mod spec;
mod yaml;

use std::path::Path;

pub use config::{Config, Generated};
pub use diagnostics::{Diagnostic, Diagnostics, Severity};
pub use error::Error;
pub use limits::MAX_FILE_BYTES;

/// The runtime path generated code uses unless [`Config::runtime_path`] says otherwise.
pub const DEFAULT_RUNTIME: &str = "::clerk_runtime";

/// One-call shortcut: [`Config::new`] then [`Config::generate`].
pub fn generate(spec: impl AsRef<Path>) -> Result<Generated, Error> {
    Config::new().generate(spec)
}
