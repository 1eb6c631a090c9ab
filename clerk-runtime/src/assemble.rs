//! Turning a [`ClientBuilder`]'s settings into a [`Client`]: credentials,
//! base URL, headers and the default HTTP client.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use http::HeaderValue;

use crate::api::Credential;
use crate::builder::{ClientBuilder, SecretKey};
use crate::client::{Client, DEFAULT_API_VERSION, Inner};
use crate::error::Error;
use crate::frontend::{FrontendToken, oauth_client_authorization, publishable_key_host};

impl<A> ClientBuilder<A> {
    fn authorization(&self) -> Result<Option<HeaderValue>, Error> {
        // The Frontend API takes no secret key: a client for it is one whose spec
        // says so, or one given a Frontend credential.
        let frontend = self.client_token.is_some()
            || self.dev_browser_token.is_some()
            || self.publishable_key.is_some();
        let needs_key = !frontend
            && !matches!(
                self.api.map(|api| api.credential),
                Some(Credential::None | Credential::Frontend { .. })
            );
        match (&self.secret_key, self.no_secret_key) {
            (Some(SecretKey(key)), _) => {
                let key = key.trim();
                if key.is_empty() {
                    return Err(Error::config("the secret key is empty"));
                }
                let mut value = HeaderValue::try_from(format!("Bearer {key}")).map_err(|_| {
                    Error::config("the secret key contains characters not allowed in a header")
                })?;
                value.set_sensitive(true);
                Ok(Some(value))
            }
            (None, true) => Ok(None),
            (None, false) if !needs_key => Ok(None),
            (None, false) => Err(Error::config(
                "no secret key: call .secret_key(..), or use from_env() to read CLERK_SECRET_KEY",
            )),
        }
    }

    /// The Frontend API client's token, if one is set.
    fn frontend_token(&self) -> Result<Option<FrontendToken>, Error> {
        match (&self.client_token, &self.dev_browser_token) {
            (Some(_), Some(_)) => Err(Error::config(
                "set a client token or a dev-browser token, not both",
            )),
            (Some(_), None) if self.secret_key.is_some() => Err(Error::config(
                "a client token and a secret key both use the Authorization header: set one",
            )),
            (Some(SecretKey(token)), None) => {
                let mut value =
                    HeaderValue::try_from(format!("Bearer {}", token.trim())).map_err(|_| {
                        Error::config(
                            "the client token contains characters not allowed in a header",
                        )
                    })?;
                value.set_sensitive(true);
                Ok(Some(FrontendToken::Client(value)))
            }
            (None, Some(SecretKey(token))) => {
                Ok(Some(FrontendToken::DevBrowser(token.trim().to_owned())))
            }
            (None, None) => Ok(None),
        }
    }

    /// The base URL: the one set, else the host a publishable key names.
    fn chosen_base_url(&self) -> Result<Option<String>, Error> {
        match (&self.base_url, &self.publishable_key) {
            (Some(url), _) => Ok(Some(crate::base_url::check(url, self.allow_insecure_http)?)),
            (None, Some(SecretKey(key))) => {
                Ok(Some(format!("https://{}", publishable_key_host(key)?)))
            }
            (None, None) => Ok(None),
        }
    }

    pub(crate) fn build_runtime(self) -> Result<Client, Error> {
        let authorization = self.authorization()?;
        let frontend = self.frontend_token()?;
        let oauth_client = match &self.oauth_client {
            Some((id, SecretKey(secret))) => Some(oauth_client_authorization(id, secret)?),
            None => None,
        };
        let base_url = self.chosen_base_url()?;
        let parsed_base_url = base_url.as_deref().and_then(crate::base_url::parse);
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
                frontend,
                oauth_client,
                api_version,
                user_agent: HeaderValue::from_static(concat!(
                    "clerk-runtime/",
                    env!("CARGO_PKG_VERSION")
                )),
                base_url,
                parsed_base_url,
                spec_base_url: OnceLock::new(),
                timeout: self.timeout,
                retry: self.retry,
                allow_insecure_http: self.allow_insecure_http,
                max_response_bytes: self.max_response_bytes,
            }),
        })
    }
}

/// The HTTP client used unless the caller gives one: it follows no redirect
/// (a 3xx is [`Error::Redirect`]), and takes a proxy from the environment for
/// `https://` only (see [`crate::proxy`]).
fn default_http_client() -> Result<reqwest::Client, Error> {
    // reqwest is built without a bundled crypto provider; ring is ours. A provider
    // the application installed first is kept.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut builder = reqwest::Client::builder()
        .pool_idle_timeout(Duration::from_secs(90))
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy();
    if let Some(proxy) = crate::proxy::https_proxy_from_env() {
        builder = builder.proxy(proxy);
    }
    builder
        .build()
        .map_err(|e| Error::config(format!("cannot create the HTTP client: {e}")))
}
