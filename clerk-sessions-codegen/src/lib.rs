//! Generates typed Rust clients for Clerk's APIs from naftiko capability files.
//!
//! The pipeline has three stages, each its own module: [`spec`](crate) mirrors the
//! YAML, `lower` validates it into a [`model`], and `emit` turns the model into
//! tokens that `prettyplease` formats. Problems in a spec are all reported at once,
//! each with file, line, column and a hint ([`Diagnostics`]).
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
//!   must be HTTP tokens (checked when generating);
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
//! Names follow one rule ([`names`]): two operations of a module whose names
//! convert to the same identifier are an error; a parameter whose name is
//! taken (`id` in the path and in the query) gets its location as a suffix
//! (`id_query`); a name the generated code uses itself is renamed
//! (`new` → `new_op`, `Client` → `ClientOp`, a parameter `client` →
//! `client_query`). Nothing is ever emitted twice.

#![deny(missing_docs)]

mod diagnostics;
mod emit;
mod format;
mod lower;
pub mod model;
pub mod names;
#[cfg(feature = "openapi")]
pub mod openapi;
mod parallel;
mod spec;
mod typing;

use std::fmt;
use std::path::{Path, PathBuf};

pub use diagnostics::{Diagnostic, Diagnostics, Severity};

/// Generator settings. Build one, then call [`Config::generate`] or [`Config::build_script`].
#[derive(Clone, Debug)]
pub struct Config {
    runtime: Result<names::RuntimePath, names::PathError>,
    typing: TypingChoice,
    #[cfg(feature = "openapi")]
    openapi: openapi::Settings,
}

#[derive(Clone, Debug)]
enum TypingChoice {
    Beside,
    File(PathBuf),
    Off,
}

/// The result of a successful generation.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The formatted Rust source, starting with an `@generated` header.
    pub code: String,
    /// Warnings (never errors: those make generation fail).
    pub diagnostics: Diagnostics,
    /// The validated model the code was generated from.
    pub api: model::Api,
    /// The typing file that was read, if any.
    pub typing_file: Option<PathBuf>,
}

/// Why generation failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The spec or its typing file has problems; every one of them is listed.
    Spec(Diagnostics),
    /// The [`Config`] is invalid (e.g. a runtime path that is not a Rust path).
    Config(String),
    /// The emitted tokens did not parse as Rust (a generator bug).
    Format(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Spec(diagnostics) => write!(f, "{diagnostics}"),
            Error::Config(message) => write!(f, "invalid configuration: {message}"),
            Error::Format(message) => write!(
                f,
                "internal error: the generated code does not parse ({message}); please report this with the spec"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config::new()
    }
}

impl Config {
    /// Default settings: runtime at `::clerk_runtime`, typing file beside the spec.
    pub fn new() -> Config {
        Config {
            runtime: names::RuntimePath::parse(DEFAULT_RUNTIME),
            typing: TypingChoice::Beside,
            #[cfg(feature = "openapi")]
            openapi: openapi::Settings::default(),
        }
    }

    /// The path generated code uses to name the runtime crate (default
    /// `::clerk_runtime`), e.g. `::my_crate::clerk_runtime` when the runtime is
    /// re-exported. A path that is not one (`a-b`, `a::<T>`) makes generation
    /// fail with [`Error::Config`].
    pub fn runtime_path(&mut self, path: &str) -> &mut Self {
        self.runtime = names::RuntimePath::parse(path);
        self
    }

    /// Read this typing file. By default `<spec stem>.types.yaml` beside the spec is
    /// read when it exists.
    pub fn typing_file(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.typing = TypingChoice::File(path.into());
        self
    }

    /// Ignore any typing file: bodies and outputs become `serde_json::Value`.
    pub fn no_typing_file(&mut self) -> &mut Self {
        self.typing = TypingChoice::Off;
        self
    }

    /// The typing file this configuration reads for `spec`, if any.
    pub fn typing_file_for(&self, spec: &Path) -> Option<PathBuf> {
        match &self.typing {
            TypingChoice::Off => None,
            TypingChoice::File(path) => Some(path.clone()),
            TypingChoice::Beside => {
                let stem = spec.file_stem()?.to_str()?;
                let candidate = spec.with_file_name(format!("{stem}.types.yaml"));
                candidate.is_file().then_some(candidate)
            }
        }
    }

    /// Reads `spec` (and its typing file) and generates the client. Writes nothing.
    pub fn generate(&self, spec: impl AsRef<Path>) -> Result<Generated, Error> {
        let spec = spec.as_ref();
        #[cfg(feature = "openapi")]
        if self.derives() {
            return self.generate_openapi(spec);
        }
        let text = read(spec)?;
        let typing_path = self.typing_file_for(spec);
        let typing_text = match &typing_path {
            Some(path) => Some(read(path)?),
            None => None,
        };
        let typing = typing_path
            .as_deref()
            .zip(typing_text.as_deref())
            .map(|(p, t)| (display(p), t));
        let mut generated = self.generate_str(
            &display(spec),
            &text,
            typing.as_ref().map(|(p, t)| (p.as_str(), *t)),
        )?;
        generated.typing_file = typing_path;
        Ok(generated)
    }

    /// Generates from spec text. `file` names the spec in diagnostics and the header.
    /// Pure: no file system access. On a machine with more than one processor,
    /// independent parts of the work run on a second, scoped thread; the output
    /// is the same either way.
    pub fn generate_str(
        &self,
        file: &str,
        spec: &str,
        typing: Option<(&str, &str)>,
    ) -> Result<Generated, Error> {
        let (api, diagnostics) = model(file, spec, typing);
        self.finish(file, api, diagnostics)
    }

    /// Generates from spec text and a typing document already read.
    #[cfg(feature = "openapi")]
    pub(crate) fn generate_typed(
        &self,
        file: &str,
        mut api: model::Api,
        typing: (Option<typing::Typing>, Diagnostics),
        mut diagnostics: Diagnostics,
    ) -> Result<Generated, Error> {
        let (typing, problems) = typing;
        diagnostics.extend(problems);
        if let Some(typing) = typing.as_ref() {
            apply_typing(&mut api, typing, &mut diagnostics);
        }
        self.finish(file, Some(api), diagnostics)
    }

    /// Emits the model, unless there were errors.
    fn finish(
        &self,
        file: &str,
        api: Option<model::Api>,
        diagnostics: Diagnostics,
    ) -> Result<Generated, Error> {
        let api = match api {
            Some(api) if !diagnostics.has_errors() => api,
            _ => return Err(Error::Spec(diagnostics)),
        };
        let body = self.emit(&api)?;
        let name = Path::new(file)
            .file_name()
            .map_or(file.into(), |n| n.to_string_lossy());
        let code = format!("{}{body}", format::header(&name));
        Ok(Generated {
            code,
            diagnostics,
            api,
            typing_file: None,
        })
    }

    /// The formatted items of `api`. Units are emitted and formatted two at
    /// a time; tokens cannot cross threads, so each thread parses the
    /// runtime path for itself.
    fn emit(&self, api: &model::Api) -> Result<String, Error> {
        let runtime = self
            .runtime
            .as_ref()
            .map_err(|e| Error::Config(e.to_string()))?;
        let runtime_name = runtime.to_string();
        let units = emit::units(api);
        let pieces = parallel::map(
            &units,
            || runtime.to_path(),
            |path, unit| {
                let opts = emit::Options {
                    runtime: path,
                    runtime_name: &runtime_name,
                };
                format::format(emit::unit(unit, &opts)).map_err(|e| e.to_string())
            },
        );
        pieces
            .into_iter()
            .collect::<Result<String, String>>()
            .map_err(Error::Format)
    }

    /// Generates into `out`, writing only when the content changed (so builds that
    /// depend on the file are not invalidated needlessly).
    pub fn write(&self, spec: impl AsRef<Path>, out: impl AsRef<Path>) -> Result<Generated, Error> {
        let generated = self.generate(spec)?;
        write_if_changed(out.as_ref(), &generated.code)?;
        Ok(generated)
    }

    /// The exact `cargo:rerun-if-changed` lines [`Config::build_script`] prints
    /// for `spec`: the spec, and its typing file. When the typing file is looked
    /// for beside the spec and is not there, the spec's folder is watched
    /// instead, so that a typing file added later is picked up.
    pub fn rerun_if_changed(&self, spec: impl AsRef<Path>) -> Vec<String> {
        let spec = spec.as_ref();
        let mut watched = vec![spec.to_owned()];
        match self.typing_file_for(spec) {
            Some(typing) => watched.push(typing),
            None if matches!(self.typing, TypingChoice::Beside) => {
                if let Some(dir) = spec.parent() {
                    let dir = if dir.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        dir
                    };
                    watched.push(dir.to_owned());
                }
            }
            None => {}
        }
        #[cfg(feature = "openapi")]
        if self.derives() {
            // The typing comes from the documents and the overlay, not a typing file.
            watched.truncate(1);
            watched.extend(self.openapi_inputs(spec));
        }
        watched
            .iter()
            .map(|path| format!("cargo:rerun-if-changed={}", path.display()))
            .collect()
    }

    /// For `build.rs`: generates `spec` into `$OUT_DIR/<file_name>`, prints the
    /// exact `cargo:rerun-if-changed` lines of [`Config::rerun_if_changed`], and
    /// prints warnings as `cargo:warning`.
    pub fn build_script(
        &self,
        spec: impl AsRef<Path>,
        file_name: &str,
    ) -> Result<Generated, Error> {
        let spec = spec.as_ref();
        for line in self.rerun_if_changed(spec) {
            println!("{line}");
        }
        let out_dir = std::env::var_os("OUT_DIR")
            .map(PathBuf::from)
            .ok_or_else(|| Error::Io {
                path: PathBuf::from("$OUT_DIR"),
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "OUT_DIR is not set: call build_script from a build script",
                ),
            })?;
        let generated = self.write(spec, out_dir.join(file_name))?;
        for warning in generated.diagnostics.warnings() {
            for line in warning.to_string().lines() {
                println!("cargo:warning={line}");
            }
        }
        Ok(generated)
    }
}

/// Reads the spec and its typing file into the model, with every problem
/// found. With a typing file, the spec is lowered on a second thread while
/// this one reads the typing file (the longer of the two).
fn model(
    file: &str,
    spec: &str,
    typing: Option<(&str, &str)>,
) -> (Option<model::Api>, Diagnostics) {
    let Some((typing_file, text)) = typing else {
        return lower::run(file, spec);
    };
    let ((mut api, problems), (typing, mut diagnostics)) = parallel::join(
        || lower::run(file, spec),
        || typing::parse(typing_file, text),
    );
    diagnostics.extend(problems);
    if let (Some(api), Some(typing)) = (api.as_mut(), typing.as_ref()) {
        apply_typing(api, typing, &mut diagnostics);
    }
    (api, diagnostics)
}

fn apply_typing(api: &mut model::Api, typing: &typing::Typing, diagnostics: &mut Diagnostics) {
    typing.check_namespace(&api.modules, diagnostics);
    for module in &mut api.modules {
        if let Some(typing) = typing.for_namespace(&module.namespace) {
            typing.apply(module, diagnostics);
        }
    }
}

/// The runtime path generated code uses unless [`Config::runtime_path`] says otherwise.
pub const DEFAULT_RUNTIME: &str = "::clerk_runtime";

/// One-call shortcut: [`Config::new`] then [`Config::generate`].
pub fn generate(spec: impl AsRef<Path>) -> Result<Generated, Error> {
    Config::new().generate(spec)
}

/// Writes `content` to `out` unless it already holds exactly that.
fn write_if_changed(out: &Path, content: &str) -> Result<(), Error> {
    let unchanged = std::fs::read(out).is_ok_and(|old| old == content.as_bytes());
    if !unchanged {
        std::fs::write(out, content).map_err(|source| Error::Io {
            path: out.to_owned(),
            source,
        })?;
    }
    Ok(())
}

fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })
}

fn display(path: &Path) -> String {
    path.display().to_string()
}
