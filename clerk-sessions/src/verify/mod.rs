//! Verifying Clerk session tokens without a call to Clerk per request
//! (feature `verify`).
//!
//! Every request to a backend behind Clerk carries a session token: a
//! short-lived RS256 JWT in the `__session` cookie (same-origin requests) or an
//! `Authorization: Bearer` header (cross-origin and native clients). A
//! [`Verifier`] checks it against the instance's public key, networklessly
//! once it has the key:
//!
//! - the header's `alg` must be `RS256` (`none`, `HS256` with the public key
//!   as secret, and every other algorithm are refused) and its `kid` must name
//!   a known key;
//! - the RSASSA-PKCS1-v1_5 SHA-256 signature must verify (ring);
//! - `exp` must not have passed and `nbf` and `iat` must not be in the future,
//!   each with a clock skew (default 5 s);
//! - `azp`, when the token has one and authorized parties are configured, must
//!   be one of them; `iss`, when an issuer is configured, must equal it;
//! - `sub` and `sid` must be there; the other claims must have their types.
//!
//! Keys come from a PEM public key ([`Verifier::from_pem`], no network at
//! all), a JWKS document ([`Verifier::from_jwks`]), the Backend API's
//! `GET /jwks` with the secret key ([`Verifier::from_client`]) or the
//! Frontend API's `/.well-known/jwks.json` ([`Verifier::from_frontend_api`]).
//! Fetched keys are cached (1 hour by default); a token with an unknown `kid`
//! refetches at most once per cooldown (30 s by default), so tokens with
//! made-up `kid`s cannot make the verifier hammer Clerk; concurrent
//! verifications that need keys share one fetch.
//!
//! ```
//! # #[cfg(feature = "fake")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use clerk_sessions::testing::{FakeClerk, TestKey};
//! use clerk_sessions::verify::{Verifier, VerifyError};
//!
//! let fake = FakeClerk::start().await;
//! let verifier = Verifier::from_pem(TestKey::Jwks.public_key_pem())?
//!     .authorized_parties(["https://app.example.com"]);
//!
//! let token = fake.token().user("user_1").authorized_party("https://app.example.com").sign();
//! let claims = verifier.verify(&token).await?;
//! assert_eq!(claims.user_id, "user_1");
//!
//! let expired = fake.token().expires_in(-60).sign();
//! assert!(matches!(verifier.verify(&expired).await, Err(VerifyError::Expired)));
//! # Ok(())
//! # }
//! # #[cfg(not(feature = "fake"))]
//! # fn main() {}
//! ```

#[cfg(feature = "axum")]
pub mod axum;
mod claims;
mod error;
mod keys;
mod pem;
mod remote;
mod token;

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub use claims::{Actor, Claims, Organization};
pub use error::VerifyError;
pub use token::MAX_TOKEN_BYTES;

use keys::{JwksDocument, KeySet};
use remote::{CachePolicy, RemoteKeys};
use token::Jws;

/// The clock skew allowed by default on `exp`, `nbf` and `iat`.
pub const DEFAULT_CLOCK_SKEW: Duration = Duration::from_secs(5);
/// How long fetched keys are used by default before they are fetched again.
pub const DEFAULT_JWKS_TTL: Duration = Duration::from_secs(3600);
/// The least time by default between two fetches that a `kid` the cache
/// does not know (or a failed fetch) can cause.
pub const DEFAULT_REFETCH_COOLDOWN: Duration = Duration::from_secs(30);

type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// Checks Clerk session tokens; see the [module docs](self).
///
/// Cheap to clone (its key cache is shared by the clones): build one at
/// start-up and share it, e.g. as axum state.
#[derive(Clone)]
pub struct Verifier {
    keys: Arc<Keys>,
    authorized_parties: Arc<[String]>,
    issuer: Option<Arc<str>>,
    clock_skew: Duration,
    cache: CachePolicy,
    reject_pending: bool,
    clock: Option<Clock>,
}

enum Keys {
    Static(KeySet),
    Remote(RemoteKeys),
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let keys: &dyn fmt::Debug = match &*self.keys {
            Keys::Static(set) => set,
            Keys::Remote(remote) => remote,
        };
        f.debug_struct("Verifier")
            .field("keys", keys)
            .field("authorized_parties", &self.authorized_parties)
            .field("issuer", &self.issuer)
            .field("clock_skew", &self.clock_skew)
            .field("reject_pending", &self.reject_pending)
            .finish_non_exhaustive()
    }
}

impl Verifier {
    fn with_keys(keys: Keys) -> Verifier {
        Verifier {
            keys: Arc::new(keys),
            authorized_parties: Arc::new([]),
            issuer: None,
            clock_skew: DEFAULT_CLOCK_SKEW,
            cache: CachePolicy {
                ttl: DEFAULT_JWKS_TTL,
                cooldown: DEFAULT_REFETCH_COOLDOWN,
            },
            reject_pending: false,
            clock: None,
        }
    }

    /// A verifier with one RSA public key in PEM: SPKI (`-----BEGIN PUBLIC
    /// KEY-----`, the "PEM public key" of Clerk's dashboard, also
    /// `CLERK_JWT_KEY`) or PKCS#1 (`-----BEGIN RSA PUBLIC KEY-----`). It
    /// never uses the network, and checks every token with this key whatever
    /// its `kid`.
    ///
    /// # Errors
    ///
    /// [`VerifyError::InvalidKey`] for anything else: a private key, a
    /// certificate, several blocks, bad base64 or DER, a key under 2048 bits.
    pub fn from_pem(pem: &str) -> Result<Verifier, VerifyError> {
        Ok(Verifier::with_keys(Keys::Static(KeySet::single(
            pem::parse(pem)?,
        ))))
    }

    /// A verifier with the keys of a JWKS document (`{"keys":[…]}`), as
    /// Clerk's `GET /jwks` returns it; no network. Keys other than RSA
    /// signing keys for RS256 are ignored.
    ///
    /// # Errors
    ///
    /// [`VerifyError::InvalidKey`] when the text is not a JWKS or has no
    /// usable key.
    pub fn from_jwks(jwks: &str) -> Result<Verifier, VerifyError> {
        let document: JwksDocument = serde_json::from_str(jwks)
            .map_err(|_| VerifyError::key("not a JWKS document (`{\"keys\": [...]}`)"))?;
        let set = KeySet::from_document(document);
        if set.len() == 0 {
            return Err(VerifyError::key("the JWKS has no RSA signing key"));
        }
        Ok(Verifier::with_keys(Keys::Static(set)))
    }

    /// A verifier that fetches the keys from the Backend API's `GET /jwks`
    /// with `client`'s secret key, through the same runtime as every other
    /// call (its base URL, timeout and retry policy apply).
    pub fn from_client(client: &crate::Client) -> Verifier {
        Verifier::with_keys(Keys::Remote(RemoteKeys::backend(client.runtime().clone())))
    }

    /// A verifier that fetches the keys from the Frontend API's
    /// `/.well-known/jwks.json` (public: no secret key is sent), e.g.
    /// `https://clerk.example.com` or `https://example.clerk.accounts.dev`.
    ///
    /// # Errors
    ///
    /// [`VerifyError::Config`] when the URL is not usable (not `https`
    /// except on loopback, not a URL).
    pub fn from_frontend_api(frontend_api_url: &str) -> Result<Verifier, VerifyError> {
        let client = clerk_runtime::Client::builder()
            .no_secret_key()
            .base_url(frontend_api_url)
            .build()
            .map_err(|e| VerifyError::Config {
                source: Arc::new(e),
            })?;
        Ok(Verifier::with_keys(Keys::Remote(RemoteKeys::frontend(
            client,
        ))))
    }

    /// Accepts only tokens whose `azp` is one of `parties` (origins such as
    /// `https://app.example.com`). As in Clerk's SDKs, a token without `azp`
    /// is accepted, and without a list (the default) any `azp` is.
    pub fn authorized_parties<I>(mut self, parties: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        self.authorized_parties = parties.into_iter().map(Into::into).collect();
        self
    }

    /// Accepts only tokens whose `iss` is exactly `issuer` (your Frontend API
    /// URL, e.g. `https://clerk.example.com`). Not checked by default.
    pub fn issuer(mut self, issuer: impl Into<String>) -> Self {
        self.issuer = Some(Arc::from(issuer.into()));
        self
    }

    /// The leeway on `exp`, `nbf` and `iat` (default [`DEFAULT_CLOCK_SKEW`]).
    pub fn clock_skew(mut self, skew: Duration) -> Self {
        self.clock_skew = skew;
        self
    }

    /// Refuses tokens of `pending` sessions with [`VerifyError::SessionPending`]
    /// (by default they verify, with `session_status` saying `pending`).
    /// Clerk's own SDKs treat pending sessions as signed out by default.
    pub fn reject_pending(mut self) -> Self {
        self.reject_pending = true;
        self
    }

    /// How long fetched keys are used (default [`DEFAULT_JWKS_TTL`]). Past
    /// it, the next verification fetches them again, but never sooner than
    /// the [refetch cooldown](Self::refetch_cooldown) after the last fetch:
    /// until then the keys held keep serving, as they do when a refetch fails.
    pub fn jwks_cache_ttl(mut self, ttl: Duration) -> Self {
        self.cache.ttl = ttl;
        self
    }

    /// The least time between two fetches caused by an unknown `kid` or a
    /// failed fetch (default [`DEFAULT_REFETCH_COOLDOWN`]).
    pub fn refetch_cooldown(mut self, cooldown: Duration) -> Self {
        self.cache.cooldown = cooldown;
        self
    }

    /// The clock that `exp`, `nbf` and `iat` are checked against (default:
    /// the system clock), e.g. a fixed time in tests.
    pub fn clock(mut self, now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.clock = Some(Arc::new(now));
        self
    }

    /// Verifies a session token and returns its claims.
    ///
    /// With keys from PEM or a JWKS document, nothing here awaits. With
    /// fetched keys, the first call (and one after the TTL, or for a `kid`
    /// the cache lacks) fetches them.
    ///
    /// # Errors
    ///
    /// The [`VerifyError`] of the first check that failed, in this order:
    /// the token's form and `alg`, the key, the signature, the claims' types,
    /// `exp`, `nbf`, `iat`, `iss`, `azp`, and a pending session when refused.
    pub async fn verify(&self, token: &str) -> Result<Claims, VerifyError> {
        let jws = Jws::parse(token)?;
        let kid = jws.kid.as_deref();
        let fetched;
        let set = match &*self.keys {
            Keys::Static(set) => set,
            Keys::Remote(remote) => {
                fetched = remote.keys_for(kid, self.cache).await?;
                &*fetched
            }
        };
        let key = set.find(kid).ok_or(VerifyError::UnknownKey)?;
        if !key.verifies(jws.signing_input.as_bytes(), &jws.signature) {
            return Err(VerifyError::BadSignature);
        }
        let claims = Claims::from_map(jws.claims()?)?;
        self.check(&claims)?;
        Ok(claims)
    }

    /// The checks on a token whose signature held.
    fn check(&self, claims: &Claims) -> Result<(), VerifyError> {
        let now = self
            .clock
            .as_ref()
            .map_or_else(SystemTime::now, |now| now());
        let now_ms = match now.duration_since(UNIX_EPOCH) {
            Ok(since) => i128::try_from(since.as_millis()).unwrap_or(i128::MAX),
            Err(before) => -i128::try_from(before.duration().as_millis()).unwrap_or(i128::MAX),
        };
        let skew_ms = i128::try_from(self.clock_skew.as_millis()).unwrap_or(i128::MAX);
        let ms = |secs: i64| i128::from(secs) * 1000;
        // As Clerk's SDKs: expired once `exp` is `skew` in the past.
        if ms(claims.expires_at) <= now_ms.saturating_sub(skew_ms) {
            return Err(VerifyError::Expired);
        }
        let future =
            |secs: Option<i64>| secs.is_some_and(|s| ms(s) > now_ms.saturating_add(skew_ms));
        if future(claims.not_before) {
            return Err(VerifyError::NotYetValid);
        }
        if future(claims.issued_at) {
            return Err(VerifyError::IssuedInFuture);
        }
        if let Some(issuer) = &self.issuer
            && claims.issuer.as_deref() != Some(&**issuer)
        {
            return Err(VerifyError::WrongIssuer);
        }
        if let Some(azp) = &claims.authorized_party
            && !self.authorized_parties.is_empty()
            && !self.authorized_parties.contains(azp)
        {
            return Err(VerifyError::UnauthorizedParty);
        }
        if self.reject_pending && claims.is_pending() {
            return Err(VerifyError::SessionPending);
        }
        Ok(())
    }
}
