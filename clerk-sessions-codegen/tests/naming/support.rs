//! Shared helpers: the result type of fallible tests, and table and identifier
//! checks.

use std::error::Error;

use clerk_sessions_codegen::names::{NameError, RustIdent};

pub(crate) type TestResult = Result<(), Box<dyn Error>>;

/// The `Display` form of an identifier, or the error text.
pub(crate) fn show(result: Result<RustIdent, NameError>) -> String {
    result.map_or_else(|err| err.to_string(), |ident| ident.to_string())
}

/// Checks a table of `raw expected` lines against `convert`.
pub(crate) fn check_table(convert: fn(&str) -> Result<RustIdent, NameError>, table: &str) {
    for line in table.lines().map(str::trim).filter(|line| !line.is_empty()) {
        let (raw, expected) = line.split_once(' ').unwrap_or((line, ""));
        assert_eq!(show(convert(raw)), expected.trim(), "converting `{raw}`");
    }
}

pub(crate) fn is_valid_ident(ident: &RustIdent) -> bool {
    syn::parse_str::<syn::Ident>(&ident.to_string()).is_ok()
        && ident.to_ident() == ident.to_string()
}
