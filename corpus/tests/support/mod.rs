//! A runtime client for tests, and a one-shot HTTP server on loopback.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;

use clerk_runtime::{Client as Runtime, RetryPolicy};

pub fn runtime(base_url: Option<&str>) -> Runtime {
    let mut builder = Runtime::builder()
        .no_secret_key()
        .retry_policy(RetryPolicy::none());
    if let Some(url) = base_url {
        builder = builder.base_url(url);
    }
    builder.build().unwrap()
}

/// A loopback server that answers one request with `response` and hands back
/// the request it read (head and body).
pub fn serve_once(response: &'static str) -> (String, mpsc::Receiver<String>) {
    let (base, raw) = serve_once_raw(response);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        if let Ok((head, body)) = raw.recv() {
            let _ = tx.send(head + &String::from_utf8(body).unwrap());
        }
    });
    (base, rx)
}

/// As [`serve_once`], but hands back the head as text and the body as bytes.
pub fn serve_once_raw(response: &'static str) -> (String, mpsc::Receiver<(String, Vec<u8>)>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream);
        let mut request = String::new();
        let mut length = 0;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = value.trim().parse().unwrap();
            }
            request.push_str(&line);
            if line == "\r\n" || line.is_empty() {
                break;
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        reader.get_mut().write_all(response.as_bytes()).unwrap();
        tx.send((request, body)).unwrap();
    });
    (base, rx)
}
