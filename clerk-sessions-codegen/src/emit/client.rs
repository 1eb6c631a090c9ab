//! A module's `Client`: a wrapper over the runtime's client, generic over the
//! runtime's `Mode` (async by default), with its constructors, its builder and
//! the runtime's `Api` impl; and the `static` describing the API.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Options, docs, mode_bound};
use crate::model::{Auth, BaseUrl, Module};
use crate::names::own::{
    API, ASSEMBLE, BASE_URL, BASE_URL_FN, BUILDER, CLIENT, ERROR, FROM_ENV, IN, MODE, MODE_FIELD,
    NEW, RUNTIME, SPEC,
};

pub(crate) fn emit(m: &Module, opts: &Options<'_>) -> TokenStream {
    let mut tokens = statics(m, opts);
    tokens.extend(client_struct(m, opts));
    tokens.extend(constructors(m, opts));
    tokens.extend(api_impl(opts));
    tokens
}

/// `BASE_URL` and the `API` static the runtime reads.
fn statics(m: &Module, opts: &Options<'_>) -> TokenStream {
    let rt = &opts.runtime;
    let base = m.base_url.as_str();
    let name = &m.namespace;
    let base_doc = docs::attrs(&[match m.base_url {
        BaseUrl::None => format!(
            "The spec's `baseUri` for {} is empty: callers must set a base URL.",
            docs::code(name)
        ),
        BaseUrl::Https(_) | BaseUrl::Http(_) => {
            format!("The spec's `baseUri` for {}.", docs::code(name))
        }
    }]);
    let credential = match &m.auth {
        Auth::Bearer { env } => quote!(#rt::Credential::SecretKey { env: #env }),
        Auth::Frontend { env } => quote!(#rt::Credential::Frontend { publishable_key_env: #env }),
        Auth::None => quote!(#rt::Credential::None),
    };
    quote! {
        #base_doc
        pub const #BASE_URL: &str = #base;

        static #API: #rt::ApiSpec = #rt::ApiSpec {
            name: #name,
            base_url: #BASE_URL,
            credential: #credential,
        };
    }
}

fn client_struct(m: &Module, opts: &Options<'_>) -> TokenStream {
    let rt = &opts.runtime;
    let client_doc = docs::attrs(&[
        format!(
            "A client for the {} capability: the runtime's [`{}::Client`] with this module's operations.",
            docs::code(&m.namespace),
            opts.runtime_name
        ),
        String::new(),
        "Cheap to clone. Operations return request builders whose `send()` returns a future \
         (`.send().await`); the same client in the runtime's `Blocking` mode (see \
         `blocking::Client` of the runtime) returns the result instead."
            .to_owned(),
    ]);
    quote! {
        #client_doc
        #[derive(Clone, Debug)]
        pub struct #CLIENT<#MODE = #rt::Async> {
            #RUNTIME: #rt::Client,
            #MODE_FIELD: #MODE,
        }
    }
}

/// `builder()`, `new(runtime)` and `from_env()`, and the accessors of every mode.
fn constructors(m: &Module, opts: &Options<'_>) -> TokenStream {
    let rt = &opts.runtime;
    let new_doc = docs::attrs(&new_errors(&m.base_url));
    let from_env_doc = docs::attrs(&from_env_doc(m));
    let mode = mode_bound(opts);
    quote! {
        impl #CLIENT {
            /// A builder with every setting of the runtime's client, ending in this client.
            pub fn #BUILDER() -> #rt::ClientBuilder<#CLIENT> {
                #rt::ClientBuilder::for_api()
            }

            /// Wraps a configured runtime client.
            ///
            /// # Errors
            ///
            #new_doc
            pub fn #NEW(#RUNTIME: #rt::Client) -> Result<#CLIENT, #ERROR> {
                #RUNTIME.check_api(&#API)?;
                Ok(#CLIENT { #RUNTIME, #MODE_FIELD: #rt::Async })
            }

            #from_env_doc
            pub fn #FROM_ENV() -> Result<#CLIENT, #ERROR> {
                #CLIENT::#BUILDER().secret_key_from_env()?.build()
            }
        }

        impl<#mode> #CLIENT<#MODE> {
            /// The base URL requests go to.
            pub fn #BASE_URL_FN(&self) -> &str {
                self.#RUNTIME.base_url_for(&#API)
            }

            /// The runtime client underneath.
            pub fn #RUNTIME(&self) -> &#rt::Client {
                &self.#RUNTIME
            }
        }
    }
}

/// When `Client::new` fails, for this API's base URL.
fn new_errors(base_url: &BaseUrl) -> Vec<String> {
    vec![match base_url {
        BaseUrl::None => "When the runtime client was built without a base URL: the spec's \
                          `baseUri` is empty, so requests have nowhere to go."
            .to_owned(),
        BaseUrl::Http(_) => "When the runtime client was built without a base URL of its own \
                             and refuses the spec's plain-`http` `baseUri` (a host that is not \
                             a loopback address, and insecure HTTP not allowed)."
            .to_owned(),
        BaseUrl::Https(_) => "Never, with the spec's `https` `baseUri`; the `Result` keeps \
                              every module's `Client::new` alike."
            .to_owned(),
    }]
}

/// The doc of `from_env()`: where the key comes from, and when it fails.
fn from_env_doc(m: &Module) -> Vec<String> {
    let mut lines = vec![match &m.auth {
        Auth::Bearer { env } => format!(
            "A client with default settings and the secret key from {} (`binds` in the spec).",
            docs::code(env)
        ),
        Auth::Frontend { env } => format!(
            "A client with default settings and the publishable key from {}, which names the Frontend API host when the spec's `baseUri` is empty.",
            docs::code(env)
        ),
        Auth::None => {
            "A client with default settings; the spec binds no credential, so none is sent."
                .to_owned()
        }
    }];
    lines.extend([String::new(), "# Errors".to_owned(), String::new()]);
    let mut causes = Vec::new();
    if let Auth::Frontend { env } = &m.auth {
        causes.push(format!("{} is unset or empty", docs::code(env)));
    }
    if let Auth::Bearer { env } = &m.auth {
        causes.push(format!(
            "{} is unset or empty, or holds characters a header cannot",
            docs::code(env)
        ));
    }
    match m.base_url {
        BaseUrl::None => causes.push(
            "no base URL is set, since the spec's `baseUri` is empty (set one with \
             [`Client::builder`])"
                .to_owned(),
        ),
        BaseUrl::Http(_) => causes
            .push("the spec's plain-`http` `baseUri` is refused (see [`Client::new`])".to_owned()),
        BaseUrl::Https(_) => {}
    }
    causes.push("the HTTP client cannot be created".to_owned());
    lines.push(format!("When {}.", causes.join("; or when ")));
    lines
}

/// The runtime's `Api` trait, through which its builder and blocking
/// wrapper make this client.
fn api_impl(opts: &Options<'_>) -> TokenStream {
    let rt = &opts.runtime;
    let mode = mode_bound(opts);
    quote! {
        impl #rt::Api for #CLIENT {
            type #IN<#mode> = #CLIENT<#MODE>;

            fn #SPEC() -> &'static #rt::ApiSpec {
                &#API
            }

            fn #ASSEMBLE<#mode>(#RUNTIME: #rt::Client, #MODE_FIELD: #MODE) -> #CLIENT<#MODE> {
                #CLIENT { #RUNTIME, #MODE_FIELD }
            }

            fn #RUNTIME(&self) -> &#rt::Client {
                &self.#RUNTIME
            }
        }
    }
}
