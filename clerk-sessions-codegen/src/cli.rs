//! The subcommands: thin wrappers over the library.
//!
//! Output goes through [`print`] and [`eprint`], never `print!`: when the
//! reader of stdout goes away (`generate SPEC | head -1`), the program ends
//! quietly with status 0 instead of panicking, and a closed stderr is ignored.

use std::io::{ErrorKind, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use clerk_sessions_codegen::Error;

/// Why a subcommand stopped early.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Generation failed: the error (diagnostics) goes to stderr.
    Generate(Error),
    /// Stdout's reader has gone away: nothing more to do.
    Closed,
    /// Stdout cannot be written.
    Write(std::io::Error),
}

impl From<Error> for Failure {
    fn from(err: Error) -> Failure {
        Failure::Generate(err)
    }
}

impl Failure {
    /// Reports the failure on stderr and gives the exit status.
    pub(crate) fn report(self) -> ExitCode {
        match self {
            Failure::Closed => ExitCode::SUCCESS,
            Failure::Write(err) => {
                eprint(&format!("error: cannot write to stdout: {err}\n"));
                ExitCode::FAILURE
            }
            Failure::Generate(err) => {
                let text = err.to_string();
                eprint(&text);
                if !text.ends_with('\n') {
                    eprint("\n");
                }
                ExitCode::FAILURE
            }
        }
    }
}

/// Writes `text` to stdout.
pub(crate) fn print(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == ErrorKind::BrokenPipe => Err(Failure::Closed),
        Err(err) => Err(Failure::Write(err)),
    }
}

/// Writes `text` to stderr; there is nowhere to report a failure to.
pub(crate) fn eprint(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Arguments every subcommand takes.
#[derive(Debug, Args)]
pub(crate) struct Common {
    /// The capability YAML.
    pub(crate) spec: PathBuf,
    /// Typing file (JSON Schema in YAML); default: `<spec stem>.types.yaml` beside the spec, if present.
    #[arg(long = "types", value_name = "FILE")]
    pub(crate) types: Option<PathBuf>,
    /// Ignore any typing file (bodies and outputs become `serde_json::Value`).
    #[arg(long, conflicts_with = "types")]
    pub(crate) no_types: bool,
    /// Path by which generated code names the runtime crate.
    #[arg(long, value_name = "PATH", default_value = clerk_sessions_codegen::DEFAULT_RUNTIME)]
    pub(crate) runtime: String,
    /// Accept a plain-`http` `baseUri` to a host that is not a loopback
    /// address (a warning instead of an error).
    #[arg(long)]
    pub(crate) allow_insecure_http: bool,
    #[command(flatten)]
    pub(crate) openapi: crate::derive_cli::OpenApiArgs,
}

/// `generate SPEC... [--types FILE | --openapi DOC...] [-o OUT | --out-dir DIR]`
#[derive(Debug, Args)]
pub(crate) struct GenerateArgs {
    #[command(flatten)]
    pub(crate) common: Common,
    /// More capability files: each client is written beside its spec as
    /// `<stem>.rs`, or into --out-dir (the OpenAPI documents are read once for all).
    #[arg(value_name = "SPEC")]
    pub(crate) more: Vec<PathBuf>,
    /// Write here (only if the content changed) instead of printing to stdout.
    #[arg(short, long, value_name = "OUT", conflicts_with = "out_dir")]
    pub(crate) output: Option<PathBuf>,
    /// Write each client into DIR as `<spec stem>.rs`.
    #[arg(long, value_name = "DIR")]
    pub(crate) out_dir: Option<PathBuf>,
}

/// `check SPEC --against FILE`
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub(crate) common: Common,
    /// The committed generated file to compare with.
    #[arg(long, value_name = "FILE")]
    pub(crate) against: PathBuf,
}

/// `inspect SPEC`
#[derive(Debug, Args)]
pub(crate) struct InspectArgs {
    #[command(flatten)]
    pub(crate) common: Common,
}

pub(crate) fn generate(args: &GenerateArgs) -> Result<ExitCode, Failure> {
    let config = crate::config(&args.common);
    if !args.more.is_empty() || args.out_dir.is_some() {
        return crate::derive_cli::generate_many(&config, args);
    }
    let generated = match &args.output {
        Some(out) => config.write(&args.common.spec, out)?,
        None => config.generate(&args.common.spec)?,
    };
    if !generated.diagnostics.is_empty() {
        eprint(&generated.diagnostics.to_string());
    }
    if args.output.is_none() {
        print(&generated.code)?;
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn check(args: &CheckArgs) -> Result<ExitCode, Failure> {
    let generated = crate::config(&args.common).generate(&args.common.spec)?;
    let committed = std::fs::read_to_string(&args.against).map_err(|source| Error::Io {
        path: args.against.clone(),
        source,
    })?;
    // A checkout with CRLF line endings (git's autocrlf) is not drift.
    if committed.replace("\r\n", "\n") == generated.code {
        eprint(&format!(
            "{} is up to date with {}\n",
            args.against.display(),
            args.common.spec.display()
        ));
        return Ok(ExitCode::SUCCESS);
    }
    eprint(&format!(
        "error: {} has drifted from {}; regenerate it with `clerk-sessions-codegen generate {} -o {}`\n",
        args.against.display(),
        args.common.spec.display(),
        args.common.spec.display(),
        args.against.display()
    ));
    eprint(&short_diff(&committed, &generated.code, 20));
    Ok(ExitCode::FAILURE)
}

/// The first `limit` differing lines, `-` committed and `+` generated, with line numbers.
fn short_diff(old: &str, new: &str, limit: usize) -> String {
    let old: Vec<&str> = old.lines().collect();
    let new: Vec<&str> = new.lines().collect();
    let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let removed = &old[prefix..old.len() - suffix];
    let added = &new[prefix..new.len() - suffix];
    if removed.is_empty() && added.is_empty() {
        return "the files differ only in line endings or in the final newline\n".to_owned();
    }
    let mut out = format!("@@ line {} @@\n", prefix + 1);
    let lines = removed
        .iter()
        .map(|l| format!("-{l}"))
        .chain(added.iter().map(|l| format!("+{l}")));
    for (shown, line) in lines.enumerate() {
        if shown == limit {
            out.push_str(&format!(
                "... ({} more changed lines)\n",
                removed.len() + added.len() - limit
            ));
            break;
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

pub(crate) fn inspect(args: &InspectArgs) -> Result<ExitCode, Failure> {
    let generated = crate::config(&args.common).generate(&args.common.spec)?;
    if !generated.diagnostics.is_empty() {
        eprint(&generated.diagnostics.to_string());
    }
    let rows = inspect_rows(&generated.api);
    let widths: Vec<usize> = (0..5)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    for row in &rows {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell:<w$}"))
            .collect();
        print(&format!("{}\n", line.join("  ").trim_end()))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The table `inspect` prints: a header, then one row per operation.
fn inspect_rows(api: &clerk_sessions_codegen::model::Api) -> Vec<[String; 5]> {
    let mut rows = vec![[
        "module".to_owned(),
        "operation".to_owned(),
        "method".to_owned(),
        "path".to_owned(),
        "parameters".to_owned(),
    ]];
    for module in &api.modules {
        for op in &module.operations {
            let members = op.one_of.iter().flat_map(|o| &o.members);
            let params: Vec<String> = op
                .path_params
                .iter()
                .chain(members)
                .chain(&op.query)
                .chain(&op.headers)
                .map(|p| {
                    let loc = format!("{:?}", p.location).to_lowercase();
                    let need = if p.required { "" } else { "?" };
                    let rust = if p.ident.as_str() == p.wire {
                        String::new()
                    } else {
                        format!(" as {}", p.ident)
                    };
                    format!("{}{need}:{loc}{rust}", p.wire.escape_debug())
                })
                .chain(op.body.iter().map(|_| "body".to_owned()))
                .collect();
            rows.push([
                module.ident.to_string(),
                format!("{} ({})", op.fn_ident, op.name),
                op.method.as_str().to_owned(),
                op.path.raw.escape_debug().to_string(),
                params.join(", "),
            ]);
        }
    }
    rows
}
