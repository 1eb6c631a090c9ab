//! Unions without a tag: each member is tried in turn, the one requiring the
//! most properties first, so a richer value is never read as a poorer member
//! that would drop its extra fields; a value that is none of them is an error
//! naming the union.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use clerk_corpus::clerk_backend_api_jwks_derived::JwksKeys;
use clerk_corpus::clerk_frontend_api_invitations_derived::ClientClientWrappedOrganizationInvitationsResponse as Invitations;
use clerk_corpus::edge_typing::{Outline, Point, Point3};

#[test]
fn the_member_requiring_most_properties_is_tried_first() {
    // `Point` comes first in the typing file and would accept this, without `z`.
    let outline: Outline = serde_json::from_str(r#"{"x": 1, "y": 2, "z": 3}"#).unwrap();
    assert_eq!(outline, Outline::Point3(Point3 { x: 1, y: 2, z: 3 }));
    let outline: Outline = serde_json::from_str(r#"{"x": 1, "y": 2}"#).unwrap();
    assert_eq!(outline, Outline::Point(Point { x: 1, y: 2 }));
    let outline: Outline = serde_json::from_str(r#"[{"x": 1, "y": 2}]"#).unwrap();
    assert_eq!(outline, Outline::List(vec![Point { x: 1, y: 2 }]));
    // Serialised as the member itself, with no wrapper.
    assert_eq!(
        serde_json::to_string(&Outline::Point3(Point3 { x: 1, y: 2, z: 3 })).unwrap(),
        r#"{"x":1,"y":2,"z":3}"#
    );
}

#[test]
fn a_value_that_is_no_member_is_an_error_naming_the_union() {
    let error = serde_json::from_str::<Outline>(r#"{"x": 1}"#).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("the value is none of the 3 forms of `Outline`"),
        "{error}"
    );
}

#[test]
fn clerks_json_web_keys_keep_every_field_of_their_kind() {
    let ec = r#"{"kid": "k1", "alg": "ES256", "use": "sig", "kty": "EC", "crv": "P-256", "x": "xx", "y": "yy"}"#;
    match serde_json::from_str::<JwksKeys>(ec).unwrap() {
        JwksKeys::JwksEcdsaPublicKey(key) => {
            assert_eq!((key.x.as_str(), key.y.as_str()), ("xx", "yy"))
        }
        other => panic!("{other:?}"),
    }
    let okp =
        r#"{"kid": "k2", "alg": "EdDSA", "use": "sig", "kty": "OKP", "crv": "Ed25519", "x": "xx"}"#;
    assert!(matches!(
        serde_json::from_str::<JwksKeys>(okp).unwrap(),
        JwksKeys::JwksEd25519PublicKey(_)
    ));
    let rsa =
        r#"{"kid": "k3", "alg": "RS256", "use": "sig", "kty": "RSA", "n": "nn", "e": "AQAB"}"#;
    match serde_json::from_str::<JwksKeys>(rsa).unwrap() {
        JwksKeys::JwksRsaPublicKey(key) => assert_eq!(key.n, "nn"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_list_answer_is_an_array_or_a_page() {
    assert!(matches!(
        serde_json::from_str::<Invitations>("[]").unwrap(),
        Invitations::List(items) if items.is_empty()
    ));
    match serde_json::from_str::<Invitations>(r#"{"data": [], "total_count": 0}"#).unwrap() {
        Invitations::ClientClientWrappedOrganizationInvitationsResponse2(page) => {
            assert_eq!(page.total_count, Some(0));
        }
        other => panic!("{other:?}"),
    }
}
