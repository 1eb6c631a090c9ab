//! The one error type of this crate.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use serde::Deserialize;

type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Everything that can go wrong when calling Clerk.
///
/// Match on the variant to tell a bad argument (nothing was sent) from a network
/// problem, a timeout, an error answered by Clerk, or a response that could not
/// be decoded. The secret key never appears in any of them.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// An argument was rejected before any request was sent.
    InvalidInput {
        /// The operation, e.g. `GetSession`.
        operation: &'static str,
        /// The parameter, by its wire name.
        parameter: &'static str,
        /// Why it was rejected.
        reason: String,
    },
    /// The client could not be built, or is not configured for this call.
    Config {
        /// What is wrong.
        reason: String,
    },
    /// The request could not be sent, or the response could not be read.
    Transport {
        /// The operation.
        operation: &'static str,
        /// The underlying error (connection refused, reset, TLS, ...).
        source: BoxError,
    },
    /// An attempt took longer than the client's timeout, or retries ran past the deadline.
    Timeout {
        /// The operation.
        operation: &'static str,
        /// The limit that was hit.
        after: Duration,
    },
    /// Clerk answered with an error status.
    Api(Box<ApiError>),
    /// A success response whose body is not what the operation returns.
    Decode {
        /// The operation.
        operation: &'static str,
        /// The HTTP status.
        status: u16,
        /// The raw body, kept so nothing is lost.
        body: Bytes,
        /// The decoding error.
        source: BoxError,
    },
}

impl Error {
    /// The API error, if Clerk answered with an error status.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) => Some(api),
            _ => None,
        }
    }

    /// The HTTP status, for API and decode errors.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(api) => Some(api.status),
            Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Whether another attempt may succeed: 429, 5xx, timeouts and transport errors.
    /// Whether the retry loop actually retries also depends on the operation (see
    /// [`RetryPolicy`](crate::RetryPolicy)).
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(api) => api.status == 429 || api.status >= 500,
            Error::Transport { .. } | Error::Timeout { .. } => true,
            _ => false,
        }
    }

    pub(crate) fn invalid(
        operation: &'static str,
        parameter: &'static str,
        reason: impl Into<String>,
    ) -> Self {
        Error::InvalidInput {
            operation,
            parameter,
            reason: reason.into(),
        }
    }

    pub(crate) fn config(reason: impl Into<String>) -> Self {
        Error::Config {
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidInput {
                operation,
                parameter,
                reason,
            } => write!(
                f,
                "{operation}: invalid `{parameter}`: {reason} (nothing was sent)"
            ),
            Error::Config { reason } => write!(f, "client configuration: {reason}"),
            Error::Transport { operation, .. } => {
                write!(f, "{operation}: the request could not be completed")
            }
            Error::Timeout { operation, after } => {
                write!(f, "{operation}: timed out after {after:?}")
            }
            Error::Api(api) => write!(f, "{api}"),
            Error::Decode {
                operation, status, ..
            } => {
                write!(f, "{operation}: could not decode the {status} response")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport { source, .. } | Error::Decode { source, .. } => Some(source.as_ref()),
            _ => None,
        }
    }
}

/// An error status answered by Clerk, with everything Clerk said about it.
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
    /// `Retry-After`, for 429 and 503.
    pub retry_after: Option<Duration>,
    /// The raw body, kept when it was not Clerk's error JSON (a proxy's HTML page, say).
    pub raw_body: Option<Bytes>,
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
            write!(
                f,
                " {}: {}",
                first.code,
                first.long_message.as_deref().unwrap_or(&first.message)
            )?;
            if self.errors.len() > 1 {
                write!(f, " (and {} more)", self.errors.len() - 1)?;
            }
        }
        if let Some(trace) = &self.trace_id {
            write!(f, " [trace {trace}]")?;
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
        let retry_after = header("retry-after")
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let parsed = serde_json::from_slice::<ClerkErrors>(&body).ok();
        let header_trace = || header("clerk-trace-id").or_else(|| header("cf-ray"));
        match parsed {
            Some(parsed) => ApiError {
                operation,
                status,
                errors: parsed.errors,
                meta: parsed.meta,
                trace_id: parsed.clerk_trace_id.or_else(header_trace),
                retry_after,
                raw_body: None,
            },
            None => ApiError {
                operation,
                status,
                errors: Vec::new(),
                meta: None,
                trace_id: header_trace(),
                retry_after,
                raw_body: Some(body),
            },
        }
    }
}

/// A string that is not a valid value of an ID or enum type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    type_name: &'static str,
    reason: String,
}

impl ParseError {
    /// The type that rejected the value, e.g. `SessionId`.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    #[doc(hidden)]
    pub fn __empty(type_name: &'static str) -> Self {
        ParseError {
            type_name,
            reason: "must not be empty".to_owned(),
        }
    }

    #[doc(hidden)]
    pub fn __unknown_variant(type_name: &'static str, value: &str, expected: &[&str]) -> Self {
        ParseError {
            type_name,
            reason: format!("`{value}` is not one of {}", expected.join(", ")),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}: {}", self.type_name, self.reason)
    }
}

impl std::error::Error for ParseError {}

impl From<ParseError> for Error {
    fn from(err: ParseError) -> Self {
        Error::InvalidInput {
            operation: "",
            parameter: err.type_name,
            reason: err.reason,
        }
    }
}
