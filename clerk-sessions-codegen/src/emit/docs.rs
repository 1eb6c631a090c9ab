//! Doc comments from spec text, sanitised for rustdoc.
//!
//! Spec descriptions are free text: they may be empty, multi-line, truncated in
//! the middle of a code span, or contain markdown that rustdoc would misread
//! (indented lines become doctests, `[x]` becomes an intra-doc link, `<x>` an
//! HTML tag). Every line goes through [`sanitize`] before it becomes a
//! `#[doc = ..]` attribute, so spec text can never add code or break `cargo doc`.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = ..]` attributes, one per line. Empty lines are kept as paragraph breaks.
pub(crate) fn attrs<S: AsRef<str>>(lines: &[S]) -> TokenStream {
    let lines = lines.iter().map(AsRef::as_ref).map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote! { #( #[doc = #lines] )* }
}

/// Sanitised lines of a spec description (none for empty text).
pub(crate) fn sanitize(text: &str) -> Vec<String> {
    let backticks = text.matches('`').count();
    let escape_backticks = backticks % 2 == 1 || text.contains("```");
    let mut out: Vec<String> = Vec::new();
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
            continue;
        }
        out.push(sanitize_line(line, escape_backticks));
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

fn sanitize_line(line: &str, escape_backticks: bool) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut in_code = false;
    for word in split_keep_spaces(line) {
        if !in_code
            && (word.starts_with("http://") || word.starts_with("https://"))
            && !word.contains('`')
        {
            let (url, tail) = split_url_tail(word);
            out.push('<');
            out.push_str(&url.replace('>', "%3E"));
            out.push('>');
            push_escaped(&mut out, tail, escape_backticks, &mut in_code);
            continue;
        }
        push_escaped(&mut out, word, escape_backticks, &mut in_code);
    }
    out
}

fn push_escaped(out: &mut String, text: &str, escape_backticks: bool, in_code: &mut bool) {
    for c in text.chars() {
        match c {
            '`' if escape_backticks => out.push_str("\\`"),
            '`' => {
                *in_code = !*in_code;
                out.push('`');
            }
            _ if *in_code => out.push(c),
            '[' | ']' | '*' | '_' | '\\' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
}

fn split_keep_spaces(line: &str) -> impl Iterator<Item = &str> {
    line.split_inclusive(' ')
}

/// Splits trailing punctuation (and a trailing space) off a URL.
fn split_url_tail(word: &str) -> (&str, &str) {
    let end = word
        .trim_end_matches(' ')
        .trim_end_matches(['.', ',', ')', ';', ':', '"', '\''])
        .len();
    word.split_at(end)
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn trims_and_keeps_paragraphs() {
        assert_eq!(sanitize("  a\n\n\n    b  \n"), vec!["a", "", "b"]);
        assert!(sanitize("   ").is_empty());
    }

    #[test]
    fn neutralises_markdown_that_rustdoc_misreads() {
        assert_eq!(
            sanitize("see [x] <b> & *y*"),
            vec!["see \\[x\\] &lt;b&gt; &amp; \\*y\\*"]
        );
        assert_eq!(
            sanitize("```rust\nfn x() {}\n```"),
            vec!["\\`\\`\\`rust", "fn x() {}", "\\`\\`\\`"]
        );
    }

    #[test]
    fn balanced_code_spans_are_kept_and_stray_backticks_escaped() {
        assert_eq!(
            sanitize("e.g. `custom_hasura`"),
            vec!["e.g. `custom_hasura`"]
        );
        assert_eq!(
            sanitize("order by `created_at or"),
            vec!["order by \\`created\\_at or"]
        );
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            sanitize("see https://clerk.com/docs."),
            vec!["see <https://clerk.com/docs>."]
        );
    }
}
