//! Base URLs: which ones may carry the secret key, and parsing them once.

use std::net::IpAddr;

use crate::error::Error;

/// Validates a base URL given to the builder and drops a trailing `/`.
pub(crate) fn check(url: &str, allow_insecure_http: bool) -> Result<String, Error> {
    // The URL is not echoed: it may hold a password.
    let parsed =
        reqwest::Url::parse(url).map_err(|e| Error::config(format!("invalid base URL: {e}")))?;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(Error::config(
            "the base URL must not hold a user name or password (`user:password@`): the client authenticates with its key",
        ));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(Error::config(
            "the base URL must not have a query or fragment",
        ));
    }
    check_scheme(&parsed, allow_insecure_http)?;
    Ok(url.trim_end_matches('/').to_owned())
}

/// Only `https://`, and plain `http://` to a loopback host (or anywhere when
/// allowed), may carry credentials.
pub(crate) fn check_scheme(url: &reqwest::Url, allow_insecure_http: bool) -> Result<(), Error> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if allow_insecure_http || is_loopback(url) => Ok(()),
        "http" => Err(Error::config(format!(
            "refusing to send credentials over plain http to `{}`: use https, a loopback address, or ClientBuilder::allow_insecure_http(true)",
            url.host_str().unwrap_or_default()
        ))),
        other => Err(Error::config(format!(
            "unsupported URL scheme `{other}` in the base URL"
        ))),
    }
}

/// A base URL that a request path can be joined to.
pub(crate) fn parse(url: &str) -> Option<reqwest::Url> {
    reqwest::Url::parse(url)
        .ok()
        .filter(|u| !u.cannot_be_a_base() && u.query().is_none() && u.fragment().is_none())
}

pub(crate) fn is_loopback(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a test fails loudly on a broken fixture
mod tests {
    use super::check;

    #[test]
    fn base_urls() {
        assert_eq!(
            check("https://api.clerk.com/v1/", false).ok().as_deref(),
            Some("https://api.clerk.com/v1")
        );
        assert!(check("http://127.0.0.1:8080", false).is_ok());
        assert!(check("http://127.5.0.1:8080", false).is_ok());
        assert!(check("http://[::1]:8080", false).is_ok());
        assert!(check("http://localhost:8080", false).is_ok());
        assert!(check("http://api.example.com", false).is_err());
        assert!(check("http://10.0.0.1", false).is_err());
        assert!(check("http://api.example.com", true).is_ok());
        assert!(check("ftp://x", true).is_err());
        assert!(check("not a url", false).is_err());
        assert!(check("https://x/?a=b", false).is_err());
        for with_credentials in [
            "https://user:hunter2@x",
            "https://user@x",
            "https://:hunter2@x",
        ] {
            let err = check(with_credentials, false).unwrap_err().to_string();
            assert!(err.contains("user name or password"), "{err}");
            assert!(!err.contains("hunter2"), "{err}");
        }
    }
}
