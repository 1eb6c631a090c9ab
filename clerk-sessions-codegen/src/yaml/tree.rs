//! `granit-parser`'s events → a tree of positioned nodes, aliases repeated
//! in place, every limit of [`crate::limits`] checked as the tree grows.

use std::collections::HashMap;

use granit_parser::{ErrorKind, Event, Parser, ScalarStyle, Span};

use super::{Error, Location};
use crate::limits::{
    MAX_ALIAS_REPLAYED_EVENTS, MAX_ALIASES, MAX_YAML_DEPTH, MAX_YAML_NODES, MAX_YAML_SCALAR_BYTES,
};

/// One node of the file.
#[derive(Clone, Debug)]
pub(crate) struct Tree {
    /// Where it is used: an alias's position for what the alias repeats.
    pub(crate) referenced: Location,
    /// What it is.
    pub(crate) kind: Kind,
}

/// What a node is.
#[derive(Clone, Debug)]
pub(crate) enum Kind {
    /// A scalar's text; `plain` when unquoted (and so resolved by the core
    /// schema: `10` is an integer, `'10'` a string).
    Scalar { text: String, plain: bool },
    /// A list.
    Seq(Vec<Tree>),
    /// A mapping, in file order.
    Map(Vec<(Tree, Tree)>),
}

/// A collection being read, with its anchor.
struct Open {
    at: Location,
    anchor: usize,
    kind: Kind,
    /// The key read, waiting for its value (mappings only).
    key: Option<Tree>,
}

/// The tree builder and its counts.
#[derive(Default)]
struct Builder {
    stack: Vec<Open>,
    anchors: HashMap<usize, Tree>,
    root: Option<Tree>,
    documents: usize,
    nodes: usize,
    scalar_bytes: usize,
    aliases: usize,
    replayed: usize,
}

/// Reads the text's one document (an empty file reads as a null scalar).
pub(crate) fn build(text: &str) -> Result<Tree, Error> {
    let mut options = granit_parser::Options::default();
    options.set_emit_comments(false);
    // The builder counts nesting itself, with a clearer message; the
    // parser's own bounds stay just above it.
    options.flow_nesting_limit = MAX_YAML_DEPTH + 2;
    options.block_nesting_limit = MAX_YAML_DEPTH + 2;
    let mut builder = Builder::default();
    for event in Parser::new_from_str_with_options(text, options) {
        let (event, span) = event.map_err(|err| {
            let at = Location::of(err.marker());
            match err.kind() {
                ErrorKind::RecursionLimitExceeded => Error::limit(at, too_deep()),
                kind => Error::syntax(at, kind.to_string()),
            }
        })?;
        builder.event(event, &span)?;
    }
    Ok(builder.root.unwrap_or(Tree {
        referenced: START,
        kind: Kind::Scalar {
            text: String::new(),
            plain: true,
        },
    }))
}

fn too_deep() -> String {
    format!("it nests more than {MAX_YAML_DEPTH} mappings and lists")
}

/// The start of a file.
const START: Location = Location {
    line: 1,
    column: 1,
    byte: Some(0),
};

impl Builder {
    fn event(&mut self, event: Event<'_>, span: &Span) -> Result<(), Error> {
        let at = Location::of(&span.start);
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(Error::syntax(
                        at,
                        "the file holds more than one YAML document (`---`)".to_owned(),
                    ));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                // `!!str 10` is the string "10"; other tags change nothing.
                let forced = tag.is_some_and(|t| t.is_yaml_core_schema_tag("str"));
                let plain = style == ScalarStyle::Plain && !forced;
                // An omitted value (`key:`) is a plain `~` with an empty span.
                let text = if plain && text == "~" && span.is_empty() {
                    String::new()
                } else {
                    text.into_owned()
                };
                self.count(at, 1, text.len())?;
                let kind = Kind::Scalar { text, plain };
                self.push(anchor, Tree::at(at, kind))?;
            }
            Event::SequenceStart(_, anchor, _) => self.open(at, anchor, Kind::Seq(Vec::new()))?,
            Event::MappingStart(_, anchor, _) => self.open(at, anchor, Kind::Map(Vec::new()))?,
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(open) = self.stack.pop() {
                    self.push(open.anchor, Tree::at(open.at, open.kind))?;
                }
            }
            Event::Alias(anchor) => self.alias(at, anchor)?,
            _ => {}
        }
        Ok(())
    }

    fn open(&mut self, at: Location, anchor: usize, kind: Kind) -> Result<(), Error> {
        self.count(at, 1, 0)?;
        if self.stack.len() >= MAX_YAML_DEPTH {
            return Err(Error::limit(at, too_deep()));
        }
        self.stack.push(Open {
            at,
            anchor,
            kind,
            key: None,
        });
        Ok(())
    }

    /// Repeats what an anchor names, counted against the limits.
    fn alias(&mut self, at: Location, anchor: usize) -> Result<(), Error> {
        self.aliases += 1;
        if self.aliases > MAX_ALIASES {
            return Err(Error::limit(
                at,
                format!("it has more than {MAX_ALIASES} aliases or anchors"),
            ));
        }
        let Some(node) = self.anchors.get(&anchor) else {
            return Err(Error::syntax(at, "an alias names no anchor".to_owned()));
        };
        let (nodes, bytes) = node.size();
        self.replayed = self.replayed.saturating_add(nodes);
        if self.replayed > MAX_ALIAS_REPLAYED_EVENTS {
            return Err(Error::limit(
                at,
                format!("its aliases repeat more than {MAX_ALIAS_REPLAYED_EVENTS} nodes"),
            ));
        }
        let mut copy = node.clone();
        copy.referenced = at;
        self.count(at, nodes, bytes)?;
        self.push(0, copy)
    }

    /// Counts nodes and scalar bytes against the limits.
    fn count(&mut self, at: Location, nodes: usize, bytes: usize) -> Result<(), Error> {
        self.nodes = self.nodes.saturating_add(nodes);
        self.scalar_bytes = self.scalar_bytes.saturating_add(bytes);
        if self.nodes > MAX_YAML_NODES {
            return Err(Error::limit(
                at,
                format!(
                    "it has more than {MAX_YAML_NODES} YAML nodes (counting what aliases repeat)"
                ),
            ));
        }
        if self.scalar_bytes > MAX_YAML_SCALAR_BYTES {
            return Err(Error::limit(
                at,
                format!(
                    "it holds more than {} MiB of text (counting what aliases repeat)",
                    MAX_YAML_SCALAR_BYTES / (1024 * 1024)
                ),
            ));
        }
        Ok(())
    }

    /// Puts a finished node where it belongs: under its anchor, then in
    /// the open collection (as a key or a value) or as the root.
    fn push(&mut self, anchor: usize, node: Tree) -> Result<(), Error> {
        if anchor != 0 {
            if self.anchors.len() >= MAX_ALIASES && !self.anchors.contains_key(&anchor) {
                return Err(Error::limit(
                    node.referenced,
                    format!("it has more than {MAX_ALIASES} aliases or anchors"),
                ));
            }
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Open {
                kind: Kind::Seq(items),
                ..
            }) => items.push(node),
            Some(Open {
                kind: Kind::Map(entries),
                key,
                ..
            }) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
            Some(Open { .. }) => {}
        }
        Ok(())
    }
}

impl Tree {
    fn at(at: Location, kind: Kind) -> Tree {
        Tree {
            referenced: at,
            kind,
        }
    }

    /// How many nodes and scalar bytes the node holds.
    fn size(&self) -> (usize, usize) {
        match &self.kind {
            Kind::Scalar { text, .. } => (1, text.len()),
            Kind::Seq(items) => items.iter().fold((1, 0), |(n, b), item| {
                let (n2, b2) = item.size();
                (n.saturating_add(n2), b.saturating_add(b2))
            }),
            Kind::Map(entries) => entries.iter().fold((1, 0), |(n, b), (k, v)| {
                let (nk, bk) = k.size();
                let (nv, bv) = v.size();
                (
                    n.saturating_add(nk).saturating_add(nv),
                    b.saturating_add(bk).saturating_add(bv),
                )
            }),
        }
    }
}
