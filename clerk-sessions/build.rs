//! Generates the Sessions client from `spec/` into `OUT_DIR`: the async
//! operations and types, and the blocking flavour of the operations.

use std::process::ExitCode;

fn main() -> ExitCode {
    let spec = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/clerk-backend-api-sessions.yaml"
    );
    let mut config = clerk_sessions_codegen::Config::new();
    config.inherent_client(true);
    let generated = config
        .build_script(spec, "clerk_backend_api_sessions.rs")
        .and_then(|_| {
            config
                .blocking_client(true)
                .build_script(spec, "clerk_backend_api_sessions_blocking.rs")
        });
    match generated {
        Ok(_) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}
