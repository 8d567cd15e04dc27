#!/usr/bin/env python3
"""Writes one sheet of Calc's full size for the reader benchmark (scripts/bench_read_fullsize.sh):
a header row and ROWS rows of a label and 6 numbers (B = C + D + E + F + G, every 2000th
row off by one), as .ods (cells written as LibreOffice writes them: value type, value,
calcext type, the displayed text) and as .xlsx (shared strings for the labels, as Excel
and LibreOffice write them), plus the rules file that checks it.

    python3 scripts/make_fullsize_sheet.py OUTDIR [ROWS]     (default 1048575: with the header, Calc's 1,048,576)

Streams into the zip: the XML is never whole in memory.
"""
import os
import sys
import zipfile

out = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1048575
os.makedirs(out, exist_ok=True)


def deflated(name):
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def values(r):
    c, d, e, f, g = r % 97, r % 13, r % 7, (r * 7) % 101, r % 3
    b = c + d + e + f + g + (1 if r % 2000 == 1999 else 0)
    return b, c, d, e, f, g


ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"')


def ods_num(v):
    return ('<table:table-cell office:value-type="float" office:value="%d" calcext:value-type="float">'
            '<text:p>%d</text:p></table:table-cell>' % (v, v))


def ods_text(s):
    return ('<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>%s</text:p>'
            '</table:table-cell>' % s)


with zipfile.ZipFile(os.path.join(out, 'full.ods'), 'w') as z:
    z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.oasis.opendocument.spreadsheet')
    z.writestr('META-INF/manifest.xml',
               '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest='
               '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
               '<manifest:file-entry manifest:full-path="/" manifest:media-type='
               '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path='
               '"content.xml" manifest:media-type="text/xml"/></manifest:manifest>', zipfile.ZIP_DEFLATED)
    with z.open(deflated('content.xml'), 'w', force_zip64=True) as f:
        f.write(('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content %s office:version="1.3">'
                 '<office:body><office:spreadsheet><table:table table:name="Lớn">'
                 '<table:table-row>%s</table:table-row>' % (ODS_NS, ''.join(ods_text(h) for h in
                 ('Tiêu chí', 'Tổng', 'C', 'D', 'E', 'F', 'G')))).encode())
        chunk = []
        for r in range(rows):
            chunk.append('<table:table-row>%s%s</table:table-row>' % (ods_text('Dòng %d' % (r + 1)),
                                                                     ''.join(ods_num(v) for v in values(r))))
            if len(chunk) == 10000:
                f.write(''.join(chunk).encode())
                chunk = []
        f.write(''.join(chunk).encode())
        f.write(b'</table:table></office:spreadsheet></office:body></office:document-content>')

COLS = 'ABCDEFG'
with zipfile.ZipFile(os.path.join(out, 'full.xlsx'), 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml',
               '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
               '<Default Extension="xml" ContentType="application/xml"/>'
               '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
               '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
               '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
               '</Types>')
    z.writestr('_rels/.rels',
               '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
               '</Relationships>')
    z.writestr('xl/workbook.xml',
               '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
               'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
               '<sheets><sheet name="Lớn" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr('xl/_rels/workbook.xml.rels',
               '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
               '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
               '</Relationships>')
    headers = ('Tiêu chí', 'Tổng', 'C', 'D', 'E', 'F', 'G')
    with z.open(deflated('xl/sharedStrings.xml'), 'w', force_zip64=True) as f:
        f.write(('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
                 'spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (rows + 7, rows + 7)).encode())
        f.write(''.join('<si><t>%s</t></si>' % h for h in headers).encode())
        for start in range(0, rows, 10000):
            f.write(''.join('<si><t>Dòng %d</t></si>' % (r + 1) for r in range(start, min(rows, start + 10000))).encode())
        f.write(b'</sst>')
    with z.open(deflated('xl/worksheets/sheet1.xml'), 'w', force_zip64=True) as f:
        f.write(('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/'
                 'spreadsheetml/2006/main"><sheetData><row r="1">%s</row>' %
                 ''.join('<c r="%s1" t="s"><v>%d</v></c>' % (COLS[i], i) for i in range(7))).encode())
        chunk = []
        for r in range(rows):
            n = r + 2
            chunk.append('<row r="%d"><c r="A%d" t="s"><v>%d</v></c>%s</row>' % (
                n, n, r + 7, ''.join('<c r="%s%d"><v>%d</v></c>' % (COLS[i + 1], n, v) for i, v in enumerate(values(r)))))
            if len(chunk) == 10000:
                f.write(''.join(chunk).encode())
                chunk = []
        f.write(''.join(chunk).encode())
        f.write(b'</sheetData></worksheet>')

with open(os.path.join(out, 'full.rules'), 'w', encoding='utf-8') as f:
    f.write('sheet "Lớn"\ncheck L.cong: B = C + D + E + F + G\n  for rows 2:%d\n' % (rows + 1))
print('%d rows x 7 columns -> %s/full.ods, full.xlsx, full.rules' % (rows + 1, out))
