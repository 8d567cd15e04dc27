#!/usr/bin/env bash
# The localisation recorder's cost (issues 11 and 12): the rules on 100,000 rows
# (B = C + D + E) with localisation, without findings and with 1 % of the rows
# wrong, against the same rules without localisation (same binary, interleaved)
# and against a baseline build's run of the same sheet (its reportcheck_bench,
# interleaved with this build's in the same go). Prints markdown for
# docs/BENCHMARKS.md ("The localisation recorder").
#   bash scripts/bench_record.sh BUILD [BASELINE_BUILD] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
base=${2:-}
rounds=${3:-3}
cmake --build "$build" --target reportcheck_bench >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The benchmark sheet (make_large_ods.py), wrong on every EVERY-th row (0: none).
make() { python3 scripts/make_large_ods.py "$@"; }  # OUT.ods OUT.rules ROWS EVERY
# ms of the row of reportcheck_bench's output whose measure starts with $2
pick() { grep -F "| $2 |" "$1" | head -1 | awk -F'|' '{gsub(/ ms/, "", $3); print $3 + 0}'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

echo "| 100,000 rows | rules with localisation | without (same build) | ratio | baseline build, with | ratio to baseline |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for every in 0 100; do
    make "$tmp/l.ods" "$tmp/l.rules" 100000 "$every"
    : > "$tmp/on"; : > "$tmp/off"; : > "$tmp/base"
    for ((r = 0; r < rounds; r++)); do
        "$build"/engine/reportcheck_bench sample-workbooks/bao-cao-536.ods rules/report-536.rules "$tmp/l.ods" "$tmp/l.rules" > "$tmp/out"
        pick "$tmp/out" "B = C + D + E on 100 000 rows, localisation on (median of 9)" >> "$tmp/on"
        grep -F "localisation on (median of 9)" "$tmp/out" | awk -F'|' '{gsub(/ ms.*/, "", $4); print $4 + 0}' >> "$tmp/off"
        if [ -n "$base" ]; then
            "$base"/engine/reportcheck_bench sample-workbooks/bao-cao-536.ods rules/report-536.rules "$tmp/l.ods" "$tmp/l.rules" > "$tmp/bout"
            # Its own with/without row when it has one (this bench linked to the
            # baseline's engine); else the engine row of an older bench (localisation on).
            if grep -qF "localisation on (median of 9)" "$tmp/bout"; then
                pick "$tmp/bout" "B = C + D + E on 100 000 rows, localisation on (median of 9)" >> "$tmp/base"
            else
                pick "$tmp/bout" "B = C + D + E on 100 000 rows" >> "$tmp/base"
            fi
        fi
    done
    on=$(median < "$tmp/on"); off=$(median < "$tmp/off")
    what=$([ "$every" = 0 ] && echo "no findings" || echo "1 % of rows wrong (1,000 findings)")
    if [ -n "$base" ]; then
        b=$(median < "$tmp/base")
        python3 -c "import sys; print('| %s | %.1f ms | %.1f ms | %.2f× | %.1f ms | %.2f× |' % (sys.argv[1], $on, $off, $on / $off, $b, $on / $b))" "$what"
    else
        python3 -c "import sys; print('| %s | %.1f ms | %.1f ms | %.2f× | | |' % (sys.argv[1], $on, $off, $on / $off))" "$what"
    fi
done
echo
echo "median of $rounds round(s); machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg); $(date -u +%Y-%m-%d\ %H:%M) UTC"
