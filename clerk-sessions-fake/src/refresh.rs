//! `POST /sessions/{id}/refresh`: a new session token from an expired one and the refresh token.

use serde_json::{Map, Value, json};

use crate::error::ApiError;
use crate::params::{json_object, opt_string, required_string};
use crate::state::{Shared, State};
use crate::tokens::{Claims, DEFAULT_LIFETIME_SECS, token_object};

/// The body fields Clerk allows (`additionalProperties: false`).
const FIELDS: [&str; 6] = [
    "expired_token",
    "refresh_token",
    "request_origin",
    "request_headers",
    "format",
    "request_originating_ip",
];

/// The validated refresh body.
struct RefreshBody {
    expired_token: String,
    refresh_token: String,
    request_origin: String,
    cookies: bool,
}

/// Refreshes session `session_id`. Checks run in this order, each failure
/// answering as noted: the body (`400`/`422`), the session exists (`401
/// session_refresh_session_not_found`) and is `active` (`401
/// session_refresh_inactive_session`), `expired_token` is a JWT this fake
/// signed (`401 expired_session_token_invalid`, `…_missing_sid`) for this
/// session (`401 refresh_sid_mismatch`), `refresh_token` is the one stored
/// for the session (`401 refresh_token_not_found`), `request_origin` looks
/// like an origin (`401 refresh_request_origin_invalid`) and equals the
/// token's `azp` when it has one (`401 refresh_request_origin_azp_mismatch`).
///
/// The expired token's expiry is not checked, and tokens may be reused. The
/// `suffixed_cookies` query parameter is accepted and ignored.
pub(crate) fn refresh(
    shared: &Shared,
    state: &mut State,
    session_id: &str,
    body: &[u8],
) -> Result<Value, ApiError> {
    let body = parse_body(body)?;
    let session = state.sessions.get(session_id).ok_or_else(|| {
        ApiError::refresh(
            "session_refresh_session_not_found",
            format!("No session was found with id {session_id}"),
        )
    })?;
    if !session.is_active() {
        return Err(ApiError::refresh(
            "session_refresh_inactive_session",
            format!("Session {session_id} is not active"),
        ));
    }
    let claims = shared.signer.verify(&body.expired_token).ok_or_else(|| {
        ApiError::refresh(
            "expired_session_token_invalid",
            "The expired session token is not a valid session token",
        )
    })?;
    match claims.get("sid").and_then(Value::as_str) {
        None => {
            return Err(ApiError::refresh(
                "expired_session_token_missing_sid",
                "The expired session token has no sid claim",
            ));
        }
        Some(sid) if sid != session_id => {
            return Err(ApiError::refresh(
                "refresh_sid_mismatch",
                "The sid claim of the expired session token does not match the session id",
            ));
        }
        Some(_) => {}
    }
    if state.refresh_tokens.get(session_id) != Some(&body.refresh_token) {
        return Err(ApiError::refresh(
            "refresh_token_not_found",
            "The refresh token was not found",
        ));
    }
    if !looks_like_origin(&body.request_origin) {
        return Err(ApiError::refresh(
            "refresh_request_origin_invalid",
            "The request origin is not a valid origin",
        ));
    }
    if let Some(azp) = claims.get("azp").and_then(Value::as_str)
        && azp != body.request_origin
    {
        return Err(ApiError::refresh(
            "refresh_request_origin_azp_mismatch",
            "The request origin does not match the azp claim of the expired session token",
        ));
    }
    let issued_at = state.now_secs();
    let new_claims = Claims {
        session_id,
        user_id: Some(&session.user_id),
        actor: session.actor.as_ref(),
        issued_at,
        expires_at: issued_at.saturating_add(DEFAULT_LIFETIME_SECS),
        authorized_party: Some(&body.request_origin),
    }
    .to_map(&shared.issuer, None);
    let token = token_object(shared, &new_claims)?;
    if !body.cookies {
        return Ok(token);
    }
    let jwt = token.get("jwt").and_then(Value::as_str).unwrap_or_default();
    Ok(json!({
        "object": "cookies",
        "cookies": [
            format!("__session={jwt}; Path=/; HttpOnly; Secure; SameSite=Lax"),
            format!("__client_uat={issued_at}; Path=/; Secure; SameSite=Lax"),
        ],
    }))
}

fn parse_body(body: &[u8]) -> Result<RefreshBody, ApiError> {
    let map = json_object(body)?;
    if let Some(unknown) = map.keys().find(|k| !FIELDS.contains(&k.as_str())) {
        return Err(ApiError::new(
            http::StatusCode::UNPROCESSABLE_ENTITY,
            "form_param_unknown",
            "is unknown",
            format!("{unknown} is not a valid parameter for this request."),
        )
        .param(unknown));
    }
    let parsed = RefreshBody {
        expired_token: required_string(&map, "expired_token")?,
        refresh_token: required_string(&map, "refresh_token")?,
        request_origin: required_string(&map, "request_origin")?,
        cookies: cookie_format(&map)?,
    };
    opt_string(&map, "request_originating_ip")?;
    match map.get("request_headers") {
        None | Some(Value::Null | Value::Object(_)) => Ok(parsed),
        Some(_) => Err(ApiError::param_type_invalid("request_headers", "an object")),
    }
}

/// `format`: `token` (also when absent or `null`) or `cookie`.
fn cookie_format(map: &Map<String, Value>) -> Result<bool, ApiError> {
    match opt_string(map, "format")?.as_deref() {
        None | Some("token") => Ok(false),
        Some("cookie") => Ok(true),
        Some(_) => Err(ApiError::param_value_invalid(
            "format",
            "must be one of token, cookie",
        )),
    }
}

/// `scheme://host[:port]` with no path.
fn looks_like_origin(origin: &str) -> bool {
    origin.split_once("://").is_some_and(|(scheme, rest)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && !rest.is_empty()
            && !rest.contains(['/', '?', '#', ' '])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins() {
        assert!(looks_like_origin("https://app.example.com"));
        assert!(looks_like_origin("http://localhost:3000"));
        assert!(!looks_like_origin("app.example.com"));
        assert!(!looks_like_origin("https://"));
        assert!(!looks_like_origin("https://a.com/path"));
    }
}
