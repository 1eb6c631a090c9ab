//! Routing one request: the Frontend API's JWKS, auth, `/jwks`, the rate limit
//! and the 7 Sessions endpoints.

use axum::body::Body;
use http::{Response, StatusCode};
use serde_json::Value;
use tokio::time::Instant;

use crate::auth::authenticate;
use crate::error::{ApiError, json_response};
use crate::params::{Query, decode_segment};
use crate::record::RecordedRequest;
use crate::state::{Shared, State};
use crate::{list, refresh, sessions, tokens};

/// Answers one request (faults already handled). Success is always `200`.
pub(crate) fn dispatch(shared: &Shared, request: &RecordedRequest) -> Response<Body> {
    let mut state = shared.lock();
    match route(shared, &mut state, request) {
        Ok(body) => json_response(StatusCode::OK, &body),
        Err(error) => {
            let trace_id = state.next_trace_id();
            error.into_response(&trace_id)
        }
    }
}

fn route(shared: &Shared, state: &mut State, request: &RecordedRequest) -> Result<Value, ApiError> {
    let path = request.path.strip_prefix('/').unwrap_or(&request.path);
    let segments: Vec<&str> = path.split('/').collect();
    let method = request.method.as_str();
    // The Frontend API's key set is public: no key, no rate limit.
    if segments == [".well-known", "jwks.json"] {
        return jwks(shared, method);
    }
    let environment = authenticate(request, &state.keys)?;
    // The Backend API's `/jwks` needs the secret key (the OpenAPI document's
    // global `bearerAuth`) but is not rate limited (Clerk's documented limits).
    if segments == ["jwks"] {
        return jwks(shared, method);
    }
    if let Some(limiter) = state.rate_limit.as_mut() {
        limiter
            .check(Instant::now())
            .map_err(ApiError::too_many_requests)?;
    }
    let body = request.body.as_slice();
    match (method, segments.as_slice()) {
        ("GET", ["sessions"]) => list::list(state, &Query::parse(request.query.as_deref())),
        ("POST", ["sessions"]) => sessions::create(state, environment, body),
        ("GET", ["sessions", id]) => sessions::get(state, &decode_segment(id)),
        ("POST", ["sessions", id, "revoke"]) => sessions::revoke(state, &decode_segment(id)),
        ("POST", ["sessions", id, "refresh"]) => {
            refresh::refresh(shared, state, &decode_segment(id), body)
        }
        ("POST", ["sessions", id, "tokens"]) => {
            tokens::create(shared, state, &decode_segment(id), None, body)
        }
        ("POST", ["sessions", id, "tokens", template]) => {
            let template = decode_segment(template);
            tokens::create(shared, state, &decode_segment(id), Some(&template), body)
        }
        (
            _,
            ["sessions"]
            | ["sessions", _]
            | ["sessions", _, "revoke" | "refresh" | "tokens"]
            | ["sessions", _, "tokens", _],
        ) => Err(method_not_allowed(method)),
        _ => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "resource_not_found",
            "Resource not found",
            format!("No route matches {method} {}", request.path),
        )),
    }
}

fn jwks(shared: &Shared, method: &str) -> Result<Value, ApiError> {
    match method {
        "GET" => Ok(shared.signer.jwks()),
        _ => Err(method_not_allowed(method)),
    }
}

fn method_not_allowed(method: &str) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "Method not allowed",
        format!("{method} is not allowed on this path"),
    )
}
