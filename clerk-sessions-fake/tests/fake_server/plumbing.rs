//! Plumbing: request recording, odd requests, seeding helpers, thread safety
//! and shutdown.

use clerk_sessions_fake::{FakeClerk, Fault, SessionSeed};
use reqwest::Method;
use serde_json::json;

use crate::support::{call, get, http, post, send, within};
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
