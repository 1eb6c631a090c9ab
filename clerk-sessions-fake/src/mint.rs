//! [`TokenBuilder`]: session tokens with chosen claims, lifetime and key, for
//! tests of code that verifies them.

use serde_json::{Map, Value, json};

use crate::jwt::{KEY_ID, OTHER_KEY_ID, Signer};
use crate::state::Shared;
use crate::test_key::{OTHER_RSA_SPKI_PEM, TEST_RSA_SPKI_PEM};
use crate::tokens::DEFAULT_LIFETIME_SECS;

/// Which of the fake's two fixed RSA test keys signs a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum TestKey {
    /// The fake's signing key, the one its `GET /jwks` and
    /// `/.well-known/jwks.json` publish (`kid` `ins_fake_clerk_test_key`).
    #[default]
    Jwks,
    /// A second fixed key that no JWKS publishes (`kid`
    /// `ins_fake_clerk_other_key`): for "signed by another key" tests.
    Other,
}

impl TestKey {
    /// The key's `kid`, as minted tokens carry it in their header.
    pub fn kid(self) -> &'static str {
        match self {
            TestKey::Jwks => KEY_ID,
            TestKey::Other => OTHER_KEY_ID,
        }
    }

    /// The public key as SPKI PEM (`-----BEGIN PUBLIC KEY-----`), what
    /// Clerk's dashboard shows as the instance's "PEM public key".
    pub fn public_key_pem(self) -> &'static str {
        match self {
            TestKey::Jwks => TEST_RSA_SPKI_PEM,
            TestKey::Other => OTHER_RSA_SPKI_PEM,
        }
    }

    pub(crate) fn signer(self, shared: &Shared) -> &Signer {
        match self {
            TestKey::Jwks => &shared.signer,
            TestKey::Other => &shared.other_signer,
        }
    }
}

/// A session token being described; get one from
/// [`FakeClerk::token`](crate::FakeClerk::token), finish with
/// [`TokenBuilder::sign`].
///
/// Without settings, the token is what Clerk issues for an active session
/// (version 2 claims): `iss` (the fake's base URL), `sub` `user_test`, `sid`
/// `sess_test`, `sts` `active`, `v` 2, `iat` now on the fake's clock, `nbf`
/// ten seconds earlier, `exp` 60 seconds after `iat`; header `{alg: RS256,
/// kid, typ: JWT}`, signed by [`TestKey::Jwks`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use clerk_sessions_fake::{FakeClerk, TestKey};
///
/// let fake = FakeClerk::builder().now(1_755_003_600_000).start().await;
/// let expired = fake.token().user("user_1").expires_in(-1).sign();
/// let forged = fake.token().key(TestKey::Other).sign();
/// let custom = fake
///     .token()
///     .authorized_party("https://app.example.com")
///     .claim("o", serde_json::json!({"id": "org_1", "rol": "admin", "slg": "acme"}))
///     .sign();
/// assert_eq!(fake.verify_token(&custom).unwrap()["o"]["rol"], "admin");
/// assert!(fake.verify_token(&forged).is_none()); // not the JWKS key
/// # let _ = expired;
/// # }
/// ```
#[derive(Debug)]
#[must_use = "a token builder does nothing until `.sign()`"]
pub struct TokenBuilder<'a> {
    shared: &'a Shared,
    key: TestKey,
    header: Map<String, Value>,
    claims: Map<String, Value>,
    removed: Vec<String>,
    issued_at: i64,
    lifetime: i64,
    not_before: Option<i64>,
    expires_at: Option<i64>,
}

impl<'a> TokenBuilder<'a> {
    pub(crate) fn new(shared: &'a Shared) -> Self {
        let issued_at = shared.lock().now_secs();
        let mut claims = Map::new();
        claims.insert("iss".into(), json!(shared.issuer));
        claims.insert("sub".into(), json!("user_test"));
        claims.insert("sid".into(), json!("sess_test"));
        claims.insert("sts".into(), json!("active"));
        claims.insert("v".into(), json!(2));
        TokenBuilder {
            shared,
            key: TestKey::Jwks,
            header: Map::new(),
            claims,
            removed: Vec::new(),
            issued_at,
            lifetime: DEFAULT_LIFETIME_SECS,
            not_before: None,
            expires_at: None,
        }
    }

    /// `sub`, the user ID.
    pub fn user(self, user_id: &str) -> Self {
        self.claim("sub", json!(user_id))
    }

    /// `sid`, the session ID.
    pub fn session(self, session_id: &str) -> Self {
        self.claim("sid", json!(session_id))
    }

    /// `sts`, the session status (`active`, `pending`, ...).
    pub fn status(self, status: &str) -> Self {
        self.claim("sts", json!(status))
    }

    /// `azp`, the origin the token was issued to.
    pub fn authorized_party(self, origin: &str) -> Self {
        self.claim("azp", json!(origin))
    }

    /// `iss` (default: the fake's base URL).
    pub fn issuer(self, issuer: &str) -> Self {
        self.claim("iss", json!(issuer))
    }

    /// `act`, the impersonator, e.g. `{"sub": "user_admin"}`.
    pub fn actor(self, actor: Value) -> Self {
        self.claim("act", actor)
    }

    /// `iat` in Unix seconds (default: now on the fake's clock). `nbf` and
    /// `exp` follow it unless set themselves.
    pub fn issued_at(mut self, unix_secs: i64) -> Self {
        self.issued_at = unix_secs;
        self
    }

    /// `exp` = `iat` + `secs` (default 60; negative gives a token that had
    /// expired when it was issued).
    pub fn expires_in(mut self, secs: i64) -> Self {
        self.lifetime = secs;
        self.expires_at = None;
        self
    }

    /// `exp` in Unix seconds.
    pub fn expires_at(mut self, unix_secs: i64) -> Self {
        self.expires_at = Some(unix_secs);
        self
    }

    /// `nbf` in Unix seconds (default `iat` - 10).
    pub fn not_before(mut self, unix_secs: i64) -> Self {
        self.not_before = Some(unix_secs);
        self
    }

    /// Sets any claim to any JSON value, including ones of the wrong type
    /// (`"exp": "soon"`), to test how a verifier copes. Setting `iat`,
    /// `nbf` or `exp` this way wins over the methods above.
    pub fn claim(mut self, name: &str, value: Value) -> Self {
        self.removed.retain(|removed| removed != name);
        self.claims.insert(name.to_owned(), value);
        self
    }

    /// Leaves a claim out, `iat`, `nbf` and `exp` included.
    pub fn without(mut self, name: &str) -> Self {
        self.claims.remove(name);
        self.removed.push(name.to_owned());
        self
    }

    /// Which key signs the token (default [`TestKey::Jwks`]); the header's
    /// `kid` follows unless set with [`TokenBuilder::header`].
    pub fn key(mut self, key: TestKey) -> Self {
        self.key = key;
        self
    }

    /// Sets a header field (`alg`, `kid`, `typ`, anything): the signature
    /// is still RS256 by the chosen key, so `alg` other than `RS256` makes a
    /// token a strict verifier must refuse.
    pub fn header(mut self, name: &str, value: Value) -> Self {
        self.header.insert(name.to_owned(), value);
        self
    }

    /// The claims the token will carry.
    pub fn claims(&self) -> Map<String, Value> {
        let mut claims = Map::new();
        claims.insert("iat".into(), json!(self.issued_at));
        let nbf = self
            .not_before
            .unwrap_or_else(|| self.issued_at.saturating_sub(10));
        claims.insert("nbf".into(), json!(nbf));
        let exp = self
            .expires_at
            .unwrap_or_else(|| self.issued_at.saturating_add(self.lifetime));
        claims.insert("exp".into(), json!(exp));
        claims.extend(self.claims.clone());
        for name in &self.removed {
            claims.remove(name);
        }
        claims
    }

    /// The compact JWS (`header.payload.signature`).
    pub fn sign(self) -> String {
        let signer = self.key.signer(self.shared);
        let mut header = signer.header();
        header.extend(self.header.clone());
        let header = Value::Object(header).to_string();
        let payload = Value::Object(self.claims()).to_string();
        // Signing with an embedded key only fails if ring rejects it, which
        // the crate's tests rule out; an empty token then fails visibly.
        signer
            .sign_raw(header.as_bytes(), payload.as_bytes())
            .unwrap_or_default()
    }
}
