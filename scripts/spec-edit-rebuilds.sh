#!/usr/bin/env bash
# Proves that editing the spec and running `cargo build` regenerates the client:
# copies the workspace, renames an operation in the copy's spec, rebuilds, and
# checks that the generated code (and so the public API) follows. The real spec
# is never touched. Shares this workspace's target dir, so only the two crates
# of the copy are rebuilt.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export CARGO_TARGET_DIR="$root/target/spec-edit-check"

tar -C "$root" --exclude=./target --exclude=./.git -cf - . | tar -C "$work" -xf -
newest_generated() {
  ls -t "$CARGO_TARGET_DIR"/debug/build/clerk-sessions-*/out/clerk_backend_api_sessions.rs | head -n 1
}

(cd "$work" && cargo build -q -p clerk-sessions)
grep -q 'pub fn revoke_session<' "$(newest_generated)"
echo "before: revoke_session is generated"

sed -i 's/- name: RevokeSession/- name: EndSession/; s/^  RevokeSession:/  EndSession:/' \
  "$work/spec/clerk-backend-api-sessions.yaml" "$work/spec/clerk-backend-api-sessions.types.yaml"
(cd "$work" && cargo build -q -p clerk-sessions)
generated="$(newest_generated)"
grep -q 'pub fn end_session<' "$generated"
! grep -q 'pub fn revoke_session<' "$generated"
echo "after editing the spec: end_session is generated, revoke_session is gone"
