#!/bin/sh
# The README's screenshots (docs/screenshot-marks.png, docs/screenshot-report.png)
# from a real LibreOffice window: the GUI LibreOffice under Xvfb with the built
# .oxt, the sample workbook validated, the window captured (scripts/screenshots.py,
# on the window tests' harness tests/integration/window.py).
# Needs the Debian packages libreoffice-calc, libreoffice-gtk3, libreoffice-l10n-vi,
# xvfb, xdotool and imagemagick.
# Usage: scripts/screenshots.sh [path/to/reportcheck.oxt] [vi|en-US]
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OXT=${1:-$ROOT/build/package/reportcheck.oxt}
LANG_UI=${2:-vi}
[ -f "$OXT" ] || { echo "no $OXT: build the target reportcheck_oxt first" >&2; exit 2; }
exec /usr/bin/python3 "$ROOT/scripts/screenshots.py" "$OXT" "$ROOT/docs" "$LANG_UI"
