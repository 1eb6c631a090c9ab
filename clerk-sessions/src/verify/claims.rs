//! [`Claims`]: what a verified session token says, typed.

use serde_json::{Map, Value};

use super::error::VerifyError;
use crate::{OrganizationId, SessionId, SessionStatus, UserId};

/// The claims of a verified session token.
///
/// | field | claim |
/// |---|---|
/// | `user_id` | `sub` (required) |
/// | `session_id` | `sid` (required) |
/// | `session_status` | `sts` (version 2: `active` or `pending`; `None` in version 1 tokens) |
/// | `expires_at`, `not_before`, `issued_at` | `exp` (required), `nbf`, `iat`, Unix seconds |
/// | `issuer`, `authorized_party` | `iss`, `azp` |
/// | `version` | `v` (2 for version 2 tokens; 1 when absent) |
/// | `organization` | version 2: `o` (`id`, `slg`, `rol`, `per`, `fpm`) with `fea`; version 1: `org_id`, `org_slug`, `org_role`, `org_permissions` |
/// | `actor` | `act`, set when the session is an impersonation |
/// | `raw` | every claim as sent, custom ones included |
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Claims {
    /// `sub`: the signed-in user.
    pub user_id: UserId,
    /// `sid`: the session.
    pub session_id: SessionId,
    /// `sts`: the session's status. A `pending` session is signed in with
    /// tasks left (choose an organization, ...): decide whether a route
    /// accepts it, or refuse all with
    /// [`Verifier::reject_pending`](crate::verify::Verifier::reject_pending).
    pub session_status: Option<SessionStatus>,
    /// `exp`, Unix seconds.
    pub expires_at: i64,
    /// `nbf`, Unix seconds.
    pub not_before: Option<i64>,
    /// `iat`, Unix seconds.
    pub issued_at: Option<i64>,
    /// `iss`: the instance's Frontend API URL.
    pub issuer: Option<String>,
    /// `azp`: the origin the token was issued to.
    pub authorized_party: Option<String>,
    /// `v`: the claims version (1 when absent).
    pub version: u64,
    /// The active organization, if any.
    pub organization: Option<Organization>,
    /// `act`: who is impersonating the user, if anyone.
    pub actor: Option<Actor>,
    /// Every claim as sent.
    pub raw: Map<String, Value>,
}

impl Claims {
    /// Whether `sts` is `pending`.
    pub fn is_pending(&self) -> bool {
        self.session_status == Some(SessionStatus::Pending)
    }
}

/// The active organization of a session, the same for both token versions.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Organization {
    /// `o.id` / `org_id`.
    pub id: OrganizationId,
    /// `o.slg` / `org_slug`.
    pub slug: Option<String>,
    /// The role with Clerk's `org:` prefix (`org:admin`): `o.rol` gets the
    /// prefix added, `org_role` carries it already.
    pub role: Option<String>,
    /// Permissions as `org:<feature>:<permission>`. Version 2 tokens encode
    /// them as `o.per` (permission names), `o.fpm` (per organization feature
    /// of `fea`, a bit mask over `o.per`) and `fea` (`o:<feature>` entries);
    /// version 1 tokens list them in `org_permissions`.
    pub permissions: Vec<String>,
}

impl Organization {
    /// Whether the role holds `permission` (`org:<feature>:<permission>`).
    pub fn has_permission(&self, permission: &str) -> bool {
        self.permissions.iter().any(|p| p == permission)
    }
}

/// `act`: the impersonator of an impersonation session.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Actor {
    /// `act.sub`: the impersonating user.
    pub user_id: UserId,
    /// The whole `act` object.
    pub raw: Map<String, Value>,
}

impl Claims {
    /// Types the claims of a token whose signature held.
    pub(crate) fn from_map(raw: Map<String, Value>) -> Result<Claims, VerifyError> {
        let version = match present(&raw, "v") {
            None => 1,
            Some(v) => v
                .as_u64()
                .ok_or(VerifyError::claim("v", "is not an integer"))?,
        };
        let organization = if version >= 2 {
            organization_v2(&raw)?
        } else {
            organization_v1(&raw)?
        };
        Ok(Claims {
            user_id: UserId::new(required_str(&raw, "sub")?)
                .map_err(|_| VerifyError::claim("sub", "is empty"))?,
            session_id: SessionId::new(required_str(&raw, "sid")?)
                .map_err(|_| VerifyError::claim("sid", "is empty"))?,
            session_status: optional_str(&raw, "sts")?.map(parse_status),
            expires_at: time(&raw, "exp")?.ok_or(VerifyError::claim("exp", "is missing"))?,
            not_before: time(&raw, "nbf")?,
            issued_at: time(&raw, "iat")?,
            issuer: optional_str(&raw, "iss")?.map(str::to_owned),
            authorized_party: optional_str(&raw, "azp")?.map(str::to_owned),
            version,
            organization,
            actor: actor(&raw)?,
            raw,
        })
    }
}

fn parse_status(value: &str) -> SessionStatus {
    match value.parse() {
        Ok(status) => status,
        Err(never) => match never {},
    }
}

/// A claim that is present and not `null`.
fn present<'a>(map: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    map.get(name).filter(|v| !v.is_null())
}

fn optional_str<'a>(
    map: &'a Map<String, Value>,
    name: &'static str,
) -> Result<Option<&'a str>, VerifyError> {
    match present(map, name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(VerifyError::claim(name, "is not a string")),
    }
}

fn required_str<'a>(
    map: &'a Map<String, Value>,
    name: &'static str,
) -> Result<&'a str, VerifyError> {
    optional_str(map, name)?.ok_or(VerifyError::claim(name, "is missing"))
}

/// A NumericDate: Unix seconds, an integer (a fraction is truncated).
fn time(map: &Map<String, Value>, name: &'static str) -> Result<Option<i64>, VerifyError> {
    let Some(value) = present(map, name) else {
        return Ok(None);
    };
    let Value::Number(number) = value else {
        return Err(VerifyError::claim(name, "is not a number"));
    };
    if let Some(secs) = number.as_i64() {
        return Ok(Some(secs));
    }
    match number.as_f64() {
        // In range, so the cast is exact up to the truncated fraction.
        #[allow(clippy::cast_possible_truncation)]
        Some(secs) if secs.is_finite() && secs.abs() < 9.0e15 => Ok(Some(secs.trunc() as i64)),
        _ => Err(VerifyError::claim(name, "is out of range")),
    }
}

fn actor(raw: &Map<String, Value>) -> Result<Option<Actor>, VerifyError> {
    match present(raw, "act") {
        None => Ok(None),
        Some(Value::Object(act)) => {
            let sub = required_str(act, "sub")
                .map_err(|_| VerifyError::claim("act.sub", "is missing"))?;
            Ok(Some(Actor {
                user_id: UserId::new(sub).map_err(|_| VerifyError::claim("act.sub", "is empty"))?,
                raw: act.clone(),
            }))
        }
        Some(_) => Err(VerifyError::claim("act", "is not an object")),
    }
}

/// Version 1: `org_id`, `org_slug`, `org_role`, `org_permissions`.
fn organization_v1(raw: &Map<String, Value>) -> Result<Option<Organization>, VerifyError> {
    let Some(id) = optional_str(raw, "org_id")? else {
        return Ok(None);
    };
    let permissions = match present(raw, "org_permissions") {
        None => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|p| p.as_str().map(str::to_owned))
            .collect::<Option<_>>()
            .ok_or(VerifyError::claim(
                "org_permissions",
                "is not a list of strings",
            ))?,
        Some(_) => return Err(VerifyError::claim("org_permissions", "is not a list")),
    };
    Ok(Some(Organization {
        id: OrganizationId::new(id).map_err(|_| VerifyError::claim("org_id", "is empty"))?,
        slug: optional_str(raw, "org_slug")?.map(str::to_owned),
        role: optional_str(raw, "org_role")?.map(str::to_owned),
        permissions,
    }))
}

/// Version 2: `o: {id, slg, rol, per, fpm}` and the top-level `fea`.
fn organization_v2(raw: &Map<String, Value>) -> Result<Option<Organization>, VerifyError> {
    let o = match present(raw, "o") {
        None => return Ok(None),
        Some(Value::Object(o)) => o,
        Some(_) => return Err(VerifyError::claim("o", "is not an object")),
    };
    let field = |name: &'static str, claim: &'static str| {
        optional_str(o, name).map_err(|_| VerifyError::claim(claim, "is not a string"))
    };
    let id = field("id", "o.id")?.ok_or(VerifyError::claim("o.id", "is missing"))?;
    let permissions = permissions_v2(
        optional_str(raw, "fea")?,
        field("per", "o.per")?,
        field("fpm", "o.fpm")?,
    )?;
    Ok(Some(Organization {
        id: OrganizationId::new(id).map_err(|_| VerifyError::claim("o.id", "is empty"))?,
        slug: field("slg", "o.slg")?.map(str::to_owned),
        role: field("rol", "o.rol")?.map(|role| format!("org:{role}")),
        permissions,
    }))
}

/// `org:<feature>:<permission>` for each organization feature of `fea`
/// (entries `<scope>:<feature>` whose scope has `o`) and each permission of
/// `per` whose bit is set in that feature's `fpm` entry (bit 0 = the first
/// permission), as Clerk's SDKs decode them.
fn permissions_v2(
    fea: Option<&str>,
    per: Option<&str>,
    fpm: Option<&str>,
) -> Result<Vec<String>, VerifyError> {
    let (Some(fea), Some(per), Some(fpm)) = (fea, per, fpm) else {
        return Ok(Vec::new());
    };
    let mut features = Vec::new();
    for entry in fea.split(',').map(str::trim).filter(|e| !e.is_empty()) {
        let (scope, feature) = entry
            .split_once(':')
            .ok_or(VerifyError::claim("fea", "has an entry without a scope"))?;
        if scope.contains('o') {
            features.push(feature);
        }
    }
    let names: Vec<&str> = per.split(',').map(str::trim).collect();
    let mut permissions = Vec::new();
    for (feature, mask) in features.iter().zip(fpm.split(',')) {
        let mask: u128 = mask
            .trim()
            .parse()
            .map_err(|_| VerifyError::claim("o.fpm", "is not a list of integers"))?;
        for (bit, name) in names.iter().enumerate().take(128) {
            if mask >> bit & 1 == 1 {
                permissions.push(format!("org:{feature}:{name}"));
            }
        }
    }
    Ok(permissions)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn v2_permissions_follow_the_feature_bit_masks() {
        let p = permissions_v2(
            Some("o:dashboard,u:billing, o:impersonation"),
            Some("read,manage"),
            Some("3,2"),
        )
        .unwrap();
        assert_eq!(
            p,
            [
                "org:dashboard:read",
                "org:dashboard:manage",
                "org:impersonation:manage"
            ]
        );
        assert!(
            permissions_v2(Some("o:a"), Some("read"), None)
                .unwrap()
                .is_empty()
        );
        assert!(permissions_v2(Some("nocolon"), Some("read"), Some("1")).is_err());
        assert!(permissions_v2(Some("o:a"), Some("read"), Some("x")).is_err());
        // More masks than features, or the reverse, pair up to the shorter.
        assert_eq!(
            permissions_v2(Some("o:a"), Some("r"), Some("1,1")).unwrap(),
            ["org:a:r"]
        );
    }
}
