//! [`ClientBuilder`]: the settings of a client, for the runtime's own
//! [`Client`] or for a generated API client.

use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use crate::api::{Api, ApiSpec, Credential};
use crate::body::DEFAULT_MAX_RESPONSE_BYTES;
use crate::client::{Client, DEFAULT_API_VERSION, DEFAULT_TIMEOUT};
use crate::error::Error;
use crate::mode::Async;
use crate::retry::RetryPolicy;

/// Configures a client: the runtime's [`Client`], or (from a generated module's
/// `Client::builder()`) that module's client `A`.
///
/// ```
/// # fn run() -> Result<(), clerk_runtime::Error> {
/// use std::time::Duration;
/// let client = clerk_runtime::Client::builder()
///     .secret_key("sk_test_example")
///     .base_url("http://127.0.0.1:8080")
///     .timeout(Duration::from_secs(5))
///     .build()?;
/// assert_eq!(client.base_url(), Some("http://127.0.0.1:8080"));
/// # Ok(()) }
/// ```
#[must_use = "a builder does nothing until you call `.build()`"]
pub struct ClientBuilder<A = Client> {
    pub(crate) secret_key: Option<SecretKey>,
    pub(crate) no_secret_key: bool,
    pub(crate) client_token: Option<SecretKey>,
    pub(crate) dev_browser_token: Option<SecretKey>,
    pub(crate) publishable_key: Option<SecretKey>,
    /// An OAuth application's client ID and secret.
    pub(crate) oauth_client: Option<(String, SecretKey)>,
    pub(crate) base_url: Option<String>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) api_version: String,
    pub(crate) http: Option<reqwest::Client>,
    pub(crate) retry: RetryPolicy,
    pub(crate) allow_insecure_http: bool,
    pub(crate) max_response_bytes: u64,
    /// The API the client is for; `None` for the runtime's own client.
    pub(crate) api: Option<&'static ApiSpec>,
    target: PhantomData<fn() -> A>,
}

impl<A> fmt::Debug for ClientBuilder<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api", &self.api.map(|api| api.name))
            .field("secret_key", &self.secret_key)
            .field("client_token", &self.client_token)
            .field("dev_browser_token", &self.dev_browser_token)
            .field(
                "oauth_client",
                &self.oauth_client.as_ref().map(|(id, _)| (id, "<redacted>")),
            )
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("api_version", &self.api_version)
            .field("retry", &self.retry)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish_non_exhaustive()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder::with_api(None)
    }
}

/// A credential, never printed.
#[derive(Clone)]
pub(crate) struct SecretKey(pub(crate) String);

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl<A: Api> ClientBuilder<A> {
    /// A builder for the generated client `A` (what its `Client::builder()` returns).
    pub fn for_api() -> Self {
        ClientBuilder::with_api(Some(A::spec()))
    }

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for a missing or malformed secret key, a malformed base
    /// URL, a plain-`http` URL to a non-loopback host (unless allowed), an API
    /// without a fixed host and no base URL set, or an HTTP client that cannot
    /// be created.
    pub fn build(self) -> Result<A, Error>
    where
        A: Api<In<Async> = A>,
    {
        Ok(A::assemble(self.build_for_api()?, Async))
    }

    /// Builds a [`blocking::Client`](crate::blocking::Client): the same
    /// operations, whose `send()` blocks.
    ///
    /// # Errors
    ///
    /// As [`build`](Self::build), and [`Error::Config`] when the blocking
    /// client's runtime cannot be created.
    pub fn build_blocking(self) -> Result<crate::blocking::Client<A>, Error>
    where
        A: Api<In<Async> = A>,
    {
        crate::blocking::Client::new(self.build()?)
    }

    fn build_for_api(self) -> Result<Client, Error> {
        let api = self.api;
        let client = self.build_runtime()?;
        if let Some(api) = api {
            client.check_api(api)?;
        }
        Ok(client)
    }
}

impl ClientBuilder {
    /// Builds the runtime client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for a missing or malformed secret key, a malformed base
    /// URL, a plain-`http` URL to a non-loopback host (unless allowed), or an HTTP
    /// client that cannot be created.
    pub fn build(self) -> Result<Client, Error> {
        self.build_runtime()
    }
}

impl<A> ClientBuilder<A> {
    fn with_api(api: Option<&'static ApiSpec>) -> Self {
        ClientBuilder {
            secret_key: None,
            no_secret_key: false,
            client_token: None,
            dev_browser_token: None,
            publishable_key: None,
            oauth_client: None,
            base_url: None,
            timeout: Some(DEFAULT_TIMEOUT),
            api_version: DEFAULT_API_VERSION.to_owned(),
            http: None,
            retry: RetryPolicy::default(),
            allow_insecure_http: false,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            api,
            target: PhantomData,
        }
    }

    /// The secret key (`sk_test_…` or `sk_live_…`), sent as `Authorization: Bearer <key>`.
    pub fn secret_key(mut self, key: impl Into<String>) -> Self {
        self.secret_key = Some(SecretKey(key.into()));
        self
    }

    /// Reads the credential the API's spec binds from the environment: the
    /// secret key (`CLERK_SECRET_KEY` for the runtime's own client and the
    /// Backend API, the variable a Platform API spec binds), or for the Frontend
    /// API the publishable key (`CLERK_PUBLISHABLE_KEY`), which names its host.
    /// For an API whose spec binds nothing, nothing is read.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the variable is unset or empty.
    pub fn secret_key_from_env(self) -> Result<Self, Error> {
        match self.api.map(|api| api.credential) {
            None => self.secret_key_from_var("CLERK_SECRET_KEY"),
            Some(Credential::SecretKey { env }) => self.secret_key_from_var(env),
            Some(Credential::Frontend {
                publishable_key_env,
            }) => match std::env::var(publishable_key_env) {
                Ok(key) if !key.trim().is_empty() => Ok(self.publishable_key(key.trim())),
                _ => Err(Error::config(format!("{publishable_key_env} is not set"))),
            },
            Some(Credential::None) => Ok(self.no_secret_key()),
        }
    }

    /// The Frontend API's publishable key (`pk_test_…`, `pk_live_…`): when no
    /// base URL is set, requests go to the Frontend API host it names.
    pub fn publishable_key(mut self, key: impl Into<String>) -> Self {
        self.publishable_key = Some(SecretKey(key.into()));
        self
    }

    /// A Frontend API client token (a native app's): sent as
    /// `Authorization: Bearer <token>` with `_is_native=1`. Never printed.
    pub fn client_token(mut self, token: impl Into<String>) -> Self {
        self.client_token = Some(SecretKey(token.into()));
        self
    }

    /// A Frontend API dev-browser token (development instances): sent as the
    /// `__dev_session` query parameter. Never printed.
    pub fn dev_browser_token(mut self, token: impl Into<String>) -> Self {
        self.dev_browser_token = Some(SecretKey(token.into()));
        self
    }

    /// An OAuth application's client ID and secret, for the Frontend API's
    /// OAuth token endpoints (`getOAuthToken`, `revokeOAuthToken`) when Clerk is
    /// the identity provider: sent to them, and only to them, as HTTP Basic
    /// (each part form-encoded first, as OAuth 2.0 says), instead of the
    /// client's token. The secret is never printed.
    pub fn oauth_client(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        self.oauth_client = Some((client_id.into(), SecretKey(client_secret.into())));
        self
    }

    /// Reads the secret key from the environment variable `var` (for example the
    /// `CLERK_PARTNER_KEY` of Clerk's platform API).
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the variable is unset or empty.
    pub fn secret_key_from_var(self, var: &str) -> Result<Self, Error> {
        match std::env::var(var) {
            Ok(key) if !key.trim().is_empty() => Ok(self.secret_key(key.trim())),
            _ => Err(Error::config(format!("{var} is not set"))),
        }
    }

    /// Build a client that sends no `Authorization` header (for APIs, such as
    /// Clerk's Frontend API, that do not take the secret key).
    pub fn no_secret_key(mut self) -> Self {
        self.no_secret_key = true;
        self.secret_key = None;
        self
    }

    /// Replaces the spec's whole `baseUri` (`https://api.clerk.com/v1`): with
    /// `http://127.0.0.1:8080`, `GET /sessions` goes to `http://127.0.0.1:8080/sessions`.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Timeout for each attempt (default 30 s). See [`RetryPolicy`] for the overall deadline.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Attempts run without a timer of their own: a request that never gets an
    /// answer waits until the caller gives up on it. For callers that already bound
    /// every call (a `tokio::time::timeout` around it, or a web framework's request
    /// timeout), this saves the timer each attempt would arm: about 1% per request
    /// on loopback (BENCHMARKS.md). The retry policy's deadline still stops retries.
    pub fn no_timeout(mut self) -> Self {
        self.timeout = None;
        self
    }

    /// The `Clerk-API-Version` header (default [`DEFAULT_API_VERSION`]).
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = version.into();
        self
    }

    /// Use this `reqwest::Client` (for proxies, custom TLS roots, connection pools).
    /// Authentication and the Clerk headers are still added to every request.
    ///
    /// The default client follows no redirect and sends plain `http://` through no
    /// proxy; a client of yours keeps its own policies, so build it with
    /// `.redirect(reqwest::redirect::Policy::none())` for the same guarantees.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// How failed requests are retried (default: [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Allow sending the secret key over plain `http://` to a host that is not a
    /// loopback address. Off by default: only `https://` and loopback `http://` are accepted.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// The largest response body read (default [`DEFAULT_MAX_RESPONSE_BYTES`],
    /// 16 MiB): a larger `Content-Length` is refused before reading, and a body
    /// that grows past it is cut off, both as [`Error::ResponseTooLarge`]. With
    /// [`no_timeout`](Self::no_timeout), this is what bounds an endless body.
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.max_response_bytes = limit;
        self
    }
}
