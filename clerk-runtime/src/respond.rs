//! What a success decodes into, one method per kind of response: JSON into a
//! type (or, when the answer may have no content, into an `Option`), JSON or
//! text as a `serde_json::Value`, nothing, text, or a redirect.

use futures_util::FutureExt;
use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::raw_body::RawBody;
use crate::request::Request;
use crate::send::{Expect, Success};

/// A redirect an operation answers with on success (e.g. a handshake): not
/// followed, returned.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Redirect {
    /// The HTTP status (3xx; 2xx when the server answered without redirecting).
    pub status: u16,
    /// The `Location` header, if any.
    pub location: Option<String>,
}

impl<'c> Request<'c> {
    /// Sends the request (with retries) and decodes a JSON success into `T`.
    //
    // A plain `fn` returning the attempt future with the decode mapped onto it: the
    // request is stored once, in `execute`'s future, rather than once per `async fn`
    // level it passes through (BENCHMARKS.md, section 5).
    pub fn send<T: DeserializeOwned>(self) -> impl Future<Output = Result<T, Error>> + 'c {
        let name = self.op.name;
        self.execute(Expect::Body).map(move |result| {
            let Success { status, body, .. } = result?;
            decode(name, status, body)
        })
    }

    /// Sends the request (with retries) and decodes a JSON success into
    /// `Some(T)`; a success without content (a 204, or any 2xx whose body is
    /// empty) is `None`.
    pub fn send_optional<T: DeserializeOwned>(
        self,
    ) -> impl Future<Output = Result<Option<T>, Error>> + 'c {
        let name = self.op.name;
        self.execute(Expect::Body).map(move |result| {
            let Success { status, body, .. } = result?;
            if status == 204 || body.is_empty() {
                return Ok(None);
            }
            decode(name, status, body).map(Some)
        })
    }

    /// Sends the request and returns the body as JSON: `null` for an empty body,
    /// a string for a body that is not JSON (by its content type).
    pub fn send_value(self) -> impl Future<Output = Result<serde_json::Value, Error>> + 'c {
        let name = self.op.name;
        self.execute(Expect::ContentType).map(move |result| {
            let Success {
                status, json, body, ..
            } = result?;
            if body.is_empty() {
                return Ok(serde_json::Value::Null);
            }
            if !json {
                return Ok(serde_json::Value::String(
                    String::from_utf8_lossy(&body).into_owned(),
                ));
            }
            decode(name, status, body)
        })
    }

    /// Sends the request; any 2xx is the answer, and its body (an empty 204, say)
    /// is not read into anything.
    pub fn send_empty(self) -> impl Future<Output = Result<(), Error>> + 'c {
        self.execute(Expect::Body).map(|result| result.map(|_| ()))
    }

    /// Sends the request and returns the body as text (a body that is not
    /// UTF-8 is a decode error, with the body kept).
    pub fn send_text(self) -> impl Future<Output = Result<String, Error>> + 'c {
        let name = self.op.name;
        self.execute(Expect::Body).map(move |result| {
            let Success { status, body, .. } = result?;
            match String::from_utf8(body.to_vec()) {
                Ok(text) => Ok(text),
                Err(e) => Err(Error::Decode {
                    operation: name,
                    status,
                    body: RawBody::capped(body),
                    source: Box::new(e),
                }),
            }
        })
    }

    /// Sends the request; a 3xx is the answer (not followed), and so is a 2xx.
    pub fn send_redirect(self) -> impl Future<Output = Result<Redirect, Error>> + 'c {
        self.execute(Expect::Redirect).map(|result| {
            result.map(|success| Redirect {
                status: success.status,
                location: success.location,
            })
        })
    }
}

/// `body` decoded from JSON into `T`; a failure keeps the start of the body.
fn decode<T: DeserializeOwned>(
    operation: &'static str,
    status: u16,
    body: bytes::Bytes,
) -> Result<T, Error> {
    serde_json::from_slice(&body).map_err(|e| Error::Decode {
        operation,
        status,
        body: RawBody::capped(body),
        source: Box::new(e),
    })
}
