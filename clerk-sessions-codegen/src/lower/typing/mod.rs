//! What the typing file adds to an adapter: its named types, and for each
//! operation the types of its inputs, its body, its response, its "at least
//! one of" group and its paging. Problems are reported in the typing file.
//!
//! `defs` lowers the named types (and `cycles` boxes the fields by which one
//! contains itself), `schema` turns a schema into a type, `operation`
//! finishes an operation with `params` (its parameters), `one_of` (its
//! "at least one of" group) and `paginate` (`x-paginate`).

mod cycles;
mod defs;
mod one_of;
mod operation;
mod paginate;
mod params;
mod schema;

use std::collections::{BTreeMap, BTreeSet};

use super::operation::SpecOp;
use super::reader::{Ctx, pos};
use crate::model::{Auth, Operation, TypeDef};
use crate::names::{RustIdent, own};
use crate::spec::Spanned;
use crate::spec::typing::{OperationTyping, TypingDoc};

/// The typing file and the sink of its problems.
pub(crate) struct Typing<'d, 's, 'a> {
    doc: &'d TypingDoc,
    cx: Ctx<'s, 'a>,
}

impl<'d, 's, 'a> Typing<'d, 's, 'a> {
    pub(crate) fn new(doc: &'d TypingDoc, cx: Ctx<'s, 'a>) -> Self {
        Typing { doc, cx }
    }

    /// Whether the file types the adapter with this namespace: its
    /// `namespace` must match, or be absent.
    pub(crate) fn applies_to(&self, namespace: &str) -> bool {
        self.doc
            .namespace
            .as_ref()
            .is_none_or(|ns| ns.value == namespace)
    }

    /// Reports a `namespace` that matches none of the spec's adapters.
    pub(crate) fn check_namespace(&mut self, namespaces: &[&str]) {
        let Some(ns) = &self.doc.namespace else {
            return;
        };
        if namespaces.contains(&ns.value.as_str()) {
            return;
        }
        self.cx.error(
            pos(&ns.referenced),
            "namespace",
            format!(
                "the typing file is for `{}`, which this spec does not have",
                ns.value
            ),
            &format!("the spec's adapters: {}", namespaces.join(", ")),
        );
    }

    /// The authentication the file's `auth` states, if it states one.
    pub(crate) fn auth(&mut self) -> Option<Auth> {
        let auth = self.doc.auth.as_ref()?;
        let env = auth.value.env.clone();
        match (auth.value.scheme.as_str(), env) {
            ("secret-key", Some(env)) => Some(Auth::Bearer { env }),
            ("frontend", Some(env)) => Some(Auth::Frontend { env }),
            ("none", _) => Some(Auth::None),
            (scheme, _) => {
                self.cx.error(
                    pos(&auth.referenced),
                    "auth",
                    format!("`auth.scheme: {scheme}` needs to be secret-key or frontend with an `env`, or none"),
                    "name the environment variable that holds the key in `env`",
                );
                None
            }
        }
    }

    /// The operations of one adapter (`ops`, in spec order; `names` are the
    /// names of all its operations, including those with errors), finished
    /// with their typing, and the adapter's named types.
    pub(crate) fn lower_module(
        &mut self,
        ops: Vec<SpecOp>,
        names: &[String],
    ) -> (Vec<Operation>, Vec<TypeDef>) {
        let cx = &mut self.cx;
        let mut types = own::type_scope();
        for op in &ops {
            // Already unique: claimed in the module's type scope by `operation`.
            let _ = types.claim_exact(op.builder_ident.clone(), &op.name);
        }
        let defs = defs::collect(cx, self.doc.defs.as_ref(), &mut types);
        let mut typedefs: Vec<TypeDef> = self
            .doc
            .defs
            .iter()
            .flat_map(|d| &d.0)
            .filter_map(|(name, schema)| defs::lower(cx, &defs, name, schema))
            .collect();
        cycles::box_recursive_fields(&mut typedefs);
        let by_ident: BTreeMap<RustIdent, &TypeDef> =
            typedefs.iter().map(|t| (t.ident.clone(), t)).collect();
        let by_name = self.operations_by_name(names);
        let operations = ops
            .into_iter()
            .map(|op| match by_name.get(op.name.as_str()) {
                Some(typing) => {
                    let mut module = operation::Module {
                        defs: &defs,
                        types: &by_ident,
                        scope: &mut types,
                    };
                    operation::lower(&mut self.cx, &mut module, op, typing)
                }
                None => op.untyped(),
            })
            .collect();
        (operations, typedefs)
    }

    /// The file's `operations`, by name; an entry that names no operation of
    /// the adapter is reported.
    fn operations_by_name(
        &mut self,
        names: &[String],
    ) -> BTreeMap<&'d str, &'d Spanned<OperationTyping>> {
        let known: BTreeSet<&str> = names.iter().map(String::as_str).collect();
        let mut out = BTreeMap::new();
        for (name, typing) in self.doc.operations.iter().flat_map(|o| &o.0) {
            if known.contains(name.as_str()) {
                out.entry(name.as_str()).or_insert(typing);
                continue;
            }
            self.cx.error(
                pos(&typing.referenced),
                &format!("operations.{name}"),
                format!("the spec has no operation `{name}`"),
                &format!("operations are named as in the spec: {}", names.join(", ")),
            );
        }
        out
    }
}
