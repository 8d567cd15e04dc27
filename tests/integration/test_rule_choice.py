"""Issue 9, the Calc side: which rules check a workbook. The bundled report-536
rules run only on a workbook that names them (ReportCheck.RuleSet) or when the
user chooses them; a workbook with no checks is told so, never checked against
another report's rules (its "Biểu 11" would give findings that look real).

Its own soffice, started without REPORTCHECK_RULES (the other modules' office
offers the tests' rules file, which would come before any bundled set)."""
import json
import os
import shutil
import tempfile
import unittest

import rctest
from lohelper import OfficeProcess, dispatch, install_extension, write_ui_language

PROG = "ORG.REPORTCHECK.CALC.FUNCTIONS."
NO_CHECKS = "chưa có quy tắc"  # the UI language's text alone (rctest.UI_LANGUAGE)
SET = "report-536"

# Another report's table: the sheet name recurs from report to report.
BIEU11 = [
    ["Biểu số 11: Số hộ nghèo"],
    ["Đơn vị", "Số hộ", "Hộ nghèo", "Tỷ lệ %"],
    ["Xã A", 1200, 96, 8.0],
    ["Xã B", 800, 40, 5.0],
    ["Cộng", 2000, 136, 6.8],
]


class RuleChoiceTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not rctest.OXT:
            raise RuntimeError("reportcheck.oxt not found: build target reportcheck_oxt or set RC_OXT")
        cls.tmp = tempfile.mkdtemp(prefix="rc-choice-")
        os.chmod(cls.tmp, 0o755)  # unopkg runs as `nobody` when we are root
        profile = os.path.join(cls.tmp, "profile")
        install_extension(rctest.OXT, profile)
        write_ui_language(profile, rctest.UI_LANGUAGE)
        outer = os.environ.pop("REPORTCHECK_RULES", None)  # soffice inherits the environment
        try:
            cls.lo = OfficeProcess(profile_dir=profile, ui_language=rctest.UI_LANGUAGE).start()
        finally:
            if outer is not None:
                os.environ["REPORTCHECK_RULES"] = outer

    @classmethod
    def tearDownClass(cls):
        cls.lo.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def setUp(self):
        self.doc = self.lo.new_calc()
        sheets = self.doc.Sheets
        first = sheets.getByIndex(0).Name
        sheets.insertNewByName("Biểu 11", 0)
        sh = sheets.getByName("Biểu 11")
        for r, row in enumerate(BIEU11):
            for c, v in enumerate(row):
                cell = sh.getCellByPosition(c, r)
                if isinstance(v, str):
                    cell.setString(v)
                else:
                    cell.setValue(v)
        sheets.removeByName(first)
        self.sheet = sh

    def tearDown(self):
        self.doc.close(True)

    def run_cmd(self, doc, command, **args):
        args.setdefault("Silent", True)
        ev = dispatch(self.lo, doc.CurrentController.Frame, rctest.PROTOCOL + command, **args)
        return ev.State, json.loads(ev.Result)

    def udp(self, doc):
        return doc.DocumentProperties.UserDefinedProperties

    def backgrounds(self, doc):
        sh = doc.Sheets.getByName("Biểu 11")
        return [sh.getCellByPosition(c, r).CellBackColor for r in range(len(BIEU11)) for c in range(4)]

    def rules_failed_cell(self):
        c = self.sheet.getCellByPosition(6, 0)
        c.setFormula("=RC.RULESFAILED()")
        self.assertEqual(c.getFormula(), "=" + PROG + "RCRULESFAILED()")
        return c

    def test_validate_without_checks_says_so_and_runs_nothing(self):
        before = self.backgrounds(self.doc)
        state, res = self.run_cmd(self.doc, "Validate")
        self.assertEqual(state, 1, res)
        self.assertTrue(res["noRules"], res)
        self.assertIn("chưa có quy tắc kiểm tra", res["messageVi"])
        self.assertIn("no checks yet", res["messageEn"])
        # it offers what to do: embed from a file, or a bundled set by name
        self.assertIn("Nhúng quy tắc từ tệp", res["messageVi"])
        self.assertIn("Dùng bộ quy tắc có sẵn", res["messageVi"])
        self.assertIn("Use a bundled rule set", res["messageEn"])
        self.assertIn(SET, res["messageVi"])
        self.assertEqual(res["bundledSets"], [SET])
        # nothing ran, nothing was marked or written
        self.assertEqual((res["rulesRun"], res["findings"], res["cellsMarked"], res["originKind"]), (0, 0, 0, ""))
        self.assertEqual(self.backgrounds(self.doc), before)
        self.assertNotIn("ReportCheck", self.doc.Sheets.ElementNames)
        self.assertFalse(self.udp(self.doc).PropertySetInfo.hasPropertyByName("ReportCheck.Marks"))
        self.assertFalse(self.udp(self.doc).PropertySetInfo.hasPropertyByName("ReportCheck.RuleSet"))
        state, about = self.run_cmd(self.doc, "About")
        self.assertEqual((about["originKind"], about["rules"]), ("", 0))
        self.assertIn(NO_CHECKS, about["error"])

    def test_the_dialogs_do_not_hang_headless(self):
        # With Silent=False Validate offers its dialog and UseRuleSet its list;
        # headless, they close at once and nothing is chosen.
        state, res = self.run_cmd(self.doc, "Validate", Silent=False)
        self.assertEqual(state, 1, res)
        self.assertTrue(res["noRules"], res)
        state, res = self.run_cmd(self.doc, "UseRuleSet", Silent=False)
        self.assertEqual(state, 1, res)
        self.assertTrue(res["cancelled"], res)
        self.assertFalse(self.udp(self.doc).PropertySetInfo.hasPropertyByName("ReportCheck.RuleSet"))

    def test_live_cells_say_no_checks_yet(self):
        c = self.rules_failed_cell()
        self.assertTrue(rctest.wait_for(lambda: c.getString() == NO_CHECKS), c.getString())
        self.assertEqual(c.getError(), 0)
        # a report-536 rule id is no typo here (Err:502) but a workbook without checks
        r = self.sheet.getCellByPosition(6, 1)
        r.setFormula('=RC.RULE("B3.cot4-2020")')
        self.assertTrue(rctest.wait_for(lambda: r.getString() == NO_CHECKS), r.getString())
        self.assertEqual(r.getError(), 0)

    def test_embedded_rules_still_come_before_a_named_set(self):
        state, res = self.run_cmd(self.doc, "EmbedFile", Path=rctest.TEST_RULES)
        self.assertEqual(state, 1, res)
        state, res = self.run_cmd(self.doc, "UseRuleSet", Name=SET)
        self.assertEqual(state, 1, res)
        self.assertEqual(res["originKind"], "embedded")
        self.assertIn("quy tắc nhúng", res["messageVi"])
        self.assertIn("embeds rules", res["messageEn"])
        state, res = self.run_cmd(self.doc, "Validate")
        self.assertEqual(state, 1, res)
        self.assertEqual(res["originKind"], "embedded")

    def test_choosing_the_bundled_set_by_name_is_kept_through_save(self):
        c = self.rules_failed_cell()
        self.assertTrue(rctest.wait_for(lambda: c.getString() == NO_CHECKS), c.getString())
        self.doc.setModified(False)
        state, res = self.run_cmd(self.doc, "UseRuleSet", Name=SET)
        self.assertEqual(state, 1, res)
        self.assertEqual((res["set"], res["originKind"], res["origin"]), (SET, "bundled", "bundled:" + SET))
        self.assertGreater(res["rules"], 100)
        self.assertEqual(self.udp(self.doc).getPropertyValue("ReportCheck.RuleSet"), SET)
        self.assertTrue(self.doc.isModified())  # closing asks to save: the choice is not lost silently
        # the live cell follows the choice: now a count, from the report-536 rules
        self.assertTrue(rctest.wait_for(lambda: c.getError() == 0 and c.getString() not in (NO_CHECKS, "…")),
                        c.getString())
        state, res = self.run_cmd(self.doc, "Validate")
        self.assertEqual(state, 1, res)
        self.assertNotIn("noRules", res)
        self.assertEqual((res["originKind"], res["origin"]), ("bundled", "bundled:" + SET))
        self.assertGreater(res["rulesRun"], 100)
        self.assertTrue(rctest.wait_for(lambda: c.getValue() == res["rulesFailed"]), c.getString())
        path = os.path.join(self.tmp, "named.ods")
        rctest.save(self.doc, path)
        doc2 = self.lo.load(path)
        try:
            self.assertEqual(self.udp(doc2).getPropertyValue("ReportCheck.RuleSet"), SET)
            state, res2 = self.run_cmd(doc2, "Validate")
            self.assertEqual(state, 1, res2)
            self.assertEqual(res2["origin"], "bundled:" + SET)
            self.assertEqual((res2["errors"], res2["warnings"], res2["rulesFailed"]),
                             (res["errors"], res["warnings"], res["rulesFailed"]))
            # the command line reads the same property and runs the same rules
            # (messages name the rules file, installed elsewhere for each: not compared)
            cli = rctest.cli_findings(path)
            self.assertEqual(cli["rules"], "bundled:" + SET)
            where = lambda f: rctest.key(f)[:5]  # noqa: E731
            self.assertEqual(sorted(map(where, cli["findings"])), sorted(map(where, res2["findingsList"])))
        finally:
            doc2.close(True)

    def test_a_set_that_is_not_bundled_is_refused(self):
        state, res = self.run_cmd(self.doc, "UseRuleSet", Name="report-999")
        self.assertEqual(state, 0, res)
        self.assertIn('không có bộ quy tắc kèm theo nào tên "report-999"', res["error"])
        self.assertFalse(self.udp(self.doc).PropertySetInfo.hasPropertyByName("ReportCheck.RuleSet"))
        # without a name and without a dialog (Silent), it says which names there are
        state, res = self.run_cmd(self.doc, "UseRuleSet")
        self.assertEqual(state, 0, res)
        self.assertIn(SET, res["error"])

    def test_a_workbook_naming_an_unknown_set_runs_nothing(self):
        self.udp(self.doc).addProperty("ReportCheck.RuleSet", 128, "../../etc/passwd")
        state, res = self.run_cmd(self.doc, "Validate")
        self.assertEqual(state, 1, res)
        self.assertTrue(res["noRules"])
        self.assertEqual(res["unknownSet"], "../../etc/passwd")
        self.assertEqual(res["rulesRun"], 0)
        c = self.rules_failed_cell()
        # in the UI language alone (rctest.UI_LANGUAGE)
        self.assertTrue(rctest.wait_for(lambda: "không có bộ quy tắc kèm theo nào tên" in c.getString()),
                        c.getString())
        self.assertNotIn("no bundled rule set", c.getString())


if __name__ == "__main__":
    unittest.main()
