#!/usr/bin/python3
"""Formulas a file saves without a result, computed by `reportcheck cells` as
LibreOffice computes them when it opens the file (engine/src/formula_results.cpp).

  formula_results.py --reportcheck BUILD/engine/reportcheck [--keep DIR]

Writes the same formulas twice: an .xlsx by openpyxl (<f> and no <v>, as openpyxl
always writes them) and an .ods whose formula cells have no office:value (as odfpy
and other generators write them), each over a column of numbers under several
formats, text, an empty cell, another sheet and a defined name; each formula once in
a General cell (Calc infers the result's format) and once under 0.000. Every cell of
both files, as LibreOffice reads them (lo_cells.py), must equal what reportcheck reads,
except the cells listed in LEFT: formulas reportcheck leaves uncomputed on purpose,
which must then be absent from its reading, and counted in its note.
Run with Debian's /usr/bin/python3 (python3-openpyxl, python3-uno). Exit 1 on any
difference.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape, quoteattr

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from lo_cells import Dumper, cell_lines  # noqa: E402

# Column A of sheet 'Số liệu': (value, Excel format, ODF data style) — the formulas read these.
VALUES = [
    (10, None, None), (0.5, '0.0%', 'pct1'), (7, '#,##0.00', 'num2'), (3, None, None),
    (45306, 'yyyy-mm-dd', 'date'), ('5', None, None), (None, None, None), (3.5, '"$"#,##0.00', 'num2'),
    ('abc', None, None), (0.1, None, None), (0.2, None, None), (0.3, None, None),
    (2.675, '0.000', 'num3'), (-2.5, None, None), (1e-7, None, None),
]
# Formulas in Excel's syntax (the .ods gets them in OpenFormula's, see to_of).
FORMULAS = [
    '=A1*2', '=A1*1.5', '=A2', '=A3', '=A1+A3', '=A3+A1', '=SUM(A1:A4)', '=SUM(A3:A4)', '=SUM(A2:A4)', '=1/A7',
    '=A7*2', '=A7', '=A6*2', '=A9*2', '=SUM(A6:A9)', '=A10+A11-A12', '=A10+A11', '=(A10+A11)-A12',
    '=SUM(A10:A11)-A12', '=A12-A11-A10', '=2^3^2', '=-2^2', '=10/4/5', '=A1%', '=50%*A1', '=A2*100', '=A2*A1',
    '=A2/A1', '=AVERAGE(A1:A4)', '=AVERAGE(A3:A4)', '=MIN(A1:A4)', '=MAX(A1:A4)', '=MAX(A7)', '=AVERAGE(A7)',
    '=COUNT(A1:A9)', '=ROUND(A13,2)', '=ROUND(A14,0)', '=ROUND(1/3,2)', '=ROUND(A3,-1)', '=ABS(A14)', '=-A3',
    '=+A3', '=(A3)', '=A5+1', '=A5-A5', '=A8*2', '=A8+A1', '=SUM(A8,A1)', "='Trang 2'!A1+1", '=Tien*2',
    '=SUM(Tien,A4)', '=A3/7', '=1E+3*A1', '=A1*A15', '=SUM(A1,A3,5)', '=SUM(A1:A2,A3)', '=PRODUCT(A1:A4)',
    '=B1+1', '=A1/0', '=SUM(A1:A4)/COUNT(A1:A4)', '=NA()', '=A1=10', '=A1>5', '=10-A1', '=A14*A14', '=SUM(A:A)',
    '=SUM(1:1)', '=A1^0.5', '=0.1*3', '=1-0.9', '=A10*3-A12', '=SUM(A10,A11,-A12)', '=ROUNDUP(A13,1)',
    '=INT(A14)', '=MOD(7,3)', '=SQRT(A1)', '=IF(A1>5,"lớn","nhỏ")', '=IFERROR(1/A7,-1)', '=IFERROR(A3,0)',
    '=ROUNDDOWN(-2.675,2)', '=MOD(-7,3)', '=MOD(7,-3)', '=MOD(5.5,1)', '=A9', '="x"', '=A3*A2*100',
    '=SUM(A3:A4)*A2', '=(A1+A3)/A4', '=A1-A3*2/A4^2', '=SUM(A1:A4)-SUM(A1:A3)', '=SUM(A$1:A$4)', '=$A$1*2',
    "=SUM('Trang 2'!A1:A3)", "='Trang 2'!A1", '=INT(-0.5)', '=ROUND(-1234.5678,-2)', '=ROUND(1.005,2)',
    '=ROUND(2.5,0)', '=ROUND(A13)', '=COUNT(A1:A9,5)', '=MAX(A1:A4,100)', '=IF(A7,1,2)', '=A1<>10',
    '=A10+A11=A12', '=TRUE()+1', '=IF(A1>5,A3)', '=IF(A1<5,A3)', '=SUM(D1:D3)', '=A2+A2', '=SUM(A6)',
    '=A1&"x"', '=VLOOKUP(7,A3:A4,1,0)', '=SUM(E1:E2)', '=DATE(2024,1,15)', '=DATE(24,13,0)', '=DATE(2024,0,1)',
    '=A5-DATE(2024,1,1)', '=DATE(2024,2,30)+1',
]
# Formulas that read each other: D1 needs D2, which needs D3 (computed in that order,
# not the order written); E1 and E2 read each other (a cycle).
CHAINS = [('D1', '=D2+1'), ('D2', '=D3*2'), ('D3', '=A1+A3'), ('E1', '=E2+1'), ('E2', '=E1+1')]
# Formulas reportcheck leaves uncomputed on purpose: (formula, why). LibreOffice's
# value is not checked for these; reportcheck must not read one, and its note counts them.
LEFT = {
    '=A2+A2': 'Calc shows a sum of two percentages as 0.00 %: the reader keeps no number format type, only decimals',
    '=SUM(A6)': 'a text cell named alone in SUM: whether Calc takes its number is not checked here',
    '=A1&"x"': '& gives text built from a number: Calc writes the number in its own way',
    '=VLOOKUP(7,A3:A4,1,0)': 'a lookup function: not computed',
    '=SUM(E1:E2)': 'it reads a cycle (Calc gives Err:522)',
    '=SUM(1:1)': 'row 1 holds a cycle (E1; Calc gives Err:522)',
    '=E2+1': 'a cycle (Calc gives Err:522)',
    '=E1+1': 'a cycle (Calc gives Err:522)',
}
LEFT_DECIMALS_ONLY = {'=A2+A2'}  # the value is computed; only Calc's inferred 0.00 % is not (General: -1)
EXCEL_ONLY = re.compile(r'Tien|\b[A-Z]:[A-Z]\b|\b\d:\d\b')  # defined names and whole lines: the .xlsx only


def col_letter(i):
    return chr(ord('A') + i)


def make_xlsx(path):
    import openpyxl
    from openpyxl.workbook.defined_name import DefinedName
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Số liệu'
    for i, (v, fmt, _) in enumerate(VALUES):
        if v is None:
            continue
        c = ws.cell(row=i + 1, column=1, value=v)
        if fmt:
            c.number_format = fmt
    for i, f in enumerate(FORMULAS):
        ws.cell(row=i + 1, column=2, value=f)
        ws.cell(row=i + 1, column=3, value=f).number_format = '0.000'
    for a, f in CHAINS:
        ws[a] = f
    ws2 = wb.create_sheet('Trang 2')
    for i, v in enumerate((99, 1.5, 'x')):
        ws2.cell(row=i + 1, column=1, value=v)
    wb.defined_names.append(DefinedName('Tien', attr_text="'Số liệu'!$A$1"))
    wb.save(path)


REF = re.compile(r"('(?:[^']|'')+'|[A-Za-z_][\w ]*?)!(\$?[A-Z]+\$?\d+)(?::(\$?[A-Z]+\$?\d+))?|(\$?[A-Z]+\$?\d+)(?::(\$?[A-Z]+\$?\d+))?")


def to_of(f):
    """Excel's syntax to OpenFormula's: [.A1], [.A1:.A4], [$'Trang 2'.A1], ';'."""
    out, i = [], 0
    parts = re.split(r'("(?:[^"]|"")*")', f[1:])
    for k, p in enumerate(parts):
        if k % 2:
            out.append(p)
            continue
        def ref(m):
            if m.group(1):
                sheet = m.group(1) if m.group(1).startswith("'") else "'%s'" % m.group(1)
                return '[$%s.%s%s]' % (sheet, m.group(2), ':.' + m.group(3) if m.group(3) else '')
            if re.fullmatch(r'(TRUE|FALSE|ROUND|ROUNDUP|ROUNDDOWN|SUM|MIN|MAX|COUNT|ABS|INT|MOD|SQRT|IF|IFERROR|NA|AVERAGE|PRODUCT|VLOOKUP|DATE)', m.group(0)):
                return m.group(0)
            return '[.%s%s]' % (m.group(4), ':.' + m.group(5) if m.group(5) else '')
        p = REF.sub(ref, p).replace(',', ';')
        out.append(p)
    return 'of:=' + ''.join(out)


STYLES = '''<office:automatic-styles>
<number:number-style style:name="N2"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/></number:number-style>
<number:number-style style:name="N3"><number:number number:decimal-places="3" number:min-decimal-places="3" number:min-integer-digits="1"/></number:number-style>
<number:percentage-style style:name="P1"><number:number number:decimal-places="1" number:min-decimal-places="1" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
<number:date-style style:name="D1"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
<style:style style:name="num2" style:family="table-cell" style:data-style-name="N2"/>
<style:style style:name="num3" style:family="table-cell" style:data-style-name="N3"/>
<style:style style:name="pct1" style:family="table-cell" style:data-style-name="P1"/>
<style:style style:name="date" style:family="table-cell" style:data-style-name="D1"/>
</office:automatic-styles>'''


def make_ods(path):
    def value_cell(v, style):
        st = ' table:style-name="%s"' % style if style else ''
        if v is None:
            return '<table:table-cell/>'
        if isinstance(v, str):
            return '<table:table-cell office:value-type="string"%s><text:p>%s</text:p></table:table-cell>' % (st, escape(v))
        if style == 'pct1':
            return '<table:table-cell office:value-type="percentage" office:value="%r"%s/>' % (v, st)
        if style == 'date':
            return '<table:table-cell office:value-type="date" office:date-value="2024-01-15"%s/>' % st
        return '<table:table-cell office:value-type="float" office:value="%r"%s/>' % (v, st)

    def formula_cell(f, style=None):
        st = ' table:style-name="%s"' % style if style else ''
        return '<table:table-cell table:formula=%s%s/>' % (quoteattr(to_of(f)), st)

    chains = dict(CHAINS)
    rows = []
    for i in range(max(len(FORMULAS), len(VALUES))):
        v, _, style = VALUES[i] if i < len(VALUES) else (None, None, None)
        cells = [value_cell(v, style)]
        f = FORMULAS[i] if i < len(FORMULAS) and not EXCEL_ONLY.search(FORMULAS[i]) else None
        cells += [formula_cell(f), formula_cell(f, 'num3')] if f else ['<table:table-cell table:number-columns-repeated="2"/>']
        for c in 'DE':
            a = '%s%d' % (c, i + 1)
            cells.append(formula_cell(chains[a]) if a in chains else '<table:table-cell/>')
        rows.append('<table:table-row>%s</table:table-row>' % ''.join(cells))
    trang2 = ''.join('<table:table-row>%s</table:table-row>' % value_cell(v, None) for v in (99, 1.5, 'x'))
    content = ('<?xml version="1.0" encoding="UTF-8"?>'
               '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
               'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2">'
               + STYLES + '<office:body><office:spreadsheet>'
               '<table:table table:name="Số liệu">' + ''.join(rows) + '</table:table>'
               '<table:table table:name="Trang 2">' + trang2 + '</table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(path, 'w') as z:
        z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.oasis.opendocument.spreadsheet')
        z.writestr('META-INF/manifest.xml', manifest, zipfile.ZIP_DEFLATED)
        z.writestr('content.xml', content, zipfile.ZIP_DEFLATED)


def formula_at(path):
    """{'B4': formula} of the cells the file gives a formula."""
    at = {}
    for i, f in enumerate(FORMULAS):
        if path.endswith('.ods') and EXCEL_ONLY.search(f):
            continue
        at['B%d' % (i + 1)] = at['C%d' % (i + 1)] = f
    at.update(dict(CHAINS))
    return at


def cells(text, sheet='0'):
    out = {}
    for line in cell_lines(text):
        p = line.split('\t')
        out[(p[0], p[1])] = p[2:]
    return out


def check(reportcheck, path, truth):
    run = subprocess.run([reportcheck, 'cells', path, '--lang', 'en'], capture_output=True, text=True, check=True)
    lo, rc = cells(truth), cells(run.stdout)
    at = formula_at(path)
    bad, left = [], 0
    for key in sorted(set(lo) | set(rc)):
        f = at.get(key[1]) if key[0] == '0' else None
        if f in LEFT:
            if f in LEFT_DECIMALS_ONLY and key[1].startswith('B'):
                if rc.get(key) is None or lo.get(key) is None or rc[key][:3] != lo[key][:3]:
                    bad.append((key, f, lo.get(key), rc.get(key)))
            elif f not in LEFT_DECIMALS_ONLY:
                left += 1
                if key in rc:
                    bad.append((key, f + ' (left on purpose, but read)', lo.get(key), rc.get(key)))
            elif lo.get(key) != rc.get(key):
                bad.append((key, f, lo.get(key), rc.get(key)))
            continue
        if lo.get(key) != rc.get(key):
            bad.append((key, f, lo.get(key), rc.get(key)))
    notes = run.stderr
    formulas = len(at)
    if not re.search(r'%d formula cells have no result saved in the file: ReportCheck computed %d ' % (formulas, formulas - left), notes):
        bad.append(('note', 'expected %d formulas, %d computed' % (formulas, formulas - left), '', notes.strip()[:400]))
    print('%s: %d cells, %d formulas, %d left on purpose, %d differ' % (os.path.basename(path), len(lo), formulas, left, len(bad)))
    for key, f, x, y in bad[:20]:
        print('  %s %s\n    LibreOffice %s\n    reportcheck %s' % (key, f, x, y))
    return len(bad)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--reportcheck', required=True)
    ap.add_argument('--keep', help='write the files here')
    a = ap.parse_args()
    out = a.keep or tempfile.mkdtemp(prefix='rc-formulas-')
    os.makedirs(out, exist_ok=True)
    paths = [os.path.join(out, 'formula_results.xlsx'), os.path.join(out, 'formula_results.ods')]
    make_xlsx(paths[0])
    make_ods(paths[1])
    failed = 0
    with Dumper() as d:
        for p in paths:
            truth = d.dump(p)
            if truth.startswith('#error'):
                print('%s: LibreOffice cannot load it: %s' % (p, truth.strip()))
                failed += 1
                continue
            failed += check(a.reportcheck, p, truth)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
