//! One session: `create_session`, `get_session` and `revoke_session` on the
//! wire, and the decoding of every session field.

use clerk_sessions::{OrganizationId, SessionStatus, SessionTaskKey};
use serde_json::json;

use crate::support::{assert_common, assert_no_body, body_json, session_json, setup, sid};

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
