//! Fault injection: canned failures for the next N requests.

use std::time::Duration;

use axum::body::Body;
use http::{Response, StatusCode};

use crate::error::{APPLICATION_JSON, ApiError, raw_response};

/// A failure the fake produces instead of (or before) its normal answer.
///
/// Queue faults with [`FakeClerk::inject`](crate::FakeClerk::inject). They
/// apply to any path, `/jwks` included, and take effect before
/// authentication and rate limiting.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// Answer with this HTTP status and a Clerk-style error body. The code is
    /// `internal_clerk_error` for 5xx, `too_many_requests` for 429 (with
    /// `Retry-After: 1`), `authentication_invalid` for 401,
    /// `authorization_invalid` for 403, `resource_not_found` for 404 and
    /// `request_invalid` for any other status. A number that is not a valid
    /// HTTP status (outside 100..=999) or is below 400 is answered as 500.
    Status(u16),
    /// Wait this long, then answer normally.
    Delay(Duration),
    /// Close the TCP connection without sending any response.
    DropConnection,
    /// Answer `502 Bad Gateway` with `Content-Type: text/html` and the body
    /// `<html>Bad Gateway</html>`, as a proxy or CDN would.
    NonJsonBody,
    /// Answer `200` with `Content-Type: application/json` and a body cut off
    /// in the middle of a session object.
    TruncatedJson,
}

/// The body sent for [`Fault::TruncatedJson`].
pub(crate) const TRUNCATED_JSON: &str =
    r#"{"object":"session","id":"sess_3trunc","user_id":"user_3trunc","status":"act"#;

/// The response for a fault that answers at once, or `None` for
/// [`Fault::Delay`] and [`Fault::DropConnection`], which the server loop
/// handles itself.
pub(crate) fn immediate_response(fault: &Fault, trace_id: &str) -> Option<Response<Body>> {
    match fault {
        Fault::Status(code) => Some(status_error(*code).into_response(trace_id)),
        Fault::NonJsonBody => Some(raw_response(
            StatusCode::BAD_GATEWAY,
            "text/html",
            b"<html>Bad Gateway</html>".to_vec(),
        )),
        Fault::TruncatedJson => Some(raw_response(
            StatusCode::OK,
            APPLICATION_JSON,
            TRUNCATED_JSON.as_bytes().to_vec(),
        )),
        Fault::Delay(_) | Fault::DropConnection => None,
    }
}

fn status_error(code: u16) -> ApiError {
    let status = StatusCode::from_u16(code)
        .ok()
        .filter(|s| s.is_client_error() || s.is_server_error())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let injected = format!("Injected fault: HTTP {}", status.as_u16());
    match status.as_u16() {
        429 => ApiError::too_many_requests(1),
        401 => ApiError::new(
            status,
            "authentication_invalid",
            "Invalid authentication",
            injected,
        ),
        403 => ApiError::new(
            status,
            "authorization_invalid",
            "Unauthorized request",
            injected,
        ),
        404 => ApiError::new(status, "resource_not_found", "Resource not found", injected),
        500..=599 => ApiError::new(
            status,
            "internal_clerk_error",
            "There was an internal error on our servers",
            injected,
        ),
        _ => ApiError::new(status, "request_invalid", "Request invalid", injected),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_statuses_become_500() {
        for code in [0, 99, 200, 302, 1000, u16::MAX] {
            assert_eq!(status_error(code).status, StatusCode::INTERNAL_SERVER_ERROR);
        }
        assert_eq!(status_error(503).code, "internal_clerk_error");
        assert_eq!(status_error(429).retry_after, Some(1));
        assert_eq!(status_error(418).code, "request_invalid");
    }

    #[test]
    fn truncated_json_does_not_parse() {
        assert!(serde_json::from_str::<serde_json::Value>(TRUNCATED_JSON).is_err());
    }
}
