//! What a generated client tells the runtime about its API and its operations:
//! static data, passed in by value or reference, never looked up by name.

use crate::client::Client;
use crate::mode::Mode;

/// One API (one capability adapter), as its generated client describes it.
///
/// Generated code builds one `static` of this type per client module.
#[derive(Debug)]
pub struct ApiSpec {
    /// The adapter's namespace, e.g. `clerk-backend-api-sessions`.
    pub name: &'static str,
    /// The spec's `baseUri`, without a trailing `/`; empty when the API has no
    /// fixed host (callers must then set [`ClientBuilder::base_url`](crate::ClientBuilder::base_url)).
    pub base_url: &'static str,
    /// How requests are authenticated.
    pub credential: Credential,
}

/// How the requests of an API are authenticated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Credential {
    /// `Authorization: Bearer <key>`, the key read from this environment
    /// variable by `from_env` (e.g. `CLERK_SECRET_KEY`).
    SecretKey {
        /// The variable.
        env: &'static str,
    },
    /// Clerk's Frontend API: the base URL comes from the publishable key in this
    /// environment variable (e.g. `CLERK_PUBLISHABLE_KEY`) when the spec has no
    /// `baseUri`; requests carry the client's token when one is set
    /// ([`ClientBuilder::client_token`](crate::ClientBuilder::client_token),
    /// [`ClientBuilder::dev_browser_token`](crate::ClientBuilder::dev_browser_token)).
    Frontend {
        /// The variable holding the publishable key.
        publishable_key_env: &'static str,
    },
    /// Nothing the runtime sends by itself.
    None,
}

/// A generated API client: the runtime builds it from a configured [`Client`].
///
/// Implemented by the `Client` of every generated module; the runtime's
/// [`ClientBuilder`](crate::ClientBuilder) and
/// [`blocking::Client`](crate::blocking::Client) use it to hand out that type.
pub trait Api: Clone + Sized {
    /// The same client, sending its requests in another [`Mode`].
    type In<M: Mode>;
    /// The API this client calls.
    fn spec() -> &'static ApiSpec;
    /// The client in `mode` over `runtime`.
    fn assemble<M: Mode>(runtime: Client, mode: M) -> Self::In<M>;
    /// The runtime client underneath.
    fn runtime(&self) -> &Client;
}

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
}

impl Method {
    /// The method as sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    pub(crate) fn as_reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
        }
    }
}

/// One piece of a path template.
#[derive(Clone, Copy, Debug)]
pub enum PathPart {
    /// Sent as is.
    Literal(&'static str),
    /// The next path argument, by its wire name.
    Param(&'static str),
}

/// What the generator knows about an operation, as static data.
#[derive(Debug)]
pub struct OperationSpec {
    /// The spec's operation name.
    pub name: &'static str,
    /// HTTP method.
    pub method: Method,
    /// The path as written in the spec, for logs and errors.
    pub path_template: &'static str,
    /// The path, split.
    pub path: &'static [PathPart],
    /// The API the operation belongs to.
    pub api: &'static ApiSpec,
    /// Whether repeating the request is harmless.
    pub retry_safe: bool,
    /// How this operation is authenticated.
    pub auth: OperationAuth,
}

/// How one operation is authenticated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OperationAuth {
    /// By its API's [`Credential`]: the secret key, or the Frontend API
    /// client's token.
    Api,
    /// By HTTP Basic with an OAuth application's client ID and secret
    /// ([`ClientBuilder::oauth_client`](crate::ClientBuilder::oauth_client)),
    /// and nothing else: the Frontend API's OAuth token endpoints. The API's
    /// credential is never sent to them.
    ClientCredentials {
        /// Whether the operation needs them: a client without them then gets
        /// [`Error::Config`](crate::Error::Config) and nothing is sent. When
        /// `false` (a public OAuth client may call it too), the request goes
        /// without credentials.
        required: bool,
    },
}
