"""The report's own workbook (sample-workbooks/bao-cao-536.ods): Calc and the
command line give the same findings, and clearing restores it exactly."""
import json
import os
import shutil
import unittest

import rctest
import testbook
from rctest import run

SAMPLE = os.path.join(rctest.ROOT, "sample-workbooks", "bao-cao-536.ods")
SAMPLE_RULES = os.path.join(rctest.HERE, "data", "sample.rules")


class SampleWorkbookTests(unittest.TestCase):
    def setUp(self):
        self.lo = rctest.office()
        self.dir = rctest.tmpdir()
        self.path = os.path.join(self.dir, "bao-cao-536.ods")
        shutil.copyfile(SAMPLE, self.path)
        self.doc = self.lo.load(self.path)

    def tearDown(self):
        self.doc.close(True)

    def test_suggest_in_calc_drafts_what_the_cli_drafts_and_finds_errors(self):
        """Issue 10's Calc command: the same engine on Calc's snapshot as on the file."""
        import subprocess
        state, res = run(self.doc, "Suggest")
        self.assertEqual(state, 1, res)
        self.assertGreater(res["relations"], 50)
        r = subprocess.run([rctest.CLI, "suggest", self.path, "--format", "rules"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=300)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertEqual(res["draft"], r.stdout.decode())
        state, res = run(self.doc, "Suggest", Action="validate")
        self.assertEqual(state, 1, res)
        self.assertEqual(res["validate"]["originKind"], "suggested")
        self.assertGreater(res["validate"]["errors"], 0)
        self.assertIn("ReportCheck", self.doc.Sheets.ElementNames)

    def test_same_findings_as_the_cli_with_embedded_rules(self):
        state, res = run(self.doc, "EmbedFile", Path=SAMPLE_RULES)
        self.assertEqual(state, 1, res)
        out = os.path.join(self.dir, "embedded.ods")
        rctest.save(self.doc, out)
        state, res = run(self.doc, "Validate")
        self.assertEqual(state, 1, res)
        self.assertEqual(res["originKind"], "embedded")
        self.assertGreater(res["warnings"], 0)  # Biểu 11 prints wrong percentages
        cli = rctest.cli_findings(out)
        self.assertEqual(cli["rules"], "embedded")
        self.assertEqual(sorted(map(rctest.key, cli["findings"])), sorted(map(rctest.key, res["findingsList"])))
        self.assertIn(("S11.pct2020", "Biểu 11", "E13"),
                      {(f["rule"], f["sheet"], f["cell"]) for f in res["findingsList"]})
        self.assertEqual(self.doc.Sheets.getByName("Biểu 11").getCellRangeByName("E13").CellBackColor, 0xFFEB9C)
        rctest.timings["sample_validate_ms"] = round(res["totalMs"], 1)
        rctest.timings["sample_snapshot_ms"] = round(res["snapshotMs"], 1)
        rctest.timings["sample_cells"] = res["cells"]

    def test_same_findings_as_the_cli_as_shipped(self):
        # Whatever the workbook carries (the report's embedded rules once they
        # exist, else the tests' rules file): both sides pick the same rules.
        state, res = run(self.doc, "Validate")
        self.assertEqual(state, 1, res)
        cli = rctest.cli_findings(SAMPLE, rules=rctest.TEST_RULES)
        self.assertEqual(cli["rules"] == "embedded", res["originKind"] == "embedded")
        self.assertEqual(sorted(map(rctest.key, cli["findings"])), sorted(map(rctest.key, res["findingsList"])))
        self.assertEqual(cli["summary"]["rulesFailed"], res["rulesFailed"])
        # The workbook ships with the report's rules embedded: Calc shows the reviewed findings.
        with open(os.path.join(rctest.ROOT, "tests", "golden", "report-536.findings.json"), encoding="utf-8") as f:
            golden = json.load(f)["files"][0]
        self.assertEqual(res["originKind"], "embedded")
        self.assertEqual((res["errors"], res["warnings"]),
                         (golden["summary"]["errors"], golden["summary"]["warnings"]))
        self.assertEqual(sorted(map(rctest.key, golden["findings"])), sorted(map(rctest.key, res["findingsList"])))

    def test_recompute_fixes_the_reports_percentages_and_fills_the_targets(self):
        before = testbook.cell_state(self.doc)
        state, res = run(self.doc, "Recompute")
        self.assertEqual(state, 1, res)
        b11 = self.doc.Sheets.getByName("Biểu 11")
        self.assertAlmostEqual(b11.getCellRangeByName("E13").getValue(), 4.6)   # printed 61,9
        self.assertAlmostEqual(b11.getCellRangeByName("H14").getValue(), 51.3)  # printed 92,8
        self.assertAlmostEqual(b11.getCellRangeByName("E9").getValue(), 87.7)   # was right: unchanged
        targets = self.doc.Sheets.getByName("Chỉ tiêu")
        self.assertEqual(targets.getCellRangeByName("G2").getString(), "đạt")        # GRDP 14 in 14–15
        self.assertEqual(targets.getCellRangeByName("G15").getString(), "không đạt")  # trường chính trị 51 < 55
        self.assertEqual(targets.getCellRangeByName("G6").getString(), "vượt")        # 92,6 "trên 90%" (strict)
        self.assertEqual(targets.getCellRangeByName("G16").getString(), "không đạt")  # stated share: 71 % of target
        self.assertEqual(targets.getCellRangeByName("H16").getValue(), 71)            # the report's share, kept
        now = testbook.cell_state(self.doc)
        changed = {k[0] for k in before if before[k] != now.get(k)}
        self.assertTrue(changed <= {"Biểu 11", "Chỉ tiêu", "Tỷ lệ"}, changed)
        um = self.doc.UndoManager
        self.assertEqual(len(um.getAllUndoActionTitles()), 1)  # one step
        um.undo()
        after = testbook.cell_state(self.doc)
        diff = [k for k in before if before[k] != after.get(k)]
        self.assertEqual(diff, [], [(k, before[k], after.get(k)) for k in diff[:5]])
        um.redo()
        state, res = run(self.doc, "Validate")
        self.assertEqual([f for f in res["findingsList"] if f["rule"].startswith("B11.pct")], [])
        self.assertLess(res["errors"], 15)

    def test_validate_then_clear_restores_the_report(self):
        run(self.doc, "EmbedFile", Path=SAMPLE_RULES)
        before = testbook.cell_state(self.doc)
        state, res = run(self.doc, "Validate")
        self.assertGreater(res["cellsMarked"], 0)
        state, res = run(self.doc, "ClearMarks")
        self.assertEqual(state, 1, res)
        after = testbook.cell_state(self.doc)
        diff = [k for k in before if before[k] != after.get(k)]
        self.assertEqual(diff, [], [(k, before[k], after.get(k)) for k in diff[:5]])


if __name__ == "__main__":
    unittest.main()
