//! Authentication: the Authorization header, wrong keys, several keys and a
//! production instance.

use clerk_sessions_fake::FakeClerk;

use crate::support::{get, http, send, within};
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
