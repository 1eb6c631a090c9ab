//! The overlay: a typing document written by hand, deep-merged onto the
//! derived one. Mappings merge key by key, recursively; anything else is
//! replaced; a key whose value is `null` is removed. Its `$defs` entries that
//! are ID types (`type: string`, `minLength: 1`) also name IDs for the
//! derivation: `TemplateName` makes every `template_name` parameter and
//! property a `TemplateName`. Its `x-rename: {Derived: Wanted}` renames
//! derived `$defs` entries (and every `$ref` to them) before the merge, so a
//! public type name can differ from the document's without copying the type.
//! After the merge, `$defs` entries that no operation reaches any more are
//! dropped.

use std::collections::HashSet;

use super::findings::{Finding, Place};
use super::node::{Node, kind};
use crate::diagnostics::Severity;

/// Reads an overlay; it must be a mapping.
pub(crate) fn parse(text: &str) -> Result<Node, Finding> {
    let fail = |message: String| {
        Finding {
        severity: Severity::Error,
        kind: "overlay",
        place: Place::Overlay,
        operation: None,
        pointer: String::new(),
        message,
        help: "an overlay is a typing document (docs/typing-format.md) holding what the OpenAPI document cannot say".to_owned(),
    }
    };
    let node: Node = serde_saphyr::from_str(text).map_err(|err| {
        let message = err.to_string();
        fail(format!(
            "invalid overlay: {}",
            message.lines().next().unwrap_or("invalid YAML")
        ))
    })?;
    match node {
        Node::Map(_) => Ok(node),
        Node::Null => Ok(Node::map()),
        other => Err(fail(format!(
            "the overlay is {}, not a mapping",
            kind(&other)
        ))),
    }
}

/// `(wire name, $defs key)` of the ID types the overlay declares.
pub(crate) fn ids(overlay: &Node) -> Vec<(String, String)> {
    let defs = overlay.get("$defs").map(Node::entries).unwrap_or_default();
    defs.iter()
        .filter(|(_, schema)| {
            schema.get("type").and_then(Node::as_str) == Some("string")
                && schema.get("minLength") == Some(&Node::Int(1))
                && schema.get("enum").is_none()
        })
        .map(|(key, _)| (crate::names::snake_case(key), key.clone()))
        .collect()
}

/// Applies the overlay: `x-rename`, then the deep merge of the rest, then
/// drops what is no longer reached. Returns problems with `x-rename`.
pub(crate) fn apply(doc: &mut Node, overlay: &Node) -> Vec<Finding> {
    let mut problems = Vec::new();
    for (old, new) in overlay
        .get("x-rename")
        .map(Node::entries)
        .unwrap_or_default()
    {
        let fail = |message: String| Finding {
            severity: Severity::Error,
            kind: "overlay",
            place: Place::Overlay,
            operation: None,
            pointer: format!("/x-rename/{old}"),
            message,
            help: "`x-rename` maps a derived `$defs` key to the name wanted".to_owned(),
        };
        let Some(new) = new.as_str() else {
            problems.push(fail(format!(
                "the new name of `{old}` is {}, not a string",
                kind(new)
            )));
            continue;
        };
        let defs = doc.get("$defs");
        if defs.and_then(|d| d.get(old)).is_none() {
            problems.push(fail(format!(
                "the derived document has no `$defs` entry `{old}`"
            )));
            continue;
        }
        if defs.and_then(|d| d.get(new)).is_some() {
            problems.push(fail(format!("`$defs` already has `{new}`")));
            continue;
        }
        if let Some(Node::Map(entries)) = doc.get_mut("$defs")
            && let Some(entry) = entries.iter_mut().find(|(k, _)| k == old)
        {
            entry.0 = new.to_owned();
        }
        replace_refs(doc, &format!("#/$defs/{old}"), &format!("#/$defs/{new}"));
    }
    let mut rest = overlay.clone();
    rest.remove("x-rename");
    merge(doc, &rest);
    prune(doc);
    problems
}

fn replace_refs(node: &mut Node, old: &str, new: &str) {
    match node {
        Node::Str(text) if text == old => *text = new.to_owned(),
        Node::Seq(items) => items
            .iter_mut()
            .for_each(|item| replace_refs(item, old, new)),
        Node::Map(entries) => entries
            .iter_mut()
            .for_each(|(_, value)| replace_refs(value, old, new)),
        _ => {}
    }
}

/// Deep-merges `overlay` onto `base`.
pub(crate) fn merge(base: &mut Node, overlay: &Node) {
    match (base, overlay) {
        (Node::Map(entries), Node::Map(over)) => {
            for (key, value) in over {
                let existing = entries.iter().position(|(k, _)| k == key);
                match (existing, value) {
                    (Some(i), Node::Null) => {
                        entries.remove(i);
                    }
                    (None, Node::Null) => {}
                    (Some(i), value) => merge(&mut entries[i].1, value),
                    (None, value) => {
                        let mut fresh = if matches!(value, Node::Map(_)) {
                            Node::map()
                        } else {
                            Node::Null
                        };
                        merge(&mut fresh, value);
                        entries.push((key.clone(), fresh));
                    }
                }
            }
        }
        (base, overlay) => *base = overlay.clone(),
    }
}

/// Drops the `$defs` entries no operation reaches; returns their keys.
pub(crate) fn prune(doc: &mut Node) -> Vec<String> {
    let mut reached = HashSet::new();
    let mut pending = Vec::new();
    for (key, value) in doc.entries() {
        if key != "$defs" {
            refs(value, &mut pending);
        }
    }
    while let Some(key) = pending.pop() {
        if reached.insert(key.clone())
            && let Some(def) = doc.get("$defs").and_then(|d| d.get(&key))
        {
            refs(def, &mut pending);
        }
    }
    let mut dropped = Vec::new();
    if let Some(Node::Map(defs)) = doc.get_mut("$defs") {
        defs.retain(|(key, _)| {
            let keep = reached.contains(key);
            if !keep {
                dropped.push(key.clone());
            }
            keep
        });
    }
    dropped
}

/// Every `#/$defs/<key>` string inside `node`.
fn refs(node: &Node, out: &mut Vec<String>) {
    match node {
        Node::Str(text) => {
            if let Some(key) = text.strip_prefix("#/$defs/") {
                out.push(key.to_owned());
            }
        }
        Node::Seq(items) => items.iter().for_each(|item| refs(item, out)),
        Node::Map(entries) => entries.iter().for_each(|(_, value)| refs(value, out)),
        _ => {}
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::{apply, ids, merge, parse, prune};
    use crate::openapi::node::Node;

    fn yaml(text: &str) -> Node {
        serde_saphyr::from_str(text).unwrap()
    }

    #[test]
    fn merges_mappings_replaces_the_rest_and_removes_nulls() {
        let mut base = yaml("a: {b: 1, c: [1, 2], d: x}\ne: 1\nf: {g: 1}\n");
        let overlay = yaml("a: {c: [3], d: null, h: {i: null, j: 2}}\ne: {k: 1}\nf: null\n");
        merge(&mut base, &overlay);
        assert_eq!(base, yaml("a: {b: 1, c: [3], h: {j: 2}}\ne: {k: 1}\n"));
    }

    #[test]
    fn id_types_of_the_overlay_name_parameters() {
        let overlay = parse("$defs:\n  TemplateName: {type: string, minLength: 1}\n  Status: {type: string, enum: [a, b]}\n").unwrap();
        assert_eq!(
            ids(&overlay),
            [("template_name".to_owned(), "TemplateName".to_owned())]
        );
        assert!(parse("- a\n").is_err());
    }

    #[test]
    fn renames_derived_types_and_their_references() {
        let mut doc = yaml(
            "$defs:\n  A: {type: object}\n  B: {type: object}\noperations:\n  X: {response: {$ref: '#/$defs/A'}}\n",
        );
        let overlay = yaml("x-rename: {A: Wanted, Nope: Other, B: Wanted}\n");
        let problems = apply(&mut doc, &overlay);
        assert_eq!(
            doc,
            yaml(
                "$defs:\n  Wanted: {type: object}\noperations:\n  X: {response: {$ref: '#/$defs/Wanted'}}\n"
            )
        );
        // `Nope` is not there, and `B` cannot take a name already taken.
        assert_eq!(problems.len(), 2, "{problems:?}");
    }

    #[test]
    fn unreached_types_are_dropped() {
        let mut doc = yaml(
            "$defs:\n  A: {properties: {b: {$ref: '#/$defs/B'}}}\n  B: {type: object}\n  C: {type: object}\noperations:\n  X: {response: {$ref: '#/$defs/A'}}\n",
        );
        assert_eq!(prune(&mut doc), ["C"]);
        assert_eq!(doc.get("$defs").unwrap().entries().len(), 2);
    }
}
