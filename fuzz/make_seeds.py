#!/usr/bin/python3
"""Seed corpora for the fuzz targets, from the project's own files:
  fuzz_rules     each rule of report-536.rules with its section's header, the
                 fixture's embedded rules and the examples of rules/README.md;
  fuzz_ods       a tiny workbook and the fixtures (uncompressed: mutations
                 reach the XML), and the sample workbooks as they are;
  fuzz_ods_split fuzz_ods's seeds, and the tiny workbook's rows 40 times over
                 (a split point lands among rows, not in the styles);
  fuzz_embedded  meta.xml of the fixtures (one with embedded rules), and each
                 section of report-536.rules wrapped as meta.xml in two chunks;
  fuzz_expression  RC.EVAL-style expressions (first byte: size of range b);
  fuzz_xlsx      a tiny workbook with every kind of cell the .xlsx reader
                 reads, and the fixtures saved as .xlsx (uncompressed);
  fuzz_xlsx_split fuzz_xlsx's seeds, and the tiny workbook's rows 40 times
                 over, renumbered (a split point lands among rows);
  fuzz_formula   formulas without a result, Excel's and OpenFormula's, a line
                 each (first byte: the syntax), reading each other;
  fuzz_csv       CSV lines with ',' and ';', quotes, numbers, ISO dates, a
                 byte order mark and Windows line ends.
Run: python3 fuzz/make_seeds.py OUT_DIR   (scripts/fuzz.sh does)
"""
import os
import re
import sys
import zipfile
from xml.sax.saxutils import escape

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
ODS_PARTS = ('mimetype', 'content.xml', 'styles.xml', 'meta.xml')


def read(rel, mode='r'):
    with open(os.path.join(ROOT, rel), mode, **({} if 'b' in mode else {'encoding': 'utf-8'})) as f:
        return f.read()


def sections():
    """report-536.rules cut where a sheet section starts."""
    return re.split(r'(?m)^(?=sheet ")', read('rules/report-536.rules'))[1:]


def rule_pieces(section):
    """One seed per rule: the section's header lines (sheet, labels, numbers,
    headers) and the rule with its continuation lines. Small seeds mutate fast."""
    blocks = re.split(r'(?m)^(?=(?:check|total|target) )', section)
    return [blocks[0] + rule for rule in blocks[1:]]


def rules_seeds():
    seeds = {}
    for i, section in enumerate(sections(), 1):
        for k, piece in enumerate(rule_pieces(section), 1):
            seeds['s%02d-r%02d.rules' % (i, k)] = piece
    seeds['embedded.rules'] = read('tests/fixtures/embedded.rules')
    for i, block in enumerate(re.findall(r'```\n(.*?)```', read('rules/README.md'), re.S), 1):
        seeds['readme-%02d.rules' % i] = block
    return seeds


def meta_xml(rules):
    cut = len(rules) // 2
    chunks = [rules[:cut], rules[cut:]]
    props = ''.join('<meta:user-defined meta:name="ReportCheck.Rules.%d">%s</meta:user-defined>' % (i, escape(c))
                    for i, c in enumerate(chunks, 1))
    props += ('<meta:user-defined meta:name="ReportCheck.Rules.Count">2</meta:user-defined>'
              '<meta:user-defined meta:name="ReportCheck.Rules.Version">1</meta:user-defined>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta '
            'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.3">'
            '<office:meta>%s</office:meta></office:document-meta>' % props)


# A workbook small enough to mutate fast, with what the reader and fuzz_ods's
# rules look at: a data style with decimals, repeated rows and columns, text,
# numbers, a formula's error, a covered cell, a named range.
TINY_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" \
xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3">
<office:automatic-styles><number:number-style style:name="N1"><number:number number:decimal-places="1"/>\
</number:number-style><style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/>\
</office:automatic-styles><office:body><office:spreadsheet>
<table:table table:name="Biểu 1"><table:table-column table:number-columns-repeated="4" table:default-cell-style-name="ce1"/>
<table:table-row><table:table-cell office:value-type="string"><text:p>TT</text:p></table:table-cell>\
<table:table-cell office:value-type="string"><text:p>Thể loại</text:p></table:table-cell>\
<table:table-cell office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell/><table:table-cell office:value-type="string"><text:p>Tổng số</text:p></table:table-cell>\
<table:table-cell table:formula="of:=SUM([.C3:.C5])" office:value-type="float" office:value="52" table:style-name="ce1">\
<text:p>52,0</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="float" office:value="1"/><table:table-cell office:value-type="string">\
<text:p>Nghị <text:s text:c="2"/>quyết</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="16"/>\
<table:table-cell table:formula="of:=[.C2]-SUM([.C3:.C5])+[$'Biểu 1'.A3]"/></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2"/>\
<table:table-cell office:value-type="percentage" office:value="0.25"/></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="1"/><table:table-cell office:value-type="string">\
<text:p>Lỗi</text:p></table:table-cell><table:table-cell table:formula="of:=&quot;x&quot;+1" office:value-type="string" \
calcext:value-type="error"><text:p>#VALUE!</text:p></table:table-cell><table:covered-table-cell/></table:table-row>
</table:table>
<table:named-expressions><table:named-range table:name="tong_so" table:base-cell-address="$'Biểu 1'.$A$1" \
table:cell-range-address="$'Biểu 1'.$C$2"/></table:named-expressions>
</office:spreadsheet></office:body></office:document-content>
"""


# The parts of an .xlsx small enough to mutate fast, with what the reader looks
# at: relations, sheets and a named range, the 1904 flag, shared strings (rich
# text, phonetic runs, an empty one), number formats and cell formats, row and
# column formats, and cells of every type (n, s, str, b, e, inlineStr, d).
TINY_XLSX = {
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '</Relationships>',
    'xl/workbook.xml': '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="false"/>'
    '<sheets><sheet name="Biểu 1" sheetId="1" r:id="rId1"/></sheets>'
    '<definedNames><definedName name="tong_so">\'Biểu 1\'!$C$2</definedName></definedNames></workbook>',
    'xl/sharedStrings.xml': '<?xml version="1.0" encoding="UTF-8"?>'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">'
    '<si><t>TT</t></si><si><t>Tổng số</t></si><si><r><t>Nghị </t></r><r><t xml:space="preserve"> quyết</t></r></si>'
    '<si><t>Lỗi</t><rPh sb="0" eb="1"><t>ろ</t></rPh></si><si><t></t></si></sst>',
    'xl/styles.xml': '<?xml version="1.0" encoding="UTF-8"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.0"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy"/></numFmts>'
    '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="10"/></cellXfs></styleSheet>',
    'xl/worksheets/sheet1.xml': '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols><col min="3" max="4" style="1"/></cols><sheetData>'
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Thể loại</t></is></c><c r="C1"><v>3</v></c></row>'
    '<row r="2"><c r="B2" t="s"><v>1</v></c><c r="C2" s="1"><f>SUM(C3:C5)</f><v>52</v></c><c r="D2" t="b"><v>1</v></c></row>'
    '<row r="3" s="3" customFormat="1"><c r="A3"><v>1</v></c><c r="B3" t="s"><v>2</v></c><c r="C3"><v>16</v></c><c r="D3" s="2"><v>45000</v></c></row>'
    '<row r="4"><c r="B4" t="s"><v>3</v></c><c r="C4" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D4" t="str"><f>"x"</f><v>x</v></c>'
    '<c r="E4" t="d"><v>2021-01-01T10:10:10</v></c><c r="F4" t="s"><v>4</v></c></row>'
    '<row><c><v>0.25</v></c><c t="n"><v>1E3</v></c><c><f>SUM(C1:C3)*2</f></c><c s="1"><f>ROUND(A5/3,2)</f></c>'
    '<c><f>IF(C1>2,E5,0)</f></c></row>'
    '</sheetData></worksheet>',
}


# (range b in units of 4096 cells, expression) as fuzz_expression reads them.
EXPRESSIONS = [(1, 'sum(b) / a'), (0, 'round(a / 3, 2)'), (1, 'pct(a, sum(b), 1)'), (0, 'div(a, c)'),
               (2, 'max(b) - min(b) + avg(b)'), (0, 'a > 2 ? 1 : 0'), (1, 'sum(d) + abs(-a)^2'),
               (0, '(a + c) / c'), (1, 'rint(sqrt(a)) == 2 && b_1 < 0 || !c')]


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        f.write(data.encode('utf-8') if isinstance(data, str) else data)


CSV_SEEDS = {
    'comma.csv': 'TT,Chỉ tiêu,Số lượng,Ngày\n1,"Đảng viên, mới",52,2024-01-15\n2,"dòng\nhai",-1.5e2,2024-01-15T10:30:00.5\n'
                 ',TRUE,"""trích""", 1\n3,"1,234",87.107, 2024-02-29 \n',
    'semicolon.csv': '\ufeffTT;Chỉ tiêu;Số lượng;Tỷ lệ\r\n1;"Đảng viên; mới";87.107;47,5\r\n'
                     '2;Tuổi bình quân;1.234.567,25;-0,5\r\n3;"cuối";-2024-01-15;94,8%\r\n',
    'tabs.csv': 'a\tb, c\tc\n1\t2,5\t3.5\n"x\t\ty"\t\t0999-05-05\n',
}


# (syntax byte, formulas a line each) as fuzz_formula reads them: B1, B2, … of its sheet.
FORMULA_SEEDS = [
    (0, 'A1*2\nSUM(A1:A8)-B1\nIF(A1>5,A3,A4)\nROUND(A2*100,1)%\nB5+1\nB4*2\n\'Trang 2\'!A1+Tien\nSUM(A:A)'),
    (0, '2^3^2\n-2^2\n10/4/5\nA6+A6-A6\nMOD(-7,3)\nROUNDUP(A3,-1)\nIFERROR(1/A8,"x")\nAVERAGE(A9:A11)'),
    (1, 'SUM([.A1:.A8])\n[.B1]+[$\'Trang 2\'.A1]\nIF([.A1]>5;[.A3];[.A4])\nROUND([.A2];2)\n[.B5]*2\n[.B4]*2\nCOUNT([.A1:.A11];5)'),
]


def main(out):
    for i, (syn, text) in enumerate(FORMULA_SEEDS, 1):
        write(os.path.join(out, 'fuzz_formula', 'f%02d' % i), bytes([syn]) + text.encode())
    for name, text in CSV_SEEDS.items():
        write(os.path.join(out, 'fuzz_csv', name), text.encode('utf-8'))
    # Windows-1258 (Vietnamese Windows' "CSV") and UTF-16 ("Unicode Text"), as text_encoding.h reads them.
    write(os.path.join(out, 'fuzz_csv', 'ansi.csv'), b'T\xf4\xd2ng s\xf4\xec,H\xe0 N\xf4\xf2i\n1,2\n')
    write(os.path.join(out, 'fuzz_csv', 'unicode.csv'), 'Tổng số\t87,5\n1\t2\n'.encode('utf-16'))
    os.makedirs(os.path.join(out, 'fuzz_xlsx'), exist_ok=True)
    for name, text in rules_seeds().items():
        write(os.path.join(out, 'fuzz_rules', name), text)
    for i, text in enumerate(sections(), 1):
        write(os.path.join(out, 'fuzz_embedded', 'section-%02d.meta.xml' % i), meta_xml(text))
    write(os.path.join(out, 'fuzz_embedded', 'embedded.rules.meta.xml'), meta_xml(read('tests/fixtures/embedded.rules')))
    for rel in ('tests/fixtures/small.ods', 'tests/fixtures/embedded.ods'):
        with zipfile.ZipFile(os.path.join(ROOT, rel)) as z:
            base = os.path.basename(rel)
            write(os.path.join(out, 'fuzz_embedded', base + '.meta.xml'), z.read('meta.xml'))
            stored = os.path.join(out, 'fuzz_ods', base)
            os.makedirs(os.path.dirname(stored), exist_ok=True)
            with zipfile.ZipFile(stored, 'w', zipfile.ZIP_STORED) as s:
                for part in ODS_PARTS:
                    s.writestr(part, z.read(part))
    for i, (cells, expr) in enumerate(EXPRESSIONS, 1):
        write(os.path.join(out, 'fuzz_expression', 'e%02d' % i), bytes([cells]) + expr.encode())
    with zipfile.ZipFile(os.path.join(out, 'fuzz_ods', 'tiny.ods'), 'w', zipfile.ZIP_STORED) as s:
        s.writestr('mimetype', 'application/vnd.oasis.opendocument.spreadsheet')
        s.writestr('content.xml', TINY_CONTENT)
    with zipfile.ZipFile(os.path.join(out, 'fuzz_xlsx', 'tiny.xlsx'), 'w', zipfile.ZIP_STORED) as s:
        for part, text in TINY_XLSX.items():
            s.writestr(part, text)
    for rel in ('tests/fixtures/small.xlsx', 'tests/fixtures/embedded.xlsx', 'tests/fixtures/dates.xlsx'):
        with zipfile.ZipFile(os.path.join(ROOT, rel)) as z, \
                zipfile.ZipFile(os.path.join(out, 'fuzz_xlsx', os.path.basename(rel)), 'w', zipfile.ZIP_STORED) as s:
            for info in z.infolist():
                s.writestr(info.filename, z.read(info))
    for name in os.listdir(os.path.join(out, 'fuzz_xlsx')):
        with open(os.path.join(out, 'fuzz_xlsx', name), 'rb') as f:
            write(os.path.join(out, 'fuzz_xlsx_split', name), f.read())
    sheet_part = [p for p in TINY_XLSX if p.startswith('xl/worksheets/')][0]
    sheet = TINY_XLSX[sheet_part]
    start, end = sheet.index('<row'), sheet.index('</sheetData>')
    rows = sheet[start:end]
    nrows = rows.count('<row')
    long_rows = []
    for k in range(40):
        # Each copy's rows and cell references moved down, so the rows stay in order.
        copy = re.sub(r'(<row r="|<c r="[A-Z]+)(\d+)', lambda m: m.group(1) + str(int(m.group(2)) + k * nrows), rows)
        long_rows.append(copy.replace('<row>', '<row r="%d">' % (nrows + k * nrows)))
    long_xlsx = dict(TINY_XLSX)
    long_xlsx[sheet_part] = sheet[:start] + ''.join(long_rows) + sheet[end:]
    with zipfile.ZipFile(os.path.join(out, 'fuzz_xlsx_split', 'tiny-long.xlsx'), 'w', zipfile.ZIP_STORED) as s:
        for part, text in long_xlsx.items():
            s.writestr(part, text)
    for rel in ('sample-workbooks/bao-cao-536.ods', 'sample-workbooks/mau-trong.ods'):
        write(os.path.join(out, 'fuzz_ods', os.path.basename(rel)), read(rel, 'rb'))
    for name in os.listdir(os.path.join(out, 'fuzz_ods')):
        with open(os.path.join(out, 'fuzz_ods', name), 'rb') as f:
            write(os.path.join(out, 'fuzz_ods_split', name), f.read())
    start, end = TINY_CONTENT.index('<table:table-row>'), TINY_CONTENT.index('</table:table>')
    long_content = TINY_CONTENT[:start] + TINY_CONTENT[start:end] * 40 + TINY_CONTENT[end:]
    with zipfile.ZipFile(os.path.join(out, 'fuzz_ods_split', 'tiny-long.ods'), 'w', zipfile.ZIP_STORED) as s:
        s.writestr('mimetype', 'application/vnd.oasis.opendocument.spreadsheet')
        s.writestr('content.xml', long_content)


if __name__ == '__main__':
    main(sys.argv[1])
