//! The validated model of a capability: what the emitters read.
//!
//! Everything here has been checked: names are valid, unique Rust identifiers,
//! every path placeholder has its parameter, types are resolved. Emitters never
//! see the raw spec and never invent names.

mod path;
mod types;

pub use path::{PathError, PathPart, PathTemplate};
pub use types::{ArrayField, NamedKind, TypeDef, TypeDefKind, TypeRef};

use crate::names::RustIdent;

/// One capability file: one module per `consumes` adapter.
#[derive(Clone, Debug, PartialEq)]
pub struct Api {
    /// The adapters, in spec order.
    pub modules: Vec<Module>,
}

/// One HTTP adapter of a capability: becomes one Rust module.
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    /// The adapter's namespace, e.g. `clerk-backend-api-sessions`.
    pub namespace: String,
    /// Module name derived from the namespace.
    pub ident: RustIdent,
    /// The adapter's description.
    pub description: Option<String>,
    /// The spec's `baseUri`.
    pub base_url: BaseUrl,
    /// How requests are authenticated.
    pub auth: Auth,
    /// Operations in spec order.
    pub operations: Vec<Operation>,
    /// Named types from the typing file, in file order (the body structs of
    /// operations are in their [`Body::Typed`]).
    pub types: Vec<TypeDef>,
}

/// The spec's `baseUri`, without a trailing `/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BaseUrl {
    /// Empty: the API has no fixed host (Clerk's Frontend API); callers set one.
    None,
    /// An `https://` URL.
    Https(String),
    /// A plain `http://` URL, which the runtime refuses for a non-loopback
    /// host unless told otherwise.
    Http(String),
}

impl BaseUrl {
    /// The URL as written (empty for [`BaseUrl::None`]).
    pub fn as_str(&self) -> &str {
        match self {
            BaseUrl::None => "",
            BaseUrl::Https(url) | BaseUrl::Http(url) => url,
        }
    }
}

/// Authentication for every request of a module, derived from the spec's `binds`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Auth {
    /// `Authorization: Bearer <key>`, the key read from this environment variable.
    Bearer {
        /// The variable, e.g. `CLERK_SECRET_KEY`.
        env: String,
    },
    /// Clerk's Frontend API: the base URL from the publishable key in this
    /// environment variable (when the spec has no `baseUri`), and the client's
    /// token when the caller sets one.
    Frontend {
        /// The variable, e.g. `CLERK_PUBLISHABLE_KEY`.
        env: String,
    },
    /// No credential the generator knows how to send.
    None,
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
}

/// One operation: one client method and one request builder.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// The spec's operation name, e.g. `GetSessionList`.
    pub name: String,
    /// The client method, e.g. `get_session_list`.
    pub fn_ident: RustIdent,
    /// The request builder type, e.g. `GetSessionList`.
    pub builder_ident: RustIdent,
    /// The static operation descriptor, e.g. `GET_SESSION_LIST`.
    pub const_ident: RustIdent,
    /// HTTP method.
    pub method: Method,
    /// The resource path.
    pub path: PathTemplate,
    /// The spec's description.
    pub description: Option<String>,
    /// Path parameters, in placeholder order.
    pub path_params: Vec<Param>,
    /// Query parameters, in spec order (typing-file extras last), except the
    /// members of [`Operation::one_of`].
    pub query: Vec<Param>,
    /// Header parameters, in spec order.
    pub headers: Vec<Param>,
    /// The request body, if the operation has one.
    pub body: Option<Body>,
    /// "At least one of these query parameters", as a compile-time requirement.
    pub one_of: Option<OneOf>,
    /// What a success decodes into (for [`Reply::Json`] and [`Reply::Optional`]).
    pub response: TypeRef,
    /// What kind of answer a success is.
    pub reply: Reply,
    /// Whether repeating the request is harmless (GET, or marked idempotent).
    pub retry_safe: bool,
    /// How the request is authenticated (`x-auth`).
    pub auth: OperationAuth,
    /// How to stream every item across pages, when the typing file says.
    pub paginate: Option<Paginate>,
}

/// How one operation is authenticated (`x-auth`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OperationAuth {
    /// By the module's [`Auth`].
    Api,
    /// By HTTP Basic with an OAuth application's client ID and secret, and
    /// nothing else; `required`: the client refuses to send without them.
    ClientCredentials {
        /// Whether the operation needs them (else it is sent without).
        required: bool,
    },
}

/// What kind of answer a success is (`x-response`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reply {
    /// JSON, decoded into [`Operation::response`].
    Json,
    /// JSON as [`Reply::Json`], or no content (a 204): `send()` yields
    /// `Option<T>`, `None` when the answer has no body.
    Optional,
    /// No content: `send()` yields `()`.
    Empty,
    /// Text that is not JSON: `String`.
    Text,
    /// A 3xx answer: the runtime's `Redirect`.
    Redirect,
}

/// Paging by offset (`x-paginate`): which response fields hold the page and the
/// total, and which setters move through pages.
#[derive(Clone, Debug, PartialEq)]
pub struct Paginate {
    /// The response field holding one page of items, e.g. `data`.
    pub items: RustIdent,
    /// The type of one item.
    pub item: TypeRef,
    /// The response field holding the total count, e.g. `total_count`.
    pub total: RustIdent,
    /// Its type (an integer type).
    pub total_ty: TypeRef,
    /// The builder's offset setter and field.
    pub offset: RustIdent,
    /// The builder's limit field and its largest allowed value, used as the
    /// page size when the caller sets none.
    pub limit: Option<(RustIdent, i64)>,
}

/// A group of optional parameters of which the caller must give at least one.
#[derive(Clone, Debug, PartialEq)]
pub struct OneOf {
    /// The type the positional argument takes, e.g. `GetSessionListFilter`.
    pub ident: RustIdent,
    /// The argument's (and the builder field's) name: `filter`, unless a
    /// parameter of the operation has that name.
    pub field: RustIdent,
    /// The optional query parameters of the group, in the typing file's order.
    pub members: Vec<Param>,
}

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Location {
    /// Substituted into the path.
    Path,
    /// Added to the query string.
    Query,
    /// Sent as a request header.
    Header,
    /// A field of the JSON body.
    Body,
}

/// One input of an operation (or one field of a body).
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// The name on the wire, verbatim.
    pub wire: String,
    /// The Rust name (argument, setter, field).
    pub ident: RustIdent,
    /// Where it goes.
    pub location: Location,
    /// Required inputs are positional arguments; optional ones are setters.
    pub required: bool,
    /// Its type.
    pub ty: TypeRef,
    /// Its description.
    pub description: Option<String>,
    /// A fixed value, always sent and not exposed to callers.
    pub constant: Option<serde_json::Value>,
    /// The constraints the typing file states (documented; integer bounds a
    /// value of the Rust type can break are also checked, see [`Param::check`]).
    pub range: Range,
    /// A default the server applies when the input is omitted (documentation only).
    pub default: Option<serde_json::Value>,
    /// For a query array sent as one parameter (`style: spaceDelimited`,
    /// `pipeDelimited`, or `form` with `explode: false`): the separator of
    /// its items. `None`: one parameter per item.
    pub joined: Option<&'static str>,
}

impl Param {
    /// The bounds to check before sending: the inclusive bounds of an integer
    /// input that a value of its Rust type can break (a `u32` is never below
    /// 0), or `None` when there is nothing to check. Bounds on other types
    /// are documented only.
    pub fn check(&self) -> Option<(Option<i64>, Option<i64>)> {
        let (low, high) = match self.ty {
            TypeRef::Integer => (i64::MIN, i64::MAX),
            TypeRef::UInt32 => (0, i64::from(u32::MAX)),
            _ => return None,
        };
        let min = self.range.min.filter(|min| *min > low);
        let max = self.range.max.filter(|max| *max < high);
        (min.is_some() || max.is_some()).then_some((min, max))
    }
}

/// Inclusive numeric bounds, plus a minimum string length.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Range {
    /// Smallest allowed value.
    pub min: Option<i64>,
    /// Largest allowed value.
    pub max: Option<i64>,
    /// Smallest allowed length, for strings.
    pub min_length: Option<u64>,
}

impl Range {
    /// Whether there is anything to check.
    pub fn is_empty(&self) -> bool {
        self.min.is_none() && self.max.is_none() && self.min_length.is_none()
    }
}

/// A request body.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    /// The spec gives no schema: callers may set any JSON value, or none.
    Untyped {
        /// The parameter's description.
        description: Option<String>,
    },
    /// A JSON object whose fields the typing file describes: a struct the
    /// module defines for the operation.
    Typed {
        /// The generated body struct, e.g. `CreateSessionBody`.
        ident: RustIdent,
        /// Fields in schema order; required ones become positional arguments.
        fields: Vec<BodyField>,
        /// Whether a body is sent when no field is set.
        required: bool,
        /// How the body goes on the wire.
        encoding: Encoding,
    },
    /// A JSON array: the operation's one required argument (`items`), sent as it is.
    List {
        /// The argument, of an array type.
        items: Param,
    },
    /// Raw bytes (`application/octet-stream`): the operation's one required
    /// argument (`bytes`), sent exactly as given.
    Bytes {
        /// The argument, of type [`TypeRef::Bytes`].
        bytes: Param,
    },
}

/// How a typed body goes on the wire (its `content-type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// `application/json`.
    Json,
    /// `application/x-www-form-urlencoded`: arrays as repeated keys, objects as JSON text.
    Form,
    /// `multipart/form-data`: [`TypeRef::File`] fields as file parts, others as text parts.
    Multipart,
}

/// A field of a typed body: a field of the body struct, and an input of the
/// operation (an argument when required, else a setter).
#[derive(Clone, Debug, PartialEq)]
pub struct BodyField {
    /// The field, named as in the body struct.
    pub field: Param,
    /// The argument or setter name: the field's name, unless another input
    /// of the operation (or a name the builder uses itself) has it.
    pub input: RustIdent,
}
