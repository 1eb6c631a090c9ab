//! `calls.rs`: per capability, an async function that makes one sample call
//! of every operation whose required inputs can be filled, through the
//! test's `Harness` (which points the client at Prism and judges the
//! outcome); and `CAPABILITIES`, what was covered and what was skipped.

use std::path::PathBuf;

use clerk_sessions_codegen::model::{Body, BodyField, Operation, Param, TypeRef};
use clerk_sessions_codegen::{Generated, names};
use proc_macro2::TokenStream;
use quote::quote;

use crate::sample::Sampler;

pub(crate) fn file(
    modules: &[(String, PathBuf, Generated)],
) -> Result<TokenStream, Box<dyn std::error::Error>> {
    let mut fns = Vec::new();
    let mut runs = Vec::new();
    let mut entries = Vec::new();
    for (stem, _, generated) in modules {
        let ident = names::value_ident(stem)?.to_ident();
        let api = api_of(stem)?;
        let mut calls = Vec::new();
        let mut skipped = Vec::new();
        for module in &generated.api.modules {
            // A file with one adapter (every Clerk file) generates its items
            // directly in the file's module.
            let path = if generated.api.modules.len() == 1 {
                quote!(::clerk_prism_tests::#ident)
            } else {
                let m = module.ident.to_ident();
                quote!(::clerk_prism_tests::#ident::#m)
            };
            let sampler = Sampler::new(path.clone(), module);
            for op in &module.operations {
                match call(stem, &api, &path, &sampler, op) {
                    Some(tokens) => calls.push(tokens),
                    None => skipped.push(op.name.clone()),
                }
            }
        }
        let doc = format!(" The sample calls of `{stem}.yaml`.");
        fns.push(quote! {
            #[doc = #doc]
            async fn #ident(h: &crate::harness::Harness) {
                #(#calls)*
            }
        });
        runs.push(quote!(::std::boxed::Box::pin(#ident(h))));
        entries.push(quote! {
            crate::harness::Capability { file: #stem, api: #api, skipped: &[#(#skipped),*] }
        });
    }
    Ok(quote! {
        /// Every covered capability file, and the operations whose inputs
        /// could not be filled (not called).
        pub(crate) const CAPABILITIES: &[crate::harness::Capability] = &[#(#entries),*];

        /// Makes every sample call: the files concurrently, each file's calls in order.
        pub(crate) async fn run(h: &crate::harness::Harness) {
            let all: ::std::vec::Vec<::std::pin::Pin<::std::boxed::Box<dyn ::core::future::Future<Output = ()> + '_>>> =
                ::std::vec![#(#runs),*];
            ::futures_util::future::join_all(all).await;
        }

        #(#fns)*
    })
}

/// The API a file belongs to, by its name (as the generator tells them).
fn api_of(stem: &str) -> Result<TokenStream, String> {
    if stem.starts_with("clerk-backend-api-") {
        Ok(quote!(crate::harness::Api::Backend))
    } else if stem.starts_with("clerk-frontend-api-") {
        Ok(quote!(crate::harness::Api::Frontend))
    } else if stem.starts_with("clerk-platform-api-") {
        Ok(quote!(crate::harness::Api::Platform))
    } else {
        Err(format!(
            "{stem}: not a Backend, Frontend or Platform API file"
        ))
    }
}

/// One sample call: the client method with every required input, then
/// `send()`; `None` when an input cannot be filled.
fn call(
    stem: &str,
    api: &TokenStream,
    path: &TokenStream,
    sampler: &Sampler<'_>,
    op: &Operation,
) -> Option<TokenStream> {
    let args = arguments(op)
        .into_iter()
        .map(|p| sampler.argument(p))
        .collect::<Option<Vec<_>>>()?;
    let one_of = match &op.one_of {
        // The filter converts from its first member's value.
        Some(one_of) => Some(sampler.argument(one_of.members.first()?)?),
        None => None,
    };
    let method = op.fn_ident.to_ident();
    let name = &op.name;
    let typed = op.response != TypeRef::Json;
    let setter = one_optional_field(sampler, op);
    Some(quote! {
        h.call(#stem, #name, #api, #typed, |runtime| async move {
            let client = #path::Client::new(runtime)?;
            #[allow(clippy::let_unit_value)] // empty answers decode to ()
            let _response = client.#method(#(#args,)* #one_of) #setter .send().await?;
            ::core::result::Result::Ok::<(), ::clerk_runtime::Error>(())
        }).await;
    })
}

/// The client method's arguments, in the generator's order: path
/// parameters, then the required query, header and body inputs (constants
/// are sent by the client itself), then the at-least-one-of filter.
fn arguments(op: &Operation) -> Vec<&Param> {
    let fixed = |p: &&Param| p.required && p.constant.is_none();
    let mut out: Vec<&Param> = op.path_params.iter().collect();
    out.extend(op.query.iter().filter(fixed));
    out.extend(op.headers.iter().filter(fixed));
    match &op.body {
        Some(Body::Typed { fields, .. }) => {
            out.extend(fields.iter().map(|f| &f.field).filter(fixed));
        }
        Some(Body::List { items }) => out.push(items),
        Some(Body::Bytes { bytes }) => out.push(bytes),
        Some(Body::Untyped { .. }) | None => {}
    }
    out
}

/// `.setter(value)` of the first optional text field of a body that must be
/// sent but requires no field: an empty form is no body to a validator (and
/// likely to Clerk), so the sample call sets one field, as a caller would.
fn one_optional_field(sampler: &Sampler<'_>, op: &Operation) -> Option<TokenStream> {
    let Some(Body::Typed {
        fields,
        required: true,
        ..
    }) = &op.body
    else {
        return None;
    };
    let settable = |f: &&BodyField| f.field.constant.is_none();
    if fields.iter().filter(settable).any(|f| f.field.required) {
        return None;
    }
    let text = |ty: &TypeRef| match ty {
        TypeRef::String => true,
        TypeRef::Secret(inner) => **inner == TypeRef::String,
        _ => false,
    };
    let field = fields.iter().filter(settable).find(|f| text(&f.field.ty))?;
    let setter = field.input.to_ident();
    let value = sampler.argument(&field.field)?;
    Some(quote!(.#setter(#value)))
}
