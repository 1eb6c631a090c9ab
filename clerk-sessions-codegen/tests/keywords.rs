//! The keywords of typing derived from OpenAPI, each checked on the code
//! generated from `tests/valid/edge-wire.yaml` (whose golden file shows the
//! whole output; `corpus/tests/wire.rs` sends its requests over loopback).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use clerk_sessions_codegen::Config;

fn generated() -> String {
    let spec = common::crate_dir().join("tests/valid/edge-wire.yaml");
    let generated = Config::new().generate(&spec).unwrap();
    assert!(
        generated.diagnostics.is_empty(),
        "{}",
        generated.diagnostics
    );
    generated.code
}

/// The text of the item that starts with `head`, up to the next blank-free
/// top-level item (enough to look inside one function or struct).
fn item<'c>(code: &'c str, head: &str) -> &'c str {
    let start = code.find(head).unwrap_or_else(|| panic!("no `{head}`"));
    let rest = &code[start..];
    let end = rest.find("\n}\n").map_or(rest.len(), |e| e + 3);
    &rest[..end]
}

#[test]
fn secrets_are_runtime_secrets_taken_as_text_and_sent_exposed() {
    let code = generated();
    let client = item(&code, "pub struct ClientType");
    assert!(client.contains("pub token: Secret<String>"), "{client}");
    assert!(client.contains("pub cookies: Option<Secret<Vec<String>>>"));
    assert!(code.contains("password: Secret::new(password.into())"));
    assert!(code.contains("request.header(\"X-Token\", Secret::expose(value).as_str());"));
}

#[test]
fn responses_without_json_have_their_own_outputs() {
    let code = generated();
    for (kind, call) in [
        ("()", "send_empty"),
        ("String", "send_text"),
        ("Redirect", "send_redirect"),
    ] {
        assert!(code.contains(&format!("M::Output<{kind}, ")), "{kind}");
        assert!(code.contains(&format!("request.{call}().await")), "{call}");
    }
}

#[test]
fn form_and_multipart_bodies_use_their_encodings() {
    let code = generated();
    assert!(code.contains("request.form_body(&self.body);"));
    let multipart = item(&code, "pub struct UploadLogoBody");
    assert!(multipart.contains("pub file: File,"), "{multipart}");
    assert!(
        !multipart.contains("serde"),
        "a multipart body is never serialised whole"
    );
    assert!(code.contains("parts.file(\"file\", &self.body.file);"));
    assert!(code.contains("parts.text(\"alt\", value);"));
    // An array field: the runtime sends one text part per item.
    assert!(code.contains("parts.text(\"tags\", value);"));
    assert!(code.contains("request.multipart_body(&parts);"));
}

#[test]
fn an_octet_stream_body_is_one_argument_of_bytes_sent_as_they_are() {
    let code = generated();
    assert!(code.contains("pub fn upload_avatar<'a>(&'a self, bytes: impl Into<Bytes>)"));
    let builder = item(&code, "pub struct UploadAvatar<");
    // Held so that the builder's `Debug` shows their length, not them.
    assert!(
        builder.contains("bytes: __private::OctetStream,"),
        "{builder}"
    );
    assert!(code.contains("request.octet_stream_body(self.bytes);"));
    assert!(!code.contains("pub struct UploadAvatarBody"));
}

#[test]
fn a_schema_beside_an_octet_stream_body_is_ignored_with_a_warning() {
    let dir = common::crate_dir().join("tests/valid");
    let spec = std::fs::read_to_string(dir.join("edge-wire.yaml")).unwrap();
    let typing = std::fs::read_to_string(dir.join("edge-wire.types.yaml")).unwrap();
    let raw = "      content-type: application/octet-stream\n";
    assert!(typing.contains(raw));
    let with_schema = typing.replacen(raw, &format!("{raw}      schema: {{type: object}}\n"), 1);
    let generate = |typing: &str| {
        Config::new()
            .generate_str(
                "edge-wire.yaml",
                &spec,
                Some(("edge-wire.types.yaml", typing)),
            )
            .unwrap()
    };
    let generated = generate(&with_schema);
    let warning = generated.diagnostics.warnings().next().unwrap();
    assert!(
        warning.message.contains("its schema is ignored"),
        "{warning}"
    );
    assert_eq!(warning.yaml_path, "operations.UploadAvatar.body.schema");
    assert_eq!(generated.code, generate(&typing).code);
}

#[test]
fn a_response_that_may_be_empty_is_an_option() {
    let code = generated();
    let send = item(
        &code,
        "impl<'a, M: ::clerk_runtime::Mode> DeleteCard<'a, M>",
    );
    assert!(send.contains("M::Output<Option<ClientType>, "), "{send}");
    assert!(send.contains("request.send_optional::<ClientType>().await"));
    assert!(send.contains("`None` when the answer has no content"));
}

#[test]
fn a_body_property_with_one_allowed_value_is_sent_not_asked() {
    let code = generated();
    // `grant` (required) and `remember` (optional) are `const`: neither is an
    // argument nor a setter; the body starts with their values.
    let method = item(&code, "    pub fn sign_in");
    assert!(
        method.contains("(&'a self, identifier: impl Into<String>, password: impl Into<String>)"),
        "{method}"
    );
    assert!(method.contains("grant: ::std::string::String::from(\"password\"),"));
    assert!(method.contains("remember: Some(true),"));
    assert!(!code.contains("pub fn grant(") && !code.contains("pub fn remember("));
}

#[test]
fn query_arrays_are_joined_as_their_style_says() {
    let code = generated();
    assert!(code.contains("request.query_joined(\"scope\", &self.scope, \" \");"));
    assert!(code.contains("request.query_joined(\"ids\", &value.iter().map(ToString::to_string).collect::<Vec<_>>(), \",\");"));
}

#[test]
fn docs_carry_full_descriptions_and_deprecation() {
    let code = generated();
    assert!(code.contains("/// Signs in, with a description cut short by the capability file; this is the full text.\n"));
    assert!(
        !code.contains("cut short..."),
        "the spec's cut text is replaced"
    );
    let upload = item(&code, "/// Uploads a logo.");
    assert!(upload.contains("/// Deprecated."), "{upload}");
    let client = item(&code, "pub struct ClientType");
    assert!(
        client.contains("/// The old field.\n    ///\n    /// Deprecated."),
        "{client}"
    );
}

#[test]
fn awkward_names_get_names() {
    let code = generated();
    assert!(
        code.contains("pub struct ClientType"),
        "`Client` is the generated client's"
    );
    let plan = item(&code, "pub enum Plan");
    for variant in ["Empty,", "PayerCredits,", "UserOrgRead,"] {
        assert!(plan.contains(variant), "{variant}: {plan}");
    }
    assert!(code.contains("\"\" => Some(Plan::Empty)"));
}

#[test]
fn an_array_body_is_one_argument_sent_as_it_is() {
    let code = generated();
    assert!(code.contains("pub fn invite_many<'a>(&'a self, items: Vec<Plan>)"));
    assert!(code.contains("request.json_body(&self.items);"));
    assert!(code.contains("/// - `items` (body, required): The invitations."));
}

#[test]
fn the_typing_files_auth_decides_the_credential() {
    let dir = common::crate_dir().join("tests/valid");
    let spec = std::fs::read_to_string(dir.join("edge-wire.yaml")).unwrap();
    let typing = std::fs::read_to_string(dir.join("edge-wire.types.yaml")).unwrap();
    let with = |auth: &str| {
        let typing = typing.replacen("typing: 1\n", &format!("typing: 1\nauth: {auth}\n"), 1);
        Config::new()
            .generate_str(
                "edge-wire.yaml",
                &spec,
                Some(("edge-wire.types.yaml", &typing)),
            )
            .unwrap()
            .code
    };
    // The credential's text, white space made single spaces.
    let credential = |code: &str| {
        let at = code.find("credential: ").unwrap();
        let end = at + code[at..].find('}').unwrap() + 1;
        code[at..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let frontend = credential(&with("{scheme: frontend, env: CLERK_PUBLISHABLE_KEY}"));
    assert!(
        frontend
            .ends_with("Credential::Frontend { publishable_key_env: \"CLERK_PUBLISHABLE_KEY\", }")
            || frontend.ends_with(
                "Credential::Frontend { publishable_key_env: \"CLERK_PUBLISHABLE_KEY\" }"
            ),
        "{frontend}"
    );
    let platform = credential(&with("{scheme: secret-key, env: CLERK_PLATFORM_KEY}"));
    assert!(
        platform.contains("Credential::SecretKey { env: \"CLERK_PLATFORM_KEY\""),
        "{platform}"
    );
    let binds = credential(&generated());
    assert!(
        binds.contains("env: \"CLERK_SECRET_KEY\""),
        "the binds' key without `auth`: {binds}"
    );
    assert!(with("{scheme: none}").contains("credential: ::clerk_runtime::Credential::None"));
}
