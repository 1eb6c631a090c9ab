//! Ids in paths: each stays inside one percent-encoded segment, and ids that
//! cannot are rejected before sending.

use clerk_sessions::{Error, SessionId, TemplateName};
use serde_json::json;

use crate::support::{session_json, setup, sid};

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
