//! Reading a compact JWS: three base64url parts, the header's `alg` and `kid`,
//! the signature, and (once the signature holds) the payload.

use std::borrow::Cow;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::error::VerifyError;

/// Tokens longer than this are refused before anything is decoded. Clerk's
/// session tokens are about 1 KB; a cookie cannot exceed 4 KB.
pub const MAX_TOKEN_BYTES: usize = 16 * 1024;

/// A token split into its parts, header read, signature decoded.
pub(crate) struct Jws<'t> {
    /// `kid` from the header.
    pub(crate) kid: Option<String>,
    /// `header.payload`, the bytes the signature covers.
    pub(crate) signing_input: &'t str,
    payload: &'t str,
    pub(crate) signature: Vec<u8>,
}

/// The header members this verifier reads. Duplicate members are an error
/// (serde refuses them), so `alg` cannot be said twice. `alg` of any JSON
/// type is read, so that `"alg": 256` is refused as an algorithm.
#[derive(Deserialize)]
struct Header<'a> {
    #[serde(default)]
    alg: Option<Value>,
    #[serde(borrow, default)]
    kid: Option<Cow<'a, str>>,
    #[serde(default)]
    crit: Option<Value>,
}

impl<'t> Jws<'t> {
    /// Splits and checks the token up to the signature: size, three parts,
    /// header JSON, `alg` = `RS256`, no `crit`.
    pub(crate) fn parse(token: &'t str) -> Result<Jws<'t>, VerifyError> {
        if token.is_empty() {
            return Err(VerifyError::malformed("the token is empty"));
        }
        if token.len() > MAX_TOKEN_BYTES {
            return Err(VerifyError::malformed("the token is too large"));
        }
        let mut parts = token.splitn(4, '.');
        let (Some(header), Some(payload), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(VerifyError::malformed("not three dot-separated parts"));
        };
        let header_bytes = URL_SAFE_NO_PAD
            .decode(header)
            .map_err(|_| VerifyError::malformed("the header is not base64url"))?;
        // serde would also read a struct from a JSON array: require an object.
        let not_object = || VerifyError::malformed("the header is not a JSON object");
        if header_bytes.trim_ascii_start().first() != Some(&b'{') {
            return Err(not_object());
        }
        let parsed: Header<'_> = serde_json::from_slice(&header_bytes).map_err(|_| not_object())?;
        if parsed.alg.as_ref().and_then(Value::as_str) != Some("RS256") {
            return Err(VerifyError::UnsupportedAlgorithm);
        }
        if parsed.crit.is_some() {
            return Err(VerifyError::malformed(
                "critical header extensions are not supported",
            ));
        }
        // The payload is decoded only once the signature holds; its alphabet
        // is checked now, so that a token of the wrong form says so.
        if !payload
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return Err(VerifyError::malformed("the payload is not base64url"));
        }
        let kid = parsed.kid.map(Cow::into_owned);
        let signature = URL_SAFE_NO_PAD
            .decode(signature)
            .map_err(|_| VerifyError::malformed("the signature is not base64url"))?;
        Ok(Jws {
            kid,
            signing_input: &token[..header.len() + 1 + payload.len()],
            payload,
            signature,
        })
    }

    /// The payload as a JSON object. Call only after the signature holds.
    pub(crate) fn claims(&self) -> Result<Map<String, Value>, VerifyError> {
        let bytes = URL_SAFE_NO_PAD
            .decode(self.payload)
            .map_err(|_| VerifyError::malformed("the payload is not base64url"))?;
        serde_json::from_slice(&bytes)
            .map_err(|_| VerifyError::malformed("the payload is not a JSON object"))
    }
}
