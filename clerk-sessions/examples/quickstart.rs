//! All seven Sessions operations, end to end.
//!
//! ```text
//! cargo run --example quickstart                      # against the embedded fake Clerk
//! CLERK_SECRET_KEY=sk_test_… cargo run --example quickstart -- --live --user-id user_…
//!                                                     # read-only calls against api.clerk.com
//! ```
//!
//! Without `--live` nothing leaves this machine: the example starts
//! `clerk_sessions::testing::FakeClerk` on 127.0.0.1 and points the client at it.

use std::fmt::Display;
use std::process::ExitCode;

use clerk_sessions::testing::FakeClerk;
use clerk_sessions::{
    Client, Error, RefreshFormat, SessionRefresh, SessionStatusFilter, TemplateName, UserId,
};

/// One line of the report.
struct Row {
    operation: &'static str,
    request: String,
    status: String,
    result: String,
}

fn row<T>(
    operation: &'static str,
    request: String,
    outcome: &Result<T, Error>,
    describe: impl Fn(&T) -> String,
) -> Row {
    let (status, result) = match outcome {
        Ok(value) => ("200 OK".to_owned(), describe(value)),
        Err(err) => (
            err.status()
                .map_or_else(|| "-".to_owned(), |s| s.to_string()),
            format!("error: {err}"),
        ),
    };
    Row {
        operation,
        request,
        status,
        result,
    }
}

fn print_table(rows: &[Row]) {
    let header = Row {
        operation: "operation",
        request: "request".into(),
        status: "status".into(),
        result: "result".into(),
    };
    let width = |f: &dyn Fn(&Row) -> usize| rows.iter().chain([&header]).map(f).max().unwrap_or(0);
    let w0 = width(&|r| r.operation.len());
    let w1 = width(&|r| r.request.chars().count());
    let w2 = width(&|r| r.status.len());
    let line = |r: &Row| {
        println!(
            "{:<w0$}  {:<w1$}  {:<w2$}  {}",
            r.operation, r.request, r.status, r.result
        )
    };
    line(&header);
    println!("{}", "-".repeat(w0 + w1 + w2 + 6 + 40));
    rows.iter().for_each(line);
}

fn short(text: impl Display) -> String {
    let text = text.to_string();
    if text.chars().count() > 24 {
        format!("{}…", text.chars().take(23).collect::<String>())
    } else {
        text
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = if args.iter().any(|a| a == "--live") {
        live(&args).await
    } else {
        demo().await
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Every operation against the embedded fake.
async fn demo() -> Result<(), Error> {
    let fake = FakeClerk::start().await;
    fake.add_user("user_demo");
    fake.add_session("user_demo", "client_laptop");
    fake.add_jwt_template(
        "hasura",
        300,
        serde_json::json!({"https://hasura.io/jwt/claims": {"x-hasura-role": "user"}}),
    );
    println!(
        "Fake Clerk listening on {} (nothing leaves this machine)\n",
        fake.base_url()
    );

    let client = Client::builder()
        .secret_key(fake.secret_key())
        .base_url(fake.base_url())
        .build()?;
    let user: UserId = "user_demo".parse()?;
    let mut rows = Vec::new();

    let created = client.create_session(user.clone()).send().await;
    rows.push(row(
        "create_session",
        "POST /sessions".into(),
        &created,
        |s| format!("{} ({})", s.id, s.status),
    ));
    let session = created?.id;

    let list = client
        .get_session_list(user.clone())
        .status(SessionStatusFilter::Active)
        .limit(10)
        .send()
        .await;
    rows.push(row(
        "get_session_list",
        "GET /sessions?user_id=user_demo&status=active".into(),
        &list,
        |l| format!("{} of {} sessions", l.data.len(), l.total_count),
    ));

    let got = client.get_session(&session).send().await;
    rows.push(row(
        "get_session",
        format!("GET /sessions/{}", short(&session)),
        &got,
        |s| format!("user {}, status {}", s.user_id, s.status),
    ));

    let token = client
        .create_session_token(&session)
        .expires_in_seconds(120)
        .send()
        .await;
    rows.push(row(
        "create_session_token",
        format!("POST /sessions/{}/tokens", short(&session)),
        &token,
        |t| format!("JWT {}", short(t.jwt.expose())),
    ));

    let template: TemplateName = "hasura".parse()?;
    let templated = client
        .create_session_token_from_template(&session, &template)
        .send()
        .await;
    rows.push(row(
        "create_session_token_from_template",
        format!("POST /sessions/{}/tokens/hasura", short(&session)),
        &templated,
        |t| format!("JWT {}", short(t.jwt.expose())),
    ));

    let origin = "https://app.example.com";
    let expired = fake.expired_token_for(session.as_str(), origin);
    let refresh_token = fake.refresh_token_for(session.as_str());
    let refreshed = client
        .refresh_session(&session, expired, refresh_token, origin)
        .format(RefreshFormat::Cookie)
        .send()
        .await;
    rows.push(row(
        "refresh_session",
        format!("POST /sessions/{}/refresh", short(&session)),
        &refreshed,
        |r| match r {
            SessionRefresh::Token(t) => format!("token {}", short(t.jwt.expose())),
            SessionRefresh::Cookies(c) => format!("{} Set-Cookie values", c.cookies.expose().len()),
        },
    ));

    let revoked = client.revoke_session(&session).send().await;
    rows.push(row(
        "revoke_session",
        format!("POST /sessions/{}/revoke", short(&session)),
        &revoked,
        |s| format!("status {}", s.status),
    ));

    let missing = client.get_session(&"sess_missing".parse()?).send().await;
    rows.push(row(
        "get_session (unknown id)",
        "GET /sessions/sess_missing".into(),
        &missing,
        |s| s.id.to_string(),
    ));

    print_table(&rows);
    Ok(())
}

/// Read-only calls against the real API, with `CLERK_SECRET_KEY`.
async fn live(args: &[String]) -> Result<(), Error> {
    let user = args
        .iter()
        .position(|a| a == "--user-id")
        .and_then(|i| args.get(i + 1))
        .ok_or_else(|| Error::Config {
            reason: "--live needs --user-id user_… (whose sessions to list)".into(),
        })?;
    let client = Client::from_env()?;
    let user: UserId = user.parse()?;
    let mut rows = Vec::new();
    let list = client.get_session_list(user.clone()).limit(5).send().await;
    rows.push(row(
        "get_session_list",
        format!("GET /sessions?user_id={user}"),
        &list,
        |l| format!("{} of {} sessions", l.data.len(), l.total_count),
    ));
    if let Some(first) = list.ok().and_then(|l| l.data.into_iter().next()) {
        let got = client.get_session(&first.id).send().await;
        rows.push(row(
            "get_session",
            format!("GET /sessions/{}", first.id),
            &got,
            |s| format!("status {}", s.status),
        ));
    }
    print_table(&rows);
    Ok(())
}
