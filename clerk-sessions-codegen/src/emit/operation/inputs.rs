//! How one input is taken (argument or setter), stored on the builder, and
//! declared.

use proc_macro2::TokenStream;
use quote::quote;

use super::Input;
use super::doc::param_doc;
use crate::emit::{docs, ty};
use crate::model::{Location, Param, TypeRef};

/// How a positional argument is declared.
pub(super) fn arg_decl(p: &Param) -> TokenStream {
    let id = p.ident.to_ident();
    if p.location == Location::Path {
        let t = path_ty(&p.ty);
        return quote!(#id: #t);
    }
    match &p.ty {
        TypeRef::String => quote!(#id: impl Into<String>),
        TypeRef::Array(inner) if **inner == TypeRef::String => {
            quote!(#id: impl IntoIterator<Item = impl Into<String>>)
        }
        other => {
            let t = ty(other);
            quote!(#id: #t)
        }
    }
}

/// Stores a positional argument in its field: `id` or `id: id.into()`.
pub(super) fn field_init(p: &Param) -> TokenStream {
    let id = p.ident.to_ident();
    if p.location == Location::Path {
        return quote!(#id);
    }
    match &p.ty {
        TypeRef::String => quote!(#id: #id.into()),
        TypeRef::Array(inner) if **inner == TypeRef::String => {
            quote!(#id: #id.into_iter().map(Into::into).collect())
        }
        _ => quote!(#id),
    }
}

/// The stored type of a non-body input.
pub(super) fn field_ty(p: &Param) -> TokenStream {
    if p.location == Location::Path {
        return path_ty(&p.ty);
    }
    let t = ty(&p.ty);
    if p.required { t } else { quote!(Option<#t>) }
}

/// How a path parameter is taken and stored: numbers and booleans by value,
/// IDs by reference, anything else as `&str`.
pub(super) fn path_ty(t: &TypeRef) -> TokenStream {
    match t {
        TypeRef::Named(..) => {
            let t = ty(t);
            quote!(&'a #t)
        }
        TypeRef::Integer | TypeRef::UInt32 | TypeRef::Number | TypeRef::Boolean => ty(t),
        _ => quote!(&'a str),
    }
}

pub(super) fn setter(i: &Input<'_>) -> TokenStream {
    let p = i.param;
    let id = p.ident.to_ident();
    let doc = docs::attrs(&param_doc(p, true));
    let target = if i.in_body {
        quote!(self.body.#id)
    } else {
        quote!(self.#id)
    };
    let (arg, value) = match &p.ty {
        TypeRef::String => (quote!(value: impl Into<String>), quote!(value.into())),
        TypeRef::Array(inner) if **inner == TypeRef::String => (
            quote!(value: impl IntoIterator<Item = impl Into<String>>),
            quote!(value.into_iter().map(Into::into).collect()),
        ),
        other => {
            let t = ty(other);
            (quote!(value: #t), quote!(value))
        }
    };
    quote! {
        #doc
        pub fn #id(mut self, #arg) -> Self {
            #target = Some(#value);
            self
        }
    }
}
