//! Derived typing through to generated code: a 200-or-204 answer is
//! optional, and an octet-stream body takes the raw bytes.

use std::path::Path;

use clerk_sessions_codegen::openapi::{Source, derive};

use crate::common;
use crate::support::{as_json, clerk, derive_file, read};

/// Clerk's 200-or-204 operations (a script over the three documents finds
/// two, both in the Frontend document; the corpus has `DeleteUserPaymentMethod`):
/// the 200's type, or nothing.
#[test]
fn a_clerk_operation_answering_a_body_or_204_is_optional() {
    let spec = common::crate_dir().join("tests/corpus/clerk-frontend-api-payment-methods.yaml");
    let derived = derive_file(&spec, clerk(), None).unwrap();
    assert_eq!(derived.stats.optional_responses, 1);
    let t = as_json(&derived);
    let delete = &t["operations"]["DeleteUserPaymentMethod"];
    assert_eq!(delete["x-response"], "optional");
    let response = delete["response"]["$ref"].as_str().unwrap();
    let name = response.trim_start_matches("#/$defs/").replace('.', "");
    let yaml = derived.to_yaml();
    let code = generate_with(&spec, &yaml);
    assert!(
        code.contains(&format!("request.send_optional::<{name}>().await")),
        "{name}"
    );
}

/// The deriver prefers multipart; an overlay that asks for Clerk's other
/// content type gets a method that takes the raw bytes.
#[test]
fn an_octet_stream_body_takes_the_bytes() {
    let spec = common::crate_dir().join("tests/corpus/clerk-frontend-api-user.yaml");
    let overlay = "\
operations:
  updateProfileImage:
    body:
      content-type: application/octet-stream
      schema: null
";
    let text = read(&spec);
    let source = Source {
        file: "clerk-frontend-api-user.yaml",
        text: &text,
    };
    let overlay = Source {
        file: "overlay.yaml",
        text: overlay,
    };
    let derived = derive(source, clerk(), Some(overlay)).unwrap();
    let code = generate_with(&spec, &derived.to_yaml());
    assert!(code.contains("pub fn update_profile_image<'a>(&'a self, bytes: impl Into<Bytes>)"));
    assert!(code.contains("request.octet_stream_body(self.bytes);"));
}

/// The code generated from `spec` with the typing document `typing`, which
/// gives no diagnostics.
fn generate_with(spec: &Path, typing: &str) -> String {
    let generated = clerk_sessions_codegen::Config::new()
        .generate_str(
            &common::relative(spec),
            &read(spec),
            Some(("derived.types.yaml", typing)),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        generated.diagnostics.is_empty(),
        "{}",
        generated.diagnostics
    );
    generated.code
}
