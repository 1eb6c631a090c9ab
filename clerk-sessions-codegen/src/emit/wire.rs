//! How a query parameter or header goes on the wire: the runtime's
//! `request.query(..)` or `request.header(..)` for text, numbers and
//! booleans (arrays repeat a query key, or join a header's values with `, `,
//! an HTTP list), and its `query_json`, `query_json_each` or `header_json`
//! for objects, which the runtime serialises (reporting a value that cannot
//! be as an input error; nothing is swallowed). An integer input is checked
//! against the bounds its type can break first.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{NamedKind, Param, TypeRef};
use crate::names::own::{REQUEST, SECRET, VALUE};

/// Where a value goes.
#[derive(Clone, Copy)]
pub(crate) enum Put {
    Query,
    Header,
}

/// The runtime's call for one value of a type.
enum Call {
    /// `query(name, text)` / `header(name, text)`, with this argument.
    Plain(TokenStream),
    /// `query_json(name, value)` / `header_json(name, value)`.
    Json,
    /// `query_json_each(name, items)`: one key per element, each as JSON.
    JsonEach,
}

/// Adds the input `p` to the request (when set, for an optional one).
pub(crate) fn put(p: &Param, to: Put) -> TokenStream {
    let wire = &p.wire;
    if let Some(constant) = &p.constant {
        let text = match constant {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let method = plain_method(to);
        return quote!(#REQUEST.#method(#wire, #text););
    }
    let id = p.ident.to_ident();
    let value = if p.required {
        quote!(&self.#id)
    } else {
        quote!(#VALUE)
    };
    let call = match (to, joined(p, &value)) {
        (Put::Query, Some(call)) => call,
        _ => put_call(p, to, &value),
    };
    if p.required {
        call
    } else {
        quote! {
            if let Some(#VALUE) = &self.#id {
                #call
            }
        }
    }
}

/// A query array sent as one parameter: `query_joined(name, items, separator)`.
fn joined(p: &Param, value: &TokenStream) -> Option<TokenStream> {
    let separator = p.joined?;
    let wire = &p.wire;
    let inner = match &p.ty {
        TypeRef::Array(inner) => inner,
        _ => return None,
    };
    let items = match **inner {
        TypeRef::String | TypeRef::Named(_, NamedKind::Id | NamedKind::Enum) => value.clone(),
        _ => quote!(&#value.iter().map(ToString::to_string).collect::<Vec<_>>()),
    };
    Some(quote!(#REQUEST.query_joined(#wire, #items, #separator);))
}

/// The runtime call that adds a value of `p` (one parameter per item of an array).
fn put_call(p: &Param, to: Put, value: &TokenStream) -> TokenStream {
    let wire = &p.wire;
    match call(&p.ty, to, value) {
        Call::Plain(arg) => {
            let method = plain_method(to);
            quote!(#REQUEST.#method(#wire, #arg);)
        }
        Call::Json => match to {
            Put::Query => quote!(#REQUEST.query_json(#wire, #value);),
            Put::Header => quote!(#REQUEST.header_json(#wire, #value);),
        },
        Call::JsonEach => quote!(#REQUEST.query_json_each(#wire, #value);),
    }
}

fn plain_method(to: Put) -> TokenStream {
    match to {
        Put::Query => quote!(query),
        Put::Header => quote!(header),
    }
}

/// How a reference `v` to a value of type `t` is sent.
fn call(t: &TypeRef, to: Put, v: &TokenStream) -> Call {
    let to_string = quote!(ToString::to_string);
    match (t, to) {
        // `.as_str()`: an expected `&str` would make it `Secret<str>`.
        (TypeRef::Secret(inner), _) if **inner == TypeRef::String => {
            call(inner, to, &quote!(#SECRET::expose(#v).as_str()))
        }
        (TypeRef::Secret(inner), _) => call(inner, to, &quote!(#SECRET::expose(#v))),
        (TypeRef::Named(_, NamedKind::Id | NamedKind::Enum), _) => Call::Plain(quote!(#v.as_ref())),
        (TypeRef::String, _) => Call::Plain(v.clone()),
        (TypeRef::Integer | TypeRef::UInt32 | TypeRef::Number | TypeRef::Boolean, Put::Query) => {
            Call::Plain(v.clone())
        }
        (TypeRef::Integer | TypeRef::UInt32 | TypeRef::Number | TypeRef::Boolean, Put::Header) => {
            Call::Plain(quote!(&#to_string(#v)))
        }
        (TypeRef::Array(inner), _) if !scalar(inner) => match to {
            Put::Query => Call::JsonEach,
            Put::Header => Call::Json,
        },
        (TypeRef::Array(inner), Put::Header) => match **inner {
            TypeRef::String => Call::Plain(quote!(&#v.join(", "))),
            _ => Call::Plain(quote! {
                &#v.iter().map(#to_string).collect::<Vec<_>>().join(", ")
            }),
        },
        (TypeRef::Array(inner), Put::Query) => match **inner {
            TypeRef::Named(..) => Call::Plain(quote! {
                &#v.iter().map(#to_string).collect::<Vec<_>>()
            }),
            _ => Call::Plain(v.clone()),
        },
        (
            TypeRef::Json
            | TypeRef::Map(_)
            | TypeRef::Named(_, NamedKind::Object)
            | TypeRef::Boxed(_)
            | TypeRef::File
            | TypeRef::Bytes,
            _,
        ) => Call::Json,
    }
}

/// Whether a value of this type is sent as text (not as JSON).
fn scalar(t: &TypeRef) -> bool {
    if let TypeRef::Secret(inner) = t {
        return scalar(inner);
    }
    matches!(
        t,
        TypeRef::String
            | TypeRef::Integer
            | TypeRef::UInt32
            | TypeRef::Number
            | TypeRef::Boolean
            | TypeRef::Named(_, NamedKind::Id | NamedKind::Enum)
    )
}

/// Checks the bounds a value of the input's type can break.
pub(crate) fn range_check(p: &Param, owner: TokenStream) -> Option<TokenStream> {
    let (min, max) = p.check()?;
    let id = p.ident.to_ident();
    let wire = &p.wire;
    let (min, max) = (option_tokens(min), option_tokens(max));
    let widen = |v: TokenStream| match p.ty {
        TypeRef::Integer => v,
        _ => quote!(i64::from(#v)),
    };
    Some(if p.required {
        let value = widen(quote!(#owner.#id));
        quote!(#REQUEST.check_range(#wire, #value, #min, #max);)
    } else {
        let value = widen(quote!(#VALUE));
        quote! {
            if let Some(#VALUE) = #owner.#id {
                #REQUEST.check_range(#wire, #value, #min, #max);
            }
        }
    })
}

fn option_tokens(v: Option<i64>) -> TokenStream {
    match v {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}
