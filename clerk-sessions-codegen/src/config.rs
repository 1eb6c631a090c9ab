//! [`Config`]: the generator's settings, and generation from files or text.
//!
//! [`Config::generate_str`] is pure: it reads no file and writes none.
//! [`Config::generate`] reads the spec and its typing file first, and
//! [`Config::write`] writes the result only when it changed.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostics, Waiver};
use crate::{Error, emit, format, limits, lower, model, names, parallel};

/// Generator settings. Build one, then call [`Config::generate`] or [`Config::build_script`].
#[derive(Clone, Debug)]
pub struct Config {
    runtime: Result<names::RuntimePath, names::PathError>,
    pub(crate) typing: TypingChoice,
    allow_insecure_http: bool,
    #[cfg(feature = "openapi")]
    pub(crate) openapi: crate::openapi::Settings,
}

/// Where the typing file is looked for.
#[derive(Clone, Debug)]
pub(crate) enum TypingChoice {
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

impl Default for Config {
    fn default() -> Self {
        Config::new()
    }
}

impl Config {
    /// Default settings: runtime at `::clerk_runtime`, typing file beside the spec.
    pub fn new() -> Config {
        Config {
            runtime: names::RuntimePath::parse(crate::DEFAULT_RUNTIME),
            typing: TypingChoice::Beside,
            allow_insecure_http: false,
            #[cfg(feature = "openapi")]
            openapi: crate::openapi::Settings::default(),
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

    /// Accept a spec whose `baseUri` is plain `http://` to a host that is not
    /// a loopback address (reported as a warning instead of an error). Off by
    /// default: the secret key would travel in clear text. The generated
    /// client still refuses such a URL at run time unless its builder is told
    /// `allow_insecure_http(true)` as well.
    pub fn allow_insecure_http(&mut self, allow: bool) -> &mut Self {
        self.allow_insecure_http = allow;
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
    ///
    /// A file larger than the documented limit (8 MiB, far above any real
    /// capability or typing file) is refused with a diagnostic before it is
    /// read in full.
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
        let typing_name = typing_path.as_deref().map(display);
        let typing = typing_name.as_deref().zip(typing_text.as_deref());
        let mut generated = self.generate_str(&display(spec), &text, typing)?;
        generated.typing_file = typing_path;
        Ok(generated)
    }

    /// Generates from spec text. `file` names the spec in diagnostics and the
    /// header; `typing` is the typing file's name and text, if any.
    /// Pure: no file system access. On a machine with more than one processor,
    /// independent parts of the work run on a second, scoped thread; the output
    /// is the same either way.
    pub fn generate_str(
        &self,
        file: &str,
        spec: &str,
        typing: Option<(&str, &str)>,
    ) -> Result<Generated, Error> {
        let spec = lower::Source { file, text: spec };
        let typing = typing.map(|(file, text)| lower::Source { file, text });
        let (api, diagnostics) = lower::run(spec, typing);
        self.finish(file, api, diagnostics)
    }

    /// Emits the model, unless lowering found errors.
    pub(crate) fn finish(
        &self,
        file: &str,
        api: Option<model::Api>,
        mut diagnostics: Diagnostics,
    ) -> Result<Generated, Error> {
        if self.allow_insecure_http {
            diagnostics.waive(Waiver::InsecureHttp);
        }
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
    /// a time; tokens cannot cross threads, so each thread makes the runtime
    /// path's tokens for itself.
    fn emit(&self, api: &model::Api) -> Result<String, Error> {
        let runtime = self
            .runtime
            .as_ref()
            .map_err(|e| Error::Config(e.to_string()))?;
        let runtime_name = runtime.to_string();
        let units = emit::units(api);
        let pieces = parallel::map(
            &units,
            || runtime.to_tokens(),
            |path, unit| {
                let opts = emit::Options {
                    runtime: path,
                    runtime_name: &runtime_name,
                };
                format::format(emit::unit(unit, &opts))
            },
        );
        Ok(pieces.concat())
    }

    /// Generates into `out`, writing only when the content changed (so builds that
    /// depend on the file are not invalidated needlessly).
    pub fn write(&self, spec: impl AsRef<Path>, out: impl AsRef<Path>) -> Result<Generated, Error> {
        let generated = self.generate(spec)?;
        write_if_changed(out.as_ref(), &generated.code)?;
        Ok(generated)
    }
}

/// Writes `content` to `out` unless it already holds exactly that.
pub(crate) fn write_if_changed(out: &Path, content: &str) -> Result<(), Error> {
    let unchanged = std::fs::read(out).is_ok_and(|old| old == content.as_bytes());
    if !unchanged {
        std::fs::write(out, content).map_err(|source| Error::Io {
            path: out.to_owned(),
            source,
        })?;
    }
    Ok(())
}

/// Reads a spec or typing file, refusing one above [`limits::MAX_FILE_BYTES`]
/// after reading one byte more than that (never the whole of a huge file).
pub(crate) fn read(path: &Path) -> Result<String, Error> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    let cap = u64::try_from(limits::MAX_FILE_BYTES).unwrap_or(u64::MAX);
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() > limits::MAX_FILE_BYTES {
        return Err(Error::Spec(limits::too_large(&display(path))));
    }
    String::from_utf8(bytes).map_err(|_| {
        io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        ))
    })
}

fn display(path: &Path) -> String {
    path.display().to_string()
}
