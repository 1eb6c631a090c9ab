//! `POST /sessions/{id}/refresh`: token and cookie formats, and every refusal.

use clerk_sessions_fake::FakeClerk;
use serde_json::{Value, json};

use crate::support::{claims, post, verify_with_jwks, within};
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
