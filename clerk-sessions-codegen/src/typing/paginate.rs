//! `x-paginate`: checks that the named response fields and query parameters
//! exist with usable types, and records them on the operation.

use super::PaginateTyping;
use crate::lower::{Ctx, pos};
use crate::model::{Operation, Paginate, Param, TypeDef, TypeDefKind, TypeRef};
use crate::spec::Spanned;

pub(super) fn apply(
    cx: &mut Ctx<'_, '_>,
    op: &mut Operation,
    paging: &Spanned<PaginateTyping>,
    types: &[TypeDef],
    path: &str,
) {
    let at = pos(&paging.referenced);
    let p = &paging.value;
    let fail = |cx: &mut Ctx<'_, '_>, message: String| {
        cx.error(
            at,
            path,
            message,
            "`x-paginate` names an array and an integer field of the response, and optional integer query parameters",
        );
    };
    let fields = match &op.response {
        TypeRef::Named(ident, _) => types
            .iter()
            .find(|t| &t.ident == ident)
            .and_then(|t| match &t.kind {
                TypeDefKind::Struct { fields, .. } => Some(fields.as_slice()),
                _ => None,
            }),
        _ => None,
    };
    let Some(fields) = fields else {
        fail(
            cx,
            format!(
                "`{}` must return a named object type to be paginated",
                op.name
            ),
        );
        return;
    };
    let field = |wire: &str| fields.iter().find(|f| f.wire == wire);
    let items = field(&p.items).and_then(|f| match &f.ty {
        TypeRef::Array(item) if f.required => Some((f.ident.clone(), (**item).clone())),
        _ => None,
    });
    let total = field(&p.total).filter(|f| f.required && is_integer(&f.ty));
    let query = |wire: &str| {
        op.query.iter().find(|q| {
            q.wire == wire && !q.required && q.constant.is_none() && q.ty == TypeRef::UInt32
        })
    };
    let offset = query(&p.offset).map(|q| q.ident.clone());
    let limit = p
        .limit
        .as_deref()
        .map(|wire| query(wire).and_then(limit_of));
    match (items, total, offset, limit) {
        (Some((items, item)), Some(total), Some(offset), limit @ (None | Some(Some(_)))) => {
            op.paginate = Some(Paginate {
                items,
                item,
                total: total.ident.clone(),
                total_ty: total.ty.clone(),
                offset,
                limit: limit.flatten(),
            });
        }
        (None, ..) => fail(
            cx,
            format!(
                "`items: {}` is not a required array field of the response",
                p.items
            ),
        ),
        (_, None, ..) => fail(
            cx,
            format!(
                "`total: {}` is not a required integer field of the response",
                p.total
            ),
        ),
        (_, _, None, _) => fail(
            cx,
            format!(
                "`offset: {}` is not an optional `uint32` query parameter",
                p.offset
            ),
        ),
        (.., Some(None)) => fail(
            cx,
            "`limit` must be an optional `uint32` query parameter with a `maximum`".to_owned(),
        ),
    }
}

fn is_integer(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Integer | TypeRef::UInt32)
}

fn limit_of(q: &Param) -> Option<(crate::names::RustIdent, i64)> {
    q.range.max.map(|max| (q.ident.clone(), max))
}
