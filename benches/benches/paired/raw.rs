//! The baseline: hand-written reqwest calls on one shared `reqwest::Client`, sending
//! the same requests as the generated client (URL, query order, headers, no body) and
//! decoding into the same types with `serde_json::from_slice`.
//!
//! Written the way a careful hand-written client is: header names and values built
//! once and cloned (no per-request parsing), a status check, one decode. No retries,
//! and, like the generated client, a 30 s timeout set once on the `reqwest::Client`
//! (none with `BENCH_GEN_NO_TIMEOUT=1` or `BENCH_RAW_NO_TIMEOUT=1`): the generated
//! client's retry loop and error handling are part of the overhead being measured.

use std::fmt;
use std::time::Duration;

use clerk_sessions::{Session, SessionList, Token};
use http::header::{AUTHORIZATION, USER_AGENT};
use http::{HeaderName, HeaderValue};
use serde::de::DeserializeOwned;

static CLERK_API_VERSION: HeaderName = HeaderName::from_static("clerk-api-version");

/// Why a raw call failed.
#[derive(Debug)]
pub enum RawError {
    /// Transport.
    Http(reqwest::Error),
    /// A non-2xx status.
    Status(u16),
    /// The body did not decode.
    Decode(serde_json::Error),
}

impl fmt::Display for RawError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RawError::Http(e) => write!(f, "transport: {e}"),
            RawError::Status(s) => write!(f, "status {s}"),
            RawError::Decode(e) => write!(f, "decode: {e}"),
        }
    }
}

impl From<reqwest::Error> for RawError {
    fn from(e: reqwest::Error) -> Self {
        RawError::Http(e)
    }
}

/// A hand-written Sessions client.
pub struct Raw {
    http: reqwest::Client,
    base: String,
    authorization: HeaderValue,
    api_version: HeaderValue,
    user_agent: HeaderValue,
}

impl Raw {
    /// A client for `base` (no trailing `/`), configured like the generated client's
    /// default `reqwest::Client`.
    /// With `timeout`, the `reqwest::Client` gets that total timeout per request.
    pub fn new(base: String, secret_key: &str, timeout: Option<Duration>) -> Result<Raw, RawError> {
        let mut http = reqwest::Client::builder().pool_idle_timeout(Duration::from_secs(90));
        if let Some(timeout) = timeout {
            http = http.timeout(timeout);
        }
        let http = http.build()?;
        let mut authorization = HeaderValue::try_from(format!("Bearer {secret_key}"))
            .map_err(|_| RawError::Status(0))?;
        authorization.set_sensitive(true);
        Ok(Raw {
            http,
            base,
            authorization,
            api_version: HeaderValue::from_static(clerk_sessions::DEFAULT_API_VERSION),
            user_agent: HeaderValue::from_static(concat!(
                "clerk-runtime/",
                env!("CARGO_PKG_VERSION")
            )),
        })
    }

    async fn call<T: DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<T, RawError> {
        let response = request
            .header(USER_AGENT, self.user_agent.clone())
            .header(&CLERK_API_VERSION, self.api_version.clone())
            .header(AUTHORIZATION, self.authorization.clone())
            .send()
            .await?;
        let status = response.status();
        if !status.is_success() {
            return Err(RawError::Status(status.as_u16()));
        }
        let body = response.bytes().await?;
        serde_json::from_slice(&body).map_err(RawError::Decode)
    }

    /// `GET /sessions/{id}`.
    pub async fn get_session(&self, id: &str) -> Result<Session, RawError> {
        let url = format!("{}/sessions/{id}", self.base);
        self.call(self.http.get(url)).await
    }

    /// `GET /sessions?user_id=…&paginated=true&limit=…`.
    pub async fn get_session_list(
        &self,
        user_id: &str,
        limit: u32,
    ) -> Result<SessionList, RawError> {
        let url = format!(
            "{}/sessions?user_id={user_id}&paginated=true&limit={limit}",
            self.base
        );
        self.call(self.http.get(url)).await
    }

    /// `POST /sessions/{id}/revoke`.
    pub async fn revoke_session(&self, id: &str) -> Result<Session, RawError> {
        let url = format!("{}/sessions/{id}/revoke", self.base);
        self.call(self.http.post(url)).await
    }

    /// `POST /sessions/{id}/tokens`, without a body.
    pub async fn create_session_token(&self, id: &str) -> Result<Token, RawError> {
        let url = format!("{}/sessions/{id}/tokens", self.base);
        self.call(self.http.post(url)).await
    }
}
