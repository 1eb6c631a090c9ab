//! The one request path every generated operation goes through: URL, auth,
//! body, send, retry, decode.

use std::fmt;
use std::future::poll_fn;
use std::pin::pin;
use std::task::Poll;
use std::time::Duration;

use bytes::Bytes;
use futures_util::FutureExt;
use http::header::{AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use http::{HeaderName, HeaderValue};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::error::{ApiError, Error};
use crate::retry::{self, Attempt};

/// Everything but RFC 3986 unreserved characters is encoded, in path segments and
/// query components alike: `/`, `?`, `#`, `%`, `&`, `=`, `+` and spaces never
/// change the structure of the URL.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

static CLERK_API_VERSION: HeaderName = HeaderName::from_static("clerk-api-version");
static JSON: HeaderValue = HeaderValue::from_static("application/json");

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
}

impl Method {
    /// The method as sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    fn as_reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
        }
    }
}

/// One piece of a path template.
#[derive(Clone, Copy, Debug)]
pub enum PathPart {
    /// Sent as is.
    Literal(&'static str),
    /// The next path argument, by its wire name.
    Param(&'static str),
}

/// What the generator knows about an operation, as static data.
#[derive(Debug)]
pub struct OperationSpec {
    /// The spec's operation name.
    pub name: &'static str,
    /// HTTP method.
    pub method: Method,
    /// The path as written in the spec, for logs and errors.
    pub path_template: &'static str,
    /// The path, split.
    pub path: &'static [PathPart],
    /// The spec's `baseUri`.
    pub base_url: &'static str,
    /// Whether repeating the request is harmless.
    pub retry_safe: bool,
}

/// A request being assembled by a generated `send()`.
pub struct Request<'c> {
    client: &'c Client,
    op: &'static OperationSpec,
    /// The base URL, parsed once per client; then `url` holds only the path (the
    /// base's path first) and query. Without it, `url` is the whole URL.
    base: Option<&'c reqwest::Url>,
    url: String,
    has_query: bool,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Option<Bytes>,
    error: Option<Box<Error>>,
}

impl fmt::Debug for Request<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("operation", &self.op.name)
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

/// A value that can be written into a query string.
pub trait QueryValue {
    /// Appends `name=value` pairs (arrays repeat the key).
    fn write(&self, name: &str, request: &mut Request<'_>);
}

impl QueryValue for str {
    fn write(&self, name: &str, request: &mut Request<'_>) {
        request.push_query(name, self);
    }
}
impl QueryValue for String {
    fn write(&self, name: &str, request: &mut Request<'_>) {
        request.push_query(name, self);
    }
}
impl QueryValue for bool {
    fn write(&self, name: &str, request: &mut Request<'_>) {
        request.push_query(name, if *self { "true" } else { "false" });
    }
}
impl QueryValue for i64 {
    fn write(&self, name: &str, request: &mut Request<'_>) {
        request.push_query(name, &self.to_string());
    }
}
impl QueryValue for u32 {
    fn write(&self, name: &str, request: &mut Request<'_>) {
        request.push_query(name, &self.to_string());
    }
}
impl QueryValue for f64 {
    /// Integral values print without `.0` (`10`, not `10.0`).
    fn write(&self, name: &str, request: &mut Request<'_>) {
        request.push_query(name, &self.to_string());
    }
}
impl<T: QueryValue + ?Sized> QueryValue for &T {
    fn write(&self, name: &str, request: &mut Request<'_>) {
        (**self).write(name, request);
    }
}
impl<T: QueryValue> QueryValue for Vec<T> {
    fn write(&self, name: &str, request: &mut Request<'_>) {
        for item in self {
            item.write(name, request);
        }
    }
}

impl<'c> Request<'c> {
    /// Starts a request; `path_args` fill the path's placeholders in order.
    pub fn new(client: &'c Client, op: &'static OperationSpec, path_args: &[&str]) -> Self {
        let inner = &client.inner;
        let base = inner.base_url.as_deref().unwrap_or(op.base_url);
        let parsed = inner.parsed_base(op.base_url);
        let prefix = parsed.map_or(base, |url| url.path().trim_end_matches('/'));
        let mut request = Request {
            client,
            op,
            base: parsed,
            url: String::with_capacity(prefix.len() + op.path_template.len() + 48),
            has_query: false,
            headers: Vec::new(),
            body: None,
            error: None,
        };
        if base.is_empty() {
            request.error = Some(Box::new(Error::config(format!(
                "{}: this API has no fixed host; set ClientBuilder::base_url",
                op.name
            ))));
            return request;
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
    fn full_url(&self) -> Result<reqwest::Url, url::ParseError> {
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

    fn fail(&mut self, error: Error) {
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

    fn push_query(&mut self, name: &str, value: &str) {
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
            Ok(bytes) => self.body = Some(Bytes::from(bytes)),
            Err(e) => self.fail(Error::invalid(self.op.name, "body", e.to_string())),
        }
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

    /// Sends the request (with retries) and decodes a JSON success into `T`.
    //
    // A plain `fn` returning the attempt future with the decode mapped onto it: the
    // request is stored once, in `execute`'s future, rather than once per `async fn`
    // level it passes through (BENCHMARKS.md, section 5).
    pub fn send<T: DeserializeOwned>(self) -> impl Future<Output = Result<T, Error>> + 'c {
        let name = self.op.name;
        self.execute(false).map(move |result| {
            let Success { status, body, .. } = result?;
            serde_json::from_slice(&body).map_err(|e| Error::Decode {
                operation: name,
                status,
                body,
                source: Box::new(e),
            })
        })
    }

    /// Sends the request and returns the body as JSON: `null` for an empty body,
    /// a string for a body that is not JSON (by its content type).
    pub fn send_value(self) -> impl Future<Output = Result<serde_json::Value, Error>> + 'c {
        let name = self.op.name;
        self.execute(true).map(move |result| {
            let Success { status, json, body } = result?;
            if body.is_empty() {
                return Ok(serde_json::Value::Null);
            }
            if !json {
                return Ok(serde_json::Value::String(
                    String::from_utf8_lossy(&body).into_owned(),
                ));
            }
            serde_json::from_slice(&body).map_err(|e| Error::Decode {
                operation: name,
                status,
                body,
                source: Box::new(e),
            })
        })
    }

    /// The first attempt, then the retry loop if it failed. `content_type`: whether
    /// the caller needs to know if the body is JSON.
    ///
    /// A plain `fn` returning an `async move` block: an `async fn` would keep its
    /// `self` argument twice in the future (as argument and as local), and the whole
    /// future is moved and polled on every request.
    fn execute(mut self, content_type: bool) -> impl Future<Output = Result<Success, Error>> + 'c {
        let refused = self.error.take();
        async move {
            if let Some(error) = refused {
                return Err(*error);
            }
            let inner = &self.client.inner;
            let start = tokio::time::Instant::now();
            let first = Attempt {
                number: 1,
                timeout: retry::first_timeout(&inner.retry, inner.timeout),
            };
            let error = match self.attempt(first, start, content_type).await {
                Ok(success) => return Ok(success),
                Err(error) => error,
            };
            // Only a failed request pays for the retry loop (boxed: it keeps the
            // future of the common path small).
            let this = &self;
            Box::pin(retry::retry_after_first(
                &inner.retry,
                self.op.retry_safe,
                inner.timeout,
                start,
                error,
                |attempt| this.attempt(attempt, tokio::time::Instant::now(), content_type),
            ))
            .await
        }
    }

    /// One attempt, started at `started`, inside its `clerk.request` span when a
    /// subscriber wants one. The span records the status and latency, never the
    /// secret or a body.
    async fn attempt(
        &self,
        attempt: Attempt,
        started: tokio::time::Instant,
        content_type: bool,
    ) -> Result<Success, Error> {
        let op = self.op;
        let span = tracing::debug_span!(
            "clerk.request",
            operation = op.name,
            method = op.method.as_str(),
            path = op.path_template,
            attempt = attempt.number,
            status = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
            error = tracing::field::Empty,
        );
        let traced = !span.is_disabled();
        let record = |outcome: &Result<Success, Error>| {
            if !traced {
                return;
            }
            match outcome {
                Ok(success) => span.record("status", success.status),
                Err(Error::Api(api)) => span.record("status", api.status),
                Err(Error::Timeout { .. }) => span.record("error", "timeout"),
                Err(Error::Transport { .. }) => span.record("error", "transport"),
                Err(_) => &span,
            };
            let latency = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            span.record("latency_ms", latency);
        };
        // The attempt's timeout covers the whole exchange, headers and body: one
        // timer, polled beside the exchange here, with no allocation. (reqwest's
        // `RequestBuilder::timeout` would add a boxed timer, a request extension map
        // and a body wrapper; `tokio::time::timeout` and `Instrumented` cost about
        // 0.5% per request more than this poll function, BENCHMARKS.md.)
        let limit = attempt.timeout;
        let mut exchange = pin!(self.exchange(limit, content_type));
        let mut timer = pin!(limit.map(|limit| tokio::time::sleep_until(started + limit)));
        let outcome = poll_fn(|cx| {
            // Each poll runs inside the span, as `Instrumented` would do.
            let _entered = traced.then(|| span.enter());
            if let Poll::Ready(outcome) = exchange.as_mut().poll(cx) {
                return Poll::Ready(outcome);
            }
            let (Some(mut timer), Some(after)) = (timer.as_mut().as_pin_mut(), limit) else {
                return Poll::Pending;
            };
            // `is_elapsed` first: it holds even when the exchange used up the task's
            // cooperative budget, which would keep `poll` pending.
            if timer.is_elapsed() || timer.as_mut().poll(cx).is_ready() {
                return Poll::Ready(Err(Error::Timeout {
                    operation: op.name,
                    after,
                }));
            }
            Poll::Pending
        })
        .await;
        record(&outcome);
        outcome
    }

    /// Sends the request once and reads the whole response.
    async fn exchange(
        &self,
        timeout: Option<Duration>,
        content_type: bool,
    ) -> Result<Success, Error> {
        let op = self.op;
        let inner = &self.client.inner;
        // The URL is parsed per attempt, so the common single attempt needs no copy.
        let url = self
            .full_url()
            .map_err(|e| Error::config(format!("{}: invalid request URL: {e}", op.name)))?;
        let mut builder = inner
            .http
            .request(op.method.as_reqwest(), url)
            .header(USER_AGENT, inner.user_agent.clone())
            .header(&CLERK_API_VERSION, inner.api_version.clone());
        if let Some(auth) = &inner.authorization {
            builder = builder.header(AUTHORIZATION, auth.clone());
        }
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        if let Some(body) = &self.body {
            builder = builder
                .header(CONTENT_TYPE, JSON.clone())
                .body(body.clone());
        }
        let transport = |e: reqwest::Error| {
            if e.is_timeout() {
                // A timeout of the caller's own `reqwest::Client`.
                Error::Timeout {
                    operation: op.name,
                    after: timeout.unwrap_or_default(),
                }
            } else {
                Error::Transport {
                    operation: op.name,
                    source: Box::new(e.without_url()),
                }
            }
        };
        let mut response = builder.send().await.map_err(transport)?;
        let status = response.status().as_u16();
        if (200..300).contains(&status) {
            let json = content_type
                && response
                    .headers()
                    .get(CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .is_none_or(|ct| ct.contains("json"));
            let body = response.bytes().await.map_err(transport)?;
            Ok(Success { status, json, body })
        } else {
            let headers = std::mem::take(response.headers_mut());
            let body = response.bytes().await.map_err(transport)?;
            Err(Error::Api(Box::new(ApiError::from_response(
                op.name, status, &headers, body,
            ))))
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

/// A 2xx response.
struct Success {
    status: u16,
    /// Whether the content type says JSON (or is absent).
    json: bool,
    body: Bytes,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a test fails loudly on a broken fixture
mod tests {
    use super::*;

    fn op(base_url: &'static str, path: &'static [PathPart]) -> &'static OperationSpec {
        Box::leak(Box::new(OperationSpec {
            name: "test",
            method: Method::Get,
            path_template: "/test",
            path,
            base_url,
            retry_safe: true,
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
