//! Shared helpers: a canned session body, a client on a recording server, and
//! the checks every request shares.

use std::time::Duration;

use clerk_sessions::{Client, RetryPolicy, SessionId};
use serde_json::{Value, json};

use crate::capture::{CaptureServer, Captured};

pub(crate) const KEY: &str = "sk_test_wire";

pub(crate) fn session_json(id: &str) -> Value {
    json!({
        "object": "session",
        "id": id,
        "user_id": "user_1",
        "client_id": "client_1",
        "actor": null,
        "status": "active",
        "last_active_organization_id": "org_1",
        "last_active_at": 1755003600000_i64,
        "latest_activity": {
            "object": "session_activity", "id": "sess_activity_1", "is_mobile": false,
            "device_type": "desktop", "browser_name": "Firefox", "browser_version": "141.0",
            "ip_address": "203.0.113.42", "city": "Lisbon", "country": "PT"
        },
        "expire_at": 1755608400000_i64,
        "abandon_at": 1757592000000_i64,
        "updated_at": 1755003600000_i64,
        "created_at": 1755000000000_i64,
        "tasks": null,
        "some_future_field": {"ignored": true}
    })
}

pub(crate) async fn setup(reply: Value) -> (CaptureServer, Client) {
    let server = CaptureServer::start().await;
    server.reply(200, &reply.to_string());
    let client = Client::builder()
        .secret_key(KEY)
        .base_url(server.base_url())
        .retry_policy(RetryPolicy::none())
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    (server, client)
}

/// Headers every request carries.
pub(crate) fn assert_common(req: &Captured) {
    assert_eq!(req.header("authorization"), Some("Bearer sk_test_wire"));
    // The literal value: the constant compared with itself would pass whatever it held.
    assert_eq!(req.header("clerk-api-version"), Some("2026-05-12"));
    assert_eq!(
        req.header("user-agent"),
        Some(concat!("clerk-runtime/", env!("CARGO_PKG_VERSION")))
    );
}

pub(crate) fn assert_no_body(req: &Captured) {
    assert!(req.body.is_empty(), "unexpected body {:?}", req.body);
    assert_eq!(req.header("content-type"), None);
}

pub(crate) fn body_json(req: &Captured) -> Value {
    assert_eq!(req.header("content-type"), Some("application/json"));
    serde_json::from_slice(&req.body).unwrap()
}

pub(crate) fn sid(s: &str) -> SessionId {
    s.parse().unwrap()
}
