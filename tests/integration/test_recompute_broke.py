"""Recompute warns when its rewrite breaks a check that held before (issue 9
item 6): shares recomputed from wrong counts break "shares add to 100".
(A wrong population alone is no longer this case: localisation names it, and
Recompute keeps the shares and says to check it — test_suspects.py.)
The warning names the broken check's cell and, in the table's words, its
row and column (Vietnamese in the tests), the JSON lists it, the report sheet
says it, and one Undo restores the old values. When nothing breaks, nothing is said."""
import os
import unittest

import rctest
import testbook
from rctest import run

RULES = os.path.join(rctest.HERE, "data", "recompute_broke.rules")
SHEET = "Biểu 2"


RIGHT = (10, 20, 30, 15, 25)  # the true counts: 100 people


def build(lo, population, shares, counts=RIGHT):
    """Counts (10, 20, 30, 15, 25 when right), their shares, the population in B8, 100 in C8."""
    doc = lo.new_calc()
    sheets = doc.Sheets
    first = sheets.getByIndex(0).Name
    sheets.insertNewByName(SHEET, 0)
    sheets.removeByName(first)
    sh = sheets.getByName(SHEET)
    rows = [["Biểu số 2: Cơ cấu dân số"], ["Đơn vị", "Số người", "Cơ cấu (%)"]]
    for name, count, share in zip("ABCDE", counts, shares):
        rows.append(["Xã " + name, count, share])
    rows.append(["Tổng số", population, 100])
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if isinstance(v, str):
                sh.getCellByPosition(c, r).setString(v)
            else:
                sh.getCellByPosition(c, r).setValue(v)
    state, res = run(doc, "EmbedFile", Path=RULES)
    assert state == 1, res
    return doc, sh


class RecomputeBrokeTests(unittest.TestCase):
    def setUp(self):
        self.lo = rctest.office()
        self.doc = None

    def tearDown(self):
        if self.doc is not None:
            self.doc.close(True)

    def test_a_rewrite_that_breaks_shares_add_to_100_is_said_and_undone(self):
        # every count copied one too high (from the wrong column); the population and the
        # shares are right. Five failing shares reading no common cell: localisation names
        # nothing (a note), so Recompute rewrites them, and they no longer add up to 100.
        self.doc, sh = build(self.lo, 100, RIGHT, counts=(11, 21, 31, 16, 26))
        before = testbook.cell_state(self.doc)
        state, res = run(self.doc, "Recompute")
        self.assertEqual(state, 1, res)
        self.assertEqual(res["written"], 5, res)
        self.assertAlmostEqual(sh.getCellRangeByName("C4").getValue(), 21.0)  # 21 / 100
        broken = [(b["rule"], b["sheet"], b["cell"]) for b in res["newlyBroken"]]
        self.assertEqual(broken, [("B2.tong100", SHEET, "C8")], res)
        self.assertEqual(res["warningVi"],
                         "Đã ghi 5 ô tính lại, nhưng 1 kiểm tra trước đó đúng nay sai: Biểu 2!C8 (Tổng số, Cơ cấu (%)). "
                         "Có thể lỗi nằm ở số liệu gốc; Hoàn tác (Ctrl+Z) để trả lại.")
        self.assertIn("1 check(s) that held before now fail: Biểu 2!C8 (Tổng số, Cơ cấu (%))", res["warningEn"])
        self.assertEqual(res["warning"], res["warningVi"])  # the UI's language (rctest.UI_LANGUAGE)
        # one Undo brings the shares back
        um = self.doc.UndoManager
        self.assertTrue(um.isUndoPossible())
        self.assertTrue(um.getCurrentUndoActionTitle().startswith("ReportCheck"))
        um.undo()
        after = testbook.cell_state(self.doc)
        diff = [k for k in before if before[k] != after.get(k)]
        self.assertEqual(diff, [], [(k, before[k], after.get(k)) for k in diff[:5]])
        self.assertEqual(sh.getCellRangeByName("C4").getValue(), 20)

    def test_the_report_sheet_says_which_check_the_rewrite_broke(self):
        self.doc, sh = build(self.lo, 100, RIGHT, counts=(11, 21, 31, 16, 26))
        state, res = run(self.doc, "Validate")
        self.assertEqual(state, 1, res)
        self.assertEqual(res["errors"], 5, res)  # the five shares; the sum holds
        state, res = run(self.doc, "Recompute")
        self.assertEqual(state, 1, res)
        self.assertTrue(res["revalidated"], res)
        self.assertEqual([b["cell"] for b in res["newlyBroken"]], ["C8"], res)
        rs = self.doc.Sheets.getByName("ReportCheck")
        cur = rs.createCursor()
        cur.gotoEndOfUsedArea(False)
        data = rs.getCellRangeByPosition(0, 0, 11, cur.RangeAddress.EndRow).getDataArray()
        header = next(i for i, r in enumerate(data) if r[0] == "Trang tính")
        head = " ".join(r[0] for r in data[:header])
        self.assertIn("Tính lại làm 1 kiểm tra trước đó đúng nay sai: Biểu 2!C8 (Tổng số, Cơ cấu (%))", head)
        rows = [r for r in data[header + 1:] if r[0] == SHEET]
        c8 = [r for r in rows if r[1] == "C8"]
        self.assertEqual(len(c8), 1, rows)
        self.assertTrue(c8[0][9].startswith("[sai sau khi tính lại] "), c8[0])
        others = [r for r in rows if r[1] != "C8"]
        self.assertTrue(all(not r[9].startswith("[sai sau khi tính lại]") for r in others), others)

    def test_a_wrong_population_is_named_and_the_shares_are_kept(self):
        # the population mistyped (125 for 100), the shares right: localisation solves the
        # percentages exactly for B8 (100), so Recompute rewrites none and says to check B8
        self.doc, sh = build(self.lo, 125, RIGHT)
        state, res = run(self.doc, "Recompute")
        self.assertEqual(state, 1, res)
        self.assertEqual((res["written"], res["keptForInput"]), (0, 5), res)
        self.assertEqual(res["inputsToCheck"], ["B8"], res)
        self.assertEqual(res["newlyBroken"], [], res)
        self.assertEqual(sh.getCellRangeByName("C4").getValue(), 20)

    def test_a_rewrite_that_breaks_nothing_says_nothing(self):
        # one share mistyped (21 for 20): the rewrite fixes it and the sum with it
        self.doc, sh = build(self.lo, 100, (10, 21, 30, 15, 25))
        state, res = run(self.doc, "Recompute")
        self.assertEqual(state, 1, res)
        self.assertEqual(res["written"], 1, res)
        self.assertEqual(sh.getCellRangeByName("C4").getValue(), 20)
        self.assertEqual(res["newlyBroken"], [])
        self.assertEqual(res["warningVi"], "")
        self.assertEqual(res["warning"], "")
        self.assertNotIn("nay sai", res["summaryVi"])


if __name__ == "__main__":
    unittest.main()
