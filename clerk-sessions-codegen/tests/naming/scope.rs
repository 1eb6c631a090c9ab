//! `Scope`: disambiguation in declaration order and exact collisions.

use clerk_sessions_codegen::names::{Scope, value_ident};

use crate::support::TestResult;

#[test]
fn scope_disambiguates_in_declaration_order() -> TestResult {
    let mut scope = Scope::new(&["client", "send"]);
    let claims = [
        ("id", "path"),
        ("id", "query"),
        ("id", "header"),
        ("id", "query"),
        ("id_query", "query"),
    ];
    let got: Vec<String> = claims
        .iter()
        .map(|(raw, suffix)| value_ident(raw).map(|ident| scope.claim(ident, raw, suffix)))
        .map(|claimed| claimed.map(|claimed| claimed.ident.to_string()))
        .collect::<Result<_, _>>()?;
    assert_eq!(
        got,
        [
            "id",
            "id_query",
            "id_header",
            "id_query_2",
            "id_query_query"
        ]
    );

    let claimed = scope.claim(value_ident("client")?, "client", "query");
    assert_eq!(
        (claimed.ident.to_string(), claimed.renamed),
        ("client_query".to_owned(), true)
    );
    let claimed = scope.claim(value_ident("type")?, "type", "query");
    assert_eq!(
        (claimed.ident.to_string(), claimed.renamed),
        ("r#type".to_owned(), false)
    );
    let claimed = scope.claim(value_ident("type")?, "type", "");
    assert_eq!(claimed.ident.to_string(), "type_2");
    Ok(())
}

#[test]
fn scope_reports_exact_collisions() -> TestResult {
    let mut scope = Scope::new(&["new"]);
    scope.claim_exact(value_ident("getFoo")?, "getFoo")?;
    let err = scope
        .claim_exact(value_ident("GetFoo")?, "GetFoo")
        .map(|_| ())
        .err();
    let text = err.map(|err| err.to_string());
    assert_eq!(
        text.as_deref(),
        Some("`getFoo` and `GetFoo` both become `get_foo`")
    );
    let err = scope.claim_exact(value_ident("New")?, "New").err();
    assert_eq!(err.as_ref().map(|err| err.first_is_reserved), Some(true));
    let text = err.map(|err| err.to_string());
    assert_eq!(
        text.as_deref(),
        Some("`New` becomes `new`, a name the generated code uses itself")
    );
    Ok(())
}
