//! A recording proxy between the generated clients and Prism, on
//! 127.0.0.1: a client's base URL is `http://127.0.0.1:<proxy>/<port>/<call>`,
//! the request goes on to the Prism on `<port>` without that prefix, and
//! the answer (status, `sl-violations`, body) is kept under `<call>`, since
//! the client's error does not carry Prism's headers.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::Response;

/// Requests and responses larger than this are not expected from Prism.
const MAX_BODY: usize = 16 << 20;

/// What Prism answered to one request.
#[derive(Clone, Debug)]
pub struct Exchange {
    pub method: String,
    pub path_and_query: String,
    pub request_content_type: Option<String>,
    pub status: u16,
    pub content_type: Option<String>,
    pub violations: Option<String>,
    pub body: Vec<u8>,
}

#[derive(Clone)]
struct Shared {
    http: reqwest::Client,
    exchanges: Arc<Mutex<HashMap<u64, Vec<Exchange>>>>,
}

/// The running proxy.
pub struct Proxy {
    pub port: u16,
    shared: Shared,
}

impl Proxy {
    pub async fn start() -> Result<Proxy, String> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| format!("proxy: {e}"))?;
        let port = listener
            .local_addr()
            .map_err(|e| format!("proxy: {e}"))?
            .port();
        let http = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| format!("proxy: {e}"))?;
        let shared = Shared {
            http,
            exchanges: Arc::default(),
        };
        let app = axum::Router::new()
            .fallback(forward)
            .with_state(shared.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(Proxy { port, shared })
    }

    /// The base URL that sends call `call`'s requests to the Prism on `prism_port`.
    pub fn base_url(&self, prism_port: u16, call: u64) -> String {
        format!("http://127.0.0.1:{}/{prism_port}/{call}", self.port)
    }

    /// What Prism answered to call `call`, in order.
    pub fn exchanges(&self, call: u64) -> Vec<Exchange> {
        let map = self
            .shared
            .exchanges
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        map.get(&call).cloned().unwrap_or_default()
    }
}

async fn forward(State(shared): State<Shared>, request: Request) -> Response {
    match try_forward(&shared, request).await {
        Ok(response) => response,
        Err(message) => {
            let mut response = Response::new(Body::from(message));
            *response.status_mut() = StatusCode::BAD_GATEWAY;
            response
        }
    }
}

async fn try_forward(shared: &Shared, request: Request) -> Result<Response, String> {
    let (parts, body) = request.into_parts();
    let path_and_query = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let rest = path_and_query.strip_prefix('/').ok_or("no path")?;
    let (port, rest) = rest.split_once('/').ok_or("no Prism port in the path")?;
    let port: u16 = port.parse().map_err(|_| "bad Prism port")?;
    let (call, rest) = match rest.find(['/', '?']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let call: u64 = call.parse().map_err(|_| "bad call number")?;
    let rest = if rest.starts_with('?') || rest.is_empty() {
        format!("/{rest}")
    } else {
        rest.to_owned()
    };
    let body = to_bytes(body, MAX_BODY).await.map_err(|e| e.to_string())?;
    let mut outgoing = shared.http.request(
        parts.method.clone(),
        format!("http://127.0.0.1:{port}{rest}"),
    );
    for (name, value) in &parts.headers {
        if name != axum::http::header::HOST && name != axum::http::header::CONTENT_LENGTH {
            outgoing = outgoing.header(name, value);
        }
    }
    let answer = outgoing
        .body(body)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = answer.status();
    let headers = answer.headers().clone();
    let bytes = answer.bytes().await.map_err(|e| e.to_string())?;
    let text = |h: &HeaderValue| h.to_str().ok().map(str::to_owned);
    let exchange = Exchange {
        method: parts.method.to_string(),
        path_and_query: rest,
        request_content_type: parts.headers.get("content-type").and_then(text),
        status: status.as_u16(),
        content_type: headers.get("content-type").and_then(text),
        violations: headers.get("sl-violations").and_then(text),
        body: bytes.to_vec(),
    };
    shared
        .exchanges
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(call)
        .or_default()
        .push(exchange);
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    for (name, value) in &headers {
        if !hop_by_hop(name) {
            response.headers_mut().append(name, value.clone());
        }
    }
    Ok(response)
}

fn hop_by_hop(name: &HeaderName) -> bool {
    matches!(
        name.as_str(),
        "connection" | "keep-alive" | "transfer-encoding" | "content-length"
    )
}
