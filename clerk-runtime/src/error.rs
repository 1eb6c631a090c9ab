//! The one error type of this crate.

use std::fmt;
use std::time::Duration;

use crate::api_error::ApiError;
use crate::raw_body::{Escaped, RawBody};

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
        /// The start of the raw body (see [`RawBody`]).
        body: RawBody,
        /// The decoding error.
        source: BoxError,
    },
    /// The response body is larger than the client allows
    /// ([`ClientBuilder::max_response_bytes`](crate::ClientBuilder::max_response_bytes)):
    /// refused from its `Content-Length` before reading, or cut off while reading.
    ResponseTooLarge {
        /// The operation.
        operation: &'static str,
        /// The HTTP status.
        status: u16,
        /// The limit, in bytes.
        limit: u64,
        /// The `Content-Length` the server announced, if any.
        content_length: Option<u64>,
    },
    /// The server answered with a redirect, which is not followed (Clerk's API
    /// does not redirect, and following would replay the request, credentials
    /// and body included, to another URL).
    Redirect {
        /// The operation.
        operation: &'static str,
        /// The HTTP status (3xx).
        status: u16,
        /// The `Location` header, if any.
        location: Option<String>,
    },
    /// A stream across pages stopped because the server's pages cannot be
    /// trusted to end: a repeated page, more pages than the total allows, or an
    /// offset past what a `u32` holds.
    Pagination {
        /// The operation.
        operation: &'static str,
        /// Pages fetched before stopping.
        pages: u64,
        /// What was wrong.
        reason: String,
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

    /// The HTTP status, for API, decode, size and redirect errors.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(api) => Some(api.status),
            Error::Decode { status, .. }
            | Error::ResponseTooLarge { status, .. }
            | Error::Redirect { status, .. } => Some(*status),
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
            Error::ResponseTooLarge {
                operation,
                status,
                limit,
                content_length,
            } => {
                write!(
                    f,
                    "{operation}: the {status} response is larger than {limit} bytes"
                )?;
                match content_length {
                    Some(length) => write!(f, " (Content-Length {length})"),
                    None => Ok(()),
                }
            }
            Error::Redirect {
                operation,
                status,
                location,
            } => {
                write!(f, "{operation}: the server redirected ({status})")?;
                match location {
                    Some(location) => write!(f, " to {}, not followed", Escaped(location)),
                    None => f.write_str(", not followed"),
                }
            }
            Error::Pagination {
                operation,
                pages,
                reason,
            } => write!(f, "{operation}: stopped after {pages} pages: {reason}"),
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
