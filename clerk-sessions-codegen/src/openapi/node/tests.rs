use super::{Node, escape_pointer, unescape_pointer};
use serde::Deserialize;

#[test]
fn keeps_mapping_order_and_reads_integer_keys_as_text() {
    let node: Node = serde_saphyr::from_str("b: 1\na: [x, 2.5]\n200: ~\n").unwrap_or(Node::Null);
    let keys: Vec<&str> = node.entries().iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["b", "a", "200"]);
    assert_eq!(node.get("200"), Some(&Node::Null));
}

#[derive(Debug, Deserialize, PartialEq)]
struct Probe {
    name: String,
    count: Option<u32>,
    tags: Vec<String>,
    spanned: serde_saphyr::Spanned<String>,
}

#[test]
fn is_a_deserializer_for_structs_options_and_spans() {
    let node = Node::map()
        .with("name", Node::str("n"))
        .with("count", Node::Null)
        .with("tags", Node::strs(["a", "b"]))
        .with("spanned", Node::str("s"));
    let probe = Probe::deserialize(node);
    let Ok(probe) = probe else {
        unreachable!("{probe:?}");
    };
    assert_eq!(probe.name, "n");
    assert_eq!(probe.count, None);
    assert_eq!(probe.tags, ["a", "b"]);
    assert_eq!(probe.spanned.value, "s");
}

#[test]
fn pointer_segments_round_trip() {
    assert_eq!(escape_pointer("/a~b"), "~1a~0b");
    assert_eq!(unescape_pointer("~1a~0b"), "/a~b");
}
