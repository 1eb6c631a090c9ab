//! The document's root: the version marker, `binds` (how requests are
//! authenticated) and the list of adapters, read as the spec has them
//! ([`lower`]), then made modules with the typing file when it is for the
//! adapter ([`finish`]).

use super::adapter::{self, SpecAdapter};
use super::reader::{Ctx, Pos, pos};
use super::typing::Typing;
use crate::model::{Api, Auth};
use crate::names::Scope;
use crate::spec::{self, Scalar};

/// A document as the spec has it: its adapters, each read on its own.
#[derive(Clone, Debug)]
pub(crate) struct SpecApi {
    adapters: Vec<SpecAdapter>,
}

impl SpecApi {
    /// The adapters, in spec order.
    #[cfg(feature = "openapi")]
    pub(crate) fn adapters(&self) -> &[SpecAdapter] {
        &self.adapters
    }
}

/// Reads a parsed document, reporting every problem of the spec.
pub(crate) fn lower(doc: &spec::Document, at: Pos, cx: &mut Ctx<'_, '_>) -> SpecApi {
    check_version(cx, doc, at);
    let capability = cx.node(doc.capability.as_ref(), "capability");
    let auth = lower_binds(cx, doc, capability.map(|(_, c)| c));

    let mut entries = cx.list(doc.consumes.as_ref(), "consumes");
    if let Some((_, c)) = capability {
        entries.extend(cx.list(c.consumes.as_ref(), "capability.consumes"));
    }
    if entries.is_empty() {
        workflow_warning(cx, doc, capability.map_or(at, |(at, _)| at));
    }
    let mut adapters = Vec::new();
    let mut module_scope = Scope::new(&[]);
    for entry in entries {
        let mut adapter = adapter::lower(cx, &entry, auth.clone());
        if let Some(head) = &adapter.head
            && let Err(clash) = module_scope.claim_exact(head.ident.clone(), &head.namespace)
        {
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
            adapter.head = None;
        }
        adapters.push(adapter);
    }
    SpecApi { adapters }
}

/// The model: every adapter finished with the typing file when it is for
/// that adapter (problems of the typing file go to its own sink).
pub(crate) fn finish(api: SpecApi, mut typing: Option<Typing<'_, '_, '_>>) -> Api {
    let namespaces: Vec<String> = api
        .adapters
        .iter()
        .filter_map(|a| a.namespace.clone())
        .collect();
    let mut modules = Vec::new();
    for adapter in api.adapters {
        let namespace = adapter.namespace.as_deref();
        let module_typing = typing
            .as_mut()
            .filter(|t| namespace.is_some_and(|ns| t.applies_to(ns)));
        modules.extend(adapter.finish(module_typing));
    }
    if let Some(typing) = typing.as_mut() {
        let namespaces: Vec<&str> = namespaces.iter().map(String::as_str).collect();
        typing.check_namespace(&namespaces);
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
        Scalar::Str(s) => s.clone(),
        Scalar::Float(f) => f.to_string(),
        Scalar::Int(i) => i.to_string(),
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

/// A bound key: its variable, the environment variable it names, where it
/// is and its YAML path.
type BoundKey = (String, String, Pos, String);

/// Maps the bound key names to an authentication scheme (the format says
/// nothing about how a credential is sent; Clerk's convention decides).
fn lower_binds(
    cx: &mut Ctx<'_, '_>,
    doc: &spec::Document,
    capability: Option<&spec::Capability>,
) -> Auth {
    let keys = bound_keys(cx, doc, capability);
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

/// Every key of every `binds` entry, in file order.
fn bound_keys(
    cx: &mut Ctx<'_, '_>,
    doc: &spec::Document,
    capability: Option<&spec::Capability>,
) -> Vec<BoundKey> {
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
                Scalar::Str(s) if !s.is_empty() => s.clone(),
                _ => var.clone(),
            };
            let at = pos(&provider_key.referenced);
            keys.push((var.clone(), env, at, format!("{path}.{var}")));
        }
    }
    keys
}
