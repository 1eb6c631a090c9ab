//! Structs (some of which also decode from a bare JSON array), and unions,
//! tagged or not.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::doc_of;
use crate::emit::{docs, ty};
use crate::model::{ArrayField, Param, TypeDef, TypeRef};
use crate::names::RustIdent;
use crate::names::own::{
    COUNT, DE, DESERIALIZER, DESERIALIZER_ARG, ITEMS, OBJECT, OBJECT_ARG, TAG, VALUE,
};

/// One field: its doc, serde attributes, visibility, name and type.
struct Field<'f> {
    wire: &'f str,
    ident: &'f RustIdent,
    ty: TokenStream,
    required: bool,
    doc: Vec<String>,
}

impl Field<'_> {
    fn decl(&self, public: bool) -> TokenStream {
        let (id, t, wire) = (self.ident.to_ident(), &self.ty, self.wire);
        let rename = (self.ident.as_str() != wire).then(|| quote!(#[serde(rename = #wire)]));
        let vis = public.then(|| quote!(pub));
        let doc = docs::attrs(&self.doc);
        if self.required {
            quote!(#doc #rename #vis #id: #t)
        } else {
            quote! {
                #doc
                #rename
                #[serde(default, skip_serializing_if = "Option::is_none")]
                #vis #id: Option<#t>
            }
        }
    }
}

impl Field<'_> {
    /// A public field without serde attributes.
    fn plain(&self) -> TokenStream {
        let (id, t) = (self.ident.to_ident(), &self.ty);
        let doc = docs::attrs(&self.doc);
        if self.required {
            quote!(#doc pub #id: #t)
        } else {
            quote!(#doc pub #id: Option<#t>)
        }
    }
}

fn field(f: &Param) -> Field<'_> {
    Field {
        wire: &f.wire,
        ident: &f.ident,
        ty: ty(&f.ty),
        required: f.required,
        doc: field_doc(f),
    }
}

fn array_field(f: &ArrayField) -> Field<'_> {
    let item = ty(&f.item);
    let mut doc = f
        .description
        .as_deref()
        .map(docs::sanitize)
        .unwrap_or_default();
    if doc.is_empty() {
        doc.push(format!("{}.", docs::code(&f.wire)));
    }
    Field {
        wire: &f.wire,
        ident: &f.ident,
        ty: quote!(Vec<#item>),
        required: f.required,
        doc,
    }
}

/// A field's description (or its wire name), and its bounds, which are
/// checked before sending when the field's type can break them.
fn field_doc(f: &Param) -> Vec<String> {
    let mut lines = f
        .description
        .as_deref()
        .map(docs::sanitize)
        .unwrap_or_default();
    if lines.is_empty() {
        lines.push(format!("{}.", docs::code(&f.wire)));
    }
    let bounds = match (f.range.min, f.range.max) {
        (Some(min), Some(max)) => format!("Between {min} and {max}"),
        (Some(min), None) => format!("At least {min}"),
        (None, Some(max)) => format!("At most {max}"),
        (None, None) => return lines,
    };
    let checked = if f.check().is_some() {
        "; checked before sending"
    } else {
        ""
    };
    lines.push(String::new());
    lines.push(format!("{bounds}{checked}."));
    lines
}

/// A plain struct with public fields.
/// Without `serde`, a struct that is never (de)serialised as a whole.
pub(crate) fn structure<'f>(
    ident: &RustIdent,
    doc: TokenStream,
    fields: impl Iterator<Item = &'f Param>,
    serde: bool,
) -> TokenStream {
    let name = ident.to_ident();
    let decls = fields.map(|f| {
        let field = field(f);
        if serde {
            field.decl(true)
        } else {
            field.plain()
        }
    });
    let derives = serde.then(|| quote!(, ::serde::Serialize, ::serde::Deserialize));
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq #derives)]
        pub struct #name {
            #(#decls,)*
        }
    }
}

/// A struct that also decodes from a bare JSON array, which fills `items`.
pub(super) fn object_or_array(
    t: &TypeDef,
    (before, items, after): (&[Param], &ArrayField, &[Param]),
) -> TokenStream {
    let name = t.ident.to_ident();
    let doc = doc_of(t, format!("The `{}` object.", t.ident));
    let all: Vec<Field<'_>> = before
        .iter()
        .map(field)
        .chain(std::iter::once(array_field(items)))
        .chain(after.iter().map(field))
        .collect();
    let decls = all.iter().map(|f| f.decl(true));
    let private = all.iter().map(|f| f.decl(false));
    let idents: Vec<Ident> = all.iter().map(|f| f.ident.to_ident()).collect();
    // A constant cannot be interpolated inside a repetition.
    let object = OBJECT_ARG;
    let item = ty(&items.item);
    let from_array = from_array(before, items, after);
    let doc_bare = docs::attrs(&[format!(
        "Decodes from `{{..}}`, or from a bare JSON array that becomes {}.",
        docs::code(&items.wire)
    )]);
    quote! {
        #doc
        ///
        #doc_bare
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize)]
        pub struct #name {
            #(#decls,)*
        }

        impl<#DE> ::serde::Deserialize<#DE> for #name {
            fn deserialize<#DESERIALIZER: ::serde::Deserializer<#DE>>(#DESERIALIZER_ARG: #DESERIALIZER) -> Result<Self, #DESERIALIZER::Error> {
                #[derive(::serde::Deserialize)]
                struct #OBJECT {
                    #(#private,)*
                }
                __private::object_or_array(
                    #DESERIALIZER_ARG,
                    |#OBJECT_ARG: #OBJECT| #name { #(#idents: #object.#idents,)* },
                    |#ITEMS: Vec<#item>| {
                        let #COUNT = #ITEMS.len();
                        #name { #(#from_array,)* }
                    }
                )
            }
        }
    }
}

/// The fields of a struct made from a bare array: the array, its length for
/// the required (integer) fields, nothing for the optional ones.
fn from_array(before: &[Param], items: &ArrayField, after: &[Param]) -> Vec<TokenStream> {
    let other = |f: &Param| {
        let id = f.ident.to_ident();
        if f.required {
            let t = ty(&f.ty);
            quote!(#id: #t::try_from(#COUNT).unwrap_or(#t::MAX))
        } else {
            quote!(#id: None)
        }
    };
    let id = items.ident.to_ident();
    let array = match (items.required, items.ident.as_str() == ITEMS.as_str()) {
        // `items: items` would be a redundant field name.
        (true, true) => quote!(#id),
        (true, false) => quote!(#id: #ITEMS),
        (false, _) => quote!(#id: Some(#ITEMS)),
    };
    before
        .iter()
        .map(other)
        .chain(std::iter::once(array))
        .chain(after.iter().map(other))
        .collect()
}

/// An enum of structs, chosen by the string property `tag`.
pub(super) fn tagged(
    t: &TypeDef,
    tag: &str,
    variants: &[(String, RustIdent, RustIdent)],
) -> TokenStream {
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
        quote!(#wire => Some(__private::serde_json::from_value::<#p>(#VALUE).map(#name::#v)),)
    });
    let decode = quote! {
        __private::deserialize_tagged(#DESERIALIZER_ARG, #tag, |#TAG, #VALUE| match #TAG {
            #(#arms)*
            _ => None,
        })
    };
    union_enum(&name, doc, decls, decode)
}

/// A union's enum, serialised as its variant's payload, with the
/// `Deserialize` impl whose body is `decode`.
fn union_enum(
    name: &Ident,
    doc: TokenStream,
    decls: impl Iterator<Item = TokenStream>,
    decode: TokenStream,
) -> TokenStream {
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize)]
        #[serde(untagged)]
        pub enum #name {
            #(#decls,)*
        }

        impl<#DE> ::serde::Deserialize<#DE> for #name {
            fn deserialize<#DESERIALIZER: ::serde::Deserializer<#DE>>(#DESERIALIZER_ARG: #DESERIALIZER) -> Result<Self, #DESERIALIZER::Error> {
                #decode
            }
        }
    }
}

/// An enum of several types without a tag, tried in turn (the lowering put
/// them in order: the member requiring the most properties first).
pub(super) fn untagged(t: &TypeDef, variants: &[(RustIdent, TypeRef)]) -> TokenStream {
    let name = t.ident.to_ident();
    let doc = doc_of(
        t,
        "One of several types, told apart by their required properties.".to_owned(),
    );
    let decls = variants.iter().map(|(v, payload)| {
        let what = match payload {
            TypeRef::Array(_) => "The value as an array.".to_owned(),
            _ => format!("The value as {}.", docs::code(v.as_str())),
        };
        let d = docs::attrs(&[what]);
        let v = v.to_ident();
        let p = ty(payload);
        quote!(#d #v(#p))
    });
    let tries = variants.iter().map(|(v, _)| {
        let v = v.to_ident();
        quote!(|#VALUE| __private::decode_ref(#VALUE).map(#name::#v))
    });
    let text = t.ident.as_str();
    let decode = quote!(__private::deserialize_untagged(#DESERIALIZER_ARG, #text, &[#(#tries),*]));
    union_enum(&name, doc, decls, decode)
}
