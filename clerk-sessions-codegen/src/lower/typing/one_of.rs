//! `x-require-one-of`: optional query parameters of which callers must give
//! at least one, taken as one argument whose type converts from each.

use crate::lower::Ctx;
use crate::lower::inputs::Inputs;
use crate::lower::reader::pos;
use crate::model::{OneOf, Param};
use crate::names::{self, Scope, own};
use crate::spec::Spanned;

/// At most this many parameters in an "at least one of" group (its type
/// converts from each of them and from each ordered pair).
const MAX_ONE_OF: usize = 8;

/// The "at least one of" group: its members move out of the query
/// parameters into the group; `None` after reporting a problem.
pub(super) fn lower(
    cx: &mut Ctx<'_, '_>,
    types: &mut Scope,
    op: &str,
    inputs: &mut Inputs,
    group: &Spanned<Vec<String>>,
    path: &str,
) -> Option<OneOf> {
    let picked = pick(cx, op, &inputs.query, group, path)?;
    let ident = names::own::filter_type(op).ok()?;
    let ident = types.claim(ident, op, own::suffix::FILTER_TYPE_TAKEN).ident;
    let field = inputs
        .scope
        .claim(
            names::own::filter_field(),
            own::FILTER,
            own::suffix::FILTER_FIELD_TAKEN,
        )
        .ident;
    let mut members: Vec<(usize, Param)> = Vec::new();
    let query = std::mem::take(&mut inputs.query);
    for (i, param) in query.into_iter().enumerate() {
        match picked.iter().position(|j| *j == i) {
            Some(order) => members.push((order, param)),
            None => inputs.query.push(param),
        }
    }
    members.sort_by_key(|(order, _)| *order);
    Some(OneOf {
        ident,
        field,
        members: members.into_iter().map(|(_, p)| p).collect(),
    })
}

/// The positions in `query` of the group's parameters, in the group's
/// order: at most [`MAX_ONE_OF`] distinct optional query parameters of
/// distinct types; `None` after reporting a problem.
fn pick(
    cx: &mut Ctx<'_, '_>,
    op: &str,
    query: &[Param],
    group: &Spanned<Vec<String>>,
    path: &str,
) -> Option<Vec<usize>> {
    let at = pos(&group.referenced);
    let mut fail = |message: String, help: &str| {
        cx.error(at, path, message, help);
        None
    };
    if group.value.len() > MAX_ONE_OF {
        return fail(
            format!("`x-require-one-of` takes at most {MAX_ONE_OF} parameters"),
            "the group converts from each parameter and each pair of them; split or shorten it",
        );
    }
    let mut picked: Vec<usize> = Vec::new();
    for wire in &group.value {
        let found = query
            .iter()
            .position(|p| &p.wire == wire && !p.required && p.constant.is_none());
        match found {
            Some(i) if !picked.contains(&i) => picked.push(i),
            Some(_) => {
                fail(
                    format!("`{wire}` is listed twice"),
                    "list each parameter once",
                );
            }
            None => {
                fail(
                    format!("`{wire}` is not an optional query parameter of `{op}`"),
                    "list optional query parameters, of which callers must give at least one",
                );
            }
        }
    }
    if picked.len() < 2 {
        return fail(
            "`x-require-one-of` needs at least two parameters".into(),
            "list two or more optional query parameters",
        );
    }
    let distinct = picked
        .iter()
        .enumerate()
        .all(|(n, i)| picked[..n].iter().all(|j| query[*j].ty != query[*i].ty));
    if !distinct {
        return fail(
            "the parameters of `x-require-one-of` must have distinct types".into(),
            "the group converts from each parameter's type, so two of one type would be ambiguous",
        );
    }
    Some(picked)
}
