//! The builder's `send()`: range checks, query parameters, headers and the
//! body handed to the runtime's `Request`, and the static operation descriptor.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::wire::{Put, put, range_check};
use crate::emit::{docs, ty};
use crate::model::{
    Body, Method, NamedKind, Operation, OperationAuth, Param, PathPart, Reply, TypeRef,
};
use crate::names::own::{
    API, APPLY, BODY, BORROW, CLIENT_FIELD, ERROR, MODE, MODE_FIELD, REDIRECT, REQUEST, RUNTIME,
    SEND,
};

pub(super) fn send_fn(op: &Operation) -> TokenStream {
    let spec_const = op.const_ident.to_ident();
    let path_args = op.path_params.iter().map(path_arg);
    // The filter checks its own members.
    let checks: Vec<TokenStream> = op
        .path_params
        .iter()
        .chain(&op.query)
        .chain(&op.headers)
        .map(|p| (p, quote!(self)))
        .chain(body_fields(op).map(|p| (p, quote!(self.#BODY))))
        .filter_map(|(p, owner)| range_check(p, owner))
        .collect();
    let one_of = op.one_of.as_ref().map(|o| {
        let field = o.field.to_ident();
        quote!(self.#field.#APPLY(&mut #REQUEST);)
    });
    let query: Vec<TokenStream> = op.query.iter().map(|p| put(p, Put::Query)).collect();
    let headers: Vec<TokenStream> = op.headers.iter().map(|p| put(p, Put::Header)).collect();
    let body = crate::emit::body::send(op);
    let (output, call) = output(op);
    let changes = !checks.is_empty()
        || one_of.is_some()
        || !query.is_empty()
        || !headers.is_empty()
        || body.is_some();
    let mutable = changes.then(|| quote!(mut));
    let doc = send_doc(op, !checks.is_empty());
    quote! {
        #doc
        pub fn #SEND(self) -> #MODE::Output<#output, impl ::core::future::Future<Output = Result<#output, #ERROR>> + #BORROW> {
            let #CLIENT_FIELD = self.#CLIENT_FIELD;
            #CLIENT_FIELD.#MODE_FIELD.run(async move {
                let #mutable #REQUEST = __private::Request::new(&#CLIENT_FIELD.#RUNTIME, &#spec_const, &[#(#path_args),*]);
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

/// What `send()` yields, and the runtime call that yields it.
pub(super) fn output(op: &Operation) -> (TokenStream, TokenStream) {
    match op.reply {
        Reply::Empty => (quote!(()), quote!(#REQUEST.send_empty().await)),
        Reply::Text => (quote!(String), quote!(#REQUEST.send_text().await)),
        Reply::Redirect => (quote!(#REDIRECT), quote!(#REQUEST.send_redirect().await)),
        Reply::Optional => {
            let inner = ty(&op.response);
            let call = quote!(#REQUEST.send_optional::<#inner>().await);
            (quote!(Option<#inner>), call)
        }
        Reply::Json if op.response == TypeRef::Json => {
            (ty(&op.response), quote!(#REQUEST.send_value().await))
        }
        Reply::Json => {
            let output = ty(&op.response);
            let call = quote!(#REQUEST.send::<#output>().await);
            (output, call)
        }
    }
}

/// A path parameter as the text of its segment.
fn path_arg(p: &Param) -> TokenStream {
    let id = p.ident.to_ident();
    match p.ty {
        TypeRef::Named(..) => quote!(self.#id.as_ref()),
        TypeRef::Integer | TypeRef::UInt32 | TypeRef::Number | TypeRef::Boolean => {
            quote!(ToString::to_string(&self.#id).as_str())
        }
        _ => quote!(self.#id),
    }
}

/// The doc of `send()`: what it returns, and the errors this operation can
/// have (an input is refused only for reasons its inputs allow; `checks`:
/// whether `send()` checks a range, the filter's own checks aside). Text
/// that is the same for many operations is written as doc comments here
/// rather than built.
fn send_doc(op: &Operation, checks: bool) -> TokenStream {
    let member_checks = op
        .one_of
        .iter()
        .flat_map(|o| &o.members)
        .any(|p| p.check().is_some());
    let sends = docs::attrs(&[format!(
        "Sends {}: returns a future of the decoded response (on a blocking client, the response).",
        docs::code(&format!("{} {}", op.method.as_str(), op.path.raw))
    )]);
    // The runtime's `send_value`: the spec says nothing reliable about bodies.
    let json = (op.reply == Reply::Json && op.response == TypeRef::Json).then(|| {
        quote! {
            ///
            /// The body comes back as JSON: `null` when it is empty, a JSON string holding the text when its content type is not JSON.
        }
    });
    let optional = (op.reply == Reply::Optional).then(|| {
        quote! {
            ///
            /// `None` when the answer has no content (`204 No Content`, or an empty body).
        }
    });
    let (range, path, header) = refusals(op, checks || member_checks);
    let errors = if range.is_none() && path.is_none() && header.is_none() {
        quote! {
            /// The transport, timeout, API or decode error of the last attempt.
        }
    } else {
        quote! {
            /// [`Error::InvalidInput`] before anything is sent, when:
            ///
            #range
            #path
            #header
            ///
            /// Otherwise, the transport, timeout, API or decode error of the last attempt.
        }
    };
    quote! {
        #sends
        #json
        #optional
        ///
        /// # Errors
        ///
        #errors
    }
}

/// The causes of an input error this operation can have, as doc list items:
/// a range check, a path input of text, a header input of text.
fn refusals(
    op: &Operation,
    checks: bool,
) -> (
    Option<TokenStream>,
    Option<TokenStream>,
    Option<TokenStream>,
) {
    let range = checks.then(|| {
        quote! {
            /// - an input is out of range
        }
    });
    let path = op.path_params.iter().any(|p| text_like(&p.ty)).then(|| {
        quote! {
            /// - a path input is empty, `.` or `..`
        }
    });
    let header_text = |p: &Param| {
        p.constant.is_none()
            && match &p.ty {
                TypeRef::Array(inner) => text_like(inner),
                other => text_like(other),
            }
    };
    let header = op.headers.iter().any(header_text).then(|| {
        quote! {
            /// - a header input holds a line break or another control character
        }
    });
    (range, path, header)
}

/// Whether a value of this type is free text (which may be empty or hold
/// control characters).
fn text_like(t: &TypeRef) -> bool {
    if let TypeRef::Secret(inner) = t {
        return text_like(inner);
    }
    matches!(t, TypeRef::String | TypeRef::Named(_, NamedKind::Id))
}

/// The fields of the operation's typed body, if it has one.
pub(super) fn body_fields(op: &Operation) -> impl Iterator<Item = &Param> {
    let (fields, list) = match &op.body {
        Some(Body::Typed { fields, .. }) => (fields.as_slice(), None),
        Some(Body::List { items }) => (&[][..], Some(items)),
        Some(Body::Bytes { bytes }) => (&[][..], Some(bytes)),
        _ => (&[][..], None),
    };
    fields.iter().map(|f| &f.field).chain(list)
}

/// The static operation descriptor the runtime reads.
pub(super) fn spec_static(op: &Operation) -> TokenStream {
    let spec_const = op.const_ident.to_ident();
    let name = &op.name;
    let method = match op.method {
        Method::Get => quote!(Get),
        Method::Post => quote!(Post),
        Method::Put => quote!(Put),
        Method::Patch => quote!(Patch),
        Method::Delete => quote!(Delete),
    };
    let template = &op.path.raw;
    let retry_safe = op.retry_safe;
    let auth = match op.auth {
        OperationAuth::Api => quote!(__private::OperationAuth::Api),
        OperationAuth::ClientCredentials { required } => {
            quote!(__private::OperationAuth::ClientCredentials { required: #required })
        }
    };
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
            api: &#API,
            retry_safe: #retry_safe,
            auth: #auth,
        };
    }
}
