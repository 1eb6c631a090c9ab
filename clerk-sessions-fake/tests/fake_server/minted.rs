//! Tokens minted directly by the fake (`token()`, `sign_raw`) and its test keys.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use clerk_sessions_fake::{FakeClerk, TestKey};
use serde_json::{Value, json};

use crate::support::{claims, verify_with_jwks, within};
#[tokio::test]
async fn minted_tokens_carry_the_chosen_claims_and_key() {
    within(async {
        let fake = FakeClerk::builder().now(1_755_003_600_000).start().await;
        let jwks = fake.jwks();

        let default = fake.token().sign();
        assert!(verify_with_jwks(&jwks, &default));
        let c = claims(&default);
        assert_eq!(c["iss"], fake.base_url());
        assert_eq!(
            (c["sub"].clone(), c["sid"].clone()),
            (json!("user_test"), json!("sess_test"))
        );
        assert_eq!(
            (c["sts"].clone(), c["v"].clone()),
            (json!("active"), json!(2))
        );
        assert_eq!(c["iat"], 1_755_003_600);
        assert_eq!(c["nbf"], 1_755_003_590);
        assert_eq!(c["exp"], 1_755_003_660);
        assert!(c.get("azp").is_none());

        let custom = fake
            .token()
            .user("user_1")
            .session("sess_1")
            .status("pending")
            .authorized_party("https://app.example.com")
            .issued_at(100)
            .expires_in(-1)
            .claim("exp", json!("soon"))
            .without("nbf")
            .claim("o", json!({"id": "org_1"}))
            .header("kid", json!("other"))
            .sign();
        let c = claims(&custom);
        assert_eq!(c["sub"], "user_1");
        assert_eq!(c["sid"], "sess_1");
        assert_eq!(c["sts"], "pending");
        assert_eq!(c["azp"], "https://app.example.com");
        assert_eq!(c["iat"], 100);
        assert_eq!(c["exp"], "soon", "claim() wins over the lifetime");
        assert!(c.get("nbf").is_none());
        assert_eq!(c["o"]["id"], "org_1");
        let header: Value = serde_json::from_slice(
            &URL_SAFE_NO_PAD
                .decode(custom.split('.').next().unwrap())
                .unwrap(),
        )
        .unwrap();
        assert_eq!(
            header,
            json!({"alg": "RS256", "kid": "other", "typ": "JWT"})
        );
        assert_eq!(claims(&fake.token().expires_at(7).sign())["exp"], 7);

        // The second key is published nowhere: its tokens do not verify.
        let other = fake.token().key(TestKey::Other).sign();
        assert_eq!(fake.verify_token(&other), None);
        assert!(
            other.starts_with(
                &URL_SAFE_NO_PAD
                    .encode(r#"{"alg":"RS256","kid":"ins_fake_clerk_other_key","typ":"JWT"}"#)
            )
        );
        assert_ne!(
            TestKey::Jwks.public_key_pem(),
            TestKey::Other.public_key_pem()
        );
        assert_eq!(TestKey::Jwks.kid(), jwks["keys"][0]["kid"]);

        // Raw signing: any bytes, a valid signature.
        let header = br#"{"alg":"RS256","kid":"ins_fake_clerk_test_key","typ":"JWT"}"#;
        let raw = fake.sign_raw(header, b"not json", TestKey::Jwks);
        assert_eq!(
            raw.split('.').nth(1),
            Some(URL_SAFE_NO_PAD.encode("not json").as_str())
        );
        assert!(verify_with_jwks(&jwks, &raw));
        assert_eq!(fake.verify_token(&raw), None, "not a JSON object");
    })
    .await;
}
