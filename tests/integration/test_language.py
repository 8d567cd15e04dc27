"""What the office worker reads follows LibreOffice's UI language, one
language at a time (issue 14 item 6, issue 9 item 11): info bar, cell
comments (sized to their text), undo names, the report sheet (title,
headers, kind names, numbers at the decimals the cell shows, row labels,
an autofilter, one line per rule). The test office speaks Vietnamese
(rctest.UI_LANGUAGE); the English tests switch ooLocale at run time, as
Tools > Options does, and switch back."""
import os
import unittest

import rctest
import testbook
from lohelper import set_ui_language
from rctest import run
from test_commands import HEADER, report_rows, report_table, rule_lines

# The test rules and one rule that never checks anything: its cells are empty.
NEVER_RUNS = '\nsheet "Biểu 3"\ncheck B3.trong warning: H4 = I4 + J4\n'


def rules_with_a_rule_that_never_runs():
    path = os.path.join(rctest.tmpdir(), "test-and-empty.rules")
    with open(rctest.TEST_RULES, encoding="utf-8") as f, open(path, "w", encoding="utf-8") as g:
        g.write(f.read() + NEVER_RUNS)
    return path


class _LanguageCase(unittest.TestCase):
    lang = "vi"

    def setUp(self):
        self.lo = rctest.office()
        set_ui_language(self.lo, self.lang)
        self.doc = testbook.build(self.lo)
        state, res = run(self.doc, "EmbedFile", Path=rules_with_a_rule_that_never_runs())
        self.assertEqual(state, 1, res)
        state, self.res = run(self.doc, "Validate")
        self.assertEqual(state, 1, self.res)

    def tearDown(self):
        self.doc.close(True)
        set_ui_language(self.lo, rctest.UI_LANGUAGE)

    def cell(self, sheet, a1):
        return self.doc.Sheets.getByName(sheet).getCellRangeByName(a1)

    def bar(self):
        state, res = run(self.doc, "Feedback")
        return res["bar"]

    def report(self):
        sh = self.doc.Sheets.getByName("ReportCheck")
        cur = sh.createCursor()
        cur.gotoEndOfUsedArea(False)
        return sh.getCellRangeByPosition(0, 0, 11, cur.RangeAddress.EndRow).getDataArray()

    def assert_comment_fits_its_text(self, cell):
        text = cell.Annotation.getString()
        lines = text.split("\n")
        # wrapped between words at 48 characters: a line longer is one long word
        for line in lines:
            self.assertTrue(len(line) <= 48 or " " not in line, line)
        size = cell.Annotation.AnnotationShape.Size
        self.assertEqual(size.Width, 9000)  # 9 cm: wide, so not twenty lines tall
        # as tall as its lines (Calc grows the box to the text it lays out), no more
        self.assertGreaterEqual(size.Height, 300 + 420 * len(lines))
        self.assertLessEqual(size.Height, 300 + 650 * len(lines), (size.Height, lines))
        self.assertLessEqual(len(lines), 8, text)
        return text


class VietnameseTests(_LanguageCase):
    lang = "vi"

    def test_info_bar_comment_and_undo_name_in_vietnamese_only(self):
        bar = self.bar()
        self.assertTrue(bar.startswith("ReportCheck: %s" % self.res["summaryVi"]), bar)
        self.assertIn('xem trang "ReportCheck"', bar)
        self.assertNotIn(self.res["summaryEn"], bar)
        self.assertNotIn(" / ", bar)
        text = self.assert_comment_fits_its_text(self.cell("Biểu 3", "B7"))
        self.assertTrue(text.startswith("⚑ ReportCheck\n[B3.cot4] lỗi: Cột 4 phải bằng cột 5 + 6 + 7"), text)
        self.assertNotIn("Column 4", text)
        self.assertEqual(self.doc.UndoManager.getCurrentUndoActionTitle(), "ReportCheck: đánh dấu ô lỗi")

    def test_report_sheet_labels_kinds_decimals_and_filter(self):
        head, rows = report_rows(self.doc)
        self.assertEqual(head[0][0], "ReportCheck — Kết quả kiểm tra")
        _, header, data = report_table(self.doc)
        self.assertEqual(tuple(data[header]), HEADER)
        # the row label says which line of the table is wrong
        b6 = next(r for r in rows if r["rule"] == "B3.cot4" and r["cell"] == "B6")
        self.assertEqual(b6["label"], "3. Thị trấn")
        # kind names in words, never `check` or `text-number`
        kinds = {data[header + 1 + i][5] for i in range(len(rows))}
        self.assertIn("kiểm tra không khớp", kinds)
        self.assertIn("số ghi dạng chữ", kinds)
        self.assertFalse(kinds & {"check", "text-number", "cell-error"}, kinds)
        # D5 shows one decimal (0.0): expected and actual as the cell shows them
        d5 = next(r for r in rows if r["rule"] == "B11.pct" and r["cell"] == "D5")
        self.assertEqual((d5["expected"], d5["actual"]), ("8,2", "8,5"))
        self.assertIn(d5["difference"], ("0,3", "-0,3"))
        # an autofilter over the findings table, header row included
        idx = list(self.doc.Sheets.ElementNames).index("ReportCheck")
        ranges = self.doc.getPropertyValue("UnnamedDatabaseRanges")  # not in the property set info
        self.assertTrue(ranges.hasByTable(idx))
        db = ranges.getByTable(idx)
        self.assertTrue(db.AutoFilter)
        area = db.DataArea
        self.assertEqual((area.StartRow, area.EndRow, area.StartColumn, area.EndColumn),
                         (header, header + len(rows), 0, len(HEADER) - 1))

    def test_per_rule_block_shows_the_rule_that_never_ran(self):
        lines = rule_lines(self.doc)
        self.assertEqual(len(lines), self.res["rulesRun"])
        verdict, checked, passed, failed, skipped, why, target, findings = lines["B3.trong"]
        self.assertEqual((verdict, checked, passed, failed, findings), ("không chạy được", 0, 0, 0, 0))
        self.assertGreaterEqual(skipped, 1)
        self.assertIn("trống", why)
        verdict, checked, passed, failed, *_ = lines["B3.cot4"]
        self.assertEqual(verdict, "không đạt")
        self.assertEqual(checked, passed + failed)
        self.assertGreaterEqual(failed, 1)
        self.assertEqual(lines["CT.tccsd"][6], "vượt")  # 94,8 against at least 90
        # the line above the table jumps to the block
        sh = self.doc.Sheets.getByName("ReportCheck")
        data = self.report()
        link = next(i for i, r in enumerate(data) if str(r[0]).startswith("Kết quả theo từng quy tắc"))
        start = next(i for i, r in enumerate(data) if r[0] == "Kết quả theo quy tắc")
        self.assertIn("'ReportCheck'.A%d" % (start + 1), sh.getCellByPosition(0, link).getFormula())


class EnglishTests(_LanguageCase):
    lang = "en-US"

    def test_everything_in_english_only(self):
        bar = self.bar()
        self.assertTrue(bar.startswith("ReportCheck: %s" % self.res["summaryEn"]), bar)
        self.assertIn('see sheet "ReportCheck"', bar)
        self.assertNotIn("xem trang", bar)
        text = self.assert_comment_fits_its_text(self.cell("Biểu 3", "B7"))
        self.assertTrue(text.startswith("⚑ ReportCheck\n[B3.cot4] error: Column 4 must equal"), text)
        self.assertNotIn("Cột 4", text)
        self.assertEqual(self.doc.UndoManager.getCurrentUndoActionTitle(), "ReportCheck: mark findings")
        data = self.report()
        self.assertEqual(data[0][0], "ReportCheck — Validation result")
        self.assertEqual(data[1][0], self.res["summaryEn"])
        header = next(i for i, r in enumerate(data) if r[0] == "Sheet")
        self.assertEqual(data[header][:10], ("Sheet", "Cell", "Row", "Rule", "Severity", "Kind", "Expected",
                                             "Actual", "Difference", "Message"))
        b7 = next(r for r in data[header + 1:] if r[1] == "B7" and r[3] == "B3.cot4")
        self.assertEqual((b7[4], b7[5]), ("error", "check fails"))
        self.assertEqual((b7[6], b7[7]), ("87,253", "87,257"))  # English thousands
        self.assertTrue(b7[9].startswith("Column 4 must equal"), b7[9])
        self.assertTrue(any(r[0] == "Per rule" for r in data), "no per-rule block")
        # a function's text: English too
        c = self.doc.Sheets.getByName("Chỉ tiêu").getCellByPosition(7, 7)
        c.setFormula("=RC.PCT(5;0;1)")
        # (cell functions read the UI language at most once a second: recalculate until then)
        recalc = lambda want: (self.doc.calculateAll() or True) and c.getString().startswith(want)  # noqa: E731
        self.assertTrue(rctest.wait_for(lambda: recalc("the denominator is zero"), timeout=5), c.getString())
        c.setFormula('=RC.TARGETSTATUS(84;"at least";90)')  # no language argument: the UI's
        self.assertTrue(rctest.wait_for(lambda: recalc("not met"), timeout=5), c.getString())


if __name__ == "__main__":
    unittest.main()


class DateCellTests(unittest.TestCase):
    """A date cell's finding speaks in dates, read from the cell's date format
    in Calc (issue 9 item 10): comment, report sheet and message say 05/01/2024,
    not the serial day 45296."""

    def setUp(self):
        self.lo = rctest.office()
        self.doc = self.lo.new_calc()
        sheets = self.doc.Sheets
        first = sheets.getByIndex(0).Name
        sheets.insertNewByName("Tiến độ", 0)
        sheets.removeByName(first)
        self.sh = sheets.getByName("Tiến độ")
        self.sh.getCellRangeByName("A1").setString("Hạn nộp")
        b1 = self.sh.getCellRangeByName("B1")
        b1.setValue(45296)  # 05/01/2024
        from com.sun.star.lang import Locale
        b1.NumberFormat = self.doc.NumberFormats.queryKey("DD/MM/YYYY", Locale("en", "US", ""), True)
        if b1.NumberFormat < 0:
            b1.NumberFormat = self.doc.NumberFormats.addNew("DD/MM/YYYY", Locale("en", "US", ""))
        path = os.path.join(rctest.tmpdir(), "dates.rules")
        with open(path, "w", encoding="utf-8") as f:
            f.write('sheet "Tiến độ"\nlabels A\ncheck HN.han: B1 <= date(2023, 12, 31)\n')
        state, res = run(self.doc, "EmbedFile", Path=path)
        self.assertEqual(state, 1, res)

    def tearDown(self):
        self.doc.close(True)

    def test_a_date_cell_is_written_as_a_date(self):
        self.assertEqual(self.sh.getCellRangeByName("B1").getString(), "05/01/2024")
        state, res = run(self.doc, "Validate")
        self.assertEqual(state, 1, res)
        comment = self.sh.getCellRangeByName("B1").Annotation.getString().replace("\n", " ")
        self.assertIn("Hạn nộp: ghi 05/01/2024, phải không quá 31/12/2023", comment)
        # the cell to fix and its fix are dates too
        self.assertIn("Có thể sai ở đây: ghi 05/01/2024; 31/12/2023 thì", comment)
        _, rows = report_rows(self.doc)
        (row,) = [r for r in rows if r["rule"] == "HN.han"]
        self.assertEqual((row["expected"], row["actual"]), ("31/12/2023", "05/01/2024"))
        self.assertEqual(self.sh.getCellRangeByName("B1").getValue(), 45296)  # validation changes no value
