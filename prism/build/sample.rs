//! Sample values, as tokens, for the inputs of a generated operation: read
//! from the generator's model (types, enums, bounds, constants) and, for
//! strings, from the input's wire name (an ID gets its API's prefix so that
//! the document's `pattern`s hold; an email field an email address, ...).

use std::collections::HashMap;

use clerk_sessions_codegen::model::{
    Location, Module, NamedKind, Param, Range, TypeDef, TypeDefKind, TypeRef,
};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// How deep nested required objects are filled before giving up.
const MAX_DEPTH: usize = 8;

/// 27 word characters, as Clerk's IDs have after their prefix (`^user_\w{27}$`).
const WORD27: &str = "2g7np7Hrk0SN6kj5EDMLDaKNL0S";
/// 32 hex digits, as API key, M2M and OAuth token IDs have (`^ak_[0-9A-Fa-f]{32}$`).
const HEX32: &str = "0123456789abcdef0123456789abcdef";

/// Samples for one generated module.
pub(crate) struct Sampler<'m> {
    /// The module's path in the test, e.g. `::clerk_prism_tests::clerk_backend_api_users`.
    path: TokenStream,
    types: HashMap<&'m str, &'m TypeDef>,
}

impl<'m> Sampler<'m> {
    pub(crate) fn new(path: TokenStream, module: &'m Module) -> Self {
        let types = module.types.iter().map(|t| (t.ident.as_str(), t)).collect();
        Sampler { path, types }
    }

    /// The value of a positional argument of the client method, as the
    /// method takes it (`&str` and `&Id` for path inputs, `impl Into<String>`
    /// for text), or `None` when it cannot be filled.
    pub(crate) fn argument(&self, p: &Param) -> Option<TokenStream> {
        if p.location == Location::Path {
            return match &p.ty {
                TypeRef::Named(..) => {
                    let v = self.value(&p.wire, &p.ty, &p.range, None, 0)?;
                    Some(quote!(&#v))
                }
                TypeRef::String => Some(text_literal(&p.wire, &p.range)),
                other => self.value(&p.wire, other, &p.range, None, 0),
            };
        }
        match &p.ty {
            TypeRef::String => Some(text_literal(&p.wire, &p.range)),
            // Secret text is taken as `impl Into<String>`.
            TypeRef::Secret(inner) if **inner == TypeRef::String => {
                Some(text_literal(&p.wire, &p.range))
            }
            TypeRef::Array(inner) if **inner == TypeRef::String => {
                let one = text_literal(&p.wire, &p.range);
                Some(quote!([#one]))
            }
            other => self.value(&p.wire, other, &p.range, p.constant.as_ref(), 0),
        }
    }

    /// A value of the Rust type `ty` stands for.
    fn value(
        &self,
        wire: &str,
        ty: &TypeRef,
        range: &Range,
        constant: Option<&serde_json::Value>,
        depth: usize,
    ) -> Option<TokenStream> {
        if depth > MAX_DEPTH {
            return None;
        }
        if let Some(v) = constant.and_then(|c| constant_value(ty, c)) {
            return Some(v);
        }
        let path = &self.path;
        Some(match ty {
            TypeRef::String => {
                let text = text(wire, range);
                quote!(::std::string::String::from(#text))
            }
            TypeRef::Integer => literal(Literal::i64_suffixed(integer(range))),
            TypeRef::UInt32 => literal(Literal::u32_suffixed(
                u32::try_from(integer(range).max(0)).unwrap_or(u32::MAX),
            )),
            TypeRef::Number => literal(Literal::f64_suffixed(integer(range) as f64)),
            TypeRef::Boolean => quote!(true),
            TypeRef::Json => quote!(::serde_json::Value::Object(::serde_json::Map::new())),
            TypeRef::Array(inner) => {
                let one = self.value(wire, inner, &Range::default(), None, depth + 1)?;
                quote!(::std::vec![#one])
            }
            TypeRef::Map(_) => quote!(::std::collections::BTreeMap::new()),
            TypeRef::Boxed(inner) => {
                let v = self.value(wire, inner, range, None, depth + 1)?;
                quote!(::std::boxed::Box::new(#v))
            }
            TypeRef::Named(ident, NamedKind::Id) => {
                let t = ident.to_ident();
                let text = text(wire, range);
                quote!(#text.parse::<#path::#t>()?)
            }
            TypeRef::Named(ident, NamedKind::Enum) => {
                let def = self.types.get(ident.as_str())?;
                let TypeDefKind::Enum { variants, .. } = &def.kind else {
                    return None;
                };
                let (_, variant) = variants.first()?;
                let (t, v) = (ident.to_ident(), variant.to_ident());
                quote!(#path::#t::#v)
            }
            TypeRef::Named(ident, NamedKind::Object) => self.object(ident.as_str(), None, depth)?,
            TypeRef::Secret(inner) => {
                let v = self.value(wire, inner, range, None, depth + 1)?;
                quote!(::clerk_runtime::Secret::new(#v))
            }
            // A one-pixel PNG's signature is enough for a file part.
            TypeRef::File => quote!(::clerk_runtime::File::from_bytes(
                "sample.png",
                "image/png",
                ::std::vec![0x89u8, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
            )),
            // The same signature as the raw bytes of an `application/octet-stream` body.
            TypeRef::Bytes => quote!(::std::vec![
                0x89u8, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a
            ]),
        })
    }

    /// A value of the named object type `name`; `tag` sets the tag property
    /// of a tagged union's member.
    fn object(&self, name: &str, tag: Option<(&str, &str)>, depth: usize) -> Option<TokenStream> {
        let def = self.types.get(name)?;
        let path = &self.path;
        let t = def.ident.to_ident();
        match &def.kind {
            TypeDefKind::Struct { fields } => {
                let inits = self.fields(fields.iter(), tag, depth)?;
                Some(quote!(#path::#t { #(#inits,)* }))
            }
            TypeDefKind::ObjectOrArray {
                before,
                items,
                after,
            } => {
                let mut inits = self.fields(before.iter(), tag, depth)?;
                let id = items.ident.to_ident();
                let one =
                    self.value(&items.wire, &items.item, &Range::default(), None, depth + 1)?;
                inits.push(if items.required {
                    quote!(#id: ::std::vec![#one])
                } else {
                    quote!(#id: ::core::option::Option::None)
                });
                inits.extend(self.fields(after.iter(), tag, depth)?);
                Some(quote!(#path::#t { #(#inits,)* }))
            }
            TypeDefKind::Tagged { tag, variants } => {
                let (wire, variant, payload) = variants.first()?;
                let v = variant.to_ident();
                let inner = self.object(
                    payload.as_str(),
                    Some((tag.as_str(), wire.as_str())),
                    depth + 1,
                )?;
                Some(quote!(#path::#t::#v(#inner)))
            }
            TypeDefKind::Untagged { variants } => {
                let (variant, payload) = variants.first()?;
                let v = variant.to_ident();
                let inner = self.value(name, payload, &Range::default(), None, depth + 1)?;
                Some(quote!(#path::#t::#v(#inner)))
            }
            TypeDefKind::Id | TypeDefKind::Enum { .. } => None,
        }
    }

    /// `field: value` for each field: required ones filled, optional ones `None`.
    fn fields<'p>(
        &self,
        fields: impl Iterator<Item = &'p Param>,
        tag: Option<(&str, &str)>,
        depth: usize,
    ) -> Option<Vec<TokenStream>> {
        fields
            .map(|f| {
                let id = f.ident.to_ident();
                if !f.required {
                    return Some(quote!(#id: ::core::option::Option::None));
                }
                let tag_value = tag
                    .filter(|(name, _)| *name == f.wire)
                    .map(|(_, value)| serde_json::Value::String(value.to_owned()));
                let constant = tag_value.as_ref().or(f.constant.as_ref());
                let v = match (&f.ty, constant) {
                    (
                        TypeRef::Named(ident, NamedKind::Enum),
                        Some(serde_json::Value::String(s)),
                    ) => self.enum_variant(ident.as_str(), s)?,
                    _ => self.value(&f.wire, &f.ty, &f.range, constant, depth + 1)?,
                };
                Some(quote!(#id: #v))
            })
            .collect()
    }

    /// The variant of enum `name` whose wire value is `wire`.
    fn enum_variant(&self, name: &str, wire: &str) -> Option<TokenStream> {
        let def = self.types.get(name)?;
        let TypeDefKind::Enum { variants, .. } = &def.kind else {
            return None;
        };
        let (_, v) = variants.iter().find(|(w, _)| w == wire)?;
        let (path, t, v) = (&self.path, def.ident.to_ident(), v.to_ident());
        Some(quote!(#path::#t::#v))
    }
}

/// A constant input's value, when its type takes it as written.
fn constant_value(ty: &TypeRef, value: &serde_json::Value) -> Option<TokenStream> {
    match (ty, value) {
        (TypeRef::String, serde_json::Value::String(s)) => {
            Some(quote!(::std::string::String::from(#s)))
        }
        (TypeRef::Boolean, serde_json::Value::Bool(b)) => Some(quote!(#b)),
        (TypeRef::Integer, serde_json::Value::Number(n)) => {
            n.as_i64().map(|n| literal(Literal::i64_suffixed(n)))
        }
        _ => None,
    }
}

/// An integer within the input's bounds: 1 when allowed.
fn integer(range: &Range) -> i64 {
    let low = range.min.unwrap_or(1).max(1);
    match range.max {
        Some(max) if max < low => max,
        _ => low,
    }
}

fn text_literal(wire: &str, range: &Range) -> TokenStream {
    let text = text(wire, range);
    quote!(#text)
}

/// A plausible value for a text input named `wire`.
fn text(wire: &str, range: &Range) -> String {
    let lower = wire.to_ascii_lowercase();
    let min = usize::try_from(range.min_length.unwrap_or(0)).unwrap_or(0);
    let text = if let Some(prefix) = hex_id_prefix(&lower) {
        format!("{prefix}_{HEX32}")
    } else if let Some(prefix) = id_prefix(&lower) {
        format!("{prefix}_{WORD27}")
    } else if lower.contains("email") {
        "user@example.com".to_owned()
    } else if lower.contains("phone") {
        "+15555550100".to_owned()
    } else if ["url", "uri", "urls", "uris"]
        .iter()
        .any(|end| lower.ends_with(end))
    {
        "https://example.com/callback".to_owned()
    } else if lower.ends_with("_at") || lower == "extend_to" {
        // Text timestamps are RFC 3339 (`format: date-time`).
        "2030-01-01T00:00:00Z".to_owned()
    } else if lower.contains("domain") {
        "example.com".to_owned()
    } else if lower.contains("country") {
        "US".to_owned()
    } else {
        "sample".to_owned()
    };
    if text.len() >= min {
        text
    } else {
        format!("{text}{}", "x".repeat(min - text.len()))
    }
}

/// IDs whose documents' patterns want 32 hex digits after the prefix.
fn hex_id_prefix(lower: &str) -> Option<&'static str> {
    Some(match lower {
        "apikeyid" | "api_key_id" => "ak",
        "adminportallinktokenid" | "admin_portal_link_token_id" => "aplt",
        "m2m_token_id" | "m2mtokenid" => "mt",
        "oauth_access_token_id" => "oat",
        _ => return None,
    })
}

/// The prefix of an ID input (`user_id` → `user`), or `None` when the name
/// is not an ID's.
fn id_prefix(lower: &str) -> Option<String> {
    if lower == "subject" || lower == "created_by" {
        return Some("user".to_owned());
    }
    let stem = lower
        .strip_suffix("_id")
        .or_else(|| lower.strip_suffix("id").filter(|s| !s.is_empty()))?;
    let known = match stem {
        "organization" | "org" => "org",
        "instance" => "ins",
        "admin_portal_link" => "apl",
        "session" => "sess",
        "invitation" => "inv",
        "application" => "app",
        _ => return Some(stem.trim_end_matches('_').to_owned()),
    };
    Some(known.to_owned())
}

fn literal(lit: Literal) -> TokenStream {
    quote!(#lit)
}
