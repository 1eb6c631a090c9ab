//! The names the generated code uses itself: its items (`BASE_URL`, `API`,
//! `Client`), fields, methods, generic parameters, helpers and local
//! bindings, the suffixes of the types it derives from operation names
//! (`Body`, `Filter`), and the scopes that keep spec names off them.
//!
//! Emitters write these through [`Own`], which interpolates into `quote!` as
//! an identifier; the reserved lists below are made of the same constants,
//! so a name the output starts to use cannot be forgotten in them. Helpers
//! private to a generated item start with `__` (`__known`): no spec name
//! converts to that, so they need no reservation.

use proc_macro2::{Ident, Punct, Spacing, Span, TokenStream};
use quote::{ToTokens, TokenStreamExt};

use super::{NameError, RustIdent, Scope, type_ident};

/// A name of the generated code's own vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Own(&'static str);

impl Own {
    /// The name as text (for scopes and doc text).
    pub(crate) const fn as_str(self) -> &'static str {
        self.0
    }

    /// The name as an identifier token.
    pub(crate) fn ident(self) -> Ident {
        Ident::new(self.0, Span::call_site())
    }
}

impl ToTokens for Own {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.append(self.ident());
    }
}

/// A lifetime of the generated code (`'a`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Lifetime(&'static str);

impl ToTokens for Lifetime {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.append(Punct::new('\'', Spacing::Joint));
        tokens.append(Ident::new(self.0, Span::call_site()));
    }
}

// Items of every module.
/// `BASE_URL`: the spec's `baseUri`.
pub(crate) const BASE_URL: Own = Own("BASE_URL");
/// `API`: the static the runtime reads.
pub(crate) const API: Own = Own("API");
/// `Client`: the module's client.
pub(crate) const CLIENT: Own = Own("Client");
/// `Error`: the runtime's error, imported.
pub(crate) const ERROR: Own = Own("Error");
/// `Secret`: the runtime's credential wrapper, imported.
pub(crate) const SECRET: Own = Own("Secret");
/// `Redirect`: the runtime's answer to a redirecting operation, imported.
pub(crate) const REDIRECT: Own = Own("Redirect");
/// `File`: the runtime's file part of a multipart body, imported.
pub(crate) const FILE: Own = Own("File");
/// `Bytes`: the runtime's bytes of a raw body, imported.
pub(crate) const BYTES_TYPE: Own = Own("Bytes");

// Generic parameters and lifetimes.
/// The runtime mode parameter of `Client<M>` and of every request builder.
pub(crate) const MODE: Own = Own("M");
/// The deserializer parameter of every `Deserialize` impl.
pub(crate) const DESERIALIZER: Own = Own("D");
/// The lifetime of a request builder's borrow of its client.
pub(crate) const BORROW: Lifetime = Lifetime("a");
/// The lifetime of a `Deserialize` impl.
pub(crate) const DE: Lifetime = Lifetime("de");

// `Client`: fields, inherent methods and the runtime's `Api` trait items.
/// The runtime client field (and accessor).
pub(crate) const RUNTIME: Own = Own("runtime");
/// The mode field.
pub(crate) const MODE_FIELD: Own = Own("mode");
/// `Client::builder()`.
pub(crate) const BUILDER: Own = Own("builder");
/// `Client::new(runtime)`.
pub(crate) const NEW: Own = Own("new");
/// `Client::from_env()`.
pub(crate) const FROM_ENV: Own = Own("from_env");
/// `Client::base_url()`.
pub(crate) const BASE_URL_FN: Own = Own("base_url");
/// `Api::spec()`.
pub(crate) const SPEC: Own = Own("spec");
/// `Api::assemble(..)`.
pub(crate) const ASSEMBLE: Own = Own("assemble");
/// `Api::In<M>`.
pub(crate) const IN: Own = Own("In");
/// Methods of the derived `Clone` and `Debug`, on clients and builders.
const DERIVED: [Own; 3] = [Own("clone"), Own("clone_from"), Own("fmt")];

// Request builders.
/// The builder's borrow of the client.
pub(crate) const CLIENT_FIELD: Own = Own("client");
/// The builder's body field, and the setter of an untyped body.
pub(crate) const BODY: Own = Own("body");
/// `send()`.
pub(crate) const SEND: Own = Own("send");
/// `into_stream()`.
pub(crate) const INTO_STREAM: Own = Own("into_stream");
/// The builder field and argument of an "at least one of" group, unless a
/// parameter has the name (then `filter_group`).
pub(crate) const FILTER: &str = "filter";
/// The argument and builder field of a raw (`application/octet-stream`) body,
/// unless a parameter has the name (then `bytes_body`).
pub(crate) const BYTES: &str = "bytes";

// Helpers of generated items.
/// A filter's `__apply(&self, request)`.
pub(crate) const APPLY: Own = Own("__apply");
/// An enum's `__known(text)`.
pub(crate) const KNOWN: Own = Own("__known");
/// An enum's `as_str()`.
pub(crate) const AS_STR: Own = Own("as_str");
/// The variant of an open enum that keeps values it does not know.
pub(crate) const UNKNOWN: Own = Own("Unknown");
/// The variant of the enum value `""`.
pub(crate) const EMPTY: Own = Own("Empty");
/// The variant of an untagged union that holds an array.
pub(crate) const LIST: Own = Own("List");
/// The variant of an untagged union that holds a member without a type name.
pub(crate) const OTHER: Own = Own("Other");
/// The plain object a struct that also decodes from a bare array reads first.
pub(crate) const OBJECT: Own = Own("__Object");

// Local bindings: inside function bodies, where they shadow nothing a spec names.
/// The request being assembled in `send()`.
pub(crate) const REQUEST: Own = Own("request");
/// The parts of a multipart body.
pub(crate) const PARTS: Own = Own("parts");
/// A value being set, sent or converted.
pub(crate) const VALUE: Own = Own("value");
/// `into_stream`'s builder, page and offset, and the offset it starts from.
pub(crate) const PAGE_BUILDER: Own = Own("builder");
/// One page of a stream.
pub(crate) const PAGE: Own = Own("page");
/// The offset of a page.
pub(crate) const OFFSET: Own = Own("offset");
/// The offset a stream starts from.
pub(crate) const START: Own = Own("start");
/// `into_stream()`: the limit sent with every page, if known.
pub(crate) const PAGE_SIZE: Own = Own("page_size");
/// A `Deserialize` impl's deserializer.
pub(crate) const DESERIALIZER_ARG: Own = Own("deserializer");
/// The object a struct decodes from.
pub(crate) const OBJECT_ARG: Own = Own("object");
/// The bare array a struct decodes from, and its length.
pub(crate) const ITEMS: Own = Own("items");
/// The length of a bare array.
pub(crate) const COUNT: Own = Own("count");
/// A tagged union's tag.
pub(crate) const TAG: Own = Own("tag");
/// `FromStr::from_str`'s text.
pub(crate) const TEXT: Own = Own("s");
/// The two values of a pair.
pub(crate) const FIRST: Own = Own("a");
/// The second value of a pair.
pub(crate) const SECOND: Own = Own("b");

/// Type names a module's own items and generic parameters take.
const RESERVED_TYPES: [Own; 8] = [
    CLIENT,
    ERROR,
    FILE,
    BYTES_TYPE,
    SECRET,
    REDIRECT,
    MODE,
    DESERIALIZER,
];

/// Method names of `Client`: its constructors and accessors, the runtime's
/// `Api` trait items it implements, and the derived traits' methods.
const RESERVED_FNS: [Own; 7] = [NEW, BUILDER, FROM_ENV, BASE_URL_FN, RUNTIME, SPEC, ASSEMBLE];

/// Constants and statics of every module.
const RESERVED_STATICS: [Own; 2] = [BASE_URL, API];

/// Names a request builder takes for its own fields and methods (besides
/// the derived traits' methods).
const RESERVED_PARAMS: [Own; 4] = [CLIENT_FIELD, BODY, SEND, INTO_STREAM];

/// Suffixes that disambiguate names (see the [module docs](super)).
pub(crate) mod suffix {
    /// An operation name that is taken or reserved: `new_op`, `ClientOp`.
    pub(crate) const OP: &str = "op";
    /// Parameters, by location: `id_query`.
    pub(crate) const PATH: &str = "path";
    /// A query parameter.
    pub(crate) const QUERY: &str = "query";
    /// A header parameter.
    pub(crate) const HEADER: &str = "header";
    /// A body parameter.
    pub(crate) const BODY: &str = "body";
    /// A property of an object schema.
    pub(crate) const FIELD: &str = "field";
    /// The body struct of an operation: `CreateSessionBody`.
    pub(crate) const BODY_TYPE: &str = "Body";
    /// ... when that name is taken: `CreateSessionBodyRequest`.
    pub(crate) const BODY_TYPE_TAKEN: &str = "Request";
    /// A variant of an untagged union whose name another has: `List2`.
    pub(crate) const VARIANT: &str = "";
    /// The "at least one of" argument of an operation: `GetSessionListFilter`.
    pub(crate) const FILTER_TYPE: &str = "Filter";
    /// ... when that name is taken.
    pub(crate) const FILTER_TYPE_TAKEN: &str = "Group";
    /// The filter's field when a parameter is named `filter`: `filter_group`.
    pub(crate) const FILTER_FIELD_TAKEN: &str = "group";
    /// The stem of a parameter whose name has no letters or digits: `param_3`.
    pub(crate) const POSITIONAL: &str = "param";
    /// A `$defs` type whose name the generated code uses itself: `ClientType`.
    pub(crate) const DEF_TYPE: &str = "Type";
}

fn scope<const N: usize>(reserved: [Own; N], more: &[&str]) -> Scope {
    let mut names: Vec<&str> = reserved.iter().map(|o| o.as_str()).collect();
    names.extend_from_slice(more);
    Scope::new(&names)
}

/// The scope of a module's type names: its own types, generic parameters
/// and the prelude's names.
pub(crate) fn type_scope() -> Scope {
    scope(RESERVED_TYPES, super::PRELUDE_TYPE_NAMES)
}

/// The scope of the method names of a module's `Client`.
pub(crate) fn fn_scope() -> Scope {
    let derived = DERIVED.map(Own::as_str);
    scope(RESERVED_FNS, &derived)
}

/// The scope of a module's statics.
pub(crate) fn static_scope() -> Scope {
    scope(RESERVED_STATICS, &[])
}

/// The scope of one operation's parameters (builder fields and setters).
pub(crate) fn param_scope() -> Scope {
    let derived = DERIVED.map(Own::as_str);
    scope(RESERVED_PARAMS, &derived)
}

/// The scope of the variants of an enum; an open one keeps `Unknown`.
pub(crate) fn variant_scope(open: bool) -> Scope {
    if open {
        scope([UNKNOWN], &[])
    } else {
        Scope::new(&[])
    }
}

/// The variant of enum value `text`: its PascalCase name, `Empty` for `""`.
pub(crate) fn variant(text: &str) -> Result<RustIdent, NameError> {
    if text.is_empty() {
        return type_ident(EMPTY.as_str());
    }
    type_ident(text)
}

/// The variant of an untagged union's member: its type's name, `List` for
/// an array, `Other` for a member with no type name.
pub(crate) fn union_variant(
    named: Option<&RustIdent>,
    array: bool,
) -> Result<RustIdent, NameError> {
    match named {
        Some(ident) => Ok(ident.clone()),
        None => type_ident(if array { LIST } else { OTHER }.as_str()),
    }
}

/// The body struct of operation `op`: `CreateSessionBody`.
pub(crate) fn body_type(op: &str) -> Result<RustIdent, NameError> {
    Ok(type_ident(op)?.with_suffix(suffix::BODY_TYPE))
}

/// The "at least one of" argument type of operation `op`: `GetSessionListFilter`.
pub(crate) fn filter_type(op: &str) -> Result<RustIdent, NameError> {
    Ok(type_ident(op)?.with_suffix(suffix::FILTER_TYPE))
}

/// The argument of a JSON array body: `items`.
pub(crate) fn list_body() -> RustIdent {
    RustIdent::checked(ITEMS.as_str().to_owned(), super::Case::Snake)
}

/// The argument of a raw (`application/octet-stream`) body: `bytes`.
pub(crate) fn bytes_body() -> RustIdent {
    RustIdent::checked(BYTES.to_owned(), super::Case::Snake)
}

/// The field and argument name of an "at least one of" group: `filter`.
pub(crate) fn filter_field() -> RustIdent {
    RustIdent::checked(FILTER.to_owned(), super::Case::Snake)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_own_name_is_a_plain_identifier() {
        for own in [
            BASE_URL, API, CLIENT, ERROR, MODE, RUNTIME, KNOWN, APPLY, OBJECT, TEXT,
        ] {
            assert_eq!(own.ident().to_string(), own.as_str());
        }
        assert!(type_scope().contains("Client") && type_scope().contains("Option"));
        assert!(fn_scope().contains("runtime") && fn_scope().contains("clone"));
        assert!(static_scope().contains("API"));
        assert!(param_scope().contains("into_stream"));
        assert_eq!(
            body_type("createSession").map(|i| i.to_string()).as_deref(),
            Ok("CreateSessionBody")
        );
        assert_eq!(filter_field().to_string(), "filter");
        let variants =
            ["", "payer-credits", "user:org:read"].map(|v| variant(v).map(|i| i.to_string()));
        assert_eq!(
            variants,
            [
                Ok("Empty".into()),
                Ok("PayerCredits".into()),
                Ok("UserOrgRead".into())
            ]
        );
    }
}
