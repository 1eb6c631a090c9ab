//! The path generated code uses to name the runtime crate (`::clerk_runtime`
//! by default), checked segment by segment and turned into tokens without
//! parsing Rust text.

use std::fmt;

use proc_macro2::Span;

/// A Rust path to the runtime crate: `::clerk_runtime`, `crate::rt`, `my_runtime`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuntimePath {
    /// Whether the path starts with `::`.
    leading_colon: bool,
    /// Its segments, each a plain identifier (`crate`, `self` and `super`
    /// only first).
    segments: Vec<String>,
}

/// Why a runtime path was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathError {
    path: String,
    reason: &'static str,
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a path to a crate or module: {}",
            self.path, self.reason
        )
    }
}

impl std::error::Error for PathError {}

impl RuntimePath {
    /// Checks `text`, e.g. `::clerk_runtime`.
    ///
    /// # Errors
    ///
    /// When a segment is empty, not an identifier, a keyword other than a
    /// leading `crate`/`self`/`super`, or the path has generic arguments.
    pub fn parse(text: &str) -> Result<RuntimePath, PathError> {
        let fail = |reason| PathError {
            path: text.to_owned(),
            reason,
        };
        let trimmed = text.trim();
        let (leading_colon, rest) = match trimmed.strip_prefix("::") {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        let mut segments = Vec::new();
        for (index, segment) in rest.split("::").enumerate() {
            let segment = segment.trim();
            let mut chars = segment.chars();
            let starts_well = chars
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
            if !starts_well || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(fail(
                    "each segment must be an identifier (ASCII letters, digits and `_`)",
                ));
            }
            if segment == "_" {
                return Err(fail("`_` is not a path segment"));
            }
            let path_keyword = matches!(segment, "crate" | "self" | "super");
            if path_keyword && (index > 0 && segment != "super" || leading_colon) {
                return Err(fail("`crate`, `self` and `super` may only start a path"));
            }
            if !path_keyword && super::is_keyword(segment) {
                return Err(fail("a segment is a Rust keyword"));
            }
            segments.push(segment.to_owned());
        }
        Ok(RuntimePath {
            leading_colon,
            segments,
        })
    }

    /// The path as tokens.
    pub fn to_tokens(&self) -> proc_macro2::TokenStream {
        let mut tokens = proc_macro2::TokenStream::new();
        for (i, segment) in self.segments.iter().enumerate() {
            if i > 0 || self.leading_colon {
                tokens.extend(quote::quote!(::));
            }
            tokens.extend([proc_macro2::TokenTree::Ident(proc_macro2::Ident::new(
                segment,
                Span::call_site(),
            ))]);
        }
        tokens
    }
}

impl fmt::Display for RuntimePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.leading_colon {
            f.write_str("::")?;
        }
        f.write_str(&self.segments.join("::"))
    }
}

#[cfg(test)]
mod tests {
    use super::RuntimePath;

    #[test]
    fn paths() {
        for ok in [
            "::clerk_runtime",
            "clerk_runtime",
            "crate::rt",
            "self::a::b",
            "super::super::x",
            "::a_1::B2",
        ] {
            let path = RuntimePath::parse(ok);
            assert_eq!(path.map(|p| p.to_string()).as_deref(), Ok(ok), "{ok}");
        }
        for bad in [
            "", "::", "a::", "a::::b", "1a", "a-b", "a::crate", "::crate", "a<b>", "a::fn",
            "a::r#fn", "_", "a b",
        ] {
            assert!(RuntimePath::parse(bad).is_err(), "{bad}");
        }
    }
}
