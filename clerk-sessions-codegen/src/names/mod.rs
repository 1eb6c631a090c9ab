//! The one place where Rust names are invented from spec names.
//!
//! Emitters read the [`RustIdent`]s made here; they never compute names.
//!
//! # Words
//!
//! [`words`] splits a raw name (an operation, parameter or namespace name) into
//! lowercase words; every case style is built from them:
//!
//! 1. Split on every character that is not an ASCII letter or digit, and drop
//!    empty pieces (`Clerk-Proxy-Url`, `_clerk_session_id`).
//! 2. Inside a piece, a word ends where a lowercase letter (or digit after one)
//!    meets a capital (`getSession`), and where a capital run meets a capital
//!    followed by a lowercase letter (`JWTTemplate` → `JWT`, `Template`).
//! 3. Plural acronyms: a capital run of two or more followed by a lone `s` that
//!    ends the piece or precedes a capital keeps the `s` (`ListRedirectURLs` →
//!    `list_redirect_urls`, `IDs` → `ids`).
//! 4. Digits never start or end a word: they stay with the letters before them
//!    (`Web3Wallet` → `web3_wallet`, `M2MToken` → `m2m_token`, `m2m` → `m2m`),
//!    and digits that open a piece join the word after them (`2fa`).
//! 5. Exceptions, kept in one small table (`JOINED`): `OAuth` is one word, so
//!    `getOAuth2AuthorizationServerMetadata` → `get_oauth2_authorization_server_metadata`
//!    and `requestOAuthAuthorizePOST` → `request_oauth_authorize_post`. `OpenID`
//!    is not an exception (`get_open_id_configuration`).
//!
//! The conversion is idempotent: converting its own output changes nothing.
//!
//! # Identifiers
//!
//! [`value_ident`] (snake_case), [`type_ident`] (PascalCase) and [`const_ident`]
//! (SCREAMING_SNAKE_CASE) turn the words into identifiers that Rust accepts:
//!
//! - Keywords become raw identifiers (`type` → `r#type`): strict, 2018+
//!   (`async await dyn try`), 2024 (`gen`) and reserved ones (`abstract`, `box`,
//!   `yield`, …). Weak keywords (`union`, `raw`, `safe`, `macro_rules`) are
//!   valid identifiers and stay as they are.
//! - `self`, `Self`, `super` and `crate` cannot be raw, so they get a trailing
//!   underscore (`self_`, `Self_`). `_` alone converts to nothing.
//! - A name that starts with a digit gets the word `n` in front (`2fa` →
//!   `n_2fa`, `N2fa`, `N_2FA`). `_2fa` would be legal but reads as "unused".
//! - A name with no ASCII letters or digits (`*`, `-`, `_`) is
//!   [`NameError::Empty`]; callers use [`positional_value_ident`] instead.
//!
//! # Collisions
//!
//! A [`Scope`] hands out names in declaration order. The first claimant keeps
//! the plain name. A later claimant whose name is already taken, or is reserved
//! for the generated code's own use, gets `_{suffix}` appended (for parameters,
//! the location: `id` then `id_query`); if that is taken too, `_2`, `_3`, … is
//! appended to the suffixed name (`id_query_2`). Type names are joined without
//! underscores (`Foo`, `FooQuery`, `FooQuery2`).
//!
//! Where two raw names of one scope converting to the same identifier is an
//! error in the spec (two operations of one file, `getFoo` and `GetFoo`),
//! [`Scope::claim_distinct`] reports both raw names instead of renaming; a name
//! that is only reserved (an operation called `New`, whose method would be the
//! wrapper's `new`) is still renamed with the suffix (`new_op`).
//! [`Scope::claim_exact`] hands out only the plain name and otherwise reports
//! who holds it.
//!
//! Generated code uses these scopes (made in `own`, which also holds every
//! name the generated code uses itself): parameters of one operation
//! (suffix: their location), the client methods of one module (suffix `op`),
//! the type names of one module (suffix `Op`, with the prelude's names
//! reserved), and the statics of one module (suffix `OP`).

pub(crate) mod own;
mod path;
mod scope;

use std::fmt;

pub use path::{PathError, RuntimePath};
pub use scope::{Claimed, Collision, Scope};

/// Pairs of raw words that are written as one word: `OAuth` (+ digits) is
/// `oauth`, not `o_auth`. The second word may carry trailing digits (`OAuth2`).
const JOINED: &[(&str, &str)] = &[("O", "Auth")];

/// Keywords that are valid as raw identifiers (`r#type`), by kind.
const RAW_KEYWORDS: &[&[&str]] = &[
    &[
        "as", "break", "const", "continue", "else", "enum", "extern", "false", "fn", "for", "if",
        "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
        "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while",
    ],
    // Edition 2018 and later.
    &["async", "await", "dyn", "try"],
    // Edition 2024.
    &["gen"],
    // Reserved for future use.
    &[
        "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof",
        "unsized", "virtual", "yield",
    ],
];

/// Keywords that cannot be raw identifiers; they get a trailing `_`.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate"];

/// Whether `text` is a keyword (raw-able or not).
fn is_keyword(text: &str) -> bool {
    RAW_KEYWORDS.iter().any(|kind| kind.contains(&text)) || NON_RAW_KEYWORDS.contains(&text)
}

/// Names in the standard prelude (types, traits, variants, derive macros).
/// Pass them as `reserved` to the [`Scope`] of generated type names so a type
/// named after an operation never shadows them.
#[rustfmt::skip] // one item per line would double the length of this file
pub const PRELUDE_TYPE_NAMES: &[&str] = &[
    "AsMut", "AsRef", "Box", "Clone", "Copy", "Debug", "Default", "DoubleEndedIterator", "Drop",
    "Eq", "Err", "ExactSizeIterator", "Extend", "Fn", "FnMut", "FnOnce", "From", "FromIterator",
    "Future", "Hash", "Into", "IntoFuture", "IntoIterator", "Iterator", "None", "Ok", "Option",
    "Ord", "PartialEq", "PartialOrd", "Result", "Send", "Sized", "Some", "String", "Sync",
    "ToOwned", "ToString", "TryFrom", "TryInto", "Unpin", "Vec",
];

/// Lowercase words of a raw spec name; see the [module docs](self) for the rule.
pub fn words(raw: &str) -> Vec<String> {
    raw.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|piece| !piece.is_empty())
        .flat_map(|piece| join_exceptions(split_piece(piece)))
        .map(|mut word| {
            word.make_ascii_lowercase();
            word
        })
        .collect()
}

/// The words of [`words`] joined with `_` (empty if there are none).
pub fn snake_case(raw: &str) -> String {
    words(raw).join("_")
}

/// The words of [`words`], each capitalised, concatenated.
pub fn pascal_case(raw: &str) -> String {
    Case::Pascal.join(&words(raw))
}

/// Splits one piece of ASCII letters and digits into its raw words.
fn split_piece(piece: &str) -> Vec<&str> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        Boundary,
        Lower,
        Upper,
    }
    let bytes = piece.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut mode) = (0, Mode::Boundary);
    for (i, &c) in bytes.iter().enumerate() {
        let Some(&next) = bytes.get(i + 1) else {
            break;
        };
        let next_mode = match c {
            b'a'..=b'z' => Mode::Lower,
            b'A'..=b'Z' => Mode::Upper,
            _ => mode,
        };
        if next_mode == Mode::Lower && next.is_ascii_uppercase() {
            // `getSession`, `web3Wallet`: the word ends after `c`.
            out.push(&piece[start..=i]);
            (start, mode) = (i + 1, Mode::Boundary);
        } else if mode == Mode::Upper
            && c.is_ascii_uppercase()
            && next.is_ascii_lowercase()
            && !is_plural_acronym(bytes, i)
        {
            // `JWTTemplate`: the capital run ends before `c`.
            out.push(&piece[start..i]);
            (start, mode) = (i, Mode::Boundary);
        } else {
            mode = next_mode;
        }
    }
    if start < piece.len() {
        out.push(&piece[start..]);
    }
    out
}

/// `bytes[i]` ends a capital run and is followed by a lone `s` that ends the
/// piece or precedes a capital (`URLs`, `IDsFor`).
fn is_plural_acronym(bytes: &[u8], i: usize) -> bool {
    bytes.get(i + 1) == Some(&b's') && bytes.get(i + 2).is_none_or(u8::is_ascii_uppercase)
}

/// Merges the word pairs listed in [`JOINED`].
fn join_exceptions(raw_words: Vec<&str>) -> Vec<String> {
    let joined = |first: &str, second: &str| {
        let letters = second.trim_end_matches(|c: char| c.is_ascii_digit());
        JOINED.contains(&(first, letters))
    };
    let mut out = Vec::with_capacity(raw_words.len());
    let mut rest = raw_words.as_slice();
    loop {
        match rest {
            [first, second, tail @ ..] if joined(first, second) => {
                out.push(format!("{first}{second}"));
                rest = tail;
            }
            [word, tail @ ..] => {
                out.push((*word).to_owned());
                rest = tail;
            }
            [] => return out,
        }
    }
}

/// Appends `word` with its first letter in upper case and the rest in lower case.
fn push_capitalised(out: &mut String, word: &str) {
    let mut chars = word.chars();
    if let Some(first) = chars.next() {
        out.push(first.to_ascii_uppercase());
        out.extend(chars.map(|c| c.to_ascii_lowercase()));
    }
}

/// The case style of an identifier; decides how suffixes are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Case {
    Snake,
    Pascal,
    Screaming,
}

impl Case {
    fn join(self, words: &[String]) -> String {
        match self {
            Case::Snake => words.join("_"),
            Case::Pascal => {
                let mut out = String::with_capacity(words.iter().map(String::len).sum());
                for word in words {
                    push_capitalised(&mut out, word);
                }
                out
            }
            Case::Screaming => {
                let mut out = words.join("_");
                out.make_ascii_uppercase();
                out
            }
        }
    }
}

/// A Rust identifier produced from a raw name. It is always valid: use
/// [`RustIdent::to_ident`] in generated code and `Display` (`r#type`) in text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RustIdent {
    /// The identifier without `r#`.
    text: String,
    /// Whether it must be written `r#text`.
    raw: bool,
    case: Case,
}

impl RustIdent {
    fn from_words(raw: &str, mut words: Vec<String>, case: Case) -> Result<RustIdent, NameError> {
        let Some(first) = words.first() else {
            return Err(NameError::Empty {
                raw: raw.to_owned(),
            });
        };
        if first.starts_with(|c: char| c.is_ascii_digit()) {
            words.insert(0, "n".to_owned()); // `n_2fa`, `N2fa`, `N_2FA`
        }
        Ok(RustIdent::checked(case.join(&words), case))
    }

    /// Applies the keyword rules to text that is otherwise a valid identifier.
    fn checked(mut text: String, case: Case) -> RustIdent {
        let raw = RAW_KEYWORDS
            .iter()
            .any(|kind| kind.contains(&text.as_str()));
        if NON_RAW_KEYWORDS.contains(&text.as_str()) {
            text.push('_');
        }
        RustIdent { text, raw, case }
    }

    /// The identifier without `r#` (`type` for `r#type`).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the identifier is a keyword written as `r#…`.
    pub fn is_raw(&self) -> bool {
        self.raw
    }

    /// The identifier as a token, spanned at the call site.
    pub fn to_ident(&self) -> proc_macro2::Ident {
        let span = proc_macro2::Span::call_site();
        if self.raw {
            proc_macro2::Ident::new_raw(&self.text, span)
        } else {
            proc_macro2::Ident::new(&self.text, span)
        }
    }

    /// This identifier with the words of `suffix` appended in its own case
    /// style (`id` + `query` → `id_query`, `Foo` + `2` → `Foo2`), keywords
    /// re-checked. A suffix without letters or digits changes nothing.
    pub fn with_suffix(&self, suffix: &str) -> RustIdent {
        let suffix_words = words(suffix);
        if suffix_words.is_empty() {
            return self.clone();
        }
        // `self_` + `query` is `self_query`, not `self__query`.
        let base = self.text.trim_end_matches('_');
        let text = match self.case {
            Case::Pascal => format!("{base}{}", Case::Pascal.join(&suffix_words)),
            case => format!("{base}_{}", case.join(&suffix_words)),
        };
        RustIdent::checked(text, self.case)
    }
}

impl fmt::Display for RustIdent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.raw {
            f.write_str("r#")?;
        }
        f.write_str(&self.text)
    }
}

/// A raw name from which no identifier can be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameError {
    /// The name has no ASCII letters or digits (`*`, `-`, `_`).
    Empty {
        /// The name as written in the spec.
        raw: String,
    },
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameError::Empty { raw } => write!(
                f,
                "the name `{raw}` has no ASCII letters or digits, so no Rust identifier \
                 can be made from it; give it a name with letters or digits"
            ),
        }
    }
}

impl std::error::Error for NameError {}

/// A snake_case identifier for functions, fields, arguments and modules.
pub fn value_ident(raw: &str) -> Result<RustIdent, NameError> {
    RustIdent::from_words(raw, words(raw), Case::Snake)
}

/// A PascalCase identifier for types (`Self` becomes `Self_`).
pub fn type_ident(raw: &str) -> Result<RustIdent, NameError> {
    RustIdent::from_words(raw, words(raw), Case::Pascal)
}

/// A SCREAMING_SNAKE_CASE identifier for constants.
pub fn const_ident(raw: &str) -> Result<RustIdent, NameError> {
    RustIdent::from_words(raw, words(raw), Case::Screaming)
}

/// The fallback for a name that converts to nothing: `{stem}_{index}`
/// (`param_3`), or `n_{index}` if `stem` has no letters or digits either.
pub fn positional_value_ident(stem: &str, index: usize) -> RustIdent {
    let index = index.to_string();
    match value_ident(stem) {
        Ok(ident) => ident.with_suffix(&index),
        Err(_) => RustIdent::checked(format!("n_{index}"), Case::Snake),
    }
}
