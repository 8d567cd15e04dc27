#!/usr/bin/python3
"""Small workbooks written by spreadsheet producers other than LibreOffice, for
producer_parity.py (LibreOffice's reading of each against `reportcheck cells`).

  make_producer_files.py OUTDIR [--only PREFIX]

Producers (Debian packages: python3-openpyxl python3-xlsxwriter python3-odf gnumeric):
  op_*.xlsx   openpyxl   (inline strings, formulas without a cached value, dates as
                          numbers or ISO t="d", 1900 and 1904 date systems)
  xw_*.xlsx   xlsxwriter (shared strings, rich strings, formulas with cached values,
                          83 number formats and every built-in one, inline strings in
                          constant_memory mode, 1904 dates)
  odf_*.ods   odfpy      (whatever ODF we build: data styles, text:s / line breaks / spans,
                          repeated and covered cells, formulas with and without values)
  gn_*.ods / gn_*.xlsx   gnumeric's ssconvert, from a .gnumeric file written here, from an
                          openpyxl .xlsx and from a .csv

What they hold is what office reports hold: integers, decimals under number formats
(0, 0.0, 0.00, #,##0, #,##0.00, 0%, 0.0%, currency, scientific), General decimals (0.1+0.2,
1/3), negatives, dates / times / datetimes, booleans, Vietnamese and other unicode text,
text with leading/trailing spaces and line breaks, empty texts, rich text, numbers stored
as text, formulas (results numbers, texts, booleans, errors), merged cells, hidden rows and
columns, several sheets with non-ASCII names, a cell at row 5000, column and row styles,
defined names. Every file is small and the same on every run (no volatile function).

Run with Debian's /usr/bin/python3.
"""
import argparse
import csv
import datetime as dt
import os
import shutil
import subprocess
import sys

VI = ['Tổng cộng', 'Hà Nội', 'Thành phố Hồ Chí Minh', 'Đơn vị: triệu đồng', 'Ngày lập báo cáo']
UNICODE = ['Zürich – “quoted” ‘single’', '日本語テキスト', 'Ελληνικά', '😀 emoji', 'a\u00a0b (nbsp)']
GENERAL = [0.1 + 0.2, 1 / 3, 2 / 3, -1 / 3, 1e-10, 1.5e15, 123456789.123, 1e20, -0.0001, 100.0]
# (value, number format code, what) — decimals a reader must show: 0 1 2 0 2 0 1 …
FORMATTED = [
    (1234.5678, '0', 'fixed 0'),
    (1234.5678, '0.0', 'fixed 1'),
    (1234.5678, '0.00', 'fixed 2'),
    (1234567.891, '#,##0', 'grouped 0'),
    (1234567.891, '#,##0.00', 'grouped 2'),
    (0.1234, '0%', 'percent 0'),
    (0.1234, '0.0%', 'percent 1'),
    (-0.5, '0.00%', 'percent 2 negative'),
    (1234.5, '"$"#,##0.00', 'dollar 2'),
    (1234.5, '#,##0 "₫"', 'dong 0'),
    (-1234.5, '#,##0.00;[Red]-#,##0.00', 'two sections negative red'),
    (-1234.5, '#,##0.00_);(#,##0.00)', 'accounting parentheses'),
    (12345.678, '0.00E+00', 'scientific'),
    (0.75, '# ?/?', 'fraction'),
    (42, '000000', 'leading zeros'),
    (3.14159, '0.000', 'fixed 3'),
    (-7.25, '0.0', 'negative fixed 1'),
    (1234.5, '[$€-407] #,##0.00', 'euro locale'),
    (1234.5, '[$-42A]#,##0.00 [$₫-42A]', 'vi currency'),
    (0.5, '@', 'number under text format'),
    (1234.5678, '0.###', 'optional decimals'),
    (1234.5678, '#,##0.0#', 'one fixed one optional'),
    (0, '0.0;-0.0;"-"', 'zero section'),
    (1234.5, '0.00" kg"', 'unit suffix'),
    (1234567.891, '#,##0.0,,', 'scaled by a million'),
    (-1234.5, '_(* #,##0.00_);_(* (#,##0.00);_(* "-"??_);_(@_)', 'accounting'),
    (0.123456, '0.0000%', 'percent 4'),
]
# Number formats offices' Excel files carry (accounting, currencies of vi-VN, colours,
# conditions, scaling, text sections), each on one number: the decimals Calc reports
# for each (twelfth round: 23 conditional formats read as -1 before, Calc gives the
# first section's decimals).
EXCEL_FORMATS = [
    '#,##0', '#,##0.0', '_(* #,##0_);_(* \\(#,##0\\);_(* "-"??_);_(@_)', '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
    '_-* #,##0.00\\ "₫"_-;\\-* #,##0.00\\ "₫"_-;_-* "-"??\\ "₫"_-;_-@_-', '[$-42A]dd/mm/yyyy', '#,##0 "đ"', '0.0%',
    '#,##0.00 [$₫-42A]', '[Red]#,##0', '#,##0;[Red]-#,##0', '#,##0.0_);(#,##0.0)', 'General', '@', '0.00E+00', '# ?/?',
    '[h]:mm:ss', 'mm:ss.0', 'yyyy', ';;;', '0.0;-0.0;;@', '#,##0.00_ ;[Red]\\-#,##0.00\\ ', '0.000_);[Red](0.000)',
    '#,##0.0,,', '0.0"%"', '#,##0.00;-#,##0.00;"-"', '#,##0_);[Blue](#,##0)', '[$$-409]#,##0.00', '"Tổng: "0.0',
    '0.0 "người"', '#,##0.0 ;(#,##0.0)', '0%', '#,##0.000', '_(* #,##0.0_);_(* (#,##0.0);_(* "-"_);_(@_)', '* #,##0.00',
    '[DBNum1]0', '0.0_);\\(0.0\\)', '#.##0,00', '0,0', '##0.0E+0', '0.00;[Red]0.00', '[Color10]0.0', '0.0;;', '0;0;0;"x"@',
    '[>=0]0.00;[<0][RED]0.00', '[>=0]0.00;[<0]0.00', '[>=1000]#,##0;[<1000]0.0', '[>=1000]0.00;[<1000]0.0',
    '[>0]0.00;[<0]0.00', '[<0]0.00;[>=0]0.0', '[>=1000]#,##0', '[>=1000]0.00;0.0', '[=0]0.00;0.0', '[<1000]0.0;#,##0',
    '[>=0]0.00', '[>=100]0.0;[>=10]0.00;0.000', '[>=0]0.00;[<0]-0.00', '[>=0]0.0%;[<0]0.0%', '[>=0]#,##0;[<0]-#,##0',
    '[>=0][$$-409]0.00;[<0][$$-409]0.00', '[Red][>=0]0.00;[Blue][<0]0.00', '[>=0]0.00;[RED][<0]0.00',
    '[>0]0.00;[<0]0.00;0.00', '[>=0]0;[<0]0', '[>0]0.0;[<0]-0.0;[=0]0.0', '[>0]0.0;[<0]-0.0;0.0', '[>0]0.0;[<=0]-0.0',
    '0.00;-0.00;""', '[>=0]0.00;[<0][RED]0.00;""', '0.00;-0.00;', '0.00;"";0.00', '0.00;-0.00;0;""',
    '[>=0]0.00;[<0][RED]0.00;@', '#,##0.0,', '0.0,,"tr"', '0.00;-0.00;@', '0.00;@', '[>=0]0.00;@', '0.00;-0.00;"x"@',
    '0.0,0', '0.00;-0.00;0.0', '0.00;-0.0', '0.00;;@',
]
BUILTIN_IDS = [(1234.5678, 2), (1234.5678, 3), (1234.5678, 4), (0.1234, 9), (0.1234, 10),
               (12345.678, 11), (-1234.5, 37), (-1234.5, 38), (-1234.5, 39), (-1234.5, 40),
               (-1234.5, 41), (-1234.5, 42), (-1234.5, 43), (-1234.5, 44), (0.75, 12), (1234.5, 49)]
DATES = [
    (dt.datetime(2024, 1, 15), 'yyyy-mm-dd'),
    (dt.datetime(2024, 2, 29), 'dd/mm/yyyy'),
    (dt.datetime(2023, 12, 31, 23, 59, 59), 'yyyy-mm-dd hh:mm:ss'),
    (dt.datetime(2024, 7, 4, 13, 45), 'm/d/yy h:mm AM/PM'),
    (dt.datetime(1999, 12, 31), 'd-mmm-yy'),
    (dt.datetime(1900, 3, 1), 'yyyy-mm-dd'),
    (dt.datetime(1900, 1, 1), 'yyyy-mm-dd'),      # before Excel's phantom 1900-02-29
    (dt.datetime(2024, 1, 15, 10, 0, 0, 123000), 'hh:mm:ss.000'),
    (dt.datetime(2024, 1, 15, 6, 0), 'dd.mm.yyyy hh:mm'),
]
TIMES = [
    (dt.time(13, 45, 30), 'hh:mm:ss'),
    (dt.time(0, 0, 1), 'h:mm:ss'),
    (dt.timedelta(hours=36, minutes=30), '[h]:mm'),
]
TEXTS = [
    '  leading spaces', 'trailing spaces  ', '  both  ', 'two  inner  spaces',
    'line one\nline two', 'tab\tinside', 'back\\slash', '', ' ',
    '00123', '1e5', '3.14', '-42', 'TRUE', '2024-01-15', '=not a formula',
    '<b>&amp; xml</b>', '_x0041_ literal escape',
    'crlf\r\nwindows', 'cr\ronly', 'literal _x000D_ and _x005F_',
]


# --------------------------------------------------------------------------- openpyxl

def openpyxl_files(out):
    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils.datetime import CALENDAR_MAC_1904
    from openpyxl.workbook.defined_name import DefinedName

    # values: numbers, formats, booleans, texts (openpyxl 3.0 writes every text inline: t="inlineStr")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Số liệu'
    ws['A1'] = 'Integers'
    for i, v in enumerate([0, 1, -1, 42, 1000000, -987654321, 2 ** 31, 10 ** 15, 2 ** 63, 12345678901234567]):
        ws.cell(row=i + 2, column=1, value=v)
    ws['B1'] = 'General decimals'
    for i, v in enumerate(GENERAL):
        ws.cell(row=i + 2, column=2, value=v)
    ws['C1'] = 'Formatted'
    for i, (v, code, what) in enumerate(FORMATTED):
        c = ws.cell(row=i + 2, column=3, value=v)
        c.number_format = code
        ws.cell(row=i + 2, column=4, value=what)
    ws['E1'] = 'Booleans'
    ws['E2'] = True
    ws['E3'] = False
    ws['F1'] = 'Texts'
    for i, t in enumerate(TEXTS + VI + UNICODE):
        c = ws.cell(row=i + 2, column=6, value=t)
        if '\n' in t:
            c.alignment = Alignment(wrap_text=True)
    ws['G1'] = 'Numbers stored as text'
    for i, t in enumerate(['0042', '1,234.50', '12%', '$5']):
        c = ws.cell(row=i + 2, column=7, value=t)
        c.number_format = '@'
    ws['G8'] = 123
    ws['G8'].number_format = '@'  # a number under the text format
    ws['H1'] = 'Bold'
    ws['H1'].font = Font(bold=True)
    # texts that are error codes: openpyxl stores them as error cells (t="e"), as pandas output does
    ws['H2'] = '#N/A'
    ws['H3'] = '#DIV/0!'
    wb.save(os.path.join(out, 'op_values.xlsx'))

    # dates: numbers with date formats, 1900 system
    def dates(wb, ws):
        ws['A1'] = 'Date'
        ws['B1'] = 'Format'
        for i, (v, code) in enumerate(DATES + TIMES):
            c = ws.cell(row=i + 2, column=1, value=v)
            c.number_format = code
            ws.cell(row=i + 2, column=2, value=code)
        ws['C2'] = dt.date(2024, 5, 1)  # a date: openpyxl's own default format
        ws['C3'] = dt.datetime(2024, 5, 1, 8, 30)
        ws['C4'] = dt.time(8, 30)
    wb = openpyxl.Workbook()
    dates(wb, wb.active)
    wb.save(os.path.join(out, 'op_dates.xlsx'))
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    dates(wb, wb.active)
    wb.save(os.path.join(out, 'op_dates_1904.xlsx'))
    wb = openpyxl.Workbook()
    wb.iso_dates = True  # dates as <c t="d"><v>2024-01-15T00:00:00</v></c>
    dates(wb, wb.active)
    wb.save(os.path.join(out, 'op_isodates.xlsx'))

    # formulas: openpyxl writes <f> and no cached <v>
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Công thức'
    rows = [
        (10, '=A1*2'), (0.5, '=A2'), (3, '=A1+A3'), (7, '=SUM(A1:A4)'),
        (0, '=1/A5'), (None, '=NA()'), (None, '="Tổng: "&A1'), (None, '=IF(A1>5,TRUE,FALSE)'),
        (None, '=ROUND(1/3,2)'), (None, '=""'), (None, "='Trang 2'!A1+1"), (None, '=Tien*2'),
        (None, '=AVERAGE(A1:A4)'), (None, '=TEXT(A1,"0.00")'), (None, '=DATE(2024,1,15)'),
        (None, '=A3/7'),
    ]
    for i, (a, f) in enumerate(rows):
        if a is not None:
            ws.cell(row=i + 1, column=1, value=a)
        ws.cell(row=i + 1, column=2, value=f)
    ws['A2'].number_format = '0.0%'
    ws['C1'] = '=A1*1.5'
    ws['C1'].number_format = '#,##0.00'
    ws2 = wb.create_sheet('Trang 2')
    ws2['A1'] = 99
    wb.defined_names.append(DefinedName('Tien', attr_text="'Công thức'!$A$1"))
    wb.save(os.path.join(out, 'op_formulas.xlsx'))

    # layout: merged cells, hidden rows/columns, sheets, gap, styles, names
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Tổng hợp'
    ws['A1'] = 'Báo cáo tổng hợp'
    ws.merge_cells('A1:D1')
    ws['A2'] = 'Khu vực'
    ws['B2'] = 'Doanh thu'
    ws['A3'] = 'Hà Nội'
    ws['B3'] = 1500.5
    ws['A4'] = 'Đà Nẵng'
    ws['B4'] = 800.25
    ws['A5'] = 'merged value'
    ws.merge_cells('A5:A7')
    ws['C3'] = 'hidden column C'
    ws.column_dimensions['C'].hidden = True
    ws['A9'] = 'hidden row 9'
    ws.row_dimensions[9].hidden = True
    ws['A5000'] = 'far away'
    ws['B5000'] = 5000
    ws['AZ10'] = 'far column'
    for r in range(2, 5):
        ws.cell(row=r, column=2).number_format = '#,##0.00'
    ws.column_dimensions['E'].width = 30
    ws['E3'] = 12.5
    ws2 = wb.create_sheet("Chi nhánh 'A' (2)")
    ws2['A1'] = 'quote in sheet name'
    ws2['B2'] = 2.5
    ws3 = wb.create_sheet('Trống')  # an empty sheet
    ws3.sheet_state = 'visible'
    ws4 = wb.create_sheet('Ẩn')
    ws4['A1'] = 'hidden sheet'
    ws4.sheet_state = 'hidden'
    wb.defined_names.append(DefinedName('DoanhThu', attr_text="'Tổng hợp'!$B$3:$B$4"))
    wb.save(os.path.join(out, 'op_layout.xlsx'))


# --------------------------------------------------------------------------- xlsxwriter

class RowOrder:
    """Queues a worksheet's writes and plays them row by row: constant_memory mode
    keeps only the current row."""

    def __init__(self, ws):
        self.ws, self.calls = ws, []

    def __getattr__(self, name):
        from xlsxwriter.utility import xl_cell_to_rowcol

        def call(*args):
            if isinstance(args[0], str):
                r, c = xl_cell_to_rowcol(args[0])
                args = (r, c) + args[1:]
            self.calls.append((args[0], args[1], len(self.calls), name, args))
        return call

    def play(self):
        for _r, _c, _n, name, args in sorted(self.calls, key=lambda x: x[:3]):
            getattr(self.ws, name)(*args)


def xlsxwriter_files(out):
    import xlsxwriter

    def values(wb, ws):
        bold = wb.add_format({'bold': True})
        wrap = wb.add_format({'text_wrap': True})
        ws.write('A1', 'Integers', bold)
        for i, v in enumerate([0, 1, -1, 42, 1000000, -987654321, 2 ** 31, 10 ** 15]):
            ws.write_number(i + 1, 0, v)
        ws.write('B1', 'General decimals', bold)
        for i, v in enumerate(GENERAL):
            ws.write_number(i + 1, 1, v)
        ws.write('C1', 'Formatted', bold)
        for i, (v, code, what) in enumerate(FORMATTED):
            ws.write_number(i + 1, 2, v, wb.add_format({'num_format': code}))
            ws.write_string(i + 1, 3, what)
        ws.write('E1', 'Booleans', bold)
        ws.write_boolean('E2', True)
        ws.write_boolean('E3', False)
        ws.write('F1', 'Texts', bold)
        for i, t in enumerate(TEXTS + VI + UNICODE):
            ws.write_string(i + 1, 5, t, wrap if '\n' in t else None)
        ws.write('G1', 'Numbers stored as text', bold)
        text_fmt = wb.add_format({'num_format': '@'})
        for i, t in enumerate(['0042', '1,234.50', '12%', '$5']):
            ws.write_string(i + 1, 6, t, text_fmt)
        ws.write_number('G8', 123, text_fmt)
        ws.write('H1', 'Rich', bold)
        red = wb.add_format({'color': 'red'})
        italic = wb.add_format({'italic': True})
        ws.write_rich_string('H2', 'Tổng ', bold, 'cộng', ' và ', italic, 'Hà Nội')
        ws.write_rich_string('H3', red, 'đỏ', ' rồi thường')
        ws.write_rich_string('H4', '  lead ', bold, 'bold', ' trail  ')
        ws.write_rich_string('H5', 'line\n', bold, 'two')
        ws.write_blank('I2', None, bold)  # a styled empty cell
        ws.write_url('I3', 'https://example.com/a', None, 'link text')
        ws.write_string('I4', 'cell with comment')
        ws.write_string('J1', 'Built-in number formats', bold)
        for i, (v, fid) in enumerate(BUILTIN_IDS):
            ws.write_number(i + 1, 9, v, wb.add_format({'num_format': fid}))
            ws.write_string(i + 1, 10, 'numFmtId %d' % fid)

    wb = xlsxwriter.Workbook(os.path.join(out, 'xw_values.xlsx'))
    values(wb, wb.add_worksheet('Số liệu'))
    wb.close()

    wb = xlsxwriter.Workbook(os.path.join(out, 'xw_number_formats.xlsx'))
    ws = wb.add_worksheet('Định dạng')
    for i, code in enumerate(EXCEL_FORMATS):
        ws.write_string(i, 0, code)
        ws.write_number(i, 1, 1234.5678, wb.add_format({'num_format': code}))
        ws.write_number(i, 2, -0.25, wb.add_format({'num_format': code}))
    # Every built-in format id (ECMA-376 18.8.30 and Excel's East Asian and Thai ones),
    # on a number and on a day: which show decimals, which a date.
    for fid in range(82):
        ws.write_number(fid, 4, fid)
        ws.write_number(fid, 5, 1234.5678, wb.add_format({'num_format': fid}))
        ws.write_number(fid, 6, 45000.25, wb.add_format({'num_format': fid}))
    wb.close()
    # constant_memory: every text written inline (t="inlineStr"), rich ones too
    wb = xlsxwriter.Workbook(os.path.join(out, 'xw_inline.xlsx'), {'constant_memory': True})
    rows = RowOrder(wb.add_worksheet('Inline'))
    values(wb, rows)
    rows.play()
    wb.close()

    def dates(wb, ws):
        for i, (v, code) in enumerate(DATES):
            ws.write_datetime(i, 0, v, wb.add_format({'num_format': code}))
            ws.write_string(i, 1, code)
        for i, (v, code) in enumerate(TIMES):
            ws.write_datetime(i + len(DATES), 0, v, wb.add_format({'num_format': code}))
            ws.write_string(i + len(DATES), 1, code)
        ws.write_datetime('C1', dt.date(2024, 5, 1), wb.add_format({'num_format': 'yyyy-mm-dd'}))
        ws.write_datetime('C2', dt.datetime(2024, 5, 1))  # no format: a plain number
        ws.write_number('C3', 45000, wb.add_format({'num_format': 14}))  # built-in date format 14
        ws.write_number('C4', 0.5, wb.add_format({'num_format': 20}))    # built-in h:mm
        ws.write_number('C5', 45000.25, wb.add_format({'num_format': 22}))  # m/d/yy h:mm
        ws.write_formula('D1', '=A1+1', wb.add_format({'num_format': 'yyyy-mm-dd'}), 45307)
        ws.write_formula('D2', '=C3', None, 45000)

    wb = xlsxwriter.Workbook(os.path.join(out, 'xw_dates.xlsx'))
    dates(wb, wb.add_worksheet('Ngày'))
    wb.close()
    wb = xlsxwriter.Workbook(os.path.join(out, 'xw_dates_1904.xlsx'), {'date_1904': True})
    dates(wb, wb.add_worksheet('Ngày 1904'))
    wb.close()

    # formulas with cached values (what Excel writes), and with xlsxwriter's default 0
    wb = xlsxwriter.Workbook(os.path.join(out, 'xw_formulas.xlsx'))
    ws = wb.add_worksheet('Công thức')
    pct = wb.add_format({'num_format': '0.0%'})
    two = wb.add_format({'num_format': '#,##0.00'})
    ws.write_number('A1', 10)
    ws.write_number('A2', 0.5, pct)
    ws.write_number('A3', 3)
    ws.write_number('A4', 7)
    ws.write_number('A5', 0)
    ws.write_formula('B1', '=A1*2', None, 20)
    ws.write_formula('B2', '=A2', None, 0.5)
    ws.write_formula('B3', '=A1+A3', two, 13)
    ws.write_formula('B4', '=SUM(A1:A4)', None, 20.5)
    ws.write_formula('B5', '=1/A5', None, '#DIV/0!')
    ws.write_formula('B6', '=NA()', None, '#N/A')
    ws.write_formula('B7', '="Tổng: "&A1', None, 'Tổng: 10')
    ws.write_formula('B8', '=A1>5', None, True)
    ws.write_formula('B9', '=ROUND(1/3,2)', None, 0.33)
    ws.write_formula('B10', '=""', None, '')
    ws.write_formula('B11', '=A3/7', None, 3 / 7)
    ws.write_formula('B12', '=A1*3')  # no value given: xlsxwriter caches 0
    ws.write_formula('B13', '=SQRT(-1)', None, '#NUM!')
    ws.write_formula('B14', '=A1&""', None, '10')
    ws.write_formula('B15', '=Tien*2', None, 20)
    ws.write_array_formula('C1:C2', '{=A1:A2*2}', None, 20)
    ws.write_formula('C4', '=A2*2', pct, 1)
    ws.write_formula('C5', '=UPPER("hà nội")', None, 'HÀ NỘI')
    ws.write_formula('C6', '=IF(A1>100,"big","")', None, '')
    ws.write_formula('C7', '=_xlfn.CONCAT("a","b")', None, 'ab')           # a function newer than 2007
    ws.write_formula('C8', '=_xlfn.XLOOKUP(3,A1:A4,A1:A4)', None, 3)        # unknown to LibreOffice 7.4
    ws.write_dynamic_array_formula('D1:D2', '=A1:A2*3', None, 30)
    ws.write_formula('C9', '=A1+1', None, 999)                               # a stale cached value
    ws.write_formula('C10', '=A1+1', two, 999)                               # the same, formatted
    ws.write_formula('C11', '=1+1', None, '#NUM!')                           # a cached error
    wb.define_name('Tien', "='Công thức'!$A$1")
    wb.close()

    # layout
    wb = xlsxwriter.Workbook(os.path.join(out, 'xw_layout.xlsx'))
    ws = wb.add_worksheet('Tổng hợp')
    title = wb.add_format({'bold': True, 'align': 'center'})
    money = wb.add_format({'num_format': '#,##0.00'})
    ws.merge_range('A1:D1', 'Báo cáo tổng hợp', title)
    ws.merge_range('A5:A7', 1234.5, money)  # a merged number
    ws.write_row('A2', ['Khu vực', 'Doanh thu'])
    ws.write_row('A3', ['Hà Nội', 1500.5], None)
    ws.write_row('A4', ['Đà Nẵng', 800.25])
    ws.write('C3', 'hidden column C')
    ws.set_column('C:C', None, None, {'hidden': True})
    ws.set_column('E:E', 20, money)  # column style: cells written without a format take it
    ws.write_number('E3', 12.5)
    ws.write_number('E4', 3.25, money)
    ws.set_row(8, None, None, {'hidden': True})
    ws.write('A9', 'hidden row 9')
    ws.set_row(10, None, wb.add_format({'num_format': '0.0'}))  # row style
    ws.write_number('A11', 7.77)
    ws.write('A5000', 'far away')
    ws.write_number('B5000', 5000)
    ws.write('AZ10', 'far column')
    ws.set_row(11, None, None, {'level': 1, 'hidden': True})
    ws.write('A12', 'grouped, collapsed')
    ws.autofilter('A2:B4')
    ws2 = wb.add_worksheet("Chi nhánh 'A' (2)")
    ws2.write('A1', 'quote in sheet name')
    ws2.write_number('B2', 2.5)
    wb.add_worksheet('Trống')
    ws4 = wb.add_worksheet('Ẩn')
    ws4.write('A1', 'hidden sheet')
    ws4.hide()
    wb.define_name('DoanhThu', "='Tổng hợp'!$B$3:$B$4")
    wb.close()


# --------------------------------------------------------------------------- odfpy

def declare_ns(path, part, prefix, uri):
    """Add xmlns:PREFIX to the root element of `part` of the package (or of a flat file)."""
    import re
    import zipfile

    def fix(xml):
        text = xml.decode('utf-8')
        if ('xmlns:%s=' % prefix) in text:
            return xml
        text = re.sub(r'(<office:document(?:-content)?\b)', r'\1 xmlns:%s="%s"' % (prefix, uri), text, count=1)
        return text.encode('utf-8')
    if part is None:
        with open(path, 'rb') as f:
            data = fix(f.read())
        with open(path, 'wb') as f:
            f.write(data)
        return
    tmp = path + '.tmp'
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, 'w') as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == part:
                data = fix(data)
            zout.writestr(info, data)
    os.replace(tmp, path)


def odf_files(out):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style
    from odf import number as N
    from odf import table as T
    from odf import text as X
    from odf.office import Annotation
    from odf.style import TextProperties

    def save_flat(doc, path):
        with open(path, 'wb') as f:
            f.write(doc.xml())

    def new_doc():
        return OpenDocumentSpreadsheet()

    class Book:
        def __init__(self):
            self.doc = new_doc()
            self.n = 0
            self.styles = {}

        def data_style(self, kind, **kw):
            """A data style and a cell style using it -> the cell style's name."""
            self.n += 1
            name = 'N%d' % (100 + self.n)
            if kind == 'number':
                ds = N.NumberStyle(name=name)
                ds.addElement(N.Number(decimalplaces=kw.get('dec', 0), minintegerdigits=1,
                                       grouping='true' if kw.get('grouping') else 'false'))
            elif kind == 'number-nodec':  # number:number without number:decimal-places
                ds = N.NumberStyle(name=name)
                ds.addElement(N.Number(minintegerdigits=1))
            elif kind == 'percent-nodec':
                ds = N.PercentageStyle(name=name)
                ds.addElement(N.Number(minintegerdigits=1))
                ds.addElement(N.Text(text='%'))
            elif kind == 'currency-first':  # the symbol before the number, as en-US writes it
                ds = N.CurrencyStyle(name=name)
                ds.addElement(N.CurrencySymbol(language='en', country='US', text='$'))
                ds.addElement(N.Number(decimalplaces=kw.get('dec', 2), minintegerdigits=1, grouping='true'))
            elif kind == 'percent':
                ds = N.PercentageStyle(name=name)
                ds.addElement(N.Number(decimalplaces=kw.get('dec', 0), minintegerdigits=1))
                ds.addElement(N.Text(text='%'))
            elif kind == 'currency':
                ds = N.CurrencyStyle(name=name)
                ds.addElement(N.Number(decimalplaces=kw.get('dec', 2), minintegerdigits=1, grouping='true'))
                ds.addElement(N.Text(text=' '))
                ds.addElement(N.CurrencySymbol(language='vi', country='VN', text='₫'))
            elif kind == 'scientific':
                ds = N.NumberStyle(name=name)
                ds.addElement(N.ScientificNumber(decimalplaces=2, minintegerdigits=1, minexponentdigits=2))
            elif kind == 'fraction':
                ds = N.NumberStyle(name=name)
                ds.addElement(N.Fraction(minintegerdigits=0, minnumeratordigits=1, mindenominatordigits=1))
            elif kind == 'date':
                ds = N.DateStyle(name=name)
                ds.addElement(N.Day(style='long'))
                ds.addElement(N.Text(text='/'))
                ds.addElement(N.Month(style='long'))
                ds.addElement(N.Text(text='/'))
                ds.addElement(N.Year(style='long'))
            elif kind == 'datetime':
                ds = N.DateStyle(name=name)
                ds.addElement(N.Year(style='long'))
                ds.addElement(N.Text(text='-'))
                ds.addElement(N.Month(style='long'))
                ds.addElement(N.Text(text='-'))
                ds.addElement(N.Day(style='long'))
                ds.addElement(N.Text(text=' '))
                ds.addElement(N.Hours(style='long'))
                ds.addElement(N.Text(text=':'))
                ds.addElement(N.Minutes(style='long'))
            elif kind == 'time':
                ds = N.TimeStyle(name=name, truncateonoverflow='false')
                ds.addElement(N.Hours(style='long'))
                ds.addElement(N.Text(text=':'))
                ds.addElement(N.Minutes(style='long'))
                ds.addElement(N.Text(text=':'))
                ds.addElement(N.Seconds(style='long'))
            elif kind == 'boolean':
                ds = N.BooleanStyle(name=name)
                ds.addElement(N.Boolean())
            elif kind == 'text':
                ds = N.TextStyle(name=name)
                ds.addElement(N.TextContent())
            else:
                raise ValueError(kind)
            common = kw.get('common') or kw.get('via_parent')
            (self.doc.styles if common else self.doc.automaticstyles).addElement(ds)
            cs = Style(name='ce%d' % self.n, family='table-cell', datastylename=name)
            if kw.get('via_parent'):
                # a common style carries the data style; the cell's automatic style only names it as parent
                parent = Style(name='Parent%d' % self.n, family='table-cell', parentstylename='Default',
                               datastylename=name)
                self.doc.styles.addElement(parent)
                cs = Style(name='ce%d' % self.n, family='table-cell', parentstylename='Parent%d' % self.n)
                self.doc.automaticstyles.addElement(cs)
                return cs.getAttribute('name')
            if common:
                cs.setAttribute('parentstylename', 'Default')
                self.doc.styles.addElement(cs)
            else:
                self.doc.automaticstyles.addElement(cs)
            return cs.getAttribute('name')

        def sheet(self, name):
            t = T.Table(name=name)
            self.doc.spreadsheet.addElement(t)
            return t

    def p(*parts):
        el = X.P()
        for part in parts:
            if isinstance(part, str):
                el.addText(part)
            else:
                el.addElement(part)
        return el

    def cell(row, value=None, vtype=None, style=None, text=None, paras=None, formula=None, **extra):
        kw = {}
        if vtype:
            kw['valuetype'] = vtype
        if style:
            kw['stylename'] = style
        if formula:
            kw['formula'] = formula
        c = T.TableCell(**kw)
        if value is not None:
            if vtype in ('float', 'percentage', 'currency'):
                c.setAttribute('value', repr(float(value)) if not isinstance(value, str) else value)
            elif vtype == 'date':
                c.setAttribute('datevalue', value)
            elif vtype == 'time':
                c.setAttribute('timevalue', value)
            elif vtype == 'boolean':
                c.setAttribute('booleanvalue', value)
            elif vtype == 'string':
                c.setAttribute('stringvalue', value)
        for k, v in extra.items():
            c.setAttribute(k, v)
        if text is not None:
            c.addElement(p(text))
        for para in paras or []:
            c.addElement(para)
        row.addElement(c)
        return c

    # values
    b = Book()
    t = b.sheet('Số liệu')
    st = {
        '0': b.data_style('number', dec=0), '0.0': b.data_style('number', dec=1),
        '0.00': b.data_style('number', dec=2), '#,##0': b.data_style('number', dec=0, grouping=True),
        '#,##0.00': b.data_style('number', dec=2, grouping=True), '0%': b.data_style('percent', dec=0),
        '0.0%': b.data_style('percent', dec=1), 'cur': b.data_style('currency', dec=0),
        'cur2': b.data_style('currency', dec=2), 'sci': b.data_style('scientific'),
        'frac': b.data_style('fraction'), 'bool': b.data_style('boolean'), 'text': b.data_style('text'),
        'common2': b.data_style('number', dec=2, common=True),
        'nodec': b.data_style('number-nodec'), 'pnodec': b.data_style('percent-nodec'),
        'usd': b.data_style('currency-first', dec=2), 'parent1': b.data_style('number', dec=1, via_parent=True),
    }
    bold = Style(name='T1', family='text')
    bold.addElement(TextProperties(fontweight='bold'))
    b.doc.automaticstyles.addElement(bold)
    header = T.TableRow()
    for h in ('Integers', 'General', 'Formatted', 'Format', 'Texts', 'Other'):
        cell(header, vtype='string', text=h)
    t.addElement(header)
    formatted = [(1234.5678, '0'), (1234.5678, '0.0'), (1234.5678, '0.00'), (1234567.891, '#,##0'),
                 (1234567.891, '#,##0.00'), (0.1234, '0%'), (0.1234, '0.0%'), (1234.5, 'cur'),
                 (1234.5, 'cur2'), (12345.678, 'sci'), (0.75, 'frac'), (-7.25, '0.0'), (0.5, 'text'),
                 (3.14159, 'common2'), (1234.5678, 'nodec'), (0.1234, 'pnodec'), (1234.5, 'usd'),
                 (1234.5678, 'parent1')]
    ints = [0, 1, -1, 42, 1000000, -987654321, 2 ** 31, 10 ** 15]
    texts = TEXTS + VI + UNICODE
    n = max(len(ints), len(GENERAL), len(formatted), len(texts))
    for i in range(n):
        r = T.TableRow()
        if i < len(ints):
            cell(r, ints[i], 'float', text=str(ints[i]))
        else:
            cell(r)
        if i < len(GENERAL):
            cell(r, GENERAL[i], 'float', text=('%.10g' % GENERAL[i]))
        else:
            cell(r)
        if i < len(formatted):
            v, k = formatted[i]
            vt = 'percentage' if '%' in k else 'currency' if k.startswith('cur') else 'float'
            c = cell(r, v, vt, style=st[k], text=str(v))
            if vt == 'currency':
                c.setAttribute('currency', 'VND')
            cell(r, vtype='string', text=k)
        else:
            cell(r)
            cell(r)
        if i < len(texts):
            tx = texts[i]
            if tx == '':
                cell(r, vtype='string', paras=[X.P()])
            else:
                # ODF keeps runs of spaces, tabs and line breaks as elements (as LibreOffice writes them)
                paras = []
                for line in tx.split('\n'):
                    el = X.P()
                    el.addText(line)  # odfpy turns spaces into text:s, tabs into text:tab
                    paras.append(el)
                cell(r, vtype='string', paras=paras)
        else:
            cell(r)
        r.addElement(T.TableCell())
        t.addElement(r)
    # Other column (F): booleans, rich text, literal whitespace, string-value, odd cells
    other = [
        lambda r: cell(r, 'true', 'boolean', style=st['bool'], text='TRUE'),
        lambda r: cell(r, 'false', 'boolean', text='FALSE'),
        lambda r: cell(r, vtype='string', paras=[p('Tổng ', X.Span(text='cộng'), ' và ', X.Span(text='Hà Nội'))]),
        lambda r: cell(r, vtype='string', paras=[p('before', X.LineBreak(), 'after line-break')]),
        lambda r: cell(r, vtype='string', paras=[p('tab', X.Tab(), 'element')]),
        lambda r: cell(r, vtype='string', paras=[p(X.S(c=3), 'three text:s first')]),
        lambda r: cell(r, vtype='string', paras=[p(X.A(href='https://example.com', text='link text'))]),
        # string-value differs from the paragraph: LibreOffice reads ...
        lambda r: cell(r, 'the string-value', 'string', text='the paragraph'),
        # float whose paragraph says something else: the value counts
        lambda r: cell(r, 2.5, 'float', text='two and a half'),
        # a cell with a paragraph and no value type
        lambda r: cell(r, text='no value-type'),
        # a float cell without office:value
        lambda r: cell(r, None, 'float', text='17'),
        # a percentage value-type with no style
        lambda r: cell(r, 0.25, 'percentage', text='25%'),
        # a string cell with two paragraphs
        lambda r: cell(r, vtype='string', paras=[p('para one'), p('para two')]),
        # a number written with an exponent and with a plus sign
        lambda r: cell(r, '1.5E3', 'float', text='1500'),
        lambda r: cell(r, '+42', 'float', text='42'),
        # a bold span, then a line break and a tab inside it (an edit cell in Calc)
        lambda r: cell(r, vtype='string', paras=[p('plain ', X.Span(stylename='T1', text='bold'),
                                                   X.LineBreak(), 'next', X.Tab(), 'tabbed')]),
        # spaces as text:s inside a span
        lambda r: cell(r, vtype='string', paras=[p('a', X.Span(stylename='T1', text=''), X.S(c=2), 'b')]),
        # a comment (office:annotation) before the cell's paragraph
        lambda r: annotated(r),
        # only office:string-value, no paragraph
        lambda r: cell(r, 'string-value only', 'string'),
        # a percentage and a currency value-type without a style
        lambda r: cell(r, 1234.5, 'currency', text='1234.5', currency='USD'),
    ]

    def annotated(r):
        c = cell(r, vtype='string')
        a = Annotation()
        a.addElement(p('the comment text'))
        c.addElement(a)
        c.addElement(p('cell with a comment'))
    rowstyled = b.data_style('number', dec=3)
    rows = t.getElementsByType(T.TableRow)
    for i, f in enumerate(other):
        f(rows[i + 1])
    # a row whose default cell style has a data style: its unstyled numbers show 0.000
    r = T.TableRow(defaultcellstylename=rowstyled)
    cell(r, 1.5, 'float', text='1.5')
    cell(r, vtype='string', text='row default-cell-style-name 0.000')
    t.addElement(r)
    b.doc.save(os.path.join(out, 'odf_values.ods'))
    save_flat(b.doc, os.path.join(out, 'odf_values.fods'))

    # dates and times
    b = Book()
    t = b.sheet('Ngày')
    sd, sdt, stm = b.data_style('date'), b.data_style('datetime'), b.data_style('time')
    for vt, v, s in [('date', '2024-01-15', sd), ('date', '2024-02-29T00:00:00', sd),
                     ('date', '2023-12-31T23:59:59', sdt), ('date', '2024-07-04T13:45:00.500', sdt),
                     ('date', '1899-12-30', sd), ('date', '1800-01-01', sd), ('date', '1900-02-28', sd),
                     ('date', '2024-01-15', None),
                     ('time', 'PT13H45M30S', stm), ('time', 'PT36H30M00S', stm), ('time', 'PT0H0M1.5S', stm),
                     ('time', 'P1DT2H', stm), ('time', 'PT12H', None)]:
        r = T.TableRow()
        cell(r, v, vt, style=s, text=v)
        cell(r, vtype='string', text=v)
        t.addElement(r)
    b.doc.save(os.path.join(out, 'odf_dates.ods'))

    # formulas: with cached values, without, old syntaxes, errors
    b = Book()
    t = b.sheet('Công thức')
    pct = b.data_style('percent', dec=1)
    two = b.data_style('number', dec=2, grouping=True)
    rows = [
        [(10, 'float', None, None), (20, 'float', None, 'of:=[.A1]*2')],
        [(0.5, 'percentage', pct, None), (0.5, 'percentage', pct, 'of:=[.A2]')],
        [(3, 'float', None, None), (13, 'float', two, 'of:=[.A1]+[.A3]')],
        [(7, 'float', None, None), (None, None, None, 'of:=SUM([.A1:.A4])')],         # no cached value
        [(0, 'float', None, None), ('#DIV/0!', 'string', None, 'of:=1/[.A5]')],        # error cached as text
        [(None, None, None, None), (None, None, None, 'of:=NA()')],                    # error, nothing cached
        [(None, None, None, None), ('Tổng: 10', 'string', None, 'of:="Tổng: "&[.A1]')],
        [(None, None, None, None), ('true', 'boolean', None, 'of:=[.A1]>5')],
        [(None, None, None, None), (1 / 3, 'float', None, 'of:=1/3')],
        [(None, None, None, None), ('', 'string', None, 'of:=""')],
        [(None, None, None, None), (20, 'float', None, 'oooc:=[.A1]*2')],              # OOo 2 syntax
        [(None, None, None, None), (20, 'float', None, 'msoxl:=A1*2')],                # Excel's ODF export
        [(None, None, None, None), (20, 'float', None, '=[.A1]*2')],                   # no namespace
        [(None, None, None, None), (None, None, None, 'of:=[.A2]')],                   # uncached, General, =percent
        [(None, None, None, None), (999, 'float', None, 'of:=[.A1]+1')],               # stale cached value
        [(None, None, None, None), (None, 'float', None, 'of:=[.A3]*2')],              # float, no value
    ]
    for spec in rows:
        r = T.TableRow()
        for v, vt, s, f in spec:
            if v is None and vt is None and f is None:
                cell(r)
                continue
            txt = None
            if v is not None:
                txt = v if isinstance(v, str) else ('TRUE' if v is True else repr(v))
            if vt == 'string':
                c = cell(r, None, 'string', style=s, formula=f, text=txt)
            elif vt == 'boolean':
                c = cell(r, v, 'boolean', style=s, formula=f, text='TRUE')
            else:
                c = cell(r, v, vt, style=s, formula=f, text=txt)
        t.addElement(r)
    b.doc.save(os.path.join(out, 'odf_formulas.ods'))
    save_flat(b.doc, os.path.join(out, 'odf_formulas.fods'))
    # Excel 2007 SP2 wrote msoxl:= formulas and declared the prefix; odfpy does not declare it
    declare_ns(os.path.join(out, 'odf_formulas.ods'), 'content.xml', 'msoxl',
               'http://schemas.microsoft.com/office/excel/formula')
    declare_ns(os.path.join(out, 'odf_formulas.fods'), None, 'msoxl',
               'http://schemas.microsoft.com/office/excel/formula')

    # layout: repeats, covered (merged) cells, hidden rows/columns, gap, sheets, names, column styles
    b = Book()
    two = b.data_style('number', dec=2)
    one = b.data_style('number', dec=1)
    t = b.sheet('Tổng hợp')
    t.addElement(T.TableColumn(numbercolumnsrepeated=2))
    t.addElement(T.TableColumn(visibility='collapse'))                 # C hidden
    t.addElement(T.TableColumn(defaultcellstylename=two))              # D: column default style 0.00
    t.addElement(T.TableColumn(numbercolumnsrepeated=48))
    r = T.TableRow()
    c = cell(r, vtype='string', text='Báo cáo tổng hợp', numbercolumnsspanned='3', numberrowsspanned='1')
    cov = T.CoveredTableCell(valuetype='string')                      # covered cell WITH content
    cov.addElement(p('hidden under merge'))
    r.addElement(cov)
    r.addElement(T.CoveredTableCell())
    cell(r, 1.5, 'float', text='1.5')                                 # D1 without style: column's 0.00
    t.addElement(r)
    r = T.TableRow()
    cell(r, 7, 'float', text='7', numbercolumnsrepeated='3')          # A2:C2 = 7 (repeated value)
    cell(r, 2.25, 'float', style=one, text='2.3')                     # own style beats the column's
    t.addElement(r)
    grp = T.TableRowGroup(display='false')                            # an outline group
    r = T.TableRow(numberrowsrepeated='2')                            # rows 3-4 repeated
    cell(r, vtype='string', text='repeated row')
    cell(r, 1, 'float', text='1')
    grp.addElement(r)
    r = T.TableRow(visibility='collapse')                             # row 5 hidden
    cell(r, vtype='string', text='hidden row 5')
    grp.addElement(r)
    t.addElement(grp)
    r = T.TableRow(numberrowsrepeated='4993')                         # empty rows 6-4998
    r.addElement(T.TableCell(numbercolumnsrepeated='52'))
    t.addElement(r)
    r = T.TableRow()
    cell(r, vtype='string', text='far away')                          # A4999
    cell(r, 4999, 'float', text='4999')
    r.addElement(T.TableCell(numbercolumnsrepeated='49'))
    cell(r, vtype='string', text='far column AZ')                     # AZ4999
    t.addElement(r)
    r = T.TableRow(numberrowsrepeated='1000')                         # trailing empty rows
    r.addElement(T.TableCell(numbercolumnsrepeated='52'))
    t.addElement(r)
    t2 = b.sheet("Chi nhánh 'A' (2)")
    r = T.TableRow()
    cell(r, vtype='string', text='quote in sheet name')
    t2.addElement(r)
    t3 = b.sheet('Q1.2024')                                            # header rows and columns
    hc = T.TableHeaderColumns()
    hc.addElement(T.TableColumn())
    t3.addElement(hc)
    t3.addElement(T.TableColumn(numbercolumnsrepeated=3))
    hr = T.TableHeaderRows()
    r = T.TableRow()
    for h in ('Tháng', 'Doanh thu', 'Chi phí'):
        cell(r, vtype='string', text=h)
    hr.addElement(r)
    t3.addElement(hr)
    for m in range(1, 4):
        r = T.TableRow()
        cell(r, m, 'float', text=str(m))
        cell(r, m * 100.5, 'float', text=str(m * 100.5))
        cell(r, m * 50.25, 'float', text=str(m * 50.25))
        t3.addElement(r)
    b.sheet('Trống')                                                   # an empty sheet
    ne = T.NamedExpressions()
    ne.addElement(T.NamedRange(name='DoanhThu', cellrangeaddress="$'Tổng hợp'.$A$2:.$C$2",
                               basecelladdress="$'Tổng hợp'.$A$1"))
    b.doc.spreadsheet.addElement(ne)
    b.doc.save(os.path.join(out, 'odf_layout.ods'))


# --------------------------------------------------------------------------- gnumeric

GNUMERIC_XML = '''<?xml version="1.0" encoding="UTF-8"?>
<gnm:Workbook xmlns:gnm="http://www.gnumeric.org/v10.dtd">
  <gnm:SheetNameIndex>
    <gnm:SheetName>Dữ liệu</gnm:SheetName>
    <gnm:SheetName>Trang 2</gnm:SheetName>
  </gnm:SheetNameIndex>
  <gnm:Sheets>
    <gnm:Sheet>
      <gnm:Name>Dữ liệu</gnm:Name>
      <gnm:MaxCol>5</gnm:MaxCol>
      <gnm:MaxRow>20</gnm:MaxRow>
      <gnm:Styles>
        <gnm:StyleRegion startCol="1" startRow="0" endCol="1" endRow="0"><gnm:Style Format="0.00"/></gnm:StyleRegion>
        <gnm:StyleRegion startCol="1" startRow="1" endCol="1" endRow="1"><gnm:Style Format="0.0%"/></gnm:StyleRegion>
        <gnm:StyleRegion startCol="1" startRow="2" endCol="1" endRow="2"><gnm:Style Format="#,##0"/></gnm:StyleRegion>
        <gnm:StyleRegion startCol="1" startRow="3" endCol="1" endRow="3"><gnm:Style Format="yyyy-mm-dd"/></gnm:StyleRegion>
        <gnm:StyleRegion startCol="1" startRow="4" endCol="1" endRow="4"><gnm:Style Format="0.00E+00"/></gnm:StyleRegion>
        <gnm:StyleRegion startCol="1" startRow="5" endCol="1" endRow="5"><gnm:Style Format="&quot;$&quot;#,##0.00"/></gnm:StyleRegion>
        <gnm:StyleRegion startCol="1" startRow="6" endCol="1" endRow="6"><gnm:Style Format="hh:mm:ss"/></gnm:StyleRegion>
        <gnm:StyleRegion startCol="3" startRow="0" endCol="3" endRow="20"><gnm:Style Format="0.0"/></gnm:StyleRegion>
      </gnm:Styles>
      <gnm:Cells>
        <gnm:Cell Row="0" Col="0" ValueType="60">Hai chữ số</gnm:Cell>
        <gnm:Cell Row="0" Col="1" ValueType="40">1234.5678</gnm:Cell>
        <gnm:Cell Row="1" Col="0" ValueType="60">Phần trăm</gnm:Cell>
        <gnm:Cell Row="1" Col="1" ValueType="40">0.1234</gnm:Cell>
        <gnm:Cell Row="2" Col="0" ValueType="60">Nhóm</gnm:Cell>
        <gnm:Cell Row="2" Col="1" ValueType="40">1234567.891</gnm:Cell>
        <gnm:Cell Row="3" Col="0" ValueType="60">Ngày</gnm:Cell>
        <gnm:Cell Row="3" Col="1" ValueType="40">45306</gnm:Cell>
        <gnm:Cell Row="4" Col="0" ValueType="60">Khoa học</gnm:Cell>
        <gnm:Cell Row="4" Col="1" ValueType="40">12345.678</gnm:Cell>
        <gnm:Cell Row="5" Col="0" ValueType="60">Tiền</gnm:Cell>
        <gnm:Cell Row="5" Col="1" ValueType="40">-1234.5</gnm:Cell>
        <gnm:Cell Row="6" Col="0" ValueType="60">Giờ</gnm:Cell>
        <gnm:Cell Row="6" Col="1" ValueType="40">0.5729166666666666</gnm:Cell>
        <gnm:Cell Row="7" Col="0" ValueType="60">  hai đầu có dấu cách  </gnm:Cell>
        <gnm:Cell Row="7" Col="1" ValueType="20">TRUE</gnm:Cell>
        <gnm:Cell Row="8" Col="0" ValueType="60">dòng một
dòng hai</gnm:Cell>
        <gnm:Cell Row="8" Col="1" ValueType="20">FALSE</gnm:Cell>
        <gnm:Cell Row="9" Col="0" ValueType="60">0042</gnm:Cell>
        <gnm:Cell Row="9" Col="1" ValueType="40">0.30000000000000004</gnm:Cell>
        <gnm:Cell Row="10" Col="1" ValueType="40">0.3333333333333333</gnm:Cell>
        <gnm:Cell Row="11" Col="1">=B1*2</gnm:Cell>
        <gnm:Cell Row="12" Col="1">=B2</gnm:Cell>
        <gnm:Cell Row="13" Col="1">=1/0</gnm:Cell>
        <gnm:Cell Row="14" Col="1">=NA()</gnm:Cell>
        <gnm:Cell Row="15" Col="1">="Tổng "&amp;A1</gnm:Cell>
        <gnm:Cell Row="16" Col="1">=B1&gt;5</gnm:Cell>
        <gnm:Cell Row="17" Col="1">=SUM(B1:B3)</gnm:Cell>
        <gnm:Cell Row="18" Col="1">=B4+1</gnm:Cell>
        <gnm:Cell Row="19" Col="1">=""</gnm:Cell>
        <gnm:Cell Row="0" Col="3" ValueType="40">2.25</gnm:Cell>
        <gnm:Cell Row="1" Col="3" ValueType="40">-0.05</gnm:Cell>
        <gnm:Cell Row="4999" Col="0" ValueType="60">far away</gnm:Cell>
      </gnm:Cells>
      <gnm:MergedRegions>
        <gnm:Merge>E1:F2</gnm:Merge>
      </gnm:MergedRegions>
    </gnm:Sheet>
    <gnm:Sheet>
      <gnm:Name>Trang 2</gnm:Name>
      <gnm:MaxCol>1</gnm:MaxCol>
      <gnm:MaxRow>1</gnm:MaxRow>
      <gnm:Cells>
        <gnm:Cell Row="0" Col="0" ValueType="60">Hà Nội</gnm:Cell>
        <gnm:Cell Row="0" Col="1">='Dữ liệu'!B1+1</gnm:Cell>
      </gnm:Cells>
    </gnm:Sheet>
  </gnm:Sheets>
</gnm:Workbook>
'''


def gnumeric_files(out, work):
    if not shutil.which('ssconvert'):
        raise SystemExit('ssconvert not found: apt-get install gnumeric')
    sources = {}
    p = os.path.join(work, 'native.gnumeric')
    with open(p, 'w', encoding='utf-8') as f:
        f.write(GNUMERIC_XML)
    sources['native'] = p
    # an openpyxl workbook: gnumeric computes its formulas and writes the results
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Báo cáo'
    for i, (v, code, what) in enumerate(FORMATTED):
        c = ws.cell(row=i + 1, column=1, value=v)
        c.number_format = code
        ws.cell(row=i + 1, column=2, value=what)
    for i, (v, code) in enumerate(DATES):
        c = ws.cell(row=i + 1, column=3, value=v)
        c.number_format = code
    for i, v in enumerate(GENERAL):
        ws.cell(row=i + 1, column=4, value=v)
    for i, t in enumerate(TEXTS[:12] + VI):
        ws.cell(row=i + 1, column=5, value=t if t else None)
    ws['F1'] = '=A1*2'
    ws['F2'] = '=A6'
    ws['F3'] = '=1/0'
    ws['F4'] = '="x"&B1'
    ws['F5'] = '=D1+D2'
    ws['F6'] = True
    ws.merge_cells('G1:H2')
    ws['G1'] = 'merged'
    ws.column_dimensions['I'].hidden = True
    ws['I1'] = 'hidden col'
    p = os.path.join(work, 'from_openpyxl.xlsx')
    wb.save(p)
    sources['xlsx'] = p
    # a CSV: what its import guesses (numbers, dates, texts)
    p = os.path.join(work, 'from.csv')
    with open(p, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f)
        w.writerow(['Tỉnh', 'Số', 'Ngày', 'Tỉ lệ', 'Ghi chú'])
        w.writerow(['Hà Nội', '1234.5', '2024-01-15', '12.5%', 'có dấu phẩy, ở giữa'])
        w.writerow(['Đà Nẵng', '-42', '2024-02-29', '0.5', 'dòng một\ndòng hai'])
        w.writerow(['Huế', '00123', '15/01/2024', '1e3', '  spaces  '])
        w.writerow(['Cần Thơ', '1,234', '13:45', 'TRUE', ''])
    sources['csv'] = p
    made = []
    for key, src in sources.items():
        for ext, exporter in (('ods', 'Gnumeric_OpenCalc:odf'), ('xlsx', 'Gnumeric_Excel:xlsx2')):
            dst = os.path.join(out, 'gn_%s.%s' % (key, ext))
            r = subprocess.run(['ssconvert', '--export-type=' + exporter, src, dst],
                               capture_output=True, text=True, timeout=120,
                               env=dict(os.environ, HOME=work))
            if r.returncode != 0 or not os.path.exists(dst):
                raise SystemExit('ssconvert %s -> %s failed: %s' % (src, dst, r.stderr))
            made.append(dst)
    # gnumeric's older xlsx exporter (ECMA-376 1st edition) for the native file
    dst = os.path.join(out, 'gn_native_ecma1.xlsx')
    subprocess.run(['ssconvert', '--export-type=Gnumeric_Excel:xlsx', sources['native'], dst],
                   capture_output=True, timeout=120, env=dict(os.environ, HOME=work), check=True)
    return made


def make(out, only=None):
    os.makedirs(out, exist_ok=True)
    work = os.path.join(out, '_sources')
    os.makedirs(work, exist_ok=True)
    for prefix, fn in (('op', openpyxl_files), ('xw', xlsxwriter_files), ('odf', odf_files)):
        if only and not prefix.startswith(only):
            continue
        fn(out)
    if not only or 'gn'.startswith(only):
        gnumeric_files(out, work)
    return sorted(os.path.join(out, f) for f in os.listdir(out)
                  if f.endswith(('.ods', '.xlsx', '.fods')) and (not only or f.startswith(only)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('outdir')
    ap.add_argument('--only', help='op, xw, odf or gn')
    a = ap.parse_args()
    for f in make(a.outdir, a.only):
        print(f)
    return 0


if __name__ == '__main__':
    sys.exit(main())
