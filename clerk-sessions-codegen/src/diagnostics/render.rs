//! Diagnostics as text, the way rustc prints its errors. Text from the spec
//! (messages quote values, snippets show source lines) is printed with its
//! control characters escaped, so that nothing in a spec can reach a
//! terminal as an escape sequence; and each piece is shown up to a bounded
//! length, so that rendering one diagnostic takes bounded time.

use std::borrow::Cow;
use std::fmt;

use super::{Diagnostic, Diagnostics, Severity};
use crate::limits::MAX_PRINTED_DIAGNOSTICS;

/// At most this many characters of a message, help, path or file name are printed.
const MAX_TEXT: usize = 400;

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", printable(&self.message, MAX_TEXT))?;
        let number = self.line.to_string();
        let pad = " ".repeat(number.len());
        let file = printable(&self.file, MAX_TEXT);
        writeln!(f, "{pad}--> {file}:{}:{}", self.line, self.column)?;
        if let Some(snippet) = &self.snippet {
            let (before, rest) = split_at_char(&snippet.text, snippet.caret);
            let before = printable(before, usize::MAX);
            let rest = printable(rest, usize::MAX);
            // Tabs stay tabs, so that the caret lines up under them.
            let prefix: String = before
                .chars()
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            // Underline the value at the position, up to the end of the line.
            let width = rest.trim_end().chars().count().max(1);
            writeln!(f, "{pad} |")?;
            writeln!(f, "{number} | {before}{rest}")?;
            writeln!(f, "{pad} | {prefix}{}", "^".repeat(width))?;
        }
        if !self.yaml_path.is_empty() {
            writeln!(f, "{pad} = at: {}", printable(&self.yaml_path, MAX_TEXT))?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "{pad} = help: {}", printable(help, MAX_TEXT))?;
        }
        Ok(())
    }
}

impl fmt::Display for Diagnostics {
    /// Every diagnostic, up to 50 of them (errors first when
    /// there are more), then how many were left out, then the totals.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.items.len();
        if total <= MAX_PRINTED_DIAGNOSTICS {
            for d in &self.items {
                writeln!(f, "{d}")?;
            }
        } else {
            let shown = self.errors().chain(self.warnings());
            for d in shown.take(MAX_PRINTED_DIAGNOSTICS) {
                writeln!(f, "{d}")?;
            }
            let more = total - MAX_PRINTED_DIAGNOSTICS;
            writeln!(f, "... and {more} more (not shown)\n")?;
        }
        let errors = self.errors().count();
        let warnings = self.warnings().count();
        match (errors, warnings) {
            (0, 0) => Ok(()),
            (0, w) => writeln!(f, "warning: {w} warning{} emitted", plural(w)),
            (e, 0) => writeln!(
                f,
                "error: could not generate the client: {e} error{}",
                plural(e)
            ),
            (e, w) => writeln!(
                f,
                "error: could not generate the client: {e} error{}; {w} warning{} emitted",
                plural(e),
                plural(w)
            ),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `text` split before its character `at`.
fn split_at_char(text: &str, at: usize) -> (&str, &str) {
    let byte = text.char_indices().nth(at).map_or(text.len(), |(b, _)| b);
    text.split_at(byte)
}

/// At most `max` characters of `text` (then `...`), with control characters
/// (other than tabs) and bidirectional overrides written as `\u{..}` escapes.
pub(crate) fn printable(text: &str, max: usize) -> Cow<'_, str> {
    let fits = text.len() <= max || text.chars().nth(max).is_none();
    if fits && !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().min(max) + 8);
    for (shown, c) in text.chars().enumerate() {
        if shown == max {
            out.push_str("...");
            break;
        }
        if hidden(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Characters a terminal would act on rather than print.
fn hidden(c: char) -> bool {
    c != '\t' && c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn control_characters_are_escaped_and_long_text_cut() {
        assert_eq!(printable("plain\ttab", 100), "plain\ttab");
        assert_eq!(printable("\u{1b}[31mred", 100), "\\u{1b}[31mred");
        assert_eq!(printable("a\u{202E}b\u{0}", 100), "a\\u{202e}b\\u{0}");
        assert_eq!(printable(&"x".repeat(10), 4), "xxxx...");
    }
}
