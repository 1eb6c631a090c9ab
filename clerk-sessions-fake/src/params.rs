//! Reading request inputs: raw query strings, path segments and JSON bodies.

use percent_encoding::percent_decode_str;
use serde_json::{Map, Value};

use crate::error::ApiError;

/// A query string split into decoded `(key, value)` pairs, in order.
/// Repeated keys are kept; [`Query::first`] reads the first one, as Go's
/// `url.Values.Get` does. Unknown keys are simply never read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// Parses `application/x-www-form-urlencoded` text (`+` is a space).
    pub(crate) fn parse(raw: Option<&str>) -> Self {
        let pairs = raw
            .unwrap_or("")
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                (decode_form(key), decode_form(value))
            })
            .collect();
        Query { pairs }
    }

    /// The first value of `key`.
    pub(crate) fn first(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The first value of `key`, treating an empty value as absent.
    pub(crate) fn non_empty(&self, key: &str) -> Option<&str> {
        self.first(key).filter(|v| !v.is_empty())
    }
}

fn decode_form(text: &str) -> String {
    percent_decode_str(&text.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// One percent-decoded path segment. `+` stays a plus; `%2F` becomes `/`
/// but stays inside this one segment.
pub(crate) fn decode_segment(segment: &str) -> String {
    percent_decode_str(segment).decode_utf8_lossy().into_owned()
}

/// The body as a JSON object. An empty (or all-whitespace) body counts as
/// `{}`; anything that is not a JSON object is `400 request_body_invalid`.
pub(crate) fn json_object(body: &[u8]) -> Result<Map<String, Value>, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice(body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(ApiError::body_invalid()),
    }
}

/// An optional string field: absent or `null` is `None`; another type is a
/// `422 form_param_type_invalid`.
pub(crate) fn opt_string(map: &Map<String, Value>, name: &str) -> Result<Option<String>, ApiError> {
    match map.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(ApiError::param_type_invalid(name, "a string")),
    }
}

/// A required string field: absent, `null` or empty is `422 form_param_missing`.
pub(crate) fn required_string(map: &Map<String, Value>, name: &str) -> Result<String, ApiError> {
    match opt_string(map, name)? {
        Some(s) if !s.is_empty() => Ok(s),
        _ => Err(ApiError::param_missing(name)),
    }
}

/// Parses a boolean the way Go's `strconv.ParseBool` does.
pub(crate) fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Some(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_decodes_and_keeps_repeats() {
        let q = Query::parse(Some(
            "user_id=user%5F1&status=active&status=revoked&x&a+b=c+d",
        ));
        assert_eq!(q.first("user_id"), Some("user_1"));
        assert_eq!(q.first("status"), Some("active"));
        assert_eq!(q.first("x"), Some(""));
        assert_eq!(q.non_empty("x"), None);
        assert_eq!(q.first("a b"), Some("c d"));
        assert_eq!(Query::parse(None).first("a"), None);
    }

    #[test]
    fn segments_decode_slashes_but_not_plus() {
        assert_eq!(decode_segment("a%2F..%2Fb"), "a/../b");
        assert_eq!(decode_segment("a+b%20c"), "a+b c");
        assert_eq!(decode_segment("%FF"), "\u{FFFD}");
    }

    #[test]
    fn bodies() {
        assert_eq!(json_object(b""), Ok(Map::new()));
        assert_eq!(json_object(b" \n"), Ok(Map::new()));
        assert!(json_object(b"[]").is_err());
        assert!(json_object(b"{").is_err());
        assert!(json_object(b"null").is_err());
    }
}
