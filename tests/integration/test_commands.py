"""The menu commands, dispatched by URL on real workbooks in real Calc."""
import os
import unittest

import uno

import rctest
import testbook
from rctest import run

MARK_COLORS = (0xFFC7CE, 0xFFEB9C)


SEVERITY = {"lỗi": "error", "cảnh báo": "warning", "thông tin": "info"}
KIND = {"kiểm tra không khớp": "check", "chỉ tiêu": "target", "ô lỗi": "cell-error",
        "số ghi dạng chữ": "text-number", "không phải số": "not-number",
        "không xác định (chia cho 0)": "undefined", "thiếu tham chiếu": "missing-ref", "giới hạn": "limit"}
HEADER = ("Trang tính", "Ô", "Dòng", "Quy tắc", "Mức độ", "Loại", "Cần", "Ghi", "Lệch", "Thông báo",
          "Ô nghi sai", "Nhiều khả năng sai")


def report_table(doc):
    """(the lines above the findings table, its header row index, all rows)."""
    sh = doc.Sheets.getByName("ReportCheck")
    cur = sh.createCursor()
    cur.gotoEndOfUsedArea(False)
    last = cur.RangeAddress.EndRow
    data = sh.getCellRangeByPosition(0, 0, len(HEADER) - 1, last).getDataArray()
    header = next(i for i, r in enumerate(data) if r[0] == HEADER[0])
    return data[:header], header, data


def report_rows(doc):
    """The finding rows of the report sheet (in the test office's Vietnamese), as dicts."""
    sh = doc.Sheets.getByName("ReportCheck")
    head, header, data = report_table(doc)
    rows = []
    for i in range(header + 1, len(data)):
        r = data[i]
        if not r[0] and not r[1]:
            break  # the blank line before the per-rule block
        rows.append({"sheet": r[0], "cell": r[1], "label": r[2], "rule": r[3], "severity": SEVERITY[r[4]],
                     "kind": KIND[r[5]], "expected": r[6], "actual": r[7], "difference": r[8], "messageVi": r[9],
                     "formula": sh.getCellByPosition(1, i).getFormula()})
    return head, rows


def rule_lines(doc):
    """The per-rule block: {rule id: (verdict, checked, passed, failed, skipped, why, target, findings)}."""
    sh = doc.Sheets.getByName("ReportCheck")
    cur = sh.createCursor()
    cur.gotoEndOfUsedArea(False)
    data = sh.getCellRangeByPosition(0, 0, 8, cur.RangeAddress.EndRow).getDataArray()
    start = next(i for i, r in enumerate(data) if r[0] == "Kết quả theo quy tắc")
    assert data[start + 1][:3] == ("Quy tắc", "Kết quả", "Đã kiểm tra"), data[start + 1]
    return {r[0]: tuple(r[1:9]) for r in data[start + 2:] if r[0]}


class CommandTests(unittest.TestCase):
    def setUp(self):
        self.lo = rctest.office()
        self.doc = testbook.build(self.lo)

    def tearDown(self):
        self.doc.close(True)

    def cell(self, sheet, a1):
        return self.doc.Sheets.getByName(sheet).getCellRangeByName(a1)

    # Validate -------------------------------------------------------------
    def test_validate_marks_cells_and_writes_the_report(self):
        before = testbook.cell_state(self.doc)
        state, res = run(self.doc, "Validate")
        self.assertEqual(state, 1, res)
        self.assertTrue(res["ok"])
        self.assertEqual(res["originKind"], "file")
        self.assertGreater(res["errors"], 0)
        found = {(f["rule"], f["sheet"], f["cell"]) for f in res["findingsList"]}
        # the known faults of the test workbook
        self.assertIn(("B3.cot4", "Biểu 3", "B6"), found)      # 50 != 20+20+5
        self.assertIn(("B11.pct", "Biểu 11", "D5"), found)     # 8,5 should be 8,2
        self.assertTrue(any(f[1] == "Biểu 3" and f[2] == "C7" for f in found), found)  # total of column 5
        kinds = {f["kind"] for f in res["findingsList"]}
        self.assertIn("text-number", kinds)   # "87.107"
        self.assertIn("cell-error", kinds)    # =1/0
        # every error / warning with a cell is marked and commented
        for f in res["findingsList"]:
            if f["severity"] == "info" or not f["cell"]:
                continue
            c = self.cell(f["sheet"], f["cell"])
            self.assertIn(c.CellBackColor, MARK_COLORS, f)
            ann = c.Annotation.getString()
            if (f["sheet"], f["cell"]) == ("Biểu 3", "B6"):
                self.assertEqual(ann, testbook.USER_COMMENT)  # the user's comment is never replaced
            else:
                self.assertTrue(ann.startswith("⚑ ReportCheck"), ann)
                self.assertIn(f["rule"], ann)
        self.assertEqual(res["keptUserComments"], 1)
        # no value changed
        after = testbook.cell_state(self.doc)
        for k, v in before.items():
            if isinstance(k, tuple) and len(k) == 3:
                self.assertEqual(after[k][:4], v[:4], k)
        # the report sheet lists every finding, with a jump to the cell
        head, rows = report_rows(self.doc)
        self.assertEqual(len(rows), res["findings"])
        self.assertEqual(sorted((r["rule"], r["sheet"], r["cell"], r["severity"], r["kind"]) for r in rows),
                         sorted((f["rule"], f["sheet"], f["cell"], f["severity"], f["kind"])
                                for f in res["findingsList"]))
        b6 = next(r for r in rows if r["rule"] == "B3.cot4" and r["cell"] == "B6")
        self.assertEqual(b6["formula"], "=HYPERLINK(\"#'Biểu 3'.B6\";\"B6\")")
        self.assertEqual((b6["expected"], b6["actual"]), ("45", "50"))
        c7 = next(r for r in rows if r["cell"] == "B7" and r["rule"] == "B3.cot4")
        self.assertEqual((c7["expected"], c7["actual"]), ("87.253", "87.257"))  # Vietnamese thousands
        self.assertEqual(head[1][0], res["summaryVi"])
        self.assertTrue(head[1][0].startswith("%d lỗi" % res["errors"]), head[1][0])
        # one language: no English line under the Vietnamese one
        self.assertNotIn(res["summaryEn"], [h[0] for h in head])
        self.assertEqual(head[0][0], "ReportCheck — Kết quả kiểm tra")

    def test_validate_twice_gives_the_same_result(self):
        s1, r1 = run(self.doc, "Validate")
        state1 = testbook.cell_state(self.doc, skip=())
        s2, r2 = run(self.doc, "Validate")
        state2 = testbook.cell_state(self.doc, skip=())
        self.assertEqual((s1, s2), (1, 1))
        for k in ("errors", "warnings", "infos", "cellsMarked", "commentsAdded", "findings"):
            self.assertEqual(r1[k], r2[k], k)
        self.assertEqual(state1, state2)  # no doubled comments, same colours, one report sheet
        self.assertEqual(list(self.doc.Sheets.ElementNames).count("ReportCheck"), 1)

    def test_clear_restores_exactly(self):
        before = testbook.cell_state(self.doc)
        run(self.doc, "Validate")
        self.assertNotEqual(testbook.cell_state(self.doc), before)
        state, res = run(self.doc, "ClearMarks")
        self.assertEqual(state, 1, res)
        self.assertGreater(res["restored"], 0)
        after = testbook.cell_state(self.doc)
        diff = [k for k in before if before[k] != after.get(k)]
        self.assertEqual(diff, [], [(k, before[k], after.get(k)) for k in diff[:5]])
        self.assertNotIn("ReportCheck", self.doc.Sheets.ElementNames)
        # the user's own background on C6 is still a direct value, not the default
        self.assertEqual(self.cell("Biểu 3", "C6").CellBackColor, testbook.USER_COLOR)

    def test_marks_survive_save_and_clear_after_reload(self):
        before = testbook.cell_state(self.doc)
        run(self.doc, "Validate")
        path = os.path.join(rctest.tmpdir(), "marked.ods")
        rctest.save(self.doc, path)
        doc2 = self.lo.load(path)
        try:
            self.assertIn("ReportCheck", doc2.Sheets.ElementNames)
            state, res = run(doc2, "ClearMarks")
            self.assertEqual(state, 1, res)
            after = testbook.cell_state(doc2)
            diff = [k for k in before if before[k] != after.get(k)]
            self.assertEqual(diff, [], [(k, before[k], after.get(k)) for k in diff[:5]])
        finally:
            doc2.close(True)

    # Recompute ------------------------------------------------------------
    def test_recompute_writes_derived_cells_in_one_undo_step(self):
        before = testbook.cell_state(self.doc)
        state, res = run(self.doc, "Recompute")
        self.assertEqual(state, 1, res)
        self.assertGreaterEqual(res["written"], 2)
        self.assertAlmostEqual(self.cell("Biểu 11", "D5").getValue(), 8.2)
        self.assertEqual(self.cell("Chỉ tiêu", "C2").getString(), "vượt")
        self.assertAlmostEqual(self.cell("Chỉ tiêu", "D2").getValue(), round(94.8 / 90 * 100, 1))  # the engine writes the share with 1 decimal
        # the formula in D4 is kept
        self.assertEqual(self.cell("Biểu 11", "D4").getFormula(), "=ROUND(B4/C4*100;1)")
        changed = [k for k in before if before[k] != testbook.cell_state(self.doc).get(k)]
        self.assertTrue(all(k[0] in ("Biểu 11", "Chỉ tiêu") for k in changed), changed)
        # one undo brings everything back
        um = self.doc.UndoManager
        self.assertTrue(um.isUndoPossible())
        um.undo()
        after = testbook.cell_state(self.doc)
        diff = [k for k in before if before[k] != after.get(k)]
        self.assertEqual(diff, [], [(k, before[k], after.get(k)) for k in diff[:5]])

    # Embedding ------------------------------------------------------------
    def test_embed_save_reload_validate_and_cli_agree(self):
        state, res = run(self.doc, "EmbedFile", Path=rctest.TEST_RULES)
        self.assertEqual(state, 1, res)
        self.assertGreater(res["rules"], 0)
        state, shown = run(self.doc, "ShowEmbedded")
        self.assertTrue(shown["embedded"])
        with open(rctest.TEST_RULES, encoding="utf-8") as f:
            self.assertEqual(shown["text"], f.read())
        self.assertIn("B3.cot4", shown["ruleIds"])
        udp = self.doc.DocumentProperties.UserDefinedProperties
        self.assertEqual(udp.getPropertyValue("ReportCheck.Rules.Version"), "1")
        self.assertEqual(udp.getPropertyValue("ReportCheck.Rules.Count"), "1")
        path = os.path.join(rctest.tmpdir(), "embedded.ods")
        rctest.save(self.doc, path)
        doc2 = self.lo.load(path)
        try:
            state, res = run(doc2, "Validate")
            self.assertEqual(state, 1, res)
            self.assertEqual(res["originKind"], "embedded")
            cli = rctest.cli_findings(path)  # no --rules: the CLI must find the embedded rules
            self.assertEqual(cli["rules"], "embedded")
            self.assertEqual(sorted(map(rctest.key, cli["findings"])),
                             sorted(map(rctest.key, res["findingsList"])))
            self.assertEqual((cli["summary"]["errors"], cli["summary"]["warnings"], cli["summary"]["rulesFailed"]),
                             (res["errors"], res["warnings"], res["rulesFailed"]))
            state, about = run(doc2, "About")
            self.assertEqual(about["originKind"], "embedded")
            self.assertTrue(about["version"])
        finally:
            doc2.close(True)

    def test_cli_agrees_with_rules_file(self):
        path = os.path.join(rctest.tmpdir(), "plain.ods")
        rctest.save(self.doc, path)
        state, res = run(self.doc, "Validate")
        cli = rctest.cli_findings(path, rules=rctest.TEST_RULES)
        self.assertEqual(sorted(map(rctest.key, cli["findings"])),
                         sorted(map(rctest.key, res["findingsList"])))

    def test_shown_decimals_come_from_the_number_format(self):
        # Biểu 11 column D shows one decimal: 94,8 = 94,83 holds there, 8,5 != 8,2 does not.
        state, res = run(self.doc, "EmbedFile", Path=os.path.join(rctest.HERE, "data", "decimals.rules"))
        self.assertEqual(state, 1, res)
        path = os.path.join(rctest.tmpdir(), "decimals.ods")
        rctest.save(self.doc, path)
        state, res = run(self.doc, "Validate")
        found = {(f["rule"], f["sheet"], f["cell"]) for f in res["findingsList"]}
        self.assertNotIn(("B11.shown", "Biểu 11", "D3"), found)
        self.assertIn(("B11.shown", "Biểu 11", "D5"), found)
        # LibreOffice stores this format as the column's default cell style
        # (table:default-cell-style-name); the CLI must read it the same way.
        cli = rctest.cli_findings(path)
        self.assertEqual(sorted(map(rctest.key, cli["findings"])), sorted(map(rctest.key, res["findingsList"])))

    def test_bad_embedded_rules_are_refused_and_reported(self):
        bad = os.path.join(rctest.tmpdir(), "bad.rules")
        with open(bad, "w", encoding="utf-8") as f:
            f.write('sheet "Biểu 3"\ncheck X.1 error: #4 = = 5\n')
        state, res = run(self.doc, "EmbedFile", Path=bad)
        self.assertEqual(state, 0, res)
        self.assertFalse(res["ok"])
        self.assertIn("embedded:2:", res["error"])  # file:line:col of the problem
        self.assertEqual(self.doc.DocumentProperties.UserDefinedProperties.PropertySetInfo
                         .hasPropertyByName("ReportCheck.Rules.Count"), False)
        # broken chunks put in by hand: Validate fails cleanly, Calc lives on
        udp = self.doc.DocumentProperties.UserDefinedProperties
        udp.addProperty("ReportCheck.Rules.Count", 128, "3")
        udp.addProperty("ReportCheck.Rules.Version", 128, "1")
        udp.addProperty("ReportCheck.Rules.1", 128, 'sheet "Biểu 3"\n')
        state, res = run(self.doc, "Validate")
        self.assertEqual(state, 0, res)
        self.assertTrue(res["error"])
        state, res = run(self.doc, "RemoveEmbedded")
        self.assertTrue(res["removed"])
        state, res = run(self.doc, "Validate")
        self.assertEqual(state, 1, res)

    def test_rules_that_include_files_are_refused_when_embedded_by_hand(self):
        udp = self.doc.DocumentProperties.UserDefinedProperties
        udp.addProperty("ReportCheck.Rules.Count", 128, "1")
        udp.addProperty("ReportCheck.Rules.Version", 128, "1")
        udp.addProperty("ReportCheck.Rules.1", 128, 'include "/etc/passwd"\n')
        state, res = run(self.doc, "Validate")
        self.assertEqual(state, 0, res)
        self.assertNotIn("root:", res["error"])

    # Robustness -----------------------------------------------------------
    def test_protected_sheet_is_not_marked(self):
        doc = testbook.build(self.lo, protect_sheet="Biểu 3")
        try:
            before = testbook.cell_state(doc)
            state, res = run(doc, "Validate")
            self.assertEqual(state, 1, res)
            self.assertEqual(res["protectedSheets"], 1)
            after = testbook.cell_state(doc)
            b3 = [k for k in before if k[0] == "Biểu 3" and before[k] != after.get(k)]
            self.assertEqual(b3, [])
            head, rows = report_rows(doc)
            self.assertTrue(any("Biểu 3" in str(h[0]) and "bảo vệ" in str(h[0]) for h in head), head)
            self.assertTrue(any(r["sheet"] == "Biểu 3" for r in rows))
            state, res = run(doc, "ClearMarks")
            self.assertEqual(state, 1, res)
        finally:
            doc.close(True)

    def test_document_without_the_expected_sheets(self):
        doc = self.lo.new_calc()
        try:
            doc.Sheets.getByIndex(0).getCellByPosition(0, 0).setString("Không có gì")
            state, res = run(doc, "Validate")
            self.assertEqual(state, 1, res)
            self.assertTrue(any(f["kind"] == "missing-ref" for f in res["findingsList"]), res["findingsList"])
            self.assertEqual(res["cellsMarked"], 0)
        finally:
            doc.close(True)

    def test_large_sheet_validates_in_bounded_time(self):
        sh = self.doc.Sheets.getByName("Biểu 11")
        rows = 20000
        data = tuple((float(i), float(i + 1), float(i * 2)) for i in range(rows))
        sh.getCellRangeByPosition(10, 0, 12, rows - 1).setDataArray(data)
        state, res = run(self.doc, "Validate")
        self.assertEqual(state, 1, res)
        self.assertGreaterEqual(res["cells"], rows * 3)
        self.assertLess(res["totalMs"], 30000)
        rctest.timings["validate_60k_cells_ms"] = round(res["totalMs"], 1)
        rctest.timings["snapshot_60k_cells_ms"] = round(res["snapshotMs"], 1)

    def test_a_users_own_sheet_called_reportcheck_is_left_alone(self):
        self.doc.Sheets.insertNewByName("ReportCheck", 0)
        mine = self.doc.Sheets.getByName("ReportCheck")
        mine.getCellRangeByName("A1").setString("Ghi chú của tôi")
        mine.getCellRangeByName("B2").setValue(42)
        before = testbook.cell_state(self.doc, skip=())
        state, res = run(self.doc, "Validate")
        self.assertEqual(state, 1, res)
        self.assertIn("ReportCheck 2", self.doc.Sheets.ElementNames)
        self.assertEqual(mine.getCellRangeByName("A1").getString(), "Ghi chú của tôi")
        state, res = run(self.doc, "Validate")  # again: replaces only its own report
        self.assertEqual([n for n in self.doc.Sheets.ElementNames if n.startswith("ReportCheck")],
                         ["ReportCheck", "ReportCheck 2"])
        run(self.doc, "ClearMarks")
        after = testbook.cell_state(self.doc, skip=())
        diff = [k for k in before if before[k] != after.get(k)]
        self.assertEqual(diff, [], diff[:5])

    def test_embed_bundled(self):
        import zipfile
        with zipfile.ZipFile(rctest.OXT) as z:
            bundled = "rules/report-536.rules" in z.namelist()
        state, res = run(self.doc, "EmbedBundled")
        if bundled:  # rules/report-536.rules existed when the .oxt was built
            self.assertEqual(state, 1, res)
            self.assertGreater(res["rules"], 0)
            state, shown = run(self.doc, "ShowEmbedded")
            self.assertTrue(shown["embedded"])
            self.assertEqual(shown["bytes"], res["bytes"])
            self.assertNotIn("\ninclude ", "\n" + shown["text"])  # includes are inlined
        else:       # no bundled rules yet: a clear failure, nothing embedded
            self.assertEqual(state, 0, res)
            self.assertIn("No rules", res["error"])
            self.assertFalse(self.doc.DocumentProperties.UserDefinedProperties.PropertySetInfo
                             .hasPropertyByName("ReportCheck.Rules.Count"))

    def test_embedded_rules_survive_xlsx(self):
        state, res = run(self.doc, "EmbedFile", Path=rctest.TEST_RULES)
        self.assertEqual(state, 1, res)
        path = os.path.join(rctest.tmpdir(), "embedded.xlsx")
        rctest.save(self.doc, path, "Calc MS Excel 2007 XML")
        doc2 = self.lo.load(path)
        try:
            state, shown = run(doc2, "ShowEmbedded")
            with open(rctest.TEST_RULES, encoding="utf-8") as f:
                self.assertEqual(shown["text"], f.read())
            state, res2 = run(doc2, "Validate")
            self.assertEqual(state, 1, res2)
            self.assertEqual(res2["originKind"], "embedded")
            self.assertGreater(res2["errors"], 0)
        finally:
            doc2.close(True)

    def test_unknown_command_fails_cleanly(self):
        state, res = run(self.doc, "NoSuchThing")
        self.assertEqual(state, 0)
        self.assertIn("NoSuchThing", res["error"])

    def test_about_says_where_the_rules_come_from(self):
        state, res = run(self.doc, "About")
        self.assertEqual(state, 1, res)
        self.assertEqual(res["originKind"], "file")
        self.assertEqual(res["origin"], rctest.TEST_RULES)
        self.assertIn("ReportCheck", res["text"])

    def test_message_boxes_do_not_hang_headless(self):
        state, res = run(self.doc, "About", Silent=False)
        self.assertEqual(state, 1, res)
        state, res = run(self.doc, "NoSuchThing", Silent=False)
        self.assertEqual(state, 0, res)


if __name__ == "__main__":
    unittest.main()
