//! Timing the generator: parse + lower + emit + format ([`Config::generate_str`],
//! which touches no file), on the Sessions spec as `clerk-sessions/build.rs` runs it
//! and on the 43 capability files of the corpus.

use std::path::Path;
use std::time::Instant;

use clerk_sessions_codegen::Config;

/// One spec, read into memory so that timing sees no file system.
#[derive(Clone, Debug)]
pub struct Input {
    /// The spec's file name.
    pub file: String,
    /// The spec's text.
    pub text: String,
    /// The typing file's name and text, if any.
    pub typing: Option<(String, String)>,
}

/// What one generation produced.
#[derive(Clone, Copy, Debug)]
pub struct Output {
    /// Operations in the spec.
    pub operations: usize,
    /// Lines of generated Rust.
    pub lines: usize,
}

/// The settings `clerk-sessions/build.rs` uses: the defaults (every capability,
/// Sessions included, is generated the same way, whatever the features).
pub fn sessions_config() -> Config {
    Config::new()
}

/// Every generation `clerk-sessions/build.rs` runs, with its output file name:
/// one, holding the types and the operations. Keep in step with that file.
pub fn build_rs_steps() -> Vec<(Config, &'static str)> {
    vec![(sessions_config(), "clerk_backend_api_sessions.rs")]
}

/// The Sessions spec and its typing file, from `spec/`.
///
/// # Errors
///
/// When either file cannot be read.
pub fn sessions_input() -> std::io::Result<Input> {
    let dir = crate::workspace_root().join("spec");
    let spec = dir.join("clerk-backend-api-sessions.yaml");
    let typing = dir.join("clerk-backend-api-sessions.types.yaml");
    Ok(Input {
        file: name_of(&spec),
        text: std::fs::read_to_string(&spec)?,
        typing: Some((name_of(&typing), std::fs::read_to_string(&typing)?)),
    })
}

/// Every capability file of the corpus (`clerk-sessions-codegen/tests/corpus/*.yaml`,
/// copies of `../shared/specs/clerk/`), in file name order, without typing files.
///
/// # Errors
///
/// When the folder or a file cannot be read.
pub fn corpus_inputs() -> std::io::Result<Vec<Input>> {
    let dir = crate::workspace_root().join("clerk-sessions-codegen/tests/corpus");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.retain(|p| {
        let name = name_of(p);
        name.ends_with(".yaml") && !name.ends_with(".types.yaml")
    });
    paths.sort();
    paths
        .iter()
        .map(|path| {
            Ok(Input {
                file: name_of(path),
                text: std::fs::read_to_string(path)?,
                typing: None,
            })
        })
        .collect()
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Generates `input` once.
///
/// # Errors
///
/// The generator's error, as text.
pub fn generate(config: &Config, input: &Input) -> Result<Output, String> {
    let typing = input
        .typing
        .as_ref()
        .map(|(file, text)| (file.as_str(), text.as_str()));
    let generated = config
        .generate_str(&input.file, &input.text, typing)
        .map_err(|e| format!("{}: {e}", input.file))?;
    Ok(Output {
        operations: generated
            .api
            .modules
            .iter()
            .map(|m| m.operations.len())
            .sum(),
        lines: generated.code.lines().count(),
    })
}

/// Runs `f` `iterations` times and returns each run's wall time in milliseconds.
///
/// # Errors
///
/// The first error `f` returns.
pub fn time_ms<T>(
    iterations: usize,
    mut f: impl FnMut() -> Result<T, String>,
) -> Result<Vec<f64>, String> {
    let mut times = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let start = Instant::now();
        std::hint::black_box(f()?);
        times.push(start.elapsed().as_secs_f64() * 1e3);
    }
    Ok(times)
}
