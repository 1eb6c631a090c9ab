//! The two sides of a pair: a client and its own canned server each, one request
//! of either side, timed blocks of requests, and the check that both sides send
//! and decode the same.

use std::time::{Duration, Instant};

use clerk_sessions::{Client, SessionId, UserId};
use serde_json::json;

use crate::fixtures::{self, Op, PAGE, SESSION_ID, USER_ID};
use crate::mode::Mode;
use crate::raw::Raw;
use crate::server::CannedServer;

const SECRET_KEY: &str = "sk_test_bench_0123456789abcdefghijklmnopqrstuv";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    Generated,
    Raw,
}

/// Both clients, each with its own server.
pub(crate) struct Sides {
    generated: Client,
    /// `BENCH_AA=1`: a second raw client in the generated client's place, to check
    /// that the harness itself favours neither side (the ratio should be 1).
    pub(crate) stand_in: Option<Raw>,
    /// `BENCH_TIMER=1`: the generated client built with `no_timeout()` in the raw
    /// client's place, so the ratio is the cost of the per-attempt timer.
    pub(crate) untimed: Option<Client>,
    raw: Raw,
    pub(crate) generated_server: CannedServer,
    pub(crate) raw_server: CannedServer,
    session: SessionId,
    user: UserId,
}

/// The generated client for `server` as users get it (default retry policy and
/// timeout), or built with `.no_timeout()` when not `timed`.
fn generated_client(server: &CannedServer, timed: bool) -> Client {
    let builder = Client::builder()
        .secret_key(SECRET_KEY)
        .base_url(server.base_url());
    let builder = if timed { builder } else { builder.no_timeout() };
    builder.build().expect("client")
}

impl Sides {
    /// Starts two servers and builds a client for each, as `mode` says. Call inside
    /// a runtime.
    pub(crate) fn new(mode: Mode) -> Sides {
        let generated_server = CannedServer::start(fixtures::bodies()).expect("bind");
        let raw_server = CannedServer::start(fixtures::bodies()).expect("bind");
        let generated = generated_client(&generated_server, mode.generated_timed);
        let raw =
            Raw::new(raw_server.base_url(), SECRET_KEY, mode.raw_timeout).expect("raw client");
        let stand_in = mode.aa.then(|| {
            Raw::new(generated_server.base_url(), SECRET_KEY, mode.raw_timeout).expect("raw client")
        });
        let untimed = mode.timer.then(|| generated_client(&raw_server, false));
        Sides {
            generated,
            stand_in,
            untimed,
            raw,
            generated_server,
            raw_server,
            session: SESSION_ID.parse().expect("session id"),
            user: USER_ID.parse().expect("user id"),
        }
    }

    pub(crate) fn server(&self, side: Side) -> &CannedServer {
        match side {
            Side::Generated => &self.generated_server,
            Side::Raw => &self.raw_server,
        }
    }

    /// One request; returns a value derived from the decoded response so that the
    /// decode cannot be optimised away.
    pub(crate) async fn once(&self, side: Side, op: Op) -> usize {
        match (side, &self.stand_in, &self.untimed) {
            (Side::Generated, None, _) => self.generated_once(&self.generated, op).await,
            (Side::Generated, Some(stand_in), _) => Sides::raw_once(stand_in, op).await,
            (Side::Raw, _, Some(untimed)) => self.generated_once(untimed, op).await,
            (Side::Raw, _, None) => Sides::raw_once(&self.raw, op).await,
        }
    }

    async fn generated_once(&self, c: &Client, op: Op) -> usize {
        let result = match op {
            Op::Get => c
                .get_session(&self.session)
                .send()
                .await
                .map(|s| s.id.as_ref().len()),
            Op::List => c
                .get_session_list(self.user.clone())
                .limit(PAGE)
                .send()
                .await
                .map(|l| l.data.len()),
            Op::Revoke => c
                .revoke_session(&self.session)
                .send()
                .await
                .map(|s| s.id.as_ref().len()),
            Op::Token => c
                .create_session_token(&self.session)
                .send()
                .await
                .map(|t| t.jwt.expose().len()),
        };
        result.unwrap_or_else(|e| panic!("generated {}: {e}", op.name()))
    }

    async fn raw_once(r: &Raw, op: Op) -> usize {
        let result = match op {
            Op::Get => r.get_session(SESSION_ID).await.map(|s| s.id.as_ref().len()),
            Op::List => r
                .get_session_list(USER_ID, PAGE)
                .await
                .map(|l| l.data.len()),
            Op::Revoke => r
                .revoke_session(SESSION_ID)
                .await
                .map(|s| s.id.as_ref().len()),
            Op::Token => r
                .create_session_token(SESSION_ID)
                .await
                .map(|t| t.jwt.expose().len()),
        };
        result.unwrap_or_else(|e| panic!("raw {}: {e}", op.name()))
    }

    /// `n` sequential requests; their wall time.
    pub(crate) async fn block(&self, side: Side, op: Op, n: usize) -> Duration {
        let start = Instant::now();
        for _ in 0..n {
            std::hint::black_box(self.once(side, op).await);
        }
        start.elapsed()
    }

    /// Checks that both sides decode the same values and sent the same requests.
    pub(crate) async fn check_identical(&self) -> serde_json::Value {
        let mut heads = serde_json::Map::new();
        for op in Op::ALL {
            let (c, r) = (&self.generated, &self.raw);
            let same = match op {
                Op::Get => {
                    c.get_session(&self.session).send().await.ok()
                        == r.get_session(SESSION_ID).await.ok()
                }
                Op::List => {
                    let g = c
                        .get_session_list(self.user.clone())
                        .limit(PAGE)
                        .send()
                        .await
                        .ok();
                    g.as_ref().is_some_and(|g| g.data.len() == PAGE as usize)
                        && g == r.get_session_list(USER_ID, PAGE).await.ok()
                }
                Op::Revoke => {
                    c.revoke_session(&self.session).send().await.ok()
                        == r.revoke_session(SESSION_ID).await.ok()
                }
                Op::Token => {
                    c.create_session_token(&self.session).send().await.ok()
                        == r.create_session_token(SESSION_ID).await.ok()
                }
            };
            assert!(
                same,
                "{}: the two sides decoded different values",
                op.name()
            );
            let g = self.generated_server.first_request(op).expect("recorded");
            let r = self.raw_server.first_request(op).expect("recorded");
            assert_eq!(g, r, "{}: the two sides sent different requests", op.name());
            heads.insert(op.name().to_owned(), json!(g));
        }
        serde_json::Value::Object(heads)
    }
}

pub(crate) fn side_name(side: Side) -> &'static str {
    match side {
        Side::Generated => "generated",
        Side::Raw => "raw",
    }
}
