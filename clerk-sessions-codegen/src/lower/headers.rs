//! Header parameters, from the spec or the typing file: a name must be an
//! HTTP token that the runtime or the HTTP client does not set itself, and
//! a fixed value a valid header value.

use super::reader::{Ctx, Pos};

/// Headers the runtime (`clerk-runtime/src/send.rs`) or the HTTP client sets
/// on every request, by lowercase name, with what sets them. A parameter
/// with one of these names would send the header twice or fight the
/// transport, so it is an error.
#[rustfmt::skip] // a table reads best one header to a line
const OWNED: &[(&str, &str)] = &[
    ("authorization", "the client sends it from its secret key (`binds` in the spec)"),
    ("clerk-api-version", "the client sends it; set it with `ClientBuilder::api_version`"),
    ("user-agent", "the client sends it on every request"),
    ("content-type", "the client sends `application/json` with every JSON body"),
    ("content-length", "the HTTP client computes it from the body"),
    ("transfer-encoding", "the HTTP client decides how the body is framed"),
    ("host", "the HTTP client sends it from the URL; set the base URL instead"),
    ("connection", "the HTTP client manages connections (HTTP/2 forbids the header)"),
    ("keep-alive", "the HTTP client manages connections (HTTP/2 forbids the header)"),
    ("proxy-connection", "the HTTP client manages connections (HTTP/2 forbids the header)"),
    ("upgrade", "the HTTP client manages connections (HTTP/2 forbids the header)"),
    ("te", "the HTTP client manages transfer codings (HTTP/2 forbids the header)"),
    ("trailer", "the HTTP client frames the body"),
    ("accept-encoding", "the HTTP client chooses the encodings it can decompress"),
    ("proxy-authorization", "the HTTP client's proxy settings send it"),
];

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
    if let Some((_, owner)) = OWNED
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(wire))
    {
        cx.error(
            at,
            path,
            format!("`{wire}` is a header the client sets itself"),
            &format!("remove the parameter: {owner}"),
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
