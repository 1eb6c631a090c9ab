//! A spec whose `baseUri` is plain `http://` to a host that is not a loopback
//! address is an error (the secret key would travel in clear text), unless
//! the caller allows it; loopback hosts are fine either way.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use clerk_sessions_codegen::{Config, Error, Severity};

fn spec(base_uri: &str) -> String {
    format!(
        "naftiko: 1.0.0-alpha2
binds:
- namespace: env
  keys:
    CLERK_SECRET_KEY: CLERK_SECRET_KEY
capability:
  consumes:
  - type: http
    namespace: insecure
    baseUri: {base_uri}
    resources:
    - name: things
      path: /things
      operations:
      - name: ListThings
        method: GET
"
    )
}

fn generate(base_uri: &str, allow: bool) -> Result<clerk_sessions_codegen::Generated, Error> {
    let mut config = Config::new();
    config.no_typing_file().allow_insecure_http(allow);
    config.generate_str("insecure.yaml", &spec(base_uri), None)
}

#[test]
fn plain_http_to_a_remote_host_is_an_error_with_file_and_line() {
    for base in [
        "http://api.example.test/v1",
        "http://10.0.0.8:8080",
        "http://127.evil.test",
    ] {
        let Err(Error::Spec(diagnostics)) = generate(base, false) else {
            panic!("{base}: generated without an error");
        };
        let error = diagnostics.errors().next().expect("one error");
        assert!(error.message.contains("plain http"), "{}", error.message);
        assert_eq!(error.line, 10, "{base}");
        assert!(error.yaml_path.ends_with("baseUri"), "{}", error.yaml_path);
        assert!(
            error
                .help
                .as_deref()
                .unwrap()
                .contains("allow_insecure_http")
        );
    }
}

#[test]
fn allowing_it_turns_the_error_into_a_warning() {
    let generated = generate("http://api.example.test/v1", true).unwrap();
    let warning = generated.diagnostics.iter().next().expect("a warning");
    assert_eq!(warning.severity, Severity::Warning);
    assert!(warning.message.contains("plain http"));
    assert!(generated.code.contains("http://api.example.test/v1"));
}

#[test]
fn loopback_and_https_need_no_permission() {
    for base in [
        "http://localhost:8080/v1",
        "http://LOCALHOST",
        "http://127.0.0.1:3000",
        "http://127.1.2.3",
        "http://[::1]:8080/v1",
        "https://api.example.test/v1",
    ] {
        let generated = generate(base, false).unwrap_or_else(|e| panic!("{base}: {e}"));
        assert!(
            generated.diagnostics.is_empty(),
            "{base}: {}",
            generated.diagnostics
        );
    }
}
