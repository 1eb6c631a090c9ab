//! An in-process fake of Clerk's Sessions Backend API, for tests.
//!
//! [`FakeClerk`] serves the 7 Sessions endpoints over real HTTP on
//! `127.0.0.1`, keeps state between calls (users, clients, sessions, JWT
//! templates, refresh tokens), mints real RS256 session tokens that verify
//! against its `GET /jwks`, and can misbehave on request: rate limits
//! ([`FakeClerk::set_rate_limit`]) and injected [`Fault`]s (error statuses,
//! delays, dropped connections, non-JSON and truncated bodies).
//!
//! It follows the wire format of Clerk's BAPI (`2026-05-12`): exact
//! `Content-Type: application/json`, Clerk-style error bodies
//! (`{"errors":[{message,long_message,code,meta}],"clerk_trace_id"}`),
//! millisecond timestamps, both list shapes. Where Clerk's behaviour is
//! undocumented, each endpoint's docs below say what the fake chose.
//!
//! Paths are served at the root (`{base_url}/sessions`, no `/v1`). Every
//! request is recorded ([`FakeClerk::requests`]) for assertions.
//!
//! It speaks HTTP and depends on nothing of the clients it serves; the
//! `clerk-sessions` crate re-exports it as `clerk_sessions::testing` behind its
//! `fake` feature. The signing key is a fixed test key compiled into this
//! crate: tokens from the fake prove nothing outside tests.

mod auth;
mod builder;
mod error;
mod fault;
mod jwt;
mod list;
mod mint;
mod params;
mod rate_limit;
mod record;
mod refresh;
mod router;
mod seed;
mod server;
mod session;
mod sessions;
mod state;
mod test_key;
mod tokens;

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use builder::{DEFAULT_SECRET_KEY, FakeClerkBuilder};
pub use fault::Fault;
pub use mint::{TestKey, TokenBuilder};
pub use record::RecordedRequest;
pub use seed::SessionSeed;

use rate_limit::RateLimiter;
use state::{JwtTemplate, Shared};
use tokens::Claims;

/// A running fake Clerk Sessions API. Dropping it stops the server and
/// closes its open connections.
///
/// # Endpoints and the choices the fake makes
///
/// Every Sessions endpoint first checks `Authorization: Bearer <key>`
/// (`401 authorization_header_format_invalid` / `401 clerk_key_invalid`),
/// then the rate limit if one is set (`429 too_many_requests` with
/// `Retry-After`). Injected faults come before both. Path segments are
/// percent-decoded one by one, so `/sessions/a%2F..%2Fb` addresses the
/// session whose id is `a/../b`.
///
/// - `GET /sessions`: needs `client_id` or `user_id` (else `400
///   missing_query_parameter`); `status` must be a filter value (`pending`
///   is not: `400 invalid_query_parameter_value`); newest `created_at` first,
///   ties most recently seeded first; `offset` (default 0) then `limit`
///   (default 10, `1..=500`, else `422 form_param_value_invalid`); a bare
///   array, or `{data,total_count}` with `paginated=true`. For a repeated
///   key the first value counts; unknown keys are ignored.
/// - `POST /sessions`: `{user_id, active_organization_id?}`; `422
///   form_param_missing`, `404 resource_not_found` for an unknown user, `400
///   request_invalid_for_environment` with an `sk_live_` key. The session
///   is `active`, on a new client.
/// - `GET /sessions/{id}`: any status; `404 resource_not_found`.
/// - `POST /sessions/{id}/revoke`: body ignored; an `active` or `pending`
///   session becomes `revoked` and its `updated_at` increases; any other
///   session is returned unchanged with 200.
/// - `POST /sessions/{id}/tokens[/{template}]`: optional body
///   `{expires_in_seconds}` (`30..=315360000`, else `422
///   form_param_value_invalid`); `404 resource_not_found` when the session
///   is unknown **or not active**, or the template is unknown. Tokens live 60
///   s by default, or the template's lifetime.
/// - `POST /sessions/{id}/refresh`: see [`FakeClerk::expired_token_for`]
///   and [`FakeClerk::refresh_token_for`]; every validation failure is a 401
///   with one of Clerk's refresh codes.
/// - `GET /jwks`: the key set, `{"keys":[{kty, kid, use, alg, n, e}]}` as
///   Clerk's OpenAPI `JWKS.rsa.PublicKey`; needs the secret key like every
///   Backend API path, but is never rate limited.
/// - `GET /.well-known/jwks.json`: the same key set, as the Frontend API
///   serves it: no key, never rate limited. Faults apply to both.
///
/// # Session tokens for your tests
///
/// [`FakeClerk::token`] mints tokens with chosen claims, lifetime and key
/// ([`TestKey::Other`] is a second fixed key that no JWKS publishes), and
/// [`TestKey::public_key_pem`] gives each key as PEM: enough to test routes
/// protected by a verifier, expired and forged tokens included.
///
/// # Example
///
/// A test that points code under test at the fake:
///
/// ```
/// use clerk_sessions_fake::FakeClerk;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let fake = FakeClerk::start().await;
/// fake.add_user("user_1");
/// let session_id = fake.add_session("user_1", "client_1");
///
/// // Configure your code with `fake.base_url()` and `fake.secret_key()`.
/// # let _ = rustls::crypto::ring::default_provider().install_default();
/// let http = reqwest::Client::new();
/// let body = http
///     .get(format!("{}/sessions/{session_id}", fake.base_url()))
///     .bearer_auth(fake.secret_key())
///     .send()
///     .await?
///     .text()
///     .await?;
/// let session: serde_json::Value = serde_json::from_str(&body)?;
/// assert_eq!(session["status"], "active");
/// assert_eq!(fake.request_count(), 1);
/// # Ok(())
/// # }
/// ```
pub struct FakeClerk {
    shared: Arc<Shared>,
    base_url: String,
    secret_key: String,
    /// Dropping the sender tells the accept loop and every connection to stop.
    _shutdown: watch::Sender<()>,
    server: JoinHandle<()>,
}

impl std::fmt::Debug for FakeClerk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeClerk")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl Drop for FakeClerk {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl FakeClerk {
    /// Starts a fake with the defaults: key [`DEFAULT_SECRET_KEY`], no rate
    /// limit, the system clock.
    ///
    /// # Panics
    ///
    /// As [`FakeClerkBuilder::start`].
    pub async fn start() -> FakeClerk {
        FakeClerk::builder().start().await
    }

    /// A builder for keys, a rate limit or a fixed clock.
    pub fn builder() -> FakeClerkBuilder {
        FakeClerkBuilder::default()
    }

    pub(crate) fn from_parts(
        shared: Arc<Shared>,
        base_url: String,
        shutdown: watch::Sender<()>,
        server: JoinHandle<()>,
    ) -> FakeClerk {
        let secret_key = shared.lock().keys.first().cloned().unwrap_or_default();
        FakeClerk {
            shared,
            base_url,
            secret_key,
            _shutdown: shutdown,
            server,
        }
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash. Endpoints are at
    /// the root: `{base_url}/sessions`. Also the `iss` claim of its tokens.
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    /// A secret key the fake accepts (the first one configured).
    pub fn secret_key(&self) -> &str {
        &self.secret_key
    }

    /// Adds a user (no-op if it exists). `POST /sessions` needs one.
    pub fn add_user(&self, user_id: &str) {
        self.shared.lock().users.insert(user_id.to_owned());
    }

    /// Adds a client (no-op if it exists).
    pub fn add_client(&self, client_id: &str) {
        self.shared.lock().clients.insert(client_id.to_owned());
    }

    /// Seeds an `active` session created now, adding the user and client if
    /// missing, and returns its fresh `sess_…` id.
    pub fn add_session(&self, user_id: &str, client_id: &str) -> String {
        self.add_session_with(SessionSeed::new(user_id, client_id))
    }

    /// Seeds a session described by `seed` and returns its id. It also gets
    /// a refresh token ([`FakeClerk::refresh_token_for`]).
    pub fn add_session_with(&self, seed: SessionSeed) -> String {
        self.shared.lock().insert_session(seed)
    }

    /// Sets a session's status (any string); `false` if there is no such
    /// session. `updated_at` is left alone.
    pub fn set_session_status(&self, session_id: &str, status: &str) -> bool {
        let mut state = self.shared.lock();
        match state.sessions.get_mut(session_id) {
            Some(session) => {
                session.status = status.to_owned();
                true
            }
            None => false,
        }
    }

    /// Deletes a session as Clerk's purge would; `false` if there was none.
    pub fn remove_session(&self, session_id: &str) -> bool {
        let mut state = self.shared.lock();
        state.refresh_tokens.remove(session_id);
        state.sessions.remove(session_id).is_some()
    }

    /// The session as the API would return it now, for assertions.
    pub fn session(&self, id: &str) -> Option<Value> {
        self.shared.lock().sessions.get(id).map(|s| s.to_json())
    }

    /// Adds (or replaces) a JWT template `name` for
    /// `POST /sessions/{id}/tokens/{name}`. Its tokens live `lifetime_secs`
    /// unless the request sets `expires_in_seconds`, and carry `claims` (a
    /// JSON object; anything else adds no claims) merged under the standard
    /// claims, which win on conflict.
    pub fn add_jwt_template(&self, name: &str, lifetime_secs: u64, claims: Value) {
        self.shared.lock().templates.insert(
            name.to_owned(),
            JwtTemplate {
                lifetime_secs,
                claims,
            },
        );
    }

    /// Turns rate limiting on, or changes it, starting a fresh window: at
    /// most `max_requests` authenticated Sessions requests per fixed window
    /// of `per` (the first counted request opens a window). Beyond that the
    /// fake answers `429 too_many_requests` with `Retry-After` set to the
    /// whole seconds left in the window (at least 1). Refused requests are
    /// not counted. Windows use tokio's clock, so paused-time tests work.
    pub fn set_rate_limit(&self, max_requests: u32, per: Duration) {
        self.shared.lock().rate_limit = Some(RateLimiter::new(max_requests, per));
    }

    /// Turns rate limiting off.
    pub fn clear_rate_limit(&self) {
        self.shared.lock().rate_limit = None;
    }

    /// Applies `fault` to the next `times` requests, whatever their path.
    /// Faults queue: one injected after another applies once the earlier
    /// one is used up.
    pub fn inject(&self, fault: Fault, times: u32) {
        if times > 0 {
            self.shared.lock().faults.push_back((fault, times));
        }
    }

    /// Every request received so far, in arrival order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.lock().requests.clone()
    }

    /// How many requests were received so far.
    pub fn request_count(&self) -> usize {
        self.shared.lock().requests.len()
    }

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        self.shared.lock().requests.clear();
    }

    /// A session token to describe and sign: see [`TokenBuilder`].
    pub fn token(&self) -> TokenBuilder<'_> {
        TokenBuilder::new(&self.shared)
    }

    /// A compact JWS whose header and payload are exactly the given bytes,
    /// with a valid RS256 signature by `key`: for hostile tests (a payload
    /// that is not JSON, a header of the wrong shape).
    pub fn sign_raw(&self, header: &[u8], payload: &[u8], key: TestKey) -> String {
        // As in `expired_token_for`: ring does not reject the embedded keys.
        key.signer(&self.shared)
            .sign_raw(header, payload)
            .unwrap_or_default()
    }

    /// The Frontend API URL to give a verifier that reads
    /// `/.well-known/jwks.json`: the fake's base URL.
    pub fn frontend_api_url(&self) -> String {
        self.base_url.clone()
    }

    /// How many requests for a key set (`GET /jwks` or
    /// `/.well-known/jwks.json`) the fake received so far.
    pub fn jwks_request_count(&self) -> usize {
        self.shared
            .lock()
            .requests
            .iter()
            .filter(|r| r.path == "/jwks" || r.path == "/.well-known/jwks.json")
            .count()
    }

    /// The JWKS served at `GET /jwks`:
    /// `{"keys":[{kty:"RSA",kid,use:"sig",alg:"RS256",n,e}]}`, `n` and `e`
    /// base64url without padding.
    pub fn jwks(&self) -> Value {
        self.shared.signer.jwks()
    }

    /// The fake's current time in Unix milliseconds.
    pub fn now_ms(&self) -> i64 {
        self.shared.lock().now_ms()
    }

    /// Fixes the fake's clock at `unix_ms` (Unix milliseconds). Session
    /// timestamps and token `iat`/`exp` follow it.
    pub fn set_now(&self, unix_ms: i64) {
        self.shared.lock().fixed_now_ms = Some(unix_ms);
    }

    /// A session token for `session_id` that expired a minute ago (`iat` two
    /// minutes ago), with `azp` set to `azp`, signed by the fake: the
    /// `expired_token` for `POST /sessions/{id}/refresh`. Works for unknown
    /// session ids too (then without `sub`), to test refresh failures.
    pub fn expired_token_for(&self, session_id: &str, azp: &str) -> String {
        let state = self.shared.lock();
        let now = state.now_secs();
        let session = state.sessions.get(session_id);
        let claims = Claims {
            session_id,
            user_id: session.map(|s| s.user_id.as_str()),
            actor: session.and_then(|s| s.actor.as_ref()),
            issued_at: now.saturating_sub(120),
            expires_at: now.saturating_sub(60),
            authorized_party: Some(azp),
        }
        .to_map(&self.shared.issuer, None);
        // Signing with the embedded key only fails if ring rejects it, which
        // the crate's tests rule out; an empty token then fails refresh visibly.
        self.shared.signer.sign(&claims).unwrap_or_default()
    }

    /// The refresh token the fake accepts for `session_id` (created on first
    /// use, so it exists even for ids that are not sessions).
    pub fn refresh_token_for(&self, session_id: &str) -> String {
        self.shared.lock().refresh_token(session_id)
    }

    /// The claims of `jwt` if the fake signed it (expiry not checked).
    pub fn verify_token(&self, jwt: &str) -> Option<Value> {
        self.shared.signer.verify(jwt).map(Value::Object)
    }
}
