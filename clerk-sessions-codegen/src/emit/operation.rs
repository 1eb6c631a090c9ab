//! One operation: the client method, its request builder, and the static
//! descriptor the runtime reads. Everything that is the same for every
//! operation lives in the runtime's `Request`; this is only the shape.

mod doc;
mod inputs;
mod paginate;
mod send;

use proc_macro2::TokenStream;
use quote::quote;

use super::{Options, docs, mode_bound};
use crate::model::{Body, BodyField, Operation, Param};
use crate::names::RustIdent;
use crate::names::own::{BODY, BORROW, CLIENT, CLIENT_FIELD, MODE};
use doc::{builder_doc, method_doc};
use inputs::{arg_decl, field_init, field_ty, setter};
use send::{send_fn, spec_static};

/// How a parameter is taken and stored.
struct Input<'p> {
    param: &'p Param,
    /// The argument or setter name (a body field's may differ from its field name).
    name: &'p RustIdent,
    /// Where the value sits on the builder: `self.x` or `self.body.x`.
    in_body: bool,
}

impl<'p> Input<'p> {
    /// A parameter stored in a field of the builder.
    fn outside(param: &'p Param) -> Self {
        Input {
            param,
            name: &param.ident,
            in_body: false,
        }
    }

    /// A field of the builder's body.
    fn body(field: &'p BodyField) -> Self {
        Input {
            param: &field.field,
            name: &field.input,
            in_body: true,
        }
    }
}

pub(crate) fn emit(op: &Operation, opts: &Options<'_>) -> TokenStream {
    let positional = positional(op);
    let setters = setters(op);
    let method = client_method(op, opts, &positional, &setters);
    let builder = builder_struct(op, opts, &positional, &setters);
    let methods = builder_impl(op, opts, &setters);
    let stream = paginate::into_stream(op, opts);
    let spec_static = spec_static(op);
    quote! {
        #method
        #builder
        #methods
        #stream
        #spec_static
    }
}

/// The method on `Client` that starts the request: required inputs are its
/// arguments (house rule 7, however many the spec declares).
fn client_method(
    op: &Operation,
    opts: &Options<'_>,
    positional: &[Input<'_>],
    setters: &[Input<'_>],
) -> TokenStream {
    let builder = op.builder_ident.to_ident();
    let fn_ident = op.fn_ident.to_ident();
    let args = positional.iter().map(arg_decl);
    let field_inits = positional.iter().filter(|i| !i.in_body).map(field_init);
    let optional_inits = setters.iter().filter(|i| !i.in_body).map(|i| {
        let id = i.param.ident.to_ident();
        quote!(#id: None)
    });
    let (one_of_arg, one_of_init) = match &op.one_of {
        Some(o) => {
            let (t, field) = (o.ident.to_ident(), o.field.to_ident());
            (
                Some(quote!(#field: impl Into<#t>)),
                Some(quote!(#field: #field.into(),)),
            )
        }
        None => (None, None),
    };
    let params: Vec<TokenStream> = std::iter::once(quote!(&#BORROW self))
        .chain(args)
        .chain(one_of_arg)
        .collect();
    let body_init = body_init(op);
    let method_doc = docs::attrs(&method_doc(op));
    // Clippy's limit counts `self` too.
    let arg_count = positional.len() + usize::from(op.one_of.is_some()) + 1;
    let allow_many = (arg_count > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let mode = mode_bound(opts);
    quote! {
        impl<#mode> #CLIENT<#MODE> {
            #method_doc
            #allow_many
            pub fn #fn_ident<#BORROW>(#(#params),*) -> #builder<#BORROW, #MODE> {
                #builder {
                    #CLIENT_FIELD: self,
                    #(#field_inits,)*
                    #(#optional_inits,)*
                    #one_of_init
                    #body_init
                }
            }
        }
    }
}

/// The request builder: the client it borrows and every input.
fn builder_struct(
    op: &Operation,
    opts: &Options<'_>,
    positional: &[Input<'_>],
    setters: &[Input<'_>],
) -> TokenStream {
    let rt = &opts.runtime;
    let builder = op.builder_ident.to_ident();
    let fields = positional
        .iter()
        .chain(setters.iter())
        .filter(|i| !i.in_body)
        .map(|i| {
            let id = i.param.ident.to_ident();
            let t = field_ty(i.param);
            quote!(#id: #t)
        });
    let one_of_field = op.one_of.as_ref().map(|o| {
        let (t, field) = (o.ident.to_ident(), o.field.to_ident());
        quote!(#field: #t,)
    });
    let body_field = match &op.body {
        None | Some(Body::List { .. } | Body::Bytes { .. }) => None,
        Some(Body::Untyped { .. }) => Some(quote!(#BODY: Option<::serde_json::Value>,)),
        Some(Body::Typed { ident, .. }) => {
            let t = ident.to_ident();
            Some(quote!(#BODY: #t,))
        }
    };
    let has_setters = !setters.is_empty() || matches!(op.body, Some(Body::Untyped { .. }));
    let doc = docs::attrs(&[builder_doc(op, has_setters)]);
    quote! {
        #doc
        #[must_use = "a request does nothing until it is sent: call `.send()` (and `.await` it on an async client)"]
        #[derive(Clone, Debug)]
        pub struct #builder<#BORROW, #MODE: #rt::Mode = #rt::Async> {
            #CLIENT_FIELD: &#BORROW #CLIENT<#MODE>,
            #(#fields,)*
            #one_of_field
            #body_field
        }
    }
}

/// The builder's setters and `send()`.
fn builder_impl(op: &Operation, opts: &Options<'_>, setters: &[Input<'_>]) -> TokenStream {
    let builder = op.builder_ident.to_ident();
    let setter_fns = setters.iter().map(setter);
    let body_setter = matches!(op.body, Some(Body::Untyped { .. })).then(|| {
        quote! {
            /// Sets the JSON request body. Without it, no body is sent.
            pub fn #BODY(mut self, #BODY: ::serde_json::Value) -> Self {
                self.#BODY = Some(#BODY);
                self
            }
        }
    });
    let send = send_fn(op);
    let mode = mode_bound(opts);
    quote! {
        impl<#BORROW, #mode> #builder<#BORROW, #MODE> {
            #(#setter_fns)*
            #body_setter
            #send
        }
    }
}

/// Inputs that are arguments of the client method, in order: path
/// parameters, then required query, header and body inputs.
fn positional(op: &Operation) -> Vec<Input<'_>> {
    let fixed = |p: &Param| p.required && p.constant.is_none();
    let mut out: Vec<Input<'_>> = op.path_params.iter().map(Input::outside).collect();
    out.extend(op.query.iter().filter(|p| fixed(p)).map(Input::outside));
    out.extend(op.headers.iter().filter(|p| fixed(p)).map(Input::outside));
    match &op.body {
        Some(Body::Typed { fields, .. }) => {
            out.extend(fields.iter().filter(|f| fixed(&f.field)).map(Input::body));
        }
        Some(Body::List { items }) => out.push(Input::outside(items)),
        Some(Body::Bytes { bytes }) => out.push(Input::outside(bytes)),
        _ => {}
    }
    out
}

/// Inputs set with a setter: optional query, header and body inputs.
fn setters(op: &Operation) -> Vec<Input<'_>> {
    let optional = |p: &Param| !p.required && p.constant.is_none();
    let mut out: Vec<Input<'_>> = op
        .query
        .iter()
        .filter(|p| optional(p))
        .map(Input::outside)
        .collect();
    out.extend(
        op.headers
            .iter()
            .filter(|p| optional(p))
            .map(Input::outside),
    );
    if let Some(Body::Typed { fields, .. }) = &op.body {
        out.extend(
            fields
                .iter()
                .filter(|f| optional(&f.field))
                .map(Input::body),
        );
    }
    out
}

/// A body field's constant as a Rust value of its type (lowering keeps
/// only strings, booleans and integers as constants).
fn constant_value(value: &serde_json::Value) -> TokenStream {
    match value {
        serde_json::Value::String(text) => quote!(::std::string::String::from(#text)),
        serde_json::Value::Bool(b) => quote!(#b),
        other => match other.as_i64() {
            Some(n) => quote!(#n),
            None => quote!(::std::default::Default::default()),
        },
    }
}

fn body_init(op: &Operation) -> Option<TokenStream> {
    match &op.body {
        None | Some(Body::List { .. } | Body::Bytes { .. }) => None,
        Some(Body::Untyped { .. }) => Some(quote!(#BODY: None,)),
        Some(Body::Typed { ident, fields, .. }) => {
            let t = ident.to_ident();
            // The required fields are arguments (see `positional`).
            let inits = fields.iter().map(|f| {
                let id = f.field.ident.to_ident();
                match (&f.field.constant, f.field.required) {
                    (Some(value), true) => {
                        let value = constant_value(value);
                        quote!(#id: #value)
                    }
                    (Some(value), false) => {
                        let value = constant_value(value);
                        quote!(#id: Some(#value))
                    }
                    (None, true) => field_init(&Input::body(f)),
                    (None, false) => quote!(#id: None),
                }
            });
            Some(quote!(#BODY: #t { #(#inits,)* },))
        }
    }
}
