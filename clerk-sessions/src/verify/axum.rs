//! Protecting axum routes with session tokens (feature `axum`).
//!
//! [`Claims`] is an extractor: a handler that takes it runs only for a
//! request whose token verifies; any other request gets `401` with a small
//! JSON body (`{"error": "token_expired", "message": "session token
//! expired"}`) and `WWW-Authenticate: Bearer`, and the handler never runs.
//! The token is read from `Authorization: Bearer <token>`, else from the
//! `__session` cookie. The [`Verifier`] comes from the router's state
//! (`Verifier: FromRef<S>`), so no call reaches Clerk per request once it
//! has the keys. `Option<Claims>` makes the session optional: `None` without
//! a token, still `401` for a token that fails.
//!
//! ```
//! use axum::{Router, routing::get};
//! use clerk_sessions::verify::{Claims, Verifier};
//!
//! async fn me(claims: Claims) -> String {
//!     format!("hello {}", claims.user_id)
//! }
//!
//! fn app(verifier: Verifier) -> Router {
//!     Router::new().route("/me", get(me)).with_state(verifier)
//! }
//! ```
//!
//! To protect every route of a router at once, layer [`require_session`]
//! with `axum::middleware::from_fn_with_state(verifier, require_session)`:
//! it answers the same `401`s and hands the claims on to handlers (as a
//! request extension, which the extractor then reads instead of verifying
//! again).

use axum::Json;
use axum::extract::{FromRef, FromRequestParts, OptionalFromRequestParts, Request, State};
use axum::http::header::{AUTHORIZATION, COOKIE, WWW_AUTHENTICATE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::{Claims, Verifier, VerifyError};

/// The cookie Clerk keeps the session token in.
pub const SESSION_COOKIE: &str = "__session";

/// The session token of a request: `Authorization: Bearer <token>` (the
/// scheme in any case), else the `__session` cookie.
pub fn session_token(headers: &HeaderMap) -> Option<&str> {
    let bearer = headers
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .filter(|token| !token.is_empty());
    bearer.or_else(|| {
        headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|cookies| cookies.split(';'))
            .filter_map(|cookie| cookie.trim().split_once('='))
            .find(|(name, _)| *name == SESSION_COOKIE)
            .map(|(_, value)| value.trim_matches('"'))
            .filter(|token| !token.is_empty())
    })
}

/// Why a request was refused: no token, or the [`VerifyError`] of its token.
///
/// As a response: `401` (`503` when the keys could not be fetched, `500`
/// when the verifier is misconfigured) with `{"error": code, "message":
/// text}`; neither contains the token.
#[derive(Debug)]
pub struct Rejection {
    error: Option<VerifyError>,
}

impl Rejection {
    /// The verification error; `None` when the request had no token.
    pub fn error(&self) -> Option<&VerifyError> {
        self.error.as_ref()
    }

    /// The status this rejection answers with.
    pub fn status(&self) -> StatusCode {
        match &self.error {
            None => StatusCode::UNAUTHORIZED,
            Some(e) if e.is_token_rejected() => StatusCode::UNAUTHORIZED,
            Some(VerifyError::KeysUnavailable { .. }) => StatusCode::SERVICE_UNAVAILABLE,
            Some(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<VerifyError> for Rejection {
    fn from(error: VerifyError) -> Self {
        Rejection { error: Some(error) }
    }
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = match &self.error {
            None => json!({"error": "missing_token", "message": "no session token"}),
            Some(e) => json!({"error": e.code(), "message": e.to_string()}),
        };
        let mut response = (status, Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// Verifies the request's token, unless a layer already did.
async fn claims_of(parts: &Parts, verifier: &Verifier) -> Result<Option<Claims>, Rejection> {
    if let Some(claims) = parts.extensions.get::<Claims>() {
        return Ok(Some(claims.clone()));
    }
    match session_token(&parts.headers) {
        None => Ok(None),
        Some(token) => Ok(Some(verifier.verify(token).await?)),
    }
}

impl<S> FromRequestParts<S> for Claims
where
    Verifier: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let verifier = Verifier::from_ref(state);
        claims_of(parts, &verifier)
            .await?
            .ok_or(Rejection { error: None })
    }
}

impl<S> OptionalFromRequestParts<S> for Claims
where
    Verifier: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        let verifier = Verifier::from_ref(state);
        claims_of(parts, &verifier).await
    }
}

/// Middleware for `axum::middleware::from_fn_with_state(verifier, require_session)`:
/// refuses requests without a valid token as the extractor does, and puts
/// the [`Claims`] of the others in the request's extensions.
///
/// # Errors
///
/// The [`Rejection`] for a request it refuses (it is the response).
pub async fn require_session(
    State(verifier): State<Verifier>,
    request: Request,
    next: Next,
) -> Result<Response, Rejection> {
    let (mut parts, body) = request.into_parts();
    let claims = claims_of(&parts, &verifier)
        .await?
        .ok_or(Rejection { error: None })?;
    parts.extensions.insert(claims);
    Ok(next.run(Request::from_parts(parts, body)).await)
}
