//! `into_stream()`: every item across pages, for operations with `x-paginate`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::emit::{Options, docs, ty};
use crate::model::{Operation, TypeRef};
use crate::names::own::{
    BORROW, ERROR, INTO_STREAM, OFFSET, PAGE, PAGE_BUILDER, PAGE_SIZE, SEND, START,
};

/// The builder's `into_stream()` (on async clients), when the operation pages.
pub(super) fn into_stream(op: &Operation, opts: &Options<'_>) -> Option<TokenStream> {
    let p = op.paginate.as_ref()?;
    let rt = &opts.runtime;
    let builder_type = op.builder_ident.to_ident();
    let name = &op.name;
    let item = ty(&p.item);
    let (items, total, offset) = (p.items.to_ident(), p.total.to_ident(), p.offset.to_ident());
    let total_value = match p.total_ty {
        TypeRef::Integer => quote!(#PAGE.#total),
        _ => quote!(i64::from(#PAGE.#total)),
    };
    let mut doc = vec![
        "Every item across all pages, as a stream: pages are fetched one after the".to_owned(),
        "other by offset, from the offset you set or 0, until the total is reached.".to_owned(),
    ];
    let page_size = match &p.limit {
        Some((field, _)) => {
            let field = field.to_ident();
            quote!(#PAGE_BUILDER.#field)
        }
        None => quote!(None),
    };
    let limit = p.limit.as_ref().map(|(field, max)| {
        doc.push(format!(
            "Pages hold the limit you set, or {max} (the largest allowed) when you set none."
        ));
        let field = field.to_ident();
        let max_lit = u32::try_from(*max).map_or_else(
            |_| Literal::u32_unsuffixed(u32::MAX),
            Literal::u32_unsuffixed,
        );
        quote! {
            if #PAGE_BUILDER.#field.is_none() {
                #PAGE_BUILDER.#field = Some(#max_lit);
            }
        }
    });
    doc.extend([
        String::new(),
        "An error ends the stream after it is yielded. A server whose pages do not".to_owned(),
        "end (a repeated page, more full pages than its total allows, an offset".to_owned(),
        "past `u32::MAX`) ends it with `Error::Pagination`.".to_owned(),
    ]);
    let doc = docs::attrs(&doc);
    let mutable = limit.is_some().then(|| quote!(mut));
    Some(quote! {
        impl<#BORROW> #builder_type<#BORROW> {
            #doc
            pub fn #INTO_STREAM(self) -> impl #rt::Stream<Item = Result<#item, #ERROR>> + #BORROW {
                let #mutable #PAGE_BUILDER = self;
                #limit
                let #START = #PAGE_BUILDER.#offset.unwrap_or(0);
                let #PAGE_SIZE = #page_size;
                __private::paginate(#name, #PAGE_BUILDER, #START, #PAGE_SIZE, |#PAGE_BUILDER: Self, #OFFSET: u32| async move {
                    let #PAGE = #PAGE_BUILDER.#offset(#OFFSET).#SEND().await?;
                    Ok((#PAGE.#items, #total_value))
                })
            }
        }
    })
}
