//! Drives `clerk_sessions_fake::FakeClerk` over real HTTP with a raw
//! `reqwest::Client`, checking each endpoint, each documented error, the
//! rate limit and every fault kind against the wire reference.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::future::Future;
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use clerk_sessions_fake::{FakeClerk, Fault, SessionSeed, TestKey};
use reqwest::{Method, header};
use serde_json::{Value, json};

/// Every test runs inside this: a hang fails after 10 s instead of stalling CI.
async fn within<F: Future>(test: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(10), test)
        .await
        .expect("test timed out")
}

fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

/// A response, fully read.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: header::HeaderMap,
    text: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    fn content_type(&self) -> &str {
        self.headers[header::CONTENT_TYPE].to_str().unwrap()
    }

    /// Asserts a Clerk error body with this status and code; returns `errors[0]`.
    #[track_caller]
    fn error(&self, status: u16, code: &str) -> Value {
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
    fn ok(&self) -> Value {
        assert_eq!(self.status, 200, "{}", self.text);
        assert_eq!(self.content_type(), "application/json");
        self.json()
    }
}

async fn send(request: reqwest::RequestBuilder) -> Reply {
    let response = request.send().await.unwrap();
    Reply {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        text: response.text().await.unwrap(),
    }
}

/// An authenticated request with the fake's key; `body` is sent as JSON text.
async fn call(fake: &FakeClerk, method: Method, path: &str, body: Option<&str>) -> Reply {
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

async fn get(fake: &FakeClerk, path: &str) -> Reply {
    call(fake, Method::GET, path, None).await
}

async fn post(fake: &FakeClerk, path: &str, body: Option<&str>) -> Reply {
    call(fake, Method::POST, path, body).await
}

fn ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect()
}

fn claims(jwt: &str) -> Value {
    let payload = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

/// Verifies an RS256 JWT against a JWKS document, as a relying party would.
fn verify_with_jwks(jwks: &Value, jwt: &str) -> bool {
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

// ---------------------------------------------------------------- auth

#[tokio::test]
async fn auth_errors() {
    within(async {
        let fake = FakeClerk::start().await;
        let id = fake.add_session("user_1", "client_1");
        let url = format!("{}/sessions/{id}", fake.base_url());

        let missing = send(http().get(&url)).await;
        missing.error(401, "authorization_header_format_invalid");
        let basic = send(http().get(&url).header("authorization", "Basic abc")).await;
        basic.error(401, "authorization_header_format_invalid");
        let empty = send(http().get(&url).header("authorization", "Bearer ")).await;
        empty.error(401, "authorization_header_format_invalid");

        let wrong = send(http().get(&url).bearer_auth("sk_test_wrong")).await;
        let error = wrong.error(401, "clerk_key_invalid");
        assert_eq!(
            error["message"],
            "The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is correct."
        );
        // Auth comes before routing.
        let unknown_route = send(http().get(format!("{}/nope", fake.base_url()))).await;
        unknown_route.error(401, "authorization_header_format_invalid");

        assert_eq!(fake.secret_key(), "sk_test_fake");
        get(&fake, &format!("/sessions/{id}")).await.ok();
    })
    .await;
}

#[tokio::test]
async fn several_keys_and_production_instance() {
    within(async {
        let fake = FakeClerk::builder()
            .secret_key("sk_live_prod")
            .secret_key("sk_test_dev")
            .start()
            .await;
        assert_eq!(fake.secret_key(), "sk_live_prod");
        fake.add_user("user_1");
        let body = r#"{"user_id":"user_1"}"#;
        let url = format!("{}/sessions", fake.base_url());

        let live = send(http().post(&url).bearer_auth("sk_live_prod").body(body)).await;
        live.error(400, "request_invalid_for_environment");
        let dev = send(http().post(&url).bearer_auth("sk_test_dev").body(body)).await;
        let session = dev.ok();
        // Other endpoints work on production.
        let read = send(
            http()
                .get(format!("{url}/{}", session["id"].as_str().unwrap()))
                .bearer_auth("sk_live_prod"),
        )
        .await;
        assert_eq!(read.ok()["id"], session["id"]);
        // The default key is not accepted once keys are configured.
        let default = send(http().post(&url).bearer_auth("sk_test_fake").body(body)).await;
        default.error(401, "clerk_key_invalid");
    })
    .await;
}

// ---------------------------------------------------------------- GET /sessions/{id}

#[tokio::test]
async fn get_session() {
    within(async {
        let fake = FakeClerk::builder().now(1_755_000_000_000).start().await;
        let id = fake.add_session_with(SessionSeed {
            actor: Some(json!({"sub": "user_admin"})),
            last_active_organization_id: Some("org_1".into()),
            latest_activity: Some(SessionSeed::sample_activity()),
            tasks: Some(json!([{"key": "choose-organization"}])),
            ..SessionSeed::new("user_1", "client_1")
        });
        assert!(id.starts_with("sess_") && id.len() == 32, "{id}");
        let session = get(&fake, &format!("/sessions/{id}")).await.ok();
        assert_eq!(session, fake.session(&id).unwrap());
        assert_eq!(session["object"], "session");
        assert_eq!(session["id"], id.as_str());
        assert_eq!(session["user_id"], "user_1");
        assert_eq!(session["client_id"], "client_1");
        assert_eq!(session["status"], "active");
        assert_eq!(session["actor"]["sub"], "user_admin");
        assert_eq!(session["last_active_organization_id"], "org_1");
        assert_eq!(session["latest_activity"]["object"], "session_activity");
        assert_eq!(session["tasks"][0]["key"], "choose-organization");
        for field in ["created_at", "updated_at", "last_active_at"] {
            assert_eq!(session[field], 1_755_000_000_000_i64);
        }
        assert_eq!(session["expire_at"], 1_755_000_000_000_i64 + 7 * 86_400_000);
        assert_eq!(
            session["abandon_at"],
            1_755_000_000_000_i64 + 30 * 86_400_000
        );

        let plain = fake.add_session("user_1", "client_1");
        let plain = get(&fake, &format!("/sessions/{plain}")).await.ok();
        for field in [
            "actor",
            "last_active_organization_id",
            "latest_activity",
            "tasks",
        ] {
            assert!(plain[field].is_null(), "{field}");
        }
    })
    .await;
}

#[tokio::test]
async fn get_session_not_found() {
    within(async {
        let fake = FakeClerk::start().await;
        let reply = get(&fake, "/sessions/sess_doesnotexist").await;
        let error = reply.error(404, "resource_not_found");
        assert_eq!(
            error["long_message"],
            "No session was found with id sess_doesnotexist"
        );
    })
    .await;
}

#[tokio::test]
async fn session_ids_are_percent_decoded_single_segments() {
    within(async {
        let fake = FakeClerk::start().await;
        for id in ["a/../b", "with space", "a+b", "ünï", "100%"] {
            fake.add_session_with(SessionSeed {
                id: Some(id.into()),
                ..SessionSeed::new("user_1", "client_1")
            });
        }
        for (path, id) in [
            ("a%2F..%2Fb", "a/../b"),
            ("with%20space", "with space"),
            ("a+b", "a+b"),
            ("%C3%BCn%C3%AF", "ünï"),
            ("100%25", "100%"),
        ] {
            let session = get(&fake, &format!("/sessions/{path}")).await.ok();
            assert_eq!(session["id"], id);
            let revoked = post(&fake, &format!("/sessions/{path}/revoke"), None)
                .await
                .ok();
            assert_eq!(revoked["id"], id);
        }
        assert!(fake.requests()[0].path.ends_with("/a%2F..%2Fb"));
        let error = get(&fake, "/sessions/a%2Fnope")
            .await
            .error(404, "resource_not_found");
        assert_eq!(error["long_message"], "No session was found with id a/nope");
        // An undecodable id is just an unknown id.
        get(&fake, "/sessions/%FF")
            .await
            .error(404, "resource_not_found");
    })
    .await;
}

// ---------------------------------------------------------------- GET /sessions

/// Seeds five sessions at known times; returns their ids oldest first.
fn seed_list(fake: &FakeClerk) -> Vec<String> {
    let seed = |user: &str, client: &str, status: &str, at: i64| SessionSeed {
        status: status.into(),
        created_at: Some(at),
        ..SessionSeed::new(user, client)
    };
    vec![
        fake.add_session_with(seed("user_1", "client_1", "active", 1000)),
        fake.add_session_with(seed("user_1", "client_2", "revoked", 2000)),
        fake.add_session_with(seed("user_1", "client_1", "ended", 3000)),
        fake.add_session_with(seed("user_2", "client_1", "active", 3000)),
        fake.add_session_with(seed("user_1", "client_1", "pending", 4000)),
    ]
}

#[tokio::test]
async fn list_filters_and_orders_newest_first() {
    within(async {
        let fake = FakeClerk::start().await;
        let s = seed_list(&fake);

        let by_user = get(&fake, "/sessions?user_id=user_1").await.ok();
        assert_eq!(ids(&by_user), [&s[4], &s[2], &s[1], &s[0]]);
        // Equal created_at: the later-seeded session first.
        let by_client = get(&fake, "/sessions?client_id=client_1").await.ok();
        assert_eq!(ids(&by_client), [&s[4], &s[3], &s[2], &s[0]]);
        let both = get(&fake, "/sessions?client_id=client_1&user_id=user_1")
            .await
            .ok();
        assert_eq!(ids(&both), [&s[4], &s[2], &s[0]]);
        let active = get(&fake, "/sessions?user_id=user_1&status=active")
            .await
            .ok();
        assert_eq!(ids(&active), [&s[0]]);
        let revoked = get(&fake, "/sessions?user_id=user_1&status=revoked")
            .await
            .ok();
        assert_eq!(ids(&revoked), [&s[1]]);
        let none = get(&fake, "/sessions?user_id=user_404").await.ok();
        assert_eq!(none, json!([]));
        // Unknown parameters are ignored; for a repeated key the first value counts.
        let repeated = get(&fake, "/sessions?user_id=user_2&user_id=user_1&foo=bar")
            .await
            .ok();
        assert_eq!(ids(&repeated), [&s[3]]);
        // Encoded query values are decoded.
        let encoded = get(&fake, "/sessions?user%5Fid=user%5F2").await.ok();
        assert_eq!(ids(&encoded), [&s[3]]);
    })
    .await;
}

#[tokio::test]
async fn list_limit_offset_and_both_shapes() {
    within(async {
        let fake = FakeClerk::start().await;
        let s = seed_list(&fake);

        let page = get(&fake, "/sessions?user_id=user_1&limit=2&offset=1")
            .await
            .ok();
        assert_eq!(ids(&page), [&s[2], &s[1]]);
        let paginated = get(
            &fake,
            "/sessions?user_id=user_1&paginated=true&limit=2&offset=1",
        )
        .await
        .ok();
        assert_eq!(paginated["total_count"], 4);
        assert_eq!(ids(&paginated["data"]), [&s[2], &s[1]]);
        let unpaginated = get(&fake, "/sessions?user_id=user_1&paginated=false")
            .await
            .ok();
        assert_eq!(unpaginated.as_array().unwrap().len(), 4);
        let past_end = get(&fake, "/sessions?user_id=user_1&paginated=true&offset=10")
            .await
            .ok();
        assert_eq!(past_end, json!({"data": [], "total_count": 4}));
        let filtered = get(
            &fake,
            "/sessions?user_id=user_1&status=active&paginated=true",
        )
        .await;
        assert_eq!(filtered.ok()["total_count"], 1);

        // Default limit is 10; 500 is allowed.
        for i in 0..12 {
            fake.add_session_with(SessionSeed {
                created_at: Some(10_000 + i),
                ..SessionSeed::new("user_many", "client_many")
            });
        }
        let default = get(&fake, "/sessions?user_id=user_many").await.ok();
        assert_eq!(default.as_array().unwrap().len(), 10);
        let max = get(&fake, "/sessions?user_id=user_many&limit=500")
            .await
            .ok();
        assert_eq!(max.as_array().unwrap().len(), 12);
    })
    .await;
}

#[tokio::test]
async fn list_errors() {
    within(async {
        let fake = FakeClerk::start().await;
        for path in [
            "/sessions",
            "/sessions?status=active",
            "/sessions?user_id=&client_id=",
        ] {
            let error = get(&fake, path).await.error(400, "missing_query_parameter");
            assert_eq!(
                error["long_message"],
                "Either of the following query parameters must be provided: client_id, user_id"
            );
        }
        for status in ["pending", "bogus", "ACTIVE"] {
            let path = format!("/sessions?user_id=u&status={status}");
            let error = get(&fake, &path)
                .await
                .error(400, "invalid_query_parameter_value");
            assert_eq!(error["meta"]["param_name"], "status");
        }
        let paginated = get(&fake, "/sessions?user_id=u&paginated=yes").await;
        paginated.error(400, "invalid_query_parameter_value");
        for (param, value) in [
            ("limit", "0"),
            ("limit", "501"),
            ("limit", "-1"),
            ("limit", "ten"),
            ("limit", "99999999999999999999999"),
            ("offset", "-1"),
            ("offset", "1.5"),
        ] {
            let path = format!("/sessions?user_id=u&{param}={value}");
            let error = get(&fake, &path)
                .await
                .error(422, "form_param_value_invalid");
            assert_eq!(error["meta"]["param_name"], param, "{path}");
        }
    })
    .await;
}

// ---------------------------------------------------------------- POST /sessions

#[tokio::test]
async fn create_session() {
    within(async {
        let fake = FakeClerk::builder().now(1_700_000_000_123).start().await;
        fake.add_user("user_1");
        let session = post(&fake, "/sessions", Some(r#"{"user_id":"user_1"}"#))
            .await
            .ok();
        assert_eq!(session["object"], "session");
        assert_eq!(session["status"], "active");
        assert_eq!(session["user_id"], "user_1");
        assert_eq!(session["created_at"], 1_700_000_000_123_i64);
        assert!(session["last_active_organization_id"].is_null());
        assert!(session["actor"].is_null());
        let id = session["id"].as_str().unwrap();
        let client = session["client_id"].as_str().unwrap();
        assert!(id.starts_with("sess_") && id.len() == 32, "{id}");
        assert!(
            client.starts_with("client_") && client.len() == 34,
            "{client}"
        );
        assert_eq!(fake.session(id).unwrap(), session);

        let with_org = post(
            &fake,
            "/sessions",
            Some(r#"{"user_id":"user_1","active_organization_id":"org_1"}"#),
        )
        .await
        .ok();
        assert_eq!(with_org["last_active_organization_id"], "org_1");
        assert_ne!(with_org["id"], session["id"]);
        assert_ne!(with_org["client_id"], session["client_id"]);
    })
    .await;
}

#[tokio::test]
async fn create_session_errors() {
    within(async {
        let fake = FakeClerk::start().await;
        for body in [
            None,
            Some("{}"),
            Some(r#"{"user_id":null}"#),
            Some(r#"{"user_id":""}"#),
        ] {
            let error = post(&fake, "/sessions", body)
                .await
                .error(422, "form_param_missing");
            assert_eq!(error["meta"]["param_name"], "user_id");
        }
        let error = post(&fake, "/sessions", Some(r#"{"user_id":7}"#)).await;
        assert_eq!(
            error.error(422, "form_param_type_invalid")["meta"]["param_name"],
            "user_id"
        );
        let unknown = post(&fake, "/sessions", Some(r#"{"user_id":"user_404"}"#)).await;
        unknown.error(404, "resource_not_found");
        for body in ["not json", "[1]", "{\"user_id\":"] {
            post(&fake, "/sessions", Some(body))
                .await
                .error(400, "request_body_invalid");
        }
    })
    .await;
}

// ---------------------------------------------------------------- revoke

#[tokio::test]
async fn revoke_session() {
    within(async {
        let fake = FakeClerk::start().await;
        let a = fake.add_session("user_1", "client_1");
        let b = fake.add_session("user_1", "client_1");
        let before = fake.session(&a).unwrap();

        let revoked = post(&fake, &format!("/sessions/{a}/revoke"), None)
            .await
            .ok();
        assert_eq!(revoked["status"], "revoked");
        assert!(revoked["updated_at"].as_i64() > before["updated_at"].as_i64());
        assert_eq!(revoked["created_at"], before["created_at"]);
        assert_eq!(fake.session(&a).unwrap(), revoked);
        // `{}` is accepted too.
        let with_body = post(&fake, &format!("/sessions/{b}/revoke"), Some("{}"))
            .await
            .ok();
        assert_eq!(with_body["status"], "revoked");

        // Revoking again answers 200 with the session unchanged.
        let again = post(&fake, &format!("/sessions/{a}/revoke"), None)
            .await
            .ok();
        assert_eq!(again, revoked);
        let ended = fake.add_session_with(SessionSeed {
            status: "ended".into(),
            ..SessionSeed::new("user_1", "client_1")
        });
        let unchanged = post(&fake, &format!("/sessions/{ended}/revoke"), None)
            .await
            .ok();
        assert_eq!(unchanged, fake.session(&ended).unwrap());
        assert_eq!(unchanged["status"], "ended");

        let missing = post(&fake, "/sessions/sess_nope/revoke", None).await;
        let error = missing.error(404, "resource_not_found");
        assert_eq!(
            error["long_message"],
            "No session was found with id sess_nope"
        );
    })
    .await;
}

// ---------------------------------------------------------------- tokens

#[tokio::test]
async fn create_session_token() {
    within(async {
        let fake = FakeClerk::builder().now(1_755_003_600_000).start().await;
        let id = fake.add_session_with(SessionSeed {
            actor: Some(json!({"sub": "user_admin"})),
            ..SessionSeed::new("user_1", "client_1")
        });
        let jwks = get(&fake, "/jwks").await.ok();
        for (body, lifetime) in [
            (None, 60),
            (Some("{}"), 60),
            (Some(r#"{"expires_in_seconds":null}"#), 60),
            (Some(r#"{"expires_in_seconds":30}"#), 30),
            (Some(r#"{"expires_in_seconds":315360000}"#), 315_360_000),
        ] {
            let token = post(&fake, &format!("/sessions/{id}/tokens"), body)
                .await
                .ok();
            assert_eq!(token["object"], "token");
            let jwt = token["jwt"].as_str().unwrap();
            assert!(verify_with_jwks(&jwks, jwt));
            let c = claims(jwt);
            assert_eq!(c["sub"], "user_1");
            assert_eq!(c["sid"], id.as_str());
            assert_eq!(c["iss"], fake.base_url());
            assert_eq!(c["v"], 2);
            assert_eq!(c["act"]["sub"], "user_admin");
            assert_eq!(c["iat"], 1_755_003_600);
            assert_eq!(c["nbf"], 1_755_003_590);
            assert_eq!(c["exp"], 1_755_003_600 + lifetime);
            assert!(c.get("azp").is_none());
            assert_eq!(fake.verify_token(jwt), Some(c));
        }
    })
    .await;
}

#[tokio::test]
async fn session_token_errors() {
    within(async {
        let fake = FakeClerk::start().await;
        let id = fake.add_session("user_1", "client_1");
        for n in ["29", "315360001", "-5", "60.5"] {
            let body = format!(r#"{{"expires_in_seconds":{n}}}"#);
            let reply = post(&fake, &format!("/sessions/{id}/tokens"), Some(&body)).await;
            let error = reply.error(422, "form_param_value_invalid");
            assert_eq!(error["meta"]["param_name"], "expires_in_seconds");
        }
        let wrong_type = r#"{"expires_in_seconds":"60"}"#;
        let reply = post(&fake, &format!("/sessions/{id}/tokens"), Some(wrong_type)).await;
        reply.error(422, "form_param_type_invalid");
        let reply = post(&fake, &format!("/sessions/{id}/tokens"), Some("nope")).await;
        reply.error(400, "request_body_invalid");

        post(&fake, "/sessions/sess_nope/tokens", None)
            .await
            .error(404, "resource_not_found");
        // Sessions that are not active get 404 as well (documented choice).
        post(&fake, &format!("/sessions/{id}/revoke"), None)
            .await
            .ok();
        let revoked = post(&fake, &format!("/sessions/{id}/tokens"), None).await;
        let error = revoked.error(404, "resource_not_found");
        assert_eq!(
            error["long_message"],
            format!("No session was found with id {id}")
        );
        let pending = fake.add_session_with(SessionSeed {
            status: "pending".into(),
            ..SessionSeed::new("user_1", "client_1")
        });
        let reply = post(&fake, &format!("/sessions/{pending}/tokens"), None).await;
        reply.error(404, "resource_not_found");
        // Purged sessions too.
        let purged = fake.add_session("user_1", "client_1");
        assert!(fake.remove_session(&purged));
        let reply = post(&fake, &format!("/sessions/{purged}/tokens"), None).await;
        reply.error(404, "resource_not_found");
    })
    .await;
}

#[tokio::test]
async fn template_tokens() {
    within(async {
        let fake = FakeClerk::builder().now(1_755_003_600_000).start().await;
        let id = fake.add_session("user_1", "client_1");
        fake.add_jwt_template(
            "custom template",
            300,
            json!({"aud": "hasura", "role": "admin", "sub": "ignored"}),
        );
        let jwks = fake.jwks();
        let path = format!("/sessions/{id}/tokens/custom%20template");

        let token = post(&fake, &path, None).await.ok();
        let jwt = token["jwt"].as_str().unwrap();
        assert!(verify_with_jwks(&jwks, jwt));
        let c = claims(jwt);
        assert_eq!(c["aud"], "hasura");
        assert_eq!(c["role"], "admin");
        assert_eq!(
            c["sub"], "user_1",
            "standard claims win over template claims"
        );
        assert_eq!(c["sid"], id.as_str());
        assert_eq!(c["exp"], 1_755_003_600 + 300);

        let body = r#"{"expires_in_seconds":45}"#;
        let overridden = post(&fake, &path, Some(body)).await.ok();
        assert_eq!(
            claims(overridden["jwt"].as_str().unwrap())["exp"],
            1_755_003_645
        );

        let missing = post(&fake, &format!("/sessions/{id}/tokens/nope"), None).await;
        let error = missing.error(404, "resource_not_found");
        assert_eq!(
            error["long_message"],
            "No JWT template exists with name: nope"
        );
        let no_session = post(&fake, "/sessions/sess_nope/tokens/custom%20template", None).await;
        no_session.error(404, "resource_not_found");
        let bad = post(&fake, &path, Some(r#"{"expires_in_seconds":10}"#)).await;
        bad.error(422, "form_param_value_invalid");
    })
    .await;
}

#[tokio::test]
async fn jwks_endpoints_serve_the_key_set_and_verify_tokens() {
    within(async {
        let fake = FakeClerk::builder()
            .rate_limit(1, Duration::from_secs(60))
            .start()
            .await;
        let id = fake.add_session("user_1", "client_1");
        // The Backend API's `/jwks` needs the secret key, like every Backend API path.
        let anonymous = send(http().get(format!("{}/jwks", fake.base_url()))).await;
        anonymous.error(401, "authorization_header_format_invalid");
        // It is not rate limited: three calls with a limit of one request a minute.
        for _ in 0..3 {
            assert_eq!(get(&fake, "/jwks").await.ok(), fake.jwks());
        }
        // The Frontend API's copy is public.
        let well_known = format!("{}/.well-known/jwks.json", fake.frontend_api_url());
        let jwks = send(http().get(well_known)).await.ok();
        assert_eq!(jwks, fake.jwks());
        assert_eq!(fake.jwks_request_count(), 5);
        fake.clear_rate_limit();
        let key = &jwks["keys"][0];
        assert_eq!(key["kty"], "RSA");
        assert_eq!(key["use"], "sig");
        assert_eq!(key["alg"], "RS256");
        assert_eq!(key["e"], "AQAB");
        assert_eq!(
            URL_SAFE_NO_PAD
                .decode(key["n"].as_str().unwrap())
                .unwrap()
                .len(),
            256
        );

        let token = post(&fake, &format!("/sessions/{id}/tokens"), None)
            .await
            .ok();
        let jwt = token["jwt"].as_str().unwrap();
        assert!(verify_with_jwks(&jwks, jwt));
        // A tampered payload fails verification.
        let mut parts: Vec<&str> = jwt.split('.').collect();
        let forged = URL_SAFE_NO_PAD.encode(br#"{"sub":"user_evil"}"#);
        parts[1] = &forged;
        assert!(!verify_with_jwks(&jwks, &parts.join(".")));
        assert_eq!(fake.verify_token(&parts.join(".")), None);
    })
    .await;
}

// ---------------------------------------------------------------- refresh

fn refresh_body(fake: &FakeClerk, id: &str, origin: &str, extra: Value) -> String {
    let mut body = json!({
        "expired_token": fake.expired_token_for(id, "https://app.example.com"),
        "refresh_token": fake.refresh_token_for(id),
        "request_origin": origin,
    });
    for (key, value) in extra.as_object().unwrap() {
        body[key] = value.clone();
    }
    body.to_string()
}

#[tokio::test]
async fn refresh_token_format() {
    within(async {
        let fake = FakeClerk::builder().now(1_755_003_600_000).start().await;
        let id = fake.add_session("user_1", "client_1");
        let expired = fake.expired_token_for(&id, "https://app.example.com");
        let old = claims(&expired);
        assert!(old["exp"].as_i64().unwrap() < 1_755_003_600);
        assert_eq!(old["azp"], "https://app.example.com");

        for extra in [
            json!({}),
            json!({"format": "token"}),
            json!({"format": null, "request_headers": {"user-agent": ["test"]}, "request_originating_ip": "203.0.113.7"}),
        ] {
            let body = refresh_body(&fake, &id, "https://app.example.com", extra);
            let token = post(&fake, &format!("/sessions/{id}/refresh"), Some(&body)).await.ok();
            assert_eq!(token["object"], "token");
            let jwt = token["jwt"].as_str().unwrap();
            assert!(verify_with_jwks(&fake.jwks(), jwt));
            let c = claims(jwt);
            assert_eq!(c["sid"], id.as_str());
            assert_eq!(c["sub"], "user_1");
            assert_eq!(c["azp"], "https://app.example.com");
            assert_eq!(c["exp"], 1_755_003_660);
        }
    })
    .await;
}

#[tokio::test]
async fn refresh_cookie_format() {
    within(async {
        let fake = FakeClerk::builder().now(1_755_003_600_000).start().await;
        let id = fake.add_session("user_1", "client_1");
        let body = refresh_body(
            &fake,
            &id,
            "https://app.example.com",
            json!({"format": "cookie"}),
        );
        let path = format!("/sessions/{id}/refresh?suffixed_cookies=true");
        let cookies = post(&fake, &path, Some(&body)).await.ok();
        assert_eq!(cookies["object"], "cookies");
        let list = cookies["cookies"].as_array().unwrap();
        let session = list
            .iter()
            .filter_map(Value::as_str)
            .find(|c| c.starts_with("__session="))
            .unwrap();
        let jwt = session["__session=".len()..].split(';').next().unwrap();
        assert!(verify_with_jwks(&fake.jwks(), jwt));
        assert!(session.contains("Path=/"));
        assert!(
            list.iter()
                .any(|c| c.as_str().unwrap().starts_with("__client_uat=1755003600;"))
        );
    })
    .await;
}

#[tokio::test]
async fn refresh_errors() {
    within(async {
        let fake = FakeClerk::start().await;
        let id = fake.add_session("user_1", "client_1");
        let other = fake.add_session("user_1", "client_1");
        let origin = "https://app.example.com";
        let path = format!("/sessions/{id}/refresh");

        let unknown = refresh_body(&fake, &id, origin, json!({"suffixed_cookies": true}));
        let error = post(&fake, &path, Some(&unknown))
            .await
            .error(422, "form_param_unknown");
        assert_eq!(error["meta"]["param_name"], "suffixed_cookies");

        for field in ["expired_token", "refresh_token", "request_origin"] {
            let mut body: Value =
                serde_json::from_str(&refresh_body(&fake, &id, origin, json!({}))).unwrap();
            body.as_object_mut().unwrap().remove(field);
            let reply = post(&fake, &path, Some(&body.to_string())).await;
            assert_eq!(
                reply.error(422, "form_param_missing")["meta"]["param_name"],
                field
            );
        }
        post(&fake, &path, None)
            .await
            .error(422, "form_param_missing");
        post(&fake, &path, Some("nope"))
            .await
            .error(400, "request_body_invalid");
        let bad_format = refresh_body(&fake, &id, origin, json!({"format": "xml"}));
        let reply = post(&fake, &path, Some(&bad_format)).await;
        assert_eq!(
            reply.error(422, "form_param_value_invalid")["meta"]["param_name"],
            "format"
        );

        // Unknown session: 401, not 404.
        let body = refresh_body(&fake, "sess_nope", origin, json!({}));
        let reply = post(&fake, "/sessions/sess_nope/refresh", Some(&body)).await;
        reply.error(401, "session_refresh_session_not_found");

        // A token for another session.
        let mismatched = refresh_body(&fake, &other, origin, json!({}));
        post(&fake, &path, Some(&mismatched))
            .await
            .error(401, "refresh_sid_mismatch");

        // Tokens the fake did not sign, or that are not JWTs.
        let valid = post(&fake, &format!("/sessions/{id}/tokens"), None)
            .await
            .ok();
        let jwt = valid["jwt"].as_str().unwrap();
        let (head, _) = jwt.rsplit_once('.').unwrap();
        for token in ["garbage", "a.b.c", &format!("{head}.AAAA")] {
            let body = refresh_body(&fake, &id, origin, json!({"expired_token": token}));
            let reply = post(&fake, &path, Some(&body)).await;
            reply.error(401, "expired_session_token_invalid");
        }

        let wrong_refresh = refresh_body(&fake, &id, origin, json!({"refresh_token": "rt_nope"}));
        post(&fake, &path, Some(&wrong_refresh))
            .await
            .error(401, "refresh_token_not_found");
        let others_refresh = refresh_body(
            &fake,
            &id,
            origin,
            json!({"refresh_token": fake.refresh_token_for(&other)}),
        );
        post(&fake, &path, Some(&others_refresh))
            .await
            .error(401, "refresh_token_not_found");

        let wrong_origin = refresh_body(&fake, &id, "https://evil.example.com", json!({}));
        let reply = post(&fake, &path, Some(&wrong_origin)).await;
        reply.error(401, "refresh_request_origin_azp_mismatch");
        let not_origin = refresh_body(&fake, &id, "app.example.com", json!({}));
        post(&fake, &path, Some(&not_origin))
            .await
            .error(401, "refresh_request_origin_invalid");

        // A token without azp accepts any origin.
        let no_azp = refresh_body(
            &fake,
            &id,
            "https://elsewhere.example.com",
            json!({"expired_token": jwt}),
        );
        post(&fake, &path, Some(&no_azp)).await.ok();

        // A revoked session cannot be refreshed.
        let body = refresh_body(&fake, &id, origin, json!({}));
        post(&fake, &path, Some(&body)).await.ok();
        post(&fake, &format!("/sessions/{id}/revoke"), None)
            .await
            .ok();
        post(&fake, &path, Some(&body))
            .await
            .error(401, "session_refresh_inactive_session");
    })
    .await;
}

// ---------------------------------------------------------------- rate limit

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after() {
    within(async {
        let fake = FakeClerk::builder()
            .rate_limit(2, Duration::from_secs(30))
            .start()
            .await;
        let id = fake.add_session("user_1", "client_1");
        let path = format!("/sessions/{id}");
        get(&fake, &path).await.ok();
        // Unauthenticated requests are refused before they are counted.
        send(http().get(format!("{}{path}", fake.base_url())))
            .await
            .error(401, "authorization_header_format_invalid");
        get(&fake, &path).await.ok();
        let limited = get(&fake, &path).await;
        let error = limited.error(429, "too_many_requests");
        assert_eq!(error["message"], "Too many requests");
        let retry_after: u64 = limited.headers[header::RETRY_AFTER]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=30).contains(&retry_after), "{retry_after}");
        // /jwks is never limited.
        get(&fake, "/jwks").await.ok();

        fake.clear_rate_limit();
        get(&fake, &path).await.ok();
        fake.set_rate_limit(1, Duration::from_secs(5));
        get(&fake, &path).await.ok();
        let limited = get(&fake, &path).await;
        limited.error(429, "too_many_requests");
        let retry_after: u64 = limited.headers[header::RETRY_AFTER]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=5).contains(&retry_after), "{retry_after}");
    })
    .await;
}

// ---------------------------------------------------------------- faults

#[tokio::test]
async fn status_faults() {
    within(async {
        let fake = FakeClerk::start().await;
        let id = fake.add_session("user_1", "client_1");
        let path = format!("/sessions/{id}");
        fake.inject(Fault::Status(503), 2);
        fake.inject(Fault::Status(429), 1);
        fake.inject(Fault::Status(404), 1);
        get(&fake, &path).await.error(503, "internal_clerk_error");
        // Faults come before auth.
        let unauthenticated = send(http().get(format!("{}{path}", fake.base_url()))).await;
        unauthenticated.error(503, "internal_clerk_error");
        let limited = get(&fake, &path).await;
        limited.error(429, "too_many_requests");
        assert_eq!(limited.headers[header::RETRY_AFTER], "1");
        get(&fake, &path).await.error(404, "resource_not_found");
        get(&fake, &path).await.ok();
        assert_eq!(fake.request_count(), 5);
    })
    .await;
}

#[tokio::test]
async fn non_json_and_truncated_faults() {
    within(async {
        let fake = FakeClerk::start().await;
        let id = fake.add_session("user_1", "client_1");
        let path = format!("/sessions/{id}");
        fake.inject(Fault::NonJsonBody, 1);
        fake.inject(Fault::TruncatedJson, 1);

        let html = get(&fake, &path).await;
        assert_eq!(html.status, 502);
        assert_eq!(html.content_type(), "text/html");
        assert_eq!(html.text, "<html>Bad Gateway</html>");

        let truncated = get(&fake, &path).await;
        assert_eq!(truncated.status, 200);
        assert_eq!(truncated.content_type(), "application/json");
        assert!(!truncated.text.is_empty());
        assert!(serde_json::from_str::<Value>(&truncated.text).is_err());

        get(&fake, &path).await.ok();
    })
    .await;
}

#[tokio::test]
async fn drop_connection_fault_closes_without_response() {
    within(async {
        let fake = FakeClerk::start().await;
        let id = fake.add_session("user_1", "client_1");
        let url = format!("{}/sessions/{id}", fake.base_url());
        fake.inject(Fault::DropConnection, 1);
        let error = http()
            .get(&url)
            .bearer_auth(fake.secret_key())
            .send()
            .await
            .expect_err("the connection must close without a response");
        assert!(!error.is_timeout() && !error.is_status(), "{error:?}");
        assert!(error.is_request() || error.is_connect(), "{error:?}");
        // The request was recorded, and the next one is answered.
        assert_eq!(fake.request_count(), 1);
        get(&fake, &format!("/sessions/{id}")).await.ok();
    })
    .await;
}

#[tokio::test]
async fn delay_fault_delays_then_answers() {
    within(async {
        let fake = FakeClerk::start().await;
        let id = fake.add_session("user_1", "client_1");
        let path = format!("/sessions/{id}");

        fake.inject(Fault::Delay(Duration::from_millis(50)), 1);
        let started = Instant::now();
        get(&fake, &path).await.ok();
        assert!(started.elapsed() >= Duration::from_millis(50));

        fake.inject(Fault::Delay(Duration::from_secs(60)), 1);
        let client = reqwest::Client::builder()
            .timeout(Duration::from_millis(100))
            .build()
            .unwrap();
        let error = client
            .get(format!("{}{path}", fake.base_url()))
            .bearer_auth(fake.secret_key())
            .send()
            .await
            .expect_err("the response is delayed past the client timeout");
        assert!(error.is_timeout(), "{error:?}");
        get(&fake, &path).await.ok();
    })
    .await;
}

// ---------------------------------------------------------------- plumbing

#[tokio::test]
async fn requests_are_recorded_raw() {
    within(async {
        let fake = FakeClerk::start().await;
        let id = fake.add_session("user_1", "client_1");
        get(&fake, "/sessions?user_id=user%5F1&paginated=true")
            .await
            .ok();
        post(
            &fake,
            &format!("/sessions/{id}/tokens"),
            Some(r#"{"expires_in_seconds":60}"#),
        )
        .await
        .ok();
        send(http().get(format!("{}/.well-known/jwks.json", fake.base_url())))
            .await
            .ok();

        let requests = fake.requests();
        assert_eq!(requests.len(), 3);
        assert_eq!(fake.request_count(), 3);
        assert_eq!(requests[0].method, "GET");
        assert_eq!(requests[0].path, "/sessions");
        assert_eq!(
            requests[0].query.as_deref(),
            Some("user_id=user%5F1&paginated=true")
        );
        assert_eq!(
            requests[0].header("Authorization"),
            Some("Bearer sk_test_fake")
        );
        assert!(requests[0].body.is_empty());
        assert_eq!(requests[1].method, "POST");
        assert_eq!(requests[1].path, format!("/sessions/{id}/tokens"));
        assert_eq!(requests[1].query, None);
        assert_eq!(requests[1].header("content-type"), Some("application/json"));
        assert_eq!(
            requests[1].body_json(),
            Some(json!({"expires_in_seconds": 60}))
        );
        assert_eq!(requests[2].path, "/.well-known/jwks.json");
        fake.clear_requests();
        assert_eq!(fake.request_count(), 0);
    })
    .await;
}

#[tokio::test]
async fn odd_requests_get_errors_not_crashes() {
    within(async {
        let fake = FakeClerk::start().await;
        get(&fake, "/nope").await.error(404, "resource_not_found");
        get(&fake, "/v1/sessions?user_id=u")
            .await
            .error(404, "resource_not_found");
        get(&fake, "/sessions/a/b/c/d")
            .await
            .error(404, "resource_not_found");
        call(&fake, Method::DELETE, "/sessions/x", None)
            .await
            .error(405, "method_not_allowed");
        get(&fake, "/sessions/x/revoke")
            .await
            .error(405, "method_not_allowed");
        post(&fake, "/jwks", None)
            .await
            .error(405, "method_not_allowed");
        get(&fake, "/sessions//revoke")
            .await
            .error(405, "method_not_allowed");
        post(&fake, "/sessions//revoke", None)
            .await
            .error(404, "resource_not_found");
        get(&fake, "/sessions?user_id=%FF%FE&limit=%00")
            .await
            .error(422, "form_param_value_invalid");
        let huge = "x".repeat(5 * 1024 * 1024);
        post(&fake, "/sessions", Some(&huge))
            .await
            .error(400, "request_body_invalid");
        // The server is still fine.
        get(&fake, "/sessions?user_id=u").await.ok();
    })
    .await;
}

#[tokio::test]
async fn seeding_helpers() {
    within(async {
        let fake = FakeClerk::builder().now(5_000).start().await;
        assert_eq!(fake.now_ms(), 5_000);
        let id = fake.add_session_with(SessionSeed::default());
        let session = fake.session(&id).unwrap();
        assert!(session["user_id"].as_str().unwrap().starts_with("user_"));
        assert!(
            session["client_id"]
                .as_str()
                .unwrap()
                .starts_with("client_")
        );
        assert_eq!(session["created_at"], 5_000);

        // The generated user exists, so POST /sessions works for it.
        let body = json!({"user_id": session["user_id"]}).to_string();
        post(&fake, "/sessions", Some(&body)).await.ok();

        assert!(fake.set_session_status(&id, "expired"));
        assert!(!fake.set_session_status("sess_nope", "expired"));
        assert_eq!(fake.session(&id).unwrap()["status"], "expired");
        fake.set_now(9_000);
        let later = fake.add_session("user_x", "client_x");
        assert_eq!(fake.session(&later).unwrap()["created_at"], 9_000);

        // Re-seeding an id replaces the session.
        fake.add_session_with(SessionSeed {
            id: Some(id.clone()),
            status: "active".into(),
            ..SessionSeed::new("user_y", "client_y")
        });
        assert_eq!(fake.session(&id).unwrap()["user_id"], "user_y");
        assert!(fake.remove_session(&id));
        assert!(!fake.remove_session(&id));
        assert_eq!(fake.session(&id), None);
        assert!(format!("{fake:?}").contains("127.0.0.1"));
    })
    .await;
}

#[test]
fn fake_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<FakeClerk>();
    assert_send_sync::<clerk_sessions_fake::FakeClerkBuilder>();
    assert_send_sync::<Fault>();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn works_on_a_multi_thread_runtime() {
    within(async {
        let fake = FakeClerk::start().await;
        let id = fake.add_session("user_1", "client_1");
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let url = format!("{}/sessions/{id}/tokens", fake.base_url());
                let key = fake.secret_key().to_owned();
                tokio::spawn(async move { send(http().post(url).bearer_auth(key)).await })
            })
            .collect();
        for task in tasks {
            task.await.unwrap().ok();
        }
        assert_eq!(fake.request_count(), 8);
    })
    .await;
}

#[tokio::test]
async fn dropping_the_fake_stops_the_server() {
    within(async {
        let fake = FakeClerk::start().await;
        let client = http();
        let url = format!("{}/.well-known/jwks.json", fake.base_url());
        // Warm a kept-alive connection, then drop the fake.
        assert_eq!(client.get(&url).send().await.unwrap().status(), 200);
        drop(fake);
        assert!(client.get(&url).send().await.is_err());
        assert!(http().get(&url).send().await.is_err());
    })
    .await;
}

// ---------------------------------------------------------------- minted tokens

#[tokio::test]
async fn minted_tokens_carry_the_chosen_claims_and_key() {
    within(async {
        let fake = FakeClerk::builder().now(1_755_003_600_000).start().await;
        let jwks = fake.jwks();

        let default = fake.token().sign();
        assert!(verify_with_jwks(&jwks, &default));
        let c = claims(&default);
        assert_eq!(c["iss"], fake.base_url());
        assert_eq!(
            (c["sub"].clone(), c["sid"].clone()),
            (json!("user_test"), json!("sess_test"))
        );
        assert_eq!(
            (c["sts"].clone(), c["v"].clone()),
            (json!("active"), json!(2))
        );
        assert_eq!(c["iat"], 1_755_003_600);
        assert_eq!(c["nbf"], 1_755_003_590);
        assert_eq!(c["exp"], 1_755_003_660);
        assert!(c.get("azp").is_none());

        let custom = fake
            .token()
            .user("user_1")
            .session("sess_1")
            .status("pending")
            .authorized_party("https://app.example.com")
            .issued_at(100)
            .expires_in(-1)
            .claim("exp", json!("soon"))
            .without("nbf")
            .claim("o", json!({"id": "org_1"}))
            .header("kid", json!("other"))
            .sign();
        let c = claims(&custom);
        assert_eq!(c["sub"], "user_1");
        assert_eq!(c["sid"], "sess_1");
        assert_eq!(c["sts"], "pending");
        assert_eq!(c["azp"], "https://app.example.com");
        assert_eq!(c["iat"], 100);
        assert_eq!(c["exp"], "soon", "claim() wins over the lifetime");
        assert!(c.get("nbf").is_none());
        assert_eq!(c["o"]["id"], "org_1");
        let header: Value = serde_json::from_slice(
            &URL_SAFE_NO_PAD
                .decode(custom.split('.').next().unwrap())
                .unwrap(),
        )
        .unwrap();
        assert_eq!(
            header,
            json!({"alg": "RS256", "kid": "other", "typ": "JWT"})
        );
        assert_eq!(claims(&fake.token().expires_at(7).sign())["exp"], 7);

        // The second key is published nowhere: its tokens do not verify.
        let other = fake.token().key(TestKey::Other).sign();
        assert_eq!(fake.verify_token(&other), None);
        assert!(
            other.starts_with(
                &URL_SAFE_NO_PAD
                    .encode(r#"{"alg":"RS256","kid":"ins_fake_clerk_other_key","typ":"JWT"}"#)
            )
        );
        assert_ne!(
            TestKey::Jwks.public_key_pem(),
            TestKey::Other.public_key_pem()
        );
        assert_eq!(TestKey::Jwks.kid(), jwks["keys"][0]["kid"]);

        // Raw signing: any bytes, a valid signature.
        let header = br#"{"alg":"RS256","kid":"ins_fake_clerk_test_key","typ":"JWT"}"#;
        let raw = fake.sign_raw(header, b"not json", TestKey::Jwks);
        assert_eq!(
            raw.split('.').nth(1),
            Some(URL_SAFE_NO_PAD.encode("not json").as_str())
        );
        assert!(verify_with_jwks(&jwks, &raw));
        assert_eq!(fake.verify_token(&raw), None, "not a JSON object");
    })
    .await;
}
