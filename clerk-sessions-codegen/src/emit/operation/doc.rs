//! The doc comments of an operation's client method, request builder and
//! setters.

use super::send::body_fields;
use crate::emit::docs;
use crate::model::{Body, Location, Operation, Param, TypeRef};
use crate::names::own::CLIENT;

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
    let members = op.one_of.iter().flat_map(|o| &o.members);
    let inputs: Vec<&Param> = op
        .path_params
        .iter()
        .chain(members)
        .chain(&op.query)
        .chain(&op.headers)
        .chain(body_fields(op))
        .filter(|p| p.constant.is_none())
        .collect();
    if !inputs.is_empty() || op.body.is_some() {
        lines.extend(["".to_owned(), "# Parameters".to_owned(), String::new()]);
        for p in inputs {
            let mut doc = param_doc(p, false);
            if let Some(first) = doc.first_mut() {
                lines.push(format!("- {first}"));
            }
            lines.extend(doc.into_iter().skip(1).map(|l| format!("  {l}")));
        }
        if let Some(Body::Untyped { description }) = &op.body {
            lines.push(untyped_body_doc(description.as_deref()));
        }
    }
    if let Some(one_of) = &op.one_of {
        let members: Vec<String> = one_of.members.iter().map(|p| docs::code(&p.wire)).collect();
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

fn untyped_body_doc(description: Option<&str>) -> String {
    let text = description
        .map(docs::sanitize)
        .unwrap_or_default()
        .join(" ");
    let head = "- `body` (JSON, optional, set with `.body(..)`)";
    if text.is_empty() {
        head.to_owned()
    } else {
        format!("{head}: {text}")
    }
}

/// "Request builder for [`Client::op`]: …", true to what the builder has.
pub(super) fn builder_doc(op: &Operation, has_setters: bool) -> String {
    // rustdoc resolves `Client::match`, not `Client::r#match`.
    let client = CLIENT.as_str();
    let target = if op.fn_ident.is_raw() {
        format!("({client}::{})", op.fn_ident.as_str())
    } else {
        String::new()
    };
    let then = if has_setters {
        "set optional inputs, then send it"
    } else {
        "send it"
    };
    format!(
        "Request builder for [`{client}::{}`]{target}: {then} with `.send().await` (`.send()` on a blocking client).",
        op.fn_ident
    )
}

/// `name` (in, required, type): description, then its constraints.
pub(super) fn param_doc(p: &Param, setter: bool) -> Vec<String> {
    let location = match p.location {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
        Location::Body => "body",
    };
    let need = if p.required { "required" } else { "optional" };
    let named = match &p.ty {
        TypeRef::Named(ident, _) if !setter => format!(", [`{ident}`]"),
        _ => String::new(),
    };
    let head = format!("{} ({location}, {need}{named})", docs::code(&p.wire));
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
    let extra = constraints(p);
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

/// The constraints the typing file states, and the server's default.
fn constraints(p: &Param) -> Vec<String> {
    let mut extra = Vec::new();
    match (p.range.min, p.range.max) {
        (Some(min), Some(max)) => extra.push(format!("between {min} and {max}")),
        (Some(min), None) => extra.push(format!("at least {min}")),
        (None, Some(max)) => extra.push(format!("at most {max}")),
        (None, None) => {}
    }
    if let Some(len) = p.range.min_length {
        let unit = if len == 1 { "character" } else { "characters" };
        extra.push(format!("at least {len} {unit} long"));
    }
    if let Some(default) = &p.default {
        extra.push(format!(
            "the server uses {} when omitted",
            docs::code(&default.to_string())
        ));
    }
    extra
}
