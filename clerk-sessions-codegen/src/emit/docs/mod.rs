//! Doc comments from spec text, sanitised for rustdoc.
//!
//! Spec descriptions are free text: they may be empty, multi-line, truncated in
//! the middle of a code span, or contain markdown that rustdoc would misread
//! (indented lines and fences become doctests, `[x]` becomes an intra-doc link,
//! `<x>` an HTML tag). Every description goes through [`sanitize`], and every
//! other piece of spec text (a wire name, a path) through [`code`], before it
//! becomes a `#[doc = ..]` attribute. [`attrs`] cleans each line once more, so
//! no line holds a line break or a control character and the printer always
//! prints it as a `///` comment: spec text can never add code or break
//! `cargo doc`.

mod links;

use std::borrow::Cow;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// `#[doc = ..]` attributes, one per line. Empty lines are kept as paragraph
/// breaks. Each is a string literal token (the printer writes a doc
/// attribute from its literal's value, so the escapes of quotes and
/// backslashes never reach the `///` comment).
pub(crate) fn attrs<S: AsRef<str>>(lines: &[S]) -> TokenStream {
    let lines = lines.iter().map(|line| {
        let line = clean(line.as_ref());
        let line = line.trim_end();
        if line.is_empty() {
            Literal::string("")
        } else {
            let mut text = String::with_capacity(line.len() + 1);
            text.push(' ');
            text.push_str(line);
            Literal::string(&text)
        }
    });
    quote! { #( #[doc = #lines] )* }
}

/// `text` without characters that break or disguise a doc comment: line
/// breaks and tabs become spaces; other control characters, bidirectional
/// overrides (which rustc rejects in comments), zero-width characters and
/// byte order marks are dropped.
pub(crate) fn clean(text: &str) -> Cow<'_, str> {
    // Line breaks and tabs, which become spaces.
    let breaks = |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}');
    let keep = |c: char| match c {
        ' '..='~' => true,
        c if breaks(c) => false,
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' => false,
        c => !c.is_control(),
    };
    if text.chars().all(keep) {
        return Cow::Borrowed(text);
    }
    text.chars()
        .filter_map(|c| match c {
            c if breaks(c) => Some(' '),
            c if keep(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// Spec text as one inline code span, whatever it holds (backticks included).
pub(crate) fn code(text: &str) -> String {
    let text = clean(text);
    let longest = longest_run(&text, '`');
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || text.trim().is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut longest, mut run) = (0, 0);
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// Sanitised lines of a spec description (none for empty text).
///
/// Lines are trimmed (no indented code blocks), runs of blank lines become one
/// paragraph break, a fence at the start of a line is escaped (no fenced code
/// blocks, so no doctests), code spans closed on the same line are kept
/// verbatim and every other markdown or HTML character is escaped. Bare URLs
/// become autolinks.
pub(crate) fn sanitize(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // The content offset of the list item being continued, if any.
    let mut item: Option<usize> = None;
    for raw in text.split(['\n', '\r', '\u{2028}', '\u{2029}']) {
        let line = clean(raw);
        let line = line.trim();
        if line.is_empty() {
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
            item = None;
            continue;
        }
        let sanitized = sanitize_line(line);
        match (list_marker(line), item) {
            (Some(width), _) => {
                item = Some(width);
                out.push(sanitized);
            }
            // A line that continues a list item is indented to its content.
            (None, Some(width)) => out.push(format!("{}{sanitized}", " ".repeat(width))),
            (None, None) => out.push(sanitized),
        }
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// The content offset of a list item that `line` opens (`- `, `+ `, `1. `,
/// `2) `), if it opens one. `*` is escaped, so it opens none.
fn list_marker(line: &str) -> Option<usize> {
    if line.starts_with("- ") || line.starts_with("+ ") {
        return Some(2);
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line[digits..];
    (digits > 0 && digits < 10 && (rest.starts_with(". ") || rest.starts_with(") ")))
        .then_some(digits + 2)
}

/// One trimmed, cleaned line. Backticks and the characters escaped are
/// ASCII, so the line is scanned by byte and copied by slice.
fn sanitize_line(line: &str) -> String {
    let bytes = line.as_bytes();
    let mut out = String::with_capacity(line.len() + 8);
    let mut i = 0;
    // A fence (three or more backticks or tildes) opening the line is escaped.
    if let Some(&fence @ (b'`' | b'~')) = bytes.first() {
        let fence_len = bytes.iter().take_while(|b| **b == fence).count();
        if fence_len >= 3 {
            for _ in 0..fence_len {
                out.push('\\');
                out.push(char::from(fence));
            }
            i = fence_len;
        }
    }
    // Text since the last code span, escaped when a span or the line ends.
    let mut text_start = i;
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let run = backtick_run(bytes, i);
        match closing_run(bytes, i + run, run) {
            Some(close) => {
                links::push_text(&mut out, &line[text_start..i]);
                out.push_str(&line[i..close + run]);
                i = close + run;
                text_start = i;
            }
            None => i += run,
        }
    }
    links::push_text(&mut out, &line[text_start..]);
    out
}

fn backtick_run(bytes: &[u8], from: usize) -> usize {
    bytes[from..].iter().take_while(|b| **b == b'`').count()
}

/// Where a run of exactly `len` backticks starts at or after `from`.
fn closing_run(bytes: &[u8], from: usize, len: usize) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let run = backtick_run(bytes, i);
            if run == len {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

pub(super) fn push_escaped(out: &mut String, text: &str) {
    // Characters that are not escaped are copied in runs.
    let mut plain = 0;
    for (at, b) in text.bytes().enumerate() {
        let escaped = match b {
            b'`' => "\\`",
            b'[' => "\\[",
            b']' => "\\]",
            b'*' => "\\*",
            b'_' => "\\_",
            b'\\' => "\\\\",
            b'#' => "\\#",
            b'|' => "\\|",
            b'~' => "\\~",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            _ => continue,
        };
        out.push_str(&text[plain..at]);
        out.push_str(escaped);
        plain = at + 1;
    }
    out.push_str(&text[plain..]);
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use proc_macro2::Literal;

    use super::{attrs, code, sanitize};

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
        assert_eq!(sanitize("~~~\nx\n~~~"), vec!["\\~\\~\\~", "x", "\\~\\~\\~"]);
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
        // A span must close on its own line; `` closes only with ``.
        assert_eq!(sanitize("`a\nb` <x>"), vec!["\\`a", "b\\` &lt;x&gt;"]);
        assert_eq!(sanitize("``a`b`` <x>"), vec!["``a`b`` &lt;x&gt;"]);
        assert_eq!(sanitize("`` a ` <x>"), vec!["\\`\\` a \\` &lt;x&gt;"]);
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            sanitize("see https://clerk.com/docs."),
            vec!["see <https://clerk.com/docs>."]
        );
        assert_eq!(
            sanitize("https://x.test/?a=<b>"),
            vec!["<https://x.test/?a=%3Cb%3E>"]
        );
        assert_eq!(
            sanitize("a [custom flow](https://c.test/x#y_z) and (https://d.test)."),
            vec!["a [custom flow](https://c.test/x#y_z) and (<https://d.test>)."]
        );
        assert_eq!(
            sanitize("[a_b](http://e.test/(1)), xhttps://f.test"),
            vec!["[a\\_b](http://e.test/(1)), xhttps://f.test"]
        );
    }

    #[test]
    fn list_items_continued_on_the_next_line_are_indented() {
        assert_eq!(
            sanitize("- one\ncontinued\n\nafter\n12. two\nmore"),
            vec!["- one", "  continued", "", "after", "12. two", "    more"]
        );
    }

    #[test]
    fn control_and_bidi_characters_are_removed() {
        assert_eq!(sanitize("a\u{202E}b\u{0}c\td\re"), vec!["abc d", "e"]);
    }

    #[test]
    fn code_spans_hold_any_text() {
        assert_eq!(code("id"), "`id`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x`"), "`` `x` ``");
        assert_eq!(code("a\nb"), "`a b`");
        assert_eq!(code(""), "`  `");
    }

    #[test]
    fn doc_literals_keep_any_text() {
        for text in [
            "",
            " plain",
            " \"quoted\"",
            " a \"# b",
            " a \"## b \"# c",
            " back\\slash \\n",
            " unicode … \u{e9}",
            " ends with a quote\"",
        ] {
            let lit = Literal::string(text);
            let parsed = syn::parse2::<syn::LitStr>(quote!(#lit)).map(|l| l.value());
            assert_eq!(parsed.ok().as_deref(), Some(text));
        }
    }

    #[test]
    fn attrs_never_hold_line_breaks() {
        let tokens = attrs(&["a\n*/ b", "", "c\r"]).to_string();
        assert!(
            !tokens.contains("\\n") && !tokens.contains("\\r"),
            "{tokens}"
        );
    }
}
