//! Named types from the typing file: ID newtypes, enums, structs, tagged unions.

use proc_macro2::TokenStream;
use quote::quote;

use super::Options;
use crate::model::Module;

pub(crate) fn emit(m: &Module, opts: &Options) -> TokenStream {
    let _ = (m, opts);
    quote! {}
}
