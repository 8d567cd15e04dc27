#!/usr/bin/env python3
"""Writes a large .ods for benchmarks: one sheet "Lớn", a header row, then N rows of
label, B = C + D + E (every EVERY-th row wrong, default 1000; 0 none), plus the rules file
that checks it.

    python3 scripts/make_large_ods.py OUT.ods OUT.rules [ROWS] [EVERY]
"""
import sys
import zipfile

out, rules_out = sys.argv[1], sys.argv[2]
rows = int(sys.argv[3]) if len(sys.argv) > 3 else 100000
every = int(sys.argv[4]) if len(sys.argv) > 4 else 1000

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def num(v):
    return ('<table:table-cell office:value-type="float" office:value="%d"><text:p>%d</text:p>'
            '</table:table-cell>' % (v, v))


parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content %s office:version="1.2">'
         '<office:body><office:spreadsheet><table:table table:name="Lớn">' % NS,
         '<table:table-row><table:table-cell office:value-type="string"><text:p>Tiêu chí</text:p></table:table-cell>'
         '</table:table-row>']
for r in range(rows):
    c, d, e = r % 97, r % 13, r % 7
    b = c + d + e + (1 if every and r % every == every - 1 else 0)
    parts.append('<table:table-row><table:table-cell office:value-type="string"><text:p>Dòng %d</text:p>'
                 '</table:table-cell>%s%s%s%s</table:table-row>' % (r + 1, num(b), num(c), num(d), num(e)))
parts.append('</table:table></office:spreadsheet></office:body></office:document-content>')

with zipfile.ZipFile(out, 'w') as z:
    z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.oasis.opendocument.spreadsheet')
    z.writestr('META-INF/manifest.xml',
               '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest='
               '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
               '<manifest:file-entry manifest:full-path="/" manifest:media-type='
               '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path='
               '"content.xml" manifest:media-type="text/xml"/></manifest:manifest>', zipfile.ZIP_DEFLATED)
    z.writestr('content.xml', ''.join(parts), zipfile.ZIP_DEFLATED)

with open(rules_out, 'w', encoding='utf-8') as f:
    f.write('sheet "Lớn"\ncheck L.cong: B = C + D + E\n  for rows 2:%d\n' % (rows + 1))
