//! A key set fetched from Clerk: cached for a TTL, refetched at most once per
//! cooldown for a `kid` it does not have, one fetch at a time (single-flight).

use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use clerk_runtime::__private::{Method, OperationAuth, OperationSpec, PathPart, Request};
use clerk_runtime::{ApiSpec, Credential};
use tokio::time::Instant;

use super::error::VerifyError;
use super::keys::{JwksDocument, KeySet};

/// The Backend API, as the generated Sessions client describes it.
static BACKEND_API: ApiSpec = ApiSpec {
    name: "clerk-backend-api-jwks",
    base_url: crate::BASE_URL,
    credential: Credential::SecretKey {
        env: "CLERK_SECRET_KEY",
    },
};

/// `GET /jwks` of the Backend API (operation `GetJWKS`), with the secret key.
static GET_JWKS: OperationSpec = OperationSpec {
    name: "GetJWKS",
    method: Method::Get,
    path_template: "/jwks",
    path: &[PathPart::Literal("/jwks")],
    api: &BACKEND_API,
    retry_safe: true,
    auth: OperationAuth::Api,
};

/// The Frontend API: no fixed host (each instance has its own), no key.
static FRONTEND_API: ApiSpec = ApiSpec {
    name: "clerk-frontend-api",
    base_url: "",
    credential: Credential::None,
};

/// `GET /.well-known/jwks.json` of the Frontend API.
static GET_WELL_KNOWN_JWKS: OperationSpec = OperationSpec {
    name: "getJWKS",
    method: Method::Get,
    path_template: "/.well-known/jwks.json",
    path: &[PathPart::Literal("/.well-known/jwks.json")],
    api: &FRONTEND_API,
    retry_safe: true,
    auth: OperationAuth::Api,
};

/// How long fetched keys are used, and how often a miss may refetch.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CachePolicy {
    pub(crate) ttl: Duration,
    pub(crate) cooldown: Duration,
}

/// Keys fetched from one JWKS endpoint through the runtime (its base URL,
/// timeouts and retries apply).
pub(crate) struct RemoteKeys {
    client: clerk_runtime::Client,
    op: &'static OperationSpec,
    state: RwLock<Cache>,
    /// Held while fetching: concurrent misses wait for one fetch.
    fetching: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for RemoteKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RemoteKeys")
            .field("endpoint", &self.op.path_template)
            .field("base_url", &self.client.base_url_for(self.op.api))
            .finish_non_exhaustive()
    }
}

#[derive(Default)]
struct Cache {
    keys: Option<Arc<KeySet>>,
    /// When `keys` were fetched.
    fetched_at: Option<Instant>,
    /// When the last fetch, successful or not, finished.
    attempted_at: Option<Instant>,
    /// Fetches so far: a waiter that sees it change knows a fetch happened.
    attempts: u64,
    /// The last fetch's error, if it failed.
    error: Option<Arc<crate::Error>>,
}

/// What the cache can say without fetching.
enum Lookup {
    Found(Arc<KeySet>),
    Missing(VerifyError),
    Fetch { attempts: u64 },
}

impl RemoteKeys {
    /// The Backend API's `GET /jwks`, with the client's secret key.
    pub(crate) fn backend(client: clerk_runtime::Client) -> Self {
        RemoteKeys::new(client, &GET_JWKS)
    }

    /// The Frontend API's `/.well-known/jwks.json`; `client` has the
    /// Frontend API URL as its base URL and no key.
    pub(crate) fn frontend(client: clerk_runtime::Client) -> Self {
        RemoteKeys::new(client, &GET_WELL_KNOWN_JWKS)
    }

    fn new(client: clerk_runtime::Client, op: &'static OperationSpec) -> Self {
        RemoteKeys {
            client,
            op,
            state: RwLock::new(Cache::default()),
            fetching: tokio::sync::Mutex::new(()),
        }
    }

    /// A key set holding the key for `kid`, from the cache or a fetch.
    pub(crate) async fn keys_for(
        &self,
        kid: Option<&str>,
        policy: CachePolicy,
    ) -> Result<Arc<KeySet>, VerifyError> {
        let attempts = match self.lookup(kid, policy, None) {
            Lookup::Found(keys) => return Ok(keys),
            Lookup::Missing(error) => return Err(error),
            Lookup::Fetch { attempts } => attempts,
        };
        let _fetching = self.fetching.lock().await;
        // Another verification fetched while this one waited: use its result.
        match self.lookup(kid, policy, Some(attempts)) {
            Lookup::Found(keys) => return Ok(keys),
            Lookup::Missing(error) => return Err(error),
            Lookup::Fetch { .. } => {}
        }
        let fetched = Request::new(&self.client, self.op, &[])
            .send::<JwksDocument>()
            .await;
        let source = {
            let mut cache = self.state.write().unwrap_or_else(PoisonError::into_inner);
            let now = Instant::now();
            cache.attempts += 1;
            cache.attempted_at = Some(now);
            match fetched {
                Ok(document) => {
                    cache.keys = Some(Arc::new(KeySet::from_document(document)));
                    cache.fetched_at = Some(now);
                    cache.error = None;
                    None
                }
                Err(error) => {
                    let error = Arc::new(error);
                    cache.error = Some(Arc::clone(&error));
                    Some(error)
                }
            }
        };
        match self.lookup(kid, policy, Some(attempts)) {
            Lookup::Found(keys) => Ok(keys),
            Lookup::Missing(VerifyError::KeysUnavailable { .. }) | Lookup::Fetch { .. } => {
                Err(VerifyError::KeysUnavailable { source })
            }
            Lookup::Missing(error) => Err(error),
        }
    }

    /// What the cache says for `kid` now. With `after`, the attempt count
    /// seen before waiting: if a fetch happened since, its outcome is final
    /// for this verification (no second fetch).
    fn lookup(&self, kid: Option<&str>, policy: CachePolicy, after: Option<u64>) -> Lookup {
        let cache = self.state.read().unwrap_or_else(PoisonError::into_inner);
        let now = Instant::now();
        let fresh = cache.fetched_at.is_some_and(|t| now < t + policy.ttl);
        let fetched_since = after.is_some_and(|seen| cache.attempts != seen);
        let may_fetch = !fetched_since
            && cache
                .attempted_at
                .is_none_or(|t| now >= t + policy.cooldown);
        let found = cache.keys.as_ref().filter(|keys| keys.find(kid).is_some());
        match (found, &cache.keys) {
            // Fresh, or stale and not to be refetched yet (or the refetch
            // failed): keys that Clerk served are still Clerk's keys.
            (Some(keys), _) if fresh || !may_fetch => Lookup::Found(Arc::clone(keys)),
            _ if may_fetch => Lookup::Fetch {
                attempts: cache.attempts,
            },
            (None, Some(_)) if cache.error.is_none() => Lookup::Missing(VerifyError::UnknownKey),
            _ => Lookup::Missing(VerifyError::KeysUnavailable {
                source: cache.error.clone(),
            }),
        }
    }
}
