//! The body struct of an operation whose typing file gives a body schema.

use proc_macro2::TokenStream;

use super::{docs, types};
use crate::model::{Body, Operation};

pub(crate) fn emit(op: &Operation) -> TokenStream {
    let Some(Body::Typed { ident, fields, .. }) = &op.body else {
        return TokenStream::new();
    };
    let doc = docs::attrs(&[format!("The JSON body of {}.", docs::code(&op.name))]);
    types::structure(ident, doc, fields.iter().map(|f| &f.field))
}
