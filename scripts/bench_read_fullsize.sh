#!/usr/bin/env bash
# Reading a sheet of Calc's full size (1,048,576 rows x 7 columns: a label and six
# numbers), against baselines run in the same go: `unzip -p` of the sheet's XML
# (and `unzip -p | xmllint --stream`, libxml2's own streaming parse), and — when
# given — the same commands of another build (e.g. the commit before a change),
# each measured with /usr/bin/time -v (CPU = user + system; wall = elapsed,
# which a reader that inflates on a thread of its own makes shorter than its CPU;
# peak = maximum resident set size). When BUILD_DIR has engine/reportcheck_bench_sax_floor (built
# with `cmake --build BUILD_DIR --target reportcheck_bench_sax_floor`), the floor
# under the readers is measured too: the same streaming from the zip with
# libxml2's SAX2 and SAX1 push parsers (the readers' parsers), expat and orcus's
# sax_parser (whole entry in memory: it takes nothing else), each with
# callbacks that do nothing. ROUNDS rounds, interleaved; each figure is the median of
# its rounds. Prints markdown tables for docs/BENCHMARKS.md.
#
#   bash scripts/bench_read_fullsize.sh [BUILD_DIR] [ROWS] [BASELINE_BUILD_DIR] [ROUNDS]
#   (defaults: build, 1048575 + a header, none, 1)
#
# The aim (issue 11): peak memory <= 2 x the raw cell data (8 bytes a number) +
# 64 MiB; time <= 2 x `unzip -p content.xml` for .ods (CPU and wall both shown).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
rows=${2:-1048575}
base=${3:-}
rounds=${4:-1}
rc="$build/engine/reportcheck"
floor="$build/engine/reportcheck_bench_sax_floor"
[ -x "$rc" ] || { echo "no $rc: build first (cmake --build $build)" >&2; exit 2; }
if [ -n "$base" ]; then
    brc="$base/engine/reportcheck"
    [ -x "$brc" ] || { echo "no $brc" >&2; exit 2; }
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 scripts/make_fullsize_sheet.py "$tmp" "$rows" >&2

# measure COMMAND: "cpu_seconds peak_kib wall_seconds" of one run (exit code 1 = findings is fine).
measure() {
    local out="$tmp/time.txt"
    /usr/bin/time -v -o "$out" bash -c "$1" >/dev/null 2>&1 || true
    # Elapsed is "m:ss.cc" or "h:mm:ss"
    awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} /Maximum resident/ {m=$2}
                /Elapsed \(wall clock\)/ {n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i]}
                END {printf "%.2f %d %.2f\n", u+s, m, w}' "$out"
}
# median of the numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

cells=$(( (rows + 1) * 7 ))
raw_mib=$(python3 -c "print(round(($rows + 1) * 6 * 8 / 2**20, 1))")  # the numbers: 6 of the 7 columns
aim_mib=$(python3 -c "print(round(2 * $raw_mib + 64, 1))")

report() {  # TITLE ENTRY FILE
    local title=$1 entry=$2 file=$3
    local -a names=("unzip -p" "unzip -p, piped to xmllint --stream" "reportcheck cells" "reportcheck validate")
    local -a cmds=("unzip -p '$file' '$entry'" "unzip -p '$file' '$entry' | xmllint --stream --noout -"
                   "'$rc' cells '$file'" "'$rc' validate '$file' --rules '$tmp/full.rules'")
    if [ -x "$floor" ]; then
        # SAX1 is the .ods reader's parse of files Calc writes (docs/READERS.md, sixth round); SAX2 the .xlsx reader's.
        # orcus's sax_parser takes only a whole document: the entry inflated into one buffer first.
        names+=("floor: libxml2 SAX1 push, empty callbacks" "floor: libxml2 SAX2 push, empty callbacks" "floor: expat push, empty callbacks"
                "floor: orcus sax_parser, whole entry in memory, empty callbacks")
        cmds+=("'$floor' libxml2-sax1 '$file' '$entry'" "'$floor' libxml2 '$file' '$entry'" "'$floor' expat '$file' '$entry'"
               "'$floor' orcus '$file' '$entry'")
    fi
    if [ -n "$base" ]; then
        names+=("baseline build: reportcheck cells" "baseline build: reportcheck validate")
        cmds+=("'$brc' cells '$file'" "'$brc' validate '$file' --rules '$tmp/full.rules'")
    fi
    local n=${#cmds[@]} i r
    : > "$tmp/runs.txt"
    for ((r = 0; r < rounds; r++)); do
        for ((i = 0; i < n; i++)); do
            echo "$i $(measure "${cmds[$i]}")" >> "$tmp/runs.txt"
        done
    done
    local -a cpu mem wall
    for ((i = 0; i < n; i++)); do
        cpu[$i]=$(awk -v k="$i" '$1 == k {print $2}' "$tmp/runs.txt" | median)
        mem[$i]=$(awk -v k="$i" '$1 == k {print $3}' "$tmp/runs.txt" | median)
        wall[$i]=$(awk -v k="$i" '$1 == k {print $4}' "$tmp/runs.txt" | median)
    done
    echo "#### $title: $((rows + 1)) rows x 7 columns ($cells cells), $(du -m "$file" | cut -f1) MB file, $(unzip -l "$file" "$entry" | tail -1 | awk '{print int($1 / 1048576)}') MiB of $entry; median of $rounds round(s)"
    echo
    echo "| run | CPU | × unzip -p | wall | × unzip -p | peak memory | × aim ($aim_mib MiB) |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    for ((i = 0; i < n; i++)); do
        python3 -c "import sys; n, c, m, u, w, uw = sys.argv[1], *map(float, sys.argv[2:]); print('| %s | %.2f s | %.2f | %.2f s | %.2f | %.0f MiB | %.2f |' % (n, c, c / u, w, w / max(uw, 0.01), m / 1024, m / 1024 / $aim_mib))" \
            "${names[$i]}" "${cpu[$i]}" "${mem[$i]}" "${cpu[0]}" "${wall[$i]}" "${wall[0]}"
    done
    echo
}

echo "Raw cell data: $raw_mib MiB (the numbers, 8 bytes each); aim: 2 × raw + 64 MiB = $aim_mib MiB."
[ -z "$base" ] || echo "Baseline build: $base ($(git -C "$base/.." log -1 --format=%h 2>/dev/null || echo '?'))."
echo
report ".ods" content.xml "$tmp/full.ods"
report ".xlsx" xl/worksheets/sheet1.xml "$tmp/full.xlsx"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg); $(date -u +%Y-%m-%d\ %H:%M) UTC"
