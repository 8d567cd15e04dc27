#!/usr/bin/env bash
# Quick start, step 2: the whole test suite (engine unit tests, the sample
# workbook, the golden findings, and the extension in real headless LibreOffice).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)"
cd build
ctest --output-on-failure --timeout 1200 "$@"
