//! [`VerifyError`]: which check a session token failed, or why keys could not be had.

use std::fmt;
use std::sync::Arc;

/// Why a session token was refused, or why the verifier could not be built
/// or get its keys.
///
/// Each variant names one check. None of them carries the token, a key or
/// the secret key, in any form: `Debug` and `Display` are safe to log.
/// Claim values an attacker controls (`alg`, `kid`, `azp`, `iss`) are not
/// repeated either.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum VerifyError {
    /// Not a compact JWS this verifier can read: not three base64url parts,
    /// a header or payload that is not a JSON object, over
    /// [`MAX_TOKEN_BYTES`](crate::verify::MAX_TOKEN_BYTES), empty.
    Malformed {
        /// What was wrong, e.g. `"the payload is not base64url"`.
        reason: &'static str,
    },
    /// The header's `alg` is not `RS256` (`none`, `HS256`, `RS512`, ...),
    /// or is missing.
    UnsupportedAlgorithm,
    /// No key with the token's `kid`, even after the one refetch the
    /// cooldown allows; or the token has no `kid` and the key set has
    /// several keys.
    UnknownKey,
    /// The signature does not verify with the key.
    BadSignature,
    /// `exp` has passed (more than the clock skew ago).
    Expired,
    /// `nbf` is in the future (by more than the clock skew).
    NotYetValid,
    /// `iat` is in the future (by more than the clock skew).
    IssuedInFuture,
    /// `azp` is not one of the configured authorized parties.
    UnauthorizedParty,
    /// `iss` is not the configured issuer, or missing while one is configured.
    WrongIssuer,
    /// The session is `pending` and the verifier was told to refuse such
    /// sessions ([`Verifier::reject_pending`](crate::verify::Verifier::reject_pending)).
    SessionPending,
    /// A claim is missing or of the wrong type (`exp` as a string, `sub`
    /// empty, `o` not an object, ...).
    InvalidClaim {
        /// The claim, e.g. `"exp"` or `"o.id"`.
        claim: &'static str,
        /// What was wrong with it.
        reason: &'static str,
    },
    /// A key given to the verifier (PEM or JWKS) cannot be used.
    InvalidKey {
        /// What was wrong, e.g. `"a private key; give the public key"`.
        reason: &'static str,
    },
    /// The key set could not be fetched (Clerk unreachable, an error
    /// status, a body that is not a JWKS). Not the token's fault: a web
    /// server should answer 503, not 401.
    KeysUnavailable {
        /// The request's error, when this verification made the request;
        /// `None` when it reused the outcome of a recent failed fetch.
        source: Option<Arc<crate::Error>>,
    },
    /// The verifier cannot be configured as asked (an invalid Frontend API
    /// URL, no HTTP client).
    Config {
        /// The runtime's error.
        source: Arc<crate::Error>,
    },
}

impl VerifyError {
    /// A short stable code for the failed check, e.g. `"token_expired"`,
    /// for logs and response bodies.
    pub fn code(&self) -> &'static str {
        match self {
            VerifyError::Malformed { .. } => "token_malformed",
            VerifyError::UnsupportedAlgorithm => "unsupported_algorithm",
            VerifyError::UnknownKey => "unknown_key",
            VerifyError::BadSignature => "bad_signature",
            VerifyError::Expired => "token_expired",
            VerifyError::NotYetValid => "token_not_yet_valid",
            VerifyError::IssuedInFuture => "token_issued_in_future",
            VerifyError::UnauthorizedParty => "unauthorized_party",
            VerifyError::WrongIssuer => "wrong_issuer",
            VerifyError::SessionPending => "session_pending",
            VerifyError::InvalidClaim { .. } => "invalid_claim",
            VerifyError::InvalidKey { .. } => "invalid_key",
            VerifyError::KeysUnavailable { .. } => "keys_unavailable",
            VerifyError::Config { .. } => "config",
        }
    }

    /// Whether the token itself was refused (401), as opposed to the
    /// verifier failing to get keys or being misconfigured (503/500).
    pub fn is_token_rejected(&self) -> bool {
        !matches!(
            self,
            VerifyError::KeysUnavailable { .. }
                | VerifyError::Config { .. }
                | VerifyError::InvalidKey { .. }
        )
    }

    pub(crate) fn malformed(reason: &'static str) -> Self {
        VerifyError::Malformed { reason }
    }

    pub(crate) fn claim(claim: &'static str, reason: &'static str) -> Self {
        VerifyError::InvalidClaim { claim, reason }
    }

    pub(crate) fn key(reason: &'static str) -> Self {
        VerifyError::InvalidKey { reason }
    }
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VerifyError::Malformed { reason } => write!(f, "malformed session token: {reason}"),
            VerifyError::UnsupportedAlgorithm => {
                f.write_str("session token algorithm is not RS256")
            }
            VerifyError::UnknownKey => f.write_str("session token signed by an unknown key"),
            VerifyError::BadSignature => f.write_str("session token signature is invalid"),
            VerifyError::Expired => f.write_str("session token expired"),
            VerifyError::NotYetValid => f.write_str("session token not valid yet (nbf)"),
            VerifyError::IssuedInFuture => f.write_str("session token issued in the future (iat)"),
            VerifyError::UnauthorizedParty => {
                f.write_str("session token issued to an unauthorized party (azp)")
            }
            VerifyError::WrongIssuer => f.write_str("session token from the wrong issuer (iss)"),
            VerifyError::SessionPending => f.write_str("session is pending"),
            VerifyError::InvalidClaim { claim, reason } => {
                write!(f, "session token claim `{claim}` {reason}")
            }
            VerifyError::InvalidKey { reason } => write!(f, "unusable verification key: {reason}"),
            VerifyError::KeysUnavailable { .. } => {
                f.write_str("the key set to verify session tokens could not be fetched")
            }
            VerifyError::Config { .. } => f.write_str("the verifier is misconfigured"),
        }
    }
}

impl std::error::Error for VerifyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            VerifyError::KeysUnavailable { source: Some(e) }
            | VerifyError::Config { source: e } => Some(&**e),
            _ => None,
        }
    }
}
