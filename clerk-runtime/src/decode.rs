//! Serde helpers that generated types call, so the generated code stays shape only.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

/// Deserialises a string enum: `known` maps wire values to variants; `unknown`,
/// for open enums, keeps any other value.
pub fn deserialize_enum<'de, D, T>(
    deserializer: D,
    known: fn(&str) -> Option<T>,
    unknown: Option<fn(String) -> T>,
    expected: &'static [&'static str],
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    struct EnumVisitor<T> {
        known: fn(&str) -> Option<T>,
        unknown: Option<fn(String) -> T>,
        expected: &'static [&'static str],
    }
    impl<T> EnumVisitor<T> {
        fn finish<E: de::Error>(self, value: &str) -> Result<T, E> {
            if let Some(v) = (self.known)(value) {
                return Ok(v);
            }
            match self.unknown {
                Some(unknown) => Ok(unknown(value.to_owned())),
                None => Err(E::unknown_variant(value, self.expected)),
            }
        }
    }
    impl<'de, T> Visitor<'de> for EnumVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            self.finish(value)
        }
    }
    deserializer.deserialize_str(EnumVisitor {
        known,
        unknown,
        expected,
    })
}

/// Deserialises one of several objects chosen by the string property `tag`;
/// `pick` maps the tag value to a decoder of the whole object (tag included).
pub fn deserialize_tagged<'de, D, T>(
    deserializer: D,
    tag: &'static str,
    pick: fn(&str, serde_json::Value) -> Option<Result<T, serde_json::Error>>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let value = serde_json::Value::deserialize(deserializer)?;
    let Some(tag_value) = value
        .get(tag)
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned)
    else {
        return Err(de::Error::missing_field(tag));
    };
    match pick(&tag_value, value) {
        Some(result) => result.map_err(de::Error::custom),
        None => Err(de::Error::custom(format_args!(
            "unknown `{tag}` value `{tag_value}`"
        ))),
    }
}

/// Deserialises one of several types without a tag: the value is read once,
/// then each of `tries` decodes it in turn (a generated union orders them
/// so that a type requiring more properties comes before one requiring
/// fewer, which would accept the richer value and drop the rest); the first
/// that succeeds wins.
pub fn deserialize_untagged<'de, D, T>(
    deserializer: D,
    name: &'static str,
    tries: &[fn(&serde_json::Value) -> Option<T>],
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let value = serde_json::Value::deserialize(deserializer)?;
    tries
        .iter()
        .find_map(|decode| decode(&value))
        .ok_or_else(|| {
            de::Error::custom(format_args!(
                "the value is none of the {} forms of `{name}`",
                tries.len()
            ))
        })
}

/// `value` decoded as a `T`, or `None` if it is not one.
pub fn decode_ref<T: serde::de::DeserializeOwned>(value: &serde_json::Value) -> Option<T> {
    T::deserialize(value).ok()
}

/// Deserialises a JSON object with `from_object`, or a bare JSON array with `from_array`.
pub fn object_or_array<'de, D, O, I, T>(
    deserializer: D,
    from_object: fn(O) -> T,
    from_array: fn(Vec<I>) -> T,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    O: Deserialize<'de>,
    I: Deserialize<'de>,
{
    struct Either<O, I, T> {
        from_object: fn(O) -> T,
        from_array: fn(Vec<I>) -> T,
        marker: PhantomData<(O, I)>,
    }
    impl<'de, O: Deserialize<'de>, I: Deserialize<'de>, T> Visitor<'de> for Either<O, I, T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object or an array")
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            O::deserialize(MapAccessDeserializer::new(map)).map(self.from_object)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
            Vec::<I>::deserialize(SeqAccessDeserializer::new(seq)).map(self.from_array)
        }
    }
    deserializer.deserialize_any(Either {
        from_object,
        from_array,
        marker: PhantomData,
    })
}
