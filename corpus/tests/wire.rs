//! What the keywords of derived typing put on the wire, with the client
//! generated from `clerk-sessions-codegen/tests/valid/edge-wire.yaml`, against a
//! one-shot HTTP server on loopback: form and multipart bodies, an array body,
//! joined query arrays, secrets, and answers that are empty, text or redirects.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use clerk_corpus::edge_wire::{Client, Plan, Scope};
use clerk_runtime::File;
use support::{runtime, serve_once};

const TOKEN: &str = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 17\r\nConnection: close\r\n\r\n{\"token\":\"t0k3n\"}";

fn client(base: &str) -> Client {
    Client::new(runtime(Some(base))).unwrap()
}

#[tokio::test]
async fn a_form_body_repeats_array_keys_and_a_secret_is_not_debugged() {
    let (base, request) = serve_once(TOKEN);
    let out = client(&base)
        .sign_in("ann", "pw d")
        .strategies(["a", "b"])
        .send()
        .await
        .unwrap();
    let request = request.recv().unwrap();
    assert!(
        request.contains("content-type: application/x-www-form-urlencoded"),
        "{request}"
    );
    assert!(
        request.ends_with("identifier=ann&password=pw%20d&strategies=a&strategies=b"),
        "{request}"
    );
    assert_eq!(out.token.expose(), "t0k3n");
    assert!(!format!("{out:?}").contains("t0k3n"));
}

#[tokio::test]
async fn a_multipart_body_sends_the_file_as_a_file_part() {
    let (base, request) = serve_once(TOKEN);
    let file = File::from_bytes("logo.png", "image/png", b"PNGDATA".to_vec());
    client(&base)
        .upload_logo(file)
        .alt("a logo")
        .send()
        .await
        .unwrap();
    let request = request.recv().unwrap();
    assert!(
        request.contains("content-type: multipart/form-data; boundary="),
        "{request}"
    );
    assert!(
        request.contains("name=\"file\"; filename=\"logo.png\""),
        "{request}"
    );
    assert!(
        request.contains("PNGDATA") && request.contains("a logo"),
        "{request}"
    );
}

#[tokio::test]
async fn query_arrays_are_joined_and_a_secret_header_is_sent_exposed() {
    let (base, request) = serve_once(TOKEN);
    client(&base)
        .search_things(vec![Scope::Openid, Scope::Profile])
        .ids(vec![1, 2])
        .x_token("s3cret")
        .send()
        .await
        .unwrap();
    let request = request.recv().unwrap();
    let line = request.lines().next().unwrap();
    assert!(
        line.contains("scope=openid%20profile") || line.contains("scope=openid+profile"),
        "{line}"
    );
    assert!(
        line.contains("ids=1%2C2") || line.contains("ids=1,2"),
        "{line}"
    );
    assert!(request.contains("x-token: s3cret"), "{request}");
}

#[tokio::test]
async fn an_array_body_is_sent_as_a_json_array() {
    let (base, request) = serve_once(TOKEN);
    client(&base)
        .invite_many(vec![Plan::Empty, Plan::PayerCredits])
        .send()
        .await
        .unwrap();
    assert!(
        request
            .recv()
            .unwrap()
            .ends_with("[\"\",\"payer-credits\"]")
    );
}

#[tokio::test]
async fn empty_text_and_redirect_answers() {
    let (base, _) = serve_once("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
    client(&base).delete_things().send().await.unwrap();

    let (base, _) = serve_once(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
    );
    assert_eq!(client(&base).get_report().send().await.unwrap(), "hello");

    let (base, _) = serve_once(
        "HTTP/1.1 302 Found\r\nLocation: https://x.test/done\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    let redirect = client(&base).authorize().send().await.unwrap();
    assert_eq!(redirect.status, 302);
    assert_eq!(redirect.location.as_deref(), Some("https://x.test/done"));
}
