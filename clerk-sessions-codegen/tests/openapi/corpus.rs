//! Clerk's documents and the corpus: the documents are Clerk's own, every
//! capability operation matches one document operation, and derivation is
//! deterministic and independent of order.

use std::collections::BTreeMap;

use clerk_sessions_codegen::openapi::{Documents, Family, Stats};

use crate::common;
use crate::support::{DOCUMENTS, as_json, clerk, derive_file, read};

#[test]
fn the_documents_are_clerks_unmodified() {
    let shared = common::workspace_dir().join("../shared/specs/clerk-openapi");
    if !shared.is_dir() {
        eprintln!("{} is not here: nothing to compare", shared.display());
        return;
    }
    for name in DOCUMENTS.iter().chain(&["LICENSE"]) {
        let copy = common::workspace_dir().join("openapi").join(name);
        assert_eq!(
            std::fs::read(&copy).ok(),
            std::fs::read(shared.join(name)).ok(),
            "{name}"
        );
    }
}

#[test]
fn every_capability_operation_matches_one_document_operation() {
    let mut per_family: BTreeMap<Family, Stats> = BTreeMap::new();
    let mut warnings = String::new();
    for spec in common::specs("corpus") {
        let name = spec.file_name().unwrap().to_string_lossy().into_owned();
        let derived = derive_file(&spec, clerk(), None).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!derived.diagnostics.has_errors(), "{name}");
        assert_eq!(derived.stats.derived, derived.stats.operations, "{name}");
        for w in derived.diagnostics.warnings() {
            warnings.push_str(&format!("{name}: {}\n", w.message));
        }
        if let Some(family) = Family::of_capability(&name) {
            per_family.entry(family).or_default().add(&derived.stats);
        }
    }
    let ops: Vec<(Family, usize)> = per_family.iter().map(|(f, s)| (*f, s.operations)).collect();
    assert_eq!(
        ops,
        [
            (Family::Backend, 126),
            (Family::Frontend, 97),
            (Family::Platform, 29)
        ],
        "252 operations, not the 426 the issue says"
    );
    for (family, stats) in &per_family {
        let untyped = stats.untyped_responses.len();
        eprintln!(
            "{family}: {} operations, {} typed responses (+{} empty, {} text, {} redirect), untyped {:?}; \
             bodies {}/{} typed, untyped {:?}, free-form {:?}; {} parameters added, {} paginated; \
             unions {} tagged / {} untagged; warnings {:?}",
            stats.operations,
            stats.typed_responses,
            stats.empty_responses,
            stats.text_responses,
            stats.redirect_responses,
            stats.untyped_responses,
            stats.typed_bodies,
            stats.bodies,
            stats.untyped_bodies,
            stats.free_form_bodies,
            stats.added_parameters,
            stats.paginated,
            stats.tagged_unions,
            stats.untagged_unions,
            stats.warnings,
        );
        // At least 98% of the responses of each API are typed.
        assert!(
            untyped * 50 <= stats.operations,
            "{family}: {untyped} untyped"
        );
        assert!(
            stats.untyped_bodies.is_empty(),
            "{family}: {:?}",
            stats.untyped_bodies
        );
    }
    let total: usize = per_family.values().map(|s| s.added_parameters).sum();
    assert_eq!(total, 64, "62 shared pagination parameters + 2 inline ones");
    eprint!("{warnings}");
}

#[test]
fn a_capabilitys_typing_does_not_depend_on_what_was_derived_before() {
    // Component definitions are shared by the capabilities of a document:
    // deriving the corpus forwards and backwards with fresh documents gives
    // the same bytes for every file.
    let fresh = || {
        let dir = common::workspace_dir().join("openapi");
        let sources = DOCUMENTS
            .iter()
            .map(|d| (d.to_string(), read(&dir.join(d))))
            .collect();
        Documents::from_texts(sources).unwrap()
    };
    let specs = common::specs("corpus");
    let (forwards, backwards) = (fresh(), fresh());
    let first: Vec<String> = specs
        .iter()
        .map(|s| derive_file(s, &forwards, None).unwrap().to_yaml())
        .collect();
    let mut second: Vec<String> = specs
        .iter()
        .rev()
        .map(|s| derive_file(s, &backwards, None).unwrap().to_yaml())
        .collect();
    second.reverse();
    for ((spec, a), b) in specs.iter().zip(&first).zip(&second) {
        assert!(a == b, "{}", spec.display());
    }
}

#[test]
fn deriving_twice_gives_the_same_bytes() {
    let spec = common::crate_dir().join("tests/corpus/clerk-frontend-api-user.yaml");
    let first = derive_file(&spec, clerk(), None).unwrap().to_yaml();
    let second = derive_file(&spec, clerk(), None).unwrap().to_yaml();
    assert_eq!(first, second);
}

#[test]
fn the_oauth_token_endpoints_are_authenticated_by_the_oauth_client_only() {
    let spec =
        common::crate_dir().join("tests/corpus/clerk-frontend-api-oauth2-identity-provider.yaml");
    let derived = derive_file(&spec, clerk(), None).unwrap_or_else(|e| panic!("{e}"));
    let typing = as_json(&derived);
    let operations = typing["operations"].as_object().unwrap();
    for (name, operation) in operations {
        let expected = match name.as_str() {
            // `security: [ClientCredentials]`
            "revokeOAuthToken" => Some("client-credentials"),
            // `security: [ClientCredentials, {}]`
            "getOAuthToken" => Some("client-credentials-or-none"),
            _ => None,
        };
        assert_eq!(operation["x-auth"].as_str(), expected, "{name}");
    }
    assert!(operations.len() > 2);
}
