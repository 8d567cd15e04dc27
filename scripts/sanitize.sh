#!/usr/bin/env bash
# The engine's tests (GoogleTest, and the golden findings through the command
# line) built with AddressSanitizer + UBSan in build-asan/: a memory error, a
# leak or any undefined behaviour fails the test that reached it. The Calc
# extension is not built (an ASan library cannot be loaded into soffice).
#   bash scripts/sanitize.sh [CTEST_ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-asan -DREPORTCHECK_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DLO_SDK_DIR=/nonexistent >/dev/null
cmake --build build-asan -j"$(nproc)"
cd build-asan
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1
# The workbook test checks the sample file with LibreOffice: no engine code.
ctest --output-on-failure --timeout 1200 -LE workbook "$@"
