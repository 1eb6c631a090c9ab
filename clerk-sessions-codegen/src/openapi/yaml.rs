//! [`Node`] → YAML text, for `derive-types`: block style, two-space indents,
//! short lists of scalars in flow style (`required: [a, b]`), multi-line text
//! as literal blocks, and every string quoted that a YAML reader could take
//! for something else (`'true'`, `'10'`, `'#/$defs/X'`). The same tree
//! always gives the same bytes.

use super::node::Node;

/// Lines of flow lists stay under this width.
const FLOW_WIDTH: usize = 100;

/// The document as YAML, ending with a newline.
pub(crate) fn to_yaml(node: &Node) -> String {
    let mut out = String::new();
    match node {
        Node::Map(entries) if !entries.is_empty() => map_body(&mut out, entries, 0),
        Node::Seq(items) if !items.is_empty() => seq_body(&mut out, items, 0),
        other => {
            out.push_str(&inline(other, 0, false).unwrap_or_else(|| "{}".to_owned()));
            out.push('\n');
        }
    }
    out
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// The entries of a mapping, each starting on its own line at `indent`.
fn map_body(out: &mut String, entries: &[(String, Node)], indent: usize) {
    for (key, value) in entries {
        pad(out, indent);
        entry(out, key, value, indent);
    }
}

/// `key: value` (the indentation is already written).
fn entry(out: &mut String, key: &str, value: &Node, indent: usize) {
    out.push_str(&scalar_text(key));
    out.push(':');
    after_colon(out, value, indent, key.len() + 2);
}

/// What follows `key:` or `-`: an inline value on the same line, or a block below.
fn after_colon(out: &mut String, value: &Node, indent: usize, used: usize) {
    if let Some(text) = inline(value, indent + used, true) {
        out.push(' ');
        out.push_str(&text);
        out.push('\n');
        return;
    }
    match value {
        Node::Map(entries) => {
            out.push('\n');
            map_body(out, entries, indent + 2);
        }
        Node::Seq(items) => {
            out.push('\n');
            seq_body(out, items, indent);
        }
        Node::Str(text) => {
            out.push_str(&literal_block(text, indent + 2));
        }
        // Scalars are always inline.
        _ => out.push('\n'),
    }
}

/// The items of a sequence, `- ` at `indent`.
fn seq_body(out: &mut String, items: &[Node], indent: usize) {
    for item in items {
        pad(out, indent);
        out.push('-');
        match item {
            Node::Map(entries) if !entries.is_empty() => {
                out.push(' ');
                let (first_key, first_value) = &entries[0];
                entry(out, first_key, first_value, indent + 2);
                map_body(out, &entries[1..], indent + 2);
            }
            Node::Seq(inner) if !inner.is_empty() && inline(item, indent + 2, true).is_none() => {
                out.push('\n');
                seq_body(out, inner, indent + 2);
            }
            other => after_colon(out, other, indent, 0),
        }
    }
}

/// The value on one line, if it fits there: scalars (strings that need a
/// block return `None`), empty collections and short flow lists of scalars.
fn inline(node: &Node, column: usize, block_text: bool) -> Option<String> {
    match node {
        Node::Null => Some("null".to_owned()),
        Node::Bool(b) => Some(b.to_string()),
        Node::Int(i) => Some(i.to_string()),
        Node::Float(f) => Some(float(*f)),
        Node::Str(text) => {
            if block_text && text.contains('\n') && literal_ok(text) {
                None
            } else {
                Some(scalar_text(text))
            }
        }
        Node::Map(entries) if entries.is_empty() => Some("{}".to_owned()),
        Node::Seq(items) if items.is_empty() => Some("[]".to_owned()),
        Node::Seq(items) => {
            let mut parts = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Node::Str(text) if !text.contains('\n') => parts.push(scalar_text(text)),
                    Node::Int(_) | Node::Float(_) | Node::Bool(_) | Node::Null => {
                        parts.push(inline(item, 0, false)?);
                    }
                    _ => return None,
                }
            }
            let text = format!("[{}]", parts.join(", "));
            (column + text.len() <= FLOW_WIDTH).then_some(text)
        }
        Node::Map(_) => None,
    }
}

fn float(f: f64) -> String {
    if f.is_nan() {
        ".nan".to_owned()
    } else if f.is_infinite() {
        if f > 0.0 { ".inf" } else { "-.inf" }.to_owned()
    } else {
        let text = f.to_string();
        if text.contains(['.', 'e', 'E']) {
            text
        } else {
            format!("{text}.0")
        }
    }
}

/// A string as a plain, single-quoted or double-quoted scalar.
fn scalar_text(text: &str) -> String {
    if plain_ok(text) {
        text.to_owned()
    } else if !text.chars().any(char::is_control) {
        format!("'{}'", text.replace('\'', "''"))
    } else {
        double_quoted(text)
    }
}

/// Whether `text` reads back as the same string without quotes, in block and
/// flow context alike.
fn plain_ok(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let allowed = |c: char| c.is_ascii_alphanumeric() || " _-./$()+=;^<>?".contains(c);
    let reserved = [
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    ];
    (first.is_ascii_alphabetic() || "_$/(".contains(first))
        && text.chars().all(allowed)
        && !text.ends_with(' ')
        && !text.contains("  ")
        && !reserved.contains(&text.to_ascii_lowercase().as_str())
        && text.parse::<f64>().is_err()
}

/// Whether `text` can be written as a literal block and read back unchanged.
fn literal_ok(text: &str) -> bool {
    let body = text.strip_suffix('\n').unwrap_or(text);
    !body.is_empty()
        && !body.ends_with('\n')
        && !body.starts_with([' ', '\n'])
        && !text.chars().any(|c| c.is_control() && c != '\n')
        && body.lines().all(|line| !line.ends_with(' '))
}

/// `|-` (or `|` when the text ends with one newline) and the lines, indented.
fn literal_block(text: &str, indent: usize) -> String {
    let (header, body) = match text.strip_suffix('\n') {
        Some(body) => (" |\n", body),
        None => (" |-\n", text),
    };
    let mut out = header.to_owned();
    for line in body.split('\n') {
        if !line.is_empty() {
            out.extend(std::iter::repeat_n(' ', indent));
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::to_yaml;
    use crate::openapi::node::Node;

    fn round_trip(node: &Node) -> String {
        let text = to_yaml(node);
        let back: Node = serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(&back, node, "{text}");
        text
    }

    #[test]
    fn writes_block_yaml_that_reads_back_the_same() {
        let node = Node::map().with("typing", Node::Int(1)).with(
            "$defs",
            Node::map().with(
                "Session",
                Node::map()
                    .with("description", Node::str("Line one.\n\nLine `two`: ok"))
                    .with("required", Node::strs(["id", "object"]))
                    .with(
                        "enum",
                        Node::strs(["true", "10", "", "a b", "user:org:read", "-x", "it's"]),
                    )
                    .with("ref", Node::str("#/$defs/X"))
                    .with("minimum", Node::Float(1.0))
                    .with("odd", Node::str("tab\there\n  indented\n"))
                    .with("empty", Node::map())
                    .with(
                        "oneOf",
                        Node::Seq(vec![
                            Node::map().with("$ref", Node::str("#/$defs/A")),
                            Node::map()
                                .with("type", Node::str("null"))
                                .with("x", Node::Bool(true)),
                        ]),
                    ),
            ),
        );
        let text = round_trip(&node);
        assert!(text.contains("required: [id, object]\n"), "{text}");
        assert!(
            text.contains("description: |-\n      Line one.\n\n      Line `two`: ok\n"),
            "{text}"
        );
        assert!(text.contains("- $ref: '#/$defs/A'\n"), "{text}");
    }

    #[test]
    fn long_lists_go_in_block_style() {
        let items: Vec<String> = (0..40).map(|i| format!("value_{i}")).collect();
        let node = Node::map().with("enum", Node::strs(items));
        let text = round_trip(&node);
        assert!(text.contains("enum:\n- value_0\n"), "{text}");
    }
}
