//! What the keywords of derived typing put on the wire, with the client
//! generated from `clerk-sessions-codegen/tests/valid/edge-wire.yaml`, against a
//! one-shot HTTP server on loopback: form and multipart bodies, an array body,
//! a raw `application/octet-stream` body, joined query arrays, secrets, and
//! answers that are empty, text, redirects, or a value or nothing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use clerk_corpus::edge_wire::{Client, Plan, Scope};
use clerk_runtime::File;
use support::{runtime, serve_once, serve_once_raw};

const TOKEN: &str = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 17\r\nConnection: close\r\n\r\n{\"token\":\"t0k3n\"}";

fn client(base: &str) -> Client {
    Client::new(runtime(Some(base))).unwrap()
}

#[tokio::test]
async fn a_form_body_repeats_array_keys_sends_its_constants_and_a_secret_is_not_debugged() {
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
        request.ends_with(
            "grant=password&identifier=ann&password=pw%20d&remember=true&strategies=a&strategies=b"
        ),
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
async fn a_multipart_array_is_one_text_part_per_item_under_its_name() {
    let (base, request) = serve_once(TOKEN);
    let file = File::from_bytes("logo.png", "image/png", b"PNGDATA".to_vec());
    client(&base)
        .upload_logo(file)
        .tags(["red", "big one"])
        .send()
        .await
        .unwrap();
    let request = request.recv().unwrap();
    let boundary = request
        .split("boundary=")
        .nth(1)
        .and_then(|rest| rest.split("\r\n").next())
        .unwrap();
    let part = |text: &str| {
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\n{text}\r\n")
    };
    let tags = format!("{}{}--{boundary}--\r\n", part("red"), part("big one"));
    assert!(request.ends_with(&tags), "{request}");
    assert_eq!(request.matches("name=\"tags\"").count(), 2, "{request}");
}

#[tokio::test]
async fn an_octet_stream_body_is_the_bytes_exactly() {
    let (base, request) = serve_once_raw(TOKEN);
    // Not UTF-8, with line breaks and a NUL: sent as they are.
    let bytes: &'static [u8] = b"\x89PNG\r\n\x1a\n\x00\xff--x";
    let out = client(&base).upload_avatar(bytes).send().await.unwrap();
    assert_eq!(out.token.expose(), "t0k3n");
    let (head, body) = request.recv().unwrap();
    assert_eq!(body, bytes);
    let headers: Vec<&str> = head.split("\r\n").collect();
    assert!(headers[0].starts_with("POST /things "), "{head}");
    assert!(
        headers.contains(&"content-type: application/octet-stream"),
        "{head}"
    );
    assert!(
        headers.contains(&format!("content-length: {}", bytes.len()).as_str()),
        "{head}"
    );
    let encoded = ["content-encoding", "transfer-encoding"];
    assert!(
        !headers
            .iter()
            .any(|h| encoded.iter().any(|e| h.starts_with(e))),
        "{head}"
    );

    // A `Vec<u8>` or a `String` will do too.
    let (base, request) = serve_once_raw(TOKEN);
    client(&base)
        .upload_avatar(String::from("data:image/png;base64,AAAA"))
        .send()
        .await
        .unwrap();
    assert_eq!(request.recv().unwrap().1, b"data:image/png;base64,AAAA");

    // The builder's `Debug` shows how many bytes, not them.
    let client = client("http://127.0.0.1:9");
    let text = format!("{:?}", client.upload_avatar(vec![b'P'; 64]));
    assert!(text.contains("bytes: <64 bytes>"), "{text}");
    assert!(!text.contains("PPPP") && !text.contains("80, 80"), "{text}");
}

#[tokio::test]
async fn an_optional_answer_is_none_on_204_and_the_value_on_200() {
    let (base, _) = serve_once("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
    assert!(client(&base).delete_card().send().await.unwrap().is_none());

    let (base, _) = serve_once("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    assert!(client(&base).delete_card().send().await.unwrap().is_none());

    let (base, _) = serve_once(TOKEN);
    let card = client(&base).delete_card().send().await.unwrap().unwrap();
    assert_eq!(card.token.expose(), "t0k3n");

    // A body that is not the type is still an error, not `None`.
    let (base, _) = serve_once(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
    );
    let error = client(&base).delete_card().send().await.unwrap_err();
    assert!(
        matches!(error, clerk_runtime::Error::Decode { .. }),
        "{error:?}"
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
