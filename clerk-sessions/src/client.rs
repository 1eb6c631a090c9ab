//! [`Client`] and [`ClientBuilder`].

use std::fmt;
use std::net::IpAddr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use http::HeaderValue;

use crate::error::Error;
use crate::retry::RetryPolicy;

/// The `Clerk-API-Version` sent by default: the newest Backend API version, whose
/// Sessions surface (including the `pending` status and `tasks`) this crate models.
pub const DEFAULT_API_VERSION: &str = "2026-05-12";

/// The request timeout per attempt when none is set.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// A client for Clerk's Backend API.
///
/// Cheap to clone (an `Arc` inside), `Send + Sync`: build one and share it.
/// Its `Debug` output never shows the secret key.
///
/// ```no_run
/// # async fn run() -> Result<(), clerk_sessions::Error> {
/// let client = clerk_sessions::Client::from_env()?; // reads CLERK_SECRET_KEY
/// let session_id: clerk_sessions::SessionId = "sess_123".parse()?;
/// let session = client.get_session(&session_id).send().await?;
/// println!("{} is {}", session.id, session.status);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) authorization: Option<HeaderValue>,
    pub(crate) api_version: HeaderValue,
    pub(crate) user_agent: HeaderValue,
    pub(crate) base_url: Option<String>,
    /// `base_url`, parsed once.
    pub(crate) parsed_base_url: Option<reqwest::Url>,
    /// The spec's base URL of the first operation sent, parsed once (`None` if it
    /// does not parse or cannot take a path).
    pub(crate) spec_base_url: OnceLock<(&'static str, Option<reqwest::Url>)>,
    /// The per-attempt timeout; `None`: attempts run without a timer.
    pub(crate) timeout: Option<Duration>,
    pub(crate) retry: RetryPolicy,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("Client")
            .field(
                "base_url",
                &inner.base_url.as_deref().unwrap_or(crate::BASE_URL),
            )
            .field(
                "secret_key",
                &inner.authorization.as_ref().map(|_| "<redacted>"),
            )
            .field("api_version", &inner.api_version)
            .field("timeout", &inner.timeout)
            .field("retry", &inner.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A builder to configure a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client with default settings and the secret key from the environment
    /// variable named by the spec's `binds` (`CLERK_SECRET_KEY`).
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the variable is unset or empty.
    pub fn from_env() -> Result<Client, Error> {
        Client::builder().secret_key_from_env()?.build()
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        self.inner.base_url.as_deref().unwrap_or(crate::BASE_URL)
    }

    /// Checks that a module whose spec has `spec_base` as `baseUri` can be called.
    #[doc(hidden)]
    pub fn __check_base_url(&self, spec_base: &str) -> Result<(), Error> {
        if self.inner.base_url.is_none() && spec_base.is_empty() {
            return Err(Error::config(
                "this API has no fixed host: set ClientBuilder::base_url (e.g. your Frontend API URL)",
            ));
        }
        Ok(())
    }
}

/// A secret key, never printed.
#[derive(Clone)]
struct SecretKey(String);

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Configures a [`Client`].
///
/// ```
/// # fn run() -> Result<(), clerk_sessions::Error> {
/// use std::time::Duration;
/// let client = clerk_sessions::Client::builder()
///     .secret_key("sk_test_example")
///     .base_url("http://127.0.0.1:8080")
///     .timeout(Duration::from_secs(5))
///     .build()?;
/// assert_eq!(client.base_url(), "http://127.0.0.1:8080");
/// # Ok(()) }
/// ```
#[derive(Debug)]
#[must_use = "a builder does nothing until you call `.build()`"]
pub struct ClientBuilder {
    secret_key: Option<SecretKey>,
    no_secret_key: bool,
    base_url: Option<String>,
    timeout: Option<Duration>,
    api_version: String,
    http: Option<reqwest::Client>,
    retry: RetryPolicy,
    allow_insecure_http: bool,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            secret_key: None,
            no_secret_key: false,
            base_url: None,
            timeout: Some(DEFAULT_TIMEOUT),
            api_version: DEFAULT_API_VERSION.to_owned(),
            http: None,
            retry: RetryPolicy::default(),
            allow_insecure_http: false,
        }
    }
}

impl ClientBuilder {
    /// The secret key (`sk_test_…` or `sk_live_…`), sent as `Authorization: Bearer <key>`.
    pub fn secret_key(mut self, key: impl Into<String>) -> Self {
        self.secret_key = Some(SecretKey(key.into()));
        self
    }

    /// Reads the secret key from `CLERK_SECRET_KEY` (the variable the Sessions
    /// spec binds).
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the variable is unset or empty.
    pub fn secret_key_from_env(self) -> Result<Self, Error> {
        self.secret_key_from_var(crate::SECRET_KEY_ENV.unwrap_or("CLERK_SECRET_KEY"))
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

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for a missing or malformed secret key, a malformed base
    /// URL, a plain-`http` URL to a non-loopback host (unless allowed), or an HTTP
    /// client that cannot be created.
    pub fn build(self) -> Result<Client, Error> {
        let authorization = match (&self.secret_key, self.no_secret_key) {
            (Some(SecretKey(key)), _) => {
                let key = key.trim();
                if key.is_empty() {
                    return Err(Error::config("the secret key is empty"));
                }
                let mut value = HeaderValue::try_from(format!("Bearer {key}")).map_err(|_| {
                    Error::config("the secret key contains characters not allowed in a header")
                })?;
                value.set_sensitive(true);
                Some(value)
            }
            (None, true) => None,
            (None, false) => {
                return Err(Error::config(
                    "no secret key: call .secret_key(..), or use Client::from_env() to read CLERK_SECRET_KEY",
                ));
            }
        };
        let base_url = match self.base_url {
            Some(url) => Some(check_base_url(&url, self.allow_insecure_http)?),
            None => None,
        };
        let parsed_base_url = base_url.as_deref().and_then(parse_base);
        // The default version is a static value: cloning it per request touches no
        // reference count.
        let api_version = if self.api_version == DEFAULT_API_VERSION {
            HeaderValue::from_static(DEFAULT_API_VERSION)
        } else {
            HeaderValue::try_from(self.api_version.as_str()).map_err(|_| {
                Error::config(format!(
                    "`{}` is not a valid Clerk-API-Version",
                    self.api_version
                ))
            })?
        };
        let http = match self.http {
            Some(http) => http,
            None => default_http_client()?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                authorization,
                api_version,
                user_agent: HeaderValue::from_static(concat!(
                    "clerk-sessions/",
                    env!("CARGO_PKG_VERSION")
                )),
                base_url,
                parsed_base_url,
                spec_base_url: OnceLock::new(),
                timeout: self.timeout,
                retry: self.retry,
            }),
        })
    }
}

fn default_http_client() -> Result<reqwest::Client, Error> {
    // reqwest is built without a bundled crypto provider; ring is ours. A provider
    // the application installed first is kept.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .pool_idle_timeout(Duration::from_secs(90))
        .build()
        .map_err(|e| Error::config(format!("cannot create the HTTP client: {e}")))
}

/// Validates a base URL and drops a trailing `/`.
fn check_base_url(url: &str, allow_insecure_http: bool) -> Result<String, Error> {
    let parsed = reqwest::Url::parse(url)
        .map_err(|e| Error::config(format!("invalid base URL `{url}`: {e}")))?;
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(Error::config(format!(
            "the base URL `{url}` must not have a query or fragment"
        )));
    }
    match parsed.scheme() {
        "https" => {}
        "http" if allow_insecure_http || is_loopback(&parsed) => {}
        "http" => {
            return Err(Error::config(format!(
                "refusing to send the secret key over plain http to `{}`: use https, a loopback address, or ClientBuilder::allow_insecure_http(true)",
                parsed.host_str().unwrap_or_default()
            )));
        }
        other => {
            return Err(Error::config(format!(
                "unsupported URL scheme `{other}` in the base URL"
            )));
        }
    }
    Ok(url.trim_end_matches('/').to_owned())
}

impl Inner {
    /// The base URL of an operation whose spec says `spec_base`, parsed, if it was
    /// parsed before: requests then parse only their path and query.
    pub(crate) fn parsed_base(&self, spec_base: &'static str) -> Option<&reqwest::Url> {
        if self.base_url.is_some() {
            return self.parsed_base_url.as_ref();
        }
        let (cached_for, url) = self
            .spec_base_url
            .get_or_init(|| (spec_base, parse_base(spec_base)));
        if *cached_for == spec_base {
            url.as_ref()
        } else {
            None
        }
    }
}

/// A base URL that a request path can be joined to.
fn parse_base(url: &str) -> Option<reqwest::Url> {
    reqwest::Url::parse(url)
        .ok()
        .filter(|u| !u.cannot_be_a_base() && u.query().is_none() && u.fragment().is_none())
}

fn is_loopback(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::check_base_url;

    #[test]
    fn base_urls() {
        assert_eq!(
            check_base_url("https://api.clerk.com/v1/", false)
                .ok()
                .as_deref(),
            Some("https://api.clerk.com/v1")
        );
        assert!(check_base_url("http://127.0.0.1:8080", false).is_ok());
        assert!(check_base_url("http://127.5.0.1:8080", false).is_ok());
        assert!(check_base_url("http://[::1]:8080", false).is_ok());
        assert!(check_base_url("http://localhost:8080", false).is_ok());
        assert!(check_base_url("http://api.example.com", false).is_err());
        assert!(check_base_url("http://10.0.0.1", false).is_err());
        assert!(check_base_url("http://api.example.com", true).is_ok());
        assert!(check_base_url("ftp://x", true).is_err());
        assert!(check_base_url("not a url", false).is_err());
        assert!(check_base_url("https://x/?a=b", false).is_err());
    }
}
