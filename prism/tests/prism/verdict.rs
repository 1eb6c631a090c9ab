//! Prism's verdict on one exchange, from its status, its `sl-violations`
//! header and its problem+json body.
//!
//! Prism validates the request first, then the response it generated from
//! the document. It puts both lists in `sl-violations` (request entries
//! first, `location[0] == "request"`), and with `--errors` answers 500
//! `application/problem+json` of type `…#VIOLATIONS` listing only the
//! response's violations when there are any (prism-http-server 5.16.0,
//! `dist/server.js`, `addViolationHeader` before the error is raised). So
//! the header tells the request's verdict even when a response violation
//! hides it behind a 500. A header longer than 8 KiB is cut and prefixed
//! with `Too many violations!`; request entries, being first, survive the cut.

use serde_json::Value;

use crate::proxy::Exchange;

/// What Prism said about one exchange.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// A 2xx or 3xx answer.
    Success,
    /// Prism found the request wrong: our fault.
    Request {
        /// Prism's messages (`location: message`).
        messages: Vec<String>,
        /// Whether the only complaint is the credential ("Invalid security
        /// scheme used"): the operation's security in the document does not
        /// list the credential sent.
        security_only: bool,
    },
    /// The request passed; the response Prism generated from the document's
    /// examples and schemas breaks the document's own schema: the document's fault.
    Response {
        /// How many violations, and the first one.
        count: usize,
        first: String,
    },
    /// The only request violations are Prism's own limitation: without an
    /// `encoding` in the document (Clerk's have none), Prism 5.16 cannot read
    /// an array from a form body (`a=1&a=2` and `a=1` both give "must be
    /// array"), so a form array is always refused. Not our fault, and
    /// nothing else in the request was wrong (Prism lists every violation).
    FormArray(Vec<String>),
    /// Anything else (a status Prism should not answer to a valid request).
    Other(String),
}

pub fn judge(x: &Exchange) -> Verdict {
    if (200..400).contains(&x.status) {
        return Verdict::Success;
    }
    let problem: Option<Value> = x
        .content_type
        .as_deref()
        .filter(|t| t.starts_with("application/problem+json"))
        .and_then(|_| serde_json::from_slice(&x.body).ok());
    let problem_type = problem
        .as_ref()
        .and_then(|p| p.get("type"))
        .and_then(Value::as_str)
        .unwrap_or("");
    if x.status == 401 && problem_type.ends_with("#UNAUTHORIZED") {
        return Verdict::Request {
            messages: vec!["request: Invalid security scheme used".to_owned()],
            security_only: true,
        };
    }
    let header = x.violations.as_deref().unwrap_or("");
    let requests = request_violations(header);
    let form = x
        .request_content_type
        .as_deref()
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    if form && !requests.is_empty() && requests.iter().all(|m| m.ends_with(" must be array")) {
        return Verdict::FormArray(requests);
    }
    if !requests.is_empty() {
        let security_only = requests
            .iter()
            .all(|m| m.ends_with("Invalid security scheme used"));
        return Verdict::Request {
            messages: requests,
            security_only,
        };
    }
    if x.status == 500 && problem_type.ends_with("#VIOLATIONS") {
        let list = problem
            .as_ref()
            .and_then(|p| p.get("validation"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let all_response = !list.is_empty()
            && list
                .iter()
                .all(|v| location(v).first().map(String::as_str) == Some("response"));
        if all_response {
            return Verdict::Response {
                count: list.len(),
                first: list.first().map(describe).unwrap_or_default(),
            };
        }
    }
    Verdict::Other(format!(
        "{} {} answered {} {}: {}",
        x.method,
        x.path_and_query,
        x.status,
        x.content_type.as_deref().unwrap_or("(no content type)"),
        start(&x.body)
    ))
}

/// The request entries of an `sl-violations` header, as `location: message`.
fn request_violations(header: &str) -> Vec<String> {
    if header.is_empty() {
        return Vec::new();
    }
    let cut = header.strip_prefix("Too many violations! ");
    match (cut, serde_json::from_str::<Vec<Value>>(header)) {
        (None, Ok(list)) => list
            .iter()
            .filter(|v| location(v).first().map(String::as_str) == Some("request"))
            .map(describe)
            .collect(),
        // Cut short: request entries come first, so a cut list that starts
        // with a response entry has none.
        (Some(rest), _) if rest.starts_with(r#"[{"location":["request""#) => {
            vec![format!("request: {}", &rest[..rest.len().min(600)])]
        }
        (Some(_), _) => Vec::new(),
        (None, Err(_)) => vec![format!("request?: unreadable sl-violations: {header}")],
    }
}

fn location(v: &Value) -> Vec<String> {
    v.get("location")
        .and_then(Value::as_array)
        .map(|l| {
            l.iter()
                .map(|s| s.as_str().map_or_else(|| s.to_string(), str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn describe(v: &Value) -> String {
    let message = v.get("message").and_then(Value::as_str).unwrap_or("");
    format!("{}: {message}", location(v).join("."))
}

/// The start of a body, as text.
pub fn start(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    text.chars().take(300).collect()
}
