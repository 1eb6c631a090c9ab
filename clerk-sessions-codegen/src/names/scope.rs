//! [`Scope`]: hands out identifiers in declaration order and detects
//! collisions; see the [module docs](crate::names) for the rule.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::RustIdent;

/// A naming scope: all parameters of one operation, all operations of one
/// module, or all types of one module. See the [module docs](crate::names) for the
/// disambiguation rule.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    /// Identifier text (without `r#`) → the raw name that holds it, and
    /// whether that name was handed out as asked (not renamed).
    taken: BTreeMap<String, (String, bool)>,
    reserved: BTreeSet<String>,
}

/// The result of [`Scope::claim`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claimed {
    /// The identifier handed out.
    pub ident: RustIdent,
    /// Whether it differs from the identifier that was asked for.
    pub renamed: bool,
}

/// Two raw names of one scope that convert to the same identifier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Collision {
    /// The identifier both names become.
    pub ident: RustIdent,
    /// The raw name that holds it (a reserved name if `first_is_reserved`).
    pub first_raw: String,
    /// The raw name that was refused.
    pub second_raw: String,
    /// Whether the identifier is reserved for the generated code itself.
    pub first_is_reserved: bool,
}

impl fmt::Display for Collision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (first, second, ident) = (&self.first_raw, &self.second_raw, &self.ident);
        if self.first_is_reserved {
            write!(
                f,
                "`{second}` becomes `{ident}`, a name the generated code uses itself"
            )
        } else {
            write!(f, "`{first}` and `{second}` both become `{ident}`")
        }
    }
}

impl std::error::Error for Collision {}

impl Scope {
    /// An empty scope in which the `reserved` names are never handed out.
    pub fn new(reserved: &[&str]) -> Scope {
        Scope {
            taken: BTreeMap::new(),
            reserved: reserved.iter().map(|name| (*name).to_owned()).collect(),
        }
    }

    /// Whether `name` (without `r#`) is taken or reserved.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains_key(name) || self.reserved.contains(name)
    }

    /// Hands out `ident`, or if it is taken, `ident_{suffix}`, then
    /// `ident_{suffix}_2`, `ident_{suffix}_3`, …
    pub fn claim(&mut self, ident: RustIdent, raw: &str, suffix: &str) -> Claimed {
        let mut candidate = ident.clone();
        if self.contains(candidate.as_str()) {
            let base = ident.with_suffix(suffix);
            candidate = base.clone();
            // Each candidate is new text, and only finitely many are refused.
            let mut n: usize = 1;
            while self.contains(candidate.as_str()) {
                n += 1;
                candidate = base.with_suffix(&n.to_string());
            }
        }
        let renamed = candidate != ident;
        self.taken
            .insert(candidate.as_str().to_owned(), (raw.to_owned(), !renamed));
        Claimed {
            ident: candidate,
            renamed,
        }
    }

    /// Like [`Scope::claim`], but when another raw name already holds `ident`
    /// as its plain (not renamed) identifier, reports the collision instead.
    pub fn claim_distinct(
        &mut self,
        ident: RustIdent,
        raw: &str,
        suffix: &str,
    ) -> Result<Claimed, Collision> {
        if let Some((first_raw, true)) = self.taken.get(ident.as_str()) {
            return Err(Collision {
                first_raw: first_raw.clone(),
                second_raw: raw.to_owned(),
                first_is_reserved: false,
                ident,
            });
        }
        Ok(self.claim(ident, raw, suffix))
    }

    /// Hands out `ident` only if it is free; otherwise reports who holds it.
    pub fn claim_exact(&mut self, ident: RustIdent, raw: &str) -> Result<RustIdent, Collision> {
        if let Some((first_raw, _)) = self.taken.get(ident.as_str()) {
            return Err(Collision {
                first_raw: first_raw.clone(),
                second_raw: raw.to_owned(),
                first_is_reserved: false,
                ident,
            });
        }
        if self.reserved.contains(ident.as_str()) {
            return Err(Collision {
                first_raw: ident.as_str().to_owned(),
                second_raw: raw.to_owned(),
                first_is_reserved: true,
                ident,
            });
        }
        self.taken
            .insert(ident.as_str().to_owned(), (raw.to_owned(), true));
        Ok(ident)
    }
}
