//! `GET /sessions`: filters, order, pagination and its errors.

use clerk_sessions_fake::{FakeClerk, SessionSeed};
use serde_json::json;

use crate::support::{get, ids, within};
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
