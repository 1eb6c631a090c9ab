//! The builder's `send()`: range checks, query parameters, headers and the
//! body handed to the runtime's `Request`, and the static operation descriptor.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::{docs, ty};
use crate::model::{Body, Operation, Param, PathPart, TypeRef};

pub(super) fn send_fn(op: &Operation, spec_const: &proc_macro2::Ident) -> TokenStream {
    let path_args = op.path_params.iter().map(|p| {
        let id = p.ident.to_ident();
        match p.ty {
            TypeRef::Named(..) => quote!(self.#id.as_ref()),
            TypeRef::Integer | TypeRef::UInt32 | TypeRef::Number | TypeRef::Boolean => {
                quote!(ToString::to_string(&self.#id).as_str())
            }
            _ => quote!(self.#id),
        }
    });
    let checks = op
        .path_params
        .iter()
        .chain(&op.query)
        .chain(&op.headers)
        .map(|p| (p, quote!(self)))
        .chain(body_fields(op).map(|p| (p, quote!(self.body))))
        .filter_map(|(p, owner)| range_check(p, owner));
    let one_of = op.one_of.as_ref().map(|o| {
        let field = o.field.to_ident();
        quote!(self.#field.apply(&mut request);)
    });
    let query = op.query.iter().enumerate().filter_map(|(i, p)| {
        if op.one_of.as_ref().is_some_and(|o| o.members.contains(&i)) {
            return None;
        }
        Some(put(p, quote!(query)))
    });
    let headers = op.headers.iter().map(|p| put(p, quote!(header)));
    let body = match &op.body {
        None => None,
        Some(Body::Untyped { .. }) => Some(quote! {
            if let Some(body) = &self.body {
                request.json_body(body);
            }
        }),
        Some(Body::Typed { required: true, .. }) => Some(quote!(request.json_body(&self.body);)),
        Some(Body::Typed {
            required: false, ..
        }) => Some(quote!(request.json_body_unless_empty(&self.body);)),
    };
    let output = ty(&op.response);
    let call = if op.response == TypeRef::Json {
        quote!(request.send_value().await)
    } else {
        quote!(request.send::<#output>().await)
    };
    let checks: Vec<TokenStream> = checks.collect();
    let query: Vec<TokenStream> = query.collect();
    let headers: Vec<TokenStream> = headers.collect();
    let mutable = (!checks.is_empty()
        || one_of.is_some()
        || !query.is_empty()
        || !headers.is_empty()
        || body.is_some())
    .then(|| quote!(mut));
    let mut lines = vec![format!(
        "Sends {}: returns a future of the decoded response (on a blocking client, the response).",
        docs::code(&format!("{} {}", op.method.as_str(), op.path.raw))
    )];
    if op.response == TypeRef::Json {
        // The runtime's `send_value`: the spec says nothing reliable about bodies.
        lines.push(String::new());
        lines.push(
            "The body comes back as JSON: `null` when it is empty, a JSON string \
             holding the text when its content type is not JSON."
                .to_owned(),
        );
    }
    let doc = docs::attrs(&lines);
    quote! {
        #doc
        ///
        /// # Errors
        ///
        /// [`Error::InvalidInput`] before anything is sent when an input is rejected (out of
        /// range, an empty path segment, a header value that is not valid);
        /// otherwise the transport, timeout, API or decode error of the last attempt.
        pub fn send(self) -> M::Output<#output, impl ::core::future::Future<Output = Result<#output, Error>> + 'a> {
            let client = self.client;
            client.mode.run(async move {
                let #mutable request = __private::Request::new(&client.runtime, &#spec_const, &[#(#path_args),*]);
                #(#checks)*
                #one_of
                #(#query)*
                #(#headers)*
                #body
                #call
            })
        }
    }
}

pub(super) fn body_fields(op: &Operation) -> impl Iterator<Item = &Param> {
    match &op.body {
        Some(Body::Typed { fields, .. }) => fields.as_slice(),
        _ => &[],
    }
    .iter()
}

pub(super) fn range_check(p: &Param, owner: TokenStream) -> Option<TokenStream> {
    if p.range.min.is_none() && p.range.max.is_none() {
        return None;
    }
    let id = p.ident.to_ident();
    let wire = &p.wire;
    let min = option_tokens(p.range.min);
    let max = option_tokens(p.range.max);
    let widen = |v: TokenStream| match p.ty {
        TypeRef::Integer => v,
        _ => quote!(i64::from(#v)),
    };
    Some(if p.required {
        let value = widen(quote!(#owner.#id));
        quote!(request.check_range(#wire, #value, #min, #max);)
    } else {
        let value = widen(quote!(value));
        quote! {
            if let Some(value) = #owner.#id {
                request.check_range(#wire, #value, #min, #max);
            }
        }
    })
}

pub(super) fn option_tokens(v: Option<i64>) -> TokenStream {
    match v {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

/// Adds a query parameter or header to the request.
pub(super) fn put(p: &Param, kind: TokenStream) -> TokenStream {
    let wire = &p.wire;
    let header = kind.to_string() == "header";
    let method = format_ident!("{}", kind.to_string());
    if let Some(constant) = &p.constant {
        let text = match constant {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        return quote!(request.#method(#wire, #text););
    }
    let id = p.ident.to_ident();
    if p.required {
        let v = wire_value(&p.ty, quote!(&self.#id), header);
        quote!(request.#method(#wire, #v);)
    } else {
        let v = wire_value(&p.ty, quote!(value), header);
        quote! {
            if let Some(value) = &self.#id {
                request.#method(#wire, #v);
            }
        }
    }
}

/// The argument of `request.query(..)` / `request.header(..)` for a reference
/// `v` to a value of type `t`. Queries take what the runtime's `QueryValue`
/// knows (arrays repeat the key); headers take text, arrays joined with `, `
/// (an HTTP list). JSON values outside a body are sent as compact JSON text.
pub(super) fn wire_value(t: &TypeRef, v: TokenStream, header: bool) -> TokenStream {
    let to_string = quote!(ToString::to_string);
    match t {
        TypeRef::Named(..) => quote!(#v.as_ref()),
        TypeRef::Json => quote!(&#to_string(#v)),
        TypeRef::Map(_) => quote!(&::serde_json::to_string(#v).unwrap_or_default()),
        TypeRef::String => v,
        TypeRef::Integer | TypeRef::UInt32 | TypeRef::Number | TypeRef::Boolean if header => {
            quote!(&#to_string(#v))
        }
        TypeRef::Array(inner) if header => match **inner {
            TypeRef::String => quote!(&#v.join(", ")),
            _ => quote! {
                &#v.iter().map(#to_string).collect::<Vec<_>>().join(", ")
            },
        },
        TypeRef::Array(inner) if matches!(**inner, TypeRef::Json | TypeRef::Map(_)) => quote! {
            &#v.iter().map(|item| ::serde_json::to_string(item).unwrap_or_default()).collect::<Vec<_>>()
        },
        TypeRef::Array(inner) if matches!(**inner, TypeRef::Named(..)) => quote! {
            &#v.iter().map(#to_string).collect::<Vec<_>>()
        },
        _ => v,
    }
}

pub(super) fn spec_static(op: &Operation, spec_const: &proc_macro2::Ident) -> TokenStream {
    let name = &op.name;
    let method = format_ident!("{}", op.method.variant());
    let template = &op.path.raw;
    let retry_safe = op.retry_safe;
    let parts = op.path.parts.iter().map(|part| match part {
        PathPart::Literal(text) => quote!(__private::PathPart::Literal(#text)),
        PathPart::Placeholder(name) => quote!(__private::PathPart::Param(#name)),
    });
    quote! {
        static #spec_const: __private::OperationSpec = __private::OperationSpec {
            name: #name,
            method: __private::Method::#method,
            path_template: #template,
            path: &[#(#parts),*],
            api: &API,
            retry_safe: #retry_safe,
        };
    }
}
