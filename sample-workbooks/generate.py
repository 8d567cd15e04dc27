#!/usr/bin/env python3
"""Generate the workbook of report 536-BC/TU from the text sources in src/.

    generate.py                      write bao-cao-536.ods and mau-trong.ods next to this
                                     script; both embed ../rules/report-536.rules when it
                                     exists (user-defined document properties)
    generate.py --check              regenerate both into a temporary directory and exit 1
                                     when a committed file is missing or differs
    generate.py --template OUT.ods [--rules FILE]
                                     the blank template (same sheets, titles, headers and
                                     labels; the cells of every @values range left empty),
                                     with FILE embedded when given
    generate.py --output OUT.ods [--rules FILE]
                                     the filled workbook to another path

Options: --src DIR (sources, default src/ beside this script), --no-rules (default mode:
do not embed the rules file even when it exists).

The source format is described in README.md. Only the Python standard library is used;
the ODF XML is written as text. The output is byte-for-byte deterministic: fixed zip
timestamps and attributes, members and styles in a fixed order.
"""
import argparse
import io
import os
import re
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SRC = os.path.join(HERE, "src")
WORKBOOK = os.path.join(HERE, "bao-cao-536.ods")
TEMPLATE = os.path.join(HERE, "mau-trong.ods")
RULES = os.path.normpath(os.path.join(HERE, "..", "rules", "report-536.rules"))

# engine/include/reportcheck/embedding.h
RULES_PREFIX = "ReportCheck.Rules."
RULES_VERSION = "1"
CHUNK_BYTES = 16000

ZIP_DATE = (2024, 3, 12, 0, 0, 0)  # the report's date; any fixed value would do
DEFAULT_COLUMN_CM = 2.258          # LibreOffice's default column width

# Error literals and a formula LibreOffice evaluates to that error. The cell is written as
# LibreOffice writes it: formula, cached text, calcext:value-type="error".
ERRORS = {
    "#VALUE!": 'of:="x"+1',
    "#DIV/0!": "of:=1/0",
    "#N/A": "of:=NA()",
}
NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
FLAGS = re.compile(r"^\{([a-z]+)\}")
CELLREF = re.compile(r"^([A-Z]{1,3})([0-9]+)$")
COLREF = re.compile(r"^([A-Z]{1,3})$")
ROLES = ("title", "header", "table")
DIRECTIVES = ("sheet", "widths", "merge", "title", "header", "table", "center", "values",
              "grouping")


class SourceError(Exception):
    pass


# ---------------------------------------------------------------------------- parsing

def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - ord("A") + 1)
    return n - 1


def col_letters(index):
    s = ""
    index += 1
    while index:
        index, r = divmod(index - 1, 26)
        s = chr(ord("A") + r) + s
    return s


class Cell:
    __slots__ = ("kind", "text", "value", "decimals", "bold", "italic")

    def __init__(self, kind="empty", text="", value=None, decimals=0, bold=False, italic=False):
        self.kind = kind          # empty | float | string | error
        self.text = text          # string cells: the text; error cells: the error literal
        self.value = value        # float cells: the number as written in the source ("47.5")
        self.decimals = decimals  # float cells: digits after the point in the source
        self.bold = bold
        self.italic = italic

    def number(self):
        return float(self.value)


class Sheet:
    def __init__(self, path):
        self.path = path
        self.name = None
        self.rows = []            # list of list of Cell
        self.widths = {}          # column index -> cm
        self.merges = []          # (r1, c1, r2, c2), 0-based, inclusive
        self.ranges = {"title": [], "header": [], "table": [], "center": [], "values": []}
        self.grouping = True

    @property
    def ncols(self):
        n = max([len(r) for r in self.rows] + [0])
        for r1, c1, r2, c2 in self.merges:
            n = max(n, c2 + 1)
        for rs in self.ranges.values():
            for r1, c1, r2, c2 in rs:
                n = max(n, c2 + 1)
        if self.widths:
            n = max(n, max(self.widths) + 1)
        return n

    def in_ranges(self, key, r, c):
        return any(r1 <= r <= r2 and c1 <= c <= c2 for r1, c1, r2, c2 in self.ranges[key])


def parse_cell(raw, where):
    bold = italic = False
    m = FLAGS.match(raw)
    if m:
        for f in m.group(1):
            if f == "b":
                bold = True
            elif f == "i":
                italic = True
            else:
                raise SourceError("%s: unknown cell flag %r in %r (use {b}, {i} or {bi})" % (where, f, raw))
        raw = raw[m.end():]
    if raw == "":
        return Cell("empty", bold=bold, italic=italic)
    if raw.startswith("'"):
        return Cell("string", raw[1:], bold=bold, italic=italic)
    if raw in ERRORS:
        return Cell("error", raw, bold=bold, italic=italic)
    if NUMBER.match(raw):
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        return Cell("float", value=raw, decimals=decimals, bold=bold, italic=italic)
    if raw != raw.strip():
        raise SourceError("%s: cell %r has leading or trailing spaces" % (where, raw))
    return Cell("string", raw, bold=bold, italic=italic)


def parse_range(text, where, columns_only=False):
    parts = text.split(":")
    if len(parts) == 1:
        parts = parts * 2
    if len(parts) != 2:
        raise SourceError("%s: bad range %r" % (where, text))
    if columns_only:
        a, b = (COLREF.match(p) for p in parts)
        if not a or not b:
            raise SourceError("%s: bad column range %r (write B or B:J)" % (where, text))
        c1, c2 = col_index(a.group(1)), col_index(b.group(1))
        if c2 < c1:
            raise SourceError("%s: reversed column range %r" % (where, text))
        return c1, c2
    a, b = (CELLREF.match(p) for p in parts)
    if not a or not b:
        raise SourceError("%s: bad cell range %r (write A1:C4)" % (where, text))
    r1, c1 = int(a.group(2)) - 1, col_index(a.group(1))
    r2, c2 = int(b.group(2)) - 1, col_index(b.group(1))
    if r1 < 0 or r2 < 0 or r2 < r1 or c2 < c1:
        raise SourceError("%s: bad or reversed range %r" % (where, text))
    return r1, c1, r2, c2


def parse_source(path):
    sheet = Sheet(path)
    base = os.path.basename(path)
    with open(path, encoding="utf-8", newline="") as f:
        data = f.read()
    if "\r" in data:
        raise SourceError("%s: carriage return found; use LF line ends" % base)
    lines = data.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for n, line in enumerate(lines, 1):
        where = "%s:%d" % (base, n)
        if line == "#" or line.startswith("# "):
            continue
        if line.startswith("@"):
            word, _, rest = line[1:].partition(" ")
            rest = rest.strip()
            if word not in DIRECTIVES:
                raise SourceError("%s: unknown directive @%s" % (where, word))
            if word == "sheet":
                if sheet.name is not None:
                    raise SourceError("%s: second @sheet" % where)
                if not rest:
                    raise SourceError("%s: @sheet needs a name" % where)
                sheet.name = rest
            elif word == "widths":
                for item in rest.split():
                    cols, eq, cm = item.partition("=")
                    if not eq:
                        raise SourceError("%s: bad width %r (write B=8.5 or C:J=2.4, in cm)" % (where, item))
                    try:
                        width = float(cm)
                    except ValueError:
                        raise SourceError("%s: bad width %r" % (where, item))
                    c1, c2 = parse_range(cols, where, columns_only=True)
                    for c in range(c1, c2 + 1):
                        sheet.widths[c] = width
            elif word == "grouping":
                if rest not in ("on", "off"):
                    raise SourceError("%s: @grouping on|off" % where)
                sheet.grouping = rest == "on"
            else:
                if not rest:
                    raise SourceError("%s: @%s needs ranges" % (where, word))
                target = sheet.merges if word == "merge" else sheet.ranges[word]
                for item in rest.split():
                    target.append(parse_range(item, where))
            continue
        cells = [parse_cell(raw, "%s col %s" % (where, col_letters(i))) for i, raw in enumerate(line.split("\t"))]
        while cells and cells[-1].kind == "empty" and not (cells[-1].bold or cells[-1].italic):
            cells.pop()
        sheet.rows.append(cells)
    validate(sheet, base)
    return sheet


def validate(sheet, base):
    if sheet.name is None:
        raise SourceError("%s: no @sheet line" % base)
    nrows = len(sheet.rows)
    covered = set()
    for r1, c1, r2, c2 in sheet.merges:
        name = "%s%d:%s%d" % (col_letters(c1), r1 + 1, col_letters(c2), r2 + 1)
        if r1 == r2 and c1 == c2:
            raise SourceError("%s: @merge %s is a single cell" % (base, name))
        if r2 >= nrows:
            raise SourceError("%s: @merge %s is below the last row (%d)" % (base, name, nrows))
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) in covered:
                    raise SourceError("%s: @merge %s overlaps another merge" % (base, name))
                covered.add((r, c))
                if (r, c) != (r1, c1) and c < len(sheet.rows[r]) and sheet.rows[r][c].kind != "empty":
                    raise SourceError("%s: @merge %s hides the non-empty cell %s%d"
                                      % (base, name, col_letters(c), r + 1))
    for key, rs in sheet.ranges.items():
        for r1, c1, r2, c2 in rs:
            if r2 >= nrows:
                raise SourceError("%s: @%s %s%d:%s%d is below the last row (%d)"
                                  % (base, key, col_letters(c1), r1 + 1, col_letters(c2), r2 + 1, nrows))
    for a, b in ((x, y) for i, x in enumerate(ROLES) for y in ROLES[i + 1:]):
        for ra in sheet.ranges[a]:
            for rb in sheet.ranges[b]:
                if ra[0] <= rb[2] and rb[0] <= ra[2] and ra[1] <= rb[3] and rb[1] <= ra[3]:
                    raise SourceError("%s: @%s and @%s ranges overlap" % (base, a, b))


def load_sheets(src_dir):
    names = sorted(n for n in os.listdir(src_dir) if n.endswith(".tsv"))
    if not names:
        raise SourceError("%s: no .tsv sources" % src_dir)
    sheets = [parse_source(os.path.join(src_dir, n)) for n in names]
    seen = {}
    for s in sheets:
        if s.name in seen:
            raise SourceError("sheet name %r used by %s and %s"
                              % (s.name, seen[s.name], os.path.basename(s.path)))
        seen[s.name] = os.path.basename(s.path)
    return sheets


# ---------------------------------------------------------------------------- writing

NS_CONTENT = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
    'xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"')
NS_META = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"')
XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'
FONT = "Times New Roman"
FONT_DECLS = ('<office:font-face-decls><style:font-face style:name="%s" svg:font-family="&apos;%s&apos;" '
              'style:font-family-generic="roman" style:font-pitch="variable"/></office:font-face-decls>'
              % (FONT, FONT))
BORDER = "0.5pt solid #000000"


def attr(s):
    return escape(s, {'"': "&quot;"})


def xml_text(s):
    """Text for an element: escaped; runs of spaces, leading spaces and tabs as ODF elements."""
    out = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == " ":
            j = i
            while j < len(s) and s[j] == " ":
                j += 1
            n = j - i
            if i == 0:
                out.append('<text:s text:c="%d"/>' % n if n > 1 else "<text:s/>")
            else:
                out.append(" ")
                if n > 1:
                    out.append('<text:s text:c="%d"/>' % (n - 1) if n > 2 else "<text:s/>")
            i = j
        elif ch == "\t":
            out.append("<text:tab/>")
            i += 1
        else:
            out.append(escape(ch))
            i += 1
    return "".join(out)


def display_number(cell, grouping):
    """The number as Calc shows it in Vietnamese (vi-VN): 87.107, 47,5."""
    neg = cell.value.startswith("-")
    digits = cell.value.lstrip("-")
    whole, _, frac = digits.partition(".")
    whole = whole.lstrip("0") or "0"
    if grouping:
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = ".".join([whole] + groups)
    return ("-" if neg else "") + whole + ("," + frac if frac else "")


def office_value(cell):
    """office:value as LibreOffice writes it: no trailing zeros, no exponent."""
    neg = cell.value.startswith("-")
    whole, _, frac = cell.value.lstrip("-").partition(".")
    whole = whole.lstrip("0") or "0"
    frac = frac.rstrip("0")
    s = whole + ("." + frac if frac else "")
    return ("-" + s) if neg and s != "0" else s


class Styles:
    """Automatic styles of content.xml, named in order of first use."""

    def __init__(self):
        self.columns = {}   # width -> name
        self.numbers = {}   # (grouping, decimals) -> name
        self.cells = {}     # key -> name

    def column(self, width):
        if width not in self.columns:
            self.columns[width] = "co%d" % (len(self.columns) + 1)
        return self.columns[width]

    def number(self, grouping, decimals):
        key = (grouping, decimals)
        if key not in self.numbers:
            self.numbers[key] = "N%d" % (len(self.numbers) + 1)
        return self.numbers[key]

    def cell(self, role, bold, italic, center, number):
        key = (role, bold, italic, center, number)
        if key not in self.cells:
            self.cells[key] = "ce%d" % (len(self.cells) + 1)
        return self.cells[key]

    def xml(self):
        out = []
        for width, name in self.columns.items():
            out.append('<style:style style:name="%s" style:family="table-column"><style:table-column-properties '
                       'fo:break-before="auto" style:column-width="%scm"/></style:style>' % (name, fmt_cm(width)))
        out.append('<style:style style:name="ro1" style:family="table-row"><style:table-row-properties '
                   'style:row-height="0.452cm" fo:break-before="auto" style:use-optimal-row-height="true"/>'
                   '</style:style>')
        out.append('<style:style style:name="ta1" style:family="table" style:master-page-name="Default">'
                   '<style:table-properties table:display="true" style:writing-mode="lr-tb"/></style:style>')
        for (grouping, decimals), name in self.numbers.items():
            out.append('<number:number-style style:name="%s" number:language="vi" number:country="VN">'
                       '<number:number number:decimal-places="%d" number:min-decimal-places="%d" '
                       'number:min-integer-digits="1"%s/></number:number-style>'
                       % (name, decimals, decimals, ' number:grouping="true"' if grouping else ""))
        for (role, bold, italic, center, number), name in self.cells.items():
            cellprops = []
            if role in ("header", "table"):
                cellprops.append('fo:border="%s"' % BORDER)
            if role in ("title", "header", "table"):
                cellprops.append('fo:wrap-option="wrap" style:vertical-align="middle"')
            if role in ("title", "header") or center:
                cellprops.append('style:text-align-source="fix" style:repeat-content="false"')
            s = '<style:style style:name="%s" style:family="table-cell" style:parent-style-name="Default"%s>' % (
                name, ' style:data-style-name="%s"' % number if number else "")
            if cellprops:
                s += "<style:table-cell-properties %s/>" % " ".join(cellprops)
            if role in ("title", "header") or center:
                s += '<style:paragraph-properties fo:text-align="center" fo:margin-left="0cm"/>'
            text = []
            if bold or role == "header":
                text.append('fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"')
            if italic:
                text.append('fo:font-style="italic" style:font-style-asian="italic" style:font-style-complex="italic"')
            if text:
                s += "<style:text-properties %s/>" % " ".join(text)
            s += "</style:style>"
            out.append(s)
        return "".join(out)


def fmt_cm(width):
    s = ("%.3f" % width).rstrip("0").rstrip(".")
    return s


def cell_role(sheet, r, c):
    for role in ROLES:
        if sheet.in_ranges(role, r, c):
            return role
    return None


def sheet_xml(sheet, styles, template):
    ncols = sheet.ncols
    out = ['<table:table table:name="%s" table:style-name="ta1">' % attr(sheet.name)]
    # columns
    cols = [styles.column(sheet.widths.get(c, DEFAULT_COLUMN_CM)) for c in range(ncols)]
    i = 0
    while i < ncols:
        j = i
        while j + 1 < ncols and cols[j + 1] == cols[i]:
            j += 1
        rep = ' table:number-columns-repeated="%d"' % (j - i + 1) if j > i else ""
        out.append('<table:table-column table:style-name="%s"%s table:default-cell-style-name="Default"/>'
                   % (cols[i], rep))
        i = j + 1
    anchors = {(r1, c1): (r2 - r1 + 1, c2 - c1 + 1) for r1, c1, r2, c2 in sheet.merges}
    covered = set()
    for r1, c1, r2, c2 in sheet.merges:
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    covered.add((r, c))
    for r, row in enumerate(sheet.rows):
        items = []  # (xml, repeatable)
        for c in range(ncols):
            cell = row[c] if c < len(row) else Cell()
            if template and cell.kind != "empty" and sheet.in_ranges("values", r, c):
                cell = Cell(bold=cell.bold, italic=cell.italic)
            role = cell_role(sheet, r, c)
            center = sheet.in_ranges("center", r, c)
            number = styles.number(sheet.grouping, cell.decimals) if cell.kind == "float" else None
            if role is None and not (cell.bold or cell.italic or center or number):
                style = None
            else:
                style = styles.cell(role, cell.bold, cell.italic, center, number)
            sattr = ' table:style-name="%s"' % style if style else ""
            if (r, c) in covered:
                items.append(("<table:covered-table-cell%s/>" % sattr, "cov" + sattr))
                continue
            span = ""
            if (r, c) in anchors:
                rows_, cols_ = anchors[(r, c)]
                span = ' table:number-columns-spanned="%d" table:number-rows-spanned="%d"' % (cols_, rows_)
            if cell.kind == "empty":
                if span:
                    items.append(("<table:table-cell%s%s/>" % (sattr, span), None))
                else:
                    items.append(("<table:table-cell%s/>" % sattr, "empty" + sattr))
            elif cell.kind == "float":
                items.append(('<table:table-cell%s%s office:value-type="float" office:value="%s" '
                              'calcext:value-type="float"><text:p>%s</text:p></table:table-cell>'
                              % (sattr, span, office_value(cell), display_number(cell, sheet.grouping)), None))
            elif cell.kind == "string":
                items.append(('<table:table-cell%s%s office:value-type="string" calcext:value-type="string">'
                              '<text:p>%s</text:p></table:table-cell>' % (sattr, span, xml_text(cell.text)), None))
            else:  # error
                items.append(('<table:table-cell%s%s table:formula="%s" office:value-type="string" '
                              'office:string-value="" calcext:value-type="error"><text:p>%s</text:p>'
                              '</table:table-cell>' % (sattr, span, attr(ERRORS[cell.text]), escape(cell.text)),
                              None))
        # trailing unstyled empty cells are not written
        while items and items[-1][1] == "empty":
            items.pop()
        out.append('<table:table-row table:style-name="ro1">')
        i = 0
        while i < len(items):
            xml, key = items[i]
            j = i
            if key is not None:
                while j + 1 < len(items) and items[j + 1][1] == key:
                    j += 1
            if j > i:
                tag = "table:covered-table-cell" if key.startswith("cov") else "table:table-cell"
                xml = xml.replace("<%s" % tag, '<%s table:number-columns-repeated="%d"' % (tag, j - i + 1), 1)
            out.append(xml)
            i = j + 1
        if not items:
            out.append("<table:table-cell/>")
        out.append("</table:table-row>")
    out.append("</table:table>")
    return "".join(out)


def content_xml(sheets, template):
    styles = Styles()
    tables = "".join(sheet_xml(s, styles, template) for s in sheets)
    return (XML_DECL + '<office:document-content %s office:version="1.3">' % NS_CONTENT
            + "<office:scripts/>" + FONT_DECLS
            + "<office:automatic-styles>" + styles.xml() + "</office:automatic-styles>"
            + "<office:body><office:spreadsheet>" + tables
            + "</office:spreadsheet></office:body></office:document-content>")


def styles_xml():
    return (XML_DECL + '<office:document-styles %s office:version="1.3">' % NS_CONTENT + FONT_DECLS
            + "<office:styles>"
            + '<style:default-style style:family="table-cell">'
            + '<style:paragraph-properties style:tab-stop-distance="1.25cm"/>'
            + '<style:text-properties style:font-name="%s" fo:font-size="11pt" fo:language="vi" fo:country="VN"/>'
            % FONT
            + "</style:default-style>"
            + '<style:style style:name="Default" style:family="table-cell"/>'
            + "</office:styles>"
            + "<office:automatic-styles>"
            + '<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="29.7cm" '
            + 'fo:page-height="21cm" style:print-orientation="landscape" fo:margin-top="1.5cm" '
            + 'fo:margin-bottom="1.5cm" fo:margin-left="1.5cm" fo:margin-right="1.5cm" style:scale-to-X="1"/>'
            + "</style:page-layout>"
            + "</office:automatic-styles>"
            + '<office:master-styles><style:master-page style:name="Default" style:page-layout-name="pm1"/>'
            + "</office:master-styles></office:document-styles>")


def rules_chunks(text):
    """Split the rules text into chunks of at most CHUNK_BYTES bytes of UTF-8, each cut on a
    character boundary (embedding.h)."""
    data = text.encode("utf-8")
    chunks = []
    i = 0
    while i < len(data):
        j = min(i + CHUNK_BYTES, len(data))
        while j < len(data) and (data[j] & 0xC0) == 0x80:  # do not cut inside a character
            j -= 1
        chunks.append(data[i:j].decode("utf-8"))
        i = j
    return chunks


BAD_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def meta_text(s):
    """Element text that an XML parser gives back unchanged (CR would become LF)."""
    if BAD_XML_CHARS.search(s):
        raise SourceError("rules text holds a control character that XML cannot carry")
    return escape(s).replace("\r", "&#13;")


def meta_xml(title, rules_text):
    props = ""
    if rules_text is not None:
        chunks = rules_chunks(rules_text)
        props += '<meta:user-defined meta:name="%sVersion">%s</meta:user-defined>' % (RULES_PREFIX, RULES_VERSION)
        props += '<meta:user-defined meta:name="%sCount">%d</meta:user-defined>' % (RULES_PREFIX, len(chunks))
        for i, chunk in enumerate(chunks, 1):
            props += '<meta:user-defined meta:name="%s%d">%s</meta:user-defined>' % (RULES_PREFIX, i, meta_text(chunk))
    return (XML_DECL + '<office:document-meta %s office:version="1.3"><office:meta>' % NS_META
            + "<meta:generator>ReportCheck sample-workbooks/generate.py</meta:generator>"
            + "<dc:title>%s</dc:title><dc:language>vi-VN</dc:language>" % escape(title)
            + props + "</office:meta></office:document-meta>")


MANIFEST = (XML_DECL
            + '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
            + 'manifest:version="1.3">\n'
            + ' <manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
            + 'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>\n'
            + ' <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\n'
            + ' <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>\n'
            + ' <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>\n'
            + "</manifest:manifest>\n")


def build(sheets, template, rules_text):
    title = ("Báo cáo số 536-BC/TU — mẫu trống các biểu thống kê" if template
             else "Báo cáo số 536-BC/TU ngày 12/3/2024 — các biểu thống kê")
    members = [
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        ("content.xml", content_xml(sheets, template).encode("utf-8")),
        ("styles.xml", styles_xml().encode("utf-8")),
        ("meta.xml", meta_xml(title, rules_text).encode("utf-8")),
        ("META-INF/manifest.xml", MANIFEST.encode("utf-8")),
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            if name == "mimetype":
                info.compress_type = zipfile.ZIP_STORED  # first and uncompressed (ODF 1.3 §3.3)
                z.writestr(info, data)
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, data, compresslevel=9)
    return buf.getvalue()


def read_rules(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def write(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def default_outputs(sheets, embed):
    rules = read_rules(RULES) if embed and os.path.exists(RULES) else None
    return [(WORKBOOK, build(sheets, False, rules)), (TEMPLATE, build(sheets, True, rules))], rules is not None


def members_of(data):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def check(sheets, embed):
    """Regenerate into a temporary directory and compare with the committed files."""
    outputs, with_rules = default_outputs(sheets, embed)
    ok = True
    with tempfile.TemporaryDirectory(prefix="rc-generate-") as tmp:
        for path, data in outputs:
            fresh = os.path.join(tmp, os.path.basename(path))
            write(fresh, data)
            name = os.path.relpath(path, os.getcwd())
            if not os.path.exists(path):
                print("MISSING %s: run sample-workbooks/generate.py and commit it" % name)
                ok = False
                continue
            with open(path, "rb") as f:
                committed = f.read()
            with open(fresh, "rb") as f:
                regenerated = f.read()
            if committed == regenerated:
                print("ok      %s" % name)
                continue
            try:
                same = members_of(committed) == members_of(regenerated)
            except zipfile.BadZipFile:
                same = False
            if same:  # another zlib compressed the same members differently
                print("ok      %s (same members; compressed bytes differ)" % name)
                continue
            diff = []
            try:
                old = dict(members_of(committed))
                diff = [n for n, d in members_of(regenerated) if old.get(n) != d]
            except zipfile.BadZipFile:
                diff = ["(not a zip file)"]
            print("STALE   %s: differs from src/%s (%s); run sample-workbooks/generate.py and commit it"
                  % (name, " + rules" if with_rules else "", ", ".join(diff)))
            ok = False
    return ok


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate the workbook of report 536-BC/TU from src/*.tsv.")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="fail when a committed .ods is stale")
    mode.add_argument("--template", metavar="OUT.ods", help="write the blank template to OUT.ods")
    mode.add_argument("--output", metavar="OUT.ods", help="write the filled workbook to OUT.ods")
    ap.add_argument("--rules", metavar="FILE", help="embed this rules file (with --template / --output)")
    ap.add_argument("--no-rules", action="store_true", help="default mode and --check: do not embed %s"
                    % os.path.relpath(RULES, HERE))
    ap.add_argument("--src", default=DEFAULT_SRC, help="source directory (default: src/ beside this script)")
    args = ap.parse_args(argv)
    if args.rules and not (args.template or args.output):
        ap.error("--rules goes with --template or --output")
    try:
        sheets = load_sheets(args.src)
        if args.check:
            return 0 if check(sheets, not args.no_rules) else 1
        if args.template or args.output:
            rules = read_rules(args.rules) if args.rules else None
            path = args.template or args.output
            write(path, build(sheets, bool(args.template), rules))
            print("wrote %s (%d sheets%s)" % (path, len(sheets), ", rules embedded" if rules is not None else ""))
            return 0
        outputs, with_rules = default_outputs(sheets, not args.no_rules)
        for path, data in outputs:
            write(path, data)
            print("wrote %s (%d sheets%s)" % (os.path.relpath(path, os.getcwd()), len(sheets),
                                              ", rules embedded" if with_rules else ""))
        return 0
    except (SourceError, OSError) as e:
        print("generate.py: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
