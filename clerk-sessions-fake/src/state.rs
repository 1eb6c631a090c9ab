//! The fake's mutable state, shared by the server and the [`FakeClerk`](crate::FakeClerk) handle.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;

use crate::fault::Fault;
use crate::jwt::Signer;
use crate::rate_limit::RateLimiter;
use crate::record::RecordedRequest;
use crate::seed::SessionSeed;
use crate::session::{NewSession, StoredSession};

/// What the server task and the handle share.
#[derive(Debug)]
pub(crate) struct Shared {
    state: Mutex<State>,
    /// The signing key, published by the JWKS.
    pub(crate) signer: Signer,
    /// The second test key, published nowhere.
    pub(crate) other_signer: Signer,
    /// The `iss` claim of minted tokens: the fake's base URL.
    pub(crate) issuer: String,
}

impl Shared {
    pub(crate) fn new(state: State, signers: (Signer, Signer), issuer: String) -> Self {
        Shared {
            state: Mutex::new(state),
            signer: signers.0,
            other_signer: signers.1,
            issuer,
        }
    }

    /// Locks the state. A panic while it was held cannot leave it torn in a
    /// way that matters to a fake, so poisoning is ignored.
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A JWT template: its default lifetime and its extra claims.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct JwtTemplate {
    pub(crate) lifetime_secs: u64,
    pub(crate) claims: Value,
}

/// Everything the fake knows.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// Accepted secret keys; the first is the one the handle hands out.
    pub(crate) keys: Vec<String>,
    /// A fixed clock in Unix ms; `None` follows the system clock.
    pub(crate) fixed_now_ms: Option<i64>,
    pub(crate) users: BTreeSet<String>,
    pub(crate) clients: BTreeSet<String>,
    pub(crate) sessions: BTreeMap<String, StoredSession>,
    /// Session id → its valid refresh token.
    pub(crate) refresh_tokens: HashMap<String, String>,
    pub(crate) templates: HashMap<String, JwtTemplate>,
    pub(crate) rate_limit: Option<RateLimiter>,
    /// Queued faults with the number of requests each still applies to.
    pub(crate) faults: VecDeque<(Fault, u32)>,
    pub(crate) requests: Vec<RecordedRequest>,
    next_id: u64,
    next_seq: u64,
    next_trace: u64,
}

impl State {
    /// An empty state accepting `keys`.
    pub(crate) fn new(
        keys: Vec<String>,
        fixed_now_ms: Option<i64>,
        rate_limit: Option<RateLimiter>,
    ) -> Self {
        State {
            keys,
            fixed_now_ms,
            rate_limit,
            ..State::default()
        }
    }

    /// The current time in Unix milliseconds.
    pub(crate) fn now_ms(&self) -> i64 {
        self.fixed_now_ms.unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        })
    }

    /// The current time in Unix seconds, for JWT claims.
    pub(crate) fn now_secs(&self) -> i64 {
        self.now_ms().div_euclid(1000)
    }

    /// A fresh `<prefix>_` + 27 base62 characters id, deterministic per fake.
    pub(crate) fn fresh_id(&mut self, prefix: &str) -> String {
        loop {
            self.next_id += 1;
            let id = format!("{prefix}_3{}", base62_26(mix(self.next_id)));
            let taken = self.sessions.contains_key(&id)
                || self.users.contains(&id)
                || self.clients.contains(&id);
            if !taken {
                return id;
            }
        }
    }

    /// The next `clerk_trace_id`: 32 lower-case hex digits, deterministic.
    pub(crate) fn next_trace_id(&mut self) -> String {
        self.next_trace += 1;
        format!("{:032x}", mix(self.next_trace))
    }

    /// The next queued fault, consuming one of its uses.
    pub(crate) fn take_fault(&mut self) -> Option<Fault> {
        while let Some((fault, times)) = self.faults.front_mut() {
            if *times == 0 {
                self.faults.pop_front();
                continue;
            }
            *times -= 1;
            let fault = fault.clone();
            if *times == 0 {
                self.faults.pop_front();
            }
            return Some(fault);
        }
        None
    }

    /// Stores a session from `seed` and returns its id.
    pub(crate) fn insert_session(&mut self, seed: SessionSeed) -> String {
        let id = match seed.id {
            Some(id) => id,
            None => self.fresh_id("sess"),
        };
        let user_id = non_empty_or(seed.user_id, || self.fresh_id("user"));
        let client_id = non_empty_or(seed.client_id, || self.fresh_id("client"));
        self.users.insert(user_id.clone());
        self.clients.insert(client_id.clone());
        let created_at = seed.created_at.unwrap_or_else(|| self.now_ms());
        self.next_seq += 1;
        let session = StoredSession::new(
            self.next_seq,
            NewSession {
                id: id.clone(),
                user_id,
                client_id,
                status: seed.status,
                created_at,
                actor: seed.actor,
                last_active_organization_id: seed.last_active_organization_id,
                latest_activity: seed.latest_activity,
                tasks: seed.tasks,
            },
        );
        self.sessions.insert(id.clone(), session);
        self.refresh_token(&id);
        id
    }

    /// The refresh token stored for `session_id`, created on first use.
    pub(crate) fn refresh_token(&mut self, session_id: &str) -> String {
        if let Some(token) = self.refresh_tokens.get(session_id) {
            return token.clone();
        }
        self.next_id += 1;
        let token = format!("rt_{}", base62_26(mix(self.next_id)));
        self.refresh_tokens
            .insert(session_id.to_owned(), token.clone());
        token
    }
}

fn non_empty_or(value: String, fresh: impl FnOnce() -> String) -> String {
    if value.is_empty() { fresh() } else { value }
}

/// A bijection on u128 (odd multiplier, then xor-shift), so ids from a
/// counter look random but never collide.
fn mix(n: u64) -> u128 {
    let x = u128::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835);
    x ^ (x >> 64)
}

/// `x` in base62, left-padded with `0` to 26 characters.
fn base62_26(mut x: u128) -> String {
    const DIGITS: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut out = [b'0'; 26];
    for slot in out.iter_mut().rev() {
        // `x % 62` is below 62, so the index is in bounds.
        *slot = DIGITS[(x % 62) as usize];
        x /= 62;
    }
    out.iter().map(|&b| char::from(b)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_look_like_clerk_ids_and_are_unique() {
        let mut state = State::default();
        let ids: BTreeSet<String> = (0..1000).map(|_| state.fresh_id("sess")).collect();
        assert_eq!(ids.len(), 1000);
        for id in &ids {
            assert_eq!(id.len(), "sess_".len() + 27, "{id}");
            assert!(
                id["sess_".len()..]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric())
            );
        }
    }

    #[test]
    fn trace_ids_are_32_hex() {
        let mut state = State::default();
        let a = state.next_trace_id();
        let b = state.next_trace_id();
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn faults_are_consumed_in_order() {
        let mut state = State::default();
        state.faults.push_back((Fault::NonJsonBody, 2));
        state.faults.push_back((Fault::DropConnection, 0));
        state.faults.push_back((Fault::TruncatedJson, 1));
        assert_eq!(state.take_fault(), Some(Fault::NonJsonBody));
        assert_eq!(state.take_fault(), Some(Fault::NonJsonBody));
        assert_eq!(state.take_fault(), Some(Fault::TruncatedJson));
        assert_eq!(state.take_fault(), None);
    }
}
