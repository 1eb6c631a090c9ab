//! A module's `Client`: a wrapper over the runtime's client, generic over the
//! runtime's `Mode` (async by default), with its constructors, its builder and
//! the runtime's `Api` impl; and the `static` describing the API.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Options, docs};
use crate::model::{Auth, Module};

pub(crate) fn emit(m: &Module, opts: &Options<'_>) -> TokenStream {
    let rt = &opts.runtime;
    let base = &m.base_url;
    let name = &m.namespace;
    let base_doc = docs::attrs(&[if base.is_empty() {
        format!(
            "The spec's `baseUri` for {} is empty: callers must set a base URL.",
            docs::code(name)
        )
    } else {
        format!("The spec's `baseUri` for {}.", docs::code(name))
    }]);
    let credential = match &m.auth {
        Auth::Bearer { env } => quote!(#rt::Credential::SecretKey { env: #env }),
        Auth::None => quote!(#rt::Credential::None),
    };
    let from_env_doc = docs::attrs(&[match &m.auth {
        Auth::Bearer { env } => format!(
            "A client with default settings and the secret key from {} (`binds` in the spec).",
            docs::code(env)
        ),
        Auth::None => {
            "A client with default settings; the spec binds no credential, so none is sent."
                .to_owned()
        }
    }]);
    let client_doc = docs::attrs(&[
        format!(
            "A client for the {} capability: the runtime's [`{}::Client`] with this module's operations.",
            docs::code(name),
            opts.runtime_name
        ),
        String::new(),
        "Cheap to clone. Operations return request builders whose `send()` returns a future \
         (`.send().await`); the same client in the runtime's `Blocking` mode (see \
         `blocking::Client` of the runtime) returns the result instead."
            .to_owned(),
    ]);
    quote! {
        #base_doc
        pub const BASE_URL: &str = #base;

        static API: #rt::ApiSpec = #rt::ApiSpec {
            name: #name,
            base_url: BASE_URL,
            credential: #credential,
        };

        #client_doc
        #[derive(Clone, Debug)]
        pub struct Client<M = #rt::Async> {
            runtime: #rt::Client,
            mode: M,
        }

        impl Client {
            /// A builder with every setting of the runtime's client, ending in this client.
            pub fn builder() -> #rt::ClientBuilder<Client> {
                #rt::ClientBuilder::for_api()
            }

            /// Wraps a configured runtime client.
            ///
            /// # Errors
            ///
            /// When the spec has no `baseUri` and the runtime client was built without a
            /// base URL, or the spec's `baseUri` is plain `http` to a non-loopback host.
            pub fn new(runtime: #rt::Client) -> Result<Client, Error> {
                runtime.check_api(&API)?;
                Ok(Client { runtime, mode: #rt::Async })
            }

            #from_env_doc
            ///
            /// # Errors
            ///
            /// When the variable is unset or empty, or the spec has no `baseUri` (then
            /// set one with [`Client::builder`]).
            pub fn from_env() -> Result<Client, Error> {
                Client::builder().secret_key_from_env()?.build()
            }
        }

        impl<M: #rt::Mode> Client<M> {
            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                self.runtime.base_url_for(&API)
            }

            /// The runtime client underneath.
            pub fn runtime(&self) -> &#rt::Client {
                &self.runtime
            }
        }

        impl #rt::Api for Client {
            type In<M: #rt::Mode> = Client<M>;

            fn spec() -> &'static #rt::ApiSpec {
                &API
            }

            fn assemble<M: #rt::Mode>(runtime: #rt::Client, mode: M) -> Client<M> {
                Client { runtime, mode }
            }

            fn runtime(&self) -> &#rt::Client {
                &self.runtime
            }
        }
    }
}
