#!/usr/bin/env bash
# One compiled rule set for every worker (issue 8 item 5): `validate -j N` over
# 40 copies of the report workbook, the report's rules given once (--rules,
# compiled once, shared by the workers) against the same 213 rules embedded in
# each copy (compiled once per workbook, the baseline), in the same go. Each
# figure is the best of 3 runs. Prints a markdown table for docs/BENCHMARKS.md.
#   bash scripts/bench_rules.sh [BUILD_DIR]      (default build/)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cli=$build/engine/reportcheck
cmake --build "$build" --target reportcheck >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in $(seq 1 40); do cp sample-workbooks/bao-cao-536.ods "$tmp/copy-$i.ods"; done
best() {  # the least wall time of 3 runs of the command
    python3 - "$@" <<'PY'
import subprocess, sys, time
ts = []
for _ in range(3):
    s = time.perf_counter()
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ts.append(time.perf_counter() - s)
print(min(ts))
PY
}
ratio() { python3 -c "print($1 / $2)"; }
printf '| measure | time | baseline (embedded: compiled per workbook) | ratio |\n| --- | --- | --- | --- |\n'
for j in 1 2; do
    shared=$(best "$cli" validate -j "$j" --ignore-embedded --rules rules/report-536.rules "$tmp"/copy-*.ods)
    each=$(best "$cli" validate -j "$j" "$tmp"/copy-*.ods)
    printf '| 40 files, -j %s, --rules compiled once | %.3f s | %.3f s | %.2f× |\n' "$j" "$shared" "$each" "$(ratio "$shared" "$each")"
done
echo
echo "machine: $(nproc) cores, $(uname -m); $(date -u +%Y-%m-%d)"
