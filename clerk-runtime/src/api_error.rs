//! [`ApiError`]: an error status answered by Clerk, with everything it said.

use std::fmt;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use serde::Deserialize;

use crate::raw_body::{Escaped, RawBody};

/// An error status answered by Clerk, with everything Clerk said about it.
///
/// `Display` shows the operation, the status, the first error's code and
/// message and the trace ID, with control characters escaped (server text
/// cannot forge log lines).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ApiError {
    /// The operation.
    pub operation: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// Clerk's errors, in order. Empty when the body was not Clerk's JSON.
    pub errors: Vec<ClerkError>,
    /// Free-form `meta` of the whole response.
    pub meta: Option<serde_json::Value>,
    /// The request's trace ID: `clerk_trace_id` in the body, else the
    /// `Clerk-Trace-Id` or `cf-ray` response header.
    pub trace_id: Option<String>,
    /// `Retry-After` (seconds or an HTTP date), usually on 429 and 503.
    pub retry_after: Option<Duration>,
    /// The start of the raw body, kept when it was not Clerk's error JSON (a
    /// proxy's HTML page, say).
    pub raw_body: Option<RawBody>,
}

impl ApiError {
    /// The code of the first error, e.g. `resource_not_found`.
    pub fn code(&self) -> Option<&str> {
        self.errors.first().map(|e| e.code.as_str())
    }

    /// Whether any of Clerk's errors has this code.
    pub fn has_code(&self, code: &str) -> bool {
        self.errors.iter().any(|e| e.code == code)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: Clerk answered {}", self.operation, self.status)?;
        if let Some(first) = self.errors.first() {
            let message = first.long_message.as_deref().unwrap_or(&first.message);
            write!(f, " {}: {}", Escaped(&first.code), Escaped(message))?;
            if self.errors.len() > 1 {
                write!(f, " (and {} more)", self.errors.len() - 1)?;
            }
        }
        if let Some(trace) = &self.trace_id {
            write!(f, " [trace {}]", Escaped(trace))?;
        }
        Ok(())
    }
}

/// One entry of Clerk's `errors` array.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ClerkError {
    /// Machine-readable code, e.g. `resource_not_found`. Codes are an open set.
    pub code: String,
    /// Short message.
    #[serde(default)]
    pub message: String,
    /// Longer explanation.
    #[serde(default)]
    pub long_message: Option<String>,
    /// Free-form details, e.g. `{"param_name": "user_id"}`.
    #[serde(default)]
    pub meta: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct ClerkErrors {
    errors: Vec<ClerkError>,
    #[serde(default)]
    meta: Option<serde_json::Value>,
    #[serde(default)]
    clerk_trace_id: Option<String>,
}

impl ApiError {
    pub(crate) fn from_response(
        operation: &'static str,
        status: u16,
        headers: &http::HeaderMap,
        body: Bytes,
    ) -> ApiError {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let retry_after = header("retry-after").and_then(|v| retry_after(&v, SystemTime::now()));
        let header_trace = || header("clerk-trace-id").or_else(|| header("cf-ray"));
        let (errors, meta, trace_id, raw_body) = match serde_json::from_slice::<ClerkErrors>(&body)
        {
            Ok(parsed) => (
                parsed.errors,
                parsed.meta,
                parsed.clerk_trace_id.or_else(header_trace),
                None,
            ),
            Err(_) => (
                Vec::new(),
                None,
                header_trace(),
                Some(RawBody::capped(body)),
            ),
        };
        ApiError {
            operation,
            status,
            errors,
            meta,
            trace_id,
            retry_after,
            raw_body,
        }
    }
}

/// A `Retry-After` value: delay seconds, or an HTTP date (a date in the past
/// means now).
fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_seconds_or_an_http_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        assert_eq!(retry_after("120", now), Some(Duration::from_secs(120)));
        assert_eq!(retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(
            retry_after("18446744073709551615", now),
            Some(Duration::from_secs(u64::MAX))
        );
        // 2015-10-21 07:28:00 GMT, 90 s after `now`.
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:29:30 GMT", now),
            Some(Duration::from_secs(90))
        );
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon", now), None);
        assert_eq!(retry_after("-5", now), None);
    }
}
