//! One session: `GET /sessions/{id}`, `POST /sessions` and
//! `POST /sessions/{id}/revoke`, with their errors and how ids are decoded.

use clerk_sessions_fake::{FakeClerk, SessionSeed};
use serde_json::json;

use crate::support::{get, post, within};
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
