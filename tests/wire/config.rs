//! Client configuration on the wire: API version, a caller's HTTP client and a
//! base URL with a path prefix.

use clerk_sessions::Client;

use crate::support::{KEY, assert_common, session_json, setup, sid};

#[tokio::test]
async fn api_version_is_configurable() {
    let (server, _) = setup(session_json("s")).await;
    let client = Client::builder()
        .secret_key(KEY)
        .base_url(server.base_url())
        .api_version("2025-11-10")
        .build()
        .unwrap();
    client.get_session(&sid("s")).send().await.unwrap();
    assert_eq!(
        server.only().header("clerk-api-version"),
        Some("2025-11-10")
    );
}

#[tokio::test]
async fn a_caller_supplied_http_client_still_gets_auth_per_request() {
    let (server, _) = setup(session_json("s")).await;
    let http = reqwest::Client::builder().build().unwrap();
    let client = Client::builder()
        .secret_key(KEY)
        .base_url(server.base_url())
        .http_client(http)
        .build()
        .unwrap();
    client.get_session(&sid("s")).send().await.unwrap();
    assert_common(&server.only());
}

#[tokio::test]
async fn base_url_with_a_path_prefix_is_kept() {
    let (server, _) = setup(session_json("s")).await;
    let client = Client::builder()
        .secret_key(KEY)
        .base_url(format!("{}/v1/", server.base_url()))
        .build()
        .unwrap();
    client.get_session(&sid("s")).send().await.unwrap();
    assert_eq!(server.only().path, "/v1/sessions/s");
}
