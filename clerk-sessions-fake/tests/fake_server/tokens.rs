//! Session tokens: `POST /sessions/{id}/tokens`, JWT templates and the JWKS
//! endpoints that verify them.

use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use clerk_sessions_fake::{FakeClerk, SessionSeed};
use serde_json::json;

use crate::support::{claims, get, http, post, send, verify_with_jwks, within};
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
