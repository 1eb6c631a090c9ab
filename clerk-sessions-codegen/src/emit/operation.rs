//! One operation: the client method, its request builder, and the static
//! descriptor the runtime reads. Everything that is the same for every
//! operation lives in the runtime's `Request`; this is only the shape.

mod doc;
mod inputs;
mod paginate;
mod send;

use proc_macro2::TokenStream;
use quote::quote;

use super::{Options, docs};
use crate::model::{Body, Operation, Param};
use doc::method_doc;
use inputs::{arg_decl, field_init, field_ty, setter};
use send::{send_fn, spec_static};

/// How a parameter is taken and stored.
struct Input<'p> {
    param: &'p Param,
    /// Where the value sits on the builder: `self.x` or `self.body.x`.
    in_body: bool,
}

pub(crate) fn emit(op: &Operation, opts: &Options<'_>) -> TokenStream {
    let rt = &opts.runtime;
    let builder = op.builder_ident.to_ident();
    let fn_ident = op.fn_ident.to_ident();
    let spec_const = op.const_ident.to_ident();

    let positional = positional(op);
    let setters = setters(op);

    // Client method.
    let args = positional.iter().map(|i| arg_decl(i.param));
    let field_inits = positional
        .iter()
        .filter(|i| !i.in_body)
        .map(|i| field_init(i.param));
    let optional_inits = setters.iter().filter(|i| !i.in_body).map(|i| {
        let id = i.param.ident.to_ident();
        quote!(#id: None)
    });
    let one_of_init = op.one_of.as_ref().map(|o| {
        let field = o.field.to_ident();
        quote!(#field: #field.into(),)
    });
    let one_of_arg = op.one_of.as_ref().map(|o| {
        let t = o.ident.to_ident();
        let field = o.field.to_ident();
        quote!(#field: impl Into<#t>,)
    });
    let body_init = body_init(op, &positional);
    let method_doc = docs::attrs(&method_doc(op));
    // Required inputs are positional arguments (house rule 7), however many
    // the spec declares; clippy's limit counts `self` too.
    let arg_count = positional.len() + usize::from(op.one_of.is_some()) + 1;
    let allow_many = (arg_count > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));

    // Builder struct.
    let lt_fields = positional
        .iter()
        .chain(setters.iter())
        .filter(|i| !i.in_body)
        .map(|i| {
            let id = i.param.ident.to_ident();
            let t = field_ty(i.param);
            quote!(#id: #t)
        });
    let one_of_field = op.one_of.as_ref().map(|o| {
        let t = o.ident.to_ident();
        let field = o.field.to_ident();
        quote!(#field: #t,)
    });
    let body_field = body_field(op);
    let setter_fns = setters.iter().map(setter);
    let body_setter = matches!(op.body, Some(Body::Untyped { .. })).then(|| {
        quote! {
            /// Sets the JSON request body. Without it, no body is sent.
            pub fn body(mut self, body: ::serde_json::Value) -> Self {
                self.body = Some(body);
                self
            }
        }
    });
    let has_setters = !setters.is_empty() || body_setter.is_some();
    let builder_doc = docs::attrs(&[builder_doc(op, has_setters)]);
    let send = send_fn(op, &spec_const);
    let stream = paginate::into_stream(op, opts).map(|stream| {
        quote! {
            impl<'a> #builder<'a> {
                #stream
            }
        }
    });
    let spec_static = spec_static(op, &spec_const);

    quote! {
        impl<M: #rt::Mode> Client<M> {
            #method_doc
            #allow_many
            pub fn #fn_ident<'a>(&'a self, #(#args,)* #one_of_arg) -> #builder<'a, M> {
                #builder {
                    client: self,
                    #(#field_inits,)*
                    #(#optional_inits,)*
                    #one_of_init
                    #body_init
                }
            }
        }

        #builder_doc
        #[must_use = "a request does nothing until it is sent: call `.send()` (and `.await` it on an async client)"]
        #[derive(Clone, Debug)]
        pub struct #builder<'a, M: #rt::Mode = #rt::Async> {
            client: &'a Client<M>,
            #(#lt_fields,)*
            #one_of_field
            #body_field
        }

        impl<'a, M: #rt::Mode> #builder<'a, M> {
            #(#setter_fns)*
            #body_setter
            #send
        }

        #stream

        #spec_static
    }
}

/// "Request builder for [`Client::op`]: …", true to what the builder has.
fn builder_doc(op: &Operation, has_setters: bool) -> String {
    // rustdoc resolves `Client::match`, not `Client::r#match`.
    let target = if op.fn_ident.is_raw() {
        format!("(Client::{})", op.fn_ident.as_str())
    } else {
        String::new()
    };
    let then = if has_setters {
        "set optional inputs, then send it"
    } else {
        "send it"
    };
    format!(
        "Request builder for [`Client::{}`]{target}: {then} with `.send().await` (`.send()` on a blocking client).",
        op.fn_ident
    )
}

fn positional(op: &Operation) -> Vec<Input<'_>> {
    let mut out: Vec<Input<'_>> = op
        .path_params
        .iter()
        .map(|p| Input {
            param: p,
            in_body: false,
        })
        .collect();
    let fixed = |p: &&Param| p.required && p.constant.is_none();
    out.extend(op.query.iter().filter(fixed).map(|p| Input {
        param: p,
        in_body: false,
    }));
    out.extend(op.headers.iter().filter(fixed).map(|p| Input {
        param: p,
        in_body: false,
    }));
    if let Some(Body::Typed { fields, .. }) = &op.body {
        out.extend(fields.iter().filter(fixed).map(|p| Input {
            param: p,
            in_body: true,
        }));
    }
    out
}

fn setters(op: &Operation) -> Vec<Input<'_>> {
    let in_one_of = |i: usize| op.one_of.as_ref().is_some_and(|o| o.members.contains(&i));
    let optional = |p: &&Param| !p.required && p.constant.is_none();
    let mut out: Vec<Input<'_>> = op
        .query
        .iter()
        .enumerate()
        .filter(|(i, p)| optional(p) && !in_one_of(*i))
        .map(|(_, p)| Input {
            param: p,
            in_body: false,
        })
        .collect();
    out.extend(op.headers.iter().filter(optional).map(|p| Input {
        param: p,
        in_body: false,
    }));
    if let Some(Body::Typed { fields, .. }) = &op.body {
        out.extend(fields.iter().filter(optional).map(|p| Input {
            param: p,
            in_body: true,
        }));
    }
    out
}

fn body_field(op: &Operation) -> Option<TokenStream> {
    match &op.body {
        None => None,
        Some(Body::Untyped { .. }) => Some(quote!(body: Option<::serde_json::Value>,)),
        Some(Body::Typed { ident, .. }) => {
            let t = ident.to_ident();
            Some(quote!(body: #t,))
        }
    }
}

fn body_init(op: &Operation, positional: &[Input<'_>]) -> Option<TokenStream> {
    match &op.body {
        None => None,
        Some(Body::Untyped { .. }) => Some(quote!(body: None,)),
        Some(Body::Typed { ident, fields, .. }) => {
            let t = ident.to_ident();
            let inits = fields.iter().map(|f| {
                let id = f.ident.to_ident();
                if positional
                    .iter()
                    .any(|i| i.in_body && i.param.wire == f.wire)
                {
                    field_init(f)
                } else {
                    quote!(#id: None)
                }
            });
            Some(quote!(body: #t { #(#inits,)* },))
        }
    }
}
