//! Input parameters: reading, merging inherited ones, checking them against the
//! path template, and naming them.

use super::reader::{Ctx, Pos, pos};
use crate::model::{Body, Location, Method, Param, PathTemplate, Range, TypeRef};
use crate::names::{self, Scope};
use crate::spec::{self, Scalar, Spanned};

/// Names the request builders use for themselves; parameters never take them.
pub(crate) const RESERVED_PARAMS: &[&str] = &["client", "send", "body", "self_", "request"];

/// A parameter as read, before naming.
#[derive(Clone, Debug)]
pub(crate) struct Raw {
    pub(crate) wire: String,
    pub(crate) location: Location,
    pub(crate) ty: TypeRef,
    pub(crate) required: bool,
    pub(crate) description: Option<String>,
    pub(crate) constant: Option<String>,
    pub(crate) at: Pos,
    pub(crate) yaml_path: String,
}

/// Parameters grouped by location, named and checked.
pub(crate) struct Lowered {
    pub(crate) path: Vec<Param>,
    pub(crate) query: Vec<Param>,
    pub(crate) headers: Vec<Param>,
    pub(crate) body: Option<Body>,
}

/// Reads adapter- or resource-level parameters (inherited by every operation below).
pub(crate) fn inherited(
    cx: &mut Ctx<'_, '_>,
    list: Option<&Spanned<Vec<Spanned<spec::InputParameter>>>>,
    path: &str,
) -> Vec<Raw> {
    read_list(cx, list, path)
}

fn read_list(
    cx: &mut Ctx<'_, '_>,
    list: Option<&Spanned<Vec<Spanned<spec::InputParameter>>>>,
    path: &str,
) -> Vec<Raw> {
    list.map(|l| {
        l.value
            .iter()
            .enumerate()
            .filter_map(|(i, p)| read_one(cx, p, &format!("{path}[{i}]")))
            .collect()
    })
    .unwrap_or_default()
}

fn read_one(cx: &mut Ctx<'_, '_>, p: &Spanned<spec::InputParameter>, path: &str) -> Option<Raw> {
    let at = pos(&p.referenced);
    let v = &p.value;
    let wire = cx.string(&v.name, &format!("{path}.name"), at, true);
    let location = cx
        .string(&v.location, &format!("{path}.in"), at, true)
        .and_then(|raw| {
            let value_at = v.location.as_ref().map_or(at, |l| pos(&l.referenced));
            match raw.as_str() {
                "path" => Some(Location::Path),
                "query" => Some(Location::Query),
                "header" => Some(Location::Header),
                "body" => Some(Location::Body),
                "cookie" | "environment" => {
                    cx.error(
                        value_at,
                        &format!("{path}.in"),
                        format!("`in: {raw}` parameters are not supported"),
                        "use `in: header` (a `Cookie` header) or set the value on the client",
                    );
                    None
                }
                other => {
                    cx.error(
                        value_at,
                        &format!("{path}.in"),
                        format!("unknown parameter location `in: {other}`"),
                        "use one of path, query, header, body",
                    );
                    None
                }
            }
        });
    let ty = read_type(cx, v, path, at);
    let required = cx.boolean(&v.required, &format!("{path}.required"), true);
    let description = cx.text(&v.description, &format!("{path}.description"));
    let constant = match &v.value {
        None => None,
        Some(value) => match &value.value {
            Scalar::Str(s) if s.contains("{{") => {
                cx.error(
                    pos(&value.referenced),
                    &format!("{path}.value"),
                    "parameter values with `{{VAR}}` expressions are not supported".into(),
                    "use a literal value, or make the parameter an input",
                );
                None
            }
            Scalar::Str(s) => Some(s.clone()),
            Scalar::Int(i) => Some(i.to_string()),
            Scalar::Bool(b) => Some(b.to_string()),
            Scalar::Float(f) => Some(f.to_string()),
            other => {
                cx.error(
                    pos(&value.referenced),
                    &format!("{path}.value"),
                    format!("a fixed `value` must be a scalar, found {}", other.kind()),
                    "",
                );
                None
            }
        },
    };
    Some(Raw {
        wire: wire?,
        location: location?,
        ty,
        required,
        description,
        constant,
        at,
        yaml_path: path.to_owned(),
    })
}

fn read_type(cx: &mut Ctx<'_, '_>, v: &spec::InputParameter, path: &str, at: Pos) -> TypeRef {
    let Some(raw) = cx.string(&v.kind, &format!("{path}.type"), at, false) else {
        if v.kind.is_none() {
            cx.warning(
                at,
                &format!("{path}.type"),
                "parameter has no `type`; it is treated as a string".into(),
                "add `type: string` (or integer, number, boolean, array, object)",
            );
        }
        return TypeRef::String;
    };
    match raw.as_str() {
        "string" => TypeRef::String,
        "integer" => TypeRef::Integer,
        "number" => TypeRef::Number,
        "boolean" => TypeRef::Boolean,
        "array" => TypeRef::Array(Box::new(TypeRef::String)),
        "object" => TypeRef::Json,
        other => {
            cx.warning(
                v.kind.as_ref().map_or(at, |k| pos(&k.referenced)),
                &format!("{path}.type"),
                format!("unknown parameter type `{other}`; it is treated as a string"),
                "use one of string, integer, number, boolean, array, object",
            );
            TypeRef::String
        }
    }
}

/// Reads an operation's parameters, merges inherited ones, and checks them.
pub(crate) fn lower_all(
    cx: &mut Ctx<'_, '_>,
    opath: &str,
    list: Option<&Spanned<Vec<Spanned<spec::InputParameter>>>>,
    inherited: &[Raw],
    template: &PathTemplate,
    method: Option<Method>,
    op_at: Pos,
) -> Option<Lowered> {
    let own = read_list(cx, list, &format!("{opath}.inputParameters"));
    let mut all: Vec<Raw> = inherited
        .iter()
        .filter(|i| {
            !own.iter()
                .any(|o| o.wire == i.wire && o.location == i.location)
        })
        .cloned()
        .collect();
    let mut ok = true;
    for (i, p) in own.iter().enumerate() {
        if own[..i]
            .iter()
            .any(|q| q.wire == p.wire && q.location == p.location)
        {
            cx.error(
                p.at,
                &p.yaml_path,
                format!(
                    "parameter `{}` (in {:?}) is declared twice",
                    p.wire, p.location
                )
                .to_lowercase(),
                "remove one of the two declarations",
            );
            ok = false;
        }
    }
    all.extend(own);
    ok &= check_placeholders(cx, opath, op_at, &all, template);

    let mut scope = Scope::new(RESERVED_PARAMS);
    let mut lowered = Lowered {
        path: Vec::new(),
        query: Vec::new(),
        headers: Vec::new(),
        body: None,
    };
    for raw in &all {
        if raw.location == Location::Body {
            if lowered.body.is_some() {
                cx.error(
                    raw.at,
                    &raw.yaml_path,
                    "an operation can have only one `in: body` parameter".into(),
                    "merge the bodies into one object parameter",
                );
                ok = false;
            }
            if matches!(method, Some(Method::Get | Method::Delete)) {
                cx.warning(
                    raw.at,
                    &raw.yaml_path,
                    "a body on a GET or DELETE request is unusual; many servers ignore it".into(),
                    "",
                );
            }
            lowered.body = Some(Body::Untyped {
                description: raw.description.clone(),
            });
            continue;
        }
        let Some(param) = name_param(cx, &mut scope, raw) else {
            ok = false;
            continue;
        };
        match raw.location {
            Location::Path => lowered.path.push(param),
            Location::Query => lowered.query.push(param),
            Location::Header => lowered.headers.push(param),
            Location::Body => {}
        }
    }
    // Path parameters in placeholder order.
    let order: Vec<&str> = template.placeholders().collect();
    lowered.path.sort_by_key(|p| {
        order
            .iter()
            .position(|w| *w == p.wire)
            .unwrap_or(usize::MAX)
    });
    ok.then_some(lowered)
}

fn name_param(cx: &mut Ctx<'_, '_>, scope: &mut Scope, raw: &Raw) -> Option<Param> {
    let ident = match names::value_ident(&raw.wire) {
        Ok(ident) => ident,
        Err(err) => {
            cx.error(
                raw.at,
                &format!("{}.name", raw.yaml_path),
                format!(
                    "parameter name `{}` cannot become a Rust name: {err}",
                    raw.wire
                ),
                "give the parameter a name with at least one letter or digit",
            );
            return None;
        }
    };
    let suffix = match raw.location {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
        Location::Body => "body",
    };
    let claimed = scope.claim(ident, &raw.wire, suffix);
    let required = raw.location == Location::Path || raw.required;
    Some(Param {
        wire: raw.wire.clone(),
        ident: claimed.ident,
        location: raw.location,
        required: required && raw.constant.is_none(),
        ty: raw.ty.clone(),
        description: raw.description.clone(),
        constant: raw.constant.clone().map(serde_json::Value::String),
        range: Range::default(),
        default: None,
    })
}

fn check_placeholders(
    cx: &mut Ctx<'_, '_>,
    opath: &str,
    op_at: Pos,
    all: &[Raw],
    template: &PathTemplate,
) -> bool {
    let mut ok = true;
    for name in template.placeholders() {
        if !all
            .iter()
            .any(|p| p.location == Location::Path && p.wire == name)
        {
            cx.error(
                op_at,
                opath,
                format!("path placeholder `{{{name}}}` has no `in: path` parameter"),
                &format!("add an input parameter `name: {name}` with `in: path`"),
            );
            ok = false;
        }
    }
    for p in all.iter().filter(|p| p.location == Location::Path) {
        if !template.placeholders().any(|n| n == p.wire) {
            cx.error(
                p.at,
                &p.yaml_path,
                format!(
                    "path parameter `{}` does not appear in the path `{}`",
                    p.wire, template.raw
                ),
                &format!("add `{{{}}}` to the resource path, or change `in:`", p.wire),
            );
            ok = false;
        }
    }
    ok
}
