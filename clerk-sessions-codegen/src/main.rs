//! `clerk-sessions-codegen`: generate, check and inspect Clerk capability clients.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use clerk_sessions_codegen::Config;

mod cli;

/// Generate a typed Rust client from a naftiko capability file (Clerk's API specs).
///
/// `clerk-sessions-codegen SPEC` is short for `clerk-sessions-codegen generate SPEC`.
#[derive(Debug, Parser)]
#[command(
    name = "clerk-sessions-codegen",
    version,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The capability YAML to generate from (same as `generate SPEC`).
    spec: Option<PathBuf>,
    /// Typing file (JSON Schema in YAML); default: `<spec stem>.types.yaml` beside the spec, if present.
    #[arg(long = "types", value_name = "FILE")]
    types: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print (or write) the generated Rust module for SPEC.
    Generate(cli::GenerateArgs),
    /// Exit non-zero, with a short diff, when FILE is not what SPEC generates now.
    Check(cli::CheckArgs),
    /// Print a table of SPEC's operations: name, method, path, parameters.
    Inspect(cli::InspectArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Generate(args)) => cli::generate(&args),
        Some(Command::Check(args)) => cli::check(&args),
        Some(Command::Inspect(args)) => cli::inspect(&args),
        None => match cli.spec {
            Some(spec) => cli::generate(&cli::GenerateArgs {
                common: cli::Common {
                    spec,
                    types: cli.types,
                    no_types: false,
                    runtime: "::clerk_sessions".to_owned(),
                },
                output: None,
            }),
            None => {
                eprintln!("error: no SPEC given\n\nrun `clerk-sessions-codegen --help` for usage");
                return ExitCode::from(2);
            }
        },
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprint!("{err}");
            if !err.to_string().ends_with('\n') {
                eprintln!();
            }
            ExitCode::FAILURE
        }
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
    config
}
