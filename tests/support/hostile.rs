//! A scripted server on 127.0.0.1 that answers each request with the next
//! reply of its script, written byte for byte (any status, any header, a
//! `Content-Length` that lies, a chunked body that never ends, a body that
//! trickles), and counts requests. It runs on the test's runtime, so tests on
//! a paused clock stay deterministic.
#![allow(dead_code)] // each test binary uses part of it

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// How one request is answered.
#[derive(Clone, Debug)]
pub enum Reply {
    /// These bytes, then the connection is closed.
    Raw(String),
    /// Nothing: the request is read and never answered.
    Silent,
    /// A head, then chunks of `chunk` (each after `delay`), `count` of them or
    /// without end; the connection stays open.
    Chunked {
        head: String,
        chunk: Vec<u8>,
        count: Option<usize>,
        delay: Duration,
    },
}

impl Reply {
    /// `status` with a JSON body and the extra header lines (`Name: value\r\n`).
    pub fn json(status: u16, extra_headers: &str, body: &str) -> Reply {
        Reply::Raw(format!(
            "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n{extra_headers}\r\n{body}",
            body.len()
        ))
    }
}

/// The server; dropped with the test's runtime.
pub struct Hostile {
    base_url: String,
    script: Arc<Mutex<VecDeque<Reply>>>,
    requests: Arc<AtomicUsize>,
    /// The request heads, in order.
    heads: Arc<Mutex<Vec<String>>>,
}

impl Hostile {
    /// Answers requests with `script` in order; when it runs out, with its last reply.
    pub async fn start(script: Vec<Reply>) -> Hostile {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let script = Arc::new(Mutex::new(VecDeque::from(script)));
        let requests = Arc::new(AtomicUsize::new(0));
        let heads = Arc::new(Mutex::new(Vec::new()));
        let state = (script.clone(), requests.clone(), heads.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (script, requests, heads) = state.clone();
                tokio::spawn(async move {
                    let _ = serve(stream, &script, &requests, &heads).await;
                });
            }
        });
        Hostile {
            base_url,
            script,
            requests,
            heads,
        }
    }

    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    pub fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }
}

async fn serve(
    stream: TcpStream,
    script: &Mutex<VecDeque<Reply>>,
    requests: &AtomicUsize,
    heads: &Mutex<Vec<String>>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream);
    loop {
        let mut head = String::new();
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).await? == 0 {
                return Ok(());
            }
            if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = value.trim().parse().unwrap_or(0);
            }
            let end = line == "\r\n";
            head.push_str(&line);
            if end {
                break;
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).await?;
        heads.lock().unwrap().push(head);
        requests.fetch_add(1, Ordering::SeqCst);
        let reply = {
            let mut script = script.lock().unwrap();
            if script.len() > 1 {
                script.pop_front()
            } else {
                script.front().cloned()
            }
        };
        let stream = reader.get_mut();
        match reply {
            Some(Reply::Raw(bytes)) => {
                stream.write_all(bytes.as_bytes()).await?;
                stream.shutdown().await?;
                return Ok(());
            }
            Some(Reply::Chunked {
                head,
                chunk,
                count,
                delay,
            }) => {
                stream.write_all(head.as_bytes()).await?;
                let mut sent = 0;
                while count.is_none_or(|count| sent < count) {
                    if !delay.is_zero() {
                        tokio::time::sleep(delay).await;
                    }
                    stream
                        .write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
                        .await?;
                    stream.write_all(&chunk).await?;
                    stream.write_all(b"\r\n").await?;
                    sent += 1;
                }
                stream.write_all(b"0\r\n\r\n").await?;
            }
            Some(Reply::Silent) => std::future::pending::<()>().await,
            None => return Ok(()),
        }
    }
}
