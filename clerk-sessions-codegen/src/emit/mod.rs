//! Model → Rust tokens. A pure function of the model: no I/O, no name
//! invention (names come from the model or from [`crate::names::own`]).

mod body;
mod client;
pub(crate) mod docs;
mod filter;
mod operation;
mod types;
mod wire;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Api, Body, Module, OneOf, Operation, TypeDef, TypeRef};
use crate::names::own::{BYTES_TYPE, ERROR, FILE, MODE, REDIRECT, SECRET};

/// How the emitted code reaches the runtime.
#[derive(Clone, Copy)]
pub(crate) struct Options<'a> {
    /// Path of the runtime crate, e.g. `::clerk_runtime`.
    pub(crate) runtime: &'a proc_macro2::TokenStream,
    /// The same path as the configuration wrote it, for doc text.
    pub(crate) runtime_name: &'a str,
}

/// A piece of the file that emits whole top-level items. The file is the
/// units' items in order, and the printer prints top-level items one after
/// the other, so units can be formatted apart and their text joined.
pub(crate) enum Unit<'a> {
    /// The `use` items, the API's description and the client of a module.
    Header(&'a Module),
    /// A named type of a module.
    Type(&'a TypeDef),
    /// The body struct of an operation.
    Body(&'a Operation),
    /// The "at least one of" argument of an operation of a module.
    OneOf(&'a Operation, &'a OneOf),
    /// An operation of a module.
    Operation(&'a Operation),
    /// A whole module, in a file with several adapters.
    Module(&'a Module),
}

/// The units of the file, in file order.
pub(crate) fn units(api: &Api) -> Vec<Unit<'_>> {
    match api.modules.as_slice() {
        [only] => module_units(only),
        modules => modules.iter().map(Unit::Module).collect(),
    }
}

/// The parts of one module, in order: named types, body structs, filters,
/// operations.
fn module_units(m: &Module) -> Vec<Unit<'_>> {
    let mut units = vec![Unit::Header(m)];
    units.extend(m.types.iter().map(Unit::Type));
    units.extend(
        m.operations
            .iter()
            .filter(|op| matches!(op.body, Some(Body::Typed { .. })))
            .map(Unit::Body),
    );
    units.extend(
        m.operations
            .iter()
            .filter_map(|op| op.one_of.as_ref().map(|o| Unit::OneOf(op, o))),
    );
    units.extend(m.operations.iter().map(Unit::Operation));
    units
}

/// The items of one unit, unformatted.
pub(crate) fn unit(unit: &Unit<'_>, opts: &Options<'_>) -> TokenStream {
    match unit {
        Unit::Header(m) => {
            let mut tokens = imports(opts);
            tokens.extend(client::emit(m, opts));
            tokens
        }
        Unit::Type(t) => types::typedef(t, opts),
        Unit::Body(op) => body::emit(op),
        Unit::OneOf(op, one_of) => filter::emit(op, one_of),
        Unit::Operation(op) => operation::emit(op, opts),
        Unit::Module(m) => module(m, opts),
    }
}

/// A module of a file with several adapters.
fn module(m: &Module, opts: &Options<'_>) -> TokenStream {
    let ident = m.ident.to_ident();
    let doc = docs::attrs(&module_doc(m));
    let items: TokenStream = module_units(m)
        .iter()
        .map(|part| unit(part, opts))
        .collect();
    quote! {
        #doc
        pub mod #ident {
            #items
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

/// The `use` items that open every module. Generated code names the
/// runtime's items through them (`Error`, `__private::Request`), and takes
/// the standard prelude by an explicit glob, which a glob import in the
/// including module cannot shadow. No type of the spec takes a prelude
/// name, `Client` or `Error` (`names::own`), and spec names never start
/// with `__`. `Error` is also in scope for intra-doc links.
fn imports(opts: &Options<'_>) -> TokenStream {
    let rt = &opts.runtime;
    quote! {
        #[allow(unused_imports)]
        use #rt::{#BYTES_TYPE, #ERROR, #FILE, #REDIRECT, #SECRET, __private};
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
        TypeRef::Boxed(inner) => {
            let inner = ty(inner);
            quote!(Box<#inner>)
        }
        TypeRef::File => quote!(#FILE),
        // Held as the runtime's `OctetStream`, whose `Debug` shows the length.
        TypeRef::Bytes => quote!(__private::OctetStream),
        TypeRef::Secret(inner) => {
            let inner = ty(inner);
            quote!(#SECRET<#inner>)
        }
    }
}

/// The runtime's mode bound, `M: rt::Mode`.
pub(crate) fn mode_bound(opts: &Options<'_>) -> TokenStream {
    let rt = &opts.runtime;
    quote!(#MODE: #rt::Mode)
}
