//! The "at least one of" argument of an operation (`x-require-one-of` in the
//! typing file): a struct built from one value or a pair, so that a call
//! without any of them does not compile.

use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, ty};
use crate::model::{OneOf, Operation, Param, TypeRef};

pub(crate) fn emit(op: &Operation, one_of: &OneOf) -> TokenStream {
    let name = one_of.ident.to_ident();
    let members: Vec<&Param> = one_of
        .members
        .iter()
        .filter_map(|i| op.query.get(*i))
        .collect();
    let list = members
        .iter()
        .map(|p| docs::code(&p.wire))
        .collect::<Vec<_>>()
        .join(", ");
    let mut doc_lines = vec![format!(
        "The filter of `{}`: at least one of {list}, so a call without one does not compile.",
        op.fn_ident
    )];
    if let [a, b, ..] = members.as_slice() {
        doc_lines.push(String::new());
        doc_lines.push(format!(
            "Build it from one value (`{a}.into()`) or a pair (`({a}, {b}).into()`).",
            a = a.ident,
            b = b.ident
        ));
    }
    let doc = docs::attrs(&doc_lines);
    let fields = members.iter().map(|p| {
        let id = p.ident.to_ident();
        let t = ty(&p.ty);
        quote!(#id: Option<#t>)
    });
    let setters = members.iter().map(|p| {
        let id = p.ident.to_ident();
        let t = ty(&p.ty);
        let d = docs::attrs(&[format!("Also filter by {}.", docs::code(&p.wire))]);
        quote! {
            #d
            pub fn #id(mut self, value: #t) -> Self {
                self.#id = Some(value);
                self
            }
        }
    });
    let apply = members.iter().map(|p| {
        let id = p.ident.to_ident();
        let wire = &p.wire;
        let value = if matches!(p.ty, TypeRef::Named(..)) {
            quote!(value.as_ref())
        } else {
            quote!(value)
        };
        quote! {
            if let Some(value) = &self.#id {
                request.query(#wire, #value);
            }
        }
    });
    let mut froms = Vec::new();
    for (i, a) in members.iter().enumerate() {
        let ta = ty(&a.ty);
        let single = members.iter().enumerate().map(|(j, p)| {
            let id = p.ident.to_ident();
            if i == j {
                quote!(#id: Some(value))
            } else {
                quote!(#id: None)
            }
        });
        froms.push(quote! {
            impl From<#ta> for #name {
                fn from(value: #ta) -> Self {
                    #name { #(#single,)* }
                }
            }
        });
        for b in members.iter().filter(|b| b.wire != a.wire) {
            let idb = b.ident.to_ident();
            let tb = ty(&b.ty);
            froms.push(quote! {
                impl From<(#ta, #tb)> for #name {
                    fn from((a, b): (#ta, #tb)) -> Self {
                        #name::from(a).#idb(b)
                    }
                }
            });
        }
    }
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        pub struct #name {
            #(#fields,)*
        }

        impl #name {
            #(#setters)*

            fn apply(&self, request: &mut __private::Request<'_>) {
                #(#apply)*
            }
        }

        #(#froms)*
    }
}
