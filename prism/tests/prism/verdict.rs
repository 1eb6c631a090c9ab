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

#[cfg(test)]
mod tests {
    use super::*;

    fn exchange(status: u16, content_type: &str, violations: Option<&str>, body: &str) -> Exchange {
        Exchange {
            method: "POST".into(),
            path_and_query: "/sessions".into(),
            request_content_type: Some("application/json".into()),
            status,
            content_type: Some(content_type.into()),
            violations: violations.map(str::to_owned),
            body: body.as_bytes().to_vec(),
        }
    }

    const RESPONSE_500: &str = r#"{"type":"https://stoplight.io/prism/errors#VIOLATIONS","status":500,"validation":[{"location":["response","body","id"],"severity":"Error","message":"must be string"}]}"#;

    #[test]
    fn a_request_violation_is_ours() {
        let x = exchange(
            422,
            "application/json",
            Some(
                r#"[{"location":["request","body","user_id"],"severity":"Error","code":"type","message":"Request body property user_id must be string"}]"#,
            ),
            "{}",
        );
        assert_eq!(
            judge(&x),
            Verdict::Request {
                messages: vec![
                    "request.body.user_id: Request body property user_id must be string".into()
                ],
                security_only: false
            }
        );
    }

    #[test]
    fn a_response_violation_alone_is_the_documents() {
        let header = r#"[{"location":["response","body","id"],"severity":"Error","message":"must be string"}]"#;
        let x = exchange(500, "application/problem+json", Some(header), RESPONSE_500);
        assert!(matches!(judge(&x), Verdict::Response { count: 1, .. }));
    }

    #[test]
    fn a_request_violation_behind_a_response_violation_is_still_ours() {
        let header = r#"[{"location":["request","query","limit"],"severity":"Error","message":"must be integer"},{"location":["response","body","id"],"severity":"Error","message":"must be string"}]"#;
        let x = exchange(500, "application/problem+json", Some(header), RESPONSE_500);
        assert!(matches!(
            judge(&x),
            Verdict::Request {
                security_only: false,
                ..
            }
        ));
        let cut = format!("Too many violations! {}", &header[..60]);
        let x = exchange(500, "application/problem+json", Some(&cut), RESPONSE_500);
        assert!(matches!(judge(&x), Verdict::Request { .. }));
        let cut = r#"Too many violations! [{"location":["response","body"#;
        let x = exchange(500, "application/problem+json", Some(cut), RESPONSE_500);
        assert!(matches!(judge(&x), Verdict::Response { .. }));
    }

    #[test]
    fn a_rejected_credential_is_a_security_only_request_violation() {
        let header = r#"[{"location":["request"],"severity":"Error","code":401,"message":"Invalid security scheme used"}]"#;
        let x = exchange(401, "application/json", Some(header), "{}");
        assert!(matches!(
            judge(&x),
            Verdict::Request {
                security_only: true,
                ..
            }
        ));
        let body = r#"{"type":"https://stoplight.io/prism/errors#UNAUTHORIZED","status":401}"#;
        let x = exchange(401, "application/problem+json", None, body);
        assert!(matches!(
            judge(&x),
            Verdict::Request {
                security_only: true,
                ..
            }
        ));
    }

    #[test]
    fn only_a_form_array_refused_is_prisms_limit() {
        let header = r#"[{"location":["request","body","email_address"],"severity":"Error","message":"Request body property email_address must be array"}]"#;
        let mut x = exchange(422, "application/json", Some(header), "{}");
        x.request_content_type = Some("application/x-www-form-urlencoded".into());
        assert!(matches!(judge(&x), Verdict::FormArray(_)));
        // The same refusal of a JSON body is ours.
        x.request_content_type = Some("application/json".into());
        assert!(matches!(judge(&x), Verdict::Request { .. }));
    }

    #[test]
    fn success_and_anything_else() {
        assert_eq!(
            judge(&exchange(200, "application/json", None, "{}")),
            Verdict::Success
        );
        assert_eq!(
            judge(&exchange(302, "text/plain", None, "")),
            Verdict::Success
        );
        let x = exchange(
            404,
            "application/problem+json",
            None,
            r#"{"type":"https://stoplight.io/prism/errors#NO_PATH_MATCHED_ERROR"}"#,
        );
        assert!(matches!(judge(&x), Verdict::Other(_)));
    }
}
