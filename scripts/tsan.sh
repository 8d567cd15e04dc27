#!/usr/bin/env bash
# The command line's worker threads (`validate -j N`, `suggest -j N`) under
# ThreadSanitizer, in build-tsan/: any data race fails (the workers share one
# compiled rule set), and the output of every
# -j N run must equal the -j 1 run byte for byte (one file's report never
# depends on which thread read it). CI once saw them differ: libxml2's global
# set-up raced between two readers (engine/src/xml_ready.h).
#   bash scripts/tsan.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLO_SDK_DIR=/nonexistent \
      -DCMAKE_CXX_FLAGS="-fsanitize=thread" -DCMAKE_C_FLAGS="-fsanitize=thread" \
      -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" >/dev/null
cmake --build build-tsan -j"$(nproc)" --target reportcheck
cli=build-tsan/engine/reportcheck
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 suppressions=$PWD/scripts/tsan.supp"
fx=tests/fixtures
files=()
for f in embedded.ods embedded.xlsx embedded.fods small.ods small.xlsx; do files+=("$fx/$f" "$fx/$f"); done
files+=(sample-workbooks/bao-cao-536.ods sample-workbooks/bao-cao-536.ods)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run() {  # name, then the command's arguments; exit 0-2 are answers, anything else a failure
    local name=$1; shift
    local rc=0
    "$cli" "$@" >"$out/$name" 2>"$out/$name.err" || rc=$?
    if [ "$rc" -gt 2 ] || grep -q "ThreadSanitizer" "$out/$name.err"; then
        cat "$out/$name.err" >&2
        echo "tsan.sh: $name failed (exit $rc)" >&2
        exit 1
    fi
}
for j in 1 4; do
    # One compiled bundled set shared by every worker (RuleSet::run is const).
    run "validate-$j" validate -j "$j" --format json --ignore-embedded --rules-set report-536 "${files[@]}"
    run "validate-embedded-$j" validate -j "$j" --format json "${files[@]}"
    run "suggest-$j" suggest -j "$j" --format json "${files[@]}"
done
# A race between workers starting at once shows in a small share of runs (CI
# once saw libstdc++'s number-parsing cache built by two workers compiling
# their first rule together, 1 run in ~40 here): many short runs of eight
# workers, each starting on embedded rules, make such a start-up race likely
# to be seen rather than lucky to be.
stress=()
for f in embedded.ods embedded.xlsx embedded.ods embedded.fods embedded.ods embedded.xlsx embedded.ods embedded.fods; do
    stress+=("$fx/$f")
done
for i in $(seq 1 40); do
    run "stress-validate" validate -j 8 --format json "${stress[@]}"
    run "stress-suggest" suggest -j 8 --format json "${stress[@]}"
done
# A content.xml past 8 MiB is parsed in two halves by two threads
# (docs/READERS.md, "Two halves"): a sheet of 30,000 rows (26 MiB of XML), read
# by `cells`, then by `validate -j 2` twice at once, so that the halves' threads
# also meet another worker's.
python3 scripts/make_fullsize_sheet.py "$out/large" 29999 >/dev/null
for cmd in cells validate; do
    extra=()
    [ "$cmd" = validate ] && extra=(--rules "$out/large/full.rules" -j 2 "$out/large/full.ods")
    run "large-$cmd" "$cmd" "$out/large/full.ods" "${extra[@]}"
done
grep -q "^#sheet" "$out/large-cells" || { echo "tsan.sh: the large sheet was not read" >&2; exit 1; }
# A worksheet part past 8 MiB of an .xlsx is read in two halves too
# (engine/src/xlsx_reader.cpp, "Two halves"): 45,000 rows (9.7 MiB of XML).
python3 scripts/make_fullsize_sheet.py "$out/largex" 44999 >/dev/null
run "large-xlsx-cells" cells "$out/largex/full.xlsx"
run "large-xlsx-validate" validate --rules "$out/largex/full.rules" -j 2 "$out/largex/full.xlsx" "$out/largex/full.xlsx"
grep -q "^#sheet" "$out/large-xlsx-cells" || { echo "tsan.sh: the large .xlsx sheet was not read" >&2; exit 1; }
for name in validate validate-embedded suggest; do
    cmp "$out/$name-1" "$out/$name-4" || { echo "tsan.sh: $name -j 4 differs from -j 1" >&2; exit 1; }
    cmp "$out/$name-1.err" "$out/$name-4.err" || { echo "tsan.sh: $name -j 4 stderr differs" >&2; exit 1; }
done
echo "tsan.sh: no data race; -j 4 output identical to -j 1"
