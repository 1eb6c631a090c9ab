//! Token operations: `refresh_session` in both formats, and
//! `create_session_token` (plain and from a template) with its lifetime check.

use std::collections::BTreeMap;

use clerk_sessions::{Error, RefreshFormat, SessionRefresh, TemplateName};
use serde_json::json;

use crate::support::{assert_common, assert_no_body, body_json, setup, sid};

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
