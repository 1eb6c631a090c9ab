//! Header parameters, from the spec or the typing file: a name must be an
//! HTTP token, and a fixed value a valid header value.

use super::reader::{Ctx, Pos};

/// Checks a header's name, written at `at` (YAML path `path`); `None` after
/// reporting a problem.
pub(crate) fn check_name(cx: &mut Ctx<'_, '_>, wire: &str, at: Pos, path: &str) -> Option<()> {
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if wire.is_empty() || !wire.chars().all(token) {
        cx.error(
            at,
            path,
            format!("`{wire}` is not a valid HTTP header name"),
            "header names are letters, digits and `-` (an HTTP token), e.g. `X-Request-Id`",
        );
        return None;
    }
    Some(())
}

/// Checks a header's fixed value; `None` after reporting a problem.
pub(crate) fn check_value(cx: &mut Ctx<'_, '_>, value: &str, at: Pos, path: &str) -> Option<()> {
    if value
        .chars()
        .any(|c| c.is_control() && c != '\t' || !c.is_ascii())
    {
        cx.error(
            at,
            path,
            "a fixed header value must be printable ASCII".into(),
            "remove line breaks, control and non-ASCII characters from the value",
        );
        return None;
    }
    Some(())
}
