//! `get_session_list`: the filters and pagination it sends, the shapes it
//! decodes, and the limit it checks before sending.

use clerk_sessions::{ClientId, Error, SessionStatusFilter, UserId};
use serde_json::json;

use crate::support::{assert_common, assert_no_body, session_json, setup};

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
