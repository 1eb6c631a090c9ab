#!/usr/bin/env bash
# Instructions per request, generated client vs raw reqwest, under callgrind:
# noise-free, so it settles what a wall-clock ratio on a busy machine cannot.
#
#   benches/callgrind.sh [operation ...]     (default: all four)
#
# Runs the paired bench's fixed mode (BENCH_FIXED) at two request counts per side
# and takes the difference, so start-up and warm-up cancel out. Needs valgrind.
# Prints a table and writes callgrind.json into $BENCH_RESULTS_DIR (relative to the
# workspace root; default target/bench-results), as the paired bench does.
set -euo pipefail
cd "$(dirname "$0")/.."

LOW=${CALLGRIND_LOW:-300}
HIGH=${CALLGRIND_HIGH:-900}
OPS=("$@")
[ ${#OPS[@]} -gt 0 ] || OPS=(get_session get_session_list revoke_session create_session_token)

cargo bench -p clerk-sessions-bench --bench paired --no-run
BIN=$(cargo bench -p clerk-sessions-bench --bench paired --no-run --message-format=json 2>/dev/null \
    | sed -n 's/.*"executable":"\([^"]*paired[^"]*\)".*/\1/p' | tail -1)
[ -x "$BIN" ] || { echo "paired bench binary not found" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Total instructions of one fixed run.
instructions() {
    BENCH_FIXED="$1:$2:$3" valgrind --tool=callgrind --callgrind-out-file="$tmp/out" "$BIN" \
        >/dev/null 2>"$tmp/err"
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$tmp/err"
}

out=${BENCH_RESULTS_DIR:-target/bench-results}
mkdir -p "$out"
json="{"
printf '%-22s %14s %14s %8s\n' operation "generated Ir" "raw Ir" ratio
for op in "${OPS[@]}"; do
    declare -A per=()
    for side in gen raw; do
        lo=$(instructions "$side" "$op" "$LOW")
        hi=$(instructions "$side" "$op" "$HIGH")
        per[$side]=$(( (hi - lo) / (HIGH - LOW) ))
    done
    ratio=$(awk -v g="${per[gen]}" -v r="${per[raw]}" 'BEGIN { printf "%.4f", g / r }')
    printf '%-22s %14d %14d %8s\n' "$op" "${per[gen]}" "${per[raw]}" "$ratio"
    json+="\"$op\":{\"generated_ir_per_request\":${per[gen]},\"raw_ir_per_request\":${per[raw]},\"ratio\":$ratio},"
    unset per
done
json="${json%,}}"
echo "$json" > "$out/callgrind.json"
echo "results: $out/callgrind.json"
