#!/usr/bin/env bash
# Proves that generated code needs nothing but the runtime, serde and serde_json:
# generates every capability file of ../shared/specs/clerk/ (or the folder given as
# $1) with the CLI, untyped and typed (the typing derived from Clerk's OpenAPI
# documents in openapi/), into a scratch crate OUTSIDE this workspace whose only
# dependencies are clerk-runtime (by path), serde and serde_json, and checks it
# under clippy with `-D warnings` and `deny(missing_docs)`. Shares this workspace's
# lock file and target dir, so only the scratch crate itself is compiled.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
specs="${1:-$root/../shared/specs/clerk}"
[ -d "$specs" ] || specs="$root/clerk-sessions-codegen/tests/corpus"
# SCRATCH_DIR keeps the crate for inspection; by default it is a temporary one.
if [ -n "${SCRATCH_DIR:-}" ]; then
  work="$SCRATCH_DIR"; rm -rf "$work"; mkdir -p "$work"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

cargo build -q -p clerk-sessions-codegen --bin clerk-sessions-codegen
codegen="$CARGO_TARGET_DIR/debug/clerk-sessions-codegen"

mkdir -p "$work/src"
cat > "$work/Cargo.toml" <<TOML
[package]
name = "scratch-generated"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
clerk-runtime = { path = "$root/clerk-runtime" }
serde = { version = "1", features = ["derive"] }
serde_json = "1"

[workspace]

# As the workspace builds them, so the dependencies it compiled are reused.
[profile.dev.build-override]
opt-level = 2
TOML
cp "$root/Cargo.lock" "$work/Cargo.lock"
echo '#![deny(missing_docs)]' > "$work/src/lib.rs"
echo '//! Every capability file, generated.' >> "$work/src/lib.rs"
count=0
for spec in "$specs"/*.yaml; do
  case "$spec" in *.types.yaml) continue ;; esac
  stem="$(basename "$spec" .yaml)"
  module="${stem//-/_}"
  "$codegen" generate "$spec" -o "$work/src/$module.rs" 2>/dev/null
  # A workflow file consumes no API: its generated file holds no items.
  if grep -q '^pub struct Client' "$work/src/$module.rs" || grep -q '^pub mod ' "$work/src/$module.rs"; then
    printf '/// `%s`.\npub mod %s;\n' "$stem" "$module" >> "$work/src/lib.rs"
    count=$((count + 1))
  fi
done
# The typed pass: every file at once, so each OpenAPI document is read once.
mkdir -p "$work/typed"
typed_specs=()
for spec in "$specs"/*.yaml; do
  case "$spec" in *.types.yaml|*.overlay.yaml) continue ;; esac
  typed_specs+=("$spec")
done
"$codegen" generate "${typed_specs[@]}" --out-dir "$work/typed" \
  --openapi "$root/openapi/backend-api-2026-05-12.yml" \
  --openapi "$root/openapi/frontend-api-2026-05-12.yml" \
  --openapi "$root/openapi/platform-api-beta.yml" 2>/dev/null
typed=0
for file in "$work"/typed/*.rs; do
  stem="$(basename "$file" .rs)"
  module="${stem//-/_}_typed"
  if grep -q '^pub struct Client' "$file" || grep -q '^pub mod ' "$file"; then
    mv "$file" "$work/src/$module.rs"
    printf '/// `%s`, typed.\npub mod %s;\n' "$stem" "$module" >> "$work/src/lib.rs"
    typed=$((typed + 1))
  fi
done
(cd "$work" && cargo clippy -q --offline -- -D warnings)
(cd "$work" && RUSTDOCFLAGS="-D warnings" cargo doc -q --offline --no-deps)
echo "scratch crate outside the workspace: $count untyped and $typed typed generated modules compile with clerk-runtime, serde and serde_json only"
