//! Shared by the verify tests: a fake on a fixed clock, a verifier on the
//! same clock, base64url and hostile-token helpers, fixed keys.
#![allow(dead_code, clippy::unwrap_used)]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use clerk_sessions::testing::{FakeClerk, TestKey};
use clerk_sessions::verify::Verifier;

/// The fixed time of every test, Unix seconds.
pub const NOW_SECS: i64 = 1_755_003_600;

/// The tests' clock.
pub fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(NOW_SECS.unsigned_abs())
}

/// A fake whose clock (token `iat`) is [`NOW_SECS`].
pub async fn fake() -> FakeClerk {
    FakeClerk::builder().now(NOW_SECS * 1000).start().await
}

/// A verifier with the fake's key from PEM, on the tests' clock.
pub fn verifier() -> Verifier {
    Verifier::from_pem(TestKey::Jwks.public_key_pem())
        .unwrap()
        .clock(now)
}

pub fn b64(text: &str) -> String {
    URL_SAFE_NO_PAD.encode(text)
}

pub fn unb64(text: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(text).unwrap()
}

/// The JWKS key's modulus bytes.
pub fn jwks_modulus(fake: &FakeClerk) -> Vec<u8> {
    unb64(fake.jwks()["keys"][0]["n"].as_str().unwrap())
}

/// An HS256 token over `payload` (base64url) keyed with `secret`: what a
/// verifier that trusts the header's `alg` would accept.
pub fn hs256_with_public_key(payload: &str, kid: &str, secret: &[u8]) -> String {
    let header = b64(&format!(r#"{{"alg":"HS256","kid":"{kid}","typ":"JWT"}}"#));
    let input = format!("{header}.{payload}");
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret);
    let tag = ring::hmac::sign(&key, input.as_bytes());
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(tag.as_ref()))
}

/// The fake's JWKS key as PKCS#1 (`openssl rsa -pubin -RSAPublicKey_out`).
pub const PKCS1_PEM: &str = "-----BEGIN RSA PUBLIC KEY-----
MIIBCgKCAQEA9FSMUgb2y3VimjcS5sFesJwisxoxsPsHcNGuQA4KywbF8fWRyPmH
FEK8lsWSv6j0zASoTCk+2dCzZA7HglZcV5pXSSC2xto9xmFicaX8cxxHGpEzDgG0
7omiPne0rfrmwxv9RBTozqBqaMESSMiOVE0i6Qgbb4BZ3IPgTMEtEBtjXmU3KBOB
0c6uH5gqD0DNOp0pxAXHZcFxjxSXGjhUyzYENoh4psdodVNN5pcxY9S97cvKuBQj
YBg5lw5QtCQbqp1Jpp1+Tkwv5zLAWwD8mGUUuVJINu+6Q1bvgfbRg7E4S4wobxxL
Ir4bf7Szrv3sJveU95mGm1jRuog+HqXodQIDAQAB
-----END RSA PUBLIC KEY-----
";

/// A 1024-bit RSA public key: too small for RS256 here.
pub const RSA_1024_PEM: &str = "-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCi/Sx6YgYwA6vhhYIeKUzTRBRZ
UTljYeOUVnb94T0FTN3vapBxr5h2ZlF3/xd4Z/zlJZvlmqMc+HF5P5OzeVMiNYP8
mVm00S3kcCEmlBiuaBHd9FOJ8SUWeSVPHoF8kIDRA0OKyOggQPM3M6ncqc54D8IO
bbot5UJIWmVBwDB63QIDAQAB
-----END PUBLIC KEY-----
";
