//! Session-token verification: `clerk_sessions::verify` against `jsonwebtoken`
//! doing the same checks by hand, paired and interleaved, on one core.
//!
//! Both sides verify the same RS256 token (minted by `FakeClerk`, valid for an
//! hour) with a warm key set and the same checks: `alg` is RS256, `kid` names
//! a known key, the signature, `exp`/`nbf`/`iat` with a 5 s skew, `azp` in a
//! list of one, `iss` equal to the instance's, `sub` and `sid` present; both
//! decode the claims into typed fields.
//!
//! - ours: `Verifier::from_client` (keys fetched once from the fake's
//!   `GET /jwks`, then cached), `.authorized_parties([..]).issuer(..)`;
//!   `verify` completes on its first poll with a warm cache (asserted).
//! - jsonwebtoken 12: `decode_header`, a `HashMap` from `kid` to
//!   `DecodingKey::from_rsa_components` built once, `Validation` for RS256
//!   (leeway 5, `exp` and `nbf`, issuer, `exp`/`sub` required), `decode` into
//!   a claims struct, then `iat` and `azp` by hand. Its crypto backend is a
//!   `CryptoProvider` over ring's `RsaPublicKeyComponents`, the call ours
//!   makes, so the ratio measures the JWT handling and not the RSA code
//!   (BENCHMARKS.md has the figures against its `aws_lc_rs` backend too).
//!
//! Each round times a block of N verifications per side, alternating which
//! goes first, and records ours ÷ theirs; the report is the median of the
//! per-round ratios with p10 and p90. Settings: `BENCH_VERIFY_ROUNDS` (300),
//! `BENCH_BLOCK_MS` (10). Writes `target/bench-results/verify.json`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::collections::HashMap;
use std::time::{Duration, Instant};

use clerk_sessions::testing::FakeClerk;
use clerk_sessions::verify::{Claims, Verifier};
use clerk_sessions_bench::env_usize;
use clerk_sessions_bench::stats::Summary;
use futures_util::FutureExt as _;
use jsonwebtoken::crypto::{CryptoProvider, JwtVerifier, KeyUtils};
use jsonwebtoken::{Algorithm, DecodingKey, DecodingKeyKind, Validation};
use serde::Deserialize;
use serde_json::json;

const ORIGIN: &str = "https://app.example.com";

/// jsonwebtoken's RS256 verification on ring, as `clerk_sessions::verify` does it.
struct RingRs256(DecodingKey);

impl signature::Verifier<Vec<u8>> for RingRs256 {
    fn verify(&self, message: &[u8], sig: &Vec<u8>) -> Result<(), signature::Error> {
        let DecodingKeyKind::RsaModulusExponent { n, e } = self.0.kind() else {
            return Err(signature::Error::new());
        };
        ring::signature::RsaPublicKeyComponents { n, e }
            .verify(&ring::signature::RSA_PKCS1_2048_8192_SHA256, message, sig)
            .map_err(|_| signature::Error::new())
    }
}

impl JwtVerifier for RingRs256 {
    fn algorithm(&self) -> Algorithm {
        Algorithm::RS256
    }
}

static RING_PROVIDER: CryptoProvider = CryptoProvider {
    signer_factory: |_, _| Err(jsonwebtoken::errors::ErrorKind::InvalidAlgorithm.into()),
    verifier_factory: |alg, key| match alg {
        Algorithm::RS256 => Ok(Box::new(RingRs256(key.clone()))),
        _ => Err(jsonwebtoken::errors::ErrorKind::InvalidAlgorithm.into()),
    },
    key_utils: KeyUtils::new_unimplemented(),
};

/// The claims jsonwebtoken decodes into.
#[derive(Deserialize)]
struct JwtClaims {
    sub: String,
    sid: String,
    #[allow(dead_code)]
    exp: i64,
    iat: Option<i64>,
    azp: Option<String>,
    #[allow(dead_code)]
    sts: Option<String>,
}

struct Theirs {
    keys: HashMap<String, DecodingKey>,
    validation: Validation,
    parties: Vec<String>,
}

impl Theirs {
    fn new(jwks: &serde_json::Value, issuer: &str) -> Theirs {
        let keys = jwks["keys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| {
                let key = DecodingKey::from_rsa_components(
                    k["n"].as_str().unwrap(),
                    k["e"].as_str().unwrap(),
                )
                .unwrap();
                (k["kid"].as_str().unwrap().to_owned(), key)
            })
            .collect();
        let mut validation = Validation::new(Algorithm::RS256);
        validation.leeway = 5;
        validation.validate_nbf = true;
        validation.validate_aud = false;
        validation.set_issuer(&[issuer]);
        validation.set_required_spec_claims(&["exp", "sub"]);
        Theirs {
            keys,
            validation,
            parties: vec![ORIGIN.to_owned()],
        }
    }

    fn verify(&self, token: &str) -> Option<JwtClaims> {
        let header = jsonwebtoken::decode_header(token).ok()?;
        if header.alg != Algorithm::RS256 {
            return None;
        }
        let key = self.keys.get(header.kid.as_deref()?)?;
        let claims = jsonwebtoken::decode::<JwtClaims>(token, key, &self.validation)
            .ok()?
            .claims;
        let now = i64::try_from(jsonwebtoken::get_current_timestamp()).ok()?;
        if claims.iat.is_some_and(|iat| iat > now + 5) {
            return None;
        }
        if claims
            .azp
            .as_ref()
            .is_some_and(|azp| !self.parties.contains(azp))
        {
            return None;
        }
        Some(claims)
    }
}

fn ours(verifier: &Verifier, token: &str) -> Claims {
    verifier
        .verify(token)
        .now_or_never()
        .expect("a warm cache verifies without awaiting")
        .expect("our side verifies")
}

fn block<F: FnMut() -> usize>(n: usize, mut f: F) -> Duration {
    let start = Instant::now();
    for _ in 0..n {
        std::hint::black_box(f());
    }
    start.elapsed()
}

fn main() {
    assert!(
        RING_PROVIDER.install_default().is_ok(),
        "the ring provider is the default"
    );
    let _ = rustls::crypto::ring::default_provider().install_default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (fake, verifier, token) = runtime.block_on(async {
        let fake = FakeClerk::start().await;
        let client = clerk_sessions::Client::builder()
            .secret_key(fake.secret_key())
            .base_url(fake.base_url())
            .build()
            .unwrap();
        let verifier = Verifier::from_client(&client)
            .authorized_parties([ORIGIN])
            .issuer(fake.base_url());
        let token = fake
            .token()
            .user("user_2g7np7Hrk0SN6kj5EDMLDaKNL0S")
            .session("sess_2g7np7Hrk0SN6kj5EDMLDaKNL0S")
            .authorized_party(ORIGIN)
            .claim("fva", json!([2, -1]))
            .expires_in(3600)
            .sign();
        verifier.verify(&token).await.unwrap(); // warms the cache
        (fake, verifier, token)
    });
    let theirs = Theirs::new(&fake.jwks(), &fake.base_url());

    // Both sides accept the token and read the same identity; both refuse a
    // token of the wrong party.
    let (a, b) = (
        ours(&verifier, &token),
        theirs.verify(&token).expect("theirs verifies"),
    );
    assert_eq!(
        (a.user_id.as_str(), a.session_id.as_str()),
        (b.sub.as_str(), b.sid.as_str())
    );
    let evil = fake
        .token()
        .authorized_party("https://evil.example")
        .expires_in(3600)
        .sign();
    assert!(verifier.verify(&evil).now_or_never().unwrap().is_err());
    assert!(theirs.verify(&evil).is_none());

    let rounds = env_usize("BENCH_VERIFY_ROUNDS", 300);
    let block_ms = env_usize("BENCH_BLOCK_MS", 10);
    let ours_once = || ours(&verifier, &token).user_id.as_str().len();
    let theirs_once = || theirs.verify(&token).map_or(0, |c| c.sub.len());
    let mut warm = Duration::ZERO;
    for _ in 0..4 {
        block(50, ours_once);
        warm += block(50, theirs_once);
    }
    let n = ((block_ms as f64 / 1e3) / (warm.as_secs_f64() / 200.0))
        .ceil()
        .max(5.0) as usize;

    let (mut ratios, mut ours_us, mut theirs_us) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let (o, t) = if round % 2 == 0 {
            let o = block(n, ours_once);
            (o, block(n, theirs_once))
        } else {
            let t = block(n, theirs_once);
            (block(n, ours_once), t)
        };
        ratios.push(o.as_secs_f64() / t.as_secs_f64());
        ours_us.push(o.as_secs_f64() * 1e6 / n as f64);
        theirs_us.push(t.as_secs_f64() * 1e6 / n as f64);
    }
    let ratio = Summary::of(&ratios).unwrap();
    let o = Summary::of(&ours_us).unwrap();
    let t = Summary::of(&theirs_us).unwrap();
    assert_eq!(fake.jwks_request_count(), 1, "one fetch for the whole run");
    println!("verify: {rounds} rounds of {n} verifications per side, one thread");
    println!(
        "time ratio (ours / jsonwebtoken) median {:.3} [p10 {:.3}, p90 {:.3}]",
        ratio.median, ratio.p10, ratio.p90
    );
    println!(
        "ours {:.2} µs ({:.0}/s) · jsonwebtoken {:.2} µs ({:.0}/s) per verification (medians)",
        o.median,
        1e6 / o.median,
        t.median,
        1e6 / t.median
    );
    clerk_sessions_bench::write_results(
        "verify",
        &json!({
            "machine": clerk_sessions_bench::machine(),
            "rounds": rounds,
            "block_n": n,
            "ratio": ratio.to_json(),
            "ours_us": o.to_json(),
            "jsonwebtoken_us": t.to_json(),
            "jsonwebtoken_backend": "ring (RsaPublicKeyComponents), via a CryptoProvider",
        }),
    );
}
