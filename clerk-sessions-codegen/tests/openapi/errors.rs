//! Errors: an operation the document lacks, a document that cannot be read,
//! and a spec with no document for its API.

use clerk_sessions_codegen::openapi::{Documents, Source, derive};
use clerk_sessions_codegen::{Error, Severity};

use crate::common;
use crate::support::{derive_file, fixture_docs, read};

#[test]
fn an_operation_the_document_lacks_is_an_error_naming_it() {
    let spec = common::crate_dir().join("tests/openapi/clerk-backend-api-fixture.yaml");
    let text = read(&spec).replace("path: /events", "path: /nope");
    let err = derive(
        Source {
            file: "fixture.yaml",
            text: &text,
        },
        &fixture_docs(),
        None,
    )
    .unwrap_err();
    let Error::Spec(diagnostics) = err else {
        panic!("{err}")
    };
    let error = diagnostics.errors().next().unwrap();
    assert!(
        error
            .message
            .contains("`ListEvents`: backend-api-fixture.yml has no operation `GET /nope`"),
        "{error}"
    );
    assert_eq!(error.file, "fixture.yaml");
    assert!(error.line > 1, "{error}");
}

#[test]
fn a_document_that_cannot_be_read_is_an_error_with_its_position() {
    let sources = vec![
        (
            "backend-api-x.yml".to_owned(),
            "openapi: 3.0.3\npaths: [oops\n".to_owned(),
        ),
        (
            "frontend-api-x.yml".to_owned(),
            "openapi: 3.1.0\n".to_owned(),
        ),
    ];
    let Err(Error::Spec(diagnostics)) = Documents::from_texts(sources) else {
        panic!("must fail")
    };
    let errors: Vec<_> = diagnostics.errors().collect();
    assert_eq!(errors.len(), 2, "{diagnostics}");
    assert!(
        errors
            .iter()
            .any(|e| e.file == "backend-api-x.yml" && e.line == 2),
        "{diagnostics}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("only OpenAPI 3.0")),
        "{diagnostics}"
    );
}

#[test]
fn a_spec_is_derived_from_its_own_apis_document_only() {
    let spec = common::crate_dir().join("tests/corpus/clerk-frontend-api-client.yaml");
    let Err(Error::Spec(diagnostics)) = derive_file(&spec, &fixture_docs(), None) else {
        panic!("a frontend spec with only a backend document must fail")
    };
    let error = diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .unwrap();
    assert!(
        error.message.contains("no frontend API document"),
        "{error}"
    );
}
