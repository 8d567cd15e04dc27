#!/usr/bin/env bash
# Reading a sheet of Calc's full size (1,048,576 rows x 7 columns: a label and six
# numbers), against baselines run in the same go: `unzip -p` of the sheet's XML
# (and `unzip -p | xmllint --stream`), each measured with /usr/bin/time -v (CPU =
# user + system; peak = maximum resident set size). Prints markdown tables for
# docs/BENCHMARKS.md.
#
#   bash scripts/bench_read_fullsize.sh [BUILD_DIR] [ROWS]     (defaults: build, 1048575 + a header)
#
# The aim (issue 11): peak memory <= 2 x the raw cell data (8 bytes a number) +
# 64 MiB; CPU time <= 2 x `unzip -p content.xml` for .ods.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
rows=${2:-1048575}
rc="$build/engine/reportcheck"
[ -x "$rc" ] || { echo "no $rc: build first (cmake --build $build)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 scripts/make_fullsize_sheet.py "$tmp" "$rows" >&2

# measure NAME COMMAND…: "cpu_seconds peak_kib" of one run (exit code 1 = findings is fine).
measure() {
    local out="$tmp/time.txt"
    /usr/bin/time -v -o "$out" bash -c "$1" >/dev/null 2>&1 || true
    awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} /Maximum resident/ {m=$2} END {printf "%.2f %d\n", u+s, m}' "$out"
}

cells=$(( (rows + 1) * 7 ))
raw_mib=$(python3 -c "print(round(($rows + 1) * 6 * 8 / 2**20, 1))")  # the numbers: 6 of the 7 columns
aim_mib=$(python3 -c "print(round(2 * $raw_mib + 64, 1))")

report() {  # TITLE ENTRY FILE
    local title=$1 entry=$2 file=$3
    read -r u_cpu u_mem < <(measure "unzip -p '$file' '$entry'")
    read -r x_cpu x_mem < <(measure "unzip -p '$file' '$entry' | xmllint --stream --noout -")
    read -r c_cpu c_mem < <(measure "'$rc' cells '$file'")
    read -r v_cpu v_mem < <(measure "'$rc' validate '$file' --rules '$tmp/full.rules'")
    echo "#### $title: $((rows + 1)) rows x 7 columns ($cells cells), $(du -m "$file" | cut -f1) MB file, $(unzip -l "$file" "$entry" | tail -1 | awk '{print int($1 / 1048576)}') MiB of $entry"
    echo
    echo "| run | CPU | × unzip -p | peak memory | × aim ($aim_mib MiB) |"
    echo "| --- | ---: | ---: | ---: | ---: |"
    line() { python3 -c "import sys; n, c, m = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]); print('| %s | %.2f s | %.2f | %.0f MiB | %.2f |' % (n, c, c / $u_cpu, m / 1024, m / 1024 / $aim_mib))" "$@"; }
    line "unzip -p" "$u_cpu" "$u_mem"
    line "unzip -p, piped to xmllint --stream" "$x_cpu" "$x_mem"
    line "reportcheck cells" "$c_cpu" "$c_mem"
    line "reportcheck validate" "$v_cpu" "$v_mem"
    echo
}

echo "Raw cell data: $raw_mib MiB (the numbers, 8 bytes each); aim: 2 × raw + 64 MiB = $aim_mib MiB."
echo
report ".ods" content.xml "$tmp/full.ods"
report ".xlsx" xl/worksheets/sheet1.xml "$tmp/full.xlsx"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg); $(date -u +%Y-%m-%d\ %H:%M) UTC"
