//! Clerk-style error bodies and the JSON responses the fake sends.

use axum::body::Body;
use http::{HeaderValue, Response, StatusCode, header};
use serde_json::{Value, json};

/// The one `Content-Type` the fake sends: exactly this, without a charset,
/// because the JS SDK only parses bodies whose type is exactly this value.
pub(crate) const APPLICATION_JSON: &str = "application/json";

/// One Clerk API error, rendered as a `ClerkErrors` body with a single entry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) code: &'static str,
    pub(crate) message: String,
    pub(crate) long_message: String,
    pub(crate) meta: Value,
    /// Seconds for a `Retry-After` header (429 only).
    pub(crate) retry_after: Option<u64>,
}

impl ApiError {
    pub(crate) fn new(
        status: StatusCode,
        code: &'static str,
        message: impl Into<String>,
        long_message: impl Into<String>,
    ) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            long_message: long_message.into(),
            meta: json!({}),
            retry_after: None,
        }
    }

    /// Sets `meta.param_name`, as Clerk does for parameter errors.
    pub(crate) fn param(mut self, name: &str) -> Self {
        self.meta = json!({ "param_name": name });
        self
    }

    /// 404 `resource_not_found` for a session id.
    pub(crate) fn session_not_found(id: &str) -> Self {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "resource_not_found",
            "Session not found",
            format!("No session was found with id {id}"),
        )
    }

    /// 422 `form_param_missing` for a required body field.
    pub(crate) fn param_missing(name: &str) -> Self {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "form_param_missing",
            "is missing",
            format!("{name} is missing"),
        )
        .param(name)
    }

    /// 422 `form_param_value_invalid` for a value outside its allowed range or set.
    pub(crate) fn param_value_invalid(name: &str, why: &str) -> Self {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "form_param_value_invalid",
            "is invalid",
            format!("{name} is invalid: {why}"),
        )
        .param(name)
    }

    /// 422 `form_param_type_invalid` for a value of the wrong JSON type.
    pub(crate) fn param_type_invalid(name: &str, expected: &str) -> Self {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "form_param_type_invalid",
            "has an invalid type",
            format!("{name} must be {expected}"),
        )
        .param(name)
    }

    /// 400 `request_body_invalid` for a body that is not a JSON object.
    pub(crate) fn body_invalid() -> Self {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "request_body_invalid",
            "Request body invalid",
            "The request body is invalid. Please consult the API documentation for more information.",
        )
    }

    /// 401 for a failed session refresh, with one of the `§1.4` codes.
    pub(crate) fn refresh(code: &'static str, long_message: impl Into<String>) -> Self {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            code,
            "Session refresh failed",
            long_message,
        )
    }

    /// 429 `too_many_requests` with `Retry-After: <secs>`.
    pub(crate) fn too_many_requests(retry_after_secs: u64) -> Self {
        let mut error = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_requests",
            "Too many requests",
            "Too many requests, retry later",
        );
        error.retry_after = Some(retry_after_secs);
        error
    }

    /// 500 `internal_clerk_error`.
    pub(crate) fn internal(long_message: impl Into<String>) -> Self {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_clerk_error",
            "There was an internal error on our servers",
            long_message,
        )
    }

    /// Renders the `ClerkErrors` body, with the trace id in the body only.
    pub(crate) fn into_response(self, trace_id: &str) -> Response<Body> {
        let body = json!({
            "errors": [{
                "message": self.message,
                "long_message": self.long_message,
                "code": self.code,
                "meta": self.meta,
            }],
            "clerk_trace_id": trace_id,
        });
        let mut response = json_response(self.status, &body);
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

/// A response with `body` serialised as JSON and `Content-Type: application/json`.
pub(crate) fn json_response(status: StatusCode, body: &Value) -> Response<Body> {
    raw_response(status, APPLICATION_JSON, body.to_string().into_bytes())
}

/// A response with the given status, content type and body bytes.
pub(crate) fn raw_response(
    status: StatusCode,
    content_type: &'static str,
    body: Vec<u8>,
) -> Response<Body> {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}
