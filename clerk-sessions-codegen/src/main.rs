//! `clerk-sessions-codegen`: generate, check and inspect Clerk capability clients.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use clerk_sessions_codegen::Config;

mod cli;
mod derive_cli;

/// Generate a typed Rust client from a naftiko capability file (Clerk's API specs).
///
/// `clerk-sessions-codegen SPEC [-o OUT]` is short for `clerk-sessions-codegen generate SPEC [-o OUT]`.
#[derive(Debug, Parser)]
#[command(
    name = "clerk-sessions-codegen",
    version,
    args_conflicts_with_subcommands = true,
    after_long_help = AFTER_HELP
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The capability YAML to generate from (same as `generate SPEC`).
    spec: Option<PathBuf>,
    /// Typing file (JSON Schema in YAML); default: `<spec stem>.types.yaml` beside the spec, if present.
    #[arg(long = "types", value_name = "FILE")]
    types: Option<PathBuf>,
    /// Ignore any typing file (bodies and outputs become `serde_json::Value`).
    #[arg(long, conflicts_with = "types")]
    no_types: bool,
    /// Accept a plain-`http` `baseUri` to a host that is not a loopback address.
    #[arg(long)]
    allow_insecure_http: bool,
    /// Path by which generated code names the runtime crate.
    #[arg(long, value_name = "PATH", default_value = clerk_sessions_codegen::DEFAULT_RUNTIME)]
    runtime: String,
    /// Write here (only if the content changed) instead of printing to stdout.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    #[command(flatten)]
    openapi: derive_cli::OpenApiArgs,
}

const AFTER_HELP: &str = "\
Examples:
  clerk-sessions-codegen generate spec/clerk-backend-api-users.yaml -o src/users.rs
  clerk-sessions-codegen check spec/clerk-backend-api-users.yaml --against src/users.rs
  clerk-sessions-codegen inspect spec/clerk-backend-api-users.yaml
  clerk-sessions-codegen derive-types spec/clerk-backend-api-users.yaml --openapi backend-api-2026-05-12.yml -o users.types.yaml
  clerk-sessions-codegen generate specs/*.yaml --openapi backend-api-2026-05-12.yml \\
      --openapi frontend-api-2026-05-12.yml --openapi platform-api-beta.yml --out-dir src/clerk

The generated module names the runtime by an absolute path (`::clerk_runtime` by
default, see --runtime), so it compiles in any crate that depends on
`clerk-runtime`, `serde` and `serde_json`: `mod users { include!(\"users.rs\"); }`.

Problems in a spec are printed to stderr, all at once, each with file, line,
column, YAML path and a hint. Warnings do not stop generation.

Exit status: 0 on success; 1 when the spec has errors, a file cannot be read or
written, or `check` finds drift; 2 on a usage error.";

#[derive(Debug, Subcommand)]
enum Command {
    /// Print (or write) the generated Rust module for SPEC.
    ///
    /// The code goes to stdout, or to OUT with -o (written only when its content
    /// changed); diagnostics go to stderr.
    Generate(cli::GenerateArgs),
    /// Exit non-zero, with a short diff, when FILE is not what SPEC generates now.
    ///
    /// Use it in CI to catch a committed client that was not regenerated after
    /// the spec (or the generator) changed. Exits 0 when FILE is up to date, and
    /// 1 with the first changed lines (`-` committed, `+` generated) when not.
    Check(cli::CheckArgs),
    /// Print a table of SPEC's operations: name, method, path, parameters.
    ///
    /// One row per operation: the module, the Rust method with the spec's
    /// operation name, the HTTP method, the path, and the parameters as
    /// `wire:location`, `?` marking optional ones and `as name` giving the Rust
    /// name where it differs from the wire name.
    Inspect(cli::InspectArgs),
    /// Write the typing file of SPEC, derived from Clerk's OpenAPI document.
    ///
    /// Each capability operation is matched to the operation of its API's
    /// document (same method and path); the typing of its parameters, body
    /// and response comes from there, and the overlay (by default
    /// `<stem>.overlay.yaml` beside the spec) is merged on top. With one SPEC
    /// the typing file goes to stdout or -o; with several, beside each spec as
    /// `<stem>.types.yaml` or into --out-dir. Each document is read once.
    DeriveTypes(derive_cli::DeriveArgs),
}

fn main() -> ExitCode {
    // A bug is reported in one line, never with a backtrace (whatever
    // `RUST_BACKTRACE` says): a spec cannot make the generator panic, and a
    // user who meets a panic needs the message, not the stack.
    std::panic::set_hook(Box::new(|info| {
        let _ = writeln!(
            std::io::stderr(),
            "error: internal error in clerk-sessions-codegen ({info}); please report this with the spec"
        );
    }));
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Generate(args)) => cli::generate(&args),
        Some(Command::Check(args)) => cli::check(&args),
        Some(Command::Inspect(args)) => cli::inspect(&args),
        Some(Command::DeriveTypes(args)) => derive_cli::derive_types(&args),
        None => match cli.spec {
            Some(spec) => cli::generate(&cli::GenerateArgs {
                common: cli::Common {
                    spec,
                    types: cli.types,
                    no_types: cli.no_types,
                    runtime: cli.runtime,
                    allow_insecure_http: cli.allow_insecure_http,
                    openapi: cli.openapi,
                },
                more: Vec::new(),
                output: cli.output,
                out_dir: None,
            }),
            None => {
                cli::eprint(
                    "error: no SPEC given\n\nrun `clerk-sessions-codegen --help` for usage\n",
                );
                return ExitCode::from(2);
            }
        },
    };
    match result {
        Ok(code) => code,
        Err(failure) => failure.report(),
    }
}

/// Settings shared by the subcommands, applied to a [`Config`].
fn config(common: &cli::Common) -> Config {
    let mut config = Config::new();
    config.runtime_path(&common.runtime);
    if let Some(types) = &common.types {
        config.typing_file(types);
    }
    if common.no_types {
        config.no_typing_file();
    }
    config.allow_insecure_http(common.allow_insecure_http);
    derive_cli::configure(&mut config, &common.openapi);
    config
}
