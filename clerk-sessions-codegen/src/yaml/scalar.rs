//! What a plain scalar is under YAML 1.2's core schema.

/// A resolved plain scalar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Resolved<'a> {
    /// `~`, `null`, `Null`, `NULL` or nothing.
    Null,
    /// `true` / `false` (also `True`, `TRUE`...).
    Bool(bool),
    /// An integer that fits `i64`.
    Int(i64),
    /// A non-negative integer beyond `i64`.
    Uint(u64),
    /// Any other number (`0.5`, `1e3`, `.inf`, `.nan`).
    Float(f64),
    /// Anything else: the text itself.
    Str(&'a str),
}

/// Resolves a plain scalar's text.
pub(crate) fn resolve(text: &str) -> Resolved<'_> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Resolved::Null,
        "true" | "True" | "TRUE" => return Resolved::Bool(true),
        "false" | "False" | "FALSE" => return Resolved::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Resolved::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Resolved::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Resolved::Float(f64::NAN),
        _ => {}
    }
    if let Some(n) = integer(text) {
        return n;
    }
    if is_float(text)
        && let Ok(f) = text.parse::<f64>()
    {
        return Resolved::Float(f);
    }
    Resolved::Str(text)
}

/// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`.
fn integer(text: &str) -> Option<Resolved<'_>> {
    let (radix, digits) = if let Some(octal) = text.strip_prefix("0o") {
        (8, octal)
    } else if let Some(hex) = text.strip_prefix("0x") {
        (16, hex)
    } else {
        let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
        if unsigned.is_empty() || !unsigned.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        return Some(match text.parse::<i64>() {
            Ok(i) => Resolved::Int(i),
            Err(_) => match text.strip_prefix('+').unwrap_or(text).parse::<u64>() {
                Ok(u) => Resolved::Uint(u),
                Err(_) => Resolved::Float(text.parse::<f64>().ok()?),
            },
        });
    };
    if digits.is_empty() || digits.starts_with(['-', '+']) {
        return None;
    }
    let value = u64::from_str_radix(digits, radix).ok()?;
    Some(i64::try_from(value).map_or(Resolved::Uint(value), Resolved::Int))
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
fn is_float(text: &str) -> bool {
    let s = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (mantissa, None),
    };
    let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match fraction {
        Some(f) => digits(whole) && digits(f) && !(whole.is_empty() && f.is_empty()),
        None => !whole.is_empty() && digits(whole),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::{Resolved, resolve};

    #[test]
    fn plain_scalars_resolve_by_the_core_schema() {
        assert_eq!(resolve(""), Resolved::Null);
        assert_eq!(resolve("~"), Resolved::Null);
        assert_eq!(resolve("TRUE"), Resolved::Bool(true));
        assert_eq!(resolve("yes"), Resolved::Str("yes"));
        assert_eq!(resolve("10"), Resolved::Int(10));
        assert_eq!(resolve("-7"), Resolved::Int(-7));
        assert_eq!(resolve("0x1F"), Resolved::Int(31));
        assert_eq!(resolve("0o17"), Resolved::Int(15));
        assert_eq!(resolve("18446744073709551615"), Resolved::Uint(u64::MAX));
        assert_eq!(resolve("0.5"), Resolved::Float(0.5));
        assert_eq!(resolve("1e3"), Resolved::Float(1000.0));
        assert_eq!(resolve(".5"), Resolved::Float(0.5));
        assert_eq!(resolve("-.inf"), Resolved::Float(f64::NEG_INFINITY));
        assert_eq!(resolve("1.0.0-alpha2"), Resolved::Str("1.0.0-alpha2"));
        assert_eq!(resolve("2026-05-12"), Resolved::Str("2026-05-12"));
        assert_eq!(resolve("1_000"), Resolved::Str("1_000"));
        assert_eq!(resolve("."), Resolved::Str("."));
        assert_eq!(resolve("e3"), Resolved::Str("e3"));
        assert_eq!(resolve("0x"), Resolved::Str("0x"));
        assert!(matches!(resolve(".nan"), Resolved::Float(f) if f.is_nan()));
    }
}
