//! Input parameters as the spec writes them: reading each one ([`Raw`]),
//! with a diagnostic for every value of the wrong kind. `inputs` merges,
//! checks and names them.

use super::headers;
use super::reader::{Ctx, Pos, pos};
use crate::model::{Location, TypeRef};
use crate::spec::{self, List, Scalar, Spanned};

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

/// Reads adapter- or resource-level parameters (inherited by every operation below).
pub(crate) fn inherited(
    cx: &mut Ctx<'_, '_>,
    list: Option<&List<spec::InputParameter>>,
    path: &str,
) -> Vec<Raw> {
    read_list(cx, list, path)
}

/// Reads a list of parameters; entries with an error are skipped (and reported).
pub(crate) fn read_list(
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
    let location = read_location(cx, v, path, at);
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
    let constant = v
        .value
        .as_ref()
        .and_then(|value| read_constant(cx, value, path));
    let (wire, location) = (wire?, location?);
    let name_at = v.name.as_ref().map_or(at, |n| pos(&n.referenced));
    if location == Location::Header {
        headers::check_name(cx, &wire, name_at, &format!("{path}.name"))?;
        if let Some(value) = &constant {
            let value_at = v.value.as_ref().map_or(at, |n| pos(&n.referenced));
            headers::check_value(cx, value, value_at, &format!("{path}.value"))?;
        }
    }
    Some(Raw {
        wire,
        location,
        ty,
        required,
        description,
        constant,
        at,
        name_at,
        yaml_path: path.to_owned(),
    })
}

fn read_location(
    cx: &mut Ctx<'_, '_>,
    v: &spec::InputParameter,
    path: &str,
    at: Pos,
) -> Option<Location> {
    let raw = cx.string(&v.location, &format!("{path}.in"), at, true)?;
    let value_at = v.location.as_ref().map_or(at, |l| pos(&l.referenced));
    let (message, help) = match raw.as_str() {
        "path" => return Some(Location::Path),
        "query" => return Some(Location::Query),
        "header" => return Some(Location::Header),
        "body" => return Some(Location::Body),
        "cookie" => (
            "`in: cookie` parameters are not supported".to_owned(),
            "declare a `Cookie` header with `in: header`, or set cookies on the HTTP client",
        ),
        "environment" => (
            "`in: environment` parameters are not supported".to_owned(),
            "values from the environment are read by the client at run time (see `binds`); remove the parameter or make it a header or query input",
        ),
        other => (
            format!("unknown parameter location `in: {other}`"),
            "use one of path, query, header, body",
        ),
    };
    cx.error(value_at, &format!("{path}.in"), message, help);
    None
}

/// A fixed `value`: a scalar without `{{VAR}}` expressions.
fn read_constant(cx: &mut Ctx<'_, '_>, value: &Spanned<Scalar>, path: &str) -> Option<String> {
    match &value.value {
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
    }
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
