//! [`Config`] with OpenAPI documents: the typing of a spec derived in memory
//! (its overlay merged on top) instead of read from a typing file.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use super::{Derived, Documents, Source, derive};
use crate::config::{read, write_if_changed};
use crate::{Config, Error, Generated, lower};

/// What a [`Config`] knows about OpenAPI.
#[derive(Clone, Debug, Default)]
pub(crate) struct Settings {
    documents: Vec<PathBuf>,
    overlay: OverlayChoice,
    /// The documents, read once and shared by the clones of the config.
    read: Arc<OnceLock<Arc<Documents>>>,
}

#[derive(Clone, Debug, Default)]
enum OverlayChoice {
    #[default]
    Beside,
    File(PathBuf),
    Off,
}

impl Config {
    /// Derives the typing of every spec from this OpenAPI document (give each
    /// API's document once: `backend-…`, `frontend-…`, `platform-…`; a spec
    /// uses its own API's) instead of reading a typing file. The documents
    /// are read once, the first time they are needed, and shared by every
    /// spec this configuration (or a clone of it) generates.
    pub fn openapi(&mut self, document: impl Into<PathBuf>) -> &mut Self {
        self.openapi.documents.push(document.into());
        self.openapi.read = Arc::default();
        self
    }

    /// The overlay merged onto derived typing. By default
    /// `<spec stem>.overlay.yaml` beside the spec is merged when it exists.
    pub fn overlay(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.openapi.overlay = OverlayChoice::File(path.into());
        self
    }

    /// Merges no overlay onto derived typing.
    pub fn no_overlay(&mut self) -> &mut Self {
        self.openapi.overlay = OverlayChoice::Off;
        self
    }

    /// The overlay this configuration merges for `spec`, if any.
    pub fn overlay_for(&self, spec: &Path) -> Option<PathBuf> {
        match &self.openapi.overlay {
            OverlayChoice::Off => None,
            OverlayChoice::File(path) => Some(path.clone()),
            OverlayChoice::Beside => {
                let stem = spec.file_stem()?.to_str()?;
                let candidate = spec.with_file_name(format!("{stem}.overlay.yaml"));
                candidate.is_file().then_some(candidate)
            }
        }
    }

    /// The OpenAPI documents given with [`Config::openapi`], read (once).
    pub fn openapi_documents(&self) -> Result<Arc<Documents>, Error> {
        if let Some(docs) = self.openapi.read.get() {
            return Ok(Arc::clone(docs));
        }
        let docs = Arc::new(Documents::read(&self.openapi.documents)?);
        Ok(Arc::clone(self.openapi.read.get_or_init(|| docs)))
    }
}

/// The same error again, for every job of a batch whose documents failed.
fn clone_error(err: &Error) -> Error {
    match err {
        Error::Spec(diagnostics) => Error::Spec(diagnostics.clone()),
        Error::Io { path, source } => Error::Io {
            path: path.clone(),
            source: std::io::Error::new(source.kind(), source.to_string()),
        },
        Error::Config(message) => Error::Config(message.clone()),
    }
}

impl Config {
    /// Derives the typing document of `spec` from the documents (and its overlay).
    pub fn derive(&self, spec: impl AsRef<Path>) -> Result<Derived, Error> {
        let spec = spec.as_ref();
        let docs = self.openapi_documents()?;
        let text = read(spec)?;
        let overlay_path = self.overlay_for(spec);
        let overlay = match &overlay_path {
            Some(path) => Some((path.display().to_string(), read(path)?)),
            None => None,
        };
        let file = spec.display().to_string();
        derive(
            Source {
                file: &file,
                text: &text,
            },
            &docs,
            overlay.as_ref().map(|(file, text)| Source { file, text }),
        )
    }

    /// Derives the typing document of `spec` into `out` (YAML), writing only
    /// when the content changed.
    pub fn derive_write(
        &self,
        spec: impl AsRef<Path>,
        out: impl AsRef<Path>,
    ) -> Result<Derived, Error> {
        let derived = self.derive(spec)?;
        write_if_changed(out.as_ref(), &derived.to_yaml())?;
        Ok(derived)
    }

    /// [`Config::write`] for each `(spec, out)`, two at a time on a machine
    /// with more than one processor; the results in the same order. The
    /// OpenAPI documents (if any) are read once, first.
    pub fn write_all(&self, jobs: &[(PathBuf, PathBuf)]) -> Vec<Result<Generated, Error>> {
        if self.derives()
            && let Err(err) = self.openapi_documents()
        {
            return jobs.iter().map(|_| Err(clone_error(&err))).collect();
        }
        crate::parallel::map(jobs, || (), |(), (spec, out)| self.write(spec, out))
    }

    /// [`Config::derive_write`] for each `(spec, out)`, two at a time; the
    /// results in the same order. The documents are read once, first.
    pub fn derive_write_all(&self, jobs: &[(PathBuf, PathBuf)]) -> Vec<Result<Derived, Error>> {
        if let Err(err) = self.openapi_documents() {
            return jobs.iter().map(|_| Err(clone_error(&err))).collect();
        }
        crate::parallel::map(jobs, || (), |(), (spec, out)| self.derive_write(spec, out))
    }

    /// Whether typing is derived (documents were given).
    pub(crate) fn derives(&self) -> bool {
        !self.openapi.documents.is_empty()
    }

    /// The files derived typing depends on: the documents, and the overlay
    /// (or the spec's folder, where an overlay added later would be).
    pub(crate) fn openapi_inputs(&self, spec: &Path) -> Vec<PathBuf> {
        let mut inputs = self.openapi.documents.clone();
        match (self.overlay_for(spec), &self.openapi.overlay) {
            (Some(overlay), _) => inputs.push(overlay),
            (None, OverlayChoice::Beside) => {
                let dir = spec.parent().filter(|d| !d.as_os_str().is_empty());
                inputs.push(dir.unwrap_or(Path::new(".")).to_owned());
            }
            (None, _) => {}
        }
        inputs
    }

    /// [`Config::generate`] with derived typing.
    pub(crate) fn generate_openapi(&self, spec: &Path) -> Result<Generated, Error> {
        let derived = self.derive(spec)?;
        self.generate_derived(spec, derived)
    }

    /// Generates `spec`'s client with typing [`Config::derive`]d before (the
    /// spec is not read again). Writes nothing.
    pub fn generate_derived(
        &self,
        spec: impl AsRef<Path>,
        derived: Derived,
    ) -> Result<Generated, Error> {
        let file = spec.as_ref().display().to_string();
        let typing_name = format!("{file} (typing derived from {})", derived.document);
        // The derivation's diagnostics hold the spec's own warnings already.
        let (spec_api, _) = derived.lowered;
        let mut diagnostics = derived.diagnostics;
        let doc = match super::typing_doc(derived.doc, &typing_name) {
            Ok(doc) => doc,
            Err(problem) => {
                diagnostics.extend(problem);
                return Err(Error::Spec(diagnostics));
            }
        };
        let (api, mut problems) = lower::finish_with(spec_api, &typing_name, &doc);
        if !problems.is_empty()
            && let Ok(docs) = self.openapi_documents()
        {
            docs.trace(&mut problems, &derived.document, &derived.sources);
        }
        diagnostics.extend(problems);
        self.finish(&file, Some(api), diagnostics)
    }
}
