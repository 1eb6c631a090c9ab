//! Spec → model. Every problem goes into one diagnostics sink; lowering goes on
//! after a problem so that the user sees all of them at once.
//!
//! This file reads the document's root (version, binds, the list of adapters);
//! `adapter` reads one adapter with its resources and operations, `params` the
//! input parameters, and `reader` holds the typed readers over the lenient spec.

mod adapter;
mod params;
mod reader;

use crate::diagnostics::{Diagnostics, Pos, Sink};
use crate::model::{Api, Auth};
use crate::names::{self, Scope};
use crate::spec::{self, Shaped};

pub(crate) use params::RESERVED_PARAMS;
pub(crate) use reader::{Ctx, pos};

/// Names the emitters use inside a module; no type of the spec may take them.
pub(crate) const RESERVED_TYPES: &[&str] = &[
    "Client",
    "ClientBuilder",
    "Error",
    "Result",
    "Option",
    "Some",
    "None",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Value",
    "BTreeMap",
];

/// Method names of the module's `Client` that operations never take: the
/// wrapper's own (`new`, `inner`), the runtime's (`builder`, `from_env`,
/// `base_url`) and the methods of the traits it implements.
pub(crate) const RESERVED_FNS: &[&str] = &[
    "new",
    "inner",
    "builder",
    "from_env",
    "base_url",
    "clone",
    "clone_from",
    "fmt",
];

/// Statics and constants the emitters define in every module.
pub(crate) const RESERVED_STATICS: &[&str] = &["BASE_URL", "SECRET_KEY_ENV"];

/// The scope of a module's type names: [`RESERVED_TYPES`] and the prelude's names.
pub(crate) fn type_scope() -> Scope {
    let mut reserved = RESERVED_TYPES.to_vec();
    reserved.extend_from_slice(names::PRELUDE_TYPE_NAMES);
    Scope::new(&reserved)
}

/// Runs lowering over `text` and returns the model and every diagnostic.
pub(crate) fn run(file: &str, text: &str) -> (Option<Api>, Diagnostics) {
    let mut sink = Sink::new(file, text);
    let start = Pos { line: 1, column: 1 };
    if text.trim().is_empty() {
        sink.error(
            start,
            "",
            "the file is empty".into(),
            "a capability file starts with `naftiko: 1.0.0-alpha2`",
        );
        return (None, sink.diagnostics);
    }
    let doc = match spec::parse(text) {
        Ok(doc) => doc,
        Err(err) => {
            let at = Pos {
                line: err.line,
                column: err.column,
            };
            let limit = err.message.contains("recursion limit") || err.message.contains("budget");
            let (message, help) = if limit {
                (
                    format!(
                        "the YAML is too deeply nested or too large: {}",
                        err.message
                    ),
                    "capability files are small and shallow; check for runaway nesting or aliases",
                )
            } else {
                (
                    format!("invalid YAML: {}", err.message),
                    "fix the YAML syntax; nothing else could be checked",
                )
            };
            sink.error(at, "", message, help);
            return (None, sink.diagnostics);
        }
    };
    let at = pos(&doc.referenced);
    let Shaped::Ok(root) = &doc.value else {
        let found = match &doc.value {
            Shaped::Wrong(found) => *found,
            Shaped::Ok(_) => "",
        };
        sink.error(
            at,
            "",
            format!("a capability file must be a YAML mapping, found {found}"),
            "a capability file starts with `naftiko: 1.0.0-alpha2`",
        );
        return (None, sink.diagnostics);
    };
    let api = lower(root, at, &mut sink);
    (Some(api), sink.diagnostics)
}

/// Lowers a parsed document.
fn lower(doc: &spec::Document, at: Pos, sink: &mut Sink<'_>) -> Api {
    let mut cx = Ctx::new(sink);
    check_version(&mut cx, doc, at);
    let capability = cx.node(doc.capability.as_ref(), "capability");
    let auth = lower_binds(&mut cx, doc, capability.map(|(_, c)| c));

    let mut adapters = cx.list(doc.consumes.as_ref(), "consumes");
    if let Some((_, c)) = capability {
        adapters.extend(cx.list(c.consumes.as_ref(), "capability.consumes"));
    }
    if adapters.is_empty() {
        workflow_warning(&mut cx, doc, capability.map_or(at, |(at, _)| at));
    }

    let mut modules = Vec::new();
    let mut module_scope = Scope::new(&[]);
    for entry in adapters {
        let Some(module) = adapter::lower(&mut cx, &entry, auth.clone()) else {
            continue;
        };
        if let Err(clash) = module_scope.claim_exact(module.ident.clone(), &module.namespace) {
            let at = entry
                .value
                .namespace
                .as_ref()
                .map_or(entry.at, |n| pos(&n.referenced));
            cx.error(
                at,
                &format!("{}.namespace", entry.path),
                format!("two adapters have the same module name: {clash}"),
                "give each adapter a distinct `namespace`",
            );
            continue;
        }
        modules.push(module);
    }
    Api { modules }
}

/// A capability without adapters: a workflow file, or a mistake.
fn workflow_warning(cx: &mut Ctx<'_, '_>, doc: &spec::Document, at: Pos) {
    let (message, help) = if doc.imports.is_some() {
        (
            "this is a workflow file (it has `imports` and no `consumes`): it declares no operations, so no client is generated",
            "generate the capability files it imports instead",
        )
    } else {
        (
            "this capability consumes no HTTP API: it declares no operations, so no client is generated",
            "only `consumes` adapters with `resources` and `operations` produce client code",
        )
    };
    cx.warning(at, "capability", message.into(), help);
}

fn check_version(cx: &mut Ctx<'_, '_>, doc: &spec::Document, at: Pos) {
    let Some(version) = &doc.naftiko else {
        cx.error(
            at,
            "naftiko",
            "missing the `naftiko` version marker".into(),
            "start the file with `naftiko: 1.0.0-alpha2`",
        );
        return;
    };
    let at = pos(&version.referenced);
    let text = match &version.value {
        spec::Scalar::Str(s) => s.clone(),
        spec::Scalar::Float(f) => f.to_string(),
        spec::Scalar::Int(i) => i.to_string(),
        other => {
            cx.error(
                at,
                "naftiko",
                format!(
                    "the version marker must be a string, found {}",
                    other.kind()
                ),
                "write `naftiko: 1.0.0-alpha2`",
            );
            return;
        }
    };
    if text == "1.0.0-alpha2" {
        return;
    }
    if text.starts_with("1.0.0-alpha") {
        cx.warning(
            at,
            "naftiko",
            format!("naftiko version `{text}` is read as 1.0.0-alpha2"),
            "the consume side has not changed between 1.0.0 alphas",
        );
    } else {
        cx.error(
            at,
            "naftiko",
            format!("unsupported naftiko version `{text}`"),
            "this generator reads `naftiko: 1.0.0-alpha2` (and other 1.0.0-alpha versions)",
        );
    }
}

/// Maps the bound key names to an authentication scheme (the format says
/// nothing about how a credential is sent; Clerk's convention decides).
fn lower_binds(
    cx: &mut Ctx<'_, '_>,
    doc: &spec::Document,
    capability: Option<&spec::Capability>,
) -> Auth {
    let mut binds = cx.list(doc.binds.as_ref(), "binds");
    if let Some(c) = capability {
        binds.extend(cx.list(c.binds.as_ref(), "capability.binds"));
    }
    let mut keys = Vec::new();
    for bind in &binds {
        if bind.value.location.is_some() {
            cx.warning(
                bind.at,
                &format!("{}.location", bind.path),
                "bind `location` is ignored: keys are read from the environment at run time".into(),
                "",
            );
        }
        let path = format!("{}.keys", bind.path);
        let Some((_, map)) = cx.node(bind.value.keys.as_ref(), &path) else {
            continue;
        };
        for (var, provider_key) in map {
            let env = match &provider_key.value {
                spec::Scalar::Str(s) if !s.is_empty() => s.clone(),
                _ => var.clone(),
            };
            let at = pos(&provider_key.referenced);
            keys.push((var.clone(), env, at, format!("{path}.{var}")));
        }
    }
    let bearer: Vec<_> = keys
        .iter()
        .filter(|(var, ..)| matches!(var.as_str(), "CLERK_SECRET_KEY" | "CLERK_PARTNER_KEY"))
        .collect();
    match bearer.as_slice() {
        [(_, env, ..)] => Auth::Bearer { env: env.clone() },
        [] => {
            for (var, _, at, path) in &keys {
                if var != "CLERK_PUBLISHABLE_KEY" {
                    cx.warning(
                        *at,
                        path,
                        format!("bound key `{var}` is not a credential this generator knows how to send"),
                        "requests are sent without an Authorization header; set one with a caller-supplied reqwest client",
                    );
                }
            }
            Auth::None
        }
        [(_, env, ..), (_, _, at, path), ..] => {
            cx.warning(
                *at,
                path,
                "several secret keys are bound; the first one is used".into(),
                "",
            );
            Auth::Bearer { env: env.clone() }
        }
    }
}
