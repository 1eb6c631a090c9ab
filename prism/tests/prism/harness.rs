//! What a sample call (`calls.rs`) runs through: a client of the generated
//! module pointed at its API's Prism (through the recording proxy), and the
//! outcome judged from what Prism answered.

use std::future::Future;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use clerk_runtime::{Error, RetryPolicy};

use crate::pending::PENDING_OPERATIONS;
use crate::proxy::{Exchange, Proxy};
use crate::verdict::{Verdict, judge};

/// Prism hangs on some malformed bodies: no call may wait longer than this.
const CALL_TIMEOUT: Duration = Duration::from_secs(60);

/// Which of Clerk's APIs (and so which document and Prism) a file belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Api {
    Backend,
    Frontend,
    Platform,
}

/// A covered capability file.
pub struct Capability {
    pub file: &'static str,
    pub api: Api,
    /// Operations whose inputs could not be filled from the model (not called).
    pub skipped: &'static [&'static str],
}

/// How one call ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// 2xx (or a redirect) decoded into the generated type (`typed`) or JSON.
    Decoded { typed: bool },
    /// The request passed validation; Prism's response broke the document.
    ResponseViolation,
    /// Prism refused only a form array, which it cannot read (see `Verdict::FormArray`).
    FormArray,
    /// Prism rejected a request of an operation `pending.rs` lists.
    Pending,
    /// A failure: our request was wrong, a 2xx did not decode, or anything unexpected.
    Failure,
}

#[derive(Clone, Debug)]
pub struct Outcome {
    pub file: &'static str,
    pub operation: &'static str,
    pub kind: Kind,
    /// Called again without the client token (Frontend operations whose
    /// document security lists no Bearer credential).
    pub anonymous: bool,
    pub detail: String,
}

pub struct Harness {
    proxy: Proxy,
    ports: [(Api, u16); 3],
    http: reqwest::Client,
    next: AtomicU64,
    outcomes: Mutex<Vec<Outcome>>,
}

/// The credential a call's client sends.
#[derive(Clone, Copy, PartialEq)]
enum Credential {
    /// A secret key (Backend, Platform) or a client token (Frontend).
    Default,
    /// None (Frontend only).
    Anonymous,
}

impl Harness {
    pub fn new(proxy: Proxy, ports: [(Api, u16); 3]) -> Result<Harness, String> {
        let http = reqwest::Client::builder()
            .no_proxy()
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Harness {
            proxy,
            ports,
            http,
            next: AtomicU64::new(0),
            outcomes: Mutex::default(),
        })
    }

    /// Makes one sample call with `call` and records how it ended.
    pub async fn call<F, Fut>(
        &self,
        file: &'static str,
        operation: &'static str,
        api: Api,
        typed: bool,
        call: F,
    ) where
        F: Fn(clerk_runtime::Client) -> Fut,
        Fut: Future<Output = Result<(), Error>>,
    {
        let mut attempt = self.attempt(api, Credential::Default, &call).await;
        // Prism now and then drops a connection before it answers (seen as the
        // proxy's 502 with no exchange): such a call never reached the
        // validator, so it is sent again, twice at most. A verdict is never
        // retried.
        for _ in 0..2 {
            if attempt.reached_prism() {
                break;
            }
            attempt = self.attempt(api, Credential::Default, &call).await;
        }
        let mut anonymous = false;
        if api == Api::Frontend
            && let Some(Verdict::Request {
                security_only: true,
                ..
            }) = attempt.verdict()
        {
            attempt = self.attempt(api, Credential::Anonymous, &call).await;
            anonymous = true;
        }
        let pending = PENDING_OPERATIONS
            .iter()
            .any(|(f, op, _)| *f == file && *op == operation);
        let (kind, detail) = attempt.judge(typed, pending);
        self.outcomes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Outcome {
                file,
                operation,
                kind,
                anonymous,
                detail,
            });
    }

    async fn attempt<F, Fut>(&self, api: Api, credential: Credential, call: &F) -> Attempt
    where
        F: Fn(clerk_runtime::Client) -> Fut,
        Fut: Future<Output = Result<(), Error>>,
    {
        let number = self.next.fetch_add(1, Ordering::Relaxed);
        let result = match self.runtime(api, credential, number) {
            Ok(runtime) => call(runtime).await,
            Err(err) => Err(err),
        };
        Attempt {
            result,
            exchanges: self.proxy.exchanges(number),
        }
    }

    /// Sends a JSON POST by hand, with the API's default credential, and
    /// returns Prism's verdict: the control that shows a wrong request is caught.
    pub async fn control(&self, api: Api, path: &str, body: &'static str) -> Option<Verdict> {
        let number = self.next.fetch_add(1, Ordering::Relaxed);
        let url = format!("{}{path}", self.proxy.base_url(self.port(api), number));
        let _ = self
            .http
            .post(url)
            .bearer_auth("sk_test_prism")
            .header("content-type", "application/json")
            .body(body)
            .timeout(CALL_TIMEOUT)
            .send()
            .await;
        self.proxy.exchanges(number).last().map(judge)
    }

    fn port(&self, api: Api) -> u16 {
        self.ports
            .iter()
            .find(|(a, _)| *a == api)
            .map_or(0, |(_, port)| *port)
    }

    /// A runtime client for one call: its own base URL (so the proxy can
    /// tell its exchanges), one attempt, a bounded wait.
    fn runtime(
        &self,
        api: Api,
        credential: Credential,
        number: u64,
    ) -> Result<clerk_runtime::Client, Error> {
        let builder = clerk_runtime::Client::builder()
            .base_url(self.proxy.base_url(self.port(api), number))
            .http_client(self.http.clone())
            .timeout(CALL_TIMEOUT)
            .retry_policy(RetryPolicy::default().max_attempts(1));
        let builder = match (api, credential) {
            (Api::Frontend, Credential::Default) => builder
                .client_token("client_token_prism")
                .oauth_client("oauth_client_prism", "oauth_secret_prism"),
            (Api::Frontend, Credential::Anonymous) => builder.no_secret_key(),
            _ => builder.secret_key("sk_test_prism"),
        };
        builder.build()
    }

    /// Every outcome, by file and operation.
    pub fn outcomes(&self) -> Vec<Outcome> {
        let mut all = self
            .outcomes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        all.sort_by_key(|o| (o.file, o.operation));
        all
    }
}

/// One call's result and what Prism answered.
struct Attempt {
    result: Result<(), Error>,
    exchanges: Vec<Exchange>,
}

impl Attempt {
    /// Whether Prism answered: the call succeeded or the proxy saw an exchange.
    fn reached_prism(&self) -> bool {
        self.result.is_ok() || !self.exchanges.is_empty()
    }

    fn verdict(&self) -> Option<Verdict> {
        self.exchanges.last().map(judge)
    }

    fn judge(&self, typed: bool, pending: bool) -> (Kind, String) {
        let exchange = self.exchanges.last();
        let request = exchange.map_or_else(String::new, |x| {
            format!("{} {}", x.method, x.path_and_query)
        });
        let verdict = self.verdict();
        match (&self.result, verdict) {
            (Ok(()), _) if pending => (
                Kind::Failure,
                format!("{request}: passes, but prism/pending.rs lists it: remove it from there"),
            ),
            (Ok(()), _) => (Kind::Decoded { typed }, String::new()),
            (Err(err), None) => (Kind::Failure, format!("nothing reached Prism: {err}")),
            (Err(err), Some(Verdict::Success)) => (
                Kind::Failure,
                format!(
                    "{request}: a {} answer did not decode: {err}",
                    exchange.map_or(0, |x| x.status)
                ),
            ),
            (Err(_), Some(Verdict::Request { messages, .. })) => {
                let kind = if pending {
                    Kind::Pending
                } else {
                    Kind::Failure
                };
                (
                    kind,
                    format!("{request}: request violations: {}", messages.join("; ")),
                )
            }
            (Err(_), Some(Verdict::Response { .. } | Verdict::FormArray(_))) if pending => (
                Kind::Failure,
                format!(
                    "{request}: passes request validation, but prism/pending.rs lists it: remove it from there"
                ),
            ),
            (Err(_), Some(Verdict::Response { count, first })) => (
                Kind::ResponseViolation,
                format!("{request}: {count} response violations, first {first}"),
            ),
            (Err(_), Some(Verdict::FormArray(messages))) => (
                Kind::FormArray,
                format!(
                    "{request}: Prism cannot read form arrays: {}",
                    messages.join("; ")
                ),
            ),
            (Err(err), Some(Verdict::Other(what))) => {
                (Kind::Failure, format!("{what} (client: {err})"))
            }
        }
    }
}
