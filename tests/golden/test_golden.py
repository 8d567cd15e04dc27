#!/usr/bin/env python3
"""Golden test: `reportcheck validate` on the report's workbook with the report's
rules gives exactly the findings that were reviewed by hand against the source
(tests/golden/report-536.findings.json, explained in docs/FINDINGS-REVIEW.md).

    python3 tests/golden/test_golden.py build/engine/reportcheck [--update]
"""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLDEN = os.path.join(ROOT, 'tests', 'golden', 'report-536.findings.json')
WORKBOOK = os.path.join(ROOT, 'sample-workbooks', 'bao-cao-536.ods')
RULES = os.path.join(ROOT, 'rules', 'report-536.rules')


def findings(cli):
    out = subprocess.run([cli, 'validate', WORKBOOK, '--rules', RULES, '--format', 'json'],
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit('reportcheck failed (%d): %s%s' % (out.returncode, out.stdout, out.stderr))
    doc = json.loads(out.stdout)
    doc['files'][0]['path'] = 'bao-cao-536.ods'
    doc['files'][0]['rules'] = 'rules/report-536.rules'
    return out.returncode, doc


def key(f):
    return (f['sheet'], f.get('cell'), f['rule'], f['severity'], f.get('expected'), f.get('actual'), f.get('status'))


def main():
    cli = sys.argv[1]
    code, doc = findings(cli)
    if '--update' in sys.argv:
        with open(GOLDEN, 'w', encoding='utf-8') as f:
            json.dump(doc, f, ensure_ascii=False, indent=2)
            f.write('\n')
        print('updated', GOLDEN)
        return 0
    with open(GOLDEN, encoding='utf-8') as f:
        golden = json.load(f)
    got = [key(f) for f in doc['files'][0]['findings']]
    want = [key(f) for f in golden['files'][0]['findings']]
    missing = [k for k in want if k not in got]
    extra = [k for k in got if k not in want]
    for k in missing:
        print('MISSING (reviewed finding no longer reported):', k)
    for k in extra:
        print('EXTRA (not reviewed):', k)
    msgs_differ = [(a['rule'], a.get('cell')) for a, b in zip(doc['files'][0]['findings'], golden['files'][0]['findings'])
                   if a['message'] != b['message']]
    for m in msgs_differ:
        print('MESSAGE CHANGED:', m)
    # Error localisation's suspects (docs/LOCALISATION.md), reviewed with the findings.
    sus = ('suspects', 'suspectsTies', 'suspectsFailingChecks', 'suspectsNote')
    sus_differ = [(a['rule'], a.get('cell')) for a, b in zip(doc['files'][0]['findings'], golden['files'][0]['findings'])
                  if any(a.get(k) != b.get(k) for k in sus)]
    for m in sus_differ:
        print('SUSPECTS CHANGED:', m)
    if code != 1:
        print('expected exit code 1 (the report has findings), got', code)
    ok = not missing and not extra and not msgs_differ and not sus_differ and code == 1 and got == want
    print('golden: %d reviewed findings, %s' % (len(want), 'all match' if ok else 'MISMATCH'))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
