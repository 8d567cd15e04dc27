#!/usr/bin/env bash
# Benchmark of `reportcheck suggest` (issue 10) on the aggregation benchmark:
# 385 real spreadsheets with hand-annotated aggregations. Runs the trivial
# baseline in the same run, scores both with the benchmark's score.py and
# prints the time for all files. A measurement, never a test.
#
#   scripts/bench_suggest.sh BUILD_DIR [JOBS]
#
# The benchmark directory: $AGGR_BENCH, else ../shared/bench/aggr beside the
# checkout, else /work/shared/bench/aggr.
set -euo pipefail
build=${1:?usage: scripts/bench_suggest.sh BUILD_DIR [JOBS]}
jobs=${2:-2}
here=$(cd "$(dirname "$0")/.." && pwd)
bench=${AGGR_BENCH:-}
for d in "$bench" "$here/../shared/bench/aggr" /work/shared/bench/aggr; do
  if [ -n "$d" ] && [ -f "$d/truth.json" ]; then bench=$d; break; fi
done
[ -f "$bench/truth.json" ] || { echo "benchmark not found; set AGGR_BENCH" >&2; exit 2; }
cli=$build/engine/reportcheck
[ -x "$cli" ] || { echo "$cli: build it first (cmake --build $build --target reportcheck)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

files=("$bench"/validation/*.ods)
echo "files: ${#files[@]}  jobs: $jobs  machine: $(nproc) cores  $(date -u +%Y-%m-%dT%H:%MZ)"

# Reading alone: the same files through the same worker pool with an empty
# rules file (read, no rule) — the baseline the suggest time is a ratio of.
printf '# no rules: reading only\n' > "$out/empty.rules"
start=$(date +%s.%N)
"$cli" validate --ignore-embedded --rules "$out/empty.rules" -j "$jobs" "${files[@]}" > /dev/null
end=$(date +%s.%N)
read_s=$(echo "$end - $start" | bc)
echo "reading only (validate with no rules): $read_s s wall for ${#files[@]} files"

start=$(date +%s.%N)
"$cli" suggest "${files[@]}" --format json -j "$jobs" -o "$out/suggest.json"
end=$(date +%s.%N)
suggest_s=$(echo "$end - $start" | bc)
echo "reportcheck suggest: $suggest_s s wall for ${#files[@]} files ($(echo "scale=2; $suggest_s / $read_s" | bc)x reading only)"

start=$(date +%s.%N)
python3 "$bench/baseline_adjacent_sum.py" "$bench/validation" > "$out/baseline.json"
end=$(date +%s.%N)
echo "baseline_adjacent_sum.py: $(echo "$end - $start" | bc) s wall"

echo
echo "== reportcheck suggest =="
python3 "$bench/score.py" "$bench/truth.json" "$out/suggest.json" --label "reportcheck suggest" | grep -v '^SUMMARY'
echo
echo "== baseline (adjacent sums), same run =="
python3 "$bench/score.py" "$bench/truth.json" "$out/baseline.json" --label baseline | grep -v '^SUMMARY'
# Generalisation: the detectors were developed looking only at the files at
# even positions of validation/ (sorted by name); the odd half is held out.
python3 - "$bench" "$out" <<'PY'
import json, os, sys
bench, out = sys.argv[1], sys.argv[2]
names = sorted(os.listdir(os.path.join(bench, 'validation')))
truth = json.load(open(os.path.join(bench, 'truth.json')))
pred = json.load(open(os.path.join(out, 'suggest.json')))
# The third selection is the sample AggreCol itself was run on (README: files at
# positions i % 5 in {0, 1}), so that its figures compare with ours on the same files.
for half, pick in (('dev', lambda i: i % 2 == 0), ('held-out', lambda i: i % 2 == 1),
                   ('aggrecol-sample', lambda i: i % 5 in (0, 1))):
    keep = {n for i, n in enumerate(names) if pick(i)}
    json.dump({k: v for k, v in truth.items() if k in keep}, open(os.path.join(out, 'truth-%s.json' % half), 'w'))
    json.dump({'files': [f for f in pred['files'] if os.path.basename(f['path']) in keep]},
              open(os.path.join(out, 'suggest-%s.json' % half), 'w'))
PY
for half in dev held-out aggrecol-sample; do
  case $half in
    dev) what="dev half (files at even positions)" ;;
    held-out) what="held-out half (files at odd positions)" ;;
    *) what="AggreCol's own sample (files at positions i % 5 in {0, 1}; compare with the README's AggreCol table)" ;;
  esac
  echo
  echo "== reportcheck suggest, $what =="
  python3 "$bench/score.py" "$out/truth-$half.json" "$out/suggest-$half.json" --cells "$bench/numeric-cells.json" \
    --label "$half" | grep -v '^SUMMARY'
done
# Every draft must compile and run: one draft per file, linted against its
# workbook and validated with; a compile error or a crash is counted.
echo
echo "== drafts: compile and validate each file's draft =="
mkdir -p "$out/drafts"
draft_one() {
  cli=$1 f=$2 d=$3/$(basename "$2" .ods).rules
  "$cli" suggest "$f" -o "$d" >/dev/null 2>&1 || { echo "SUGGEST-FAILED $f"; return; }
  "$cli" lint "$d" --workbook "$f" >/dev/null 2>&1 || { echo "LINT-FAILED $f"; return; }
  "$cli" validate --ignore-embedded --rules "$d" "$f" >/dev/null 2>&1
  rc=$?
  [ $rc -le 1 ] || echo "VALIDATE-FAILED($rc) $f"
}
export -f draft_one
printf '%s\n' "${files[@]}" | xargs -P "$jobs" -I{} bash -c 'draft_one "$0" "$1" "$2"' "$cli" {} "$out/drafts" > "$out/drafts.log"
echo "drafts: ${#files[@]}; failures (suggest, lint, validate): $(grep -c . "$out/drafts.log" || true)"
head -5 "$out/drafts.log"
if [ -n "${KEEP_PREDICTIONS:-}" ]; then cp "$out/suggest.json" "$KEEP_PREDICTIONS"; fi
