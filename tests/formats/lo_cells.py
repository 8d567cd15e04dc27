#!/usr/bin/python3
"""Every non-empty cell of a workbook as LibreOffice reads it, in the format of the
corpus's truth files (../shared/corpus/ods/*.ods.tsv, see its README.md):

  #sheet  INDEX  NAME  ROWS  COLS
  SHEET   A1     KIND  VALUE  TEXT  DECIMALS

  lo_cells.py FILE...                  one dump after the other on stdout
  lo_cells.py --out DIR FILE...        DIR/BASENAME.tsv for each file
  lo_cells.py --csv-options OPTS FILE...
                                       .csv/.txt/.tsv loaded with Calc's Text Import and these
                                       FilterOptions (separator, quote, charset, first line,
                                       column types, language, quoted as text, special numbers)
  lo_cells.py --check-corpus [--corpus DIR]
                                       dump the corpus's .ods files and compare each with its
                                       .tsv (corpus_parity.compare); exit 1 on a difference
                                       that is not a volatile formula (NOW, TODAY, RAND, INFO)

One headless soffice (own profile under /tmp, own port) for all files; each file is
loaded hidden and read-only, and read with one getDataArray per sheet's used area plus
bulk queries: queryContentCells (which cells exist), queryFormulaCells (which give an
error: their text per cell, as Calc shows it), getUniqueCellFormatRanges (the number
format of every cell, one property read per distinct format).

Formula cells whose format is General: Calc shows them in the format it infers from the
formula (=A1 shows A1's 0.0 %), and it does so by setting the cell's NumberFormat
attribute when it interprets the formula (a cell loaded without a cached result, or one
recalculated on load). getDataArray interprets every dirty cell, so the formats are read
after it: read before, such a cell still has General. A cell whose cached result Calc
keeps is not interpreted and keeps the format of the file (as Calc shows it).

Cells: what getDataArray gives that is not an empty text. An empty text cell (ODS
<text:p/>, a formula giving "") is not listed, as in the truth files; booleans are
numbers (1/0), dates serial days since 1899-12-30. DECIMALS: the fixed decimals of a
number, percent or currency format, -1 for General and any other kind (date, time,
scientific, fraction, boolean, text).

A file LibreOffice cannot load gets '#error\tREASON'; if soffice dies or hangs on a
file (--timeout) it is killed and restarted for the next.

Run with Debian's /usr/bin/python3 (python3-uno).
"""
import argparse
import os
import re
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, 'tests', 'integration'))

import uno  # noqa: E402
from corpus_parity import col_name  # noqa: E402
from lohelper import OfficeProcess, props  # noqa: E402

CellFlags = 'com.sun.star.sheet.CellFlags.'
VALUE = uno.getConstantByName(CellFlags + 'VALUE')
DATETIME = uno.getConstantByName(CellFlags + 'DATETIME')
STRING = uno.getConstantByName(CellFlags + 'STRING')
FORMULA = uno.getConstantByName(CellFlags + 'FORMULA')
ERROR_RESULT = uno.getConstantByName('com.sun.star.sheet.FormulaResult.ERROR')
NF = 'com.sun.star.util.NumberFormat.'
T_NUMBER = uno.getConstantByName(NF + 'NUMBER')
T_PERCENT = uno.getConstantByName(NF + 'PERCENT')
T_CURRENCY = uno.getConstantByName(NF + 'CURRENCY')
T_OTHER = 0
for _n in ('DATE', 'TIME', 'SCIENTIFIC', 'FRACTION', 'TEXT', 'LOGICAL'):
    T_OTHER |= uno.getConstantByName(NF + _n)

MAX_MEMORY = 8 << 30  # soffice's address space: a hostile file fails an allocation, not the machine


def num(v):
    if v == 0:
        return '0'
    return '%.15g' % v


def esc(s):
    return s.replace('\\', '\\\\').replace('\n', '\\n').replace('\t', '\\t')


def cells_of(ranges):
    """(row, col) of every cell of an XSheetCellRanges."""
    out = []
    if ranges is None:
        return out
    for a in ranges.getRangeAddresses():
        for r in range(a.StartRow, a.EndRow + 1):
            for c in range(a.StartColumn, a.EndColumn + 1):
                out.append((r, c))
    return out


class Formats:
    """Decimals a number format key shows: the fixed decimals of a number, percent or
    currency format; -1 for General (the locale's standard format) and every other kind
    (date, time, scientific, fraction, boolean, text)."""

    def __init__(self, doc):
        self.formats = doc.getNumberFormats()
        self.cache = {}

    def info(self, key):
        got = self.cache.get(key)
        if got is None:
            f = self.formats.getByKey(key)
            t = f.getPropertyValue('Type')
            general = self.formats.getStandardIndex(f.getPropertyValue('Locale')) == key
            if not general and (t & (T_NUMBER | T_PERCENT | T_CURRENCY)) and not (t & T_OTHER):
                d = int(f.getPropertyValue('Decimals'))
            else:
                d = -1
            got = self.cache[key] = (d, general)
        return got


class Dumper:
    def __init__(self, timeout=120, log=None, csv_options=None):
        # Calc's Text Import options for .csv/.txt files (FilterOptions of its CSV filter:
        # separators, quote, character set, first line, column types, language…), or None
        # for what a plain load does.
        self.csv_options = csv_options
        self.timeout = timeout
        self.lo = None
        self.log = log or (lambda s: None)

    def start(self):
        if self.lo is None:
            self.lo = OfficeProcess(profile_dir=None, max_memory=MAX_MEMORY).start()
        return self.lo

    def stop(self):
        if self.lo is not None:
            self.lo.stop()
            self.lo = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    def dump(self, path, formulas=None):
        """-> the file's TSV text. `formulas`: a dict filled with {(sheet, 'A1'): formula}
        of every formula cell (for --check-corpus)."""
        lo = self.start()
        # A watchdog: a file that makes soffice hang is ended by killing soffice.
        done = threading.Event()
        fired = []

        def watch():
            if not done.wait(self.timeout):
                fired.append(1)
                lo.kill_group()
        w = threading.Thread(target=watch, daemon=True)
        w.start()
        try:
            return self._dump(lo, path, formulas)
        except Exception as e:  # noqa: BLE001 — any failure is the file's row
            msg = ('no answer within %d s' % self.timeout) if fired else \
                (str(e).splitlines() or [type(e).__name__])[0]
            if fired or lo.proc.poll() is not None:
                try:
                    lo.kill_group()
                finally:
                    self.lo = None
                    lo.proc = None
            return '#error\t%s\n' % msg
        finally:
            done.set()

    def _dump(self, lo, path, formulas):
        t0 = time.time()
        url = uno.systemPathToFileUrl(os.path.abspath(path))
        extra = {}
        if self.csv_options is not None and os.path.splitext(path)[1].lower() in ('.csv', '.txt', '.tsv'):
            extra = dict(FilterName='Text - txt - csv (StarCalc)', FilterOptions=self.csv_options)
        doc = lo.desktop.loadComponentFromURL(url, '_blank', 0, props(Hidden=True, ReadOnly=True, **extra))
        if doc is None:
            return '#error\tload returned None\n'
        t1 = time.time()
        out = []
        try:
            if not hasattr(doc, 'getSheets'):
                return '#error\tnot a spreadsheet\n'
            fmts = Formats(doc)
            sheets = doc.getSheets()
            for i in range(sheets.getCount()):
                sh = sheets.getByIndex(i)
                self._sheet(sh, i, fmts, out, formulas)
            t2 = time.time()
            out.append('#load_ms\t%.1f' % ((t1 - t0) * 1000))
            out.append('#dump_ms\t%.1f' % ((t2 - t1) * 1000))
        finally:
            try:
                doc.close(True)
            except Exception:  # noqa: BLE001
                pass
        return '\n'.join(out) + '\n'

    def _sheet(self, sh, index, fmts, out, formulas):
        cur = sh.createCursor()
        cur.gotoEndOfUsedArea(False)
        end = cur.getRangeAddress()
        rows, cols = end.EndRow + 1, end.EndColumn + 1
        out.append('#sheet\t%d\t%s\t%d\t%d' % (index, sh.getName(), rows, cols))
        area = sh.getCellRangeByPosition(0, 0, cols - 1, rows - 1)
        present = sorted(cells_of(area.queryContentCells(VALUE | DATETIME | STRING | FORMULA)))
        if not present:
            return
        data = area.getDataArray()
        formula_cells = set(cells_of(area.queryContentCells(FORMULA)))
        errors = set(cells_of(area.queryFormulaCells(ERROR_RESULT))) if formula_cells else set()
        # Number format key of every cell: one read per distinct format. After
        # getDataArray: the formulas it interpreted have their inferred format now.
        key_at = {}
        for rs in area.getUniqueCellFormatRanges():
            key = rs.getPropertyValue('NumberFormat')
            for a in rs.getRangeAddresses():
                for r in range(a.StartRow, a.EndRow + 1):
                    for c in range(a.StartColumn, a.EndColumn + 1):
                        key_at[(r, c)] = key
        if formulas is not None and formula_cells:
            farr = area.getFormulaArray()
            for (r, c) in formula_cells:
                formulas[(index, col_name(c) + str(r + 1))] = farr[r][c]
        for (r, c) in present:
            a1 = col_name(c) + str(r + 1)
            v = data[r][c]
            if (r, c) in errors:
                text = sh.getCellByPosition(c, r).getString()
                out.append('%d\t%s\tE\t\t%s\t-1' % (index, a1, esc(text)))
                continue
            if isinstance(v, str):
                if v == '':  # an empty text: not a cell in the truth (getDataArray's '' is an empty cell)
                    continue
                out.append('%d\t%s\tT\t\t%s\t-1' % (index, a1, esc(v)))
                continue
            if v is None:  # void: an error getDataArray gives without queryFormulaCells seeing it
                text = sh.getCellByPosition(c, r).getString()
                out.append('%d\t%s\tE\t\t%s\t-1' % (index, a1, esc(text)))
                continue
            d = fmts.info(key_at.get((r, c), 0))[0]
            out.append('%d\t%s\tN\t%s\t\t%d' % (index, a1, num(float(v)), d))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('files', nargs='*')
    ap.add_argument('--out', help='write DIR/BASENAME.tsv for each file')
    ap.add_argument('--check-corpus', action='store_true')
    ap.add_argument('--corpus', default=None)
    ap.add_argument('--timeout', type=int, default=120, help='seconds per file before soffice is killed')
    ap.add_argument('--csv-options', default=None,
                    help="load .csv/.txt/.tsv with Calc's Text Import and these FilterOptions, e.g. "
                         "'9,34,76,1,,1066' (tab, quote, UTF-8, line 1, -, language vi-VN)")
    a = ap.parse_args()
    if a.check_corpus:
        return check_corpus(a)
    if not a.files:
        ap.error('no file')
    if a.out:
        os.makedirs(a.out, exist_ok=True)
    with Dumper(timeout=a.timeout, csv_options=a.csv_options) as d:
        for f in a.files:
            text = d.dump(f)
            if a.out:
                with open(os.path.join(a.out, os.path.basename(f) + '.tsv'), 'w', encoding='utf-8') as o:
                    o.write(text)
            else:
                sys.stdout.write(text)
                sys.stdout.flush()
    return 0


def cell_lines(text):
    """The cell lines of a dump (not its #sheet / #load_ms lines)."""
    return [line for line in text.splitlines() if line and not line.startswith('#')]


def check_against(reportcheck, path, truth):
    """`reportcheck cells PATH` against LibreOffice's dump `truth`, cell line by cell
    line (both list a sheet's cells in the same order): prints the file's count and its
    first differences; returns (cells, differences)."""
    ours = subprocess.run([reportcheck, 'cells', path], capture_output=True, text=True, check=True).stdout
    lo, rc = cell_lines(truth), cell_lines(ours)
    diff = [(x, y) for x, y in zip(lo, rc) if x != y]
    if len(lo) != len(rc):
        diff.append(('%d cells' % len(lo), '%d cells' % len(rc)))
    print('%s: %d cells, %d differ' % (os.path.basename(path), len(lo), len(diff)))
    for x, y in diff[:10]:
        print('  LibreOffice %s\n  reportcheck %s' % (x, y))
    return len(lo), len(diff)


VOLATILE = re.compile(r'\b(NOW|TODAY|RAND|RANDBETWEEN|INFO)\s*\(', re.I)


def check_corpus(a):
    from corpus_parity import compare, default_corpus, parse
    ods = os.path.join(a.corpus or default_corpus(), 'ods')
    if not os.path.isdir(ods):
        # CI has the corpus; a checkout without it cannot run this check.
        print('SKIP: no corpus at %s (CI has it: /work/shared/corpus)' % os.path.abspath(ods))
        return 0
    names = sorted(n for n in os.listdir(ods) if n.endswith('.ods'))
    total = matched = 0
    bad, volatile = [], []
    t0 = time.time()
    with Dumper(timeout=a.timeout) as d:
        for n in names:
            tp = os.path.join(ods, n + '.tsv')
            if not os.path.exists(tp):
                continue
            truth = open(tp, encoding='utf-8').read()
            terr = parse(truth)[2]
            if terr and 'bridge disposed' in terr:
                # soffice itself died on it when the truth was made (issue_594_dos.ods
                # makes it run out of memory): not loaded again here.
                print('%-80s skipped: the truth says soffice died on it (%s)' % (n[:80], terr[:40]))
                continue
            formulas = {}
            ours = d.dump(os.path.join(ods, n), formulas)
            if terr:
                oerr = parse(ours)[2]
                print('%-80s LibreOffice cannot load it: truth %r, now %r %s' % (n[:80], terr, oerr, 'OK' if oerr else 'DIFF'))
                if not oerr:
                    bad.append((n, '*', 'loads now'))
                continue
            cnt, ok, diffs = compare(truth, ours)
            # differences in the truth's order, volatile formulas apart
            real = []
            for cell, what in diffs:
                key = None
                if '!' in cell:
                    s, a1 = cell.split('!')
                    key = (int(s), a1)
                f = formulas.get(key, '')
                if f and VOLATILE.search(f):
                    volatile.append((n, cell, f, what))
                else:
                    real.append((cell, what))
            total += cnt
            matched += ok
            # corpus_parity.compare compares the sheets' names; their used area too
            tsh = [l for l in truth.splitlines() if l.startswith('#sheet\t')]
            osh = [l for l in ours.splitlines() if l.startswith('#sheet\t')]
            if tsh != osh:
                real.append(('#sheets', 'sheet lines %s, ours %s' % (tsh, osh)))
            print('%-80s %5d cells %5d equal %s' % (n[:80], cnt, ok, 'OK' if not real else '%d DIFF' % len(real)))
            for cell, what in real:
                bad.append((n, cell, what))
                print('    %s %s' % (cell, what))
    print('%d cells, %d equal (%.2f %%); %.1f s' % (total, matched, 100.0 * matched / max(1, total), time.time() - t0))
    for n, cell, f, what in volatile:
        print('volatile (not counted as a failure): %s %s %s: %s' % (n, cell, f, what))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
