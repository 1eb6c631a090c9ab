//! URLs in doc text: markdown links to them are kept, bare ones become
//! autolinks, so rustdoc's `bare_urls` lint has nothing to say.

use super::push_escaped;

/// Text outside code spans: markdown links to URLs are kept (their label
/// escaped), other URLs become autolinks, markdown is escaped.
pub(super) fn push_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(start) = find_url(rest) {
        let (before, from) = rest.split_at(start);
        let url = &from[..url_len(from)];
        let after = &from[url.len()..];
        match link_label(before).filter(|_| after.starts_with(')')) {
            Some(open) => {
                push_escaped(out, &before[..open]);
                out.push('[');
                push_escaped(out, &before[open + 1..before.len() - 2]);
                out.push_str("](");
                push_url(out, url);
                out.push(')');
                rest = &after[1..];
            }
            None => {
                push_escaped(out, before);
                out.push('<');
                push_url(out, url);
                out.push('>');
                rest = after;
            }
        }
    }
    push_escaped(out, rest);
}

/// Where the first `http://` or `https://` URL of `text` starts (not inside a word).
fn find_url(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = text[from..].find("http").map(|at| at + from) {
        let tail = &text[at..];
        let boundary = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
        if boundary && (tail.starts_with("http://") || tail.starts_with("https://")) {
            return Some(at);
        }
        from = at + 4;
    }
    None
}

/// The length of the URL that opens `text`: up to white space or a `)` that
/// closes nothing inside it, without trailing punctuation.
fn url_len(text: &str) -> usize {
    let mut depth = 0usize;
    let mut end = text.len();
    for (at, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => {
                end = at;
                break;
            }
            ')' => depth -= 1,
            c if c.is_whitespace() => {
                end = at;
                break;
            }
            _ => {}
        }
    }
    text[..end]
        .trim_end_matches(['.', ',', ';', ':', '"', '\'', '!', '?'])
        .len()
}

/// If `before` ends with a markdown link's `[label](`, where its `[` is.
fn link_label(before: &str) -> Option<usize> {
    let head = before.strip_suffix("](")?;
    let open = head.rfind('[')?;
    let label = &head[open + 1..];
    (!label.is_empty() && !label.contains([']', '`'])).then_some(open)
}

/// A URL, with the characters that would end an autolink percent-encoded.
fn push_url(out: &mut String, url: &str) {
    for c in url.chars() {
        match c {
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '`' => out.push_str("%60"),
            _ => out.push(c),
        }
    }
}
