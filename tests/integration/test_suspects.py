"""Error localisation in Calc (issue 12): one wrong part that two checks
cross on. Validate marks the part as the suspect (its own colour and comment)
besides the failing totals, the report sheet lists it with a jump, Clear
restores it, and Recompute does not "fix" the total from the wrong part."""
import os
import unittest

import rctest
import testbook
from rctest import run

RULES = os.path.join(rctest.HERE, "data", "suspects.rules")
SHEET = "Biểu 5"
SUSPECT_COLOR = 0xD9C3F0
FINDING_COLORS = (0xFFC7CE, 0xFFEB9C)
# C4 holds 8 where 15 was meant: D4 (Tổng = Nam + Nữ: 20 ≠ 5 + 8) and C6 (the
# column total: 38 ≠ 20 + 8 + 3) both fail, and they cross at C4.
ROWS = [
    ["Biểu số 5: Đảng viên"],
    ["Đơn vị", "Nam", "Nữ", "Tổng số"],
    ["Xã A", 10, 20, 30],
    ["Xã B", 5, 8, 20],
    ["Xã C", 7, 3, 10],
    ["Cộng", 22, 38, 60],
]


def build(lo):
    """A new Calc document with the one table (rules not yet embedded)."""
    doc = lo.new_calc()
    sheets = doc.Sheets
    first = sheets.getByIndex(0).Name
    sheets.insertNewByName(SHEET, 0)
    sheets.removeByName(first)
    sh = sheets.getByName(SHEET)
    for r, row in enumerate(ROWS):
        for c, v in enumerate(row):
            if isinstance(v, str):
                sh.getCellByPosition(c, r).setString(v)
            else:
                sh.getCellByPosition(c, r).setValue(v)
    return doc


class SuspectTests(unittest.TestCase):
    def setUp(self):
        self.lo = rctest.office()
        self.doc = build(self.lo)
        self.sh = self.doc.Sheets.getByName(SHEET)
        # the rules travel with the workbook, as a user embeds them
        state, res = run(self.doc, "EmbedFile", Path=RULES)
        self.assertEqual(state, 1, res)

    def tearDown(self):
        self.doc.close(True)

    def cell(self, a1):
        return self.sh.getCellRangeByName(a1)

    def test_validate_marks_the_suspect_lists_it_and_clear_restores_it(self):
        before = testbook.cell_state(self.doc)
        state, res = run(self.doc, "Validate")
        self.assertEqual(state, 1, res)
        self.assertEqual(res["originKind"], "embedded")
        found = {(f["rule"], f["cell"]): f for f in res["findingsList"]}
        self.assertEqual(set(found), {("B5.tong", "D4"), ("B5.cong", "C6")}, res["findingsList"])
        # both failing checks name the part they cross on
        for f in found.values():
            self.assertEqual((f.get("suspectSheet"), f.get("suspect")), (SHEET, "C4"), f)
        self.assertEqual(res["suspectsMarked"], 1)
        self.assertEqual(res["cellsMarked"], 3)  # the two failing checks and the suspect
        # the suspect has its own colour, the failing checks theirs
        c4 = self.cell("C4")
        self.assertEqual(c4.CellBackColor, SUSPECT_COLOR)
        for a1 in ("D4", "C6"):
            self.assertIn(self.cell(a1).CellBackColor, FINDING_COLORS, a1)
            self.assertNotEqual(self.cell(a1).CellBackColor, SUSPECT_COLOR, a1)
        ann = c4.Annotation.getString()
        self.assertTrue(ann.startswith("⚑ ReportCheck"), ann)
        # comments are wrapped between words (marks.cxx wrapComment): read them as one line
        self.assertIn("Có thể sai ở đây: ghi 8; 15 thì 2 kiểm tra đang sai sẽ đúng", ann.replace("\n", " "))
        self.assertNotIn("Possibly wrong here", ann)  # the UI's language only (rctest.UI_LANGUAGE)
        self.assertEqual(c4.getValue(), 8)  # marking never changes a value
        # the report sheet: the summary is the engine's sentence, each failing
        # check lists the suspect with a jump to it
        rs = self.doc.Sheets.getByName("ReportCheck")
        self.assertEqual(rs.getCellByPosition(0, 1).getString(), res["summaryVi"])
        self.assertEqual(res["summaryVi"], "2 lỗi, 0 cảnh báo, 0 thông tin — 2 quy tắc, 2 quy tắc không đạt")
        cur = rs.createCursor()
        cur.gotoEndOfUsedArea(False)
        data = rs.getCellRangeByPosition(0, 0, 11, cur.RangeAddress.EndRow).getDataArray()
        header = next(i for i, r in enumerate(data) if r[0] == "Trang tính")
        self.assertEqual(data[header][10:12], ("Ô nghi sai", "Nhiều khả năng sai"))
        rows = [r for r in data[header + 1:header + 3]]
        self.assertEqual(data[header + 3][0], "")  # two findings, then the blank line before the per-rule block
        for i, r in enumerate(rows):
            self.assertEqual(r[10], "C4", r)
            self.assertEqual(r[11], "nhiều khả năng sai: C4 (8; sửa thành 15 thì 2 kiểm tra không đạt sẽ đạt)")
            self.assertEqual(rs.getCellByPosition(10, header + 1 + i).getFormula(),
                             "=HYPERLINK(\"#'Biểu 5'.C4\";\"C4\")")
        # Clear restores the suspect like every other mark
        state, res = run(self.doc, "ClearMarks")
        self.assertEqual(state, 1, res)
        self.assertEqual(testbook.cell_state(self.doc), before)

    def test_validate_is_one_undo_step_with_the_suspect(self):
        # Undoing it runs in test_window.SuspectUndoInWindowTests: undo of a
        # sheet insertion crashes headless LibreOffice 7.4.
        um = self.doc.UndoManager
        titles = um.getAllUndoActionTitles()
        state, res = run(self.doc, "Validate")
        self.assertEqual(state, 1, res)
        self.assertEqual(self.cell("C4").CellBackColor, SUSPECT_COLOR)
        now = um.getAllUndoActionTitles()
        self.assertEqual(len(now), len(titles) + 1)  # marks, the suspect and the report: one step
        self.assertTrue(now[0].startswith("ReportCheck"), now[0])

    def test_recompute_leaves_the_total_and_names_the_input(self):
        state, res = run(self.doc, "Validate")
        self.assertEqual(state, 1, res)
        state, res = run(self.doc, "Recompute")
        self.assertEqual(state, 1, res)
        # D4 = B4 + C4 would write 13 over the right total 20: the wrong cell is C4
        self.assertEqual(self.cell("D4").getValue(), 20)
        self.assertEqual(res["keptForInput"], 1)
        self.assertEqual(res["inputsToCheck"], ["C4"])
        self.assertEqual(res["written"], 0)
        self.assertIn("1 ô tính ra được giữ nguyên: lỗi nằm ở ô nguồn, kiểm tra C4", res["summaryVi"])
        self.assertIn("1 derived cell(s) kept: the error is in an input, check C4", res["summaryEn"])  # JSON keeps both
        # the marks stay as Validate left them (nothing was written)
        self.assertEqual(self.cell("C4").CellBackColor, SUSPECT_COLOR)


if __name__ == "__main__":
    unittest.main()
