#!/usr/bin/env bash
# Builds the libFuzzer targets (build-fuzz/, clang, ASan + UBSan), replays the
# committed reproducers in fuzz/regressions/, then fuzzes each target for
# SECONDS (default 30) under the product's promise: every input ends within
# 10 s and 512 MiB. Crashes, timeouts and out-of-memory inputs are saved in
# build-fuzz/crashes/; the exit status is non-zero if there was any.
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# The corpus grows in build-fuzz/corpus/TARGET between runs; seeds are
# regenerated from the project's files each time (fuzz/make_seeds.py).
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift $(( $# > 0 ? 1 : 0 ))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_rules fuzz_ods fuzz_ods_split fuzz_embedded fuzz_expression fuzz_xlsx fuzz_xlsx_split fuzz_csv fuzz_formula)

set -e
cmake -S . -B build-fuzz -DREPORTCHECK_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLO_SDK_DIR=/nonexistent >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]}"
rm -rf build-fuzz/seeds
python3 fuzz/make_seeds.py build-fuzz/seeds
cat fuzz/ods.dict fuzz/rules.dict > build-fuzz/ods_rules.dict
set +e

declare -A dict=([fuzz_rules]=fuzz/rules.dict [fuzz_ods]=fuzz/ods.dict [fuzz_ods_split]=fuzz/ods.dict [fuzz_embedded]=build-fuzz/ods_rules.dict
                 [fuzz_expression]=fuzz/rules.dict [fuzz_xlsx]=fuzz/xlsx.dict [fuzz_xlsx_split]=fuzz/xlsx.dict [fuzz_csv]=fuzz/csv.dict [fuzz_formula]=fuzz/formula.dict)
limits=(-rss_limit_mb=512 -timeout=10)
# The memory limit is for the reader's own use. ASan's quarantine of freed
# blocks (256 MiB by default) counts in the process's RSS too, and with a corpus
# grown over many runs (fuzz_ods_split's 925 inputs of up to 57 KiB, each parsed
# twice) loading the corpus reached 491-557 MiB with it, 233-252 MiB with 64 MiB,
# which still holds freed blocks long enough to catch a use after free within
# one input.
export ASAN_OPTIONS="${ASAN_OPTIONS:-quarantine_size_mb=64}"
mkdir -p build-fuzz/crashes
failed=()
for t in "${targets[@]}"; do
  bin=build-fuzz/fuzz/$t
  regressions=(fuzz/regressions/$t/*)
  if [ -e "${regressions[0]}" ]; then
    echo "== $t: replaying ${#regressions[@]} reproducer(s) from fuzz/regressions/$t"
    for r in "${regressions[@]}"; do
      "$bin" "${limits[@]}" "$r" >build-fuzz/replay.log 2>&1 \
        || { failed+=("$r"); tail -n 30 build-fuzz/replay.log; }
    done
  fi
  echo "== $t: fuzzing for ${seconds}s"
  mkdir -p build-fuzz/corpus/$t
  "$bin" "${limits[@]}" -max_total_time="$seconds" -print_final_stats=1 \
         -dict="${dict[$t]}" -artifact_prefix="build-fuzz/crashes/$t-" \
         build-fuzz/corpus/$t build-fuzz/seeds/$t \
    || failed+=("$t (see build-fuzz/crashes/$t-*)")
done

if [ ${#failed[@]} -gt 0 ]; then
  printf 'FUZZ FAILED: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "fuzz: no crash, timeout or out-of-memory input"
