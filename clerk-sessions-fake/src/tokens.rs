//! `POST /sessions/{id}/tokens[/{template}]` and the claims of every token the fake mints.

use http::StatusCode;
use serde_json::{Map, Value, json};

use crate::error::ApiError;
use crate::params::json_object;
use crate::state::{Shared, State};

/// Default session-token lifetime in seconds.
pub(crate) const DEFAULT_LIFETIME_SECS: i64 = 60;
const MIN_EXPIRES_IN: i64 = 30;
const MAX_EXPIRES_IN: i64 = 315_360_000;

/// What goes into a session token.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Claims<'a> {
    pub(crate) session_id: &'a str,
    /// `sub`; omitted when `None` (a token for an unknown session).
    pub(crate) user_id: Option<&'a str>,
    /// `act`, the session's actor.
    pub(crate) actor: Option<&'a Value>,
    pub(crate) issued_at: i64,
    pub(crate) expires_at: i64,
    pub(crate) authorized_party: Option<&'a str>,
}

impl Claims<'_> {
    /// The claim set: `iss, sub, sid, iat, nbf (iat - 10), exp, v: 2`, plus
    /// `azp` and `act` when known. Extra claims come first, so these win.
    pub(crate) fn to_map(&self, issuer: &str, extra: Option<&Value>) -> Map<String, Value> {
        let mut claims = match extra {
            Some(Value::Object(extra)) => extra.clone(),
            _ => Map::new(),
        };
        claims.insert("iss".into(), json!(issuer));
        claims.insert("sid".into(), json!(self.session_id));
        claims.insert("iat".into(), json!(self.issued_at));
        claims.insert("nbf".into(), json!(self.issued_at.saturating_sub(10)));
        claims.insert("exp".into(), json!(self.expires_at));
        claims.insert("v".into(), json!(2));
        if let Some(sub) = self.user_id {
            claims.insert("sub".into(), json!(sub));
        }
        if let Some(azp) = self.authorized_party {
            claims.insert("azp".into(), json!(azp));
        }
        if let Some(actor) = self.actor {
            claims.insert("act".into(), actor.clone());
        }
        claims
    }
}

/// Signs claims into a `{"object":"token","jwt":…}` body.
pub(crate) fn token_object(
    shared: &Shared,
    claims: &Map<String, Value>,
) -> Result<Value, ApiError> {
    let jwt = shared.signer.sign(claims).map_err(ApiError::internal)?;
    Ok(json!({ "object": "token", "jwt": jwt }))
}

/// Mints a session token, or a template token when `template` is given.
///
/// Checks run in this order: the body (`400`/`422`), the session (`404`
/// when unknown **or not `active`**, as real Clerk answers for sessions that
/// ended), then the template (`404`).
pub(crate) fn create(
    shared: &Shared,
    state: &mut State,
    session_id: &str,
    template: Option<&str>,
    body: &[u8],
) -> Result<Value, ApiError> {
    let expires_in = expires_in_seconds(body)?;
    let session = state
        .sessions
        .get(session_id)
        .filter(|s| s.is_active())
        .ok_or_else(|| ApiError::session_not_found(session_id))?;
    let template = match template {
        None => None,
        Some(name) => Some(state.templates.get(name).ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "resource_not_found",
                "JWT template not found",
                format!("No JWT template exists with name: {name}"),
            )
        })?),
    };
    let template_lifetime =
        template.map(|t| i64::try_from(t.lifetime_secs).unwrap_or(MAX_EXPIRES_IN));
    let lifetime = expires_in
        .or(template_lifetime)
        .unwrap_or(DEFAULT_LIFETIME_SECS);
    let issued_at = state.now_secs();
    let claims = Claims {
        session_id,
        user_id: Some(&session.user_id),
        actor: session.actor.as_ref(),
        issued_at,
        expires_at: issued_at.saturating_add(lifetime),
        authorized_party: None,
    };
    token_object(
        shared,
        &claims.to_map(&shared.issuer, template.map(|t| &t.claims)),
    )
}

/// The optional `expires_in_seconds` (30..=315360000; `null` means unset).
fn expires_in_seconds(body: &[u8]) -> Result<Option<i64>, ApiError> {
    const NAME: &str = "expires_in_seconds";
    match json_object(body)?.get(NAME) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(secs) if (MIN_EXPIRES_IN..=MAX_EXPIRES_IN).contains(&secs) => Ok(Some(secs)),
            _ => Err(ApiError::param_value_invalid(
                NAME,
                &format!("must be an integer between {MIN_EXPIRES_IN} and {MAX_EXPIRES_IN}"),
            )),
        },
        Some(_) => Err(ApiError::param_type_invalid(NAME, "an integer")),
    }
}
