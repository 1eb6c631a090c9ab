//! Bodies kept in errors, capped; and server text shown with control
//! characters escaped.

use std::borrow::Cow;
use std::fmt;

use bytes::Bytes;

/// How much of a body an error keeps: the start, up to this many bytes.
pub const RAW_BODY_LIMIT: usize = 64 * 1024;

/// The raw body of a response kept in an error ([`Error::Decode`](crate::Error::Decode),
/// [`ApiError::raw_body`](crate::ApiError::raw_body)): its first
/// [`RAW_BODY_LIMIT`] bytes, and how many bytes after them were dropped.
///
/// Its `Debug` shows only the sizes: a body may hold credentials (a token
/// response that failed to decode). The bytes are one call away: [`as_bytes`](Self::as_bytes).
#[derive(Clone, PartialEq, Eq)]
pub struct RawBody {
    kept: Bytes,
    omitted: usize,
}

impl RawBody {
    /// Keeps the start of `body`.
    pub(crate) fn capped(body: Bytes) -> RawBody {
        let omitted = body.len().saturating_sub(RAW_BODY_LIMIT);
        let kept = if omitted == 0 {
            body
        } else {
            body.slice(..RAW_BODY_LIMIT)
        };
        RawBody { kept, omitted }
    }

    /// The bytes kept (the whole body unless [`omitted`](Self::omitted) is non-zero).
    pub fn as_bytes(&self) -> &[u8] {
        &self.kept
    }

    /// The bytes kept, as text (invalid UTF-8 replaced).
    pub fn text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.kept)
    }

    /// How many bytes of the body were dropped after the kept ones.
    pub fn omitted(&self) -> usize {
        self.omitted
    }

    /// Whether the whole body was kept.
    pub fn is_complete(&self) -> bool {
        self.omitted == 0
    }
}

impl fmt::Debug for RawBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawBody")
            .field("kept_bytes", &self.kept.len())
            .field("omitted_bytes", &self.omitted)
            .finish()
    }
}

/// Text a server sent, displayed with control characters (and other characters
/// that could forge or hide log lines) escaped as `\u{..}`.
pub(crate) struct Escaped<'a>(pub(crate) &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            if forges_lines(c) {
                write!(f, "{}", c.escape_unicode())?;
            } else {
                fmt::Write::write_char(f, c)?;
            }
        }
        Ok(())
    }
}

/// Control characters (line breaks, ANSI escapes), Unicode line separators and
/// bidirectional overrides.
fn forges_lines(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_keep_their_start_and_count_the_rest() {
        let small = RawBody::capped(Bytes::from_static(b"abc"));
        assert_eq!(small.as_bytes(), b"abc");
        assert!(small.is_complete());
        let big = RawBody::capped(Bytes::from(vec![b'x'; RAW_BODY_LIMIT + 10]));
        assert_eq!(big.as_bytes().len(), RAW_BODY_LIMIT);
        assert_eq!(big.omitted(), 10);
        assert_eq!(
            format!("{big:?}"),
            format!("RawBody {{ kept_bytes: {RAW_BODY_LIMIT}, omitted_bytes: 10 }}")
        );
    }

    #[test]
    fn control_characters_are_escaped() {
        let text = format!("{}", Escaped("a\nb\x1b[31mc\u{202E}d\té"));
        assert_eq!(text, "a\\u{a}b\\u{1b}[31mc\\u{202e}d\\u{9}é");
    }
}
