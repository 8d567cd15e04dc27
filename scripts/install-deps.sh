#!/usr/bin/env bash
# Installs what ReportCheck needs on Debian 12, as root. Safe to run again.
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
  echo "Chạy với quyền root / run as root (sudo bash $0)" >&2
  exit 2
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends \
  ca-certificates cmake make g++ pkg-config \
  libmuparser-dev libzip-dev libxml2-dev libicu-dev liborcus-dev libexpat1-dev libgtest-dev \
  libreoffice-dev libreoffice-calc libreoffice-gtk3 libreoffice-l10n-vi python3 python3-uno \
  zip unzip xvfb xauth xdotool imagemagick fonts-dejavu-core procps \
  clang libclang-rt-14-dev llvm \
  libglpk-dev coinor-libcbc-dev \
  python3-openpyxl python3-xlsxwriter python3-odf gnumeric
# libreoffice-calc + libreoffice-gtk3 (not the -nogui variant, which cannot open a window) and
# libreoffice-l10n-vi, xvfb, xdotool: tests/integration/test_window.py runs Calc in a real window.
# clang + libclang-rt-14-dev: libFuzzer with ASan/UBSan for scripts/fuzz.sh (the
# g++ build of scripts/sanitize.sh uses GCC's own); llvm: llvm-symbolizer, for source lines.
# python3-openpyxl, python3-xlsxwriter, python3-odf, gnumeric (ssconvert): other producers'
# workbooks for tests/formats/producer_parity.py, read by LibreOffice and by us.
# libglpk-dev: the MIP solver of error localisation; coinor-libcbc-dev: only the benchmark
# that compares it with CBC (scripts/bench_locate.sh, docs/LOCALISATION.md).
