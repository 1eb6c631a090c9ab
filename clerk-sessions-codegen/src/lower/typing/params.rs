//! The typing of an operation's parameters: the spec's get the types and
//! constraints of their schemas, and those the spec lacks are added.

use std::collections::BTreeMap;

use super::schema::{Defs, bounds, described, type_of};
use crate::diagnostics::Pos;
use crate::lower::Ctx;
use crate::lower::headers;
use crate::lower::inputs::{Inputs, location_suffix};
use crate::lower::reader::pos;
use crate::model::{Location, Param, Range, TypeRef};
use crate::names::{self, Scope};
use crate::spec::Spanned;
use crate::spec::typing::{OperationTyping, Schema};

/// Gives the spec's parameters their typing, and adds the ones it lacks.
pub(super) fn typed_params(
    cx: &mut Ctx<'_, '_>,
    defs: &Defs,
    op: &str,
    inputs: &mut Inputs,
    t: &OperationTyping,
    path: &str,
) {
    let by_wire = index(inputs);
    let mut retyped = Retyped::new();
    let mut extras = Vec::new();
    for (wire, schema) in t.parameters.iter().flat_map(|p| &p.0) {
        let path = format!("{path}.parameters.{wire}");
        let at = pos(&schema.referenced);
        let ty = type_of(cx, defs, &schema.value, at, &path);
        let range = bounds(cx, &schema.value, &ty, at, &path);
        match by_wire.get(wire) {
            Some(&spot) => {
                if schema.value.location.is_some() {
                    let message = format!("`{wire}` is already in the spec; `in` is ignored");
                    cx.warning(at, &path, message, "");
                }
                retyped.insert(spot, (&schema.value, ty, range));
            }
            None => {
                let typed = (ty, range);
                extras.extend(extra(
                    cx,
                    op,
                    &mut inputs.scope,
                    (wire, schema),
                    typed,
                    &path,
                ));
            }
        }
    }
    retype(inputs, retyped);
    for param in extras {
        match param.location {
            Location::Header => inputs.headers.push(param),
            _ => inputs.query.push(param),
        }
    }
}

/// The spec's parameters by wire name (the first of each name, path before
/// query before headers): their location and position.
fn index(inputs: &Inputs) -> BTreeMap<String, (Location, usize)> {
    let mut by_wire = BTreeMap::new();
    for (location, list) in [
        (Location::Path, &inputs.path),
        (Location::Query, &inputs.query),
        (Location::Header, &inputs.headers),
    ] {
        for (i, p) in list.iter().enumerate() {
            by_wire.entry(p.wire.clone()).or_insert((location, i));
        }
    }
    by_wire
}

/// What the typing file says about a parameter of the spec.
type Retyped<'t> = BTreeMap<(Location, usize), (&'t Schema, TypeRef, Range)>;

/// The spec's parameters, each with its typing when it has one.
fn retype(inputs: &mut Inputs, mut retyped: Retyped<'_>) {
    let mut retype = |location: Location, list: Vec<Param>| -> Vec<Param> {
        let retype_one = |(i, param)| match retyped.remove(&(location, i)) {
            Some((schema, ty, range)) => typed(param, schema, (ty, range)),
            None => param,
        };
        list.into_iter().enumerate().map(retype_one).collect()
    };
    inputs.path = retype(Location::Path, std::mem::take(&mut inputs.path));
    inputs.query = retype(Location::Query, std::mem::take(&mut inputs.query));
    inputs.headers = retype(Location::Header, std::mem::take(&mut inputs.headers));
}

/// The separator of a query array's items sent as one parameter: `style`
/// `spaceDelimited` (` `), `pipeDelimited` (`|`), `form` with `explode: false` (`,`).
fn separator(s: &Schema) -> Option<&'static str> {
    match (s.style.as_deref(), s.explode) {
        (Some("spaceDelimited"), _) => Some(" "),
        (Some("pipeDelimited"), _) => Some("|"),
        (None | Some("form"), Some(false)) => Some(","),
        _ => None,
    }
}

/// A parameter of the spec, with the type and constraints of its schema.
fn typed(spec: Param, s: &Schema, (ty, range): (TypeRef, Range)) -> Param {
    let constant = s.constant.clone();
    Param {
        required: spec.required && constant.is_none(),
        constant: constant.or(spec.constant),
        description: described(s).or(spec.description),
        ty,
        range,
        default: s.default.clone(),
        joined: separator(s),
        ..spec
    }
}

/// A parameter the spec lacks (`in: query` or `in: header`), named in the
/// operation's scope; `None` after reporting a problem.
fn extra(
    cx: &mut Ctx<'_, '_>,
    op: &str,
    scope: &mut Scope,
    (wire, schema): (&str, &Spanned<Schema>),
    (ty, range): (TypeRef, Range),
    path: &str,
) -> Option<Param> {
    let (s, at) = (&schema.value, pos(&schema.referenced));
    let location = extra_location(cx, op, (wire, s), at, path)?;
    if location == Location::Header {
        headers::check_name(cx, wire, at, path)?;
        if let Some(serde_json::Value::String(value)) = &s.constant {
            headers::check_value(cx, value, at, &format!("{path}.const"))?;
        }
    }
    let ident = match names::value_ident(wire) {
        Ok(ident) => scope.claim(ident, wire, location_suffix(location)).ident,
        Err(err) => {
            cx.error(
                at,
                path,
                err.to_string(),
                "give the parameter a name with letters or digits",
            );
            return None;
        }
    };
    Some(Param {
        wire: wire.to_owned(),
        ident,
        location,
        required: s.x_required == Some(true) && s.constant.is_none(),
        ty,
        description: described(s),
        constant: s.constant.clone(),
        range,
        default: s.default.clone(),
        joined: separator(s),
    })
}

/// Where a parameter the spec lacks goes: its `in`, which must be `query`
/// or `header`; `None` after reporting a problem.
fn extra_location(
    cx: &mut Ctx<'_, '_>,
    op: &str,
    (wire, s): (&str, &Schema),
    at: Pos,
    path: &str,
) -> Option<Location> {
    let (message, help) = match s.location.as_deref() {
        Some("query") => return Some(Location::Query),
        Some("header") => return Some(Location::Header),
        Some(other) => (
            format!("extra parameters go in `query` or `header`, not `{other}`"),
            "write `in: query` or `in: header`",
        ),
        None => (
            format!("the spec's `{op}` has no parameter `{wire}`"),
            "to add a parameter the spec lacks, say where it goes: `in: query`",
        ),
    };
    cx.error(at, path, message, help);
    None
}
