//! Generates the Sessions client from `spec/` into `OUT_DIR`.

use std::path::Path;
use std::process::ExitCode;

/// The spec, relative to a folder that holds `spec/`.
const SPEC: &str = "spec/clerk-backend-api-sessions.yaml";

fn main() -> ExitCode {
    // `clerk-sessions/spec` links to the workspace's `spec/`, so the published package
    // carries the spec and its typing file; where a checkout has no links (Git on
    // Windows without them), the workspace's own folder is read.
    let package = Path::new(env!("CARGO_MANIFEST_DIR"));
    let local = package.join(SPEC);
    let spec = if local.is_file() {
        local
    } else {
        package.join("..").join(SPEC)
    };
    match clerk_sessions_codegen::Config::new().build_script(&spec, "clerk_backend_api_sessions.rs")
    {
        Ok(_) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}
