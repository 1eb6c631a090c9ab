//! OpenAPI schema → typing-file schema where a schema is used (a property,
//! a parameter, items, a response); `define` makes the `$defs` entries.
//!
//! The typing file is written with the keywords the generator already reads
//! wherever they exist: nullability as `type: [T, 'null']` or
//! `anyOf: [{$ref}, {type: 'null'}]`, an enum of one value as `const`.

use serde_json::Value;

use super::derive::Deriver;
use super::facts::{Facts, Kind, Src, classify};
use super::journal::Stat;
use super::node::Node;
use super::resolve;

/// What a use of a schema is: the property or parameter name (for the ID
/// and credential rules), the component owning the property (for the `id`
/// rule), and whether it is a multipart body's field.
#[derive(Clone, Copy, Default)]
pub(crate) struct Site<'a> {
    pub(crate) name: Option<&'a str>,
    pub(crate) component: Option<&'a str>,
    pub(crate) multipart: bool,
    /// The items of an array named `name` (IDs apply, `x-secret` goes on the array).
    pub(crate) items: bool,
}

/// Names of string properties and parameters that hold credentials: their
/// values are `x-secret` (never shown by `Debug`). Session and other tokens,
/// `Set-Cookie` values, secrets, keys and passwords; `x-sensitive: true` in
/// the document marks more.
pub const SECRET_NAMES: &[&str] = &[
    "jwt",
    "token",
    "expired_token",
    "refresh_token",
    "access_token",
    "id_token",
    "proof_token",
    "cookies",
    "secret",
    "secret_key",
    "client_secret",
    "oidc_client_secret",
    "external_client_secret",
    "token_secret",
    "totp_secret",
    "signing_key",
    "api_key",
    "password",
    "current_password",
    "new_password",
    "password_digest",
];

impl<'d> Deriver<'d> {
    /// The typing schema of a use of `src` (at `at`).
    pub(crate) fn use_site(&mut self, src: Src<'d>, at: &str, site: &Site<'_>) -> Node {
        self.use_at_depth(src, at, site, 0)
    }

    fn use_at_depth(&mut self, src: Src<'d>, at: &str, site: &Site<'_>, depth: usize) -> Node {
        if depth > resolve::MAX_DEPTH {
            self.warn("ref-cycle", at, "the schema's `$ref`s and single-member compositions go round in a cycle; typed as any JSON".into(), "break the cycle in the document");
            return Node::map();
        }
        let Some((schema, at, component)) = resolve::src(self.api, src, at) else {
            let reference = match src {
                Src::Ref(r) => r,
                Src::Item(_) => "",
            };
            self.warn(
                "unresolved-ref",
                at,
                format!("`$ref: {reference}` names no schema of this document; typed as any JSON"),
                "point the `$ref` at `#/components/schemas/...`",
            );
            return Node::map();
        };
        let facts = Facts::of(schema);
        let kind = classify(&facts);
        if kind.is_named() {
            let key = match &component {
                Some(name) => self.request_component(name),
                None => self.define_inline(schema, &at),
            };
            let node = reference(&key, facts.nullable);
            // A component's own description documents the type, not this use.
            return match (component, facts.description) {
                (None, Some(text)) => described(node, text),
                _ => node,
            };
        }
        if let Kind::Alias(inner, segment) = kind {
            let mut node = self.use_at_depth(inner, &format!("{at}/{segment}"), site, depth + 1);
            if facts.nullable {
                node = nullable(node);
            }
            if let Some(text) = facts.description {
                node = described(node, text);
            }
            return node;
        }
        self.plain(&facts, kind, &at, site)
    }

    /// A schema that is not a type of its own: a string, number, array, map...
    fn plain(&mut self, facts: &Facts<'d>, kind: Kind<'d>, at: &str, site: &Site<'_>) -> Node {
        let mut node = Node::map();
        if let Some(text) = facts.description {
            node.set("description", Node::str(text.trim_end()));
        }
        if facts.deprecated {
            node.set("deprecated", Node::Bool(true));
        }
        let ty = match kind {
            Kind::Const(value) => {
                node.set("const", from_json(&value));
                match value {
                    Value::Bool(_) => "boolean",
                    Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
                    Value::Number(_) => "number",
                    _ => "string",
                }
            }
            Kind::Array(items) => {
                self.array(&mut node, facts, items, at, site);
                "array"
            }
            Kind::Map(inner) => {
                let value = self.use_site(
                    inner,
                    &format!("{at}/additionalProperties"),
                    &Site::default(),
                );
                node.set("additionalProperties", value);
                "object"
            }
            Kind::FreeForm if facts.ty == Some("object") => {
                self.count(Stat::FreeForm);
                "object"
            }
            Kind::FreeForm => {
                self.count(Stat::FreeForm);
                return node;
            }
            Kind::String => return self.string(facts, node, at, site),
            Kind::Integer | Kind::Number => number(&mut node, facts, matches!(kind, Kind::Integer)),
            Kind::Boolean => "boolean",
            Kind::Unknown(other) => {
                self.warn(
                    "unmapped-type",
                    at,
                    format!("`type: {other}` has no typing-file counterpart; typed as any JSON"),
                    "use string, integer, number, boolean, array or object",
                );
                return node;
            }
            // Named kinds and aliases are handled by `use_site`.
            _ => return node,
        };
        finish(node, ty, facts)
    }

    /// `items` (and `x-secret` for credentials) of an array.
    fn array(
        &mut self,
        node: &mut Node,
        facts: &Facts<'d>,
        items: Option<Src<'d>>,
        at: &str,
        site: &Site<'_>,
    ) {
        let item_site = Site {
            component: None,
            items: true,
            ..*site
        };
        let items = match items {
            Some(items) => self.use_site(items, &format!("{at}/items"), &item_site),
            None => Node::map(),
        };
        if self.secret(facts, site) && is_string(&items) {
            node.set("x-secret", Node::Bool(true));
        }
        node.set("items", items);
    }

    fn string(&mut self, facts: &Facts<'d>, mut node: Node, at: &str, site: &Site<'_>) -> Node {
        if let Some(key) = self.id_for(site) {
            self.use_id(&key);
            let node = reference(&key, facts.nullable);
            return match facts.description {
                Some(text) => described(node, text),
                None => node,
            };
        }
        if let Some(format) = facts.format {
            if format == "binary" && !site.multipart {
                self.warn(
                    "binary-outside-multipart",
                    at,
                    "`format: binary` outside a multipart body; typed as a string".into(),
                    "",
                );
            }
            node.set("format", Node::str(format));
        }
        if self.secret(facts, site) {
            node.set("x-secret", Node::Bool(true));
        }
        finish(node, "string", facts)
    }

    /// Whether a string (or array of strings) holds a credential.
    fn secret(&self, facts: &Facts<'_>, site: &Site<'_>) -> bool {
        facts.sensitive() || (!site.items && site.name.is_some_and(|n| SECRET_NAMES.contains(&n)))
    }

    /// The ID type of a string property or parameter, if it has one: its
    /// name is an ID's (`user_id`), or it is the `id` of a component `X`
    /// whose ID type `XId` exists.
    fn id_for(&self, site: &Site<'_>) -> Option<String> {
        let name = site.name?;
        if let Some(key) = self.ids.get(name) {
            return Some(key.clone());
        }
        if name != "id" {
            return None;
        }
        let last = site.component?.rsplit('.').next()?;
        let last = last
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .trim_end_matches('-');
        let key = format!("{}Id", crate::names::pascal_case(last));
        self.ids.values().any(|k| *k == key).then_some(key)
    }
}

/// `$ref` to a `$defs` entry, nullable as `anyOf: [ref, null]`.
pub(crate) fn reference(key: &str, nullable: bool) -> Node {
    let node = Node::map().with("$ref", Node::str(format!("#/$defs/{key}")));
    if nullable { self::nullable(node) } else { node }
}

/// The schema, also accepting `null`.
pub(crate) fn nullable(node: Node) -> Node {
    if let Some(Node::Str(ty)) = node.get("type") {
        let ty = ty.clone();
        let mut node = node;
        node.set("type", Node::strs([ty, "null".to_owned()]));
        return node;
    }
    if node.get("$ref").is_none() {
        // Any JSON already accepts `null`; a union already says it.
        return node;
    }
    let mut out = Node::map();
    let mut inner = node;
    if let Some(text) = inner.remove("description") {
        out.set("description", text);
    }
    out.set(
        "anyOf",
        Node::Seq(vec![inner, Node::map().with("type", Node::str("null"))]),
    );
    out
}

/// The schema with `description` first (replacing any).
pub(crate) fn described(node: Node, text: &str) -> Node {
    let mut entries = vec![("description".to_owned(), Node::str(text.trim_end()))];
    if let Node::Map(old) = node {
        entries.extend(old.into_iter().filter(|(k, _)| k != "description"));
    }
    Node::Map(entries)
}

/// `type` (after `description`, `deprecated`), `default`, and `null` if nullable.
fn finish(node: Node, ty: &str, facts: &Facts<'_>) -> Node {
    let Node::Map(entries) = node else {
        return node;
    };
    let (head, tail): (Vec<_>, Vec<_>) = entries
        .into_iter()
        .partition(|(k, _)| k == "description" || k == "deprecated");
    let ty = if facts.nullable {
        Node::strs([ty, "null"])
    } else {
        Node::str(ty)
    };
    let mut out = Node::Map(head).with("type", ty);
    for (k, v) in tail {
        out.set(&k, v);
    }
    if let Some(default) = facts.default {
        out.set("default", from_json(default));
    }
    out
}

/// `format` and bounds of a number; its `type`.
fn number(node: &mut Node, facts: &Facts<'_>, integer: bool) -> &'static str {
    if let Some(format) = facts.format {
        node.set("format", Node::str(format));
    }
    bounds(node, facts, integer);
    if integer { "integer" } else { "number" }
}

/// `minimum`/`maximum`; exclusive integer bounds become inclusive ones.
fn bounds(node: &mut Node, facts: &Facts<'_>, integer: bool) {
    let number = |v: f64| {
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            Node::Int(v as i64)
        } else {
            Node::Float(v)
        }
    };
    if let Some(min) = facts.minimum {
        let min = if integer && facts.exclusive_minimum {
            min + 1.0
        } else {
            min
        };
        node.set("minimum", number(min));
    }
    if let Some(max) = facts.maximum {
        let max = if integer && facts.exclusive_maximum {
            max - 1.0
        } else {
            max
        };
        node.set("maximum", number(max));
    }
}

fn is_string(node: &Node) -> bool {
    matches!(node.get("type"), Some(Node::Str(t)) if t == "string")
}

/// A JSON value as a node.
pub(crate) fn from_json(value: &Value) -> Node {
    match value {
        Value::Null => Node::Null,
        Value::Bool(b) => Node::Bool(*b),
        Value::Number(n) => n
            .as_i64()
            .map_or_else(|| Node::Float(n.as_f64().unwrap_or(0.0)), Node::Int),
        Value::String(s) => Node::str(s),
        Value::Array(items) => Node::Seq(items.iter().map(from_json).collect()),
        Value::Object(map) => {
            Node::Map(map.iter().map(|(k, v)| (k.clone(), from_json(v))).collect())
        }
    }
}
