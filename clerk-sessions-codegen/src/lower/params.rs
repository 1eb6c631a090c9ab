//! Input parameters: reading, merging inherited ones, checking them against the
//! path template, and naming them.

use super::reader::{Ctx, Pos, pos};
use crate::model::{Body, Location, Method, Param, PathTemplate, Range, TypeRef};
use crate::names::{self, Scope};
use crate::spec::{self, List, Scalar};

/// Names the request builders use for themselves; parameters never take them.
pub(crate) const RESERVED_PARAMS: &[&str] = &["client", "send", "body", "self_", "request"];

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
    /// Where the name is written (the entry, without one).
    pub(crate) name_at: Pos,
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
    list: Option<&List<spec::InputParameter>>,
    path: &str,
) -> Vec<Raw> {
    read_list(cx, list, path)
}

fn read_list(
    cx: &mut Ctx<'_, '_>,
    list: Option<&List<spec::InputParameter>>,
    path: &str,
) -> Vec<Raw> {
    cx.list(list, path)
        .iter()
        .filter_map(|entry| read_one(cx, entry.value, &entry.path, entry.at))
        .collect()
}

fn read_one(cx: &mut Ctx<'_, '_>, v: &spec::InputParameter, path: &str, at: Pos) -> Option<Raw> {
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
                "cookie" => {
                    cx.error(
                        value_at,
                        &format!("{path}.in"),
                        "`in: cookie` parameters are not supported".into(),
                        "declare a `Cookie` header with `in: header`, or set cookies on the HTTP client",
                    );
                    None
                }
                "environment" => {
                    cx.error(
                        value_at,
                        &format!("{path}.in"),
                        "`in: environment` parameters are not supported".into(),
                        "values from the environment are read by the client at run time (see `binds`); remove the parameter or make it a header or query input",
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
    let mut ty = read_type(cx, v, path, at);
    if location == Some(Location::Path) && matches!(ty, TypeRef::Array(_) | TypeRef::Json) {
        cx.warning(
            v.kind.as_ref().map_or(at, |k| pos(&k.referenced)),
            &format!("{path}.type"),
            "a path parameter cannot be an array or an object; it is taken as text".into(),
            "use `type: string` and join the values yourself",
        );
        ty = TypeRef::String;
    }
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
    let (wire, location) = (wire?, location?);
    if location == Location::Header {
        check_header(cx, v, path, at, &wire, constant.as_deref())?;
    }
    Some(Raw {
        wire,
        location,
        ty,
        required,
        description,
        constant,
        at,
        name_at: v.name.as_ref().map_or(at, |n| pos(&n.referenced)),
        yaml_path: path.to_owned(),
    })
}

/// A header's name must be an HTTP token, and a fixed value a valid header value.
fn check_header(
    cx: &mut Ctx<'_, '_>,
    v: &spec::InputParameter,
    path: &str,
    at: Pos,
    wire: &str,
    constant: Option<&str>,
) -> Option<()> {
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if wire.is_empty() || !wire.chars().all(token) {
        cx.error(
            v.name.as_ref().map_or(at, |n| pos(&n.referenced)),
            &format!("{path}.name"),
            format!("`{wire}` is not a valid HTTP header name"),
            "header names are letters, digits and `-` (an HTTP token), e.g. `X-Request-Id`",
        );
        return None;
    }
    if let Some(value) = constant
        && value
            .chars()
            .any(|c| c.is_control() && c != '\t' || !c.is_ascii())
    {
        cx.error(
            v.value.as_ref().map_or(at, |n| pos(&n.referenced)),
            &format!("{path}.value"),
            "a fixed header value must be printable ASCII".into(),
            "remove line breaks, control and non-ASCII characters from the value",
        );
        return None;
    }
    Some(())
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
    op: &OpContext<'_>,
    list: Option<&List<spec::InputParameter>>,
    inherited: &[Raw],
) -> Option<Lowered> {
    let own = read_list(cx, list, &format!("{}.inputParameters", op.path));
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
                    "parameter `{}` (in {}) is declared twice",
                    p.wire,
                    format!("{:?}", p.location).to_lowercase()
                ),
                "remove one of the two declarations",
            );
            ok = false;
        }
    }
    all.extend(own);
    if let Some(template) = op.template {
        ok &= check_placeholders(cx, op, &all, template);
    }

    let mut scope = Scope::new(RESERVED_PARAMS);
    let mut lowered = Lowered {
        path: Vec::new(),
        query: Vec::new(),
        headers: Vec::new(),
        body: None,
    };
    for (index, raw) in all.iter().enumerate() {
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
            if matches!(op.method, Some(Method::Get | Method::Delete)) {
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
        let param = name_param(cx, &mut scope, raw, index + 1);
        match raw.location {
            Location::Path => lowered.path.push(param),
            Location::Query => lowered.query.push(param),
            Location::Header => lowered.headers.push(param),
            Location::Body => {}
        }
    }
    // Path parameters in placeholder order.
    let order: Vec<&str> = op.template.iter().flat_map(|t| t.placeholders()).collect();
    lowered.path.sort_by_key(|p| {
        order
            .iter()
            .position(|w| *w == p.wire)
            .unwrap_or(usize::MAX)
    });
    ok.then_some(lowered)
}

/// Names a parameter. A name with no letters or digits (`*`) is legal in the
/// format; it gets the positional name `param_{position}` (1-based, over the
/// operation's parameters with inherited ones first) and a warning.
fn name_param(cx: &mut Ctx<'_, '_>, scope: &mut Scope, raw: &Raw, position: usize) -> Param {
    let ident = match names::value_ident(&raw.wire) {
        Ok(ident) => ident,
        Err(_) => {
            let ident = names::positional_value_ident("param", position);
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
    let suffix = match raw.location {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
        Location::Body => "body",
    };
    let claimed = scope.claim(ident, &raw.wire, suffix);
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
    }
}

fn check_placeholders(
    cx: &mut Ctx<'_, '_>,
    op: &OpContext<'_>,
    all: &[Raw],
    template: &PathTemplate,
) -> bool {
    let of_op = op.name.map(|n| format!(" of `{n}`")).unwrap_or_default();
    let mut ok = true;
    for name in template.placeholders() {
        if !all
            .iter()
            .any(|p| p.location == Location::Path && p.wire == name)
        {
            cx.error(
                op.at,
                op.path,
                format!("path placeholder `{{{name}}}`{of_op} has no `in: path` parameter"),
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
