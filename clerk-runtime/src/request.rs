//! A request being assembled by a generated `send()`: URL (path segments and
//! query, percent-encoded), headers, body, and the first input error. Sending
//! it is `send.rs`.

use std::fmt;

use bytes::Bytes;
use http::{HeaderName, HeaderValue};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use crate::api::{OperationAuth, OperationSpec, PathPart};
use crate::client::Client;
use crate::error::Error;
use crate::query::QueryValue;

/// Everything but RFC 3986 unreserved characters is encoded, in path segments and
/// query components alike: `/`, `?`, `#`, `%`, `&`, `=`, `+` and spaces never
/// change the structure of the URL.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A request being assembled by a generated `send()`.
pub struct Request<'c> {
    pub(crate) client: &'c Client,
    pub(crate) op: &'static OperationSpec,
    /// The base URL, parsed once per client; then `url` holds only the path (the
    /// base's path first) and query. Without it, `url` is the whole URL.
    base: Option<&'c reqwest::Url>,
    url: String,
    has_query: bool,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) body: Option<Bytes>,
    /// The body's `Content-Type`.
    pub(crate) content_type: Option<HeaderValue>,
    pub(crate) error: Option<Box<Error>>,
}

impl fmt::Debug for Request<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("operation", &self.op.name)
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl<'c> Request<'c> {
    /// Starts a request; `path_args` fill the path's placeholders in order.
    pub fn new(client: &'c Client, op: &'static OperationSpec, path_args: &[&str]) -> Self {
        let inner = &client.inner;
        let base = inner.base_url.as_deref().unwrap_or(op.api.base_url);
        let parsed = inner.parsed_base(op.api.base_url);
        let prefix = parsed.map_or(base, |url| url.path().trim_end_matches('/'));
        let mut request = Request {
            client,
            op,
            base: parsed,
            url: String::with_capacity(prefix.len() + op.path_template.len() + 48),
            has_query: false,
            headers: Vec::new(),
            body: None,
            content_type: None,
            error: None,
        };
        if base.is_empty() {
            request.error = Some(Box::new(Error::config(format!(
                "{}: this API has no fixed host; set ClientBuilder::base_url",
                op.name
            ))));
            return request;
        }
        if op.auth == (OperationAuth::ClientCredentials { required: true })
            && inner.oauth_client.is_none()
        {
            request.fail(Error::config(format!(
                "{}: needs an OAuth application's credentials; set ClientBuilder::oauth_client(client_id, client_secret)",
                op.name
            )));
        }
        request.url.push_str(prefix);
        let mut args = path_args.iter();
        for part in op.path {
            match part {
                PathPart::Literal(text) => request.url.push_str(text),
                PathPart::Param(name) => {
                    let value = args.next().copied().unwrap_or_default();
                    request.push_segment(name, value);
                }
            }
        }
        request
    }

    /// The URL to send to. With a parsed base, only the path and query are parsed
    /// (the base's scheme and host are not parsed again: about 0.5–1 µs less per
    /// request, BENCHMARKS.md); a path that a URL parser could read as a host
    /// (`//x`, `/\x`) or as relative to the base's path is joined as text instead.
    pub(crate) fn full_url(&self) -> Result<reqwest::Url, url::ParseError> {
        let Some(base) = self.base else {
            return reqwest::Url::parse(&self.url);
        };
        let bytes = self.url.as_bytes();
        let path_only = match bytes.first() {
            None | Some(b'?') => true,
            Some(b'/') => !matches!(bytes.get(1), Some(b'/' | b'\\')),
            Some(_) => false,
        };
        if path_only {
            base.join(&self.url)
        } else {
            let origin = &base[..url::Position::BeforePath];
            reqwest::Url::parse(&format!("{origin}{}", self.url))
        }
    }

    pub(crate) fn fail(&mut self, error: Error) {
        if self.error.is_none() {
            self.error = Some(Box::new(error));
        }
    }

    fn push_segment(&mut self, name: &'static str, value: &str) {
        if value.is_empty() {
            self.fail(Error::invalid(self.op.name, name, "must not be empty"));
        } else if value == "." || value == ".." {
            // URL parsers resolve these (even percent-encoded) as dot segments,
            // which would change the path: refuse rather than call another endpoint.
            self.fail(Error::invalid(
                self.op.name,
                name,
                format!("`{value}` cannot be sent as a path segment"),
            ));
        } else {
            push_encoded(&mut self.url, value);
        }
    }

    pub(crate) fn push_query(&mut self, name: &str, value: &str) {
        self.url.push(if self.has_query { '&' } else { '?' });
        self.has_query = true;
        push_encoded(&mut self.url, name);
        self.url.push('=');
        push_encoded(&mut self.url, value);
    }

    /// Adds a query parameter.
    pub fn query<V: QueryValue + ?Sized>(&mut self, name: &'static str, value: &V) {
        value.write(name, self);
    }

    /// Adds one query parameter whose value is the items joined with
    /// `separator`: `" "` for `style: spaceDelimited`, `"|"` for `pipeDelimited`,
    /// `","` for `style: form` with `explode: false`. No items: no parameter.
    pub fn query_joined<T: AsRef<str>>(
        &mut self,
        name: &'static str,
        items: &[T],
        separator: &str,
    ) {
        if items.is_empty() {
            return;
        }
        let joined = items
            .iter()
            .map(AsRef::as_ref)
            .collect::<Vec<&str>>()
            .join(separator);
        self.push_query(name, &joined);
    }

    /// Adds a query parameter whose value is `value` as compact JSON text (for
    /// object-typed parameters); a value that cannot be serialised is an input error.
    pub fn query_json<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        if let Some(text) = self.json_text(name, value) {
            self.push_query(name, &text);
        }
    }

    /// Adds the query parameter `name` once per item, each as compact JSON text.
    pub fn query_json_each<T: Serialize>(&mut self, name: &'static str, items: &[T]) {
        for item in items {
            self.query_json(name, item);
        }
    }

    /// Adds a header whose value is `value` as compact JSON text.
    pub fn header_json<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        if let Some(text) = self.json_text(name, value) {
            self.header(name, &text);
        }
    }

    fn json_text<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Option<String> {
        match serde_json::to_string(value) {
            Ok(text) => Some(text),
            Err(e) => {
                self.fail(Error::invalid(self.op.name, name, e.to_string()));
                None
            }
        }
    }

    /// Adds a header; a value that is not a valid header value is an input error.
    pub fn header(&mut self, name: &'static str, value: &str) {
        let parsed = HeaderName::try_from(name)
            .ok()
            .zip(HeaderValue::try_from(value).ok());
        match parsed {
            Some(pair) => self.headers.push(pair),
            None => self.fail(Error::invalid(
                self.op.name,
                name,
                "is not a valid HTTP header value",
            )),
        }
    }

    /// Checks that `value` is within the inclusive bounds.
    pub fn check_range(
        &mut self,
        name: &'static str,
        value: i64,
        min: Option<i64>,
        max: Option<i64>,
    ) {
        let low = min.is_some_and(|min| value < min);
        let high = max.is_some_and(|max| value > max);
        if low || high {
            let bounds = match (min, max) {
                (Some(min), Some(max)) => format!("between {min} and {max}"),
                (Some(min), None) => format!("at least {min}"),
                (None, Some(max)) => format!("at most {max}"),
                (None, None) => String::new(),
            };
            self.fail(Error::invalid(
                self.op.name,
                name,
                format!("must be {bounds}, got {value}"),
            ));
        }
    }

    /// Sends `body` as JSON.
    pub fn json_body<B: Serialize + ?Sized>(&mut self, body: &B) {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.set_body(Bytes::from(bytes), "application/json"),
            Err(e) => self.fail(Error::invalid(self.op.name, "body", e.to_string())),
        }
    }

    /// The body and its content type.
    pub(crate) fn set_body(&mut self, body: Bytes, content_type: &'static str) {
        self.body = Some(body);
        self.content_type = Some(HeaderValue::from_static(content_type));
    }

    /// Sends `body` as JSON unless it serialises to `{}`: then no body is sent.
    pub fn json_body_unless_empty<B: Serialize + ?Sized>(&mut self, body: &B) {
        // Usually every field is unset: find that out in a 3-byte buffer on the stack
        // rather than allocating. Anything longer stops the probe at its third byte.
        let mut probe = [0u8; 3];
        let mut rest = &mut probe[..];
        let fits = serde_json::to_writer(&mut rest, body).is_ok();
        let left = rest.len();
        if fits && probe[..probe.len() - left] == *b"{}" {
            return;
        }
        self.json_body(body);
        if self.body.as_deref() == Some(b"{}") {
            self.body = None;
        }
    }
}

/// The bytes [`COMPONENT`] leaves as they are: ASCII letters, digits and `-._~`.
static UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0u8;
    while b < 128 {
        table[b as usize] = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~');
        b += 1;
    }
    table
};

/// Appends `value` percent-encoded with [`COMPONENT`]. IDs and most values need no
/// encoding; a table lookup per byte finds that out at half the cost of the
/// encoder's iterator (BENCHMARKS.md).
fn push_encoded(url: &mut String, value: &str) {
    if value.bytes().all(|b| UNRESERVED[usize::from(b)]) {
        url.push_str(value);
    } else {
        url.extend(utf8_percent_encode(value, COMPONENT));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a test fails loudly on a broken fixture
mod tests {
    use super::*;
    use crate::api::{ApiSpec, Credential, Method};

    fn op(base_url: &'static str, path: &'static [PathPart]) -> &'static OperationSpec {
        let api = Box::leak(Box::new(ApiSpec {
            name: "test",
            base_url,
            credential: Credential::None,
        }));
        Box::leak(Box::new(OperationSpec {
            name: "test",
            method: Method::Get,
            path_template: "/test",
            path,
            api,
            retry_safe: true,
            auth: OperationAuth::Api,
        }))
    }

    fn client(base_url: Option<&str>) -> Client {
        let mut builder = Client::builder().secret_key("sk_test_x");
        if let Some(url) = base_url {
            builder = builder.base_url(url);
        }
        builder.build().unwrap()
    }

    /// With a parsed base, the URL is the one parsing the whole text would give.
    #[test]
    fn joined_urls_equal_parsed_urls() {
        let paths: &[&'static [PathPart]] = &[
            &[PathPart::Literal("/sessions")],
            &[PathPart::Literal("/sessions/"), PathPart::Param("id")],
            &[PathPart::Literal("//evil.example/x")],
            &[PathPart::Literal("/\\evil.example/x")],
            &[PathPart::Literal("")],
            &[PathPart::Literal("sessions")],
            &[PathPart::Literal("/a/./b/../c")],
        ];
        let ids = ["sess_1", "a/../b", "x?y=1", "%2F", "é", "a b#c"];
        for (spec_base, override_base) in [
            ("https://api.clerk.com/v1", None),
            ("https://api.clerk.com", None),
            ("https://api.clerk.com/v1", Some("http://127.0.0.1:8080")),
            ("https://api.clerk.com/v1", Some("http://[::1]:9/x/y/")),
        ] {
            let client = client(override_base);
            let text_base = override_base.unwrap_or(spec_base).trim_end_matches('/');
            for path in paths {
                for id in ids {
                    let mut request = Request::new(&client, op(spec_base, path), &[id]);
                    request.query("q", "1 2");
                    assert!(request.base.is_some(), "{spec_base} {override_base:?}");
                    let joined = request.full_url();
                    // What the request's text would be with the base as written.
                    let base_path = request.base.unwrap().path().trim_end_matches('/');
                    let text = format!("{text_base}{}", &request.url[base_path.len()..]);
                    let expected = reqwest::Url::parse(&text);
                    assert_eq!(joined, expected, "{text}");
                }
            }
        }
    }

    /// A spec base other than the first one a client saw is parsed per request.
    #[test]
    fn other_spec_bases_are_parsed_whole() {
        let client = client(None);
        let first = Request::new(&client, op("https://api.clerk.com/v1", &[]), &[]);
        assert!(first.base.is_some());
        let other = Request::new(&client, op("https://frontend.example/v1", &[]), &[]);
        assert!(other.base.is_none());
        assert_eq!(
            other.full_url().unwrap().as_str(),
            "https://frontend.example/v1"
        );
    }
}
