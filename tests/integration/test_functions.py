"""The Calc functions of the extension, typed into cells of a real Calc."""
import unittest

import rctest
import testbook

PROG = "ORG.REPORTCHECK.CALC.FUNCTIONS."


class FunctionTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.lo = rctest.office()
        cls.doc = cls.lo.new_calc()
        cls.sheet = cls.doc.Sheets.getByIndex(0)
        s = cls.sheet
        # inputs: A1..A3 a range, B1 a single value
        for r, v in enumerate((10, 20, 30)):
            s.getCellByPosition(0, r).setValue(v)
        s.getCellByPosition(1, 0).setValue(55)
        s.getCellByPosition(1, 1).setString("chữ")

    @classmethod
    def tearDownClass(cls):
        cls.doc.close(True)

    def formula(self, f):
        c = self.sheet.getCellByPosition(5, 5)
        c.setFormula(f)
        return c

    def value(self, f):
        c = self.formula(f)
        self.assertEqual(c.getError(), 0, "%s gave error %d (%s)" % (f, c.getError(), c.getString()))
        return c.getValue()

    def text(self, f):
        c = self.formula(f)
        self.assertEqual(c.getError(), 0, "%s gave error %d" % (f, c.getError()))
        return c.getString()

    def error(self, f):
        return self.formula(f).getError()

    # RC.PCT ---------------------------------------------------------------
    def test_pct_rounds_as_the_report(self):
        self.assertAlmostEqual(self.value("=RC.PCT(2018;2128;1)"), 94.8)
        self.assertAlmostEqual(self.value("=RC.PCT(7386;90000)"), 8.2)        # default 1 decimal
        self.assertAlmostEqual(self.value("=RC.PCT(1;3;2)"), 33.33)
        self.assertAlmostEqual(self.value("=RC.PCT(1;8;0)"), 13.0)            # 12.5 -> 13, half away
        self.assertAlmostEqual(self.value("=RC.PCT(-1;8;0)"), -13.0)          # -12.5 -> -13
        self.assertAlmostEqual(self.value("=RC.PCT(1;16;1)"), 6.3)            # 6.25 -> 6.3

    def test_pct_zero_whole_says_why_instead_of_err502(self):
        # the test office's UI is Vietnamese (rctest): the cell says why, not Err:502
        self.assertTrue(self.text("=RC.PCT(5;0;1)").startswith("mẫu số bằng 0"))
        self.assertEqual(self.text("=RC.PCT(5;10;-1)"), "Số chữ số thập phân phải từ 0 đến 15")

    def test_formula_is_stored_with_the_programmatic_name(self):
        c = self.formula("=RC.PCT(1;4;1)")
        self.assertEqual(c.getFormula(), "=" + PROG + "RCPCT(1;4;1)")
        self.assertAlmostEqual(c.getValue(), 25.0)

    # RC.EVAL --------------------------------------------------------------
    def test_eval_over_cells_and_ranges(self):
        self.assertAlmostEqual(self.value('=RC.EVAL("a/b*100";A1;A2)'), 50.0)
        self.assertAlmostEqual(self.value('=RC.EVAL("sum(a)-b";A1:A3;B1)'), 5.0)
        self.assertAlmostEqual(self.value('=RC.EVAL("max(a)+min(a)";A1:A3)'), 40.0)
        self.assertAlmostEqual(self.value('=RC.EVAL("round(a/3, 1)";A1)'), 3.3)
        self.assertAlmostEqual(self.value('=RC.EVAL("pct(a, b, 1)";2018;2128)'), 94.8)

    def test_eval_errors_say_why(self):
        self.assertTrue(self.text('=RC.EVAL("a/";A1)').startswith("biểu thức lỗi: "))              # bad expression
        self.assertEqual(self.text('=RC.EVAL("div(a, b)";A1;0)'),
                         "biểu thức lỗi: kết quả không xác định (chia cho 0?)")  # division by zero: one language
        self.assertEqual(self.text('=RC.EVAL("a+1";B2)'), 'giá trị không phải là số: "chữ"')      # text is not a number
        self.assertTrue(self.text('=RC.EVAL("zz+1";A1)').startswith("biểu thức lỗi: "))           # unknown variable

    # targets --------------------------------------------------------------
    def test_target_status_directions(self):
        self.assertEqual(self.text('=RC.TARGETSTATUS(94.8;"ít nhất";90)'), "vượt")
        self.assertEqual(self.text('=RC.TARGETSTATUS(90;"at least";90)'), "đạt")
        self.assertEqual(self.text('=RC.TARGETSTATUS(84;"ít nhất";90)'), "không đạt")
        self.assertEqual(self.text('=RC.TARGETSTATUS(18;"tối đa";15)'), "không đạt")
        self.assertEqual(self.text('=RC.TARGETSTATUS(12;"at most";15)'), "vượt")
        self.assertEqual(self.text('=RC.TARGETSTATUS(14.5;"trong khoảng";14;15)'), "đạt")
        self.assertEqual(self.text('=RC.TARGETSTATUS(16;"between";14;15)'), "vượt")
        self.assertEqual(self.text('=RC.TARGETSTATUS(13;"between";14;15)'), "không đạt")
        # strict: "trên 90%" / "dưới 20%" — equal to the target is not met, beyond it is vượt
        self.assertEqual(self.text('=RC.TARGETSTATUS(92.6;"trên";90)'), "vượt")
        self.assertEqual(self.text('=RC.TARGETSTATUS(90;"trên";90)'), "không đạt")
        self.assertEqual(self.text('=RC.TARGETSTATUS(90;"more than";90)'), "không đạt")
        self.assertEqual(self.text('=RC.TARGETSTATUS(17.2;"dưới";20)'), "vượt")
        self.assertEqual(self.text('=RC.TARGETSTATUS(20;"less than";20)'), "không đạt")
        en = self.text('=RC.TARGETSTATUS(84;"at least";90;;"en")')
        self.assertNotIn(en, ("vượt", "đạt", "không đạt", ""))

    def test_target_directions_without_diacritics(self):
        # typed on a keyboard without a Vietnamese input method, any case
        self.assertEqual(self.text('=RC.TARGETSTATUS(94.8;"toi thieu";90)'), "vượt")
        self.assertEqual(self.text('=RC.TARGETSTATUS(94.8;"tối thiểu";90)'), "vượt")
        self.assertEqual(self.text('=RC.TARGETSTATUS(90;"It Nhat";90)'), "đạt")
        self.assertEqual(self.text('=RC.TARGETSTATUS(18;"toi da";15)'), "không đạt")
        self.assertEqual(self.text('=RC.TARGETSTATUS(90;"tren";90)'), "không đạt")
        self.assertEqual(self.text('=RC.TARGETSTATUS(17.2;"duoi";20)'), "vượt")
        self.assertEqual(self.text('=RC.TARGETSTATUS(14.5;"trong  khoang";14;15)'), "đạt")
        self.assertEqual(self.text('=RC.TARGETSTATUS(90;"AT LEAST";90)'), "đạt")
        self.assertAlmostEqual(self.value('=RC.TARGETSHARE(18;"toi da";15)'), 15 / 18 * 100)

    def test_target_share(self):
        self.assertAlmostEqual(self.value('=RC.TARGETSHARE(94.8;"ít nhất";90)'), 94.8 / 90 * 100)
        self.assertAlmostEqual(self.value('=RC.TARGETSHARE(18;"tối đa";15)'), 15 / 18 * 100)
        self.assertAlmostEqual(self.value('=RC.TARGETSHARE(92.6;"trên";90)'), 92.6 / 90 * 100)
        self.assertAlmostEqual(self.value('=RC.TARGETSHARE(17.2;"dưới";20)'), 20 / 17.2 * 100)

    def test_target_errors_say_why(self):
        self.assertTrue(self.text('=RC.TARGETSTATUS(1;"nhiều nhất nữa";2)').startswith(
            'hướng chỉ tiêu không rõ: "nhiều nhất nữa" (ít nhất, tối thiểu'))
        self.assertEqual(self.text('=RC.TARGETSTATUS(1;"between";2)'), "chỉ tiêu trong khoảng cần mức trên")
        self.assertTrue(self.text('=RC.TARGETSHARE(1;"sideways";2)').startswith('hướng chỉ tiêu không rõ: "sideways"'))
        self.assertEqual(self.text('=RC.TARGETSHARE(1;"at least";0)'), "chỉ tiêu bằng 0: không tính được tỷ lệ")


class LiveRuleTests(unittest.TestCase):
    """RC.RULESFAILED / RC.RULE follow the workbook as cells change."""

    def setUp(self):
        self.lo = rctest.office()
        self.doc = testbook.build(self.lo)
        self.b3 = self.doc.Sheets.getByName("Biểu 3")
        self.ct = self.doc.Sheets.getByName("Chỉ tiêu")

    def tearDown(self):
        self.doc.close(True)

    def live(self, cell, pred):
        ok = rctest.wait_for(lambda: pred(cell))
        return ok

    def test_rules_failed_matches_validate_and_updates(self):
        state, res = rctest.run(self.doc, "Validate")
        self.assertEqual(state, 1, res)
        self.assertGreater(res["rulesFailed"], 0)
        c = self.ct.getCellByPosition(5, 0)
        c.setFormula("=RC.RULESFAILED()")
        self.assertEqual(c.getFormula(), "=" + PROG + "RCRULESFAILED()")
        self.assertTrue(self.live(c, lambda c: c.getError() == 0 and c.getString() != "…"
                                  and c.getValue() == res["rulesFailed"]),
                        "RC.RULESFAILED() = %r, validate said %d" % (c.getString(), res["rulesFailed"]))
        # A live "Số lỗi" cell: fix the total of Biểu 3 and the count goes down by itself.
        n0 = c.getValue()
        rule = self.ct.getCellByPosition(5, 1)
        rule.setFormula('=RC.RULE("B3.tong")')
        self.assertTrue(self.live(rule, lambda r: r.getError() == 0 and r.getString() != "…"
                                  and r.getValue() >= 1), rule.getString())
        status = self.ct.getCellByPosition(5, 2)
        status.setFormula('=RC.RULE("B3.tong";"status")')
        self.assertTrue(self.live(status, lambda s: s.getString() == "không đạt"), status.getString())
        self.b3.getCellRangeByName("C7").setValue(47080)
        self.assertTrue(self.live(rule, lambda r: r.getValue() == 0), rule.getString())
        self.assertTrue(self.live(status, lambda s: s.getString() == "đạt"), status.getString())
        self.assertTrue(self.live(c, lambda c: c.getValue() == n0 - 1),
                        "after the fix: %r (was %d)" % (c.getString(), n0))
        # and back
        self.b3.getCellRangeByName("C7").setValue(47081)
        self.assertTrue(self.live(c, lambda c: c.getValue() == n0), c.getString())

    def test_unknown_rule_says_so(self):
        c = self.ct.getCellByPosition(5, 3)
        c.setFormula('=RC.RULE("khong.co")')
        self.assertTrue(self.live(c, lambda c: c.getError() == 0 and c.getString() == "không có quy tắc khong.co"),
                        (c.getError(), c.getString()))


if __name__ == "__main__":
    unittest.main()
