#!/usr/bin/env bash
# Quick start, step 1: install the Debian packages, build the engine, the
# command line and the .oxt, then validate the bundled report workbook.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)"
echo
echo "== reportcheck validate sample-workbooks/bao-cao-536.ods =="
status=0
./build/engine/reportcheck validate sample-workbooks/bao-cao-536.ods || status=$?
# 1 means "findings": the report's own inconsistencies, which is what we want to see.
if [ "$status" -gt 1 ]; then exit "$status"; fi
echo
echo "Extension / tiện ích: build/package/reportcheck.oxt (cài: unopkg add --shared build/package/reportcheck.oxt)"
