//! `GET /sessions`: filters, newest-first order, offset/limit and both response shapes.

use std::cmp::Reverse;

use http::StatusCode;
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::params::{Query, parse_bool};
use crate::session::StoredSession;
use crate::state::State;

/// The values the `status` filter accepts. `pending` is a session status
/// but not a filter value.
const STATUS_FILTERS: [&str; 7] = [
    "abandoned",
    "active",
    "ended",
    "expired",
    "removed",
    "replaced",
    "revoked",
];
const DEFAULT_LIMIT: i64 = 10;
const MAX_LIMIT: i64 = 500;

/// Lists sessions: filter by `client_id`, `user_id`, `status`; order newest
/// `created_at` first (ties: most recently seeded first); then `offset` and
/// `limit`. Returns a bare array, or `{data, total_count}` with
/// `paginated=true` (`total_count` counts before offset and limit).
pub(crate) fn list(state: &State, query: &Query) -> Result<Value, ApiError> {
    let client_id = query.non_empty("client_id");
    let user_id = query.non_empty("user_id");
    if client_id.is_none() && user_id.is_none() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "missing_query_parameter",
            "Missing query parameter",
            "Either of the following query parameters must be provided: client_id, user_id",
        ));
    }
    let status = match query.non_empty("status") {
        Some(s) if !STATUS_FILTERS.contains(&s) => {
            return Err(invalid_value(
                "status",
                &format!("must be one of {}", STATUS_FILTERS.join(", ")),
            ));
        }
        other => other,
    };
    let paginated = match query.non_empty("paginated") {
        None => false,
        Some(text) => {
            parse_bool(text).ok_or_else(|| invalid_value("paginated", "must be a boolean"))?
        }
    };
    let limit = integer(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)?;
    let offset = integer(query, "offset", 0, 0, i64::MAX)?;

    let mut matches: Vec<&StoredSession> = state
        .sessions
        .values()
        .filter(|s| client_id.is_none_or(|c| s.client_id == c))
        .filter(|s| user_id.is_none_or(|u| s.user_id == u))
        .filter(|s| status.is_none_or(|st| s.status == st))
        .collect();
    matches.sort_by_key(|s| Reverse((s.created_at, s.seq)));
    let total_count = matches.len();
    let page: Vec<Value> = matches
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .map(StoredSession::to_json)
        .collect();
    Ok(if paginated {
        json!({ "data": page, "total_count": total_count })
    } else {
        Value::Array(page)
    })
}

/// An integer query parameter in `min..=max`, or `default` when absent.
fn integer(query: &Query, name: &str, default: i64, min: i64, max: i64) -> Result<i64, ApiError> {
    let Some(text) = query.non_empty(name) else {
        return Ok(default);
    };
    let why = if max == i64::MAX {
        format!("must be an integer greater than or equal to {min}")
    } else {
        format!("must be an integer between {min} and {max}")
    };
    match text.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(ApiError::param_value_invalid(name, &why)),
    }
}

fn invalid_value(name: &str, why: &str) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "invalid_query_parameter_value",
        "Invalid query parameter value",
        format!("The value of query parameter {name} is invalid: it {why}"),
    )
    .param(name)
}
