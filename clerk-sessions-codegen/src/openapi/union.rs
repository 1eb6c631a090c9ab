//! `oneOf`/`anyOf` of several alternatives → a `$defs` union.
//!
//! Tagged when the document gives a `discriminator` with a `mapping`, or
//! when every alternative is an object with a one-value `enum` on the same
//! property (the `discriminator`'s `propertyName`, else `object`, else any
//! property the first alternative has): the deriver then writes the
//! `discriminator` and its `mapping` itself. Otherwise untagged: the
//! alternatives in order.

use super::derive::Deriver;
use super::facts::{Facts, Kind, Src, classify};
use super::flatten;
use super::journal::Stat;
use super::node::Node;
use super::resolve;
use super::schema::Site;

impl<'d> Deriver<'d> {
    /// The `$defs` entry of a union at `at`.
    pub(crate) fn union(
        &mut self,
        facts: &Facts<'d>,
        members: Vec<(Src<'d>, String)>,
        at: &str,
    ) -> Node {
        let mut node = Node::map();
        if let Some(text) = facts.description {
            node.set("description", Node::str(text.trim_end()));
        }
        let mut uses = Vec::with_capacity(members.len());
        for (member, segment) in &members {
            uses.push(self.use_site(*member, &format!("{at}/{segment}"), &Site::default()));
        }
        let keys: Vec<Option<String>> = uses.iter().map(key_of).collect();
        let tagging = self
            .explicit_mapping(facts)
            .or_else(|| self.implicit_tags(facts, &members, &keys, at));
        node.set("oneOf", Node::Seq(uses));
        match tagging {
            Some((property, mapping)) => {
                let mut map = Node::map();
                for (tag, key) in mapping {
                    map.set(&tag, Node::str(format!("#/$defs/{key}")));
                }
                node.set(
                    "discriminator",
                    Node::map()
                        .with("propertyName", Node::str(property))
                        .with("mapping", map),
                );
                self.count(Stat::Tagged);
            }
            None => self.count(Stat::Untagged),
        }
        node
    }

    /// The document's own `discriminator.mapping`, with its targets as `$defs` keys.
    fn explicit_mapping(&mut self, facts: &Facts<'_>) -> Option<(String, Vec<(String, String)>)> {
        let discriminator = facts.discriminator?;
        if discriminator.mapping.is_empty() {
            return None;
        }
        let mut mapping = Vec::new();
        for (tag, target) in &discriminator.mapping {
            let name = resolve::component_name(target, "schemas").unwrap_or_else(|| target.clone());
            let (name, _) = resolve::schema(self.api, &name)?;
            mapping.push((tag.clone(), self.request_component(&name)));
        }
        Some((discriminator.property_name.clone(), mapping))
    }

    /// Tags read from a one-value `enum` every alternative has on one property.
    fn implicit_tags(
        &self,
        facts: &Facts<'d>,
        members: &[(Src<'d>, String)],
        keys: &[Option<String>],
        at: &str,
    ) -> Option<(String, Vec<(String, String)>)> {
        let objects: Vec<flatten::Flat<'d>> = members
            .iter()
            .map(|(member, segment)| {
                flatten::object_props(self.api, *member, &format!("{at}/{segment}"))
            })
            .collect::<Option<_>>()?;
        let mut candidates: Vec<&str> = match facts.discriminator {
            Some(d) => vec![d.property_name.as_str()],
            None => vec!["object"],
        };
        if facts.discriminator.is_none() {
            candidates.extend(
                objects
                    .first()?
                    .props
                    .iter()
                    .map(|p| p.name)
                    .filter(|n| *n != "object"),
            );
        }
        'candidates: for property in candidates {
            let mut mapping: Vec<(String, String)> = Vec::new();
            for (object, key) in objects.iter().zip(keys) {
                let key = key.as_ref()?;
                let Some(tag) = object
                    .props
                    .iter()
                    .find(|p| p.name == property)
                    .and_then(|p| self.tag_value(p))
                else {
                    continue 'candidates;
                };
                if mapping.iter().any(|(t, _)| *t == tag) {
                    continue 'candidates;
                }
                mapping.push((tag, key.clone()));
            }
            return Some((property.to_owned(), mapping));
        }
        None
    }

    /// The one string value a property can have, if it has one.
    fn tag_value(&self, prop: &flatten::Prop<'d>) -> Option<String> {
        let (schema, ..) = resolve::src(self.api, prop.src, &prop.at)?;
        match classify(&Facts::of(schema)) {
            Kind::Const(serde_json::Value::String(tag)) => Some(tag),
            _ => None,
        }
    }
}

/// The `$defs` key a use refers to (`$ref`, or the `$ref` of a nullable `anyOf`).
fn key_of(node: &Node) -> Option<String> {
    if let Some(reference) = node.get("$ref").and_then(Node::as_str) {
        return reference.strip_prefix("#/$defs/").map(str::to_owned);
    }
    match node.get("anyOf") {
        Some(Node::Seq(items)) => items.iter().find_map(key_of),
        _ => None,
    }
}
