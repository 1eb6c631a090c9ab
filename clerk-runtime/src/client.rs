//! [`Client`]: the configured transport every generated client wraps.

use std::fmt;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use http::HeaderValue;

use crate::api::ApiSpec;
use crate::builder::ClientBuilder;
use crate::error::Error;
use crate::frontend::FrontendToken;
use crate::retry::RetryPolicy;

/// The `Clerk-API-Version` sent by default: the newest Backend API version,
/// whose surface (including the session `pending` status and `tasks`) the
/// generated clients model.
pub const DEFAULT_API_VERSION: &str = "2026-05-12";

/// The request timeout per attempt when none is set.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The runtime client: HTTP transport, credentials, headers, timeouts and
/// retries, shared by every generated client built on it.
///
/// Cheap to clone (an `Arc` inside), `Send + Sync`: build one and share it.
/// A generated module's `Client` wraps one (its `new`); several modules may
/// wrap clones of the same runtime client. Its `Debug` output never shows the
/// secret key.
///
/// ```
/// # fn run() -> Result<(), clerk_runtime::Error> {
/// let runtime = clerk_runtime::Client::builder()
///     .secret_key("sk_test_example")
///     .build()?;
/// assert_eq!(runtime.base_url(), None); // each operation's spec decides
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) authorization: Option<HeaderValue>,
    /// The Frontend API client's token, if set.
    pub(crate) frontend: Option<FrontendToken>,
    /// `Basic …` of an OAuth application's client ID and secret, if set.
    pub(crate) oauth_client: Option<HeaderValue>,
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
    pub(crate) allow_insecure_http: bool,
    pub(crate) max_response_bytes: u64,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("Client")
            .field("base_url", &inner.base_url)
            .field(
                "secret_key",
                &inner.authorization.as_ref().map(|_| "<redacted>"),
            )
            .field(
                "client_token",
                &inner.frontend.as_ref().map(|_| "<redacted>"),
            )
            .field(
                "oauth_client",
                &inner.oauth_client.as_ref().map(|_| "<redacted>"),
            )
            .field("api_version", &inner.api_version)
            .field("timeout", &inner.timeout)
            .field("retry", &inner.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A builder to configure a runtime client. A generated module's
    /// `Client::builder()` has the same settings and builds that module's client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client with default settings and the secret key from `CLERK_SECRET_KEY`.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the variable is unset or empty.
    pub fn from_env() -> Result<Client, Error> {
        Client::builder().secret_key_from_env()?.build()
    }

    /// The base URL set with [`ClientBuilder::base_url`], which replaces every
    /// spec's `baseUri`; `None`: each operation goes to its spec's `baseUri`.
    pub fn base_url(&self) -> Option<&str> {
        self.inner.base_url.as_deref()
    }

    /// The base URL the operations of `api` go to.
    pub fn base_url_for<'a>(&'a self, api: &'a ApiSpec) -> &'a str {
        self.base_url().unwrap_or(api.base_url)
    }

    /// Checks that this client can call `api`: it has a base URL (its own, or the
    /// spec's), and a plain-`http` base URL of the spec goes to a loopback host
    /// unless [`ClientBuilder::allow_insecure_http`] is set.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] saying what is missing.
    pub fn check_api(&self, api: &ApiSpec) -> Result<(), Error> {
        let inner = &self.inner;
        if inner.base_url.is_none() {
            if api.base_url.is_empty() {
                return Err(Error::config(format!(
                    "{} has no fixed host: set ClientBuilder::base_url (e.g. your Frontend API URL)",
                    api.name
                )));
            }
            let spec_url = reqwest::Url::parse(api.base_url).map_err(|e| {
                Error::config(format!(
                    "the spec's base URL `{}` is invalid: {e}",
                    api.base_url
                ))
            })?;
            crate::base_url::check_scheme(&spec_url, inner.allow_insecure_http)?;
        }
        Ok(())
    }
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
            .get_or_init(|| (spec_base, crate::base_url::parse(spec_base)));
        if *cached_for == spec_base {
            url.as_ref()
        } else {
            None
        }
    }
}
