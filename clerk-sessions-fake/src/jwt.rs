//! RS256 signing and verification with the fake's test keys, and its JWKS.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use ring::rand::SystemRandom;
use ring::signature::{
    RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256, RsaKeyPair, RsaPublicKeyComponents,
};
use serde_json::{Map, Value, json};

use crate::test_key::{OTHER_RSA_PKCS8_PEM, TEST_RSA_PKCS8_PEM};

/// The `kid` of the fake's signing key, the one its JWKS publishes.
pub(crate) const KEY_ID: &str = "ins_fake_clerk_test_key";

/// The `kid` of the second test key, which no JWKS publishes.
pub(crate) const OTHER_KEY_ID: &str = "ins_fake_clerk_other_key";

/// Signs and verifies compact RS256 JWS with one embedded test key.
pub(crate) struct Signer {
    kid: &'static str,
    key: RsaKeyPair,
    n: Vec<u8>,
    e: Vec<u8>,
    rng: SystemRandom,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer").field("kid", &self.kid).finish()
    }
}

impl Signer {
    /// Loads the embedded signing key (the one the JWKS publishes).
    pub(crate) fn new() -> Result<Self, String> {
        Signer::from_pem(TEST_RSA_PKCS8_PEM, KEY_ID)
    }

    /// Loads the embedded second key, which no JWKS publishes.
    pub(crate) fn other() -> Result<Self, String> {
        Signer::from_pem(OTHER_RSA_PKCS8_PEM, OTHER_KEY_ID)
    }

    fn from_pem(pem: &str, kid: &'static str) -> Result<Self, String> {
        let b64: String = pem
            .lines()
            .filter(|line| !line.starts_with("-----"))
            .collect();
        let der = STANDARD
            .decode(b64)
            .map_err(|e| format!("test key PEM is not base64: {e}"))?;
        let key = RsaKeyPair::from_pkcs8(&der)
            .map_err(|e| format!("test key is not a usable RSA PKCS#8 key: {e}"))?;
        let public = RsaPublicKeyComponents::<Vec<u8>>::from(key.public());
        Ok(Signer {
            kid,
            key,
            n: public.n,
            e: public.e,
            rng: SystemRandom::new(),
        })
    }

    /// The header of the tokens this key signs: `{alg: RS256, kid, typ: JWT}`.
    pub(crate) fn header(&self) -> Map<String, Value> {
        let mut header = Map::new();
        header.insert("alg".into(), json!("RS256"));
        header.insert("kid".into(), json!(self.kid));
        header.insert("typ".into(), json!("JWT"));
        header
    }

    /// A compact JWS over `claims` with [`Signer::header`].
    pub(crate) fn sign(&self, claims: &Map<String, Value>) -> Result<String, String> {
        let header = Value::Object(self.header()).to_string();
        let payload = Value::Object(claims.clone()).to_string();
        self.sign_raw(header.as_bytes(), payload.as_bytes())
    }

    /// A compact JWS whose header and payload are exactly these bytes
    /// (base64url-encoded), with an RS256 signature by this key.
    pub(crate) fn sign_raw(&self, header: &[u8], payload: &[u8]) -> Result<String, String> {
        let signing_input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header),
            URL_SAFE_NO_PAD.encode(payload),
        );
        let mut signature = vec![0; self.key.public().modulus_len()];
        self.key
            .sign(
                &RSA_PKCS1_SHA256,
                &self.rng,
                signing_input.as_bytes(),
                &mut signature,
            )
            .map_err(|_| "RSA signing failed".to_owned())?;
        Ok(format!(
            "{signing_input}.{}",
            URL_SAFE_NO_PAD.encode(signature)
        ))
    }

    /// The claims of `jwt` if it is a well-formed RS256 JWS signed by this
    /// key; `None` otherwise. Expiry is not checked.
    pub(crate) fn verify(&self, jwt: &str) -> Option<Map<String, Value>> {
        let (signed, signature) = jwt.rsplit_once('.')?;
        let (header, payload) = signed.split_once('.')?;
        if payload.contains('.') {
            return None;
        }
        let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(header).ok()?).ok()?;
        if header.get("alg").and_then(Value::as_str) != Some("RS256") {
            return None;
        }
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        RsaPublicKeyComponents {
            n: &self.n[..],
            e: &self.e[..],
        }
        .verify(&RSA_PKCS1_2048_8192_SHA256, signed.as_bytes(), &signature)
        .ok()?;
        match serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()? {
            Value::Object(claims) => Some(claims),
            _ => None,
        }
    }

    /// The JWKS document served at `GET /jwks`.
    pub(crate) fn jwks(&self) -> Value {
        json!({
            "keys": [{
                "kty": "RSA",
                "kid": self.kid,
                "use": "sig",
                "alg": "RS256",
                "n": URL_SAFE_NO_PAD.encode(&self.n),
                "e": URL_SAFE_NO_PAD.encode(&self.e),
            }]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_and_verifies() -> Result<(), String> {
        let signer = Signer::new()?;
        let mut claims = Map::new();
        claims.insert("sid".into(), json!("sess_1"));
        let jwt = signer.sign(&claims)?;
        assert_eq!(signer.verify(&jwt), Some(claims));
        let tampered = jwt.replacen("eyJ", "eyK", 2);
        assert_eq!(signer.verify(&tampered), None);
        assert_eq!(signer.verify("a.b.c"), None);
        assert_eq!(signer.verify(""), None);
        assert_eq!(signer.verify(&format!("{jwt}.x")), None);
        Ok(())
    }
}
