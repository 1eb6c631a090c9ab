//! Generates the Sessions client from `spec/` into `OUT_DIR`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let spec = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/clerk-backend-api-sessions.yaml"
    );
    match clerk_sessions_codegen::Config::new()
        .inherent_client(true)
        .build_script(spec, "clerk_backend_api_sessions.rs")
    {
        Ok(_) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}
