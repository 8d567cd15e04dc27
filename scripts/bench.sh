#!/usr/bin/env bash
# Benchmarks: prints markdown tables for docs/BENCHMARKS.md. Each figure is a
# ratio against a baseline measured in the same run.
#   bash scripts/bench.sh [BUILD_DIR]     (default build/, after scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cmake --build "$build" --target reportcheck reportcheck_bench >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 scripts/make_large_ods.py "$tmp/large.ods" "$tmp/large.rules" 100000

echo "## Engine ($build/engine/reportcheck_bench)"
echo
"$build"/engine/reportcheck_bench sample-workbooks/bao-cao-536.ods rules/report-536.rules "$tmp/large.ods" "$tmp/large.rules"

echo
echo "## Command line: 40 copies of the report workbook"
echo
for i in $(seq 1 40); do cp sample-workbooks/bao-cao-536.ods "$tmp/copy-$i.ods"; done
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); python3 -c "print($e - $s)"; }
ratio() { python3 -c "print($1 / $2)"; }
one=$(t "$build"/engine/reportcheck validate -j 1 --rules rules/report-536.rules "$tmp"/copy-*.ods)
two=$(t "$build"/engine/reportcheck validate -j 2 --rules rules/report-536.rules "$tmp"/copy-*.ods)
single=$(t "$build"/engine/reportcheck validate --rules rules/report-536.rules sample-workbooks/bao-cao-536.ods)
printf '| measure | time | baseline | ratio |\n| --- | --- | --- | --- |\n'
printf '| 40 files, -j 2 | %.3f s | %.3f s (-j 1) | %.2f× |\n' "$two" "$one" "$(ratio "$two" "$one")"
printf '| 40 files, -j 1 | %.3f s | %.3f s (one file) | %.1f× |\n' "$one" "$single" "$(ratio "$one" "$single")"
echo
echo "machine: $(nproc) cores, $(uname -m); $(date -u +%Y-%m-%d)"
