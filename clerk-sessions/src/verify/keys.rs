//! RSA public keys, key sets, and the JSON Web Key Set document.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::signature::{RSA_PKCS1_2048_8192_SHA256, RsaPublicKeyComponents};
use serde::Deserialize;

use super::error::VerifyError;

/// An RSA public key: modulus and exponent, big-endian, without leading zeros.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct RsaKey {
    n: Vec<u8>,
    e: Vec<u8>,
}

impl std::fmt::Debug for RsaKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RsaKey({} bits)", self.n.len() * 8)
    }
}

impl RsaKey {
    pub(crate) fn new(n: Vec<u8>, e: Vec<u8>) -> Self {
        RsaKey { n, e }
    }

    /// The key if ring's RS256 verification can use it: a modulus of
    /// 2048..=8192 bits, odd; an odd exponent from 3 to 2^33 - 1.
    pub(crate) fn checked(self) -> Result<RsaKey, VerifyError> {
        let n = strip_zeros(&self.n);
        let e = strip_zeros(&self.e);
        // `n` has no leading zero byte, so its first byte says how many bits it has.
        let bits = n
            .first()
            .map_or(0, |b| n.len() * 8 - b.leading_zeros() as usize);
        if !(2048..=8192).contains(&bits) {
            return Err(VerifyError::key(
                "the RSA modulus must be 2048 to 8192 bits",
            ));
        }
        let e_value =
            (e.len() <= 5).then(|| e.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b)));
        let odd = |bytes: &[u8]| bytes.last().is_some_and(|b| b % 2 == 1);
        if !odd(n) || !odd(e) || !e_value.is_some_and(|e| (3..1 << 33).contains(&e)) {
            return Err(VerifyError::key(
                "not a valid RSA public key (modulus or exponent)",
            ));
        }
        Ok(RsaKey {
            n: n.to_vec(),
            e: e.to_vec(),
        })
    }

    /// Whether `signature` is a valid RSASSA-PKCS1-v1_5 SHA-256 signature
    /// of `message` by this key.
    pub(crate) fn verifies(&self, message: &[u8], signature: &[u8]) -> bool {
        RsaPublicKeyComponents {
            n: &self.n[..],
            e: &self.e[..],
        }
        .verify(&RSA_PKCS1_2048_8192_SHA256, message, signature)
        .is_ok()
    }
}

fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    &bytes[start..]
}

/// The keys a verifier checks signatures with.
#[derive(Debug, Clone, Default)]
pub(crate) struct KeySet {
    /// `(kid, key)`; a key from PEM has no `kid`.
    keys: Vec<(Option<String>, RsaKey)>,
}

impl KeySet {
    /// One key without a `kid` (from PEM): it checks every token, whatever
    /// `kid` the token names.
    pub(crate) fn single(key: RsaKey) -> Self {
        KeySet {
            keys: vec![(None, key)],
        }
    }

    /// The key for a token's `kid`. A token without `kid` is checked with the
    /// only key of a one-key set; a key without `kid` (PEM) serves any token.
    pub(crate) fn find(&self, kid: Option<&str>) -> Option<&RsaKey> {
        match (kid, self.keys.as_slice()) {
            (_, [(None, key)]) => Some(key),
            (None, [(_, key)]) => Some(key),
            (None, _) => None,
            (Some(kid), keys) => keys
                .iter()
                .find(|(k, _)| k.as_deref() == Some(kid))
                .map(|(_, key)| key),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }

    /// The RS256 signing keys of a JWKS document. Keys of other types or
    /// algorithms, encryption keys and keys that do not decode are left out
    /// (a key set may hold keys this verifier has no use for).
    pub(crate) fn from_document(document: JwksDocument) -> Self {
        let keys = document
            .keys
            .into_iter()
            .filter(|jwk| {
                jwk.kty == "RSA"
                    && jwk.alg.as_deref().is_none_or(|alg| alg == "RS256")
                    && jwk.use_.as_deref().is_none_or(|u| u == "sig")
            })
            .filter_map(|jwk| {
                let n = URL_SAFE_NO_PAD.decode(jwk.n?).ok()?;
                let e = URL_SAFE_NO_PAD.decode(jwk.e?).ok()?;
                Some((jwk.kid, RsaKey::new(n, e).checked().ok()?))
            })
            .collect();
        KeySet { keys }
    }
}

/// A JSON Web Key Set as Clerk serves it (`GET /jwks`, `/.well-known/jwks.json`).
#[derive(Debug, Deserialize)]
pub(crate) struct JwksDocument {
    keys: Vec<Jwk>,
}

/// One key of a JWKS; members this verifier does not use are ignored.
#[derive(Debug, Deserialize)]
struct Jwk {
    kty: String,
    #[serde(default)]
    kid: Option<String>,
    #[serde(default)]
    alg: Option<String>,
    #[serde(default, rename = "use")]
    use_: Option<String>,
    #[serde(default)]
    n: Option<String>,
    #[serde(default)]
    e: Option<String>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn key(bits: usize, e: &[u8]) -> RsaKey {
        let mut n = vec![0xff; bits / 8];
        n.insert(0, 0);
        RsaKey::new(n, e.to_vec())
    }

    #[test]
    fn keys_are_checked() {
        assert!(key(2048, &[1, 0, 1]).checked().is_ok());
        assert!(key(8192, &[3]).checked().is_ok());
        assert!(key(1024, &[1, 0, 1]).checked().is_err());
        assert!(key(8200, &[1, 0, 1]).checked().is_err());
        assert!(key(2048, &[1, 0, 0]).checked().is_err()); // even exponent
        assert!(key(2048, &[1]).checked().is_err());
        assert!(key(2048, &[1, 0, 0, 0, 0, 1]).checked().is_err()); // too large
        let mut even = key(2048, &[3]);
        even.n.push(0xfe);
        assert!(even.checked().is_err());
        assert!(RsaKey::new(Vec::new(), vec![3]).checked().is_err());
    }

    #[test]
    fn lookup_by_kid() {
        let a = key(2048, &[3]).checked().unwrap();
        let single = KeySet::single(a.clone());
        assert!(single.find(Some("anything")).is_some());
        assert!(single.find(None).is_some());
        let set = KeySet {
            keys: vec![(Some("a".into()), a.clone()), (Some("b".into()), a)],
        };
        assert!(set.find(Some("b")).is_some());
        assert!(set.find(Some("c")).is_none());
        assert!(set.find(None).is_none());
        assert!(KeySet::default().find(Some("a")).is_none());
    }
}
