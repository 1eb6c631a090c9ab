//! What a build script needs: [`Config::build_script`] and the exact
//! `cargo:rerun-if-changed` lines it prints.

use std::path::{Path, PathBuf};

use crate::config::TypingChoice;
use crate::limits::MAX_PRINTED_DIAGNOSTICS;
use crate::{Config, Error, Generated};

impl Config {
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
    /// prints warnings as `cargo:warning` (at most 50 of them, then how many
    /// more there are).
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
        let warnings = generated.diagnostics.warnings().count();
        for warning in generated
            .diagnostics
            .warnings()
            .take(MAX_PRINTED_DIAGNOSTICS)
        {
            for line in warning.to_string().lines() {
                println!("cargo:warning={line}");
            }
        }
        if let Some(more) = warnings
            .checked_sub(MAX_PRINTED_DIAGNOSTICS)
            .filter(|n| *n > 0)
        {
            println!("cargo:warning=... and {more} more warnings (not shown)");
        }
        Ok(generated)
    }
}
