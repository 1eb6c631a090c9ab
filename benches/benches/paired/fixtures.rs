//! The four measured operations and the canned response bodies.

/// A measured operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `GET /sessions/{id}` → `Session`.
    Get = 0,
    /// `GET /sessions?user_id=…&paginated=true&limit=100` → 100 sessions.
    List = 1,
    /// `POST /sessions/{id}/revoke` → `Session`.
    Revoke = 2,
    /// `POST /sessions/{id}/tokens` (no body) → `Token`.
    Token = 3,
}

impl Op {
    /// Every operation, in report order.
    pub const ALL: [Op; 4] = [Op::Get, Op::List, Op::Revoke, Op::Token];

    /// The generated method's name.
    pub fn name(self) -> &'static str {
        match self {
            Op::Get => "get_session",
            Op::List => "get_session_list",
            Op::Revoke => "revoke_session",
            Op::Token => "create_session_token",
        }
    }

    /// From [`Op::name`].
    pub fn parse(name: &str) -> Option<Op> {
        Op::ALL.into_iter().find(|op| op.name() == name)
    }
}

/// The session ID every request asks for.
pub const SESSION_ID: &str = "sess_2zXN0k3Qd1W5s8TJ3cJ7bM4fGQy";
/// The user whose sessions are listed.
pub const USER_ID: &str = "user_2zXMz1q8yE4vK3bR6tLw0pHnJcD";
/// Sessions per list page.
pub const PAGE: u32 = 100;

/// A session as Clerk returns it: every field present, an activity, no tasks.
fn session(i: usize, status: &str) -> String {
    format!(
        concat!(
            r#"{{"object":"session","id":"sess_2zXN0k3Qd1W5s8TJ3cJ7b{i:08}","user_id":"{user}","#,
            r#""client_id":"client_2zXMz5Rk2aPq9LmN0bVc4xTyUe{i:04}","actor":null,"status":"{status}","#,
            r#""last_active_organization_id":"org_2zXMyQ8wVb1nE6rT3kJ5sHdLmP","last_active_at":1755003600000,"#,
            r#""latest_activity":{{"object":"session_activity","id":"sess_activity_2zXN0m{i:06}","#,
            r#""is_mobile":false,"device_type":"Macintosh","browser_name":"Firefox","browser_version":"141.0","#,
            r#""ip_address":"203.0.113.42","city":"Lisbon","country":"PT"}},"#,
            r#""expire_at":1755608400000,"abandon_at":1757592000000,"updated_at":1755003600000,"#,
            r#""created_at":1755000000000,"tasks":null}}"#
        ),
        i = i,
        user = USER_ID,
        status = status,
    )
}

/// The canned body of each [`Op`], in [`Op::ALL`] order.
pub fn bodies() -> [Vec<u8>; Op::ALL.len()] {
    let page: Vec<String> = (0..PAGE as usize).map(|i| session(i, "active")).collect();
    let list = format!(r#"{{"data":[{}],"total_count":{}}}"#, page.join(","), 250);
    // A realistic RS256 session token: header, claims and signature of usual sizes.
    let jwt = format!(
        "eyJhbGciOiJSUzI1NiIsImNhdCI6ImNsX0I3ZDRQRDExMUFBQSIsImtpZCI6Imluc18yelhNdzFxOHlFNHZLM2JSNnRMdzBwSG5KY0QiLCJ0eXAiOiJKV1QifQ.{}.{}",
        "eyJhenAiOiJodHRwczovL2V4YW1wbGUuY29tIiwiZXhwIjoxNzU1MDAzNjYwLCJmdmEiOlswLC0xXSwiaWF0IjoxNzU1MDAzNjAwLCJpc3MiOiJodHRwczovL2NsZXJrLmV4YW1wbGUuY29tIiwibmJmIjoxNzU1MDAzNTkwLCJzaWQiOiJzZXNzXzJ6WE4wazNRZDFXNXM4VEozY0o3Yk00ZkdReSIsInN0cyI6ImFjdGl2ZSIsInN1YiI6InVzZXJfMnpYTXoxcTh5RTR2SzNiUjZ0THcwcEhuSmNEIiwidiI6Mn0",
        "a".repeat(342)
    );
    [
        session(0, "active").into_bytes(),
        list.into_bytes(),
        session(0, "revoked").into_bytes(),
        format!(r#"{{"object":"token","jwt":"{jwt}"}}"#).into_bytes(),
    ]
}
