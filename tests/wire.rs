//! The exact HTTP exchange of every operation: method, path, query, headers and
//! body, checked on a recording server on 127.0.0.1; and the typed decoding of
//! every response shape.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

#[path = "support/capture.rs"]
mod capture;

use std::collections::BTreeMap;
use std::time::Duration;

use capture::{CaptureServer, Captured};
use clerk_sessions::{
    Client, ClientId, Error, OrganizationId, RefreshFormat, RetryPolicy, SessionId, SessionRefresh,
    SessionStatus, SessionStatusFilter, SessionTaskKey, TemplateName, UserId,
};
use serde_json::{Value, json};

const KEY: &str = "sk_test_wire";

fn session_json(id: &str) -> Value {
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

async fn setup(reply: Value) -> (CaptureServer, Client) {
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
fn assert_common(req: &Captured) {
    assert_eq!(req.header("authorization"), Some("Bearer sk_test_wire"));
    // The literal value: the constant compared with itself would pass whatever it held.
    assert_eq!(req.header("clerk-api-version"), Some("2026-05-12"));
    assert_eq!(
        req.header("user-agent"),
        Some(concat!("clerk-runtime/", env!("CARGO_PKG_VERSION")))
    );
}

fn assert_no_body(req: &Captured) {
    assert!(req.body.is_empty(), "unexpected body {:?}", req.body);
    assert_eq!(req.header("content-type"), None);
}

fn body_json(req: &Captured) -> Value {
    assert_eq!(req.header("content-type"), Some("application/json"));
    serde_json::from_slice(&req.body).unwrap()
}

fn sid(s: &str) -> SessionId {
    s.parse().unwrap()
}

#[tokio::test]
async fn get_session_list_sends_filters_and_pagination() {
    let (server, client) = setup(json!({"data": [session_json("sess_1")], "total_count": 7})).await;
    let user: UserId = "user_1".parse().unwrap();
    let list = client
        .get_session_list(user)
        .status(SessionStatusFilter::Revoked)
        .limit(20)
        .offset(40)
        .send()
        .await
        .unwrap();
    assert_eq!(list.total_count, 7);
    assert_eq!(list.data[0].id, "sess_1");
    let req = server.only();
    assert_eq!(req.method, "GET");
    assert_eq!(req.path, "/sessions");
    assert_eq!(
        req.query.as_deref(),
        Some("user_id=user_1&status=revoked&paginated=true&limit=20&offset=40")
    );
    assert_common(&req);
    assert_no_body(&req);
}

#[tokio::test]
async fn get_session_list_takes_client_user_or_both() {
    let (server, client) = setup(json!({"data": [], "total_count": 0})).await;
    let user: UserId = "user_1".parse().unwrap();
    let cl: ClientId = "client_1".parse().unwrap();
    client.get_session_list(cl.clone()).send().await.unwrap();
    client
        .get_session_list((user.clone(), cl.clone()))
        .send()
        .await
        .unwrap();
    client.get_session_list((cl, user)).send().await.unwrap();
    let queries: Vec<_> = server
        .requests()
        .into_iter()
        .map(|r| r.query.unwrap())
        .collect();
    assert_eq!(
        queries,
        [
            "client_id=client_1&paginated=true",
            "client_id=client_1&user_id=user_1&paginated=true",
            "client_id=client_1&user_id=user_1&paginated=true",
        ]
    );
}

#[tokio::test]
async fn get_session_list_accepts_a_bare_array() {
    let (_server, client) = setup(json!([session_json("sess_1"), session_json("sess_2")])).await;
    let list = client
        .get_session_list("user_1".parse::<UserId>().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(list.data.len(), 2);
    assert_eq!(list.total_count, 2);
}

#[tokio::test]
async fn get_session_list_checks_limit_before_sending() {
    let (server, client) = setup(json!([])).await;
    for bad in [0, 501] {
        let err = client
            .get_session_list("user_1".parse::<UserId>().unwrap())
            .limit(bad)
            .send()
            .await
            .unwrap_err();
        match err {
            Error::InvalidInput {
                parameter,
                operation,
                ..
            } => {
                assert_eq!(parameter, "limit");
                assert_eq!(operation, "GetSessionList");
            }
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn create_session_sends_only_set_fields() {
    let (server, client) = setup(session_json("sess_new")).await;
    let session = client
        .create_session("user_1".parse().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(session.id, "sess_new");
    let org: OrganizationId = "org_9".parse().unwrap();
    client
        .create_session("user_1".parse().unwrap())
        .active_organization_id(org)
        .send()
        .await
        .unwrap();
    let reqs = server.requests();
    for req in &reqs {
        assert_eq!(req.method, "POST");
        assert_eq!(req.path, "/sessions");
        assert_eq!(req.query, None);
        assert_common(req);
    }
    assert_eq!(body_json(&reqs[0]), json!({"user_id": "user_1"}));
    assert_eq!(
        body_json(&reqs[1]),
        json!({"user_id": "user_1", "active_organization_id": "org_9"})
    );
}

#[tokio::test]
async fn get_session_decodes_every_field() {
    let (server, client) = setup(session_json("sess_1")).await;
    let s = client.get_session(&sid("sess_1")).send().await.unwrap();
    let req = server.only();
    assert_eq!(
        (req.method.as_str(), req.path.as_str(), req.query.as_deref()),
        ("GET", "/sessions/sess_1", None)
    );
    assert_common(&req);
    assert_no_body(&req);
    assert_eq!(s.object, "session");
    assert_eq!(s.user_id, "user_1");
    assert_eq!(s.client_id, "client_1");
    assert_eq!(s.status, SessionStatus::Active);
    assert_eq!(
        s.last_active_organization_id.as_ref().map(|o| o.as_str()),
        Some("org_1")
    );
    assert_eq!(s.created_at, 1_755_000_000_000);
    assert_eq!(s.expire_at, 1_755_608_400_000);
    let activity = s.latest_activity.unwrap();
    assert!(!activity.is_mobile);
    assert_eq!(activity.country.as_deref(), Some("PT"));
    assert_eq!(s.actor, None);
    assert_eq!(s.tasks, None);
}

#[tokio::test]
async fn session_tolerates_absent_optionals_and_unknown_values() {
    let mut minimal = session_json("sess_1");
    let obj = minimal.as_object_mut().unwrap();
    for key in [
        "actor",
        "last_active_organization_id",
        "latest_activity",
        "tasks",
    ] {
        obj.remove(key);
    }
    obj.insert("status".into(), json!("frozen"));
    obj.insert(
        "tasks".into(),
        json!([{"key": "setup-mfa"}, {"key": "sign-contract"}]),
    );
    obj.insert("actor".into(), json!({"sub": "user_admin"}));
    let (_server, client) = setup(minimal).await;
    let s = client.get_session(&sid("sess_1")).send().await.unwrap();
    assert_eq!(s.status, SessionStatus::Unknown("frozen".into()));
    assert_eq!(s.status.as_str(), "frozen");
    let tasks = s.tasks.unwrap();
    assert_eq!(tasks[0].key, SessionTaskKey::SetupMfa);
    assert_eq!(
        tasks[1].key,
        SessionTaskKey::Unknown("sign-contract".into())
    );
    assert_eq!(s.actor, Some(json!({"sub": "user_admin"})));
    assert_eq!(s.last_active_organization_id, None);
}

#[tokio::test]
async fn refresh_session_sends_required_and_optional_fields() {
    let (server, client) = setup(json!({"object": "token", "jwt": "a.b.c"})).await;
    let out = client
        .refresh_session(
            &sid("sess_1"),
            "expired.jwt",
            "refresh-tok",
            "https://app.example.com",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        out,
        SessionRefresh::Token(clerk_sessions::Token {
            object: "token".into(),
            jwt: "a.b.c".into()
        })
    );

    server.reply(
        200,
        &json!({"object": "cookies", "cookies": ["__session=x; Path=/"]}).to_string(),
    );
    let headers = BTreeMap::from([("user-agent".to_owned(), vec!["curl/8".to_owned()])]);
    let out = client
        .refresh_session(
            &sid("sess_1"),
            "expired.jwt",
            "refresh-tok",
            "https://app.example.com",
        )
        .format(RefreshFormat::Cookie)
        .request_headers(headers)
        .request_originating_ip("203.0.113.9")
        .send()
        .await
        .unwrap();
    match out {
        SessionRefresh::Cookies(c) => assert_eq!(c.cookies.expose(), &["__session=x; Path=/"]),
        other => panic!("expected cookies, got {other:?}"),
    }
    let reqs = server.requests();
    for req in &reqs {
        assert_eq!(
            (req.method.as_str(), req.path.as_str(), req.query.as_deref()),
            ("POST", "/sessions/sess_1/refresh", None)
        );
        assert_common(req);
    }
    assert_eq!(
        body_json(&reqs[0]),
        json!({"expired_token": "expired.jwt", "refresh_token": "refresh-tok", "request_origin": "https://app.example.com"})
    );
    assert_eq!(
        body_json(&reqs[1]),
        json!({
            "expired_token": "expired.jwt", "refresh_token": "refresh-tok", "request_origin": "https://app.example.com",
            "request_headers": {"user-agent": ["curl/8"]}, "format": "cookie", "request_originating_ip": "203.0.113.9"
        })
    );
}

#[tokio::test]
async fn revoke_session_sends_no_body() {
    let mut revoked = session_json("sess_1");
    revoked["status"] = json!("revoked");
    let (server, client) = setup(revoked).await;
    let s = client.revoke_session(&sid("sess_1")).send().await.unwrap();
    assert_eq!(s.status, SessionStatus::Revoked);
    let req = server.only();
    assert_eq!(
        (req.method.as_str(), req.path.as_str(), req.query.as_deref()),
        ("POST", "/sessions/sess_1/revoke", None)
    );
    assert_common(&req);
    assert_no_body(&req);
}

#[tokio::test]
async fn token_calls_send_a_body_only_with_expires_in_seconds() {
    let (server, client) = setup(json!({"object": "token", "jwt": "h.p.s"})).await;
    let session = sid("sess_1");
    let template: TemplateName = "custom-template".parse().unwrap();
    let t = client.create_session_token(&session).send().await.unwrap();
    assert_eq!(t.jwt.expose(), "h.p.s");
    client
        .create_session_token(&session)
        .expires_in_seconds(60)
        .send()
        .await
        .unwrap();
    client
        .create_session_token_from_template(&session, &template)
        .send()
        .await
        .unwrap();
    client
        .create_session_token_from_template(&session, &template)
        .expires_in_seconds(3600)
        .send()
        .await
        .unwrap();
    let reqs = server.requests();
    assert_eq!(reqs.len(), 4);
    for req in &reqs {
        assert_eq!(req.method, "POST");
        assert_eq!(req.query, None);
        assert_common(req);
    }
    assert_eq!(reqs[0].path, "/sessions/sess_1/tokens");
    assert_no_body(&reqs[0]);
    assert_eq!(body_json(&reqs[1]), json!({"expires_in_seconds": 60}));
    assert_eq!(reqs[2].path, "/sessions/sess_1/tokens/custom-template");
    assert_no_body(&reqs[2]);
    assert_eq!(body_json(&reqs[3]), json!({"expires_in_seconds": 3600}));
}

#[tokio::test]
async fn token_lifetime_is_checked_before_sending() {
    let (server, client) = setup(json!({"object": "token", "jwt": "x"})).await;
    let session = sid("sess_1");
    for bad in [29, 315_360_001, -1] {
        let err = client
            .create_session_token(&session)
            .expires_in_seconds(bad)
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidInput {
                    parameter: "expires_in_seconds",
                    ..
                }
            ),
            "{err:?}"
        );
    }
    for ok in [30, 315_360_000] {
        client
            .create_session_token(&session)
            .expires_in_seconds(ok)
            .send()
            .await
            .unwrap();
    }
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn ids_stay_inside_one_path_segment() {
    let (server, client) = setup(session_json("x")).await;
    let cases = [
        ("a/../b", "/sessions/a%2F..%2Fb"),
        ("x?y=1", "/sessions/x%3Fy%3D1"),
        ("%2F", "/sessions/%252F"),
        ("a b#c", "/sessions/a%20b%23c"),
        ("sess_ünï", "/sessions/sess_%C3%BCn%C3%AF"),
        ("...", "/sessions/..."),
    ];
    for (id, _) in cases {
        client.get_session(&sid(id)).send().await.unwrap();
    }
    let reqs = server.requests();
    for (req, (id, path)) in reqs.iter().zip(cases) {
        assert_eq!(req.path, path, "id {id:?}");
        assert_eq!(req.query, None, "id {id:?} must not add a query");
    }
    // Both placeholders of the template route are encoded too.
    server.reply(200, &json!({"object": "token", "jwt": "j"}).to_string());
    let template: TemplateName = "a/b?c".parse().unwrap();
    client
        .create_session_token_from_template(&sid("s/1"), &template)
        .send()
        .await
        .unwrap();
    assert_eq!(
        server.requests().last().unwrap().path,
        "/sessions/s%2F1/tokens/a%2Fb%3Fc"
    );
}

#[tokio::test]
async fn dot_segments_and_empty_ids_are_rejected_before_sending() {
    let (server, client) = setup(session_json("x")).await;
    for id in [".", ".."] {
        let err = client.get_session(&sid(id)).send().await.unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidInput {
                    parameter: "session_id",
                    ..
                }
            ),
            "{err:?}"
        );
    }
    assert!(server.requests().is_empty());
    assert!("".parse::<SessionId>().is_err());
    assert!(SessionId::try_from(String::new()).is_err());
    assert!(serde_json::from_str::<SessionId>("\"\"").is_err());
    assert_eq!(
        serde_json::from_str::<SessionId>("\"a/../b\"").unwrap(),
        "a/../b"
    );
}

#[tokio::test]
async fn api_version_is_configurable() {
    let (server, _) = setup(session_json("s")).await;
    let client = Client::builder()
        .secret_key(KEY)
        .base_url(server.base_url())
        .api_version("2025-11-10")
        .build()
        .unwrap();
    client.get_session(&sid("s")).send().await.unwrap();
    assert_eq!(
        server.only().header("clerk-api-version"),
        Some("2025-11-10")
    );
}

#[tokio::test]
async fn a_caller_supplied_http_client_still_gets_auth_per_request() {
    let (server, _) = setup(session_json("s")).await;
    let http = reqwest::Client::builder().build().unwrap();
    let client = Client::builder()
        .secret_key(KEY)
        .base_url(server.base_url())
        .http_client(http)
        .build()
        .unwrap();
    client.get_session(&sid("s")).send().await.unwrap();
    assert_common(&server.only());
}

#[tokio::test]
async fn base_url_with_a_path_prefix_is_kept() {
    let (server, _) = setup(session_json("s")).await;
    let client = Client::builder()
        .secret_key(KEY)
        .base_url(format!("{}/v1/", server.base_url()))
        .build()
        .unwrap();
    client.get_session(&sid("s")).send().await.unwrap();
    assert_eq!(server.only().path, "/v1/sessions/s");
}
