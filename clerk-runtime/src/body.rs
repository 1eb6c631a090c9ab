//! Reading a response body whole, within the client's size limit.

use bytes::{Bytes, BytesMut};

use crate::error::Error;

/// The largest response body a client reads unless
/// [`ClientBuilder::max_response_bytes`](crate::ClientBuilder::max_response_bytes)
/// says otherwise: 16 MiB, far above any Clerk response (a page of 500 users is
/// a few MiB).
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads the whole body of `response`: refused before reading when its
/// `Content-Length` is above `limit`, cut off as soon as more than `limit`
/// bytes arrive otherwise. `transport` maps a read error.
pub(crate) async fn read_limited(
    response: &mut reqwest::Response,
    limit: u64,
    operation: &'static str,
    transport: impl Fn(reqwest::Error) -> Error,
) -> Result<Bytes, Error> {
    let announced = response.content_length();
    let status = response.status().as_u16();
    let too_large = || Error::ResponseTooLarge {
        operation,
        status,
        limit,
        content_length: announced,
    };
    if announced.is_some_and(|length| length > limit) {
        return Err(too_large());
    }
    // A body in one chunk (the usual case) is kept as it came, without a copy.
    let mut first: Option<Bytes> = None;
    let mut joined: Option<BytesMut> = None;
    let mut total: u64 = 0;
    while let Some(chunk) = response.chunk().await.map_err(&transport)? {
        total = total.saturating_add(u64::try_from(chunk.len()).unwrap_or(u64::MAX));
        if total > limit {
            return Err(too_large());
        }
        match (&first, &mut joined) {
            (None, _) => first = Some(chunk),
            (Some(_), Some(buffer)) => buffer.extend_from_slice(&chunk),
            (Some(head), None) => {
                let capacity = announced.unwrap_or(total).min(limit);
                let mut buffer =
                    BytesMut::with_capacity(usize::try_from(capacity).unwrap_or(usize::MAX));
                buffer.extend_from_slice(head);
                buffer.extend_from_slice(&chunk);
                joined = Some(buffer);
            }
        }
    }
    Ok(match joined {
        Some(buffer) => buffer.freeze(),
        None => first.unwrap_or_default(),
    })
}
