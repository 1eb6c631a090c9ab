//! Every check of `clerk_sessions::verify::Verifier`, with tokens the fake
//! mints and hand-crafted hostile ones, on a fixed clock.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod support;

use std::time::Duration;

use clerk_sessions::SessionStatus;
use clerk_sessions::testing::{FakeClerk, TestKey};
use clerk_sessions::verify::{Verifier, VerifyError};
use serde_json::json;
use support::{NOW_SECS, b64, fake, hs256_with_public_key, verifier};

#[tokio::test]
async fn a_valid_token_gives_typed_claims() {
    let fake = fake().await;
    let token = fake
        .token()
        .user("user_1")
        .session("sess_1")
        .authorized_party("https://app.example.com")
        .claim("custom", json!({"plan": "pro"}))
        .sign();
    let claims = verifier().verify(&token).await.unwrap();
    assert_eq!(claims.user_id, "user_1");
    assert_eq!(claims.session_id, "sess_1");
    assert_eq!(claims.session_status, Some(SessionStatus::Active));
    assert_eq!(claims.version, 2);
    assert_eq!(claims.issuer.as_deref(), Some(fake.base_url().as_str()));
    assert_eq!(
        claims.authorized_party.as_deref(),
        Some("https://app.example.com")
    );
    assert_eq!(claims.issued_at, Some(NOW_SECS));
    assert_eq!(claims.not_before, Some(NOW_SECS - 10));
    assert_eq!(claims.expires_at, NOW_SECS + 60);
    assert_eq!(claims.organization, None);
    assert_eq!(claims.actor, None);
    assert_eq!(claims.raw["custom"]["plan"], "pro");
}

#[tokio::test]
async fn keys_from_spki_pkcs1_and_jwks_all_verify() {
    let fake = fake().await;
    let token = fake.token().sign();
    let from_jwks = Verifier::from_jwks(&fake.jwks().to_string()).unwrap();
    let from_pkcs1 = Verifier::from_pem(support::PKCS1_PEM).unwrap();
    for verifier in [verifier(), from_pkcs1, from_jwks] {
        let verifier = verifier.clock(support::now);
        assert_eq!(verifier.verify(&token).await.unwrap().user_id, "user_test");
    }
}

#[tokio::test]
async fn only_rs256_is_accepted() {
    let fake = fake().await;
    let payload = fake.token().sign().split('.').nth(1).unwrap().to_owned();
    let kid = TestKey::Jwks.kid();
    // An RS256 signature under a header that claims another algorithm.
    for alg in [
        json!("RS384"),
        json!("RS512"),
        json!("PS256"),
        json!("ES256"),
        json!("rs256"),
        json!(null),
        json!(256),
    ] {
        let token = fake.token().header("alg", alg.clone()).sign();
        let result = verifier().verify(&token).await;
        assert!(
            matches!(result, Err(VerifyError::UnsupportedAlgorithm)),
            "{alg}: {result:?}"
        );
    }
    // `none`, with and without a signature part.
    for signature in ["", "c2ln"] {
        let token = format!(
            "{}.{payload}.{signature}",
            b64(r#"{"alg":"none","typ":"JWT"}"#)
        );
        assert!(matches!(
            verifier().verify(&token).await,
            Err(VerifyError::UnsupportedAlgorithm)
        ));
    }
    // HS256 keyed with the public key (the classic key-confusion attack),
    // with the PEM text and with the JWKS modulus as the HMAC secret.
    for secret in [
        TestKey::Jwks.public_key_pem().as_bytes().to_vec(),
        support::jwks_modulus(&fake),
    ] {
        let token = hs256_with_public_key(&payload, kid, &secret);
        assert!(matches!(
            verifier().verify(&token).await,
            Err(VerifyError::UnsupportedAlgorithm)
        ));
        let jwks = Verifier::from_jwks(&fake.jwks().to_string())
            .unwrap()
            .clock(support::now);
        assert!(matches!(
            jwks.verify(&token).await,
            Err(VerifyError::UnsupportedAlgorithm)
        ));
    }
    // `alg` said twice: refused as malformed, whichever comes last.
    let header = b64(r#"{"alg":"RS256","alg":"none","kid":"k"}"#);
    let token = format!("{header}.{payload}.c2ln");
    assert!(matches!(
        verifier().verify(&token).await,
        Err(VerifyError::Malformed { .. })
    ));
    let crit = fake.token().header("crit", json!(["exp"])).sign();
    assert!(matches!(
        verifier().verify(&crit).await,
        Err(VerifyError::Malformed { .. })
    ));
}

#[tokio::test]
async fn signatures_must_verify_with_the_right_key() {
    let fake = fake().await;
    let good = fake.token().sign();
    let mut parts: Vec<String> = good.split('.').map(str::to_owned).collect();

    // Signed by another key but naming the JWKS key.
    let other = fake
        .token()
        .key(TestKey::Other)
        .header("kid", json!(TestKey::Jwks.kid()))
        .sign();
    let jwks = Verifier::from_jwks(&fake.jwks().to_string())
        .unwrap()
        .clock(support::now);
    for v in [verifier(), jwks.clone()] {
        assert!(matches!(
            v.verify(&other).await,
            Err(VerifyError::BadSignature)
        ));
    }
    // A tampered payload (another user), with the original signature.
    let original = parts[1].clone();
    parts[1] = b64(&format!(
        r#"{{"sub":"user_admin","sid":"s","exp":{}}}"#,
        NOW_SECS + 60
    ));
    assert!(matches!(
        verifier().verify(&parts.join(".")).await,
        Err(VerifyError::BadSignature)
    ));
    parts[1] = original;
    // A flipped signature byte, a truncated signature, no signature.
    let mut signature = support::unb64(&parts[2]);
    signature[10] ^= 1;
    let flipped = format!("{}.{}.{}", parts[0], parts[1], b64_bytes(&signature));
    let truncated = format!("{}.{}.{}", parts[0], parts[1], b64_bytes(&signature[..200]));
    let empty = format!("{}.{}.", parts[0], parts[1]);
    for token in [flipped, truncated, empty] {
        assert!(matches!(
            verifier().verify(&token).await,
            Err(VerifyError::BadSignature)
        ));
    }
    // A key set without the token's kid.
    let unknown = fake.token().key(TestKey::Other).sign();
    assert!(matches!(
        jwks.verify(&unknown).await,
        Err(VerifyError::UnknownKey)
    ));
    let no_kid = fake.token().header("kid", json!(null)).sign();
    assert!(
        jwks.verify(&no_kid).await.is_ok(),
        "one key: a token without kid uses it"
    );
}

fn b64_bytes(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[tokio::test]
async fn expiry_not_before_and_issued_at_allow_the_skew_and_no_more() {
    let fake = fake().await;
    let v = verifier(); // default skew: 5 s
    let exp = |secs| {
        fake.token()
            .issued_at(NOW_SECS - 120)
            .expires_at(secs)
            .sign()
    };
    assert!(v.verify(&exp(NOW_SECS - 4)).await.is_ok());
    assert!(matches!(
        v.verify(&exp(NOW_SECS - 5)).await,
        Err(VerifyError::Expired)
    ));
    assert!(
        matches!(
            v.verify(&exp(NOW_SECS - 6)).await,
            Err(VerifyError::Expired)
        ),
        "one second beyond the skew"
    );
    let nbf = |secs| fake.token().not_before(secs).sign();
    assert!(v.verify(&nbf(NOW_SECS + 5)).await.is_ok());
    assert!(matches!(
        v.verify(&nbf(NOW_SECS + 6)).await,
        Err(VerifyError::NotYetValid)
    ));
    let iat = |secs| {
        fake.token()
            .issued_at(secs)
            .not_before(NOW_SECS - 10)
            .expires_at(NOW_SECS + 60)
            .sign()
    };
    assert!(v.verify(&iat(NOW_SECS + 5)).await.is_ok());
    assert!(matches!(
        v.verify(&iat(NOW_SECS + 6)).await,
        Err(VerifyError::IssuedInFuture)
    ));
    // A configured skew.
    let strict = v.clone().clock_skew(Duration::ZERO);
    assert!(matches!(
        strict.verify(&exp(NOW_SECS)).await,
        Err(VerifyError::Expired)
    ));
    assert!(strict.verify(&exp(NOW_SECS + 1)).await.is_ok());
    assert!(matches!(
        strict.verify(&nbf(NOW_SECS + 1)).await,
        Err(VerifyError::NotYetValid)
    ));
    let lenient = v.clock_skew(Duration::from_secs(60));
    assert!(lenient.verify(&exp(NOW_SECS - 59)).await.is_ok());
    assert!(matches!(
        lenient.verify(&exp(NOW_SECS - 61)).await,
        Err(VerifyError::Expired)
    ));
    // Without nbf and iat, only exp is checked; without exp, nothing verifies.
    let bare = fake.token().without("nbf").without("iat").sign();
    assert!(verifier().verify(&bare).await.is_ok());
    let forever = fake.token().without("exp").sign();
    let result = verifier().verify(&forever).await;
    assert!(
        matches!(result, Err(VerifyError::InvalidClaim { claim: "exp", .. })),
        "{result:?}"
    );
}

#[tokio::test]
async fn authorized_parties_and_issuer() {
    let fake = fake().await;
    let app = "https://app.example.com";
    let v = verifier().authorized_parties([app, "https://admin.example.com"]);
    assert!(
        v.verify(&fake.token().authorized_party(app).sign())
            .await
            .is_ok()
    );
    let evil = fake
        .token()
        .authorized_party("https://evil.example.com")
        .sign();
    assert!(matches!(
        v.verify(&evil).await,
        Err(VerifyError::UnauthorizedParty)
    ));
    // As Clerk's SDKs: a token without azp passes; without a list, any azp does.
    assert!(v.verify(&fake.token().sign()).await.is_ok());
    assert!(verifier().verify(&evil).await.is_ok());
    let owned = verifier().authorized_parties(vec![app.to_owned()]);
    assert!(matches!(
        owned.verify(&evil).await,
        Err(VerifyError::UnauthorizedParty)
    ));

    let v = verifier().issuer(fake.base_url());
    assert!(v.verify(&fake.token().sign()).await.is_ok());
    let wrong = fake
        .token()
        .issuer("https://evil.clerk.accounts.dev")
        .sign();
    assert!(matches!(
        v.verify(&wrong).await,
        Err(VerifyError::WrongIssuer)
    ));
    let missing = fake.token().without("iss").sign();
    assert!(matches!(
        v.verify(&missing).await,
        Err(VerifyError::WrongIssuer)
    ));
    assert!(
        verifier().verify(&wrong).await.is_ok(),
        "not checked unless configured"
    );
}

#[tokio::test]
async fn pending_sessions_are_reported_and_may_be_refused() {
    let fake = fake().await;
    let pending = fake.token().status("pending").sign();
    let claims = verifier().verify(&pending).await.unwrap();
    assert_eq!(claims.session_status, Some(SessionStatus::Pending));
    assert!(claims.is_pending());
    let strict = verifier().reject_pending();
    assert!(matches!(
        strict.verify(&pending).await,
        Err(VerifyError::SessionPending)
    ));
    assert!(strict.verify(&fake.token().sign()).await.is_ok());
    let odd = verifier()
        .verify(&fake.token().status("paused").sign())
        .await
        .unwrap();
    assert_eq!(
        odd.session_status,
        Some(SessionStatus::Unknown("paused".into()))
    );
    let v1 = verifier()
        .verify(&fake.token().without("sts").without("v").sign())
        .await
        .unwrap();
    assert_eq!((v1.session_status, v1.version), (None, 1));
}

#[tokio::test]
async fn organization_and_actor_claims_of_both_versions() {
    let fake = fake().await;
    let v2 = fake
        .token()
        .claim("fea", json!("o:dashboard,u:billing,o:impersonation"))
        .claim("o", json!({"id": "org_1", "slg": "acme", "rol": "admin", "per": "read,manage", "fpm": "3,2"}))
        .actor(json!({"sub": "user_admin", "iss": "https://dashboard.clerk.com"}))
        .sign();
    let claims = verifier().verify(&v2).await.unwrap();
    let org = claims.organization.unwrap();
    assert_eq!(org.id, "org_1");
    assert_eq!(org.slug.as_deref(), Some("acme"));
    assert_eq!(org.role.as_deref(), Some("org:admin"));
    assert_eq!(
        org.permissions,
        [
            "org:dashboard:read",
            "org:dashboard:manage",
            "org:impersonation:manage"
        ]
    );
    assert!(org.has_permission("org:dashboard:manage"));
    let actor = claims.actor.unwrap();
    assert_eq!(actor.user_id, "user_admin");
    assert_eq!(actor.raw["iss"], "https://dashboard.clerk.com");

    let v1 = fake
        .token()
        .without("v")
        .claim("org_id", json!("org_2"))
        .claim("org_slug", json!("globex"))
        .claim("org_role", json!("org:member"))
        .claim("org_permissions", json!(["org:sys_memberships:read"]))
        .sign();
    let org = verifier().verify(&v1).await.unwrap().organization.unwrap();
    assert_eq!(
        (org.id.as_str(), org.slug.as_deref()),
        ("org_2", Some("globex"))
    );
    assert_eq!(org.role.as_deref(), Some("org:member"));
    assert_eq!(org.permissions, ["org:sys_memberships:read"]);
    // A version 2 token's v1 claims are not read, and the reverse.
    let mixed = fake.token().claim("org_id", json!("org_2")).sign();
    assert_eq!(verifier().verify(&mixed).await.unwrap().organization, None);
}

#[tokio::test]
async fn fake_tokens_verify_against_the_fakes_keys() {
    // What users' own tests do: tokens from the fake's API, keys from its PEM.
    let fake = FakeClerk::start().await;
    let session = fake.add_session("user_1", "client_1");
    let client = clerk_sessions::Client::builder()
        .secret_key(fake.secret_key())
        .base_url(fake.base_url())
        .build()
        .unwrap();
    let token = client
        .create_session_token(&session.parse().unwrap())
        .send()
        .await
        .unwrap();
    let claims = Verifier::from_pem(TestKey::Jwks.public_key_pem())
        .unwrap()
        .verify(token.jwt.expose())
        .await
        .unwrap();
    assert_eq!(
        (claims.user_id.as_str(), claims.session_id.as_str()),
        ("user_1", session.as_str())
    );
}
