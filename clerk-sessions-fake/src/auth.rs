//! Secret-key authentication and the instance environment it implies.

use http::StatusCode;

use crate::error::ApiError;
use crate::record::RecordedRequest;

/// Which kind of instance a secret key belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Environment {
    /// `sk_test_…` (and any other accepted key).
    Development,
    /// `sk_live_…`.
    Production,
}

/// Checks `Authorization: Bearer <key>` against the accepted keys.
pub(crate) fn authenticate(
    request: &RecordedRequest,
    keys: &[String],
) -> Result<Environment, ApiError> {
    let key = request
        .header("authorization")
        .and_then(|value| value.strip_prefix("Bearer "))
        .filter(|key| !key.is_empty() && !key.contains(char::is_whitespace))
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "authorization_header_format_invalid",
                "Invalid Authorization header format",
                "Invalid Authorization header format. Must be \"Bearer <YOUR_API_KEY>\"",
            )
        })?;
    if !keys.iter().any(|k| k == key) {
        let text = "The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is correct.";
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "clerk_key_invalid",
            text,
            text,
        ));
    }
    Ok(if key.starts_with("sk_live_") {
        Environment::Production
    } else {
        Environment::Development
    })
}
