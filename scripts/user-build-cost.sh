#!/usr/bin/env bash
# What a user pays, in a clean debug build, for depending on clerk-sessions:
# compares the CPU seconds (user + system, every rustc and build script) of
#
#   with-sessions: a binary crate depending on clerk-sessions (by path) and tokio
#   baseline:      the same binary's dependency stack without it: reqwest, rustls,
#                  tokio, serde, serde_json, http, bytes, futures, url, tracing,
#                  percent-encoding, with the features clerk-runtime uses
#
# both outside this workspace (so with cargo's default profiles: build scripts at
# opt-level 0, as in a user's crate), each in its own target folder, built clean
# BUILD_COST_ROUNDS times (default 3), alternating, offline, with this workspace's
# lock file. Reports each build, the best of each, their ratio, and (with
# BUILD_COST_TIMINGS=1) cargo's --timings report of the last with-sessions build.
#
#   scripts/user-build-cost.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds=${BUILD_COST_ROUNDS:-3}
work="${BUILD_COST_DIR:-$(mktemp -d)}"
mkdir -p "$work"
unset CARGO_TARGET_DIR

write_crate() {
    local name=$1 deps=$2
    mkdir -p "$work/$name/src"
    cat > "$work/$name/Cargo.toml" <<TOML
[package]
name = "$name"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
$deps

[workspace]
TOML
    cp "$root/Cargo.lock" "$work/$name/Cargo.lock"
}

write_crate with-sessions "clerk-sessions = { path = \"$root/clerk-sessions\" }
tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }"
cat > "$work/with-sessions/src/main.rs" <<'RS'
#[tokio::main]
async fn main() -> Result<(), clerk_sessions::Error> {
    let client = clerk_sessions::Client::from_env()?;
    let id: clerk_sessions::SessionId = "sess_1".parse()?;
    println!("{:?}", client.get_session(&id).send().await?.status);
    Ok(())
}
RS

write_crate baseline 'reqwest = { version = "0.13", default-features = false, features = ["rustls-no-provider", "http2"] }
rustls = { version = "0.23", default-features = false, features = ["ring", "std", "tls12"] }
tokio = { version = "1", features = ["macros", "rt-multi-thread", "time", "sync"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
http = "1"
bytes = "1"
futures-util = { version = "0.3", default-features = false, features = ["std"] }
futures-core = "0.3"
url = "2"
tracing = "0.1"
percent-encoding = "2.3"
httpdate = "1"'
cat > "$work/baseline/src/main.rs" <<'RS'
#[derive(Debug, serde::Deserialize)]
struct Session {
    status: String,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let key = std::env::var("CLERK_SECRET_KEY")?;
    let body = reqwest::Client::new()
        .get("https://api.clerk.com/v1/sessions/sess_1")
        .bearer_auth(key)
        .send()
        .await?
        .bytes()
        .await?;
    let session: Session = serde_json::from_slice(&body)?;
    println!("{:?}", session.status);
    Ok(())
}
RS

# CPU seconds of a clean build of crate $1 (its target folder removed first).
cpu_build() {
    local dir="$work/$1" extra=${2:-}
    rm -rf "$dir/target"
    local TIMEFORMAT='%U %S %R'
    local t
    t=$( { time (cd "$dir" && cargo build --offline -q $extra >/dev/null 2>"$dir/build.log") ; } 2>&1 ) || {
        cat "$dir/build.log" >&2
        exit 1
    }
    awk '{ printf "%.1f %.1f\n", $1 + $2, $3 }' <<<"$t"
}

echo "machine: $(nproc) cores, $(rustc --version); load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
with=(); base=()
for round in $(seq "$rounds"); do
    read -r cpu wall < <(cpu_build with-sessions)
    with+=("$cpu"); echo "round $round: with-sessions ${cpu} CPU-s (${wall} s wall)"
    read -r cpu wall < <(cpu_build baseline)
    base+=("$cpu"); echo "round $round: baseline      ${cpu} CPU-s (${wall} s wall)"
done
best() { printf '%s\n' "$@" | sort -g | head -n 1; }
w=$(best "${with[@]}"); b=$(best "${base[@]}")
ratio=$(awk -v w="$w" -v b="$b" 'BEGIN { printf "%.3f", w / b }')
echo "best of $rounds: with-sessions $w CPU-s, baseline $b CPU-s, ratio $ratio"
if [ "${BUILD_COST_TIMINGS:-0}" = 1 ]; then
    rm -rf "$work/with-sessions/target"
    (cd "$work/with-sessions" && cargo build --offline -q --timings >/dev/null 2>&1)
    echo "timings: $(ls "$work"/with-sessions/target/cargo-timings/cargo-timing-*.html | head -n 1)"
fi
mkdir -p "$root/target/bench-results"
printf '{"rounds": %s, "with_sessions_cpu_s": [%s], "baseline_cpu_s": [%s], "best_with": %s, "best_baseline": %s, "ratio": %s}\n' \
    "$rounds" "$(IFS=,; echo "${with[*]}")" "$(IFS=,; echo "${base[*]}")" "$w" "$b" "$ratio" \
    > "$root/target/bench-results/user-build-cost.json"
echo "results: $root/target/bench-results/user-build-cost.json"
