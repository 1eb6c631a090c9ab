//! `derive-types`, `--openapi` and several specs at once: thin wrappers over
//! the library's OpenAPI derivation. Every spec is processed even when an
//! earlier one fails, and every problem is printed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use clerk_sessions_codegen::openapi::{Derived, Stats};
use clerk_sessions_codegen::{Config, Error};

use crate::cli::{Failure, eprint, print};

/// The options that derive typing from OpenAPI documents.
#[derive(Debug, Args)]
pub(crate) struct OpenApiArgs {
    /// Derive the typing from this OpenAPI document instead of reading a typing
    /// file; give each API's document once (a spec uses its own API's, told by
    /// the file names: `backend-…`, `frontend-…`, `platform-…`).
    #[arg(long = "openapi", value_name = "DOC", conflicts_with_all = ["types", "no_types"])]
    pub(crate) openapi: Vec<PathBuf>,
    /// The overlay merged onto the derived typing (default: `<spec stem>.overlay.yaml`
    /// beside the spec, if present).
    #[arg(long, value_name = "FILE", requires = "openapi")]
    pub(crate) overlay: Option<PathBuf>,
    /// Merge no overlay.
    #[arg(long, conflicts_with = "overlay")]
    pub(crate) no_overlay: bool,
}

/// `derive-types SPEC... --openapi DOC... [--overlay FILE] [-o OUT | --out-dir DIR]`
#[derive(Debug, Args)]
pub(crate) struct DeriveArgs {
    /// The capability files.
    #[arg(value_name = "SPEC", required = true)]
    pub(crate) specs: Vec<PathBuf>,
    /// The OpenAPI documents (each API's once).
    #[arg(long = "openapi", value_name = "DOC", required = true)]
    pub(crate) openapi: Vec<PathBuf>,
    /// The overlay merged onto the derived typing (one SPEC only; default:
    /// `<spec stem>.overlay.yaml` beside each spec, if present).
    #[arg(long, value_name = "FILE")]
    pub(crate) overlay: Option<PathBuf>,
    /// Merge no overlay.
    #[arg(long, conflicts_with = "overlay")]
    pub(crate) no_overlay: bool,
    /// Write here (one SPEC; only if the content changed) instead of stdout.
    #[arg(short, long, value_name = "OUT", conflicts_with = "out_dir")]
    pub(crate) output: Option<PathBuf>,
    /// Write each typing file into DIR as `<spec stem>.types.yaml`.
    #[arg(long, value_name = "DIR")]
    pub(crate) out_dir: Option<PathBuf>,
    /// Print what was derived (operations, typed responses and bodies,
    /// warnings, time) for each spec and in total, on stderr.
    #[arg(long)]
    pub(crate) stats: bool,
}

/// Applies the OpenAPI options to a configuration.
pub(crate) fn configure(config: &mut Config, args: &OpenApiArgs) {
    for doc in &args.openapi {
        config.openapi(doc);
    }
    if let Some(overlay) = &args.overlay {
        config.overlay(overlay);
    }
    if args.no_overlay {
        config.no_overlay();
    }
}

/// Where the output for `spec` goes: `out_dir/<stem><suffix>`, else beside the spec.
fn output_for(spec: &Path, out_dir: Option<&Path>, suffix: &str) -> PathBuf {
    let stem = spec
        .file_stem()
        .map_or("out".into(), |s| s.to_string_lossy());
    let name = format!("{stem}{suffix}");
    match out_dir {
        Some(dir) => dir.join(name),
        None => spec.with_file_name(name),
    }
}

fn usage(message: &str) -> ExitCode {
    eprint(&format!(
        "error: {message}\n\nrun `clerk-sessions-codegen help derive-types` for usage\n"
    ));
    ExitCode::from(2)
}

pub(crate) fn derive_types(args: &DeriveArgs) -> Result<ExitCode, Failure> {
    let several = args.specs.len() > 1;
    if several && args.output.is_some() {
        return Ok(usage(
            "-o takes one SPEC; with several, use --out-dir (or none: beside each spec)",
        ));
    }
    if several && args.overlay.is_some() {
        return Ok(usage(
            "--overlay takes one SPEC; with several, each spec's `<stem>.overlay.yaml` is used",
        ));
    }
    let mut config = Config::new();
    configure(
        &mut config,
        &OpenApiArgs {
            openapi: args.openapi.clone(),
            overlay: args.overlay.clone(),
            no_overlay: args.no_overlay,
        },
    );
    let started = Instant::now();
    let docs = config.openapi_documents()?;
    let read = started.elapsed();
    let results = derive_all(&config, args)?;
    let mut failed = false;
    let mut total = Stats::default();
    let mut rows = Vec::new();
    for (spec, result) in args.specs.iter().zip(results) {
        match result {
            Ok(derived) => {
                report(&derived);
                total.add(&derived.stats);
                rows.push(row(spec, &derived));
            }
            Err(err) => {
                failed = true;
                print_error(&err);
            }
        }
    }
    if args.stats {
        print_stats(&docs.info(), read, &rows, &total, started.elapsed());
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Derives every spec: one to stdout (or -o), several beside their specs or
/// into --out-dir, two at a time.
fn derive_all(config: &Config, args: &DeriveArgs) -> Result<Vec<Result<Derived, Error>>, Failure> {
    let several = args.specs.len() > 1;
    let outputs: Vec<Option<PathBuf>> = args
        .specs
        .iter()
        .map(|spec| match (&args.output, &args.out_dir, several) {
            (Some(out), ..) => Some(out.clone()),
            (None, Some(dir), _) => Some(output_for(spec, Some(dir), ".types.yaml")),
            (None, None, true) => Some(output_for(spec, None, ".types.yaml")),
            (None, None, false) => None,
        })
        .collect();
    match (outputs.as_slice(), args.specs.first()) {
        ([None], Some(spec)) => {
            let derived = config.derive(spec);
            if let Ok(d) = &derived {
                print(&d.to_yaml())?;
            }
            Ok(vec![derived])
        }
        _ => {
            let jobs: Vec<(PathBuf, PathBuf)> = args
                .specs
                .iter()
                .cloned()
                .zip(outputs.into_iter().flatten())
                .collect();
            Ok(config.derive_write_all(&jobs))
        }
    }
}

/// `generate` with several specs (or `--out-dir`): each written beside its
/// spec as `<stem>.rs`, or into the folder.
pub(crate) fn generate_many(
    config: &Config,
    args: &crate::cli::GenerateArgs,
) -> Result<ExitCode, Failure> {
    if args.output.is_some() {
        return Ok(usage(
            "-o takes one SPEC; with several, use --out-dir (or none: beside each spec)",
        ));
    }
    let jobs: Vec<(PathBuf, PathBuf)> = std::iter::once(&args.common.spec)
        .chain(&args.more)
        .map(|spec| {
            (
                spec.clone(),
                output_for(spec, args.out_dir.as_deref(), ".rs"),
            )
        })
        .collect();
    let mut failed = false;
    for result in config.write_all(&jobs) {
        match result {
            Ok(generated) if !generated.diagnostics.is_empty() => {
                eprint(&generated.diagnostics.to_string());
            }
            Ok(_) => {}
            Err(err) => {
                failed = true;
                print_error(&err);
            }
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn report(derived: &Derived) {
    if !derived.diagnostics.is_empty() {
        eprint(&derived.diagnostics.to_string());
    }
}

fn print_error(err: &Error) {
    let text = err.to_string();
    eprint(&text);
    if !text.ends_with('\n') {
        eprint("\n");
    }
}

struct Row {
    spec: String,
    stats: Stats,
    millis: f64,
}

fn row(spec: &Path, derived: &Derived) -> Row {
    Row {
        spec: spec
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
        stats: derived.stats.clone(),
        millis: derived.elapsed.as_secs_f64() * 1e3,
    }
}

fn print_stats(
    docs: &[clerk_sessions_codegen::openapi::DocumentInfo],
    read: std::time::Duration,
    rows: &[Row],
    total: &Stats,
    elapsed: std::time::Duration,
) {
    for doc in docs {
        eprint(&format!(
            "read {:<32} {:>4} operations {:>8.1} ms\n",
            doc.name,
            doc.operations,
            doc.read_time.as_secs_f64() * 1e3
        ));
    }
    eprint(&format!(
        "read all documents (two at a time): {:.1} ms\n",
        read.as_secs_f64() * 1e3
    ));
    eprint(&format!(
        "{:<48} {:>4} {:>6} {:>8} {:>7} {:>9}\n",
        "spec", "ops", "typed", "untyped", "bodies", "ms (/op)"
    ));
    for row in rows {
        let s = &row.stats;
        let per_op = row.millis / s.operations.max(1) as f64;
        eprint(&format!(
            "{:<48} {:>4} {:>6} {:>8} {:>3}/{:<3} {:>5.2} ({:.3})\n",
            row.spec,
            s.operations,
            s.typed_responses + s.empty_responses + s.text_responses + s.redirect_responses,
            s.untyped_responses.len(),
            s.typed_bodies,
            s.bodies,
            row.millis,
            per_op
        ));
    }
    eprint(&format!(
        "total: {} operations, {} untyped responses {:?}, {} of {} bodies typed, untyped bodies {:?}, warnings {:?}; {:.1} ms\n",
        total.operations,
        total.untyped_responses.len(),
        total.untyped_responses,
        total.typed_bodies,
        total.bodies,
        total.untyped_bodies,
        total.warnings,
        elapsed.as_secs_f64() * 1e3
    ));
}
