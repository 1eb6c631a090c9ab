//! Properties: any name gives an identifier or a clear empty error, and a scope
//! never hands out a name twice.

use std::collections::BTreeSet;

use clerk_sessions_codegen::names::{
    NameError, RustIdent, Scope, const_ident, positional_value_ident, type_ident, value_ident,
    words,
};
use proptest::prelude::*;

use crate::support::is_valid_ident;

fn check_any(result: Result<RustIdent, NameError>, raw: &str) -> Result<(), TestCaseError> {
    match result {
        Ok(ident) => prop_assert!(is_valid_ident(&ident), "{raw:?} -> {ident}"),
        Err(NameError::Empty { raw: got }) => {
            prop_assert_eq!(&got, raw);
            prop_assert!(words(raw).is_empty());
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn any_name_gives_an_identifier_or_empty(raw in "[a-zA-Z0-9_*-]{0,24}") {
        check_any(value_ident(&raw), &raw)?;
        check_any(type_ident(&raw), &raw)?;
        check_any(const_ident(&raw), &raw)?;
        if let Ok(ident) = value_ident(&raw) {
            prop_assert_eq!(value_ident(ident.as_str()), Ok(ident));
        }
    }

    #[test]
    fn a_scope_never_hands_out_a_name_twice(
        raws in proptest::collection::vec("[a-zA-Z0-9_*-]{1,8}", 0..24),
    ) {
        let mut scope = Scope::new(&["client", "new"]);
        let mut seen = BTreeSet::new();
        for (index, raw) in raws.iter().enumerate() {
            let ident = value_ident(raw).unwrap_or_else(|_| positional_value_ident("p", index));
            let claimed = scope.claim(ident, raw, "query");
            prop_assert!(is_valid_ident(&claimed.ident));
            prop_assert!(seen.insert(claimed.ident.as_str().to_owned()), "{}", claimed.ident);
            prop_assert!(!["client", "new"].contains(&claimed.ident.as_str()));
        }
    }
}
