//! The doc comment of an operation's client method and of its setters.

use super::send::body_fields;
use crate::emit::{docs, is_id};
use crate::model::{Body, Location, Operation, Param};

pub(super) fn method_doc(op: &Operation) -> Vec<String> {
    let mut lines = Vec::new();
    match &op.description {
        Some(d) => lines.extend(docs::sanitize(d)),
        None => lines.push(format!("Calls the {} operation.", docs::code(&op.name))),
    }
    lines.push(String::new());
    lines.push(format!(
        "{} (operation {})",
        docs::code(&format!("{} {}", op.method.as_str(), op.path.raw)),
        docs::code(&op.name)
    ));
    let inputs: Vec<&Param> = op
        .path_params
        .iter()
        .chain(&op.query)
        .chain(&op.headers)
        .chain(body_fields(op))
        .filter(|p| p.constant.is_none())
        .collect();
    if !inputs.is_empty() || op.body.is_some() {
        lines.push(String::new());
        lines.push("# Parameters".to_owned());
        lines.push(String::new());
        for p in inputs {
            let mut doc = param_doc(p, false);
            if let Some(first) = doc.first_mut() {
                lines.push(format!("- {first}"));
            }
            lines.extend(doc.into_iter().skip(1).map(|l| format!("  {l}")));
        }
        if let Some(Body::Untyped { description }) = &op.body {
            let text = description
                .as_deref()
                .map(docs::sanitize)
                .unwrap_or_default()
                .join(" ");
            lines.push(format!(
                "- `body` (JSON, optional, set with `.body(..)`): {text}"
            ));
        }
    }
    if let Some(one_of) = &op.one_of {
        let members: Vec<String> = one_of
            .members
            .iter()
            .filter_map(|i| op.query.get(*i))
            .map(|p| docs::code(&p.wire))
            .collect();
        lines.push(String::new());
        lines.push(format!(
            "At least one of {} is required: pass it as the `{}` argument ([`{}`]).",
            members.join(", "),
            one_of.field,
            one_of.ident
        ));
    }
    lines
}

/// `name` (in, required): description.
pub(super) fn param_doc(p: &Param, setter: bool) -> Vec<String> {
    let location = match p.location {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
        Location::Body => "body",
    };
    let need = if p.required { "required" } else { "optional" };
    let mut head = format!("{} ({location}, {need})", docs::code(&p.wire));
    if is_id(&p.ty) && !setter {
        head.push_str(", an ID");
    }
    let mut extra = Vec::new();
    if let (Some(min), Some(max)) = (p.range.min, p.range.max) {
        extra.push(format!("between {min} and {max}"));
    } else if let Some(min) = p.range.min {
        extra.push(format!("at least {min}"));
    } else if let Some(max) = p.range.max {
        extra.push(format!("at most {max}"));
    }
    if let Some(default) = &p.default {
        extra.push(format!("the server uses `{default}` when omitted"));
    }
    let mut lines = match &p.description {
        Some(d) => {
            let mut body = docs::sanitize(d);
            if let Some(first) = body.first_mut() {
                *first = format!("{head}: {first}");
            }
            body
        }
        None => vec![head],
    };
    if !extra.is_empty() {
        lines.push(String::new());
        lines.push(format!("Constraints: {}.", extra.join("; ")));
    }
    if lines.len() > 1 && lines.get(1).is_some_and(String::is_empty) && !setter {
        // Keep list items compact in method docs.
        lines.retain(|l| !l.is_empty());
    }
    lines
}
