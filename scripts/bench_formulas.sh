#!/usr/bin/env bash
# What computing the formulas a file saves without a result costs
# (engine/src/formula_results.cpp), against a baseline build that only counts
# them in a note. Two .xlsx of 100,000 rows × 4 columns, the same in the same go:
#   uncached  openpyxl's way: <f> and no <v> for C (=A+B), D (=ROUND(C/B*100,1))
#             and a total row (=SUM(C2:C100001)): 200,001 formulas to compute;
#   cached    xlsxwriter's way, every formula with its result (what Excel and
#             Calc save): nothing to compute, only each formula's text read.
# CPU time (user + system) and peak memory (max RSS) of `reportcheck cells`
# (output to /dev/null), median of ROUNDS runs, the builds alternating.
#   bash scripts/bench_formulas.sh BUILD_DIR BASELINE_BUILD_DIR [ROUNDS]
# Prints a markdown table for docs/BENCHMARKS.md. Needs python3-openpyxl and
# python3-xlsxwriter (Debian's /usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?BUILD_DIR}
base=${2:?BASELINE_BUILD_DIR}
rounds=${3:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 - "$tmp" <<'PY'
import os, sys
import openpyxl, xlsxwriter
tmp, rows = sys.argv[1], 100000
wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet('Số liệu')
ws.append(['A', 'B', 'Tổng', 'Tỷ lệ'])
for r in range(2, rows + 2):
    ws.append([r, r % 97 + 1, '=A%d+B%d' % (r, r), '=ROUND(C%d/B%d*100,1)' % (r, r)])
ws.append(['Tổng', None, '=SUM(C2:C%d)' % (rows + 1)])
wb.save(os.path.join(tmp, 'uncached.xlsx'))
wb = xlsxwriter.Workbook(os.path.join(tmp, 'cached.xlsx'), {'constant_memory': True})
ws = wb.add_worksheet('Số liệu')
ws.write_row(0, 0, ['A', 'B', 'Tổng', 'Tỷ lệ'])
total = 0
for r in range(2, rows + 2):
    a, b = r, r % 97 + 1
    total += a + b
    ws.write_number(r - 1, 0, a)
    ws.write_number(r - 1, 1, b)
    ws.write_formula(r - 1, 2, '=A%d+B%d' % (r, r), None, a + b)
    ws.write_formula(r - 1, 3, '=ROUND(C%d/B%d*100,1)' % (r, r), None, round((a + b) / b * 100, 1))
ws.write_string(rows + 1, 0, 'Tổng')
ws.write_formula(rows + 1, 2, '=SUM(C2:C%d)' % (rows + 1), None, total)
wb.close()
PY
measure() {  # CLI FILE -> "cpu_seconds max_rss_kib"
    /usr/bin/time -f '%U %S %M' -o "$tmp/t" "$1" cells "$2" >/dev/null 2>&1 || true
    awk '{printf "%.3f %d\n", $1 + $2, $3}' "$tmp/t"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
echo "| file | baseline CPU | new CPU | new ÷ baseline | baseline peak | new peak |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for f in uncached cached; do
    : >"$tmp/base.cpu"; : >"$tmp/new.cpu"; : >"$tmp/base.mem"; : >"$tmp/new.mem"
    for _ in $(seq "$rounds"); do
        read -r c m < <(measure "$base/engine/reportcheck" "$tmp/$f.xlsx"); echo "$c" >>"$tmp/base.cpu"; echo "$m" >>"$tmp/base.mem"
        read -r c m < <(measure "$build/engine/reportcheck" "$tmp/$f.xlsx"); echo "$c" >>"$tmp/new.cpu"; echo "$m" >>"$tmp/new.mem"
    done
    bc=$(median <"$tmp/base.cpu"); nc=$(median <"$tmp/new.cpu")
    bm=$(median <"$tmp/base.mem"); nm=$(median <"$tmp/new.mem")
    awk -v f="$f" -v bc="$bc" -v nc="$nc" -v bm="$bm" -v nm="$nm" \
        'BEGIN {printf "| %s | %.2f s | %.2f s | %.2f | %.0f MiB | %.0f MiB |\n", f, bc, nc, nc / bc, bm / 1024, nm / 1024}'
done
echo
echo "(median of $rounds runs each, builds alternating; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg) at the end)"
$build/engine/reportcheck cells "$tmp/uncached.xlsx" --lang en 2>&1 >/dev/null | head -2
