//! Hostile input for `clerk_sessions::verify`: malformed tokens, claims of
//! the wrong type, PEM that is not an RSA public key, and errors that must not
//! repeat the token.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod support;

use clerk_sessions::testing::TestKey;
use clerk_sessions::verify::{Verifier, VerifyError};
use serde_json::json;
use support::{b64, fake, verifier};

#[tokio::test]
async fn malformed_tokens_are_refused_by_name() {
    let fake = fake().await;
    let good = fake.token().sign();
    let (head, rest) = good.split_once('.').unwrap();
    let huge = format!("{head}.{}.sig", "A".repeat(1 << 20));
    let signed =
        |header: &str, payload: &[u8]| fake.sign_raw(header.as_bytes(), payload, TestKey::Jwks);
    let rs256 = format!(r#"{{"alg":"RS256","kid":"{}"}}"#, TestKey::Jwks.kid());
    let cases = [
        ("empty", String::new()),
        ("one part", "abc".to_owned()),
        (
            "two parts",
            format!("{head}.{}", rest.split('.').next().unwrap()),
        ),
        ("four parts", format!("{good}.x")),
        ("truncated", good[..good.len() / 2].replace('.', "")),
        ("huge (1 MB)", huge),
        ("header not base64", format!("!!!.{rest}")),
        ("header padded", format!("{head}=.{rest}")),
        ("header not JSON", format!("{}.{rest}", b64("alg=RS256"))),
        ("header an array", format!("{}.{rest}", b64(r#"["RS256"]"#))),
        (
            "payload not base64",
            format!("{head}.%%%.{}", rest.split('.').nth(1).unwrap()),
        ),
        (
            "signature not base64",
            format!("{head}.{}.***", rest.split('.').next().unwrap()),
        ),
        ("payload not JSON", signed(&rs256, b"not json")),
        ("payload a JSON array", signed(&rs256, b"[1,2]")),
        ("payload JSON null", signed(&rs256, b"null")),
    ];
    for (name, token) in cases {
        let result = verifier().verify(&token).await;
        assert!(
            matches!(result, Err(VerifyError::Malformed { .. })),
            "{name}: {result:?}"
        );
    }
}

#[tokio::test]
async fn claims_of_the_wrong_type_are_refused_by_name() {
    let fake = fake().await;
    let cases = [
        ("exp", json!("soon")),
        ("exp", json!(null)),
        ("exp", json!(1e300)),
        ("iat", json!("now")),
        ("nbf", json!(true)),
        ("sub", json!(42)),
        ("sub", json!("")),
        ("sid", json!(["sess_1"])),
        ("azp", json!(1)),
        ("iss", json!({})),
        ("sts", json!(1)),
        ("v", json!("2")),
        ("o", json!("org_1")),
        ("o.id", json!({"slg": "acme"})),
        ("o.rol", json!({"id": "org_1", "rol": 7})),
        ("act", json!("user_admin")),
        ("act.sub", json!({"iss": "x"})),
    ];
    for (claim, value) in cases {
        let name = claim.split('.').next().unwrap();
        let token = fake.token().claim(name, value.clone()).sign();
        let result = verifier().verify(&token).await;
        assert!(
            matches!(result, Err(VerifyError::InvalidClaim { claim: c, .. }) if c == claim),
            "{claim} = {value}: {result:?}"
        );
    }
    for missing in ["sub", "sid"] {
        let result = verifier()
            .verify(&fake.token().without(missing).sign())
            .await;
        assert!(matches!(result, Err(VerifyError::InvalidClaim { claim, .. }) if claim == missing));
    }
    let v1 = fake
        .token()
        .without("v")
        .claim("org_id", json!("org_1"))
        .claim("org_permissions", json!("read"))
        .sign();
    assert!(matches!(
        verifier().verify(&v1).await,
        Err(VerifyError::InvalidClaim {
            claim: "org_permissions",
            ..
        })
    ));
    let fea = fake
        .token()
        .claim("fea", json!("dashboard"))
        .claim("o", json!({"id": "o", "per": "r", "fpm": "1"}))
        .sign();
    assert!(matches!(
        verifier().verify(&fea).await,
        Err(VerifyError::InvalidClaim { claim: "fea", .. })
    ));
}

#[tokio::test]
async fn errors_never_show_the_token() {
    let fake = fake().await;
    let tokens = [
        fake.token().expires_in(-60).sign(),
        fake.token()
            .key(TestKey::Other)
            .header("kid", json!(TestKey::Jwks.kid()))
            .sign(),
        fake.token().claim("sub", json!(1)).sign(),
        fake.token().authorized_party("https://evil.example").sign(),
        format!("{}x", fake.token().sign()),
    ];
    let v = verifier().authorized_parties(["https://app.example.com"]);
    for token in tokens {
        let error = v.verify(&token).await.unwrap_err();
        for text in [
            format!("{error}"),
            format!("{error:?}"),
            format!("{error:#?}"),
        ] {
            for part in token.split('.').filter(|p| p.len() > 8) {
                assert!(!text.contains(part), "{text}");
            }
            assert!(!text.contains("evil.example"), "{text}");
        }
        assert!(error.is_token_rejected());
    }
    let debug = format!(
        "{:?}",
        Verifier::from_pem(TestKey::Jwks.public_key_pem()).unwrap()
    );
    assert!(!debug.contains("MIIB"), "{debug}");
}

#[tokio::test]
async fn pem_is_parsed_strictly() {
    let spki = TestKey::Jwks.public_key_pem();
    let body: String = spki.lines().filter(|l| !l.starts_with("-----")).collect();
    let cases = [
        ("empty", String::new()),
        ("no armour", body.clone()),
        ("private key", spki.replace("PUBLIC KEY", "PRIVATE KEY")),
        (
            "RSA private key",
            spki.replace("PUBLIC KEY", "RSA PRIVATE KEY"),
        ),
        ("certificate", spki.replace("PUBLIC KEY", "CERTIFICATE")),
        ("EC key", spki.replace("PUBLIC KEY", "EC PUBLIC KEY")),
        (
            "no END",
            spki.lines().take(3).collect::<Vec<_>>().join("\n"),
        ),
        (
            "mismatched END",
            spki.replace("END PUBLIC KEY", "END RSA PUBLIC KEY"),
        ),
        ("two keys", format!("{spki}{spki}")),
        ("trailing text", format!("{spki}garbage")),
        (
            "headers",
            spki.replacen("\n", "\nProc-Type: 4,ENCRYPTED\n", 1),
        ),
        ("bad base64", spki.replacen("MIIB", "MI!B", 1)),
        (
            "PKCS#1 body as SPKI",
            support::PKCS1_PEM.replace("RSA PUBLIC KEY", "PUBLIC KEY"),
        ),
        (
            "SPKI body as PKCS#1",
            spki.replace("PUBLIC KEY", "RSA PUBLIC KEY"),
        ),
        ("truncated DER", spki.replacen("dQIDAQAB", "", 1)),
        ("1024-bit key", support::RSA_1024_PEM.to_owned()),
        ("huge", "A".repeat(1 << 20)),
    ];
    for (name, pem) in cases {
        let result = Verifier::from_pem(&pem);
        assert!(
            matches!(result, Err(VerifyError::InvalidKey { .. })),
            "{name}: {result:?}"
        );
    }
    let error = Verifier::from_pem(&spki.replace("PUBLIC KEY", "PRIVATE KEY")).unwrap_err();
    assert!(error.to_string().contains("private key"), "{error}");
    // Whitespace around and CRLF line ends are fine.
    assert!(Verifier::from_pem(&format!("\n  {}\n", spki.replace('\n', "\r\n"))).is_ok());
    for jwks in [
        r#"{"keys":[{"kty":"RSA","kid":"a","n":"","e":"AQAB"}]}"#,
        "",
        "{}",
        r#"{"keys":[]}"#,
        r#"{"keys":[{"kty":"EC","kid":"a"}]}"#,
        "[1]",
    ] {
        assert!(
            matches!(
                Verifier::from_jwks(jwks),
                Err(VerifyError::InvalidKey { .. })
            ),
            "{jwks}"
        );
    }
}
