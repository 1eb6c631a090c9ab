//! The YAML reader of capability and typing files: `granit-parser`'s events
//! are built into a [`tree`] of positioned nodes, within the limits of
//! [`crate::limits`], and the serde mirrors in [`crate::spec`] are read from
//! that tree by [`de`], each value with its position ([`Spanned`]).
//!
//! The reader is small on purpose: build scripts compile it. One tree type
//! and one deserializer over it keep the mirror's serde code instantiated
//! once, where a general YAML deserializer instantiates it many times over.
//! Plain scalars are resolved as YAML 1.2's core schema says (`~`, `null`,
//! `true`, `10`, `0.5`, `.inf`); quoted ones are always strings.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

mod scalar;
mod tree;
mod walk;

/// Where a value is in its file. Lines and columns count from 1; the byte
/// offset is known for every value the reader located.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Location {
    line: u64,
    column: u64,
    byte: Option<usize>,
}

impl Location {
    /// A value built without a source (an OpenAPI-derived typing document).
    pub(crate) const UNKNOWN: Location = Location {
        line: 0,
        column: 0,
        byte: None,
    };

    fn of(marker: &granit_parser::Marker) -> Location {
        Location {
            line: u64::try_from(marker.line()).unwrap_or(u64::MAX),
            column: u64::try_from(marker.col()).map_or(u64::MAX, |c| c.saturating_add(1)),
            byte: marker.byte_offset(),
        }
    }

    /// The line, from 1 (0 when unknown).
    pub(crate) fn line(&self) -> u64 {
        self.line
    }

    /// The column, from 1 (0 when unknown).
    pub(crate) fn column(&self) -> u64 {
        self.column
    }

    /// The offset in bytes from the start of the file, when known.
    pub(crate) fn byte_offset(&self) -> Option<usize> {
        self.byte
    }
}

/// A value with where it is used (an alias's own position when an alias
/// repeats it).
#[derive(Debug)]
pub(crate) struct Spanned<T> {
    /// The value.
    pub(crate) value: T,
    /// Where the value is used.
    pub(crate) referenced: Location,
}

impl<T> Spanned<T> {
    /// A value with its positions.
    pub(crate) fn new(value: T, referenced: Location) -> Self {
        Spanned { value, referenced }
    }
}

/// The struct name by which a deserializer of this crate recognises a
/// [`Spanned`] value: it then hands over a mapping of the [`SPANNED_FIELDS`]
/// (positions as integers, `u64::MAX` for none) and the value under `value`.
pub(crate) const SPANNED: &str = "$clerk_sessions_codegen::Spanned";

/// The keys of the mapping behind a [`Spanned`] value.
pub(crate) const SPANNED_FIELDS: [&str; 4] = ["line", "column", "byte", "value"];

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct(SPANNED, &SPANNED_FIELDS, SpannedVisitor(None))
    }
}

struct SpannedVisitor<T>(Option<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for SpannedVisitor<T> {
    type Value = Spanned<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value with its position")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Spanned<T>, A::Error> {
        let mut at = [u64::MAX; 3];
        while let Some(Field(i)) = map.next_key()? {
            match at.get_mut(i) {
                Some(slot) => *slot = map.next_value()?,
                None => self.0 = Some(map.next_value()?),
            }
        }
        let value = self.0.ok_or_else(|| de::Error::missing_field("value"))?;
        let [line, column, byte] = at;
        let referenced = if line == u64::MAX {
            Location::UNKNOWN
        } else {
            Location {
                line,
                column,
                byte: usize::try_from(byte).ok().filter(|_| byte != u64::MAX),
            }
        };
        Ok(Spanned { value, referenced })
    }
}

/// A key of the mapping behind a [`Spanned`] value: its index in [`SPANNED_FIELDS`].
struct Field(usize);

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_identifier(FieldVisitor)
    }
}

struct FieldVisitor;

impl Visitor<'_> for FieldVisitor {
    type Value = Field;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a position or `value`")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Field, E> {
        SPANNED_FIELDS
            .iter()
            .position(|k| *k == key)
            .map(Field)
            .ok_or_else(|| E::unknown_field(key, &SPANNED_FIELDS))
    }
}

/// What kept a file from being read.
#[derive(Debug)]
pub(crate) struct Error {
    /// Where (the start of the file when the reader could not tell).
    pub(crate) at: Location,
    /// What, without the position.
    pub(crate) message: String,
    /// Whether a limit of [`crate::limits`] was reached (rather than the
    /// YAML being malformed or of the wrong shape).
    pub(crate) limit: bool,
}

impl Error {
    fn syntax(at: Location, message: String) -> Error {
        Error {
            at,
            message,
            limit: false,
        }
    }

    fn limit(at: Location, message: String) -> Error {
        Error {
            at,
            message,
            limit: true,
        }
    }
}

/// Reads YAML text into `T`, within the limits of [`crate::limits`].
pub(crate) fn from_str<T: de::DeserializeOwned>(text: &str) -> Result<T, Error> {
    let root = tree::build(text)?;
    T::deserialize(walk::Walker::new(&root)).map_err(|err| {
        let at = err.at.unwrap_or(root.referenced);
        Error::syntax(at, err.message)
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
