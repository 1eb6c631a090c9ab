//! The types of parameters, fields and responses, and the named types of a
//! typing file.

use crate::names::RustIdent;

use super::Param;

/// The Rust type of a parameter, field or response.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeRef {
    /// `String`
    String,
    /// `i64`
    Integer,
    /// `u32`
    UInt32,
    /// `f64`
    Number,
    /// `bool`
    Boolean,
    /// `serde_json::Value`
    Json,
    /// `Vec<T>`
    Array(Box<TypeRef>),
    /// `BTreeMap<String, T>`
    Map(Box<TypeRef>),
    /// A type of this module.
    Named(RustIdent, NamedKind),
    /// `Box<T>`: a field of a named type that contains itself (through a
    /// cycle of named types, not through an array or a map).
    Boxed(Box<TypeRef>),
    /// The runtime's `File`: a file part of a multipart body.
    File,
    /// The runtime's `Bytes`: the whole of a raw (`application/octet-stream`) body.
    Bytes,
    /// `Secret<T>` (`x-secret`): a credential that `Debug` never shows; `T`
    /// is `String` or `Vec<String>`.
    Secret(Box<TypeRef>),
}

/// What kind of named type a [`TypeRef::Named`] is, for how values are passed and sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NamedKind {
    /// A non-empty string newtype (an ID).
    Id,
    /// A string enum.
    Enum,
    /// A struct or a tagged union.
    Object,
}

/// A named type from the typing file.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    /// The type's name.
    pub ident: RustIdent,
    /// The schema's description.
    pub description: Option<String>,
    /// What it is.
    pub kind: TypeDefKind,
}

/// The shapes a named type can take.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeDefKind {
    /// A string newtype, never empty.
    Id,
    /// A string enum.
    Enum {
        /// `(wire value, variant name)` in schema order.
        variants: Vec<(String, RustIdent)>,
        /// Whether unknown values are kept in an `Unknown(String)` variant.
        open: bool,
    },
    /// A JSON object.
    Struct {
        /// Fields in schema order.
        fields: Vec<Param>,
    },
    /// A JSON object that also decodes from a bare JSON array
    /// (`x-bare-array`): the array fills one field, the other required
    /// fields (integer counts) become its length, and optional ones stay unset.
    ObjectOrArray {
        /// The fields before the array field, in schema order: optional ones,
        /// and required integers (which a bare array sets to its length).
        before: Vec<Param>,
        /// The array field.
        items: ArrayField,
        /// The fields after it, as `before`.
        after: Vec<Param>,
    },
    /// One of several objects, chosen by a string property.
    Tagged {
        /// The tag property, e.g. `object`.
        tag: String,
        /// `(tag value, variant name, payload struct)`.
        variants: Vec<(String, RustIdent, RustIdent)>,
    },
    /// One of several types, without a tag: each is tried in turn, the one
    /// with the most required properties first.
    Untagged {
        /// `(variant name, payload type)`, in the order they are tried.
        variants: Vec<(RustIdent, TypeRef)>,
    },
}

/// The field of a [`TypeDefKind::ObjectOrArray`] that a bare array fills:
/// `Vec<item>`, or `Option<Vec<item>>` when optional.
#[derive(Clone, Debug, PartialEq)]
pub struct ArrayField {
    /// The name on the wire.
    pub wire: String,
    /// The field's Rust name.
    pub ident: RustIdent,
    /// The type of one element.
    pub item: TypeRef,
    /// Whether the object must have it.
    pub required: bool,
    /// Its description.
    pub description: Option<String>,
}
