// IDs are only made through their checked constructors, never by hand.
use clerk_sessions::SessionId;

fn main() {
    let session_id = SessionId(String::new());
    println!("{session_id}");
}
