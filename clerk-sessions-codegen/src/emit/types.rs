//! Named types from the typing file: ID newtypes, enums, structs and tagged
//! unions (the "at least one of" filters of operations are in `filter`).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{Options, docs, ty};
use crate::model::{Param, TypeDef, TypeDefKind, TypeRef};
use crate::names::RustIdent;

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
        TypeDefKind::Enum { variants, open } => enumeration(t, variants, *open, opts),
        TypeDefKind::Struct {
            fields,
            bare_array_field,
        } => structure(t, fields, *bare_array_field),
        TypeDefKind::Tagged { tag, variants } => tagged(t, tag, variants),
    }
}

fn id(t: &TypeDef, opts: &Options<'_>) -> TokenStream {
    let rt = &opts.runtime;
    let name = t.ident.to_ident();
    let name_str = t.ident.to_string();
    let doc = doc_of(
        t,
        format!("An ID: an opaque, non-empty string ({name_str})."),
    );
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

fn enumeration(
    t: &TypeDef,
    variants: &[(String, RustIdent)],
    open: bool,
    opts: &Options<'_>,
) -> TokenStream {
    let rt = &opts.runtime;
    let name = t.ident.to_ident();
    let name_str = t.ident.to_string();
    let doc = doc_of(t, format!("One of the values of `{name_str}`."));
    let decls = variants.iter().map(|(wire, v)| {
        let v = v.to_ident();
        let d = docs::attrs(&[docs::code(wire)]);
        quote!(#d #v)
    });
    // Escaped once, interpolated three or four times.
    let wires: Vec<Literal> = variants.iter().map(|(w, _)| Literal::string(w)).collect();
    let idents: Vec<proc_macro2::Ident> = variants.iter().map(|(_, v)| v.to_ident()).collect();
    let (unknown_decl, unknown_str, non_exhaustive, unknown_fn) = if open {
        (
            quote! {
                /// A value this version does not know yet, kept as sent.
                Unknown(String),
            },
            quote!(#name::Unknown(value) => value,),
            quote!(#[non_exhaustive]),
            quote!(Some(#name::Unknown)),
        )
    } else {
        (quote!(), quote!(), quote!(), quote!(None))
    };
    let from_str = if open {
        quote! {
            impl ::core::str::FromStr for #name {
                type Err = ::core::convert::Infallible;
                fn from_str(s: &str) -> Result<Self, Self::Err> {
                    Ok(#name::__known(s).unwrap_or_else(|| #name::Unknown(s.to_owned())))
                }
            }
        }
    } else {
        quote! {
            impl ::core::str::FromStr for #name {
                type Err = #rt::ParseError;
                fn from_str(s: &str) -> Result<Self, Self::Err> {
                    #name::__known(s).ok_or_else(|| #rt::ParseError::__unknown_variant(#name_str, s, &[#(#wires),*]))
                }
            }
        }
    };
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #non_exhaustive
        pub enum #name {
            #(#decls,)*
            #unknown_decl
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#name::#idents => #wires,)*
                    #unknown_str
                }
            }
            fn __known(s: &str) -> Option<Self> {
                match s {
                    #(#wires => Some(#name::#idents),)*
                    _ => None,
                }
            }
        }
        #from_str
        // `AsRef<str>`, `Display` and `Serialize` through `as_str`: the same for every enum.
        #rt::__str_enum_impls!(#name);
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                __private::deserialize_enum(deserializer, #name::__known, #unknown_fn, &[#(#wires),*])
            }
        }
    }
}

/// Field declarations with their serde attributes and docs.
fn field_decls(fields: &[Param], public: bool) -> Vec<TokenStream> {
    fields
        .iter()
        .map(|f| {
            let id = f.ident.to_ident();
            let t = ty(&f.ty);
            let wire = &f.wire;
            let rename = (f.ident.as_str() != f.wire).then(|| quote!(#[serde(rename = #wire)]));
            let vis = public.then(|| quote!(pub));
            let doc = docs::attrs(&field_doc(f));
            if f.required {
                quote!(#doc #rename #vis #id: #t)
            } else {
                quote! {
                    #doc
                    #rename
                    #[serde(default, skip_serializing_if = "Option::is_none")]
                    #vis #id: Option<#t>
                }
            }
        })
        .collect()
}

fn field_doc(f: &Param) -> Vec<String> {
    let mut lines = f
        .description
        .as_deref()
        .map(docs::sanitize)
        .unwrap_or_default();
    if lines.is_empty() {
        lines.push(format!("{}.", docs::code(&f.wire)));
    }
    if let (Some(min), Some(max)) = (f.range.min, f.range.max) {
        lines.push(String::new());
        lines.push(format!("Between {min} and {max}; checked before sending."));
    }
    lines
}

fn structure(t: &TypeDef, fields: &[Param], bare: Option<usize>) -> TokenStream {
    let name = t.ident.to_ident();
    let doc = doc_of(t, format!("The `{}` object.", t.ident));
    let decls = field_decls(fields, true);
    let Some(bare) = bare.and_then(|i| fields.get(i)) else {
        return quote! {
            #doc
            #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            pub struct #name {
                #(#decls,)*
            }
        };
    };
    let private = field_decls(fields, false);
    let idents: Vec<proc_macro2::Ident> = fields.iter().map(|f| f.ident.to_ident()).collect();
    let item = match &bare.ty {
        TypeRef::Array(item) => ty(item),
        _ => quote!(::serde_json::Value),
    };
    let from_array = fields.iter().map(|f| {
        let id = f.ident.to_ident();
        if f.wire == bare.wire {
            quote!(#id: items)
        } else if !f.required {
            quote!(#id: None)
        } else {
            let t = ty(&f.ty);
            quote!(#id: #t::try_from(count).unwrap_or(#t::MAX))
        }
    });
    let doc_bare = docs::attrs(&[format!(
        "Decodes from `{{..}}`, or from a bare JSON array that becomes {}.",
        docs::code(&bare.wire)
    )]);
    quote! {
        #doc
        ///
        #doc_bare
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize)]
        pub struct #name {
            #(#decls,)*
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #[derive(::serde::Deserialize)]
                struct Object {
                    #(#private,)*
                }
                __private::object_or_array(
                    deserializer,
                    |object: Object| #name { #(#idents: object.#idents,)* },
                    |items: Vec<#item>| {
                        let count = items.len();
                        #name { #(#from_array,)* }
                    },
                )
            }
        }
    }
}

fn tagged(t: &TypeDef, tag: &str, variants: &[(String, RustIdent, RustIdent)]) -> TokenStream {
    let name = t.ident.to_ident();
    let doc = doc_of(
        t,
        format!("One of several objects, chosen by {}.", docs::code(tag)),
    );
    let decls = variants.iter().map(|(wire, v, payload)| {
        let v = v.to_ident();
        let p = payload.to_ident();
        let d = docs::attrs(&[docs::code(&format!("{tag}: {wire}"))]);
        quote!(#d #v(#p))
    });
    let arms = variants.iter().map(|(wire, v, payload)| {
        let v = v.to_ident();
        let p = payload.to_ident();
        quote!(#wire => Some(__private::serde_json::from_value::<#p>(value).map(#name::#v)),)
    });
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize)]
        #[serde(untagged)]
        pub enum #name {
            #(#decls,)*
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                __private::deserialize_tagged(deserializer, #tag, |tag, value| match tag {
                    #(#arms)*
                    _ => None,
                })
            }
        }
    }
}
