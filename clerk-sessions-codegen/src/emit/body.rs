//! The body of an operation: the struct its typing file's schema becomes,
//! and how `send()` hands it to the runtime (JSON, form, multipart or raw
//! bytes).

use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, types};
use crate::model::{Body, Encoding, Operation, Param, TypeRef};
use crate::names::own::{BODY, PARTS, REQUEST, VALUE};

pub(crate) fn emit(op: &Operation) -> TokenStream {
    let Some(Body::Typed {
        ident,
        fields,
        encoding,
        ..
    }) = &op.body
    else {
        return TokenStream::new();
    };
    let (kind, serde) = match encoding {
        Encoding::Json => ("JSON", true),
        Encoding::Form => ("form (`application/x-www-form-urlencoded`)", true),
        // Its parts are added one by one: no serde (a `File` is not data).
        Encoding::Multipart => ("multipart (`multipart/form-data`)", false),
    };
    let doc = docs::attrs(&[format!("The {kind} body of {}.", docs::code(&op.name))]);
    types::structure(ident, doc, fields.iter().map(|f| &f.field), serde)
}

/// The statements of `send()` that set the body.
pub(crate) fn send(op: &Operation) -> Option<TokenStream> {
    let (fields, required, encoding) = match op.body.as_ref()? {
        Body::Untyped { .. } => {
            return Some(quote! {
                if let Some(#BODY) = &self.#BODY {
                    #REQUEST.json_body(#BODY);
                }
            });
        }
        Body::List { items } => {
            let id = items.ident.to_ident();
            return Some(quote!(#REQUEST.json_body(&self.#id);));
        }
        Body::Bytes { bytes } => {
            let id = bytes.ident.to_ident();
            return Some(quote!(#REQUEST.octet_stream_body(self.#id);));
        }
        Body::Typed {
            fields,
            required,
            encoding,
            ..
        } => (fields, *required, *encoding),
    };
    Some(match (encoding, required) {
        (Encoding::Json, true) => quote!(#REQUEST.json_body(&self.#BODY);),
        (Encoding::Json, false) => quote!(#REQUEST.json_body_unless_empty(&self.#BODY);),
        (Encoding::Form, true) => quote!(#REQUEST.form_body(&self.#BODY);),
        (Encoding::Form, false) => quote!(#REQUEST.form_body_unless_empty(&self.#BODY);),
        (Encoding::Multipart, _) => {
            let parts = fields.iter().map(|f| part(&f.field));
            quote! {
                let mut #PARTS = __private::Multipart::new();
                #(#parts)*
                #REQUEST.multipart_body(&#PARTS);
            }
        }
    })
}

/// One part of a multipart body: a file, or a value as text (an array as
/// one text part per item, by the runtime).
fn part(f: &Param) -> TokenStream {
    let (id, wire) = (f.ident.to_ident(), &f.wire);
    let method = if f.ty == TypeRef::File {
        quote!(file)
    } else {
        quote!(text)
    };
    if f.required {
        quote!(#PARTS.#method(#wire, &self.#BODY.#id);)
    } else {
        quote! {
            if let Some(#VALUE) = &self.#BODY.#id {
                #PARTS.#method(#wire, #VALUE);
            }
        }
    }
}
