//! A stored session and its JSON form.

use serde_json::{Value, json};

/// How long after `created_at` a session expires (Clerk's default 7 days).
const EXPIRE_AFTER_MS: i64 = 7 * 24 * 60 * 60 * 1000;
/// How long after `created_at` a session is abandoned (30 days).
const ABANDON_AFTER_MS: i64 = 30 * 24 * 60 * 60 * 1000;

/// A session as the fake stores it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StoredSession {
    /// Insertion order, the tie-break for equal `created_at`.
    pub(crate) seq: u64,
    pub(crate) id: String,
    pub(crate) user_id: String,
    pub(crate) client_id: String,
    pub(crate) status: String,
    pub(crate) created_at: i64,
    pub(crate) updated_at: i64,
    pub(crate) last_active_at: i64,
    pub(crate) expire_at: i64,
    pub(crate) abandon_at: i64,
    pub(crate) actor: Option<Value>,
    pub(crate) last_active_organization_id: Option<String>,
    pub(crate) latest_activity: Option<Value>,
    pub(crate) tasks: Option<Value>,
}

/// The fields a new session starts from; timestamps follow from `created_at`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NewSession {
    pub(crate) id: String,
    pub(crate) user_id: String,
    pub(crate) client_id: String,
    pub(crate) status: String,
    pub(crate) created_at: i64,
    pub(crate) actor: Option<Value>,
    pub(crate) last_active_organization_id: Option<String>,
    pub(crate) latest_activity: Option<Value>,
    pub(crate) tasks: Option<Value>,
}

impl StoredSession {
    pub(crate) fn new(seq: u64, new: NewSession) -> Self {
        StoredSession {
            seq,
            created_at: new.created_at,
            updated_at: new.created_at,
            last_active_at: new.created_at,
            expire_at: new.created_at.saturating_add(EXPIRE_AFTER_MS),
            abandon_at: new.created_at.saturating_add(ABANDON_AFTER_MS),
            id: new.id,
            user_id: new.user_id,
            client_id: new.client_id,
            status: new.status,
            actor: new.actor,
            last_active_organization_id: new.last_active_organization_id,
            latest_activity: new.latest_activity,
            tasks: new.tasks,
        }
    }

    /// Whether tokens may be minted for this session.
    pub(crate) fn is_active(&self) -> bool {
        self.status == "active"
    }

    /// The BAPI `Session` object, every field present (`null` when unset).
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "object": "session",
            "id": self.id,
            "user_id": self.user_id,
            "client_id": self.client_id,
            "actor": self.actor,
            "status": self.status,
            "last_active_organization_id": self.last_active_organization_id,
            "last_active_at": self.last_active_at,
            "latest_activity": self.latest_activity,
            "expire_at": self.expire_at,
            "abandon_at": self.abandon_at,
            "updated_at": self.updated_at,
            "created_at": self.created_at,
            "tasks": self.tasks,
        })
    }
}
