#!/usr/bin/env python3
"""Every cell of the corpus as LibreOffice 7.4 reads it (../shared/corpus/ods/*.ods.tsv)
against what our reader gives (`reportcheck cells FILE`, or .tsv files already made by
build/engine/reportcheck_bench_readers).

  corpus_parity.py --reportcheck build/engine/reportcheck [--corpus DIR]     (ctest: the .ods)
  corpus_parity.py --reportcheck … --convert xlsx|fods                         (ctest: the corpus
        saved by LibreOffice as .xlsx / .fods, against the same truth; needs soffice)
  /usr/bin/python3 corpus_parity.py --reportcheck … --convert csv             (ctest: the first
        sheets saved as .csv, against LibreOffice's reading of each .csv: lo_cells.py)
  corpus_parity.py --produced OUTDIR [--ext ods|xlsx|fods] [--table]           (docs/READERS.md)

A cell matches when its kind is the same, numbers agree within 1e-13 relative (dates
are serial numbers), text is the same, and for numbers the decimals shown are the same.
Known differences are listed, with reasons, in corpus_known_differences.tsv (a reason
starting 'volatile:' may come and go: TODAY() equals the truth on the day it was made):
FORMAT FILE WHICH REASON, where WHICH is a cell (0!B7), or 'diff:' and the start of
the difference ("diff:kind N, ours T"). With --reportcheck the test fails on any
difference not listed, and on a listed one that no longer happens (so the list stays
true). Files LibreOffice could not load (#error in their .tsv) must give a clean
error or a result, never a crash or a hang.
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def parse(text):
    sheets, cells, error = [], {}, None
    for line in text.splitlines():
        f = line.split('\t')
        if f[0] == '#sheet':
            sheets.append(f[2])
        elif f[0] == '#error':
            error = f[1] if len(f) > 1 else 'error'
        elif f[0].startswith('#') or len(f) < 6:
            continue
        else:
            cells[(int(f[0]), f[1])] = (f[2], f[3], f[4], f[5])
    return sheets, cells, error


def same(want, got):
    kind, value, text, dec = want
    gkind, gvalue, gtext, gdec = got
    if kind != gkind:
        return 'kind %s, ours %s' % (kind, gkind)
    if kind == 'N':
        a, b = float(value), float(gvalue)
        if abs(a - b) > 1e-13 * max(abs(a), abs(b)):
            return 'value %s, ours %s' % (value, gvalue)
        if dec != gdec:
            return 'decimals %s, ours %s' % (dec, gdec)
        return None
    if text != gtext:
        return 'text %r, ours %r' % (text[:40], gtext[:40])
    return None


def compare(truth_text, ours_text):
    """-> (cells in truth, matched, [(cell, what)]); cell '*' for the whole file."""
    tsheets, tcells, terror = parse(truth_text)
    osheets, ocells, oerror = parse(ours_text)
    if terror:
        return 0, 0, []
    if oerror:
        return len(tcells), 0, [('*', 'our reader failed: ' + oerror)]
    diffs = []
    if tsheets != osheets:
        diffs.append(('#sheets', 'sheets %s, ours %s' % (tsheets, osheets)))
    unequal = 0
    for key, want in tcells.items():
        got = ocells.get(key)
        what = 'missing' if got is None else same(want, got)
        if what:
            unequal += 1
            diffs.append(('%d!%s' % key, what))
    for key in ocells:
        if key not in tcells:
            diffs.append(('%d!%s' % key, 'extra cell %s %r' % (ocells[key][0], (ocells[key][1] or ocells[key][2])[:40])))
    return len(tcells), len(tcells) - unequal, diffs


def default_corpus():
    """../shared/corpus beside the repository; from a git worktree, beside the main checkout."""
    if os.environ.get('REPORTCHECK_CORPUS'):
        return os.environ['REPORTCHECK_CORPUS']
    here = os.path.join(REPO, '..', 'shared', 'corpus')
    if os.path.isdir(here):
        return here
    try:
        common = subprocess.run(['git', '-C', REPO, 'rev-parse', '--path-format=absolute', '--git-common-dir'],
                                capture_output=True, text=True, timeout=10).stdout.strip()
        if common:
            return os.path.join(os.path.dirname(os.path.dirname(common)), 'shared', 'corpus')
    except (OSError, subprocess.SubprocessError):
        pass
    return here


def col_name(c):
    """0 -> 'A', 26 -> 'AA'."""
    s = ''
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def known(path, fmt=None):
    """{file: [which]} for one format, and the set of (file, which) whose reason starts
    with 'volatile:' — a formula Calc recalculates on load (TODAY, NOW, INFO): it differs
    or not depending on the day the corpus, or a conversion of it, was made. Lines are
    FORMAT FILE WHICH REASON; with fmt None (producer_known_differences.tsv) FILE WHICH REASON."""
    out = {}
    volatile = set()
    if not os.path.exists(path):
        return out, volatile
    for line in open(path, encoding='utf-8'):
        if line.startswith('#') or not line.strip():
            continue
        f = line.rstrip('\n').split('\t')
        if fmt is not None:
            if f[0] != fmt:
                continue
            f = f[1:]
        if len(f) >= 2:
            out.setdefault(f[0], []).append(f[1])
            if len(f) >= 3 and f[2].startswith('volatile:'):
                volatile.add((f[0], f[1]))
    return out, volatile


def listed(which, cell, what):
    return which == cell or (which.startswith('diff:') and what.startswith(which[5:]))


def convert(files, fmt, outdir):
    profile = os.path.join(outdir, 'lo-profile')
    subprocess.run(['soffice', '-env:UserInstallation=file://' + profile, '--headless', '--convert-to', fmt,
                    '--outdir', outdir] + files, capture_output=True, timeout=1800)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--corpus', default=None, help='default: $REPORTCHECK_CORPUS or ../shared/corpus')
    ap.add_argument('--reportcheck')
    ap.add_argument('--produced')
    ap.add_argument('--ext', default='ods', help='--produced: the .tsv files are NAME.EXT.tsv '
                    '(the corpus converted by LibreOffice to xlsx or fods)')
    ap.add_argument('--table', action='store_true', help='markdown table per file')
    ap.add_argument('--known', default=os.path.join(HERE, 'corpus_known_differences.tsv'))
    ap.add_argument('--convert', choices=['xlsx', 'fods', 'csv'],
                    help='read the corpus as LibreOffice saves it in this format (csv: its first sheet, '
                         'against LibreOffice reading that CSV)')
    a = ap.parse_args()
    ods_dir = os.path.join(a.corpus or default_corpus(), 'ods')
    if not os.path.isdir(ods_dir):
        # CI has the corpus; a checkout without it cannot run this test.
        print('SKIP: no corpus at %s (CI has it: /work/shared/corpus)' % os.path.abspath(ods_dir))
        return 0
    files = sorted(f for f in os.listdir(ods_dir) if f.endswith('.ods'))
    fmt = a.convert or (a.ext if a.produced else 'ods')
    expected, volatile = known(a.known, fmt)
    source = {name: os.path.join(ods_dir, name) for name in files}
    tmp = None
    if a.convert:
        import shutil
        import tempfile
        if not shutil.which('soffice'):
            print('SKIP: --convert needs soffice (LibreOffice)')
            return 0
        tmp = tempfile.mkdtemp(prefix='rc-corpus-')
        loadable = [os.path.join(ods_dir, n) for n in files
                    if os.path.exists(os.path.join(ods_dir, n + '.tsv'))
                    and '#error' not in open(os.path.join(ods_dir, n + '.tsv'), encoding='utf-8').read()]
        convert(loadable, a.convert, tmp)
        source = {}
        for n in files:
            p = os.path.join(tmp, n[:-len('.ods')] + '.' + a.convert)
            if os.path.exists(p):
                source[n] = p
        files = sorted(source)
    # A CSV keeps the first sheet's values as shown, not the file's cells: the truth is
    # LibreOffice's reading of the CSV itself (lo_cells.py; Debian's python3 with uno).
    csv_truth = {}
    if a.convert == 'csv':
        sys.path.insert(0, HERE)
        import lo_cells
        with lo_cells.Dumper(timeout=120) as d:
            for n in files:
                csv_truth[n] = d.dump(source[n])
    failures, rows, total_cells, total_matched = [], [], 0, 0
    for name in files:
        truth_path = os.path.join(ods_dir, name + '.tsv')
        if not os.path.exists(truth_path):
            continue
        truth = csv_truth[name] if a.convert == 'csv' else open(truth_path, encoding='utf-8').read()
        if a.produced:
            produced = os.path.join(a.produced, name[:-len('.ods')] + '.' + a.ext + '.tsv')
            if not os.path.exists(produced):
                continue
            ours = open(produced, encoding='utf-8').read()
        else:
            try:
                p = subprocess.run([a.reportcheck, 'cells', source[name]],
                                   capture_output=True, timeout=60)
            except subprocess.TimeoutExpired:
                failures.append('%s: no answer within 60 s' % name)
                continue
            if p.returncode not in (0, 2) or (p.returncode == 2 and not p.stderr.strip()):
                failures.append('%s: exit %d (crash?) %s' % (name, p.returncode, p.stderr[-200:]))
                continue
            ours = p.stdout.decode('utf-8') if p.returncode == 0 else \
                '#error\t' + p.stderr.decode('utf-8', 'replace').strip().replace('\n', ' ') + '\n'
        n, matched, diffs = compare(truth, ours)
        total_cells += n
        total_matched += matched
        if parse(truth)[2]:
            rows.append((name, 'LibreOffice cannot load', '-', (parse(ours)[2] or 'read')[:60]))
            continue
        rows.append((name, n, matched, '; '.join('%s %s' % d for d in diffs[:3]) + (' …' if len(diffs) > 3 else '')))
        allowed = expected.get(name, [])
        used = set()
        for cell, what in diffs:
            hit = [w for w in allowed if listed(w, cell, what)]
            used.update(hit)
            if not hit:
                failures.append('%s %s %s: %s' % (fmt, name, cell, what))
        for which in allowed:
            if which not in used and (name, which) not in volatile:
                failures.append('%s %s %s: listed as a known difference but no longer happens: '
                                'remove it from %s' % (fmt, name, which, os.path.basename(a.known)))
    if a.table:
        print('| file | cells (LibreOffice) | equal | differences |')
        print('| --- | ---: | ---: | --- |')
        for r in rows:
            print('| %s | %s | %s | %s |' % (r[0].replace('__', ' ').replace('|', '/'), r[1], r[2], str(r[3]).replace('|', '/')))
    print('%d files, %d cells, %d equal (%.2f %%)' % (len(rows), total_cells, total_matched,
                                                       100.0 * total_matched / max(1, total_cells)))
    if tmp:
        import shutil
        shutil.rmtree(tmp, ignore_errors=True)
    if a.reportcheck:
        for f in failures:
            print('FAIL ' + f)
        return 1 if failures else 0
    return 0


if __name__ == '__main__':
    sys.exit(main())
