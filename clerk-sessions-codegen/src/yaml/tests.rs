//! The reader on its own: positions, scalars, aliases, limits.

use serde::Deserialize;

use super::{Spanned, from_str};

#[derive(Debug, Deserialize)]
struct Doc {
    name: Spanned<String>,
    count: Option<u32>,
    items: Option<Vec<Spanned<Item>>>,
    empty: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Item {
    id: String,
}

#[test]
fn values_keep_their_positions() {
    let text = "name: sessions\ncount: 3\nitems:\n  - id: a\n  - {id: '10'}\n";
    let doc: Doc = from_str(text).unwrap();
    assert_eq!(doc.name.value, "sessions");
    assert_eq!(
        (doc.name.referenced.line(), doc.name.referenced.column()),
        (1, 7)
    );
    assert_eq!(doc.name.referenced.byte_offset(), Some(6));
    assert_eq!(doc.count, Some(3));
    let items = doc.items.unwrap();
    assert_eq!(items[1].value.id, "10");
    assert_eq!(
        (items[0].referenced.line(), items[0].referenced.column()),
        (4, 5)
    );
    assert_eq!(
        (items[1].referenced.line(), items[1].referenced.column()),
        (5, 5)
    );
    assert_eq!(doc.empty, None);
}

#[test]
fn an_alias_is_located_where_it_is_used() {
    let text = "name: &n sessions\nitems:\n  - id: a\nempty: x\ncount: 1\nother: *n\n";
    #[derive(Deserialize)]
    struct Aliased {
        other: Spanned<String>,
    }
    let doc: Aliased = from_str(text).unwrap();
    assert_eq!(doc.other.value, "sessions");
    assert_eq!(doc.other.referenced.line(), 6);
}

#[test]
fn a_wrong_type_names_its_position() {
    let err = from_str::<Doc>("name: x\ncount:\n  nested: 1\n").unwrap_err();
    assert!(err.message.contains("invalid type: map"), "{}", err.message);
    assert_eq!(err.at.line(), 3);
    assert!(!err.limit);
}

#[test]
fn malformed_yaml_is_a_syntax_error_with_its_position() {
    let err = from_str::<Doc>("name: 'open\n").unwrap_err();
    assert!(!err.limit);
    assert!(err.at.line() >= 1, "{err:?}");
    let err = from_str::<Doc>("name: x\n---\nname: y\n").unwrap_err();
    assert!(
        err.message.contains("more than one YAML document"),
        "{}",
        err.message
    );
}

#[test]
fn limits_are_reported_as_limits() {
    let deep = format!("name: {}{}\n", "[".repeat(100), "]".repeat(100));
    let err = from_str::<Doc>(&deep).unwrap_err();
    assert!(err.limit, "{err:?}");
    assert!(err.message.contains("nests more than"), "{}", err.message);
    let mut laughs = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..7 {
        let prev = format!("*l{}", level - 1).replace("*l0", "*a");
        laughs.push_str(&format!(
            "l{level}: &l{level} [{}]\n",
            vec![prev; 10].join(", ")
        ));
    }
    let err = from_str::<serde::de::IgnoredAny>(&laughs).unwrap_err();
    assert!(
        err.limit && err.message.contains("aliases repeat"),
        "{err:?}"
    );
    let err = from_str::<serde::de::IgnoredAny>("a: *nothing\n").unwrap_err();
    assert!(!err.limit, "{err:?}");
}

#[test]
fn an_empty_file_reads_as_null() {
    assert!(from_str::<Option<Doc>>("").unwrap().is_none());
    assert!(
        from_str::<Option<Doc>>("# only a comment\n")
            .unwrap()
            .is_none()
    );
}
