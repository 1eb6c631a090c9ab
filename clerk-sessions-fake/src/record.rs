//! The log of requests the fake received.

/// One HTTP request as the fake received it, for assertions in tests.
///
/// Every request is recorded, in arrival order, before fault injection, auth
/// and routing: requests that were answered with an error, delayed or
/// dropped are recorded too.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// The method, e.g. `"GET"`.
    pub method: String,
    /// The path exactly as sent, still percent-encoded, e.g. `/sessions/a%2F..%2Fb`.
    pub path: String,
    /// The raw query string without the `?`, still encoded; `None` when the
    /// request target had no `?`.
    pub query: Option<String>,
    /// Every header in arrival order, names lower-case. Values that are not
    /// UTF-8 are converted lossily.
    pub headers: Vec<(String, String)>,
    /// The body bytes (empty when the request had no body, or when it was
    /// over the fake's 4 MiB limit).
    pub body: Vec<u8>,
}

impl RecordedRequest {
    pub(crate) fn from_parts(parts: &http::request::Parts, body: &[u8]) -> Self {
        RecordedRequest {
            method: parts.method.as_str().to_owned(),
            path: parts.uri.path().to_owned(),
            query: parts.uri.query().map(str::to_owned),
            headers: parts
                .headers
                .iter()
                .map(|(name, value)| {
                    (
                        name.as_str().to_owned(),
                        String::from_utf8_lossy(value.as_bytes()).into_owned(),
                    )
                })
                .collect(),
            body: body.to_vec(),
        }
    }

    /// The first value of the header `name` (case-insensitive), if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body parsed as JSON; `None` when it is empty or not JSON.
    pub fn body_json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }
}
