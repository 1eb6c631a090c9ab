//! What the deriver needs of a capability file, read through the generator's
//! own lowering (so a spec with problems is reported exactly as `generate`
//! reports it): per adapter, its namespace, credential and operations.

use super::node::Node;
use crate::diagnostics::Diagnostics;
use crate::lower::{self, document::SpecApi, operation::SpecOp};
use crate::model::{self, Location};

/// One HTTP adapter of a capability file.
#[derive(Clone, Debug)]
pub(crate) struct Adapter {
    pub(crate) namespace: String,
    /// The variable of the secret key the spec binds (`CLERK_SECRET_KEY`,
    /// `CLERK_PARTNER_KEY`), if any.
    pub(crate) secret_env: Option<String>,
    /// The capability file's text, to read its `binds` when the lowered
    /// model does not say (a publishable key).
    pub(crate) text: std::sync::Arc<str>,
    pub(crate) operations: Vec<CapOp>,
}

/// One operation of an adapter.
#[derive(Clone, Debug)]
pub(crate) struct CapOp {
    pub(crate) name: String,
    /// `GET`, `POST`, ...
    pub(crate) method: &'static str,
    pub(crate) path: String,
    /// Path placeholders, in order.
    pub(crate) placeholders: Vec<String>,
    /// `(wire name, location)` of every parameter but the body.
    pub(crate) params: Vec<(String, Location)>,
    pub(crate) has_body: bool,
}

/// The capability file, read as it is (before typing: generation finishes
/// it with the derived typing document), and its warnings.
pub(crate) type Lowered = (SpecApi, Diagnostics);

/// The adapters of a capability file, or the problems that stop it from being read.
pub(crate) fn read(file: &str, text: &str) -> Result<(Vec<Adapter>, Lowered), Diagnostics> {
    let (api, diagnostics) = lower::lower_spec(lower::Source { file, text });
    let api = match api {
        Some(api) if !diagnostics.has_errors() => api,
        _ => return Err(diagnostics),
    };
    let text: std::sync::Arc<str> = text.into();
    let adapters = api
        .adapters()
        .iter()
        .map(|adapter| Adapter {
            namespace: adapter.namespace.clone().unwrap_or_default(),
            secret_env: match adapter.auth() {
                Some(model::Auth::Bearer { env }) => Some(env.clone()),
                _ => None,
            },
            text: std::sync::Arc::clone(&text),
            operations: adapter.ops().iter().map(cap_op).collect(),
        })
        .collect();
    Ok((adapters, (api, diagnostics)))
}

fn cap_op(op: &SpecOp) -> CapOp {
    let inputs = &op.inputs;
    let params = inputs
        .path
        .iter()
        .chain(&inputs.query)
        .chain(&inputs.headers)
        .map(|p| (p.wire.clone(), p.location))
        .collect();
    CapOp {
        name: op.name.clone(),
        method: op.method.as_str(),
        path: op.path.raw.clone(),
        placeholders: inputs.path.iter().map(|p| p.wire.clone()).collect(),
        params,
        has_body: inputs.body.is_some(),
    }
}

/// The publishable-key variable a Frontend capability binds: the value (or
/// the name) of a `binds` key whose name says `PUBLISHABLE`. A line scan,
/// not a second YAML parse: `KEY: VALUE` is all a bind key ever is.
pub(crate) fn bound_publishable(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let (key, value) = line.trim().split_once(':')?;
        let key = key.trim().trim_matches(['\'', '"']);
        if !key.contains("PUBLISHABLE") || key.contains(' ') {
            return None;
        }
        let value = value.trim().trim_matches(['\'', '"']);
        Some(if value.is_empty() { key } else { value }.to_owned())
    })
}

/// The variables of `binds[].keys` and `capability.binds[].keys`.
pub(crate) fn bound_keys(text: &str) -> Vec<String> {
    let Ok(doc) = serde_saphyr::from_str::<Node>(text) else {
        return Vec::new();
    };
    let lists = [
        doc.get("binds"),
        doc.get("capability").and_then(|c| c.get("binds")),
    ];
    let mut keys = Vec::new();
    for list in lists.into_iter().flatten() {
        let Node::Seq(binds) = list else {
            continue;
        };
        for bind in binds {
            for (var, value) in bind.get("keys").map(Node::entries).unwrap_or_default() {
                let var = value.as_str().filter(|v| !v.is_empty()).unwrap_or(var);
                keys.push(var.to_owned());
            }
        }
    }
    keys
}
