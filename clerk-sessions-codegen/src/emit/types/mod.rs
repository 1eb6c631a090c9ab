//! Named types from the typing file: ID newtypes, enums (`enums`), structs
//! and tagged unions (`structs`). The body structs of operations are in
//! `body`, the "at least one of" filters in `filter`.

mod enums;
mod structs;

use proc_macro2::TokenStream;
use quote::quote;

use super::{Options, docs};
use crate::model::{TypeDef, TypeDefKind};

pub(crate) use structs::structure;

/// The type's description, or `fallback` when it has none.
fn doc_of(t: &TypeDef, fallback: String) -> TokenStream {
    let lines = t
        .description
        .as_deref()
        .map(docs::sanitize)
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| vec![fallback]);
    docs::attrs(&lines)
}

pub(crate) fn typedef(t: &TypeDef, opts: &Options<'_>) -> TokenStream {
    match &t.kind {
        TypeDefKind::Id => id(t, opts),
        TypeDefKind::Enum { variants, open } => enums::emit(t, variants, *open, opts),
        TypeDefKind::Struct { fields } => {
            let doc = doc_of(t, format!("The `{}` object.", t.ident));
            structure(&t.ident, doc, fields.iter(), true)
        }
        TypeDefKind::ObjectOrArray {
            before,
            items,
            after,
        } => structs::object_or_array(t, (before, items, after)),
        TypeDefKind::Tagged { tag, variants } => structs::tagged(t, tag, variants),
        TypeDefKind::Untagged { variants } => structs::untagged(t, variants),
    }
}

fn id(t: &TypeDef, opts: &Options<'_>) -> TokenStream {
    let rt = &opts.runtime;
    let name = t.ident.to_ident();
    let doc = doc_of(t, format!("A non-empty string (`{}`).", t.ident));
    // The impls are the same for every ID type, so they live in the runtime.
    quote! {
        #doc
        ///
        /// Any non-empty string is accepted, when parsing and when deserialising; it is
        /// percent-encoded when it becomes part of a URL.
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct #name(String);

        #rt::__id_impls!(#name);
    }
}
