//! Generated wrapper clients at work: construction with and without a base
//! URL, and what they put on the wire, checked against a one-shot HTTP server
//! on loopback (no other host is ever contacted).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::net::TcpListener;

use clerk_corpus::{clerk_frontend_api_health as health, edge_params as params};
use clerk_runtime::{Api, Client as Runtime, Credential, Error, RetryPolicy};
use support::{runtime, serve_once};

#[tokio::test]
async fn an_api_without_a_fixed_host_needs_a_base_url() {
    let err = health::Client::new(runtime(None)).unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    assert!(health::BASE_URL.is_empty());
    assert_eq!(health::Client::spec().credential, Credential::None);

    // A closed loopback port: the call is made, and fails in transport.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = health::Client::new(runtime(Some(&format!("http://127.0.0.1:{port}")))).unwrap();
    let err = client.get_health().send().await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
}

#[tokio::test]
async fn placeholders_inside_a_segment_are_encoded_and_xml_comes_back_as_text() {
    let (base, request) = serve_once(
        "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: 4\r\nConnection: close\r\n\r\n<a/>",
    );
    let client = params::Client::new(runtime(Some(&base))).unwrap();
    let value = client.get_metadata("a b/c").send().await.unwrap();
    assert_eq!(value, serde_json::Value::String("<a/>".into()));
    let request = request.recv().unwrap();
    assert!(
        request.starts_with("GET /metadata/a%20b%2Fc.xml HTTP/1.1\r\n"),
        "{request}"
    );
}

#[tokio::test]
async fn typed_path_parameters_are_written_as_text() {
    let (base, request) = serve_once(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]",
    );
    let client = params::Client::new(runtime(Some(&base))).unwrap();
    let value = client
        .get_item_version(42, 1.5)
        .x_resource_level(true)
        .send()
        .await
        .unwrap();
    assert_eq!(value, serde_json::json!([]));
    let request = request.recv().unwrap().to_ascii_lowercase();
    assert!(
        request.starts_with("get /items/42/versions/1.5 http/1.1\r\n"),
        "{request}"
    );
    assert!(
        request.contains("\r\nx-resource-level: true\r\n"),
        "{request}"
    );
}

#[tokio::test]
async fn query_and_header_parameters_of_every_type() {
    let (base, request) = serve_once("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
    let client = params::Client::new(runtime(Some(&base))).unwrap();
    let value = client
        .search("a&b", true, ["x", "y z"], "https://app.test", 0.5, "acme")
        .limit(10)
        .min_score(2.0)
        .exclude(Vec::<String>::new())
        .filter(serde_json::json!({"k": 1}))
        .x_request_id("req-1")
        .x_count(3)
        .x_flags(["a", "b"])
        .send()
        .await
        .unwrap();
    assert_eq!(
        value,
        serde_json::Value::Null,
        "an empty 204 decodes to null"
    );
    let request = request.recv().unwrap();
    let line = request.lines().next().unwrap();
    assert_eq!(
        line,
        "GET /search?q=a%26b&limit=10&min_score=2&exact=true&tag=x&tag=y%20z&filter=%7B%22k%22%3A1%7D&format=json HTTP/1.1"
    );
    let lower = request.to_ascii_lowercase();
    for header in [
        "origin: https://app.test",
        "x-request-id: req-1",
        "x-count: 3",
        "x-ratio: 0.5",
        "x-flags: a, b",
        "x-client: corpus",
        "x-tenant: acme",
    ] {
        assert!(
            lower.contains(&format!("\r\n{header}\r\n")),
            "{header} in:\n{request}"
        );
    }
}

#[tokio::test]
async fn writes_without_a_body_send_none() {
    let (base, request) = serve_once("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
    let client = params::Client::new(runtime(Some(&base))).unwrap();
    client.touch_things().send().await.unwrap();
    let request = request.recv().unwrap().to_ascii_lowercase();
    assert!(
        request.starts_with("patch /things http/1.1\r\n"),
        "{request}"
    );
    assert!(!request.contains("content-type"), "{request}");
    assert!(request.ends_with("\r\n\r\n"), "{request}");
}

#[tokio::test]
async fn a_json_body_is_sent_when_set() {
    let (base, request) = serve_once(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 8\r\nConnection: close\r\n\r\n{\"a\":1}\n",
    );
    let client = params::Client::new(runtime(Some(&base))).unwrap();
    let value = client
        .replace_things()
        .body(serde_json::json!([1, 2]))
        .send()
        .await
        .unwrap();
    assert_eq!(value, serde_json::json!({"a": 1}));
    let request = request.recv().unwrap();
    assert!(
        request
            .to_ascii_lowercase()
            .contains("content-type: application/json")
    );
    assert!(request.starts_with("PUT /things HTTP/1.1\r\n"), "{request}");
    assert!(request.ends_with("\r\n\r\n[1,2]"), "{request}");
}

#[tokio::test]
async fn invalid_inputs_fail_before_sending() {
    // Nothing listens here; a request would fail in transport instead.
    let client = params::Client::new(runtime(Some("http://127.0.0.1:9"))).unwrap();
    let err = client.get_metadata("").send().await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidInput {
                parameter: "id",
                ..
            }
        ),
        "{err:?}"
    );
    let err = client
        .search("q", false, ["t"], "bad\nvalue", 1.0, "acme")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidInput {
                parameter: "Origin",
                ..
            }
        ),
        "{err:?}"
    );
}

/// A Frontend API client's token: `Authorization: Bearer` with `_is_native=1`,
/// or a dev-browser token as `__dev_session`; neither shows in `Debug`.
#[tokio::test]
async fn frontend_tokens_go_where_the_frontend_api_expects_them() {
    let ok = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
    let (base, request) = serve_once(ok);
    let runtime = Runtime::builder()
        .base_url(&base)
        .client_token("client_tok_SECRET")
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    assert!(!format!("{runtime:?}").contains("client_tok_SECRET"));
    health::Client::new(runtime)
        .unwrap()
        .get_health()
        .send()
        .await
        .unwrap();
    let request = request.recv().unwrap();
    assert!(
        request.starts_with("GET /v1/health?_is_native=1 HTTP/1.1\r\n")
            || request.starts_with("GET /health?_is_native=1 HTTP/1.1\r\n"),
        "{request}"
    );
    assert!(
        request
            .to_ascii_lowercase()
            .contains("\r\nauthorization: bearer client_tok_secret\r\n"),
        "{request}"
    );

    let (base, request) = serve_once(ok);
    let runtime = Runtime::builder()
        .base_url(&base)
        .dev_browser_token("dvb_SECRET")
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    assert!(!format!("{runtime:?}").contains("dvb_SECRET"));
    health::Client::new(runtime)
        .unwrap()
        .get_health()
        .send()
        .await
        .unwrap();
    let request = request.recv().unwrap();
    assert!(
        request.contains("?__dev_session=dvb_SECRET HTTP/1.1\r\n"),
        "{request}"
    );
    assert!(
        !request.to_ascii_lowercase().contains("authorization:"),
        "{request}"
    );

    // A publishable key names the Frontend API host; a malformed one is refused.
    let runtime = Runtime::builder()
        .publishable_key("pk_test_aGFwcHktY2F0LTEyLmNsZXJrLmFjY291bnRzLmRldiQ")
        .build()
        .unwrap();
    assert_eq!(
        runtime.base_url(),
        Some("https://happy-cat-12.clerk.accounts.dev")
    );
    let err = Runtime::builder()
        .publishable_key("pk_test_nope")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("not a publishable key"), "{err}");
    let err = Runtime::builder()
        .client_token("a")
        .dev_browser_token("b")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
}
