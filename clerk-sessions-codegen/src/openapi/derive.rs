//! One capability adapter + its family's document → one typing document.
//!
//! The [`Deriver`] walks the capability's operations in spec order; schemas
//! they use become `$defs` entries (components by their component name,
//! inline types by the document's [`namer`](super::namer)), components queued
//! and defined after the operations, so a `$ref` cycle never recurses. A
//! component's definition is the same in every capability of its document
//! (unless an overlay declares ID types), so it is made once per document and
//! replayed ([`journal`](super::journal)).

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

use openapiv3::OpenAPI;

use super::capability::Adapter;
use super::findings::{Finding, Place};
use super::journal::{Event, Stat};
use super::load::Document;
use super::node::Node;
use super::resolve;
use super::stats::Stats;
use crate::diagnostics::Severity;

/// The state of one derivation.
pub(crate) struct Deriver<'d> {
    pub(crate) doc: &'d Document,
    pub(crate) api: &'d OpenAPI,
    /// Parameter/property name → ID type (`user_id` → `UserId`).
    pub(crate) ids: BTreeMap<String, String>,
    /// `$defs` in order; a slot is reserved when a type is first asked for.
    defs: Vec<(String, Node)>,
    /// Key → index in `defs`.
    requested: HashMap<String, usize>,
    queue: VecDeque<String>,
    /// ID types used, in order of first use (they come first in `$defs`).
    id_uses: Vec<String>,
    pub(crate) findings: Vec<Finding>,
    /// The capability operation being derived, for findings.
    pub(crate) op: Option<String>,
    pub(crate) stats: Stats,
    /// While a component's definition is being recorded: what it does.
    pub(crate) recording: Vec<super::journal::Frame>,
    /// The inline types recorded in the current recording.
    pub(crate) recorded: HashSet<String>,
    /// Whether component definitions may be shared with other capabilities.
    pub(crate) shared: bool,
    /// Each derived operation's typing path and the document's operation it
    /// comes from (`operations.GetUser`, `#/paths/~1users~1{user_id}/get`).
    pub(crate) sources: Vec<(String, String)>,
}

/// What [`derive`] makes.
pub(crate) struct Output {
    pub(crate) doc: Node,
    pub(crate) findings: Vec<Finding>,
    pub(crate) stats: Stats,
    /// Typing path → the document's JSON pointer, for every operation and
    /// `$defs` entry (see [`super::Derived::source`]).
    pub(crate) sources: Vec<(String, String)>,
}

/// Derives the typing document of `adapter` from `doc`. `extra_ids` are ID
/// types an overlay declares (`template_name` → `TemplateName`).
pub(crate) fn derive(doc: &Document, adapter: &Adapter, extra_ids: &[(String, String)]) -> Output {
    let mut ids = doc.index.ids.clone();
    for (wire, key) in extra_ids {
        ids.insert(wire.clone(), key.clone());
    }
    let mut d = Deriver {
        doc,
        api: &doc.api,
        ids,
        defs: Vec::new(),
        requested: HashMap::new(),
        queue: VecDeque::new(),
        id_uses: Vec::new(),
        findings: Vec::new(),
        op: None,
        stats: Stats::default(),
        recording: Vec::new(),
        recorded: HashSet::new(),
        shared: extra_ids.is_empty(),
        sources: Vec::new(),
    };
    let auth = d.auth(adapter);
    let mut operations = Node::map();
    for op in &adapter.operations {
        d.op = Some(op.name.clone());
        d.stats.operations += 1;
        if let Some(node) = d.operation(op) {
            operations.set(&op.name, node);
        }
    }
    d.op = None;
    while let Some(name) = d.queue.pop_front() {
        d.define_component(&name);
    }
    let mut sources = std::mem::take(&mut d.sources);
    for (key, _) in &d.defs {
        if let Some(pointer) = d.def_pointer(key) {
            sources.push((format!("$defs.{key}"), pointer));
        }
    }
    let mut defs = Node::map();
    for key in std::mem::take(&mut d.id_uses) {
        defs.set(&key, id_def(&key, &d.ids));
    }
    for (key, node) in std::mem::take(&mut d.defs) {
        defs.set(&key, node);
    }
    let typing = Node::map()
        .with("typing", Node::Int(1))
        .with("namespace", Node::str(&adapter.namespace))
        .with("derived-from", Node::str(&doc.name))
        .with("auth", auth)
        .with("$defs", defs)
        .with("operations", operations);
    Output {
        doc: typing,
        findings: d.findings,
        stats: d.stats,
        sources,
    }
}

/// An ID newtype's `$defs` entry.
fn id_def(key: &str, ids: &BTreeMap<String, String>) -> Node {
    let wire = ids
        .iter()
        .find(|(_, k)| k.as_str() == key)
        .map_or(key, |(w, _)| w.as_str());
    Node::map()
        .with(
            "description",
            Node::str(format!("The ID in `{wire}`: an opaque, non-empty string.")),
        )
        .with("type", Node::str("string"))
        .with("minLength", Node::Int(1))
}

impl<'d> Deriver<'d> {
    /// Records a problem in the document at `pointer`.
    pub(crate) fn warn(&mut self, kind: &'static str, pointer: &str, message: String, help: &str) {
        self.report(
            Severity::Warning,
            Place::Document,
            kind,
            pointer,
            message,
            help,
        );
    }

    pub(crate) fn report(
        &mut self,
        severity: Severity,
        place: Place,
        kind: &'static str,
        pointer: &str,
        message: String,
        help: &str,
    ) {
        let finding = Finding {
            severity,
            kind,
            place,
            operation: self.op.clone(),
            pointer: pointer.to_owned(),
            message,
            help: help.to_owned(),
        };
        self.emit(Event::Finding(finding));
    }

    /// The `$defs` key of a component, queued for definition on first use.
    pub(crate) fn request_component(&mut self, name: &str) -> String {
        self.emit(Event::Request(name.to_owned()));
        name.to_owned()
    }

    /// Reserves the `$defs` slot of a type; `false` when it already has one.
    pub(crate) fn reserve(&mut self, key: &str) -> bool {
        if self.requested.contains_key(key) {
            return false;
        }
        self.requested.insert(key.to_owned(), self.defs.len());
        self.defs.push((key.to_owned(), Node::Null));
        true
    }

    /// Fills a reserved `$defs` slot.
    pub(crate) fn fill(&mut self, key: &str, node: Node) {
        if let Some(slot) = self.requested.get(key).and_then(|&i| self.defs.get_mut(i)) {
            slot.1 = node;
        }
    }

    /// Records the use of an ID type.
    pub(crate) fn use_id(&mut self, key: &str) {
        self.emit(Event::Id(key.to_owned()));
    }

    /// Counts a statistic of a schema.
    pub(crate) fn count(&mut self, stat: Stat) {
        self.emit(Event::Stat(stat));
    }

    /// What the applied events change (see [`journal`](super::journal)).
    pub(crate) fn apply_request(&mut self, name: &str) {
        if self.reserve(name) {
            self.queue.push_back(name.to_owned());
        }
    }

    pub(crate) fn apply_id(&mut self, key: &str) {
        if !self.id_uses.iter().any(|k| k == key) {
            self.id_uses.push(key.to_owned());
        }
    }

    pub(crate) fn apply_stat(&mut self, stat: Stat) {
        match stat {
            Stat::FreeForm => self.stats.free_form += 1,
            Stat::Tagged => self.stats.tagged_unions += 1,
            Stat::Untagged => self.stats.untagged_unions += 1,
        }
    }

    /// Where a `$defs` entry comes from: its component, or the inline schema
    /// the namer named `key`.
    fn def_pointer(&self, key: &str) -> Option<String> {
        if resolve::schema(self.api, key).is_some() {
            return Some(resolve::component_pointer("schemas", key));
        }
        let mut inline = self.doc.index.names.iter().filter(|(_, name)| *name == key);
        inline.next().map(|(pointer, _)| pointer.clone())
    }

    /// The key for an inline type at `at`: the namer's, or (never expected)
    /// one made from the pointer, with a warning.
    pub(crate) fn inline_key(&mut self, at: &str) -> String {
        if let Some(name) = self.doc.index.names.get(at) {
            return name.clone();
        }
        let fallback = crate::names::pascal_case(
            at.rsplit('/')
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
                .as_str(),
        );
        self.warn(
            "unnamed-inline-type",
            at,
            format!("no name was chosen for this inline type; using `{fallback}`"),
            "this is a bug of the deriver; please report it with the document",
        );
        fallback
    }
}
