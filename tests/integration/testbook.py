"""Builds the small test workbook (until sample-workbooks/bao-cao-536.ods is
used): three sheets that data/test.rules checks, with known faults, a number
stored as text, an error cell, formulas, a user's own background, bold rows
and a user's own comment (so Clear can be checked style for style)."""
import uno
from com.sun.star.table import CellAddress

USER_COLOR = 0x00B0F0       # a user's own direct background (C6)
USER_COMMENT = "Số liệu do huyện gửi"   # a user's own comment (B6)

BIEU3 = [
    ["Biểu số 3: Tổ chức cơ sở đảng"],
    ["Đơn vị", "Tổng số", "Nam", "Nữ", "Khác"],
    ["1", "4 (=5+6+7)", "5", "6", "7"],
    ["1. Xã", 100, 60, 30, 10],
    ["2. Phường", "87.107", 47000, 40000, 107],   # B5: a number stored as text
    ["3. Thị trấn", 50, 20, 20, 5],               # row 6: 4 != 5+6+7 (50 != 45)
    ["Cộng", 87257, 47081, 40050, "=SUM(E4:E6)"],  # C7: wrong total (47080)
]
BIEU11 = [
    ["Biểu số 11: Tỷ lệ"],
    ["Đơn vị", "Số đạt", "Tổng số", "Tỷ lệ %"],
    ["Xã A", 2018, 2128, 94.8],
    ["Xã B", 50, 200, "=ROUND(B4/C4*100;1)"],
    ["Xã C", 7386, 90000, 8.5],                   # D5: wrong, should be 8,2
    ["Xã D", "=1/0", 100, 5],                     # B6: #DIV/0!
]
CHITIEU = [
    ["Chỉ tiêu", "Thực hiện", "Đánh giá", "Tỷ lệ hoàn thành"],
    ["TCCSĐ hoàn thành tốt nhiệm vụ trở lên (%)", 94.8, "", ""],
    ["Xếp hạng của tỉnh", 18, "", ""],
]


def _fill(sheet, rows):
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            cell = sheet.getCellByPosition(c, r)
            if isinstance(v, str) and v.startswith("="):
                cell.setFormula(v)
            elif isinstance(v, str):
                if v:
                    cell.setString(v)
            else:
                cell.setValue(v)


def build(lo, protect_sheet=None):
    """A new Calc document with the test sheets. Returns the document."""
    doc = lo.new_calc()
    sheets = doc.Sheets
    first = sheets.getByIndex(0).Name
    for i, (name, rows) in enumerate((("Biểu 3", BIEU3), ("Biểu 11", BIEU11), ("Chỉ tiêu", CHITIEU))):
        sheets.insertNewByName(name, i)
        _fill(sheets.getByName(name), rows)
    sheets.removeByName(first)
    # Biểu 11 percentages show one decimal (number format 0.0)
    fmts = doc.NumberFormats
    loc = uno.createUnoStruct("com.sun.star.lang.Locale")
    key = fmts.queryKey("0.0", loc, False)
    if key == -1:
        key = fmts.addNew("0.0", loc)
    sheets.getByName("Biểu 11").getCellRangeByName("D3:D6").NumberFormat = key
    b3 = sheets.getByName("Biểu 3")
    # user formatting that Clear must leave exactly as it was
    b3.getCellRangeByName("A7:E7").CharWeight = 150.0          # bold totals row
    b3.getCellRangeByName("C6").CellBackColor = USER_COLOR     # user's own background
    b3.Annotations.insertNew(CellAddress(0, 1, 5), USER_COMMENT)  # B6 (0-based row 5)
    if protect_sheet:
        sheets.getByName(protect_sheet).protect("")
    return doc


def cell_state(doc, skip=("ReportCheck",)):
    """Everything Clear must restore: per sheet and cell in the used area,
    value, string, formula, type, CellBackColor, IsCellBackgroundTransparent,
    CharWeight, and the sheet's annotations (position, text)."""
    state = {}
    for i in range(doc.Sheets.Count):
        sh = doc.Sheets.getByIndex(i)
        if sh.Name in skip:
            continue
        cur = sh.createCursor()
        cur.gotoStartOfUsedArea(False)
        cur.gotoEndOfUsedArea(True)
        a = cur.RangeAddress
        for r in range(0, a.EndRow + 2):
            for c in range(0, a.EndColumn + 2):
                cell = sh.getCellByPosition(c, r)
                state[(sh.Name, r, c)] = (
                    cell.getValue(), cell.getString(), cell.getFormula(), cell.getType().value,
                    cell.CellBackColor, cell.IsCellBackgroundTransparent, cell.CharWeight,
                    cell.getPropertyState("CellBackColor").value)
        anns = []
        for k in range(sh.Annotations.Count):
            an = sh.Annotations.getByIndex(k)
            anns.append((an.Position.Row, an.Position.Column, an.getString()))
        state[(sh.Name, "annotations")] = sorted(anns)
    state["sheets"] = tuple(doc.Sheets.ElementNames)
    return state
