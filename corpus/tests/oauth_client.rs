//! Which credential each operation sends (`x-auth`), with the client generated
//! from `clerk-sessions-codegen/tests/valid/edge-wire.yaml` against a one-shot
//! HTTP server on loopback: an OAuth token endpoint gets the OAuth client's
//! ID and secret as HTTP Basic and never the API's own credential, and one
//! that needs them refuses to send without them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use clerk_corpus::edge_wire::Client;
use clerk_runtime::{Error, RetryPolicy};
use support::serve_once;

const TOKEN: &str = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 17\r\nConnection: close\r\n\r\n{\"token\":\"t0k3n\"}";
const NO_CONTENT: &str = "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n";

/// `base64("app_1:s3cr%26t")`: the secret `s3cr&t` form-encoded first.
const BASIC: &str = "authorization: Basic YXBwXzE6czNjciUyNnQ=";

fn builder(base: &str) -> clerk_runtime::ClientBuilder<Client> {
    Client::builder()
        .base_url(base)
        .retry_policy(RetryPolicy::none())
}

#[tokio::test]
async fn a_token_endpoint_gets_the_oauth_client_as_basic_and_not_the_secret_key() {
    let (base, request) = serve_once(NO_CONTENT);
    let client = builder(&base)
        .secret_key("sk_test_not_for_oauth")
        .oauth_client("app_1", "s3cr&t")
        .build()
        .unwrap();
    client.revoke_token("refresh-1").send().await.unwrap();
    let request = request.recv().unwrap();
    assert!(
        request.starts_with("POST /oauth/token/revoke HTTP/1.1"),
        "{request}"
    );
    assert!(request.contains(BASIC), "{request}");
    assert!(!request.contains("sk_test_not_for_oauth"), "{request}");
    assert!(request.ends_with("token=refresh-1"), "{request}");

    // Every other operation still sends the API's credential.
    let (base, request) = serve_once(NO_CONTENT);
    let client = builder(&base)
        .secret_key("sk_test_for_the_api")
        .oauth_client("app_1", "s3cr&t")
        .build()
        .unwrap();
    client.delete_things().send().await.unwrap();
    let request = request.recv().unwrap();
    assert!(
        request.contains("authorization: Bearer sk_test_for_the_api"),
        "{request}"
    );
    assert!(!request.contains("Basic"), "{request}");
}

#[tokio::test]
async fn a_client_token_is_not_sent_to_a_token_endpoint() {
    let (base, request) = serve_once(NO_CONTENT);
    let client = builder(&base)
        .client_token("client_token_1")
        .oauth_client("app_1", "s3cr&t")
        .build()
        .unwrap();
    client.revoke_token("refresh-1").send().await.unwrap();
    let request = request.recv().unwrap();
    let line = request.lines().next().unwrap();
    assert_eq!(line, "POST /oauth/token/revoke HTTP/1.1");
    assert!(request.contains(BASIC), "{request}");
    assert!(!request.contains("client_token_1"), "{request}");
}

#[tokio::test]
async fn without_the_oauth_client_a_required_one_is_refused_before_sending() {
    // No server: a request sent would be a transport error, not this one.
    let client = builder("http://127.0.0.1:9")
        .secret_key("sk_test_x")
        .build()
        .unwrap();
    let error = client.revoke_token("refresh-1").send().await.unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
    let text = error.to_string();
    assert!(text.contains("RevokeToken"), "{text}");
    assert!(text.contains("oauth_client"), "{text}");
    assert!(!text.contains("sk_test_x"), "{text}");
}

#[tokio::test]
async fn without_the_oauth_client_an_optional_one_goes_without_credentials() {
    let (base, request) = serve_once(TOKEN);
    let client = builder(&base).secret_key("sk_test_x").build().unwrap();
    client.exchange_token("code-1").send().await.unwrap();
    let request = request.recv().unwrap();
    assert!(!request.contains("authorization:"), "{request}");
    assert!(request.ends_with("code=code-1"), "{request}");

    let (base, request) = serve_once(TOKEN);
    let client = builder(&base)
        .secret_key("sk_test_x")
        .oauth_client("app_1", "s3cr&t")
        .build()
        .unwrap();
    client.exchange_token("code-1").send().await.unwrap();
    assert!(request.recv().unwrap().contains(BASIC));
}

#[test]
fn the_oauth_client_secret_is_never_printed() {
    let builder = builder("http://127.0.0.1:9")
        .secret_key("sk_test_x")
        .oauth_client("app_1", "s3cr&t");
    let text = format!("{builder:?}");
    assert!(text.contains("app_1"), "{text}");
    assert!(!text.contains("s3cr"), "{text}");
    let client = builder.build().unwrap();
    let text = format!("{:?}", client.runtime());
    assert!(
        text.contains("oauth_client: Some(\"<redacted>\")"),
        "{text}"
    );
    assert!(!text.contains("s3cr") && !text.contains("YXBw"), "{text}");

    for (id, secret) in [("", "s3cr&t"), ("app_1", "  ")] {
        let error = Client::builder()
            .base_url("http://127.0.0.1:9")
            .no_secret_key()
            .oauth_client(id, secret)
            .build()
            .unwrap_err();
        assert!(error.to_string().contains("must not be empty"), "{error}");
    }
}
