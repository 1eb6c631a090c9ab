//! Per-module constants and, outside the runtime crate, the module's `Client`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Options, docs};
use crate::model::{Auth, Module};

pub(crate) fn emit(m: &Module, opts: &Options<'_>) -> TokenStream {
    let rt = &opts.runtime;
    let base = &m.base_url;
    let base_doc = if base.is_empty() {
        format!(
            "The spec's `baseUri` for {} is empty: callers must set a base URL.",
            docs::code(&m.namespace)
        )
    } else {
        format!("The spec's `baseUri` for {}.", docs::code(&m.namespace))
    };
    let env = match &m.auth {
        Auth::Bearer { env } => {
            let doc = docs::attrs(&[
                "The environment variable that holds the secret key (`binds` in the spec): sent as `Authorization: Bearer <key>`.",
            ]);
            quote! {
                #doc
                pub const SECRET_KEY_ENV: Option<&str> = Some(#env);
            }
        }
        Auth::None => quote! {
            /// The spec binds no credential this client sends: requests carry no `Authorization` header unless a caller-supplied HTTP client adds one.
            pub const SECRET_KEY_ENV: Option<&str> = None;
        },
    };
    let base_doc = docs::attrs(&[base_doc]);
    let consts = quote! {
        #base_doc
        pub const BASE_URL: &str = #base;
        #env
    };
    if opts.inherent {
        return consts;
    }
    let doc = docs::attrs(&[format!(
        "A client for the {} capability: the runtime's [`{}::Client`] with this module's operations.",
        docs::code(&m.namespace),
        quote!(#rt).to_string().replace(' ', "")
    )]);
    quote! {
        #consts

        #doc
        #[derive(Clone, Debug)]
        pub struct Client {
            inner: #rt::Client,
        }

        impl Client {
            /// Wraps a configured runtime client.
            ///
            /// Fails when the spec has no `baseUri` and the client was built without a base URL.
            pub fn new(inner: #rt::Client) -> Result<Self, Error> {
                inner.__check_base_url(BASE_URL)?;
                Ok(Client { inner })
            }

            /// A client with default settings and the key from [`SECRET_KEY_ENV`]
            /// (none when the spec binds no credential).
            ///
            /// Fails when the variable is unset, or when the spec has no `baseUri`
            /// (then build the runtime client with a base URL and use [`Client::new`]).
            pub fn from_env() -> Result<Self, Error> {
                let builder = #rt::Client::builder();
                let builder = match SECRET_KEY_ENV {
                    Some(var) => builder.secret_key_from_var(var)?,
                    None => builder.no_secret_key(),
                };
                Client::new(builder.build()?)
            }

            /// The runtime client underneath.
            pub fn inner(&self) -> &#rt::Client {
                &self.inner
            }
        }
    }
}
