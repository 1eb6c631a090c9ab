//! One operation: the client method, its request builder, and the static
//! descriptor the runtime reads. Everything that is the same for every
//! operation lives in the runtime's `Request`; this is only the shape.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Options, docs, is_id, ty};
use crate::model::{Body, Location, Module, Operation, Param, PathPart, TypeRef};

/// How a parameter is taken and stored.
struct Input<'p> {
    param: &'p Param,
    /// Where the value sits on the builder: `self.x` or `self.body.x`.
    in_body: bool,
}

pub(crate) fn emit(m: &Module, op: &Operation, opts: &Options) -> TokenStream {
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
        quote!(#id: ::core::option::Option::None)
    });
    let one_of_init = op.one_of.as_ref().map(|_| quote!(filter: filter.into(),));
    let one_of_arg = op.one_of.as_ref().map(|o| {
        let t = o.ident.to_ident();
        quote!(filter: impl ::core::convert::Into<#t>,)
    });
    let body_init = body_init(op, &positional);
    let method_doc = docs::attrs(&method_doc(op));
    let client_ty = if opts.inherent {
        quote!(#rt::Client)
    } else {
        quote!(Client)
    };
    let client_ref = if opts.inherent {
        quote!(self)
    } else {
        quote!(&self.inner)
    };

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
        quote!(filter: #t,)
    });
    let body_field = body_field(op);
    let setter_fns = setters.iter().map(setter);
    let body_setter = matches!(op.body, Some(Body::Untyped { .. })).then(|| {
        quote! {
            /// Sets the JSON request body. Without it, no body is sent.
            pub fn body(mut self, body: ::serde_json::Value) -> Self {
                self.body = ::core::option::Option::Some(body);
                self
            }
        }
    });
    let builder_doc = format!(
        " Request builder for [`Client::{}`]: set optional inputs, then `.send().await`.",
        op.fn_ident
    );
    let send = send_fn(op, rt, &spec_const);
    let spec_static = spec_static(m, op, rt, &spec_const);

    quote! {
        impl #client_ty {
            #method_doc
            pub fn #fn_ident<'a>(&'a self, #(#args,)* #one_of_arg) -> #builder<'a> {
                #builder {
                    client: #client_ref,
                    #(#field_inits,)*
                    #(#optional_inits,)*
                    #one_of_init
                    #body_init
                }
            }
        }

        #[doc = #builder_doc]
        #[must_use = "a request does nothing until you `.send().await` it"]
        #[derive(Clone, Debug)]
        pub struct #builder<'a> {
            client: &'a #rt::Client,
            #(#lt_fields,)*
            #one_of_field
            #body_field
        }

        impl<'a> #builder<'a> {
            #(#setter_fns)*
            #body_setter
            #send
        }

        #spec_static
    }
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

/// How a positional argument is declared.
fn arg_decl(p: &Param) -> TokenStream {
    let id = p.ident.to_ident();
    if p.location == Location::Path {
        return match &p.ty {
            TypeRef::Named(..) => {
                let t = ty(&p.ty);
                quote!(#id: &'a #t)
            }
            _ => quote!(#id: &'a str),
        };
    }
    match &p.ty {
        TypeRef::String => quote!(#id: impl ::core::convert::Into<::std::string::String>),
        TypeRef::Array(inner) if **inner == TypeRef::String => quote!(
            #id: impl ::core::iter::IntoIterator<Item = impl ::core::convert::Into<::std::string::String>>
        ),
        other => {
            let t = ty(other);
            quote!(#id: #t)
        }
    }
}

/// Stores a positional argument in its field: `id` or `id: id.into()`.
fn field_init(p: &Param) -> TokenStream {
    let id = p.ident.to_ident();
    if p.location == Location::Path {
        return quote!(#id);
    }
    match &p.ty {
        TypeRef::String => quote!(#id: #id.into()),
        TypeRef::Array(inner) if **inner == TypeRef::String => {
            quote!(#id: #id.into_iter().map(::core::convert::Into::into).collect())
        }
        _ => quote!(#id),
    }
}

/// The stored type of a non-body input.
fn field_ty(p: &Param) -> TokenStream {
    if p.location == Location::Path {
        return match &p.ty {
            TypeRef::Named(..) => {
                let t = ty(&p.ty);
                quote!(&'a #t)
            }
            _ => quote!(&'a str),
        };
    }
    let t = ty(&p.ty);
    if p.required {
        t
    } else {
        quote!(::core::option::Option<#t>)
    }
}

fn setter(i: &Input<'_>) -> TokenStream {
    let p = i.param;
    let id = p.ident.to_ident();
    let doc = docs::attrs(&param_doc(p, true));
    let target = if i.in_body {
        quote!(self.body.#id)
    } else {
        quote!(self.#id)
    };
    let (arg, value) = match &p.ty {
        TypeRef::String => (
            quote!(value: impl ::core::convert::Into<::std::string::String>),
            quote!(value.into()),
        ),
        TypeRef::Array(inner) if **inner == TypeRef::String => (
            quote!(value: impl ::core::iter::IntoIterator<Item = impl ::core::convert::Into<::std::string::String>>),
            quote!(value.into_iter().map(::core::convert::Into::into).collect()),
        ),
        other => {
            let t = ty(other);
            (quote!(value: #t), quote!(value))
        }
    };
    quote! {
        #doc
        pub fn #id(mut self, #arg) -> Self {
            #target = ::core::option::Option::Some(#value);
            self
        }
    }
}

fn body_field(op: &Operation) -> Option<TokenStream> {
    match &op.body {
        None => None,
        Some(Body::Untyped { .. }) => {
            Some(quote!(body: ::core::option::Option<::serde_json::Value>,))
        }
        Some(Body::Typed { ident, .. }) => {
            let t = ident.to_ident();
            Some(quote!(body: #t,))
        }
    }
}

fn body_init(op: &Operation, positional: &[Input<'_>]) -> Option<TokenStream> {
    match &op.body {
        None => None,
        Some(Body::Untyped { .. }) => Some(quote!(body: ::core::option::Option::None,)),
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
                    quote!(#id: ::core::option::Option::None)
                }
            });
            Some(quote!(body: #t { #(#inits,)* },))
        }
    }
}

fn send_fn(op: &Operation, rt: &syn::Path, spec_const: &proc_macro2::Ident) -> TokenStream {
    let path_args = op.path_params.iter().map(|p| {
        let id = p.ident.to_ident();
        if matches!(p.ty, TypeRef::Named(..)) {
            quote!(self.#id.as_ref())
        } else {
            quote!(self.#id)
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
    let one_of = op
        .one_of
        .as_ref()
        .map(|_| quote!(self.filter.__apply(&mut request);));
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
            if let ::core::option::Option::Some(body) = &self.body {
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
    let doc = format!(
        " Sends `{} {}` and decodes the response.",
        op.method.as_str(),
        op.path.raw
    );
    quote! {
        #[doc = #doc]
        ///
        /// # Errors
        ///
        /// [`Error::InvalidInput`] before anything is sent when an input is out of range;
        /// otherwise the transport, timeout, API or decode error of the last attempt.
        pub async fn send(self) -> ::core::result::Result<#output, #rt::Error> {
            let #mutable request = #rt::__private::Request::new(self.client, &#spec_const, &[#(#path_args),*]);
            #(#checks)*
            #one_of
            #(#query)*
            #(#headers)*
            #body
            #call
        }
    }
}

fn body_fields(op: &Operation) -> impl Iterator<Item = &Param> {
    match &op.body {
        Some(Body::Typed { fields, .. }) => fields.as_slice(),
        _ => &[],
    }
    .iter()
}

fn range_check(p: &Param, owner: TokenStream) -> Option<TokenStream> {
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
            if let ::core::option::Option::Some(value) = #owner.#id {
                request.check_range(#wire, #value, #min, #max);
            }
        }
    })
}

fn option_tokens(v: Option<i64>) -> TokenStream {
    match v {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    }
}

/// Adds a query parameter or header to the request.
fn put(p: &Param, kind: TokenStream) -> TokenStream {
    let wire = &p.wire;
    let method = format_ident!("{}", kind.to_string());
    if let Some(constant) = &p.constant {
        let text = match constant {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        return quote!(request.#method(#wire, #text););
    }
    let id = p.ident.to_ident();
    let value = |v: TokenStream| match &p.ty {
        TypeRef::Named(..) => quote!(#v.as_ref()),
        _ => quote!(#v),
    };
    if p.required {
        let v = value(quote!(&self.#id));
        quote!(request.#method(#wire, #v);)
    } else {
        let v = value(quote!(value));
        quote! {
            if let ::core::option::Option::Some(value) = &self.#id {
                request.#method(#wire, #v);
            }
        }
    }
}

fn spec_static(
    m: &Module,
    op: &Operation,
    rt: &syn::Path,
    spec_const: &proc_macro2::Ident,
) -> TokenStream {
    let name = &op.name;
    let method = format_ident!("{}", op.method.variant());
    let template = &op.path.raw;
    let base = &m.base_url;
    let retry_safe = op.retry_safe;
    let parts = op.path.parts.iter().map(|part| match part {
        PathPart::Literal(text) => quote!(#rt::__private::PathPart::Literal(#text)),
        PathPart::Placeholder(name) => quote!(#rt::__private::PathPart::Param(#name)),
    });
    quote! {
        static #spec_const: #rt::__private::OperationSpec = #rt::__private::OperationSpec {
            name: #name,
            method: #rt::__private::Method::#method,
            path_template: #template,
            path: &[#(#parts),*],
            base_url: #base,
            retry_safe: #retry_safe,
        };
    }
}

fn method_doc(op: &Operation) -> Vec<String> {
    let mut lines = Vec::new();
    match &op.description {
        Some(d) => lines.extend(docs::sanitize(d)),
        None => lines.push(format!("Calls the `{}` operation.", op.name)),
    }
    lines.push(String::new());
    lines.push(format!(
        "`{} {}` (operation `{}`)",
        op.method.as_str(),
        op.path.raw,
        op.name
    ));
    let inputs: Vec<&Param> = op
        .path_params
        .iter()
        .chain(&op.query)
        .chain(&op.headers)
        .chain(body_fields(op))
        .filter(|p| p.constant.is_none())
        .collect();
    if !inputs.is_empty() || op.body.is_some() {
        lines.push(String::new());
        lines.push("# Parameters".to_owned());
        lines.push(String::new());
        for p in inputs {
            let mut doc = param_doc(p, false);
            if let Some(first) = doc.first_mut() {
                lines.push(format!("- {first}"));
            }
            lines.extend(doc.into_iter().skip(1).map(|l| format!("  {l}")));
        }
        if let Some(Body::Untyped { description }) = &op.body {
            let text = description
                .as_deref()
                .map(docs::sanitize)
                .unwrap_or_default()
                .join(" ");
            lines.push(format!(
                "- `body` (JSON, optional, set with `.body(..)`): {text}"
            ));
        }
    }
    if let Some(one_of) = &op.one_of {
        let members: Vec<String> = one_of
            .members
            .iter()
            .filter_map(|i| op.query.get(*i))
            .map(|p| format!("`{}`", p.wire))
            .collect();
        lines.push(String::new());
        lines.push(format!(
            "At least one of {} is required: pass it as the `filter` argument ([`{}`]).",
            members.join(", "),
            one_of.ident
        ));
    }
    lines
}

/// `name` (in, required): description.
fn param_doc(p: &Param, setter: bool) -> Vec<String> {
    let location = match p.location {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
        Location::Body => "body",
    };
    let need = if p.required { "required" } else { "optional" };
    let mut head = format!("`{}` ({location}, {need})", p.wire);
    if is_id(&p.ty) && !setter {
        head.push_str(", an ID");
    }
    let mut extra = Vec::new();
    if let (Some(min), Some(max)) = (p.range.min, p.range.max) {
        extra.push(format!("between {min} and {max}"));
    } else if let Some(min) = p.range.min {
        extra.push(format!("at least {min}"));
    } else if let Some(max) = p.range.max {
        extra.push(format!("at most {max}"));
    }
    if let Some(default) = &p.default {
        extra.push(format!("the server uses `{default}` when omitted"));
    }
    let mut lines = match &p.description {
        Some(d) => {
            let mut body = docs::sanitize(d);
            if let Some(first) = body.first_mut() {
                *first = format!("{head}: {first}");
            }
            body
        }
        None => vec![head],
    };
    if !extra.is_empty() {
        lines.push(String::new());
        lines.push(format!("Constraints: {}.", extra.join("; ")));
    }
    if lines.len() > 1 && lines.get(1).is_some_and(String::is_empty) && !setter {
        // Keep list items compact in method docs.
        lines.retain(|l| !l.is_empty());
    }
    lines
}
