//! `$defs` entries: objects (`allOf` members merged), enums (open when a
//! response reaches them) and unions, for components and inline types.

use openapiv3::Schema;

use super::derive::Deriver;
use super::facts::{Facts, Kind, classify};
use super::flatten;
use super::node::Node;
use super::resolve;
use super::schema::Site;

impl<'d> Deriver<'d> {
    /// Defines an inline named type (first use) and returns its key.
    pub(crate) fn define_inline(&mut self, schema: &'d Schema, at: &str) -> String {
        let key = self.inline_key(at);
        self.inline(&key, |d| d.definition(schema, at, None));
        key
    }

    /// Defines a queued component.
    pub(crate) fn define_component(&mut self, name: &str) {
        let Some((_, schema)) = resolve::schema(self.api, name) else {
            return;
        };
        let at = resolve::component_pointer("schemas", name);
        self.component(name, |d| d.definition(schema, &at, Some(name)));
    }

    /// The `$defs` entry of an object, enum or union.
    fn definition(&mut self, schema: &'d Schema, at: &str, component: Option<&str>) -> Node {
        let facts = Facts::of(schema);
        match classify(&facts) {
            Kind::Enum(values) => self.enumeration(&facts, values, at, component),
            Kind::Union(members) => self.union(&facts, members, at),
            _ => self.object(schema, at, component, false),
        }
    }

    fn enumeration(
        &mut self,
        facts: &Facts<'_>,
        values: Vec<String>,
        at: &str,
        component: Option<&str>,
    ) -> Node {
        let mut node = Node::map();
        if let Some(text) = facts.description {
            node.set("description", Node::str(text.trim_end()));
        }
        node.set("type", Node::str("string"));
        node.set("enum", Node::strs(values));
        if facts.open_marked() || self.in_response(at, component) {
            node.set("x-open", Node::Bool(true));
        }
        node
    }

    /// Whether a type at `at` is part of what some response of the document returns.
    fn in_response(&self, at: &str, component: Option<&str>) -> bool {
        let owner = component.map(str::to_owned).or_else(|| {
            let rest = at.strip_prefix("#/components/schemas/")?;
            Some(super::node::unescape_pointer(rest.split('/').next()?))
        });
        at.contains("/responses/")
            || owner.is_some_and(|c| self.doc.index.in_responses.contains(&c))
    }

    /// An object (its `allOf` members merged) as a typing schema: a `$defs`
    /// entry, or a body's `schema`.
    pub(crate) fn object(
        &mut self,
        schema: &'d Schema,
        at: &str,
        component: Option<&str>,
        multipart: bool,
    ) -> Node {
        let facts = Facts::of(schema);
        let flat = flatten::flatten(self.api, schema, at, component);
        for (pointer, message) in &flat.problems {
            self.warn("all-of-member", pointer, message.clone(), "");
        }
        let mut node = Node::map();
        if let Some(text) = facts.description.or(flat.description) {
            node.set("description", Node::str(text.trim_end()));
        }
        if facts.deprecated {
            node.set("deprecated", Node::Bool(true));
        }
        node.set("type", Node::str("object"));
        let mut required = Vec::new();
        for name in &flat.required {
            if flat.props.iter().any(|p| p.name == name) {
                required.push(name.clone());
            } else {
                self.warn(
                    "required-not-a-property",
                    at,
                    format!("`{name}` is required but not a property; left out of `required`"),
                    "",
                );
            }
        }
        if !required.is_empty() {
            node.set("required", Node::strs(required));
        }
        let mut properties = Node::map();
        for prop in &flat.props {
            let site = Site {
                name: Some(prop.name),
                component: prop.component.as_deref(),
                multipart,
                items: false,
            };
            let value = self.use_site(prop.src, &prop.at, &site);
            properties.set(prop.name, value);
        }
        node.set("properties", properties);
        node
    }
}
