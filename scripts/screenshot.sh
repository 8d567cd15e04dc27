#!/bin/sh
# Render docs/screenshot-marks.png (a checked sheet with its marks and a
# comment) and docs/screenshot-report.png (the report sheet): the sample
# workbook validated in real LibreOffice with the extension installed in a
# throwaway profile. Usage: scripts/screenshot.sh [path/to/reportcheck.oxt]
# (libreoffice-calc-nogui cannot open a window, even on Xvfb: LibreOffice's
# own PNG export draws the sheets; see scripts/screenshot.py.)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OXT=${1:-$ROOT/build/package/reportcheck.oxt}
[ -f "$OXT" ] || { echo "no $OXT: build the target reportcheck_oxt first" >&2; exit 2; }
exec /usr/bin/python3 "$ROOT/scripts/screenshot.py" "$OXT" "$ROOT/docs"
