//! [`SessionSeed`]: what a test can say about a session it seeds.

use serde_json::{Value, json};

/// A session to seed with [`FakeClerk::add_session_with`](crate::FakeClerk::add_session_with).
///
/// Fill the fields you care about and take the rest from [`Default`]:
///
/// ```
/// # use clerk_sessions_fake::SessionSeed;
/// let seed = SessionSeed {
///     id: Some("sess_old".into()),
///     status: "revoked".into(),
///     created_at: Some(1_700_000_000_000),
///     ..SessionSeed::new("user_1", "client_1")
/// };
/// # let _ = seed;
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SessionSeed {
    /// The session id. `None` generates a fresh `sess_…` id. Any string is
    /// accepted, including ones that need percent-encoding in a path such as
    /// `a/../b`. Seeding an id that already exists replaces that session.
    pub id: Option<String>,
    /// The owning user; added to the fake's users if missing. Empty
    /// generates a fresh `user_…` id.
    pub user_id: String,
    /// The owning client; added to the fake's clients if missing. Empty
    /// generates a fresh `client_…` id.
    pub client_id: String,
    /// The status, stored as given (default `"active"`). Clerk's values are
    /// `active`, `pending`, `revoked`, `ended`, `expired`, `removed`,
    /// `abandoned` and `replaced`; others are kept too, to test open enums.
    pub status: String,
    /// `created_at` in Unix milliseconds; `None` uses the fake's clock.
    /// `updated_at` and `last_active_at` start equal to it; `expire_at` is 7
    /// days and `abandon_at` 30 days later.
    pub created_at: Option<i64>,
    /// `last_active_organization_id` (`null` when `None`).
    pub last_active_organization_id: Option<String>,
    /// `actor`, the impersonator payload (`null` when `None`). It also
    /// becomes the `act` claim of the session's tokens.
    pub actor: Option<Value>,
    /// `latest_activity` (`null` when `None`); see [`SessionSeed::sample_activity`].
    pub latest_activity: Option<Value>,
    /// `tasks`, e.g. `[{"key":"choose-organization"}]` (`null` when `None`).
    pub tasks: Option<Value>,
}

impl Default for SessionSeed {
    fn default() -> Self {
        SessionSeed {
            id: None,
            user_id: String::new(),
            client_id: String::new(),
            status: "active".to_owned(),
            created_at: None,
            last_active_organization_id: None,
            actor: None,
            latest_activity: None,
            tasks: None,
        }
    }
}

impl SessionSeed {
    /// An active session of `user_id` on `client_id`, everything else default.
    pub fn new(user_id: impl Into<String>, client_id: impl Into<String>) -> Self {
        SessionSeed {
            user_id: user_id.into(),
            client_id: client_id.into(),
            ..SessionSeed::default()
        }
    }

    /// A plausible `latest_activity` object (a desktop Firefox in Lisbon),
    /// shaped like Clerk's `SessionActivity`.
    pub fn sample_activity() -> Value {
        json!({
            "object": "session_activity",
            "id": "sess_activity_3Ml9Xvq2ZG4MzAOUQklImCvBPt4",
            "device_type": "desktop",
            "is_mobile": false,
            "browser_name": "Firefox",
            "browser_version": "141.0",
            "ip_address": "203.0.113.42",
            "city": "Lisbon",
            "country": "PT"
        })
    }
}
