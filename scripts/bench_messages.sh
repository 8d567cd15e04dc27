#!/usr/bin/env bash
# What findings in the table's words cost (issue 9 item 2): every finding names
# its row label, block and column header, found in the workbook when the
# finding is made (a bounded walk up its column, engine/src/evaluator.cpp
# headerOf / blockOf). Three .csv tables of 200,000 rows, 10 rules over 20,000
# rows each, in the same go:
#   pass      every instance holds: no finding (the baseline);
#   fail      every instance fails: 10,000 findings listed (the run's cap), the
#             header in row 1;
#   fail-far  the same with the header 5,000 rows above the checked rows and
#             labels that repeat (every walk runs to its bound, every block is
#             looked for): the worst case for the words.
# CPU time (user + system) and peak memory (max RSS) of `validate --format
# json`; best of 5 runs.
# With a second command line (a build of the commit before the words, e.g.
# from `git archive`), the same tables run with it too: the ratio of the two is
# what the words cost. Prints a markdown table for docs/BENCHMARKS.md.
#   bash scripts/bench_messages.sh [BUILD_DIR] [BASELINE_REPORTCHECK]      (default build/)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cli=$build/engine/reportcheck
base=${2:-}
cmake --build "$build" --target reportcheck >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import os, sys
tmp = sys.argv[1]
rows = 200000
def table(name, fail, far):
    with open(os.path.join(tmp, name + '.csv'), 'w', encoding='utf-8') as f:
        f.write('Đơn vị,Dân số,Gấp đôi\n')
        for _ in range(5000 if far else 0):
            f.write(',,\n')
        for i in range(rows):
            label = 'Xã %d' % (i % 50 if far else i)
            f.write('%s,%d,%d\n' % (label, i, 2 * i + (1 if fail else 0)))
    start = 2 + (5000 if far else 0)
    with open(os.path.join(tmp, name + '.rules'), 'w', encoding='utf-8') as f:
        f.write('sheet "%s"\nlabels A\n' % name)
        for k in range(10):
            a = start + k * 20000
            f.write('check M.%d: C = B * 2\n  for rows %d:%d\n' % (k, a, a + 19999))
for name, fail, far in (('pass', False, False), ('fail', True, False), ('fail-far', True, True)):
    table(name, fail, far)
PY
measure() {  # least CPU time and its max RSS (KiB) of 5 runs: "seconds kib"
    python3 - "$@" <<'PY'
import resource, subprocess, sys, time, os
best = None
for _ in range(5):
    s = time.perf_counter()
    p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    # CPU time (user + system), not wall time: the machine is shared, and a
    # neighbour's load would otherwise decide the ratio.
    t = ru.ru_utime + ru.ru_stime
    if best is None or t < best[0]:
        best = (t, ru.ru_maxrss)
print(best[0], best[1])
PY
}
declare -A t m bt bm
for name in pass fail fail-far; do
    read -r t[$name] m[$name] < <(measure "$cli" validate --rules "$tmp/$name.rules" --format json "$tmp/$name.csv")
    if [ -n "$base" ]; then
        read -r bt[$name] bm[$name] < <(measure "$base" validate --rules "$tmp/$name.rules" --format json "$tmp/$name.csv")
    fi
done
ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
count() { "$1" validate --rules "$tmp/$2.rules" --format json "$tmp/$2.csv" 2>/dev/null |
          python3 -c 'import json,sys; print(len(json.load(sys.stdin)["files"][0]["findings"]))' || true; }
if [ -n "$base" ]; then
    printf '| table | findings | time | baseline (before the words) | ratio | max RSS | baseline | ratio |\n'
    printf '| --- | --- | --- | --- | --- | --- | --- | --- |\n'
    for name in pass fail fail-far; do
        printf '| %s | %s | %.3f s | %.3f s | %s× | %d MiB | %d MiB | %s× |\n' "$name" "$(count "$cli" "$name")" "${t[$name]}" \
            "${bt[$name]}" "$(ratio "${t[$name]}" "${bt[$name]}")" "$(( ${m[$name]} / 1024 ))" "$(( ${bm[$name]} / 1024 ))" \
            "$(ratio "${m[$name]}" "${bm[$name]}")"
    done
else
    printf '| table | findings | time | ratio to pass | max RSS | ratio to pass |\n| --- | --- | --- | --- | --- | --- |\n'
    for name in pass fail fail-far; do
        printf '| %s | %s | %.3f s | %s× | %d MiB | %s× |\n' "$name" "$(count "$cli" "$name")" "${t[$name]}" \
            "$(ratio "${t[$name]}" "${t[pass]}")" "$(( ${m[$name]} / 1024 ))" "$(ratio "${m[$name]}" "${m[pass]}")"
    done
fi
echo
echo "machine: $(nproc) cores, $(uname -m); $(date -u +%Y-%m-%d)"
