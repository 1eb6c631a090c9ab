//! The "at least one of" argument of an operation (`x-require-one-of` in the
//! typing file): a struct built from one value or a pair, so that a call
//! without any of them does not compile.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::wire::{Put, put, range_check};
use super::{docs, ty};
use crate::model::{OneOf, Operation, Param};
use crate::names::own::{APPLY, FIRST, REQUEST, SECOND, VALUE};

pub(crate) fn emit(op: &Operation, one_of: &OneOf) -> TokenStream {
    let name = one_of.ident.to_ident();
    let members = &one_of.members;
    let doc = docs::attrs(&doc(op, members));
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
            pub fn #id(mut self, #VALUE: #t) -> Self {
                self.#id = Some(#VALUE);
                self
            }
        }
    });
    // Members are optional query parameters: each is checked and added when set.
    let checks = members.iter().filter_map(|p| range_check(p, quote!(self)));
    let apply = members.iter().map(|p| put(p, Put::Query));
    let froms = froms(&name, members);
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        pub struct #name {
            #(#fields,)*
        }

        impl #name {
            #(#setters)*

            fn #APPLY(&self, #REQUEST: &mut __private::Request<'_>) {
                #(#checks)*
                #(#apply)*
            }
        }

        #(#froms)*
    }
}

fn doc(op: &Operation, members: &[Param]) -> Vec<String> {
    let list = members
        .iter()
        .map(|p| docs::code(&p.wire))
        .collect::<Vec<_>>()
        .join(", ");
    let mut lines = vec![format!(
        "The filter of `{}`: at least one of {list}, so a call without one does not compile.",
        op.fn_ident
    )];
    if let [a, b, ..] = members {
        lines.push(String::new());
        lines.push(format!(
            "Build it from one value (`{a}.into()`) or a pair (`({a}, {b}).into()`).",
            a = a.ident,
            b = b.ident
        ));
    }
    lines
}

/// `From` each member's type, and from each ordered pair of them.
fn froms(name: &Ident, members: &[Param]) -> Vec<TokenStream> {
    let mut out = Vec::new();
    for (i, a) in members.iter().enumerate() {
        let ta = ty(&a.ty);
        let single = members.iter().enumerate().map(|(j, p)| {
            let id = p.ident.to_ident();
            if i == j {
                quote!(#id: Some(#VALUE))
            } else {
                quote!(#id: None)
            }
        });
        out.push(quote! {
            impl From<#ta> for #name {
                fn from(#VALUE: #ta) -> Self {
                    #name { #(#single,)* }
                }
            }
        });
        for b in members.iter().filter(|b| b.wire != a.wire) {
            let idb = b.ident.to_ident();
            let tb = ty(&b.ty);
            out.push(quote! {
                impl From<(#ta, #tb)> for #name {
                    fn from((#FIRST, #SECOND): (#ta, #tb)) -> Self {
                        #name::from(#FIRST).#idb(#SECOND)
                    }
                }
            });
        }
    }
    out
}
