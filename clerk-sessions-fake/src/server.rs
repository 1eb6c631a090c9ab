//! The accept loop and the per-request pipeline: record, fault, dispatch.
//!
//! Built on hyper's HTTP/1 connection driver rather than `axum::serve` so
//! that [`Fault::DropConnection`] can close a connection without writing a
//! single byte: the service parks its future and tells the connection task,
//! which drops the connection (and so the socket).

use std::convert::Infallible;
use std::future::poll_fn;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, HttpBody};
use http::{Request, Response};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, watch};

use crate::error::ApiError;
use crate::fault::{Fault, immediate_response};
use crate::record::RecordedRequest;
use crate::router::dispatch;
use crate::state::Shared;

/// Request bodies larger than this are answered `400 request_body_invalid`.
const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// Accepts connections until `shutdown`'s sender is dropped.
pub(crate) async fn serve(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut shutdown: watch::Receiver<()>,
) {
    loop {
        tokio::select! {
            biased;
            _ = shutdown.changed() => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    tokio::spawn(connection(stream, Arc::clone(&shared), shutdown.clone()));
                }
                // Out of file descriptors or similar: back off instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            },
        }
    }
}

/// Serves one connection until it closes, a fault kills it, or the fake stops.
async fn connection(stream: TcpStream, shared: Arc<Shared>, mut shutdown: watch::Receiver<()>) {
    let kill = Arc::new(Notify::new());
    let service = {
        let kill = Arc::clone(&kill);
        service_fn(move |request| {
            let shared = Arc::clone(&shared);
            let kill = Arc::clone(&kill);
            async move { Ok::<_, Infallible>(respond(&shared, &kill, request).await) }
        })
    };
    let conn =
        hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    // Biased: once the fake is dropped, no further request on a kept-alive
    // connection is served.
    tokio::select! {
        biased;
        _ = shutdown.changed() => {}
        () = kill.notified() => {}
        // An error here is the peer's doing (reset, bad request); nothing to report.
        _ = conn => {}
    }
}

/// The pipeline for one request: read the body, record, apply a fault, dispatch.
async fn respond(shared: &Shared, kill: &Notify, request: Request<Incoming>) -> Response<Body> {
    let (parts, body) = request.into_parts();
    let (body, body_ok) = match read_body(Body::new(body)).await {
        Some(bytes) => (bytes, true),
        None => (Vec::new(), false),
    };
    let recorded = RecordedRequest::from_parts(&parts, &body);
    let fault = {
        let mut state = shared.lock();
        state.requests.push(recorded.clone());
        state.take_fault()
    };
    match fault {
        None => {}
        Some(Fault::DropConnection) => {
            kill.notify_one();
            // The connection task drops this future along with the connection.
            return std::future::pending().await;
        }
        Some(Fault::Delay(delay)) => tokio::time::sleep(delay).await,
        Some(other) => {
            let trace_id = shared.lock().next_trace_id();
            if let Some(response) = immediate_response(&other, &trace_id) {
                return response;
            }
        }
    }
    if !body_ok {
        let trace_id = shared.lock().next_trace_id();
        return ApiError::body_invalid().into_response(&trace_id);
    }
    dispatch(shared, &recorded)
}

/// Reads the whole body; `None` if it fails or exceeds [`MAX_BODY_BYTES`].
/// An oversized body is still read to its end (and discarded), so the
/// client is not reset mid-upload and does receive the error response.
async fn read_body(mut body: Body) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut too_large = false;
    while let Some(frame) = poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let Ok(data) = frame.ok()?.into_data() else {
            continue; // trailers
        };
        too_large |= bytes.len() + data.len() > MAX_BODY_BYTES;
        if !too_large {
            bytes.extend_from_slice(&data);
        }
    }
    (!too_large).then_some(bytes)
}
