//! Sending a [`Request`]: the first attempt, the retry loop when it fails,
//! each attempt's timer and span, and reading the response. What a success
//! decodes into is `respond.rs`.

use std::future::poll_fn;
use std::pin::pin;
use std::task::Poll;
use std::time::Duration;

use bytes::Bytes;
use http::HeaderName;
use http::header::{AUTHORIZATION, CONTENT_TYPE, LOCATION, USER_AGENT};

use crate::api::OperationAuth;
use crate::api_error::ApiError;
use crate::body::read_limited;
use crate::error::Error;
use crate::frontend::FrontendToken;
use crate::request::Request;
use crate::retry::{self, Attempt};

static CLERK_API_VERSION: HeaderName = HeaderName::from_static("clerk-api-version");

impl<'c> Request<'c> {
    /// The first attempt, then the retry loop if it failed. `expect`: what a
    /// success is.
    ///
    /// A plain `fn` returning an `async move` block: an `async fn` would keep its
    /// `self` argument twice in the future (as argument and as local), and the whole
    /// future is moved and polled on every request.
    pub(crate) fn execute(
        mut self,
        expect: Expect,
    ) -> impl Future<Output = Result<Success, Error>> + 'c {
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
            let error = match self.attempt(first, start, expect).await {
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
                |attempt| this.attempt(attempt, tokio::time::Instant::now(), expect),
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
        expect: Expect,
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
        // A limit past what the clock can hold is no limit (`Duration::MAX`).
        let limit = attempt
            .timeout
            .filter(|limit| started.checked_add(*limit).is_some());
        let mut exchange = pin!(self.exchange(limit, expect));
        let mut timer = pin!(
            limit
                .and_then(|limit| started.checked_add(limit))
                .map(tokio::time::sleep_until)
        );
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
    async fn exchange(&self, timeout: Option<Duration>, expect: Expect) -> Result<Success, Error> {
        let op = self.op;
        let inner = &self.client.inner;
        // The URL is parsed per attempt, so the common single attempt needs no copy.
        let mut url = self
            .full_url()
            .map_err(|e| Error::config(format!("{}: invalid request URL: {e}", op.name)))?;
        let authorization = match op.auth {
            OperationAuth::Api => match &inner.frontend {
                Some(FrontendToken::Client(token)) => {
                    url.query_pairs_mut().append_pair("_is_native", "1");
                    inner.authorization.as_ref().or(Some(token))
                }
                Some(FrontendToken::DevBrowser(token)) => {
                    url.query_pairs_mut().append_pair("__dev_session", token);
                    inner.authorization.as_ref()
                }
                None => inner.authorization.as_ref(),
            },
            // Only the OAuth client's own credentials: no secret key, no
            // client or dev-browser token goes to an OAuth token endpoint.
            OperationAuth::ClientCredentials { .. } => inner.oauth_client.as_ref(),
        };
        let mut builder = inner
            .http
            .request(op.method.as_reqwest(), url)
            .header(USER_AGENT, inner.user_agent.clone())
            .header(&CLERK_API_VERSION, inner.api_version.clone());
        if let Some(auth) = authorization {
            builder = builder.header(AUTHORIZATION, auth.clone());
        }
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        if let Some(body) = &self.body {
            if let Some(content_type) = &self.content_type {
                builder = builder.header(CONTENT_TYPE, content_type.clone());
            }
            builder = builder.body(body.clone());
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
        let limit = inner.max_response_bytes;
        if (200..300).contains(&status) {
            let json = matches!(expect, Expect::ContentType)
                && response
                    .headers()
                    .get(CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .is_none_or(|ct| ct.contains("json"));
            let body = read_limited(&mut response, limit, op.name, transport).await?;
            Ok(Success {
                status,
                json,
                body,
                location: None,
            })
        } else if (300..400).contains(&status) {
            let location = response
                .headers()
                .get(LOCATION)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
            if matches!(expect, Expect::Redirect) {
                return Ok(Success {
                    status,
                    json: false,
                    body: Bytes::new(),
                    location,
                });
            }
            Err(Error::Redirect {
                operation: op.name,
                status,
                location,
            })
        } else {
            let headers = std::mem::take(response.headers_mut());
            let body = read_limited(&mut response, limit, op.name, transport).await?;
            Err(Error::Api(Box::new(ApiError::from_response(
                op.name, status, &headers, body,
            ))))
        }
    }
}

/// What a success is, for an operation.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Expect {
    /// A 2xx and its body.
    Body,
    /// A 2xx and its body, and whether its content type says JSON.
    ContentType,
    /// A 2xx, or a 3xx (not followed) whose `Location` is the answer.
    Redirect,
}

/// A success response.
pub(crate) struct Success {
    pub(crate) status: u16,
    /// Whether the content type says JSON (or is absent), with [`Expect::ContentType`].
    pub(crate) json: bool,
    pub(crate) body: Bytes,
    /// The `Location` of a 3xx, with [`Expect::Redirect`].
    pub(crate) location: Option<String>,
}
