//! The impls every generated ID newtype, and every generated string enum, shares.

/// Implements construction, parsing and conversions for a generated ID type
/// `struct $name(String)`. Used by generated code only.
#[doc(hidden)]
#[macro_export]
macro_rules! __id_impls {
    ($name:ident) => {
        impl $name {
            /// Wraps `id`.
            ///
            /// # Errors
            ///
            /// When `id` is empty.
            pub fn new(
                id: impl ::core::convert::Into<::std::string::String>,
            ) -> ::core::result::Result<Self, $crate::ParseError> {
                let id = id.into();
                if id.is_empty() {
                    ::core::result::Result::Err($crate::ParseError::__empty(::core::stringify!(
                        $name
                    )))
                } else {
                    ::core::result::Result::Ok($name(id))
                }
            }
            /// The ID as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl ::core::str::FromStr for $name {
            type Err = $crate::ParseError;
            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                $name::new(s)
            }
        }
        impl ::core::convert::TryFrom<&str> for $name {
            type Error = $crate::ParseError;
            fn try_from(s: &str) -> ::core::result::Result<Self, Self::Error> {
                $name::new(s)
            }
        }
        impl ::core::convert::TryFrom<::std::string::String> for $name {
            type Error = $crate::ParseError;
            fn try_from(s: ::std::string::String) -> ::core::result::Result<Self, Self::Error> {
                $name::new(s)
            }
        }
        impl ::core::convert::From<$name> for ::std::string::String {
            fn from(id: $name) -> Self {
                id.0
            }
        }
        impl ::core::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl ::core::cmp::PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }
        impl ::core::cmp::PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

/// Implements `AsRef<str>`, `Display` and `Serialize` for a generated string
/// enum through its `as_str()`. Used by generated code only.
#[doc(hidden)]
#[macro_export]
macro_rules! __str_enum_impls {
    ($name:ident) => {
        impl ::core::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}
