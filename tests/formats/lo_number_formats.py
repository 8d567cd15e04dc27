#!/usr/bin/python3
"""Every number format LibreOffice offers for vi-VN, en-US and de-DE (the keys its
formatter lists for each locale: numbers, percentages, currencies, dates, times,
booleans…), one per row on a positive and a negative number, saved by LibreOffice as
.ods, .fods and .xlsx; each file read by LibreOffice (lo_cells.py) and by
`reportcheck cells`. Every cell must be equal: value, kind and the decimals shown.

  lo_number_formats.py --reportcheck BUILD/engine/reportcheck [--keep DIR]

What a Vietnamese or English office picks in Calc's Format Cells dialog is what this
covers; Calc writes its currencies without number:decimal-places (the locale decides),
as "[$-42A]#,##0" ₫"" in an .xlsx, and with dashes for decimals ("#,##0.--").
Run with Debian's /usr/bin/python3 (python3-uno). Exit 1 on any difference.
"""
import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), 'integration'))
import uno  # noqa: E402
from com.sun.star.lang import Locale  # noqa: E402
from lo_cells import Dumper  # noqa: E402
from lohelper import OfficeProcess, props  # noqa: E402

LOCALES = (('vi', 'VN'), ('en', 'US'), ('de', 'DE'))
FILTERS = (('ods', 'calc8'), ('fods', 'OpenDocument Spreadsheet Flat XML'), ('xlsx', 'Calc MS Excel 2007 XML'))


def make(out):
    paths = []
    with OfficeProcess() as lo:
        doc = lo.new_calc()
        nf = doc.getNumberFormats()
        sheet = doc.getSheets().getByIndex(0)
        row = 0
        for lang, country in LOCALES:
            for key in nf.queryKeys(0, Locale(lang, country, ''), False):  # NumberFormat.ALL
                sheet.getCellByPosition(0, row).setString('%s-%s %s' % (lang, country, nf.getByKey(key).getPropertyValue('FormatString')))
                for col, v in ((1, 1234.5678), (2, -0.25)):
                    cell = sheet.getCellByPosition(col, row)
                    cell.setValue(v)
                    cell.setPropertyValue('NumberFormat', key)
                row += 1
        for ext, flt in FILTERS:
            p = os.path.join(out, 'lo_number_formats.' + ext)
            doc.storeToURL(uno.systemPathToFileUrl(p), props(FilterName=flt))
            paths.append(p)
        doc.close(True)
    return row, paths


def cells(text):
    return [line for line in text.splitlines() if line and not line.startswith('#')]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--reportcheck', required=True)
    ap.add_argument('--keep', help='write the files here')
    a = ap.parse_args()
    out = a.keep or tempfile.mkdtemp(prefix='rc-lo-formats-')
    os.makedirs(out, exist_ok=True)
    formats, paths = make(out)
    failed = total = 0
    with Dumper() as d:
        for p in paths:
            lo = cells(d.dump(p))
            ours = cells(subprocess.run([a.reportcheck, 'cells', p], capture_output=True, text=True, check=True).stdout)
            diff = [(x, y) for x, y in zip(lo, ours) if x != y]
            if len(lo) != len(ours):
                diff.append(('%d cells' % len(lo), '%d cells' % len(ours)))
            total += len(lo)
            failed += len(diff)
            print('%s: %d cells, %d differ' % (os.path.basename(p), len(lo), len(diff)))
            for x, y in diff[:10]:
                print('  LibreOffice %s\n  reportcheck %s' % (x, y))
    print('%d formats, %d cells, %d differ' % (formats, total, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
