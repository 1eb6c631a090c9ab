//! The secret key never shows in Debug, Display, errors or logs; it is never
//! sent over plain http to a remote host; TLS certificates are checked.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clerk_sessions::testing::{FakeClerk, Fault};
use clerk_sessions::{Client, Error, RetryPolicy, SessionId};

const SECRET: &str = "sk_test_THIS_MUST_NEVER_LEAK_42";

fn assert_clean(text: &str) {
    assert!(!text.contains(SECRET), "secret leaked in: {text}");
    assert!(
        !text.contains("THIS_MUST_NEVER_LEAK"),
        "part of the secret leaked in: {text}"
    );
}

/// A `tracing` writer that keeps everything logged.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_secret_never_appears_in_debug_display_errors_or_logs() {
    let logs = Capture::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let fake = FakeClerk::builder().secret_key(SECRET).start().await;
    let id: SessionId = fake.add_session("user_1", "client_1").parse().unwrap();
    let builder = Client::builder()
        .secret_key(SECRET)
        .base_url(fake.base_url());
    assert_clean(&format!("{builder:?}"));
    let client = builder.retry_policy(RetryPolicy::none()).build().unwrap();
    assert_clean(&format!("{client:?} {:?}", client.clone()));

    let mut outputs = Vec::new();
    let ok = client.get_session(&id).send().await.unwrap();
    outputs.push(format!("{ok:?}"));
    for fault in [
        Fault::Status(500),
        Fault::NonJsonBody,
        Fault::TruncatedJson,
        Fault::DropConnection,
    ] {
        fake.inject(fault, 1);
        let err = client.get_session(&id).send().await.unwrap_err();
        outputs.push(format!(
            "{err} {err:?} {:?}",
            std::error::Error::source(&err).map(ToString::to_string)
        ));
    }
    let wrong = Client::builder()
        .secret_key(format!("{SECRET}x"))
        .base_url(fake.base_url())
        .build()
        .unwrap();
    let err = wrong.get_session(&id).send().await.unwrap_err();
    outputs.push(format!("{err} {err:?}"));
    let builder = client.get_session(&id);
    outputs.push(format!("{builder:?}"));
    for output in &outputs {
        assert_clean(output);
    }
    let logged = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(
        logged.contains("clerk.request"),
        "expected request spans in the log: {logged}"
    );
    assert_clean(&logged);
    // The fake did receive the key, so the test would have seen a leak.
    assert_eq!(
        fake.requests()[0].header("authorization"),
        Some(format!("Bearer {SECRET}").as_str())
    );
}

#[test]
fn configuration_errors_do_not_echo_the_key() {
    // A key read from a file often ends in a line break: it is trimmed, not refused.
    let client = Client::builder()
        .secret_key(format!("{SECRET}\n"))
        .build()
        .unwrap();
    assert_clean(&format!("{client:?}"));
    // Characters a header cannot carry, at the end or inside the key, are refused
    // without echoing it.
    for bad in [
        format!("{SECRET}\u{7f}"),
        format!("{SECRET}\nX-Injected: 1"),
    ] {
        let err = Client::builder().secret_key(bad).build().unwrap_err();
        assert!(matches!(err, Error::Config { .. }), "{err:?}");
        assert_clean(&format!("{err} {err:?}"));
    }
}

#[test]
fn a_base_url_with_credentials_is_refused_without_echoing_them() {
    for url in [
        "https://admin:hunter2@api.clerk.com/v1",
        "http://admin:hunter2@127.0.0.1:8080",
        "https://hunter2@api.clerk.com",
    ] {
        let err = Client::builder()
            .secret_key(SECRET)
            .base_url(url)
            .build()
            .unwrap_err();
        let text = format!("{err} {err:?}");
        assert!(text.contains("user name or password"), "{text}");
        assert!(!text.contains("hunter2"), "{text}");
    }
}

#[test]
fn plain_http_is_refused_for_remote_hosts_unless_allowed() {
    for url in [
        "http://api.clerk.com/v1",
        "http://192.0.2.10:8080",
        "http://[2001:db8::1]/",
    ] {
        let err = Client::builder()
            .secret_key(SECRET)
            .base_url(url)
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::Config { .. }), "{url}: {err:?}");
        assert!(err.to_string().contains("plain http"), "{err}");
    }
    for url in [
        "http://127.0.0.1:1",
        "http://localhost:1",
        "http://[::1]:1",
        "https://api.clerk.com/v1",
    ] {
        Client::builder()
            .secret_key(SECRET)
            .base_url(url)
            .build()
            .unwrap();
    }
    Client::builder()
        .secret_key(SECRET)
        .base_url("http://192.0.2.10:8080")
        .allow_insecure_http(true)
        .build()
        .unwrap();
}

#[test]
fn a_secret_key_is_required_unless_explicitly_waived() {
    let err = Client::builder().build().unwrap_err();
    assert!(matches!(err, Error::Config { .. }));
    Client::builder().no_secret_key().build().unwrap();
    let err = Client::builder().secret_key("  ").build().unwrap_err();
    assert!(matches!(err, Error::Config { .. }));
}

/// A TLS server on loopback with a self-signed certificate; it answers any
/// request that gets through the handshake with a valid session.
async fn self_signed_server() -> (String, Arc<Mutex<usize>>) {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::{CertificateDer, PrivateKeyDer};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let _ = rustls::crypto::ring::default_provider().install_default();
    let cert =
        CertificateDer::from_pem_slice(include_bytes!("support/tls/self-signed.crt")).unwrap();
    let key = PrivateKeyDer::from_pem_slice(include_bytes!("support/tls/self-signed.key")).unwrap();
    let config = rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(vec![cert], key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let served = Arc::new(Mutex::new(0));
    let count = served.clone();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let count = count.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let mut buf = vec![0; 4096];
                let _ = tls.read(&mut buf).await;
                *count.lock().unwrap() += 1;
                let body = r#"{"object":"session","id":"s","user_id":"u","client_id":"c","status":"active","last_active_at":1,"expire_at":1,"abandon_at":1,"created_at":1,"updated_at":1}"#;
                let reply = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = tls.write_all(reply.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (format!("https://localhost:{port}"), served)
}

#[tokio::test]
async fn tls_certificates_are_checked_by_default() {
    let (url, served) = tokio::time::timeout(Duration::from_secs(10), self_signed_server())
        .await
        .unwrap();
    let id: SessionId = "s".parse().unwrap();
    let strict = Client::builder()
        .secret_key(SECRET)
        .base_url(&url)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = tokio::time::timeout(Duration::from_secs(10), strict.get_session(&id).send())
        .await
        .unwrap()
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(
        *served.lock().unwrap(),
        0,
        "no request may pass an untrusted handshake"
    );

    // The same server is reachable when the caller deliberately trusts it, so
    // the failure above is the certificate check and nothing else.
    let lax = reqwest::Client::builder()
        .tls_danger_accept_invalid_certs(true)
        .build()
        .unwrap();
    let client = Client::builder()
        .secret_key(SECRET)
        .base_url(&url)
        .http_client(lax)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let session = tokio::time::timeout(Duration::from_secs(10), client.get_session(&id).send())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(session.id, "s");
    assert_eq!(*served.lock().unwrap(), 1);
}

/// Session JWTs, refresh and expired tokens, and `Set-Cookie` values are
/// credentials: `Debug` of the responses and of the request builder that
/// carries them shows none of them, and each is one `expose()` away.
#[tokio::test]
async fn session_credentials_never_appear_in_debug() {
    use clerk_sessions::{RefreshFormat, SessionRefresh};
    let fake = FakeClerk::start().await;
    let session: SessionId = fake.add_session("user_1", "client_1").parse().unwrap();
    let origin = "https://app.example.com";
    let expired = fake.expired_token_for(session.as_str(), origin);
    let refresh = fake.refresh_token_for(session.as_str());
    let client = Client::builder()
        .secret_key(fake.secret_key())
        .base_url(fake.base_url())
        .build()
        .unwrap();
    let fragments = |text: &str| [text[..12].to_owned(), text[text.len() - 12..].to_owned()];

    let builder = client.refresh_session(&session, expired.clone(), refresh.clone(), origin);
    let shown = format!("{builder:?}");
    for part in fragments(&expired).iter().chain(&fragments(&refresh)) {
        assert!(!shown.contains(part.as_str()), "a token in {shown}");
    }

    let token = client.create_session_token(&session).send().await.unwrap();
    let jwt = token.jwt.expose().clone();
    assert!(fake.verify_token(&jwt).is_some());
    let shown = format!("{token:?}");
    for part in fragments(&jwt) {
        assert!(!shown.contains(part.as_str()), "the JWT in {shown}");
    }

    let out = client
        .refresh_session(&session, expired, refresh, origin)
        .format(RefreshFormat::Cookie)
        .send()
        .await
        .unwrap();
    let SessionRefresh::Cookies(cookies) = out else {
        panic!("expected cookies")
    };
    let values = cookies.cookies.expose().clone();
    assert!(values.iter().any(|c| c.starts_with("__session=")));
    let shown = format!("{cookies:?}");
    assert!(!shown.contains("__session="), "a cookie in {shown}");
}
