//! Model → Rust tokens. A pure function of the model: no I/O, no name invention.

mod client;
pub(crate) mod docs;
mod filter;
mod operation;
mod types;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Api, Module, NamedKind, TypeRef};

/// How the emitted code reaches the runtime and attaches its methods.
pub(crate) struct Options {
    /// Path of the runtime crate, e.g. `::clerk_sessions`.
    pub(crate) runtime: syn::Path,
    /// Attach operations to the runtime's `Client` directly (only possible
    /// inside the runtime crate), instead of to a generated wrapper `Client`.
    pub(crate) inherent: bool,
    /// Emit the blocking flavour: only the operations, on the runtime's
    /// `blocking::Client`, with a synchronous `send()`. Implies `inherent`.
    pub(crate) blocking: bool,
}

/// The whole file, unformatted.
pub(crate) fn api(api: &Api, opts: &Options) -> TokenStream {
    match api.modules.as_slice() {
        [only] => module_items(only, opts),
        modules => {
            let mods = modules.iter().map(|m| {
                let ident = m.ident.to_ident();
                let doc = docs::attrs(&module_doc(m));
                let items = module_items(m, opts);
                quote! {
                    #doc
                    pub mod #ident {
                        #items
                    }
                }
            });
            quote! { #(#mods)* }
        }
    }
}

fn module_doc(m: &Module) -> Vec<String> {
    let mut lines = vec![format!(
        "Client for the {} capability.",
        docs::code(&m.namespace)
    )];
    if let Some(d) = &m.description {
        lines.push(String::new());
        lines.extend(docs::sanitize(d));
    }
    lines
}

fn module_items(m: &Module, opts: &Options) -> TokenStream {
    // Each part is moved into the module's tokens, not copied.
    let mut tokens = imports(opts);
    // The blocking flavour only adds operations: the types live in the async module.
    if !opts.blocking {
        tokens.extend(client::emit(m, opts));
        tokens.extend(types::emit(m, opts));
    }
    tokens.extend(m.operations.iter().map(|op| operation::emit(m, op, opts)));
    tokens
}

/// The `use` items that open every module. Generated code names the
/// runtime's items through them (`Error`, `__private::Request`), and takes
/// the standard prelude by an explicit glob, which a glob import in the
/// including module cannot shadow. No type of the spec takes a prelude
/// name, `Client` or `Error` (`lower::RESERVED_TYPES`), and spec names never
/// start with `__`. `Client` and `Error` are also in scope for intra-doc links.
fn imports(opts: &Options) -> TokenStream {
    let rt = &opts.runtime;
    let runtime = if opts.blocking {
        quote!(use #rt::*;)
    } else if opts.inherent {
        quote!(use #rt::{Client, Error, __private};)
    } else {
        quote!(use #rt::{Error, __private};)
    };
    quote! {
        #[allow(unused_imports)]
        #runtime
        #[allow(unused_imports)]
        use ::std::prelude::rust_2021::*;
    }
}

/// The Rust type for a model type, as stored in a field.
pub(crate) fn ty(t: &TypeRef) -> TokenStream {
    match t {
        TypeRef::String => quote!(String),
        TypeRef::Integer => quote!(i64),
        TypeRef::UInt32 => quote!(u32),
        TypeRef::Number => quote!(f64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::Json => quote!(::serde_json::Value),
        TypeRef::Array(inner) => {
            let inner = ty(inner);
            quote!(Vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = ty(inner);
            quote!(::std::collections::BTreeMap<String, #inner>)
        }
        TypeRef::Named(ident, _) => {
            let ident = ident.to_ident();
            quote!(#ident)
        }
    }
}

/// Whether a type is a string ID newtype.
pub(crate) fn is_id(t: &TypeRef) -> bool {
    matches!(t, TypeRef::Named(_, NamedKind::Id))
}
