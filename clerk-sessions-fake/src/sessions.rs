//! `POST /sessions`, `GET /sessions/{id}` and `POST /sessions/{id}/revoke`.

use http::StatusCode;
use serde_json::Value;

use crate::auth::Environment;
use crate::error::ApiError;
use crate::params::{json_object, opt_string, required_string};
use crate::seed::SessionSeed;
use crate::state::State;

/// Creates an active session for an existing user on a new client.
/// Refused on production instances (`sk_live_` keys).
pub(crate) fn create(
    state: &mut State,
    environment: Environment,
    body: &[u8],
) -> Result<Value, ApiError> {
    if environment == Environment::Production {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "request_invalid_for_environment",
            "Request invalid for environment",
            "Request only valid for development and staging instances",
        ));
    }
    let body = json_object(body)?;
    let user_id = required_string(&body, "user_id")?;
    let organization = opt_string(&body, "active_organization_id")?;
    if !state.users.contains(&user_id) {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "resource_not_found",
            "User not found",
            format!("No user was found with id {user_id}"),
        ));
    }
    let client_id = state.fresh_id("client");
    let id = state.insert_session(SessionSeed {
        last_active_organization_id: organization,
        ..SessionSeed::new(user_id, client_id)
    });
    get(state, &id)
}

/// The session with id `id` (already percent-decoded), whatever its status.
pub(crate) fn get(state: &State, id: &str) -> Result<Value, ApiError> {
    state
        .sessions
        .get(id)
        .map(|s| s.to_json())
        .ok_or_else(|| ApiError::session_not_found(id))
}

/// Revokes an `active` or `pending` session: status `revoked`, `updated_at`
/// bumped. Any other status is returned unchanged with 200. The request
/// body is ignored.
pub(crate) fn revoke(state: &mut State, id: &str) -> Result<Value, ApiError> {
    let now = state.now_ms();
    let session = state
        .sessions
        .get_mut(id)
        .ok_or_else(|| ApiError::session_not_found(id))?;
    if session.status == "active" || session.status == "pending" {
        session.status = "revoked".to_owned();
        // Strictly later, so a test on a fixed clock still sees the bump.
        session.updated_at = now.max(session.updated_at.saturating_add(1));
    }
    Ok(session.to_json())
}
