//! A tiny HTTP server on 127.0.0.1 that records every request and answers with
//! a canned response, to check exactly what the client sends.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Captured {
    pub method: Method,
    /// The path exactly as sent (still percent-encoded).
    pub path: String,
    /// The query string exactly as sent.
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Captured {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

#[derive(Default)]
struct Shared {
    requests: Vec<Captured>,
    reply: (u16, String),
}

/// The server; dropped with the test's runtime.
pub struct CaptureServer {
    addr: SocketAddr,
    shared: Arc<Mutex<Shared>>,
}

impl CaptureServer {
    pub async fn start() -> CaptureServer {
        let shared = Arc::new(Mutex::new(Shared {
            requests: Vec::new(),
            reply: (200, "{}".to_owned()),
        }));
        let app = Router::new().fallback(record).with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        CaptureServer { addr, shared }
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Answer every following request with `status` and this JSON body.
    pub fn reply(&self, status: u16, body: &str) {
        self.shared.lock().unwrap().reply = (status, body.to_owned());
    }

    pub fn requests(&self) -> Vec<Captured> {
        self.shared.lock().unwrap().requests.clone()
    }

    /// The only request received so far.
    pub fn only(&self) -> Captured {
        let requests = self.requests();
        assert_eq!(
            requests.len(),
            1,
            "expected exactly one request, got {requests:#?}"
        );
        requests.into_iter().next().unwrap()
    }
}

async fn record(
    State(shared): State<Arc<Mutex<Shared>>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut shared = shared.lock().unwrap();
    shared.requests.push(Captured {
        method,
        path: uri.path().to_owned(),
        query: uri.query().map(str::to_owned),
        headers,
        body,
    });
    let (status, body) = shared.reply.clone();
    Response::builder()
        .status(StatusCode::from_u16(status).unwrap())
        .header("content-type", "application/json")
        .body(Body::from(body))
        .unwrap()
}
