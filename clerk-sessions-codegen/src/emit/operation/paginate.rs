//! `into_stream()`: every item across pages, for operations with `x-paginate`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::emit::{Options, docs, ty};
use crate::model::{Operation, TypeRef};

pub(super) fn into_stream(op: &Operation, opts: &Options<'_>) -> Option<TokenStream> {
    let p = op.paginate.as_ref()?;
    let rt = &opts.runtime;
    let name = &op.name;
    let item = ty(&p.item);
    let items = p.items.to_ident();
    let total = p.total.to_ident();
    let offset = p.offset.to_ident();
    let total_value = match p.total_ty {
        TypeRef::Integer => quote!(page.#total),
        _ => quote!(i64::from(page.#total)),
    };
    let (limit, page_size, limit_doc) = match &p.limit {
        Some((field, max)) => {
            let field = field.to_ident();
            let max_lit = u32::try_from(*max).map_or_else(
                |_| Literal::u32_unsuffixed(u32::MAX),
                Literal::u32_unsuffixed,
            );
            (
                Some(quote! {
                    if builder.#field.is_none() {
                        builder.#field = Some(#max_lit);
                    }
                }),
                quote!(builder.#field),
                format!(
                    "Pages hold the limit you set, or {max} (the largest allowed) when you set none."
                ),
            )
        }
        None => (None, quote!(None), String::new()),
    };
    let limit_doc = docs::attrs(&[limit_doc]);
    let mutable = limit.is_some().then(|| quote!(mut));
    Some(quote! {
        /// Every item across all pages, as a stream: pages are fetched one after the
        /// other by offset, from the offset you set or 0, until the total is reached.
        #limit_doc
        ///
        /// An error ends the stream after it is yielded. A server whose pages do not
        /// end (a repeated page, more full pages than its total allows, an offset
        /// past `u32::MAX`) ends it with `Error::Pagination`.
        pub fn into_stream(
            self,
        ) -> impl #rt::Stream<Item = Result<#item, Error>> + 'a {
            let #mutable builder = self;
            #limit
            let start = builder.#offset.unwrap_or(0);
            let page_size = #page_size;
            __private::paginate(#name, builder, start, page_size, |builder: Self, offset: u32| async move {
                let page = builder.#offset(offset).send().await?;
                Ok((page.#items, #total_value))
            })
        }
    })
}
