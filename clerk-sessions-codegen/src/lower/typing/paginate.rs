//! `x-paginate`: checks that the named response fields and query parameters
//! exist with usable types, and describes the operation's paging.

use std::collections::BTreeMap;

use crate::lower::Ctx;
use crate::lower::reader::pos;
use crate::model::{Paginate, Param, Reply, TypeDef, TypeDefKind, TypeRef};
use crate::names::RustIdent;
use crate::spec::Spanned;
use crate::spec::typing::PaginateTyping;

/// What paging reads of the operation.
pub(crate) struct Target<'o> {
    /// The operation's name.
    pub(crate) name: &'o str,
    /// What kind of answer a success is (pages are JSON).
    pub(crate) reply: Reply,
    /// Its response type.
    pub(crate) response: &'o TypeRef,
    /// Its query parameters.
    pub(crate) query: &'o [Param],
    /// The module's named types, by name.
    pub(crate) types: &'o BTreeMap<RustIdent, &'o TypeDef>,
}

/// The operation's paging, or `None` after reporting why `paging` does not fit it.
pub(crate) fn lower(
    cx: &mut Ctx<'_, '_>,
    op: &Target<'_>,
    paging: &Spanned<PaginateTyping>,
    path: &str,
) -> Option<Paginate> {
    let at = pos(&paging.referenced);
    if op.reply != Reply::Json {
        cx.error(
            at,
            path,
            "`x-paginate` needs pages of JSON, but `x-response` is not `json`".into(),
            "remove `x-paginate`, or `x-response`",
        );
        return None;
    }
    let p = &paging.value;
    let mut fail = |message: String| {
        cx.error(
            at,
            path,
            message,
            "`x-paginate` names an array and an integer field of the response, and optional integer query parameters",
        );
        None
    };
    let Some(fields) = response_fields(op) else {
        return fail(format!(
            "`{}` must return a named object type to be paginated",
            op.name
        ));
    };
    let (items, total) = (items(&fields, &p.items), total(&fields, &p.total));
    let offset = paging_param(op, &p.offset).map(|q| q.ident.clone());
    let limit = p
        .limit
        .as_deref()
        .map(|wire| paging_param(op, wire).and_then(limit_of));
    match (items, total, offset, limit) {
        (Some((items, item)), Some(total), Some(offset), limit @ (None | Some(Some(_)))) => {
            Some(Paginate {
                items,
                item,
                total: total.ident.clone(),
                total_ty: total.ty.clone(),
                offset,
                limit: limit.flatten(),
            })
        }
        (None, ..) => fail(format!(
            "`items: {}` is not a required array field of the response",
            p.items
        )),
        (_, None, ..) => fail(format!(
            "`total: {}` is not a required integer field of the response",
            p.total
        )),
        (_, _, None, _) => fail(format!(
            "`offset: {}` is not an optional `uint32` query parameter",
            p.offset
        )),
        (.., Some(None)) => fail(
            "`limit` must be an optional `uint32` query parameter with a `maximum` of at least 1"
                .to_owned(),
        ),
    }
}

/// The optional `uint32` query parameter `wire`.
fn paging_param<'o>(op: &Target<'o>, wire: &str) -> Option<&'o Param> {
    op.query
        .iter()
        .find(|q| q.wire == wire && !q.required && q.constant.is_none() && q.ty == TypeRef::UInt32)
}

/// A field of the response, as paging reads it.
struct Field {
    wire: String,
    ident: RustIdent,
    ty: TypeRef,
    required: bool,
}

/// The fields of the operation's response, when it is a named struct.
fn response_fields(op: &Target<'_>) -> Option<Vec<Field>> {
    let TypeRef::Named(ident, _) = op.response else {
        return None;
    };
    let of = |f: &Param| Field {
        wire: f.wire.clone(),
        ident: f.ident.clone(),
        ty: f.ty.clone(),
        required: f.required,
    };
    let t = op.types.get(ident)?;
    match &t.kind {
        TypeDefKind::Struct { fields } => Some(fields.iter().map(of).collect()),
        TypeDefKind::ObjectOrArray {
            before,
            items,
            after,
        } => {
            let array = Field {
                wire: items.wire.clone(),
                ident: items.ident.clone(),
                ty: TypeRef::Array(Box::new(items.item.clone())),
                required: items.required,
            };
            let mut fields: Vec<Field> = before.iter().map(of).collect();
            fields.push(array);
            fields.extend(after.iter().map(of));
            Some(fields)
        }
        _ => None,
    }
}

/// The response field holding one page, and the type of its items.
fn items(fields: &[Field], wire: &str) -> Option<(RustIdent, TypeRef)> {
    let f = fields.iter().find(|f| f.wire == wire)?;
    match &f.ty {
        TypeRef::Array(item) if f.required => Some((f.ident.clone(), (**item).clone())),
        _ => None,
    }
}

/// The response field holding the total count.
fn total<'f>(fields: &'f [Field], wire: &str) -> Option<&'f Field> {
    fields
        .iter()
        .find(|f| f.wire == wire)
        .filter(|f| f.required && is_integer(&f.ty))
}

fn is_integer(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Integer | TypeRef::UInt32)
}

/// The limit parameter and its largest value, the page size when the
/// caller sets none (which must let a page hold an item).
fn limit_of(q: &Param) -> Option<(RustIdent, i64)> {
    q.range
        .max
        .filter(|max| *max >= 1)
        .map(|max| (q.ident.clone(), max))
}
