//! Proxies from the environment, for `https://` only.
//!
//! reqwest's default takes `HTTP_PROXY`, `HTTPS_PROXY` and `ALL_PROXY` for
//! every URL, so a plain `http://` request (a loopback fake, or an
//! `allow_insecure_http` host) would carry the secret key in clear text to
//! the proxy. The default client of this crate instead sends plain `http://`
//! directly, and `https://` through `HTTPS_PROXY` (or `ALL_PROXY`, lower-case
//! spellings too), except to loopback hosts and the hosts `NO_PROXY` lists.
//! Other proxy setups: give the builder your own `reqwest::Client`.

use crate::base_url::is_loopback;

/// The variables read for an `https://` proxy, in order of precedence.
const HTTPS_PROXY_VARS: &[&str] = &["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"];

/// The proxy for `https://` requests the environment names, if any.
pub(crate) fn https_proxy_from_env() -> Option<reqwest::Proxy> {
    let target = HTTPS_PROXY_VARS
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .find(|value| !value.trim().is_empty())?;
    let target = reqwest::Url::parse(target.trim()).ok()?;
    let proxy = reqwest::Proxy::custom(move |url| {
        (url.scheme() == "https" && !is_loopback(url)).then(|| target.clone())
    });
    Some(proxy.no_proxy(reqwest::NoProxy::from_env()))
}
