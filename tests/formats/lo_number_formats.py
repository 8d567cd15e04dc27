#!/usr/bin/python3
"""Every number format LibreOffice offers for vi-VN, en-US and de-DE (the keys its
formatter lists for each locale: numbers, percentages, currencies, dates, times,
booleans…), one per row on a positive and a negative number, and a sheet of formulas
and texts as a report holds them, saved by LibreOffice as .ods, .fods and .xlsx; each
file read by LibreOffice (lo_cells.py) and by `reportcheck cells`. Every cell must be
equal: value, kind and the decimals shown.

  lo_number_formats.py --reportcheck BUILD/engine/reportcheck [--keep DIR]

What a Vietnamese or English office picks in Calc's Format Cells dialog is what this
covers; Calc writes its currencies without number:decimal-places (the locale decides),
as "[$-42A]#,##0" ₫"" in an .xlsx, and with dashes for decimals ("#,##0.--").
Run with Debian's /usr/bin/python3 (python3-uno). Exit 1 on any difference.
"""
import argparse
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), 'integration'))
import uno  # noqa: E402
from com.sun.star.lang import Locale  # noqa: E402
from lo_cells import Dumper, check_against  # noqa: E402
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
        formulas_and_texts(doc)
        for ext, flt in FILTERS:
            p = os.path.join(out, 'lo_number_formats.' + ext)
            doc.storeToURL(uno.systemPathToFileUrl(p), props(FilterName=flt))
            paths.append(p)
        doc.close(True)
    return row, paths


# Formulas as a report holds them (saved before Calc interprets them, so a General
# formula cell's format is left for the reader to infer: =A2 shows A2's 0.0 %), and
# texts Calc writes in its own ways (paragraphs, a leading apostrophe, a link field,
# a comment, merged cells). Not here: =A1% (Calc infers a percentage, the reader does
# not) and =SQRT(-1) (an .xlsx keeps #VALUE!, Calc recalculates Err:502).
FORMULAS = ['=A1*2', '=A2', '=A1/A3', '=SUM(A1:A4)', '=1/0', '=NA()', '="x"+1', '="Tổng: "&A1', '=""', '=A1>5',
            '=TRUE()', '=DATE(2024;1;15)', '=A2*2', '=ROUND(A1/A3;2)', "=$'Trang 2'.A1+1", "=$'Trang 2'.A1", '=A1&""',
            '=IF(A1>5;"lớn";"nhỏ")', '=1/3', '=A3/A1', '=TEXT(A1;"0.00")', '=AVERAGE(A1:A4)', '=A99', '=Z1+1',
            '=ISERROR(1/0)', '=1E+300*1E+300', '=MOD(7;0)', '=B2', '=A5']


def formulas_and_texts(doc):
    sheets = doc.getSheets()
    sheets.insertNewByName('Công thức', sheets.getCount())
    sheets.insertNewByName('Trang 2', sheets.getCount())
    sheets.getByName('Trang 2').getCellByPosition(0, 0).setValue(5.0)
    sh = sheets.getByName('Công thức')
    c = sh.getCellRangeByName
    nf = doc.getNumberFormats()
    loc = Locale('en', 'US', '')
    percent = nf.queryKey('0.0%', loc, False)
    if percent < 0:
        percent = nf.addNew('0.0%', loc)
    two = nf.queryKey('#,##0.00', loc, False)
    for a, v in (('A1', 10.0), ('A2', 0.5), ('A3', 7.0), ('A4', 3.0), ('A5', 45306.0)):
        c(a).setValue(v)
    c('A2').setPropertyValue('NumberFormat', percent)
    c('A3').setPropertyValue('NumberFormat', two)
    c('A5').setPropertyValue('NumberFormat', nf.getStandardFormat(2, loc))  # NumberFormat.DATE
    for i, f in enumerate(FORMULAS):
        c('B%d' % (i + 1)).setFormula(f)
    c('C1').setString('dòng một\ndòng hai')
    c('C2').setString("'0042")
    c('C3').setString('  khoảng trắng  ')
    cell = c('C5')
    field = doc.createInstance('com.sun.star.text.TextField.URL')
    field.URL = 'https://example.com'
    field.Representation = 'liên kết'
    text = cell.getText()
    text.insertString(text.createTextCursor(), 'xem ', False)
    text.insertTextContent(text.createTextCursorByRange(text.getEnd()), field, False)
    sh.getAnnotations().insertNew(c('C6').getCellAddress(), 'ghi chú')
    c('C6').setValue(42.0)
    c('C7:D7').merge(True)
    c('C7').setValue(77.0)
    c('C8').setString('=not a formula')
    c('C9').setValue(1e-7)
    c('C10').setValue(123456789012345.0)



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
            n, bad = check_against(a.reportcheck, p, d.dump(p))
            total += n
            failed += bad
    print('%d formats, %d cells, %d differ' % (formats, total, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
