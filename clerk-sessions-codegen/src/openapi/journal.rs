//! A component's definition, made once per document and replayed in every
//! capability that uses it.
//!
//! Converting a schema has effects on the capability being derived: it asks
//! for components, defines inline types, uses ID types, reports findings and
//! counts. While a component is defined, those effects are recorded as
//! [`Event`]s instead (inline types always defined in full, once per
//! definition) and then applied; applying the same events in another
//! capability has exactly the effects converting again would have: an inline
//! type that capability already has is skipped with everything it would have
//! done, as converting would skip it.

use std::sync::Arc;

use super::derive::Deriver;
use super::findings::Finding;
use super::node::Node;

/// One effect of converting a schema.
#[derive(Clone, Debug)]
pub(crate) enum Event {
    /// An inline type: its key, its definition, and what defining it did.
    Define {
        key: String,
        node: Node,
        inner: Vec<Event>,
    },
    /// A component asked for.
    Request(String),
    /// An ID type used.
    Id(String),
    /// A problem found.
    Finding(Finding),
    /// Something counted.
    Stat(Stat),
}

/// What a schema conversion counts.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Stat {
    FreeForm,
    Tagged,
    Untagged,
}

/// Events being recorded (one frame per definition being made).
#[derive(Debug, Default)]
pub(crate) struct Frame {
    events: Vec<Event>,
}

/// A component's definition and what making it did.
#[derive(Debug)]
pub(crate) struct Fragment {
    node: Node,
    events: Vec<Event>,
}

/// Definitions of components, by name, shared by the capabilities of one document.
pub(crate) type Fragments = std::sync::Mutex<std::collections::HashMap<String, Arc<Fragment>>>;

impl<'d> Deriver<'d> {
    /// Records `event` while a definition is recorded, else applies it.
    pub(crate) fn emit(&mut self, event: Event) {
        match self.recording.last_mut() {
            Some(frame) => frame.events.push(event),
            None => self.apply(&event),
        }
    }

    fn apply(&mut self, event: &Event) {
        match event {
            Event::Define { key, node, inner } => {
                if self.reserve(key) {
                    for event in inner {
                        self.apply(event);
                    }
                    self.fill(key, node.clone());
                }
            }
            Event::Request(name) => self.apply_request(name),
            Event::Id(key) => self.apply_id(key),
            Event::Finding(finding) => self.findings.push(finding.clone()),
            Event::Stat(stat) => self.apply_stat(*stat),
        }
    }

    /// Defines an inline type through `define`: recorded in full when a
    /// component is being recorded (once per recording), else made now
    /// unless the capability has it already.
    pub(crate) fn inline(&mut self, key: &str, define: impl FnOnce(&mut Self) -> Node) {
        if self.recording.is_empty() {
            if self.reserve(key) {
                let node = define(self);
                self.fill(key, node);
            }
            return;
        }
        if !self.recorded.insert(key.to_owned()) {
            return;
        }
        self.recording.push(Frame::default());
        let node = define(self);
        let inner = self.recording.pop().map(|f| f.events).unwrap_or_default();
        self.emit(Event::Define {
            key: key.to_owned(),
            node,
            inner,
        });
    }

    /// Defines a component: from the document's shared definitions when it
    /// was made before, else made (recorded) now.
    pub(crate) fn component(&mut self, name: &str, make: impl FnOnce(&mut Self) -> Node) {
        let cached = match (self.shared, self.doc.fragments.lock()) {
            (true, Ok(fragments)) => fragments.get(name).cloned(),
            _ => None,
        };
        let fragment = cached.unwrap_or_else(|| {
            self.recorded.clear();
            self.recording.push(Frame::default());
            let node = make(self);
            let events = self.recording.pop().map(|f| f.events).unwrap_or_default();
            let fragment = Arc::new(Fragment { node, events });
            if self.shared
                && let Ok(mut fragments) = self.doc.fragments.lock()
            {
                fragments.insert(name.to_owned(), Arc::clone(&fragment));
            }
            fragment
        });
        for event in &fragment.events {
            self.apply(event);
        }
        self.fill(name, fragment.node.clone());
    }
}
