//! Proxies from the environment: plain `http://` (a loopback fake, an allowed
//! insecure host) never goes through one, so the key never crosses a proxy in
//! clear text; `https://` still does. Environment variables are per process,
//! so each case runs this test binary again as a child with the variables set.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

use clerk_sessions::testing::FakeClerk;
use clerk_sessions::{Client, RetryPolicy, SessionId};

/// Set in the child, which then runs its case instead of skipping it.
const CHILD: &str = "CLERK_PROXY_TEST_CHILD";

/// A "proxy" on loopback that reports the first line of each connection it gets
/// (before answering, so a child that got an answer has been reported), answers
/// 502 and closes.
fn recording_proxy() -> (String, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut line = String::new();
            let _ = BufReader::new(&mut stream).read_line(&mut line);
            let _ = tx.send(line);
            let _ = std::io::Write::write_all(
                &mut stream,
                b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n",
            );
        }
    });
    (url, rx)
}

/// Runs `case` in a child process with every proxy variable pointing at `proxy`.
fn run_child(case: &str, proxy: &str) -> bool {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args([
            case,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .env_remove("NO_PROXY")
        .env_remove("no_proxy");
    for var in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        command.env(var, proxy);
    }
    command.status().unwrap().success()
}

#[test]
fn plain_http_to_loopback_bypasses_the_environment_proxy() {
    let (proxy, seen) = recording_proxy();
    assert!(run_child("child_calls_the_fake_on_loopback", &proxy));
    assert_eq!(
        seen.try_recv().ok(),
        None,
        "the request went through the proxy"
    );
}

#[test]
fn https_still_goes_through_the_environment_proxy() {
    let (proxy, seen) = recording_proxy();
    assert!(run_child("child_calls_clerk_over_https", &proxy));
    let line = seen.recv_timeout(Duration::from_secs(10)).unwrap();
    assert!(line.starts_with("CONNECT api.clerk.com:443 "), "{line}");
}

#[tokio::test]
#[ignore = "run by plain_http_to_loopback_bypasses_the_environment_proxy in a child"]
async fn child_calls_the_fake_on_loopback() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    let fake = FakeClerk::start().await;
    let id: SessionId = fake.add_session("user_1", "client_1").parse().unwrap();
    let client = Client::builder()
        .secret_key(fake.secret_key())
        .base_url(fake.base_url())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    client.get_session(&id).send().await.unwrap();
    assert_eq!(fake.request_count(), 1);
}

#[tokio::test]
#[ignore = "run by https_still_goes_through_the_environment_proxy in a child"]
async fn child_calls_clerk_over_https() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    // The proxy refuses the tunnel: nothing leaves the machine.
    let client = Client::builder()
        .secret_key("sk_test_proxy")
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let id: SessionId = "sess_1".parse().unwrap();
    client.get_session(&id).send().await.unwrap_err();
}
