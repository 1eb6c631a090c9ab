//! One view of an OpenAPI schema, whichever of `openapiv3`'s `SchemaKind`s it
//! was read as, and the one decision every later step shares: what kind of
//! typing-file schema it becomes ([`Kind`]).
//!
//! `openapiv3` puts a schema with `type: object` and `allOf` (Clerk's
//! nullable-reference idiom), or with `properties` and an "at least one of"
//! `anyOf`, into its catch-all `Any`; [`Facts`] reads every kind the same way
//! so that the decision does not depend on that split.

use openapiv3::{
    AdditionalProperties, Discriminator, IntegerFormat, NumberFormat, ReferenceOr, Schema,
    SchemaData, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

/// A schema where it is used: a `$ref`, or the schema itself.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Src<'d> {
    /// `$ref: '#/components/...'`.
    Ref(&'d str),
    /// An inline schema.
    Item(&'d Schema),
}

impl<'d> Src<'d> {
    pub(crate) fn of(schema: &'d ReferenceOr<Schema>) -> Src<'d> {
        match schema {
            ReferenceOr::Reference { reference } => Src::Ref(reference),
            ReferenceOr::Item(item) => Src::Item(item),
        }
    }

    pub(crate) fn of_boxed(schema: &'d ReferenceOr<Box<Schema>>) -> Src<'d> {
        match schema {
            ReferenceOr::Reference { reference } => Src::Ref(reference),
            ReferenceOr::Item(item) => Src::Item(item),
        }
    }
}

/// What a schema says, read the same way from every `SchemaKind`.
pub(crate) struct Facts<'d> {
    pub(crate) ty: Option<&'d str>,
    pub(crate) format: Option<&'d str>,
    pub(crate) nullable: bool,
    pub(crate) description: Option<&'d str>,
    pub(crate) deprecated: bool,
    pub(crate) default: Option<&'d Value>,
    /// `enum` values, `null` left out.
    pub(crate) values: Vec<Value>,
    pub(crate) properties: Vec<(&'d str, Src<'d>)>,
    pub(crate) required: &'d [String],
    pub(crate) additional: Option<&'d AdditionalProperties>,
    pub(crate) items: Option<Src<'d>>,
    pub(crate) all_of: &'d [ReferenceOr<Schema>],
    pub(crate) one_of: &'d [ReferenceOr<Schema>],
    pub(crate) any_of: &'d [ReferenceOr<Schema>],
    pub(crate) minimum: Option<f64>,
    pub(crate) maximum: Option<f64>,
    pub(crate) exclusive_minimum: bool,
    pub(crate) exclusive_maximum: bool,
    pub(crate) discriminator: Option<&'d Discriminator>,
    data: &'d SchemaData,
}

const NONE: &[ReferenceOr<Schema>] = &[];

impl<'d> Facts<'d> {
    pub(crate) fn of(schema: &'d Schema) -> Facts<'d> {
        let data = &schema.schema_data;
        let mut facts = Facts {
            ty: None,
            format: None,
            nullable: data.nullable,
            description: data.description.as_deref().filter(|d| !d.trim().is_empty()),
            deprecated: data.deprecated,
            default: data.default.as_ref(),
            values: Vec::new(),
            properties: Vec::new(),
            required: &[],
            additional: None,
            items: None,
            all_of: NONE,
            one_of: NONE,
            any_of: NONE,
            minimum: None,
            maximum: None,
            exclusive_minimum: false,
            exclusive_maximum: false,
            discriminator: data.discriminator.as_ref(),
            data,
        };
        match &schema.schema_kind {
            SchemaKind::Type(t) => facts.read_type(t),
            SchemaKind::OneOf { one_of } => facts.one_of = one_of,
            SchemaKind::AllOf { all_of } => facts.all_of = all_of,
            SchemaKind::AnyOf { any_of } => facts.any_of = any_of,
            SchemaKind::Not { .. } => {}
            SchemaKind::Any(any) => {
                facts.ty = any.typ.as_deref();
                facts.format = any.format.as_deref();
                facts.values = any
                    .enumeration
                    .iter()
                    .filter(|v| !v.is_null())
                    .cloned()
                    .collect();
                facts.properties = props(any.properties.iter());
                facts.required = &any.required;
                facts.additional = any.additional_properties.as_ref();
                facts.items = any.items.as_ref().map(Src::of_boxed);
                facts.all_of = &any.all_of;
                facts.one_of = &any.one_of;
                facts.any_of = &any.any_of;
                facts.minimum = any.minimum;
                facts.maximum = any.maximum;
                facts.exclusive_minimum = any.exclusive_minimum == Some(true);
                facts.exclusive_maximum = any.exclusive_maximum == Some(true);
            }
        }
        facts
    }

    fn read_type(&mut self, t: &'d Type) {
        match t {
            Type::String(s) => {
                self.ty = Some("string");
                self.format = string_format(&s.format);
                self.values = s
                    .enumeration
                    .iter()
                    .flatten()
                    .map(|v| Value::from(v.as_str()))
                    .collect();
            }
            Type::Integer(i) => {
                self.ty = Some("integer");
                self.format = match &i.format {
                    VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Some("int32"),
                    VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) => Some("int64"),
                    VariantOrUnknownOrEmpty::Unknown(f) => Some(f.as_str()),
                    VariantOrUnknownOrEmpty::Empty => None,
                };
                self.minimum = i.minimum.map(|v| v as f64);
                self.maximum = i.maximum.map(|v| v as f64);
                self.exclusive_minimum = i.exclusive_minimum;
                self.exclusive_maximum = i.exclusive_maximum;
            }
            Type::Number(n) => {
                self.ty = Some("number");
                self.format = match &n.format {
                    VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => Some("float"),
                    VariantOrUnknownOrEmpty::Item(NumberFormat::Double) => Some("double"),
                    VariantOrUnknownOrEmpty::Unknown(f) => Some(f.as_str()),
                    VariantOrUnknownOrEmpty::Empty => None,
                };
                self.minimum = n.minimum;
                self.maximum = n.maximum;
                self.exclusive_minimum = n.exclusive_minimum;
                self.exclusive_maximum = n.exclusive_maximum;
            }
            Type::Boolean(_) => self.ty = Some("boolean"),
            Type::Object(o) => {
                self.ty = Some("object");
                self.properties = props(o.properties.iter());
                self.required = &o.required;
                self.additional = o.additional_properties.as_ref();
            }
            Type::Array(a) => {
                self.ty = Some("array");
                self.items = a.items.as_ref().map(Src::of_boxed);
            }
        }
    }

    /// Says nothing but `required` (an "at least one of" member of `anyOf`).
    pub(crate) fn only_required(&self) -> bool {
        !self.required.is_empty()
            && self.ty.is_none()
            && self.properties.is_empty()
            && self.items.is_none()
            && self.all_of.is_empty()
            && self.one_of.is_empty()
            && self.any_of.is_empty()
            && self.values.is_empty()
    }

    /// `x-speakeasy-unknown-values: allow`: Clerk marks enums that grow.
    pub(crate) fn open_marked(&self) -> bool {
        self.data
            .extensions
            .get("x-speakeasy-unknown-values")
            .is_some_and(|v| v == "allow")
    }

    /// `x-sensitive: true`.
    pub(crate) fn sensitive(&self) -> bool {
        self.data.extensions.get("x-sensitive") == Some(&Value::Bool(true))
    }
}

fn props<'d>(
    map: impl Iterator<Item = (&'d String, &'d ReferenceOr<Box<Schema>>)>,
) -> Vec<(&'d str, Src<'d>)> {
    map.map(|(k, v)| (k.as_str(), Src::of_boxed(v))).collect()
}

fn string_format(format: &VariantOrUnknownOrEmpty<StringFormat>) -> Option<&str> {
    match format {
        VariantOrUnknownOrEmpty::Item(f) => Some(match f {
            StringFormat::Date => "date",
            StringFormat::DateTime => "date-time",
            StringFormat::Password => "password",
            StringFormat::Byte => "byte",
            StringFormat::Binary => "binary",
        }),
        VariantOrUnknownOrEmpty::Unknown(f) => Some(f.as_str()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

/// What a schema becomes in the typing document.
#[derive(Debug)]
pub(crate) enum Kind<'d> {
    /// The one member of `allOf`/`oneOf`/`anyOf` (the outer `nullable` and
    /// `description` still apply), with its pointer segment (`allOf/0`).
    Alias(Src<'d>, String),
    /// Several `allOf` members (and maybe own `properties`): one struct.
    AllOf,
    /// Several alternatives, with their pointer segments.
    Union(Vec<(Src<'d>, String)>),
    /// An object with properties: a struct.
    Object,
    /// A string enum of several values.
    Enum(Vec<String>),
    /// An enum of one value.
    Const(Value),
    /// An array.
    Array(Option<Src<'d>>),
    /// `additionalProperties: S` without properties.
    Map(Src<'d>),
    /// Any JSON (`{}`, `type: object` alone, `nullable: true` alone).
    FreeForm,
    String,
    Integer,
    Number,
    Boolean,
    /// A `type` the typing format has no counterpart for.
    Unknown(String),
}

impl Kind<'_> {
    /// Whether the schema is a type of its own, named in `$defs`.
    pub(crate) fn is_named(&self) -> bool {
        matches!(
            self,
            Kind::AllOf | Kind::Union(_) | Kind::Object | Kind::Enum(_)
        )
    }
}

/// The kind of a schema; see the module docs.
pub(crate) fn classify<'d>(facts: &Facts<'d>) -> Kind<'d> {
    let alternatives = alternatives(facts);
    if !facts.all_of.is_empty() {
        if let ([only], true, true) = (
            facts.all_of,
            facts.properties.is_empty(),
            alternatives.is_empty(),
        ) {
            return Kind::Alias(Src::of(only), "allOf/0".to_owned());
        }
        return Kind::AllOf;
    }
    if !alternatives.is_empty() && facts.properties.is_empty() {
        return match <[_; 1]>::try_from(alternatives) {
            Ok([(only, at)]) => Kind::Alias(only, at),
            Err(many) => Kind::Union(many),
        };
    }
    if facts.ty == Some("array") || (facts.ty.is_none() && facts.items.is_some()) {
        return Kind::Array(facts.items);
    }
    match facts.ty {
        Some("string") | None if !facts.values.is_empty() => {
            let strings: Vec<String> = facts
                .values
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                .collect();
            match <[_; 1]>::try_from(strings) {
                Ok([_]) => Kind::Const(facts.values[0].clone()),
                Err(strings) => Kind::Enum(strings),
            }
        }
        Some("string") => Kind::String,
        Some("integer") => Kind::Integer,
        Some("number") => Kind::Number,
        Some("boolean") => Kind::Boolean,
        Some("object") | None if !facts.properties.is_empty() => Kind::Object,
        Some("object") | None => match facts.additional {
            Some(AdditionalProperties::Schema(inner)) => Kind::Map(Src::of(inner)),
            _ => Kind::FreeForm,
        },
        Some(other) => Kind::Unknown(other.to_owned()),
    }
}

/// The real alternatives of `oneOf`/`anyOf`: members that only say which
/// properties are required ("at least one of") are left out.
fn alternatives<'d>(facts: &Facts<'d>) -> Vec<(Src<'d>, String)> {
    let tagged = |list: &'d [ReferenceOr<Schema>], key: &'static str| {
        list.iter()
            .enumerate()
            .filter_map(move |(i, member)| match member {
                ReferenceOr::Item(item) if Facts::of(item).only_required() => None,
                other => Some((Src::of(other), format!("{key}/{i}"))),
            })
    };
    tagged(facts.one_of, "oneOf")
        .chain(tagged(facts.any_of, "anyOf"))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::{Facts, Kind, classify};
    use openapiv3::Schema;

    fn kind_of(yaml: &str) -> String {
        let schema: Schema = serde_saphyr::from_str(yaml).unwrap();
        let kind = classify(&Facts::of(&schema));
        format!("{kind:?}")
            .split(['(', ' '])
            .next()
            .unwrap_or("")
            .to_owned()
    }

    #[test]
    fn reads_clerks_idioms() {
        // The nullable-reference idiom.
        assert_eq!(
            kind_of("{type: object, nullable: true, allOf: [{$ref: '#/x'}]}"),
            "Alias"
        );
        assert_eq!(kind_of("{oneOf: [{$ref: '#/x'}]}"), "Alias");
        // "At least one of" constraints next to properties: an object.
        assert_eq!(
            kind_of(
                "{type: object, properties: {a: {type: string}}, anyOf: [{required: [a]}, {required: [b]}]}"
            ),
            "Object"
        );
        assert_eq!(kind_of("{oneOf: [{$ref: '#/x'}, {$ref: '#/y'}]}"), "Union");
        assert_eq!(
            kind_of("{allOf: [{$ref: '#/x'}, {type: object, properties: {a: {type: string}}}]}"),
            "AllOf"
        );
        assert_eq!(kind_of("{type: string, enum: [a, b]}"), "Enum");
        assert_eq!(kind_of("{type: string, enum: [session]}"), "Const");
        assert_eq!(
            kind_of("{type: string, nullable: true, enum: [a, null]}"),
            "Const"
        );
        assert_eq!(
            kind_of("{type: object, additionalProperties: {type: string}}"),
            "Map"
        );
        assert_eq!(kind_of("{nullable: true}"), "FreeForm");
        assert_eq!(kind_of("{}"), "FreeForm");
        assert_eq!(kind_of("{type: array, items: {type: string}}"), "Array");
        assert!(matches!(
            classify(&Facts::of(
                &serde_saphyr::from_str::<Schema>("{type: object, properties: {a: {}}}").unwrap()
            )),
            Kind::Object
        ));
    }
}
