//! String enums: closed ones refuse values they do not know, open ones keep
//! them in an `Unknown(String)` variant.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::doc_of;
use crate::emit::{Options, docs};
use crate::model::TypeDef;
use crate::names::RustIdent;
use crate::names::own::{AS_STR, DE, DESERIALIZER, DESERIALIZER_ARG, KNOWN, TEXT, UNKNOWN, VALUE};

/// The enum's variants, each as its wire value and Rust name.
struct Variants {
    wires: Vec<Literal>,
    idents: Vec<Ident>,
}

pub(super) fn emit(
    t: &TypeDef,
    variants: &[(String, RustIdent)],
    open: bool,
    opts: &Options<'_>,
) -> TokenStream {
    let name = t.ident.to_ident();
    let doc = doc_of(t, format!("One of the values of `{}`.", t.ident));
    let decls = variants.iter().map(|(wire, v)| {
        let v = v.to_ident();
        let text = if wire.is_empty() {
            "The empty string.".to_owned()
        } else {
            docs::code(wire)
        };
        let d = docs::attrs(&[text]);
        quote!(#d #v)
    });
    // Escaped once, interpolated three or four times.
    let v = Variants {
        wires: variants.iter().map(|(w, _)| Literal::string(w)).collect(),
        idents: variants.iter().map(|(_, v)| v.to_ident()).collect(),
    };
    let (unknown_decl, non_exhaustive) = if open {
        (
            quote! {
                /// A value this version does not know yet, kept as sent.
                #UNKNOWN(String),
            },
            quote!(#[non_exhaustive]),
        )
    } else {
        (quote!(), quote!())
    };
    let methods = methods(&name, &v, open);
    let from_str = from_str(t, &name, &v, open, opts);
    let deserialize = deserialize(&name, &v, open);
    let rt = &opts.runtime;
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #non_exhaustive
        pub enum #name {
            #(#decls,)*
            #unknown_decl
        }

        #methods
        #from_str
        // `AsRef<str>`, `Display` and `Serialize` through `as_str`: the same for every enum.
        #rt::__str_enum_impls!(#name);
        #deserialize
    }
}

/// `as_str()` and the private `__known(text)`.
fn methods(name: &Ident, v: &Variants, open: bool) -> TokenStream {
    let (wires, idents) = (&v.wires, &v.idents);
    let unknown = open.then(|| quote!(#name::#UNKNOWN(#VALUE) => #VALUE,));
    quote! {
        impl #name {
            /// The value as sent on the wire.
            pub fn #AS_STR(&self) -> &str {
                match self {
                    #(#name::#idents => #wires,)*
                    #unknown
                }
            }
            fn #KNOWN(#TEXT: &str) -> Option<Self> {
                match #TEXT {
                    #(#wires => Some(#name::#idents),)*
                    _ => None,
                }
            }
        }
    }
}

/// `FromStr`: infallible for an open enum, an error naming the values for a closed one.
fn from_str(
    t: &TypeDef,
    name: &Ident,
    v: &Variants,
    open: bool,
    opts: &Options<'_>,
) -> TokenStream {
    let rt = &opts.runtime;
    let wires = &v.wires;
    let name_str = t.ident.to_string();
    if open {
        quote! {
            impl ::core::str::FromStr for #name {
                type Err = ::core::convert::Infallible;
                fn from_str(#TEXT: &str) -> Result<Self, Self::Err> {
                    Ok(#name::#KNOWN(#TEXT).unwrap_or_else(|| #name::#UNKNOWN(#TEXT.to_owned())))
                }
            }
        }
    } else {
        quote! {
            impl ::core::str::FromStr for #name {
                type Err = #rt::ParseError;
                fn from_str(#TEXT: &str) -> Result<Self, Self::Err> {
                    #name::#KNOWN(#TEXT).ok_or_else(|| #rt::ParseError::__unknown_variant(#name_str, #TEXT, &[#(#wires),*]))
                }
            }
        }
    }
}

fn deserialize(name: &Ident, v: &Variants, open: bool) -> TokenStream {
    let wires = &v.wires;
    let unknown = if open {
        quote!(Some(#name::#UNKNOWN))
    } else {
        quote!(None)
    };
    quote! {
        impl<#DE> ::serde::Deserialize<#DE> for #name {
            fn deserialize<#DESERIALIZER: ::serde::Deserializer<#DE>>(#DESERIALIZER_ARG: #DESERIALIZER) -> Result<Self, #DESERIALIZER::Error> {
                __private::deserialize_enum(#DESERIALIZER_ARG, #name::#KNOWN, #unknown, &[#(#wires),*])
            }
        }
    }
}
