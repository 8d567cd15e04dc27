#!/usr/bin/python3
"""Workbooks written by producers other than LibreOffice (make_producer_files.py:
openpyxl, xlsxwriter, odfpy, gnumeric's ssconvert), read by LibreOffice (lo_cells.py:
the truth) and by our reader (`reportcheck cells FILE`), compared cell by cell with
corpus_parity.compare. Files named in ROUND_TRIP are also saved again by LibreOffice
as .ods, .fods and .xlsx (lo_NAME.EXT), and those compared the same way.

  producer_parity.py --reportcheck PATH [--out DIR] [--keep] [--only op|xw|odf|gn]

Prints a table per file and every difference; exits 1 on any difference not listed in
producer_known_differences.tsv (FILE WHICH REASON, WHICH a cell like 0!B7 or
'diff:START' as in corpus_known_differences.tsv, or '*' for the whole file), and on a
listed one that no longer happens. Besides the cells, each sheet's ROWS and COLS (the
used area) are compared: a difference there is '#dimsINDEX'. Our reader answering exit 2 with a message is a
refusal (a difference for every cell); any other exit, or no answer within --timeout
seconds, is a failure of its own. --out DIR keeps the files and both readings
(FILE.lo.tsv, FILE.rc.tsv); without it they go to a temporary directory, kept only
when the run fails.

Needs Debian's /usr/bin/python3 with python3-uno, python3-openpyxl, python3-xlsxwriter,
python3-odf, and gnumeric (ssconvert).
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from corpus_parity import compare, known, parse  # noqa: E402
import lo_cells  # noqa: E402
import make_producer_files  # noqa: E402

KNOWN = os.path.join(HERE, 'producer_known_differences.tsv')


# Characters str.splitlines() breaks a line at besides '\n': a text cell holding one
# (a CR from _x000D_ or &#13;, a U+2028) would cut its TSV line in two in parse(). Both
# readings print them raw (the truth format escapes only \n \t \\), so both are
# rewritten the same way before they are compared.
LINE_BREAKERS = '\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029'


def one_line_cells(text):
    for ch in LINE_BREAKERS:
        text = text.replace(ch, '\\u%04x' % ord(ch))
    return text


def listed(which, cell, what):
    return which == '*' or which == cell or (which.startswith('diff:') and what.startswith(which[5:]))


def ours(reportcheck, path, timeout):
    """-> (tsv text, problem or None)."""
    t0 = time.time()
    try:
        p = subprocess.run([reportcheck, 'cells', path], capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return '#error\thung\n', 'no answer within %d s' % timeout, time.time() - t0
    dt = time.time() - t0
    if p.returncode == 0:
        return p.stdout.decode('utf-8', 'replace'), None, dt
    err = p.stderr.decode('utf-8', 'replace').strip().replace('\n', ' ')
    if p.returncode == 2 and err:
        return '#error\trefused: %s\n' % err, None, dt
    return '#error\texit %d\n' % p.returncode, 'exit %d (crash?) %s' % (p.returncode, err[-200:]), dt


# Producer files LibreOffice also saves again as .ods, .fods and .xlsx, each then read
# as the others: how Calc writes what it read (xlsx conditions become data styles with
# style:map, or gain a ";General" section) must read as Calc reads it too.
ROUND_TRIP = ['xw_number_formats.xlsx']


def round_trips(out, files):
    made = []
    src = [f for f in files if os.path.basename(f) in ROUND_TRIP]
    if not src or shutil.which('soffice') is None:
        return made
    profile = tempfile.mkdtemp(prefix='rc-producers-lo-')
    try:
        for fmt in ('ods', 'fods', 'xlsx'):
            outdir = os.path.join(out, 'lo_' + fmt)
            subprocess.run(['soffice', '-env:UserInstallation=file://' + profile, '--headless', '--convert-to', fmt,
                            '--outdir', outdir] + src, capture_output=True, timeout=300)
            for f in src:
                p = os.path.join(outdir, os.path.splitext(os.path.basename(f))[0] + '.' + fmt)
                if not os.path.exists(p):  # a copy not made must not pass unchecked
                    raise SystemExit('LibreOffice did not save %s as .%s' % (os.path.basename(f), fmt))
                q = os.path.join(out, 'lo_' + os.path.basename(p))  # lo_xw_number_formats.ods
                os.replace(p, q)
                made.append(q)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return made


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--reportcheck', required=True)
    ap.add_argument('--out', help='keep files and readings here (default: a temporary directory)')
    ap.add_argument('--only', help='op, xw, odf or gn')
    ap.add_argument('--timeout', type=int, default=60)
    ap.add_argument('--known', default=KNOWN)
    a = ap.parse_args()
    t0 = time.time()
    out = a.out or tempfile.mkdtemp(prefix='rc-producers-')
    if a.out and os.path.isdir(out):
        shutil.rmtree(out)
    files = make_producer_files.make(out, a.only)
    files += round_trips(out, files)
    t_make = time.time() - t0
    expected = known(a.known)[0]
    rows, failures, problems = [], [], []
    truths = {}
    t1 = time.time()
    with lo_cells.Dumper(timeout=a.timeout) as d:
        for f in files:
            truths[f] = d.dump(f)
    t_lo = time.time() - t1
    t2 = time.time()
    total = equal = 0
    for f in files:
        name = os.path.basename(f)
        truth = truths[f]
        with open(f + '.lo.tsv', 'w', encoding='utf-8') as o:
            o.write(truth)
        text, problem, secs = ours(a.reportcheck, f, a.timeout)
        with open(f + '.rc.tsv', 'w', encoding='utf-8') as o:
            o.write(text)
        if problem:
            problems.append('%s: %s' % (name, problem))
        if parse(truth)[2]:
            rows.append((name, 'LibreOffice cannot load: ' + parse(truth)[2], '', '', []))
            failures.append('%s: LibreOffice cannot load it (%s)' % (name, parse(truth)[2]))
            continue
        truth, text = one_line_cells(truth), one_line_cells(text)
        n, ok, diffs = compare(truth, text)
        # compare() checks the sheets' names; their used area (ROWS COLS) too
        tdims = [l.split('\t')[1:] for l in truth.splitlines() if l.startswith('#sheet\t')]
        odims = [l.split('\t')[1:] for l in text.splitlines() if l.startswith('#sheet\t')]
        if not parse(text)[2] and [d[1] for d in tdims] == [d[1] for d in odims]:
            for td, od in zip(tdims, odims):
                # An empty sheet: Calc's used area is its first cell (1x1), ours nothing (0x0).
                if td[2:] == ['1', '1'] and od[2:] == ['0', '0']:
                    continue
                if td[2:] != od[2:]:
                    diffs.append(('#dims%s' % td[0], 'used area %s, ours %s (sheet %s)'
                                  % ('x'.join(td[2:]), 'x'.join(od[2:]), td[1])))
        total += n
        equal += ok
        allowed = expected.get(name, [])
        used, unlisted = set(), []
        for cell, what in diffs:
            hit = [w for w in allowed if listed(w, cell, what)]
            used.update(hit)
            if not hit:
                unlisted.append((cell, what))
                failures.append('%s %s: %s' % (name, cell, what))
        for which in allowed:
            if which not in used:
                failures.append('%s %s: listed as a known difference but no longer happens: remove it from %s'
                                % (name, which, os.path.basename(a.known)))
        tc, oc = parse(truth)[1], parse(text)[1]

        def line(cells, cell):
            if '!' not in cell:
                return '-'
            s, a1 = cell.split('!')
            c = cells.get((int(s), a1))
            return '-' if c is None else ' '.join(repr(x) if i in (1, 2) else x for i, x in enumerate(c))
        diffs = [(cell, what + '   [LibreOffice: %s | ours: %s]' % (line(tc, cell), line(oc, cell)))
                 for cell, what in diffs]
        rows.append((name, n, ok, '%.2f' % secs, diffs, len(diffs) - len(unlisted)))
    t_rc = time.time() - t2
    print('| file | cells (LibreOffice) | equal | differences | of them known | reportcheck s |')
    print('| --- | ---: | ---: | ---: | ---: | ---: |')
    for r in rows:
        if len(r) == 5:
            print('| %s | %s | | | | |' % (r[0], r[1]))
        else:
            print('| %s | %d | %d | %d | %d | %s |' % (r[0], r[1], r[2], len(r[4]), r[5], r[3]))
    print()
    for r in rows:
        if len(r) == 6 and r[4]:
            print('%s:' % r[0])
            for cell, what in r[4]:
                print('    %s %s' % (cell, what))
    print()
    for p in problems:
        print('PROBLEM ' + p)
    for f in failures:
        print('FAIL ' + f)
    print('%d files, %d cells, %d equal (%.2f %%); make %.1f s, LibreOffice %.1f s, reportcheck %.1f s, total %.1f s'
          % (len(files), total, equal, 100.0 * equal / max(1, total), t_make, t_lo, t_rc, time.time() - t0))
    if problems or failures or a.out:
        print('files and readings in %s' % out)
    else:
        shutil.rmtree(out, ignore_errors=True)
    if problems or failures:
        print('%d passed, %d failed' % (len(files) - len({f.split(' ')[0].rstrip(':') for f in failures + problems}),
                                        len({f.split(' ')[0].rstrip(':') for f in failures + problems})))
        return 1
    print('%d passed, 0 failed' % len(files))
    return 0


if __name__ == '__main__':
    sys.exit(main())
