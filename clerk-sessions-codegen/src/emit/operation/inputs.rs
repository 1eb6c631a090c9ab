//! How one input is taken (argument or setter), stored on the builder, and
//! declared.

use proc_macro2::TokenStream;
use quote::quote;

use super::Input;
use super::doc::param_doc;
use crate::emit::{docs, ty};
use crate::model::{Location, Param, TypeRef};
use crate::names::own::{BODY, BORROW, BYTES_TYPE, SECRET, VALUE};

/// How a positional argument is declared.
pub(super) fn arg_decl(i: &Input<'_>) -> TokenStream {
    let (p, id) = (i.param, i.name.to_ident());
    if p.location == Location::Path {
        let t = path_ty(&p.ty);
        return quote!(#id: #t);
    }
    match converted(&p.ty) {
        Some((arg, _)) => quote!(#id: #arg),
        None => {
            let t = ty(&p.ty);
            quote!(#id: #t)
        }
    }
}

/// How a taken value becomes the stored one.
type Convert = fn(TokenStream) -> TokenStream;

/// Strings (and arrays of them, and secrets of either) are taken as
/// `impl Into<String>` (`impl IntoIterator<Item = impl Into<String>>`), and
/// the bytes of a raw body as `impl Into<Bytes>`: the argument's type and
/// how a value of it becomes the stored one.
fn converted(t: &TypeRef) -> Option<(TokenStream, Convert)> {
    match t {
        TypeRef::Bytes => Some((
            quote!(impl Into<#BYTES_TYPE>),
            |v| quote!(__private::OctetStream(#v.into())),
        )),
        TypeRef::String => Some((quote!(impl Into<String>), |v| quote!(#v.into()))),
        TypeRef::Array(inner) if **inner == TypeRef::String => Some((
            quote!(impl IntoIterator<Item = impl Into<String>>),
            |v| quote!(#v.into_iter().map(Into::into).collect()),
        )),
        TypeRef::Secret(inner) if **inner == TypeRef::String => Some((
            quote!(impl Into<String>),
            |v| quote!(#SECRET::new(#v.into())),
        )),
        TypeRef::Secret(_) => Some((
            quote!(impl IntoIterator<Item = impl Into<String>>),
            |v| quote!(#SECRET::new(#v.into_iter().map(Into::into).collect())),
        )),
        _ => None,
    }
}

/// Stores a positional argument in its field: `id`, `id: id.into()`, or
/// for a body field whose argument is named otherwise, `id: id_body`.
pub(super) fn field_init(i: &Input<'_>) -> TokenStream {
    let (p, field, arg) = (i.param, i.param.ident.to_ident(), i.name.to_ident());
    let as_is = if i.name == &p.ident {
        quote!(#field)
    } else {
        quote!(#field: #arg)
    };
    match converted(&p.ty) {
        Some((_, convert)) if p.location != Location::Path => {
            let value = convert(quote!(#arg));
            quote!(#field: #value)
        }
        _ => as_is,
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
            quote!(&#BORROW #t)
        }
        TypeRef::Integer | TypeRef::UInt32 | TypeRef::Number | TypeRef::Boolean => ty(t),
        _ => quote!(&#BORROW str),
    }
}

pub(super) fn setter(i: &Input<'_>) -> TokenStream {
    let (p, id, name) = (i.param, i.param.ident.to_ident(), i.name.to_ident());
    let doc = docs::attrs(&param_doc(p, true));
    let target = if i.in_body {
        quote!(self.#BODY.#id)
    } else {
        quote!(self.#id)
    };
    let (arg, value) = match converted(&p.ty) {
        Some((arg, convert)) => (quote!(#VALUE: #arg), convert(quote!(#VALUE))),
        None => {
            let t = ty(&p.ty);
            (quote!(#VALUE: #t), quote!(#VALUE))
        }
    };
    quote! {
        #doc
        pub fn #name(mut self, #arg) -> Self {
            #target = Some(#value);
            self
        }
    }
}
