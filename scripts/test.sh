#!/usr/bin/env bash
# Quick start, step 2: the whole test suite (engine unit tests, the sample
# workbook, the golden findings, and the extension in real headless LibreOffice),
# then, because workbooks and their rules come from strangers (docs/SECURITY.md),
# the engine's tests again under ASan + UBSan, the CLI's worker threads under
# ThreadSanitizer, and a short fuzz run of each
# target (REPORTCHECK_FUZZ_SECONDS each, default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)"
(cd build && ctest --output-on-failure --timeout 1200 "$@")
bash scripts/sanitize.sh
bash scripts/tsan.sh
bash scripts/fuzz.sh "${REPORTCHECK_FUZZ_SECONDS:-20}"
