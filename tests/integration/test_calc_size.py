"""Validate at size (issue 11 "Calc at size", issue 14 item 7), in real
headless LibreOffice with the built .oxt: marks are set in bulk and still clear
back exactly and undo in one step; comments are bounded (the first
kMaxComments marked cells), the rest listed on the report sheet, and the report
sheet and the info bar say so; a sheet read in several blocks gives the same
findings as the CLI on the saved file."""
import os
import unittest

import rctest
from rctest import run
import testbook
from com.sun.star.table import CellAddress
from lohelper import dispatch
import window
from test_window import _WindowCase

MAX_COMMENTS = 50  # marks.hxx kMaxComments
MARKER = "⚑ ReportCheck"
ERROR_COLOR = 0xFFC7CE
ROWS = 310
FAILING = 150  # rows 2, 4, ..., 300 (1-based 2..301 even data rows): more than MAX_COMMENTS


def make_sheet(lo, rows, failing_every, failing_upto, tmp, open_in=None):
    """Sheet "Lớn": A label, B = C + D, wrong on every `failing_every`-th data
    row among the first `failing_upto`; the rule embedded. `open_in(doc)`
    shows it in a window first (returns the doc to use). Returns the doc."""
    doc = lo.new_calc()
    sh = doc.Sheets.getByIndex(0)
    sh.Name = "Lớn"
    sh.getCellRangeByPosition(0, 0, 3, 0).setDataArray((("Dòng", "Tổng", "X", "Y"),))
    data = tuple(("Dòng %d" % i,
                  float(i % 17 + i % 5 + (1 if i < failing_upto and i % failing_every == 0 else 0)),
                  float(i % 17), float(i % 5)) for i in range(rows))
    sh.getCellRangeByPosition(0, 1, 3, rows).setDataArray(data)
    if open_in:
        doc = open_in(doc)
    rules = os.path.join(tmp, "size.rules")
    with open(rules, "w", encoding="utf-8") as f:
        f.write('sheet "Lớn"\ncheck L.cong error: B = C + D\n  for rows 2:%d\n' % (rows + 1))
    ev = dispatch(lo, doc.CurrentController.Frame, rctest.PROTOCOL + "EmbedFile", Path=rules, Silent=True)
    assert ev.State == 1, ev.Result
    return doc


def prepare_cells(doc):
    """What was there before, that Clear and Undo must bring back: a user's
    direct colours, a colour from a cell style, a user's comment, all on
    failing cells (B2, B4, B6; B202 past the comment bound)."""
    sh = doc.Sheets.getByName("Lớn")
    sh.getCellRangeByName("B2").CellBackColor = 0x00B0F0
    sh.getCellRangeByName("B202").CellBackColor = 0x92D050
    styles = doc.StyleFamilies.getByName("CellStyles")
    style = doc.createInstance("com.sun.star.style.CellStyle")
    styles.insertByName("Nền riêng", style)
    style.CellBackColor = 0xFFFF00
    sh.getCellRangeByName("B4").CellStyle = "Nền riêng"
    sh.Annotations.insertNew(CellAddress(0, 1, 5), "ghi chú của người dùng")  # B6
    return sh


class BoundedCommentsTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.lo = rctest.office()

    def setUp(self):
        self.doc = make_sheet(self.lo, ROWS, 2, 2 * FAILING, rctest.tmpdir())
        self.sh = prepare_cells(self.doc)
        self.failing = ["B%d" % (2 + i) for i in range(0, 2 * FAILING, 2)]
        self.before = testbook.cell_state(self.doc)
        self.values = self.sh.getCellRangeByPosition(0, 0, 3, ROWS).getDataArray()

    def tearDown(self):
        self.doc.close(True)

    def ours(self):
        anns = self.sh.Annotations
        out = []
        for k in range(anns.Count):
            a = anns.getByIndex(k)
            if a.getString().startswith(MARKER):
                out.append("B%d" % (a.Position.Row + 1) if a.Position.Column == 1 else "?")
        return sorted(out, key=lambda a1: int(a1[1:]))

    def assert_back_to_before(self):
        after = testbook.cell_state(self.doc)
        diff = [k for k in self.before if self.before[k] != after.get(k)]
        self.assertEqual(diff, [], [(k, self.before[k], after.get(k)) for k in diff[:5]])

    def test_every_failing_cell_marked_first_ones_commented_and_the_report_says_so(self):
        state, res = run(self.doc, "Validate")
        self.assertEqual(state, 1, res)
        self.assertEqual(res["errors"], FAILING)
        self.assertEqual(res["cellsMarked"], FAILING)
        # B6 keeps the user's comment: it counts as kept, not as one of ours
        self.assertEqual(res["keptUserComments"], 1)
        self.assertEqual(res["commentsAdded"], MAX_COMMENTS)
        self.assertEqual(res["withoutComment"], FAILING - MAX_COMMENTS - 1)
        # validation never changes a value
        self.assertEqual(self.sh.getCellRangeByPosition(0, 0, 3, ROWS).getDataArray(), self.values)
        # every failing cell has the error colour, passing cells keep theirs
        for a1 in self.failing:
            self.assertEqual(self.sh.getCellRangeByName(a1).CellBackColor, ERROR_COLOR, a1)
        self.assertEqual(self.sh.getCellRangeByName("B3").CellBackColor, -1)
        self.assertEqual(self.sh.getCellRangeByName("B302").CellBackColor, -1)
        # comments on the first marked cells in sheet order (B6 is the user's)
        expected = [a for a in self.failing if a != "B6"][:MAX_COMMENTS]
        self.assertEqual(self.ours(), expected)
        self.assertEqual(self.sh.getCellRangeByName("B6").Annotation.getString(), "ghi chú của người dùng")
        # the report sheet lists every finding, the uncommented ones too, and says why they have no comment
        rep = self.doc.Sheets.getByName("ReportCheck")
        cur = rep.createCursor()
        cur.gotoEndOfUsedArea(False)
        rows = rep.getCellRangeByPosition(0, 0, 11, cur.RangeAddress.EndRow).getDataArray()
        text = "\n".join("\t".join(str(v) for v in r) for r in rows)
        note = "chỉ %d ô đánh dấu đầu tiên có chú thích; %d ô còn lại chỉ được tô màu" % (
            MAX_COMMENTS, FAILING - MAX_COMMENTS - 1)
        self.assertIn(note, text)
        listed = [r[1] for r in rows if r[3] == "L.cong"]
        self.assertEqual(sorted(listed), sorted(self.failing))
        # the info bar says it too (the first bound it names)
        _, fb = run(self.doc, "Feedback")
        self.assertIn(note, fb["bar"])

    def test_clear_restores_exactly(self):
        run(self.doc, "Validate")
        self.assertNotEqual(testbook.cell_state(self.doc), self.before)
        state, res = run(self.doc, "ClearMarks")
        self.assertEqual(state, 1, res)
        self.assertEqual(res["restored"], FAILING)
        self.assert_back_to_before()
        # the style's colour is the style's again, the user's direct colours direct values
        self.assertEqual(self.sh.getCellRangeByName("B4").getPropertyState("CellBackColor").value, "DEFAULT_VALUE")
        self.assertEqual(self.sh.getCellRangeByName("B4").CellBackColor, 0xFFFF00)
        self.assertEqual(self.sh.getCellRangeByName("B202").getPropertyState("CellBackColor").value, "DIRECT_VALUE")

    def test_validate_is_one_undo_action(self):
        # (Undo itself: UndoInWindowTests; headless LibreOffice 7.4 crashes in
        # ScTabView::SetTabNo undoing the report sheet's insertion without a window.)
        um = self.doc.UndoManager
        um.clear()
        run(self.doc, "Validate")
        self.assertEqual(len(um.getAllUndoActionTitles()), 1, um.getAllUndoActionTitles())
        self.assertEqual(um.getCurrentUndoActionTitle(), "ReportCheck: đánh dấu ô lỗi")

    def test_marks_survive_save_and_clear_after_reload(self):
        run(self.doc, "Validate")
        path = os.path.join(rctest.tmpdir(), "size-marked.ods")
        rctest.save(self.doc, path)
        doc2 = self.lo.load(path)
        try:
            state, res = run(doc2, "ClearMarks")
            self.assertEqual(state, 1, res)
            self.assertEqual(res["restored"], FAILING)
            after = testbook.cell_state(doc2)
            diff = [k for k in self.before if self.before[k] != after.get(k)]
            self.assertEqual(diff, [], [(k, self.before[k], after.get(k)) for k in diff[:5]])
        finally:
            doc2.close(True)


class MixedRunTests(unittest.TestCase):
    """Marked cells next to one another are one range for Calc, and their prior
    state is read for the whole range at once (extension/src/marks.cxx
    readBackgrounds): cells of one run with different prior colours (two direct
    colours, a style's, none) must still each come back exactly, and a cell the
    user recoloured after Validate keeps the user's colour."""

    @classmethod
    def setUpClass(cls):
        cls.lo = rctest.office()

    def setUp(self):
        # data rows 0..5 wrong: B2..B7 fail, one run of six rows
        self.doc = make_sheet(self.lo, 12, 1, 6, rctest.tmpdir())
        self.sh = self.doc.Sheets.getByName("Lớn")
        cell = self.sh.getCellRangeByName
        cell("B2").CellBackColor = 0x00B0F0
        styles = self.doc.StyleFamilies.getByName("CellStyles")
        style = self.doc.createInstance("com.sun.star.style.CellStyle")
        styles.insertByName("Nền chạy", style)
        style.CellBackColor = 0xFFFF00
        cell("B4").CellStyle = "Nền chạy"
        cell("B5").CellBackColor = 0x92D050
        cell("B6").CellBackColor = 0x00B0F0
        self.before = testbook.cell_state(self.doc)

    def tearDown(self):
        self.doc.close(True)

    def states(self):
        return {a1: (self.sh.getCellRangeByName(a1).getPropertyState("CellBackColor").value,
                     self.sh.getCellRangeByName(a1).CellBackColor) for a1 in ("B%d" % r for r in range(2, 9))}

    def test_each_cell_of_one_run_comes_back_as_it_was(self):
        states = self.states()
        self.assertEqual(states["B2"], ("DIRECT_VALUE", 0x00B0F0))
        self.assertEqual(states["B3"], ("DEFAULT_VALUE", -1))
        self.assertEqual(states["B4"], ("DEFAULT_VALUE", 0xFFFF00))
        state, res = run(self.doc, "Validate")
        self.assertEqual(state, 1, res)
        self.assertEqual(res["cellsMarked"], 6)
        for r in range(2, 8):
            self.assertEqual(self.sh.getCellRangeByName("B%d" % r).CellBackColor, ERROR_COLOR, r)
        self.assertEqual(self.sh.getCellRangeByName("B8").CellBackColor, -1)
        state, res = run(self.doc, "ClearMarks")
        self.assertEqual(state, 1, res)
        self.assertEqual(res["restored"], 6)
        self.assertEqual(self.states(), states)
        after = testbook.cell_state(self.doc)
        self.assertEqual([k for k in self.before if self.before[k] != after.get(k)], [])

    def test_a_cell_recoloured_after_validate_keeps_the_users_colour(self):
        states = self.states()
        run(self.doc, "Validate")
        self.sh.getCellRangeByName("B5").CellBackColor = 0x123456  # the user's, over our mark
        state, res = run(self.doc, "ClearMarks")
        self.assertEqual(state, 1, res)
        self.assertEqual(res["restored"], 5)
        now = self.states()
        self.assertEqual(now["B5"], ("DIRECT_VALUE", 0x123456))
        del now["B5"], states["B5"]
        self.assertEqual(now, states)


class BlockReadTests(unittest.TestCase):
    """A sheet larger than one block of the snapshot (kBlockCells = 50,000
    cells): every block is read, the findings are the CLI's on the saved file,
    and the progress is told between blocks."""
    ROWS = 30000  # x 4 columns: 120,000 cells, three blocks

    @classmethod
    def setUpClass(cls):
        cls.lo = rctest.office()

    def test_findings_across_blocks_match_the_cli(self):
        tmp = rctest.tmpdir()
        doc = make_sheet(self.lo, self.ROWS, 997, self.ROWS, tmp)
        try:
            state, res = run(doc, "Validate")
            self.assertEqual(state, 1, res)
            wrong = [i for i in range(self.ROWS) if i % 997 == 0]
            self.assertEqual(res["errors"], len(wrong))
            self.assertEqual(sorted(f["cell"] for f in res["findingsList"]), sorted("B%d" % (i + 2) for i in wrong))
            self.assertEqual(res["cells"], (self.ROWS + 1) * 4)
            _, fb = run(doc, "Feedback")
            if fb["progressStarted"]:  # the frame has a status bar: one update per block at least
                self.assertGreaterEqual(fb["progressUpdates"], 3, fb)
            run(doc, "ClearMarks")
            path = os.path.join(tmp, "blocks.ods")
            rctest.save(doc, path)
            cli = rctest.cli_findings(path)
            self.assertEqual(sorted(map(rctest.key, cli["findings"])),
                             sorted(map(rctest.key, res["findingsList"])))
        finally:
            doc.close(True)


class UndoInWindowTests(_WindowCase):
    """Validate of a sheet with more marks than comments, undone in one step
    through the view (.uno:Undo) in a real window: colours, comments, the
    report sheet all back as they were."""

    def setUp(self):
        self.doc = make_sheet(self.win.lo, ROWS, 2, 2 * FAILING, self.win.tmp, open_in=self.win.open)
        self.sh = prepare_cells(self.doc)

    def test_validate_then_one_undo_restores_everything(self):
        before = testbook.cell_state(self.doc)
        state, res = self.run_cmd("Validate")
        self.assertEqual(state, 1, res)
        self.assertEqual(res["cellsMarked"], FAILING)
        self.assertEqual(res["commentsAdded"], MAX_COMMENTS)
        self.assertNotEqual(testbook.cell_state(self.doc), before)
        self.win.uno(self.doc, ".uno:Undo")
        self.assertTrue(self.win.alive())
        after = testbook.cell_state(self.doc)
        diff = [k for k in before if before[k] != after.get(k)]
        self.assertEqual(diff, [], [(k, before[k], after.get(k)) for k in diff[:5]])


if __name__ == "__main__":
    unittest.main()
