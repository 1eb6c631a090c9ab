//! Shared helpers: the timeout wrapper, a raw HTTP client, the fully read
//! `Reply` with its Clerk-error assertions, and JWT decoding and verification.

use std::future::Future;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use clerk_sessions_fake::FakeClerk;
use reqwest::{Method, header};
use serde_json::Value;

/// Every test runs inside this: a hang fails after 10 s instead of stalling CI.
pub(crate) async fn within<F: Future>(test: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(10), test)
        .await
        .expect("test timed out")
}

pub(crate) fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

/// A response, fully read.
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: header::HeaderMap,
    pub(crate) text: String,
}

impl Reply {
    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    pub(crate) fn content_type(&self) -> &str {
        self.headers[header::CONTENT_TYPE].to_str().unwrap()
    }

    /// Asserts a Clerk error body with this status and code; returns `errors[0]`.
    #[track_caller]
    pub(crate) fn error(&self, status: u16, code: &str) -> Value {
        assert_eq!(self.status, status, "{}", self.text);
        assert_eq!(self.content_type(), "application/json");
        let body = self.json();
        let error = body["errors"][0].clone();
        assert_eq!(error["code"], code, "{}", self.text);
        assert!(error["message"].is_string() && error["long_message"].is_string());
        assert!(error["meta"].is_object());
        let trace = body["clerk_trace_id"].as_str().unwrap();
        assert_eq!(trace.len(), 32);
        assert!(trace.chars().all(|c| c.is_ascii_hexdigit()));
        assert!(self.headers.get("clerk-trace-id").is_none());
        error
    }

    #[track_caller]
    pub(crate) fn ok(&self) -> Value {
        assert_eq!(self.status, 200, "{}", self.text);
        assert_eq!(self.content_type(), "application/json");
        self.json()
    }
}

pub(crate) async fn send(request: reqwest::RequestBuilder) -> Reply {
    let response = request.send().await.unwrap();
    Reply {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        text: response.text().await.unwrap(),
    }
}

/// An authenticated request with the fake's key; `body` is sent as JSON text.
pub(crate) async fn call(
    fake: &FakeClerk,
    method: Method,
    path: &str,
    body: Option<&str>,
) -> Reply {
    let mut request = http()
        .request(method, format!("{}{path}", fake.base_url()))
        .bearer_auth(fake.secret_key());
    if let Some(body) = body {
        request = request
            .header(header::CONTENT_TYPE, "application/json")
            .body(body.to_owned());
    }
    send(request).await
}

pub(crate) async fn get(fake: &FakeClerk, path: &str) -> Reply {
    call(fake, Method::GET, path, None).await
}

pub(crate) async fn post(fake: &FakeClerk, path: &str, body: Option<&str>) -> Reply {
    call(fake, Method::POST, path, body).await
}

pub(crate) fn ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect()
}

pub(crate) fn claims(jwt: &str) -> Value {
    let payload = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

/// Verifies an RS256 JWT against a JWKS document, as a relying party would.
pub(crate) fn verify_with_jwks(jwks: &Value, jwt: &str) -> bool {
    let header: Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(jwt.split('.').next().unwrap())
            .unwrap(),
    )
    .unwrap();
    let key = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kid"] == header["kid"])
        .expect("kid in JWKS");
    assert_eq!(header["alg"], "RS256");
    assert_eq!(header["typ"], "JWT");
    let n = URL_SAFE_NO_PAD.decode(key["n"].as_str().unwrap()).unwrap();
    let e = URL_SAFE_NO_PAD.decode(key["e"].as_str().unwrap()).unwrap();
    let (signed, signature) = jwt.rsplit_once('.').unwrap();
    let signature = URL_SAFE_NO_PAD.decode(signature).unwrap();
    ring::signature::RsaPublicKeyComponents { n: &n, e: &e }
        .verify(
            &ring::signature::RSA_PKCS1_2048_8192_SHA256,
            signed.as_bytes(),
            &signature,
        )
        .is_ok()
}
