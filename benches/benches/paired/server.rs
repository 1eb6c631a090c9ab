//! A minimal HTTP/1.1 server on 127.0.0.1 that answers every request with canned
//! bytes at once, so that what is measured is the client.
//!
//! It reads a request head, skips any body, and writes a prebuilt response chosen by
//! the path; it allocates nothing per request after a connection's buffer. It counts
//! accepted connections and keeps the head of the first request of each [`Op`],
//! normalised (header names lowercased, lines sorted, `host` checked and elided), so
//! that the two sides' requests can be compared.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::fixtures::Op;

struct Shared {
    addr: SocketAddr,
    accepts: AtomicUsize,
    requests: AtomicUsize,
    responses: [Vec<u8>; Op::ALL.len()],
    not_found: Vec<u8>,
    first: [OnceLock<Vec<String>>; Op::ALL.len()],
}

/// A running canned server. It serves until its runtime is dropped.
#[derive(Clone)]
pub struct CannedServer {
    shared: Arc<Shared>,
}

impl CannedServer {
    /// Starts a server on the current tokio runtime, answering `bodies[op]` for
    /// each operation. On a current-thread runtime, client and server then take
    /// turns on one thread: no cross-thread wake-ups, so the time of a request is
    /// the CPU work of both ends, and the client's share is as large as it can be.
    pub fn start(bodies: [Vec<u8>; Op::ALL.len()]) -> std::io::Result<CannedServer> {
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        std_listener.set_nonblocking(true)?;
        let addr = std_listener.local_addr()?;
        let listener = TcpListener::from_std(std_listener)?;
        let shared = Arc::new(Shared {
            addr,
            accepts: AtomicUsize::new(0),
            requests: AtomicUsize::new(0),
            responses: bodies.map(|body| response(200, "OK", &body)),
            not_found: response(
                404,
                "Not Found",
                br#"{"errors":[{"code":"resource_not_found","message":"not found"}]}"#,
            ),
            first: Default::default(),
        });
        let server = Arc::clone(&shared);
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                server.accepts.fetch_add(1, Ordering::Relaxed);
                tokio::spawn(serve(stream, Arc::clone(&server)));
            }
        });
        Ok(CannedServer { shared })
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.shared.addr)
    }

    /// TCP connections accepted so far.
    pub fn accepts(&self) -> usize {
        self.shared.accepts.load(Ordering::Relaxed)
    }

    /// Requests answered so far.
    pub fn requests(&self) -> usize {
        self.shared.requests.load(Ordering::Relaxed)
    }

    /// The normalised head of the first request for `op`, if one came.
    pub fn first_request(&self, op: Op) -> Option<&[String]> {
        self.shared.first[op as usize].get().map(Vec::as_slice)
    }
}

fn response(status: u16, reason: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

async fn serve(mut stream: TcpStream, shared: Arc<Shared>) {
    let _ = stream.set_nodelay(true);
    let mut buf = vec![0u8; 64 * 1024];
    let (mut start, mut end) = (0usize, 0usize);
    loop {
        // Read until a whole head is buffered.
        let head_len = loop {
            if let Some(pos) = find(&buf[start..end], b"\r\n\r\n") {
                break pos + 4;
            }
            if !fill(&mut stream, &mut buf, &mut start, &mut end).await {
                return;
            }
        };
        let head = &buf[start..start + head_len];
        let op = route(head);
        let body_len = content_length(head);
        if let Some(op) = op
            && shared.first[op as usize].get().is_none()
        {
            let _ = shared.first[op as usize].set(normalise(head, shared.addr));
        }
        // Skip the body.
        while end - start < head_len + body_len {
            if !fill(&mut stream, &mut buf, &mut start, &mut end).await {
                return;
            }
        }
        start += head_len + body_len;
        if start == end {
            (start, end) = (0, 0);
        }
        let reply = match op {
            Some(op) => &shared.responses[op as usize],
            None => &shared.not_found,
        };
        shared.requests.fetch_add(1, Ordering::Relaxed);
        if stream.write_all(reply).await.is_err() {
            return;
        }
    }
}

/// Reads more bytes, compacting the buffer first when its tail is full. `false` on
/// EOF, an error, or a request too large for the buffer.
async fn fill(stream: &mut TcpStream, buf: &mut [u8], start: &mut usize, end: &mut usize) -> bool {
    if *end == buf.len() {
        if *start == 0 {
            return false;
        }
        buf.copy_within(*start..*end, 0);
        *end -= *start;
        *start = 0;
    }
    match stream.read(&mut buf[*end..]).await {
        Ok(0) | Err(_) => false,
        Ok(n) => {
            *end += n;
            true
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Which canned answer a request line asks for.
fn route(head: &[u8]) -> Option<Op> {
    let line = head.split(|&b| b == b'\r').next()?;
    let mut parts = line.split(|&b| b == b' ');
    let method = parts.next()?;
    let path = parts.next()?;
    match method {
        b"GET" if path.starts_with(b"/sessions?") => Some(Op::List),
        b"GET" if path.starts_with(b"/sessions/") => Some(Op::Get),
        b"POST" if path.ends_with(b"/revoke") => Some(Op::Revoke),
        b"POST" if path.ends_with(b"/tokens") => Some(Op::Token),
        _ => None,
    }
}

fn content_length(head: &[u8]) -> usize {
    head.split(|&b| b == b'\n')
        .filter_map(|line| {
            let colon = line.iter().position(|&b| b == b':')?;
            let (name, value) = line.split_at(colon);
            if !name.eq_ignore_ascii_case(b"content-length") {
                return None;
            }
            std::str::from_utf8(&value[1..]).ok()?.trim().parse().ok()
        })
        .next()
        .unwrap_or(0)
}

/// The request line, then `name: value` lines with lowercased names, sorted; a
/// `host` equal to this server's address becomes `host: <this server>`.
fn normalise(head: &[u8], addr: SocketAddr) -> Vec<String> {
    let text = String::from_utf8_lossy(head);
    let mut lines = text.split("\r\n").filter(|l| !l.is_empty());
    let request_line = lines.next().unwrap_or_default().to_owned();
    let own_host = addr.to_string();
    let mut headers: Vec<String> = lines
        .map(|line| {
            let (name, value) = line.split_once(':').unwrap_or((line, ""));
            let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
            if name == "host" && value == own_host {
                "host: <this server>".to_owned()
            } else {
                format!("{name}: {value}")
            }
        })
        .collect();
    headers.sort();
    let mut out = vec![request_line];
    out.extend(headers);
    out
}
