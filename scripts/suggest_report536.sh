#!/usr/bin/env bash
# Issue 10 on report 536: draft the rules with `reportcheck suggest`, validate
# the workbook with only the draft, and compare with the hand-written rules'
# errors (how many the draft finds; error findings on sheets where the
# hand-written rules find none). Also drafts the blank template.
#   scripts/suggest_report536.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: scripts/suggest_report536.sh BUILD_DIR}
cd "$(dirname "$0")/.."
cli=$build/engine/reportcheck
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$cli" suggest sample-workbooks/bao-cao-536.ods -o "$tmp/draft.rules"
"$cli" lint "$tmp/draft.rules"
"$cli" validate --ignore-embedded --rules "$tmp/draft.rules" sample-workbooks/bao-cao-536.ods --format json > "$tmp/draft.json" || true
"$cli" validate sample-workbooks/bao-cao-536.ods --format json > "$tmp/hand.json" || true
python3 - "$tmp/hand.json" "$tmp/draft.json" <<'PY'
import json, sys
def errors(path):
    f = json.load(open(path))['files'][0]
    return [(x['sheet'], x['cell']) for x in f['findings'] if x['severity'] == 'error']
hand, draft = errors(sys.argv[1]), errors(sys.argv[2])
found = [h for h in hand if h in set(draft)]
print('hand-written rules: %d errors; the draft finds %d of them' % (len(hand), len(found)))
for h in hand:
    print('  %-10s %-5s %s' % (h[0], h[1], 'found' if h in found else 'missed'))
clean = [d for d in draft if d[0] not in {h[0] for h in hand}]
print('draft errors on sheets where the hand-written rules find none: %d' % len(clean))
for d in clean:
    print('  %-10s %s' % d)
PY
"$cli" suggest sample-workbooks/mau-trong.ods -o "$tmp/blank.rules"
echo "blank template:"
"$cli" validate --ignore-embedded --rules "$tmp/blank.rules" sample-workbooks/mau-trong.ods | grep -v "^$" | tail -1
