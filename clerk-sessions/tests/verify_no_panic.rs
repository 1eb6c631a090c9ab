//! No input makes the verifier or the PEM parser panic, and no mutation of a
//! valid token verifies (property tests).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod support;

use clerk_sessions::testing::TestKey;
use clerk_sessions::verify::Verifier;
use proptest::prelude::*;
use support::{NOW_SECS, verifier};

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

/// A valid token of the fake's key, minted once.
fn valid_token() -> String {
    block_on(async {
        let fake = support::fake().await;
        fake.token().expires_at(NOW_SECS + 3600).sign()
    })
}

/// Strings shaped like tokens: base64url-ish parts around dots, JSON bits.
fn token_like() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[A-Za-z0-9_\\-=.+/]{0,400}",
        "(eyJ[A-Za-z0-9_\\-]{0,60}\\.){0,4}[A-Za-z0-9_\\-]{0,60}",
        proptest::collection::vec(any::<u8>(), 0..300)
            .prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_tokens_are_refused_without_panicking(token in token_like()) {
        let result = block_on(verifier().verify(&token));
        prop_assert!(result.is_err());
    }

    #[test]
    fn arbitrary_pem_is_refused_without_panicking(text in prop_oneof![
        any::<String>(),
        "-----BEGIN (RSA )?PUBLIC KEY-----\n[A-Za-z0-9+/=\n]{0,600}\n-----END (RSA )?PUBLIC KEY-----",
    ]) {
        prop_assert!(Verifier::from_pem(&text).is_err());
        prop_assert!(Verifier::from_jwks(&text).is_err());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Flip, drop or insert bytes anywhere in a valid token: it never
    /// verifies, and nothing panics.
    #[test]
    fn mutated_tokens_never_verify(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0..3u8), 1..4)
    ) {
        let token = VALID.with(Clone::clone);
        let mut bytes = token.clone().into_bytes();
        for (at, byte, kind) in edits {
            let i = at.index(bytes.len());
            match kind {
                0 => bytes[i] = byte,
                1 => { bytes.remove(i); }
                _ => bytes.insert(i, byte),
            }
        }
        let mutated = String::from_utf8_lossy(&bytes).into_owned();
        let result = block_on(verifier().verify(&mutated));
        // Flipping the last character's unused low bits can leave the bytes
        // the same; only a token with identical decoded parts may verify.
        if mutated != token {
            prop_assert!(result.is_err() || same_parts(&mutated, &token), "{mutated}");
        }
    }
}

thread_local! {
    static VALID: String = valid_token();
}

/// Whether two tokens decode to the same header, payload and signature.
fn same_parts(a: &str, b: &str) -> bool {
    use base64::Engine as _;
    let decode = |t: &str| -> Option<Vec<Vec<u8>>> {
        t.split('.')
            .map(|p| {
                base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .decode(p)
                    .ok()
            })
            .collect()
    };
    decode(a).is_some() && decode(a) == decode(b)
}

#[test]
fn the_valid_token_verifies() {
    let token = valid_token();
    assert!(block_on(verifier().verify(&token)).is_ok());
    assert!(Verifier::from_pem(TestKey::Jwks.public_key_pem()).is_ok());
}
