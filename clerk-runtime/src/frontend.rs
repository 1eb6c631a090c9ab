//! The Frontend API's credentials: the publishable key names the instance's
//! Frontend API host; a client token or a dev-browser token authenticates a
//! user's client; an OAuth application's client ID and secret authenticate it
//! to the OAuth token endpoints.

use http::HeaderValue;

use crate::error::Error;

/// How requests to the Frontend API carry the client's credential.
#[derive(Clone)]
pub(crate) enum FrontendToken {
    /// `Authorization: Bearer <token>` and `_is_native=1` (native apps).
    Client(HeaderValue),
    /// `__dev_session=<token>` in the query (development instances).
    DevBrowser(String),
}

/// The Frontend API host a publishable key names: `pk_test_` or `pk_live_`,
/// then the base64 of the host followed by `$`.
///
/// # Errors
///
/// [`Error::Config`] for anything else (the key is not echoed: it is public,
/// but a secret key pasted by mistake would be).
pub(crate) fn publishable_key_host(key: &str) -> Result<String, Error> {
    let bad = |why: &str| {
        Error::config(format!(
            "not a publishable key ({why}): expected `pk_test_…` or `pk_live_…` as shown in the Clerk Dashboard"
        ))
    };
    let key = key.trim();
    let encoded = key
        .strip_prefix("pk_test_")
        .or_else(|| key.strip_prefix("pk_live_"))
        .ok_or_else(|| bad("wrong prefix"))?;
    let decoded = base64_decode(encoded).ok_or_else(|| bad("not base64"))?;
    let text = String::from_utf8(decoded).map_err(|_| bad("not UTF-8"))?;
    let host = text
        .strip_suffix('$')
        .ok_or_else(|| bad("no `$` after the host"))?;
    let valid = !host.is_empty()
        && host.len() <= 253
        && host.contains('.')
        && host.split('.').all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    if !valid {
        return Err(bad("the encoded host is not a domain name"));
    }
    Ok(host.to_ascii_lowercase())
}

/// `Authorization: Basic …` for an OAuth client (RFC 6749 §2.3.1: the ID and
/// the secret form-encoded, joined by `:`, in base64), marked sensitive.
///
/// # Errors
///
/// [`Error::Config`] when either is empty (neither is echoed).
pub(crate) fn oauth_client_authorization(id: &str, secret: &str) -> Result<HeaderValue, Error> {
    let (id, secret) = (id.trim(), secret.trim());
    if id.is_empty() || secret.is_empty() {
        return Err(Error::config(
            "the OAuth client ID and secret must not be empty",
        ));
    }
    let pair = format!(
        "{}:{}",
        url::form_urlencoded::byte_serialize(id.as_bytes()).collect::<String>(),
        url::form_urlencoded::byte_serialize(secret.as_bytes()).collect::<String>()
    );
    // Base64 is ASCII: always a valid header value.
    let mut value = HeaderValue::try_from(format!("Basic {}", base64_encode(pair.as_bytes())))
        .map_err(|_| Error::config("the OAuth client credentials cannot be sent"))?;
    value.set_sensitive(true);
    Ok(value)
}

/// Standard base64 with `=` padding.
fn base64_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                let index = (group >> (18 - 6 * i)) & 0x3f;
                out.push(char::from(ALPHABET[index as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Standard base64, with or without `=` padding.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for byte in text.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((buffer >> bits) & 0xff).ok()?);
        }
    }
    // A lone sixth-bit group cannot end base64.
    (bits < 6).then_some(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a test fails loudly on a broken fixture
mod tests {
    use super::*;

    #[test]
    fn publishable_keys_name_their_host() {
        // base64("clerk.example.com$") and base64("happy-cat-12.clerk.accounts.dev$").
        assert_eq!(
            publishable_key_host("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k").unwrap(),
            "clerk.example.com"
        );
        assert_eq!(
            publishable_key_host("pk_test_aGFwcHktY2F0LTEyLmNsZXJrLmFjY291bnRzLmRldiQ=").unwrap(),
            "happy-cat-12.clerk.accounts.dev"
        );
    }

    #[test]
    fn oauth_client_credentials_are_form_encoded_then_base64() {
        // RFC 7617's example, then characters that OAuth form-encodes first.
        let value = oauth_client_authorization("Aladdin", "open sesame").unwrap();
        assert_eq!(value, "Basic QWxhZGRpbjpvcGVuK3Nlc2FtZQ==");
        assert!(value.is_sensitive());
        let value = oauth_client_authorization("a:b", "p&q").unwrap();
        // base64("a%3Ab:p%26q")
        assert_eq!(value, "Basic YSUzQWI6cCUyNnE=");
        assert_eq!(base64_encode(b""), "");
        assert_eq!(base64_encode(b"f"), "Zg==");
        assert_eq!(base64_encode(b"fo"), "Zm8=");
        assert_eq!(base64_encode(b"foo"), "Zm9v");
        for (id, secret) in [("", "s"), ("id", " ")] {
            let err = oauth_client_authorization(id, secret).unwrap_err();
            assert!(err.to_string().contains("must not be empty"), "{err}");
        }
    }

    #[test]
    fn malformed_keys_are_refused_without_echoing_them() {
        for key in [
            "",
            "sk_test_Y2xlcmsuZXhhbXBsZS5jb20k",
            "pk_test_",
            "pk_test_!!!",
            "pk_test_Y2xlcmsuZXhhbXBsZS5jb20", // no `$`
            "pk_test_ZXZpbC5jb20vcGF0aCQ",     // "evil.com/path$"
            "pk_test_JA",                      // "$"
            "pk_test_bG9jYWxob3N0JA",          // "localhost$"
        ] {
            let err = publishable_key_host(key).unwrap_err().to_string();
            assert!(err.contains("not a publishable key"), "{key}: {err}");
            if key.len() > 8 {
                assert!(!err.contains(&key[8..]), "{err}");
            }
        }
    }
}
