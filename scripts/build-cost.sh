#!/usr/bin/env bash
# Build cost of clerk-sessions in the debug profile, once its dependencies are built:
#
#   1. the crate itself: `touch clerk-sessions/src/lib.rs && cargo build -p clerk-sessions`,
#      with incremental compilation (cargo's default for dev builds) and without it
#      (CARGO_INCREMENTAL=0, as CI and a first build compile it: the whole crate)
#   2. after the spec changes: `touch spec/clerk-backend-api-sessions.yaml && cargo build -p clerk-sessions`
#      (the build script runs again, then the crate compiles), with and without incremental
#   3. the build script alone, as built here (`[profile.dev.build-override] opt-level = 2`)
#   4. the generator inside a build script at opt-level 0 (cargo's default for build
#      scripts elsewhere) and 2: `codegen-time` under `--profile dev` and `--profile build-o2`
#   5. generated code size: lines per operation
#
#   scripts/build-cost.sh            (BUILD_COST_REPEAT=5 by default)
#
# Builds go to their own target folder (BUILD_COST_TARGET_DIR, default
# target/build-cost) so that other builds neither hold the lock nor invalidate
# what is timed; the first run there builds the dependencies once (a few minutes).
# Each step is repeated and the median reported. Writes target/bench-results/build-cost.json.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

REPEAT=${BUILD_COST_REPEAT:-5}
export CARGO_TARGET_DIR=${BUILD_COST_TARGET_DIR:-$root/target/build-cost}
SPEC=spec/clerk-backend-api-sessions.yaml

now() { date +%s.%N; }
# Median of the arguments.
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
# Seconds taken by a command, its output discarded (shown on failure).
timed() {
    local start end
    start=$(now)
    if ! "$@" >/tmp/build-cost.$$.log 2>&1; then
        cat /tmp/build-cost.$$.log >&2
        exit 1
    fi
    end=$(now)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }'
}
trap 'rm -f /tmp/build-cost.$$.log' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(rustc --version)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "target dir: $CARGO_TARGET_DIR"

echo "--- building dependencies (once)"
cargo build -p clerk-sessions
cargo build -p clerk-sessions-bench --bin codegen-time
cargo build -p clerk-sessions-bench --bin codegen-time --profile build-o2

# Whether incremental compilation is on is part of cargo's fingerprint of the
# workspace crates: each mode gets a warm-up build first, so that neither timing
# includes rebuilding the generator after a switch.
# Appends one timing per run to the arrays named $1 (crate touched) and $2 (spec
# touched); the rest of the arguments prefix each cargo command.
measure() {
    local -n crate_times=$1 spec_times=$2
    shift 2
    "$@" cargo build -p clerk-sessions
    for _ in $(seq "$REPEAT"); do
        touch clerk-sessions/src/lib.rs
        crate_times+=("$(timed "$@" cargo build -p clerk-sessions)")
        touch "$SPEC"
        spec_times+=("$(timed "$@" cargo build -p clerk-sessions)")
    done
}
crate=(); spec=(); crate_full=(); spec_full=()
measure crate spec env
measure crate_full spec_full env CARGO_INCREMENTAL=0
crate_median=$(median "${crate[@]}")
spec_median=$(median "${spec[@]}")
crate_full_median=$(median "${crate_full[@]}")
spec_full_median=$(median "${spec_full[@]}")
echo "crate itself (touch lib.rs):      incremental median ${crate_median} s (runs: ${crate[*]})"
echo "                                  CARGO_INCREMENTAL=0 median ${crate_full_median} s (runs: ${crate_full[*]})"
echo "after a spec change (touch spec): incremental median ${spec_median} s (runs: ${spec[*]})"
echo "                                  CARGO_INCREMENTAL=0 median ${spec_full_median} s (runs: ${spec_full[*]})"

# The newest build script output of clerk-sessions holds the generated files; the
# build script binary sits beside it in a folder of its own.
out=$(ls -td "$CARGO_TARGET_DIR"/debug/build/clerk-sessions-????????????????/out | head -1)
generated="$out/clerk_backend_api_sessions.rs"
all_generated=("$out"/*.rs)
script=$(ls -t "$CARGO_TARGET_DIR"/debug/build/clerk-sessions-????????????????/build-script-build | head -1)

# 3. The build script alone (process start included), into a scratch OUT_DIR.
scratch=$(mktemp -d)
runs=()
for _ in $(seq "$REPEAT"); do
    rm -f "$scratch"/*
    runs+=("$(timed env OUT_DIR="$scratch" "$script")")
done
rm -rf "$scratch"
script_median=$(awk -v s="$(median "${runs[@]}")" 'BEGIN { printf "%.1f", s * 1000 }')
echo "build script run (opt-level 2 override): median ${script_median} ms"

# 4. The generator at opt-level 0 and 2, first run in a fresh process and later runs.
o0=$("$CARGO_TARGET_DIR"/debug/codegen-time --json)
o2=$("$CARGO_TARGET_DIR"/build-o2/codegen-time --json)
echo "generator in a build script at opt-level 0: $o0"
echo "generator in a build script at opt-level 2: $o2"

# 5. Generated code size: every file build.rs writes, against the operations of the
# async file (one `OperationSpec` static each).
ops=$(grep -cE '^static [A-Z_0-9]*: (::clerk_sessions::)?__private::OperationSpec' "$generated" || true)
[ "$ops" -gt 0 ] || { echo "no operations found in $generated" >&2; exit 1; }
files_json=""
lines=0; code=0
for f in "${all_generated[@]}"; do
    l=$(wc -l <"$f")
    c=$(grep -cvE '^\s*(//|$)' "$f" || true)
    lines=$((lines + l)); code=$((code + c))
    echo "generated $(basename "$f"): $l lines ($c without comments and blank lines)"
    files_json+="{\"file\": \"$(basename "$f")\", \"lines\": $l, \"code_lines\": $c},"
done
per_op=$(awk -v l="$lines" -v o="$ops" 'BEGIN { printf "%.1f", l / o }')
code_per_op=$(awk -v l="$code" -v o="$ops" 'BEGIN { printf "%.1f", l / o }')
echo "generated in all: $lines lines ($code without comments and blank lines) for $ops operations: $per_op lines/operation ($code_per_op without comments)"

mkdir -p target/bench-results
cat >target/bench-results/build-cost.json <<EOF
{
  "machine": {"cores": $(nproc), "cpu": "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')", "rustc": "$(rustc --version)"},
  "repeat": $REPEAT,
  "crate_itself_s": {"median": $crate_median, "runs": [$(IFS=,; echo "${crate[*]}")]},
  "crate_itself_non_incremental_s": {"median": $crate_full_median, "runs": [$(IFS=,; echo "${crate_full[*]}")]},
  "after_spec_touch_s": {"median": $spec_median, "runs": [$(IFS=,; echo "${spec[*]}")]},
  "after_spec_touch_non_incremental_s": {"median": $spec_full_median, "runs": [$(IFS=,; echo "${spec_full[*]}")]},
  "build_script_run_ms": {"median": $script_median, "runs_s": [$(IFS=,; echo "${runs[*]}")]},
  "generator_opt_level_0": $o0,
  "generator_opt_level_2": $o2,
  "generated": {"files": [${files_json%,}], "operations": $ops, "lines": $lines, "code_lines": $code, "lines_per_operation": $per_op, "code_lines_per_operation": $code_per_op}
}
EOF
echo "results: target/bench-results/build-cost.json"
