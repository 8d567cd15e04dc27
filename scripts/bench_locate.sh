#!/usr/bin/env bash
# Error localisation on the report's workbook: speed against validating without
# it, single changes of every number, random pairs, GLPK against CBC on the same
# models. Results go to docs/BENCHMARKS.md ("Error localisation").
#   bash scripts/bench_locate.sh [PAIRS] [SEED]
# BENCH_LOCATE_DETAIL=1 also prints, finding by finding, the pairs whose two
# cells the checks determine but that were not both named.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j2 --target reportcheck_bench_locate >/dev/null
build/engine/reportcheck_bench_locate sample-workbooks/bao-cao-536.ods rules/report-536.rules "${1:-300}" "${2:-1}"
