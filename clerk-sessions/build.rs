//! Generates the Sessions client from `spec/` into `OUT_DIR`: the types, the
//! async operations and (behind the `blocking` feature) their blocking flavour.

use std::process::ExitCode;

fn main() -> ExitCode {
    let spec = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/clerk-backend-api-sessions.yaml"
    );
    let generated = clerk_sessions_codegen::Config::new()
        .inherent_client(true)
        .blocking_client(true)
        .build_script(spec, "clerk_backend_api_sessions.rs");
    match generated {
        Ok(_) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}
