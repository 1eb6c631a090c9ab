//! A serde `Deserializer` over a [`Tree`]: one type for every node, so the
//! mirror's generated serde code is instantiated once.

use std::fmt;

use serde::de::value::{BorrowedStrDeserializer, U64Deserializer};
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Unexpected,
    VariantAccess, Visitor,
};

use super::scalar::{Resolved, resolve};
use super::tree::{Kind, Tree};
use super::{Location, SPANNED, SPANNED_FIELDS};

/// A value of the wrong type, with where it is when the tree knows.
#[derive(Debug)]
pub(crate) struct DeError {
    pub(crate) at: Option<Location>,
    pub(crate) message: String,
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            at: None,
            message: msg.to_string(),
        }
    }
}

impl DeError {
    /// Places an error that does not know where it is at `at`.
    fn placed(mut self, at: Location) -> DeError {
        self.at.get_or_insert(at);
        self
    }
}

/// Deserializes one node.
#[derive(Clone, Copy)]
pub(crate) struct Walker<'de> {
    node: &'de Tree,
}

impl<'de> Walker<'de> {
    pub(crate) fn new(node: &'de Tree) -> Self {
        Walker { node }
    }

    /// The node as a resolved scalar, or `None` for a collection.
    fn scalar(&self) -> Option<Resolved<'de>> {
        match &self.node.kind {
            Kind::Scalar { text, plain: true } => Some(resolve(text)),
            Kind::Scalar { text, plain: false } => Some(Resolved::Str(text)),
            Kind::Seq(_) | Kind::Map(_) => None,
        }
    }

    fn unexpected(&self) -> Unexpected<'de> {
        match (&self.node.kind, self.scalar()) {
            (Kind::Seq(_), _) => Unexpected::Seq,
            (Kind::Map(_), _) => Unexpected::Map,
            (_, Some(Resolved::Null)) => Unexpected::Unit,
            (_, Some(Resolved::Bool(b))) => Unexpected::Bool(b),
            (_, Some(Resolved::Int(i))) => Unexpected::Signed(i),
            (_, Some(Resolved::Uint(u))) => Unexpected::Unsigned(u),
            (_, Some(Resolved::Float(f))) => Unexpected::Float(f),
            (_, Some(Resolved::Str(s))) => Unexpected::Str(s),
            (_, None) => Unexpected::Other("a value"),
        }
    }

    fn invalid(&self, expected: &dyn de::Expected) -> DeError {
        <DeError as de::Error>::invalid_type(self.unexpected(), expected)
            .placed(self.node.referenced)
    }

    fn visit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match &self.node.kind {
            Kind::Seq(items) => visitor.visit_seq(Items {
                items: items.iter(),
            }),
            Kind::Map(entries) => visitor.visit_map(Entries {
                entries: entries.iter(),
                value: None,
            }),
            Kind::Scalar { text, plain } => match if *plain {
                resolve(text)
            } else {
                Resolved::Str(text)
            } {
                Resolved::Null => visitor.visit_unit(),
                Resolved::Bool(b) => visitor.visit_bool(b),
                Resolved::Int(i) => visitor.visit_i64(i),
                Resolved::Uint(u) => visitor.visit_u64(u),
                Resolved::Float(f) => visitor.visit_f64(f),
                Resolved::Str(s) => visitor.visit_borrowed_str(s),
            },
        };
        result.map_err(|e| e.placed(self.node.referenced))
    }
}

impl<'de> Deserializer<'de> for Walker<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.visit(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.scalar() {
            Some(Resolved::Null) => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            Kind::Scalar { text, .. } => visitor.visit_borrowed_str(text),
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == SPANNED {
            return visitor.visit_map(Positions {
                node: self.node,
                next: 0,
            });
        }
        match &self.node.kind {
            Kind::Map(_) => self.visit(visitor),
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.node.kind {
            Kind::Scalar { text, .. } => visitor.visit_enum(Variant(text)),
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char
        bytes byte_buf unit unit_struct seq tuple tuple_struct map
    }
}

/// The items of a list.
struct Items<'de> {
    items: std::slice::Iter<'de, Tree>,
}

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        self.items
            .next()
            .map(|item| seed.deserialize(Walker::new(item)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// The entries of a mapping.
struct Entries<'de> {
    entries: std::slice::Iter<'de, (Tree, Tree)>,
    value: Option<&'de Tree>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(Walker::new(key))
            .map(Some)
            .map_err(|e| e.placed(key.referenced))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some(value) = self.value.take() else {
            return Err(de::Error::custom("a mapping value was read before its key"));
        };
        seed.deserialize(Walker::new(value))
            .map_err(|e| e.placed(value.referenced))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// The mapping behind a [`super::Spanned`] value: its positions, then the value.
struct Positions<'de> {
    node: &'de Tree,
    next: usize,
}

impl<'de> MapAccess<'de> for Positions<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some(key) = SPANNED_FIELDS.get(self.next) else {
            return Ok(None);
        };
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let at = self.node.referenced;
        let field = self.next;
        self.next += 1;
        let number = match field {
            0 => at.line,
            1 => at.column,
            2 => at
                .byte
                .and_then(|b| u64::try_from(b).ok())
                .unwrap_or(u64::MAX),
            _ => return seed.deserialize(Walker::new(self.node)),
        };
        seed.deserialize(U64Deserializer::new(number))
    }
}

/// A unit variant named by a scalar.
struct Variant<'de>(&'de str);

impl<'de> EnumAccess<'de> for Variant<'de> {
    type Error = DeError;
    type Variant = Unit;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Unit), DeError> {
        seed.deserialize(BorrowedStrDeserializer::<DeError>::new(self.0))
            .map(|v| (v, Unit))
    }
}

/// A variant without data.
struct Unit;

impl<'de> VariantAccess<'de> for Unit {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Result<T::Value, DeError> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"a newtype variant",
        ))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, DeError> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"a tuple variant",
        ))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, DeError> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"a struct variant",
        ))
    }
}
