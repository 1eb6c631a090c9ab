//! An operation's inputs: the parameters it inherits and declares, merged,
//! checked against the path template, and named.

use std::collections::BTreeSet;

use super::params::{self, Raw};
use super::reader::{Ctx, Pos};
use crate::model::{Location, Method, Param, PathTemplate, Range};
use crate::names::{self, Scope, own};
use crate::spec::{self, List};

/// The operation whose parameters are lowered.
pub(crate) struct OpContext<'a> {
    /// Its YAML path.
    pub(crate) path: &'a str,
    /// Where it starts.
    pub(crate) at: Pos,
    /// Its name, unless that was missing or invalid.
    pub(crate) name: Option<&'a str>,
    /// The resource path, unless that was invalid.
    pub(crate) template: Option<&'a PathTemplate>,
    /// The method, unless that was invalid.
    pub(crate) method: Option<Method>,
}

/// Parameters grouped by location, named and checked.
#[derive(Clone, Debug)]
pub(crate) struct Inputs {
    /// Path parameters, in placeholder order.
    pub(crate) path: Vec<Param>,
    pub(crate) query: Vec<Param>,
    pub(crate) headers: Vec<Param>,
    /// The `in: body` parameter, by its description.
    pub(crate) body: Option<Option<String>>,
    /// The names the parameters took, for those the typing file adds.
    pub(crate) scope: Scope,
}

/// Reads an operation's parameters, merges inherited ones, and checks them.
pub(crate) fn lower_all(
    cx: &mut Ctx<'_, '_>,
    op: &OpContext<'_>,
    list: Option<&List<spec::InputParameter>>,
    inherited: &[Raw],
) -> Option<Inputs> {
    let own_params = params::read_list(cx, list, &format!("{}.inputParameters", op.path));
    let mut ok = true;
    let mut declared = BTreeSet::new();
    for p in &own_params {
        if !declared.insert((p.wire.as_str(), p.location)) {
            cx.error(
                p.at,
                &p.yaml_path,
                format!(
                    "parameter `{}` (in {}) is declared twice",
                    p.wire,
                    location_word(p.location)
                ),
                "remove one of the two declarations",
            );
            ok = false;
        }
    }
    let mut all: Vec<&Raw> = inherited
        .iter()
        .filter(|i| !declared.contains(&(i.wire.as_str(), i.location)))
        .collect();
    all.extend(&own_params);
    if let Some(template) = op.template {
        ok &= check_placeholders(cx, op, &all, template);
    }
    let inputs = name_all(cx, op, &all, &mut ok);
    ok.then_some(inputs)
}

/// Names every parameter and groups them by location.
fn name_all(cx: &mut Ctx<'_, '_>, op: &OpContext<'_>, all: &[&Raw], ok: &mut bool) -> Inputs {
    let mut inputs = Inputs {
        path: Vec::new(),
        query: Vec::new(),
        headers: Vec::new(),
        body: None,
        scope: own::param_scope(),
    };
    for (index, raw) in all.iter().enumerate() {
        if raw.location == Location::Body {
            if inputs.body.is_some() {
                cx.error(
                    raw.at,
                    &raw.yaml_path,
                    "an operation can have only one `in: body` parameter".into(),
                    "merge the bodies into one object parameter",
                );
                *ok = false;
            }
            if matches!(op.method, Some(Method::Get | Method::Delete)) {
                cx.warning(
                    raw.at,
                    &raw.yaml_path,
                    "a body on a GET or DELETE request is unusual; many servers ignore it".into(),
                    "",
                );
            }
            inputs.body = Some(raw.description.clone());
            continue;
        }
        let param = name_param(cx, &mut inputs.scope, raw, index + 1);
        match raw.location {
            Location::Path => inputs.path.push(param),
            Location::Query => inputs.query.push(param),
            Location::Header => inputs.headers.push(param),
            Location::Body => {}
        }
    }
    // Path parameters in placeholder order.
    let order: Vec<&str> = op.template.iter().flat_map(|t| t.placeholders()).collect();
    inputs.path.sort_by_key(|p| {
        order
            .iter()
            .position(|w| *w == p.wire)
            .unwrap_or(usize::MAX)
    });
    inputs
}

/// A location as the spec writes it.
pub(crate) fn location_word(location: Location) -> &'static str {
    match location {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
        Location::Body => "body",
    }
}

/// The suffix a parameter's Rust name takes when its name is taken.
pub(crate) fn location_suffix(location: Location) -> &'static str {
    match location {
        Location::Path => own::suffix::PATH,
        Location::Query => own::suffix::QUERY,
        Location::Header => own::suffix::HEADER,
        Location::Body => own::suffix::BODY,
    }
}

/// Names a parameter. A name with no letters or digits (`*`) is legal in the
/// format; it gets the positional name `param_{position}` (1-based, over the
/// operation's parameters with inherited ones first) and a warning.
fn name_param(cx: &mut Ctx<'_, '_>, scope: &mut Scope, raw: &Raw, position: usize) -> Param {
    let ident = match names::value_ident(&raw.wire) {
        Ok(ident) => ident,
        Err(_) => {
            let ident = names::positional_value_ident(own::suffix::POSITIONAL, position);
            cx.warning(
                raw.name_at,
                &format!("{}.name", raw.yaml_path),
                format!(
                    "parameter name `{}` has no ASCII letters or digits; its Rust name is `{ident}`",
                    raw.wire
                ),
                "the wire name is sent unchanged; rename the parameter for a readable Rust name",
            );
            ident
        }
    };
    let claimed = scope.claim(ident, &raw.wire, location_suffix(raw.location));
    let required = raw.location == Location::Path || raw.required;
    Param {
        wire: raw.wire.clone(),
        ident: claimed.ident,
        location: raw.location,
        required: required && raw.constant.is_none(),
        ty: raw.ty.clone(),
        description: raw.description.clone(),
        constant: raw.constant.clone().map(serde_json::Value::String),
        range: Range::default(),
        default: None,
        joined: None,
    }
}

fn check_placeholders(
    cx: &mut Ctx<'_, '_>,
    op: &OpContext<'_>,
    all: &[&Raw],
    template: &PathTemplate,
) -> bool {
    let of_op = op.name.map(|n| format!(" of `{n}`")).unwrap_or_default();
    let mut ok = true;
    let in_path: BTreeSet<&str> = all
        .iter()
        .filter(|p| p.location == Location::Path)
        .map(|p| p.wire.as_str())
        .collect();
    for name in template.placeholders() {
        if !in_path.contains(name) {
            cx.error(
                op.at,
                op.path,
                format!("path placeholder `{{{name}}}`{of_op} has no `in: path` parameter"),
                &format!("add an input parameter `name: {name}` with `in: path`"),
            );
            ok = false;
        }
    }
    let placeholders: BTreeSet<&str> = template.placeholders().collect();
    for p in all.iter().filter(|p| p.location == Location::Path) {
        if !placeholders.contains(p.wire.as_str()) {
            cx.error(
                p.at,
                &p.yaml_path,
                format!(
                    "path parameter `{}`{of_op} does not appear in the path `{}`",
                    p.wire, template.raw
                ),
                &format!("add `{{{}}}` to the resource path, or change `in:`", p.wire),
            );
            ok = false;
        }
    }
    ok
}
