"""Writes hostile .ods workbooks directly (zip + XML), the way anyone could
send one: no LibreOffice needed to make them, and nothing in them depends on
how LibreOffice itself would have saved the same content."""
import zipfile
from xml.sax.saxutils import escape, quoteattr

PROG = "ORG.REPORTCHECK.CALC.FUNCTIONS."  # how an .ods names our functions

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
      'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
      'office:version="1.3"')

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""


def cell(v):
    """One cell: a number, a text, a formula ("=…", Calc syntax with ';') or None (empty)."""
    if v is None:
        return "<table:table-cell/>"
    if isinstance(v, str) and v.startswith("="):
        return "<table:table-cell table:formula=%s/>" % quoteattr("of:" + v)
    if isinstance(v, str):
        return ('<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>'
                % escape(v))
    return '<table:table-cell office:value-type="float" office:value="%r"/>' % float(v)


def row(values, repeat=1):
    rep = ' table:number-rows-repeated="%d"' % repeat if repeat > 1 else ""
    return "<table:table-row%s>%s</table:table-row>" % (rep, "".join(cell(v) for v in values))


def empty_rows(n):
    return '<table:table-row table:number-rows-repeated="%d"><table:table-cell/></table:table-row>' % n


def repeated_cell(v, n):
    """n equal cells in a row, written once (how ODS stores repeats)."""
    c = cell(v)
    return c.replace("<table:table-cell", '<table:table-cell table:number-columns-repeated="%d"' % n, 1)


def write_ods(path, sheets, properties=None):
    """sheets: [(name, [row xml, …])]; properties: user-defined document
    properties {name: text} (where embedded rules travel)."""
    body = "".join('<table:table table:name=%s>%s</table:table>' % (quoteattr(name), "".join(rows))
                   for name, rows in sheets)
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content %s>'
               '<office:body><office:spreadsheet>%s</office:spreadsheet></office:body>'
               '</office:document-content>' % (NS, body))
    user = "".join('<meta:user-defined meta:name=%s meta:value-type="string">%s</meta:user-defined>'
                   % (quoteattr(k), escape(v)) for k, v in (properties or {}).items())
    meta = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta %s><office:meta>%s'
            '</office:meta></office:document-meta>' % (NS, user))
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("meta.xml", meta, compress_type=zipfile.ZIP_DEFLATED)


def rules_properties(text, chunk=16000):
    """The rules as ReportCheck.Rules.* properties, cut like the extension cuts them."""
    data = text.encode("utf-8")
    parts, pos = [], 0
    while pos < len(data):
        end = min(len(data), pos + chunk)
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1
        parts.append(data[pos:end].decode("utf-8"))
        pos = end
    props = {"ReportCheck.Rules.Version": "1", "ReportCheck.Rules.Count": str(len(parts))}
    for i, p in enumerate(parts, 1):
        props["ReportCheck.Rules.%d" % i] = p
    return props
