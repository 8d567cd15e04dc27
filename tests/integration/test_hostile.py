"""Issue 7, the Calc side: a shared workbook is untrusted. Hostile workbooks
are written here as .ods files (hostile_ods.py), opened in a real headless
LibreOffice with the built .oxt, their RC.* cells computed, Validate
dispatched from the menu URL. Each must finish in bounded time, leave soffice
alive and answering, show a readable limit text in the cells (never Err:502,
never a hang) and leave the workbook's values as they were.

Every test gets its own soffice with a capped address space (a runaway
allocation fails inside soffice instead of waking the machine's OOM killer)
and a watchdog: a call that does not come back in time kills that soffice's
process group and fails the test as a hang."""
import json
import os
import shutil
import tempfile
import threading
import time
import unittest

import rctest
from hostile_ods import empty_rows, repeated_cell, row, rules_properties, write_ods
from lohelper import OfficeProcess, dispatch, install_extension, write_ui_language

BOUND_S = 60            # load + recalc + Validate: a hang check, not a benchmark
MAX_MEMORY = 8 << 30    # soffice's address space in these tests
DATA = "Dữ liệu"
CELLS = "Ô"
LIMIT_VI, LIMIT_EN = "giới hạn:", "limit:"  # the test office speaks Vietnamese (rctest.UI_LANGUAGE)


def data_rows():
    """A small table the rules read: C = B + 1 holds on every row but one."""
    rows = [["Nhãn", "Số", "Tổng"]]
    for i in range(1, 20):
        rows.append(["Dòng %d" % i, i, i + 1 if i != 7 else 0])
    return rows


def rules_text(body):
    return 'sheet "%s"\nlabels A\n%s' % (DATA, body)


def rc_cells(rule_ids, n):
    """n rows of RC.* calls: RULESFAILED, RULE(id) and RULE(id;"status") for each rule id."""
    calls = ["=ORG.REPORTCHECK.CALC.FUNCTIONS.RCRULESFAILED()"]
    for rid in rule_ids:
        calls.append('=ORG.REPORTCHECK.CALC.FUNCTIONS.RCRULE("%s")' % rid)
        calls.append('=ORG.REPORTCHECK.CALC.FUNCTIONS.RCRULE("%s";"status")' % rid)
    return [row(calls) for _ in range(n)], len(calls)


class Hang(AssertionError):
    pass


class HostileTests(unittest.TestCase):
    def setUp(self):
        if not rctest.OXT:
            self.fail("reportcheck.oxt not found: build target reportcheck_oxt or set RC_OXT")
        self.tmp = tempfile.mkdtemp(prefix="rc-hostile-")
        os.chmod(self.tmp, 0o755)  # unopkg runs as `nobody` when we are root
        profile = os.path.join(self.tmp, "profile")
        install_extension(rctest.OXT, profile)
        write_ui_language(profile, rctest.UI_LANGUAGE)
        # No REPORTCHECK_RULES: the workbook's embedded rules are what runs.
        self.lo = OfficeProcess(profile_dir=profile, max_memory=MAX_MEMORY, ui_language=rctest.UI_LANGUAGE).start()
        self.t0 = time.time()

    def tearDown(self):
        if self.lo is not None:
            self.lo.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # helpers ----------------------------------------------------------------
    def bounded(self, what, fn, seconds=None):
        """fn() on a worker thread; soffice is killed when it does not answer
        before the test's overall bound."""
        left = (seconds or BOUND_S) - (time.time() - self.t0)
        out = {}

        def work():
            try:
                out["value"] = fn()
            except BaseException as e:  # noqa: B902 - handed to the test thread
                out["error"] = e

        t = threading.Thread(target=work, daemon=True)
        t.start()
        t.join(max(left, 1))
        if t.is_alive():
            self.lo.kill_group()
            self.lo = None
            raise Hang("%s: no answer within %d s of opening the workbook (soffice hung; killed)"
                       % (what, seconds or BOUND_S))
        if "error" in out:
            raise out["error"]
        return out["value"]

    def open(self, name, sheets, properties):
        path = os.path.join(self.tmp, name)
        write_ods(path, sheets, properties)
        self.t0 = time.time()
        return self.bounded("load", lambda: self.lo.load(path))

    def settled(self, doc, ncols, nrows):
        """The RC.* cells' values once no cell shows the placeholder "…"."""
        sh = doc.Sheets.getByName(CELLS)
        rng = sh.getCellRangeByPosition(0, 0, ncols - 1, nrows - 1)

        def wait():
            deadline = self.t0 + BOUND_S - 5   # before the watchdog's bound
            while True:
                data = rng.getDataArray()
                if not any(v == "…" for r in data for v in r) or time.time() > deadline:
                    return data
                time.sleep(0.2)

        data = self.bounded("RC.* cells", wait)
        if any(v == "…" for r in data for v in r):
            # The rules run off the main thread: soffice must still answer.
            self.bounded("a UNO call while the rules run", lambda: doc.Sheets.Count, BOUND_S + 10)
            self.fail("RC.* cells still computing after %d s; soffice answers (the engine run is what "
                      "takes long)" % BOUND_S)
        errors = [sh.getCellByPosition(c, r).getError() for r in range(min(nrows, 3)) for c in range(ncols)]
        self.assertEqual(set(errors), {0}, "a Calc error code instead of a value")
        return data

    def command(self, doc, name):
        def go():
            ev = dispatch(self.lo, doc.CurrentController.Frame, rctest.PROTOCOL + name, Silent=True)
            return ev.State, json.loads(ev.Result)
        return self.bounded(name, go)

    def validate(self, doc):
        return self.command(doc, "Validate")

    def assert_alive(self, doc):
        self.assertIsNone(self.lo.proc.poll(), "soffice exited")
        names = self.bounded("a UNO call after the work", lambda: doc.Sheets.ElementNames)
        self.assertIn(DATA, names)
        self.assertLess(time.time() - self.t0, BOUND_S)

    def assert_data_unchanged(self, doc):
        got = doc.Sheets.getByName(DATA).getCellRangeByPosition(0, 0, 2, 19).getDataArray()
        want = tuple(tuple(float(v) if not isinstance(v, str) else v for v in r) for r in data_rows())
        self.assertEqual(got, want)

    def assert_limit_text(self, value):
        self.assertIsInstance(value, str, "a count where the run was cut short: %r" % (value,))
        self.assertTrue(value.startswith(LIMIT_VI) and LIMIT_EN not in value, value)  # one language

    def report_lines(self, doc):
        sh = doc.Sheets.getByName("ReportCheck")
        return [r[0] for r in sh.getCellRangeByPosition(0, 0, 0, 12).getDataArray()]

    # a) hostile rules --------------------------------------------------------
    def test_rule_reading_too_many_cells_stops_at_a_limit(self):
        # `for rows 1:9999999` stops at the sheet's last row (the engine clips
        # selections), so the work comes from 40 whole-table sums per row:
        # 20 rows x 40 x 100,000 cells, past the engine's 50,000,000-cell bound.
        rules = rules_text("check H.rows error: C = %s\n  for rows 1:9999999\n" % " + ".join(["sum(A1:CV1000)"] * 40))
        cells, ncols = rc_cells(["H.rows"], 1000)
        doc = self.open("rows.ods", [(DATA, [row(r) for r in data_rows()]), (CELLS, cells)],
                        rules_properties(rules))
        values = self.settled(doc, ncols, 1000)
        for v in {v for r in values for v in r}:
            self.assert_limit_text(v)
        # The engine's bound on cells read, written the Vietnamese way — or, on a
        # machine too loaded to read 50,000,000 cells in 5 s, its wall-clock bound:
        # which of the two stops the run first depends on the machine, not on us.
        self.assertTrue("50.000.000" in values[0][0] or "maxRunMilliseconds = 5.000" in values[0][0], values[0][0])
        state, res = self.validate(doc)
        self.assertEqual(state, 1, res)
        self.assertTrue(res["limits"], res)
        self.assert_limit_text(res["limits"][0])
        self.assertTrue(any(str(l).startswith(LIMIT_VI) for l in self.report_lines(doc)), self.report_lines(doc))
        self.assert_alive(doc)
        self.assert_data_unchanged(doc)
        rctest.timings["hostile_rows_s"] = round(time.time() - self.t0, 1)

    def test_rows_minus_the_same_rows_finishes(self):
        # Needs the engine's budget: the except list is compared row by row.
        rules = rules_text("check H.except error: C = B + 1\n  for rows 1:9999999 except 1:9999999\n")
        cells, ncols = rc_cells(["H.except"], 1000)
        doc = self.open("except.ods", [(DATA, [row(r) for r in data_rows()]), (CELLS, cells)],
                        rules_properties(rules))
        values = self.settled(doc, ncols, 1000)
        for v in {v for r in values for v in r}:
            if isinstance(v, str) and v not in ("đạt", "không đạt"):
                self.assert_limit_text(v)
        state, res = self.validate(doc)
        self.assertEqual(state, 1, res)
        self.assert_alive(doc)
        self.assert_data_unchanged(doc)

    def test_message_with_a_hundred_thousand_placeholders(self):
        # Needs the engine's budget: every placeholder is expanded per finding,
        # and here the rule fails on every row (C = B never holds).
        rules = rules_text('check H.label error: C = B\n  for rows 2:20\n  vi "%s"\n  en "%s"\n'
                           % ("{label}" * 100000, "{label}" * 100000))
        cells, ncols = rc_cells(["H.label"], 1000)
        doc = self.open("label.ods", [(DATA, [row(r) for r in data_rows()]), (CELLS, cells)],
                        rules_properties(rules))
        values = self.settled(doc, ncols, 1000)
        failed, count, status = values[0][:3]
        if isinstance(failed, str):
            self.assert_limit_text(failed)
        else:
            self.assertEqual((failed, count, status), (1.0, 19.0, "không đạt"))
        state, res = self.validate(doc)
        self.assertEqual(state, 1, res)
        sh = doc.Sheets.getByName("ReportCheck")
        cur = sh.createCursor()
        cur.gotoEndOfUsedArea(False)
        texts = [t for r in sh.getCellRangeByPosition(0, 0, 9, cur.RangeAddress.EndRow).getDataArray()
                 for t in r if isinstance(t, str)]
        self.assertLessEqual(max(len(t) for t in texts), 2001)   # messages are clipped for cells
        c7 = doc.Sheets.getByName(DATA).getCellRangeByName("C8")  # the failing row
        self.assertLessEqual(len(c7.Annotation.getString()), 5000)
        self.assert_alive(doc)
        self.assert_data_unchanged(doc)

    # b) a sheet whose used area is huge ----------------------------------------
    def test_content_at_row_one_million_across_many_columns(self):
        rules = rules_text("check H.sum error derived: C = B + 1\n  for rows 2:20\n")
        far = "<table:table-row>%s</table:table-row>" % repeated_cell(3.5, 700)   # row 1,000,000: A..ZX
        sheet = [row(r) for r in data_rows()] + [empty_rows(1000000 - 21), far]
        cells, ncols = rc_cells(["H.sum"], 1000)
        doc = self.open("far.ods", [(DATA, sheet), (CELLS, cells)], rules_properties(rules))
        values = self.settled(doc, ncols, 1000)
        for v in {v for r in values for v in r}:
            self.assert_limit_text(v)
        self.assertIn("'%s'" % DATA, values[0][0])  # which sheet was cut
        state, res = self.validate(doc)
        self.assertEqual(state, 1, res)
        self.assertTrue(any(DATA in l for l in res["limits"]), res["limits"])
        self.assertLessEqual(res["cells"], 5000000)
        self.assertIn(("H.sum", DATA, "C8"), {(f["rule"], f["sheet"], f["cell"]) for f in res["findingsList"]})
        # Values computed from part of a workbook are not written back.
        state, rec = self.command(doc, "Recompute")
        self.assertEqual(state, 0, rec)
        self.assert_limit_text(rec["error"])
        self.assert_alive(doc)
        self.assert_data_unchanged(doc)
        far_row = doc.Sheets.getByName(DATA).getCellRangeByPosition(0, 999999, 699, 999999).getDataArray()[0]
        self.assertEqual(set(far_row), {3.5})
        rctest.timings["hostile_far_validate_ms"] = round(res["totalMs"], 1)
        rctest.timings["hostile_far_snapshot_ms"] = round(res["snapshotMs"], 1)

    def test_megabytes_of_text_in_cells(self):
        rules = rules_text("check H.sum error: C = B + 1\n  for rows 2:20\n")
        big = "chữ " * 25000                          # 100,000 characters a cell
        sheet = [row(r) for r in data_rows()] + [
            '<table:table-row table:number-rows-repeated="100">%s</table:table-row>' % repeated_cell(big, 10)]
        cells, ncols = rc_cells(["H.sum"], 1000)
        doc = self.open("text.ods", [(DATA, sheet), (CELLS, cells)], rules_properties(rules))
        values = self.settled(doc, ncols, 1000)
        for v in {v for r in values for v in r}:
            self.assert_limit_text(v)
        self.assertIn("byte", values[0][0])
        state, res = self.validate(doc)
        self.assertEqual(state, 1, res)
        self.assertTrue(any("byte" in l for l in res["limits"]), res["limits"])
        self.assert_alive(doc)
        self.assert_data_unchanged(doc)
        self.assertEqual(doc.Sheets.getByName(DATA).getCellByPosition(9, 119).getString(), big)

    def test_more_sheets_than_read(self):
        rules = rules_text("check H.sum error: C = B + 1\n  for rows 2:20\n")
        cells, ncols = rc_cells(["H.sum"], 10)
        filler = [("S%d" % i, [row([i])]) for i in range(1100)]
        doc = self.open("sheets.ods", [(DATA, [row(r) for r in data_rows()]), (CELLS, cells)] + filler,
                        rules_properties(rules))
        values = self.settled(doc, ncols, 10)
        for v in {v for r in values for v in r}:
            self.assert_limit_text(v)
        self.assertIn("1000", values[0][0])
        state, res = self.validate(doc)
        self.assertEqual(state, 1, res)
        self.assertIn(("H.sum", DATA, "C8"), {(f["rule"], f["sheet"], f["cell"]) for f in res["findingsList"]})
        self.assert_alive(doc)
        self.assert_data_unchanged(doc)

    def test_seven_thousand_findings_are_marked_and_listed_up_to_the_bound(self):
        rules = rules_text("check H.many error derived: C = B\n  for rows 21:7020\n")
        sheet = [row(r) for r in data_rows()] + [row(["x", 1, 2], repeat=7000)]
        cells, ncols = rc_cells(["H.many"], 10)
        doc = self.open("many-findings.ods", [(DATA, sheet), (CELLS, cells)], rules_properties(rules))
        values = self.settled(doc, ncols, 10)
        count = values[0][1]
        if isinstance(count, str):      # the engine's own findings budget stopped the run
            self.assert_limit_text(count)
        else:
            self.assertEqual(count, 7000.0)
        state, res = self.validate(doc)
        self.assertEqual(state, 1, res)
        self.assertLessEqual(res["cellsMarked"], 1000)
        self.assertLessEqual(len(res["findingsList"]), 5000)
        sh = doc.Sheets.getByName("ReportCheck")
        cur = sh.createCursor()
        cur.gotoEndOfUsedArea(False)
        self.assertLess(cur.RangeAddress.EndRow, 5100)
        if res["findings"] > 5000:
            self.assertTrue(any("1000" in l and "7000" in l for l in res["limits"]), res["limits"])  # marked
            self.assertTrue(any("5000" in l and "7000" in l for l in res["limits"]), res["limits"])  # listed
            self.assertTrue(any(str(l).startswith(LIMIT_VI) and "5000" in str(l) for l in self.report_lines(doc)))
        state, rec = self.command(doc, "Recompute")
        self.assertEqual(state, 0, rec)           # 7000 cells to write: refused, nothing written
        self.assert_limit_text(rec["error"])
        self.assertEqual(doc.Sheets.getByName(DATA).getCellByPosition(2, 7019).getValue(), 2.0)
        self.assert_alive(doc)
        self.assert_data_unchanged(doc)
        rctest.timings["hostile_7000_findings_validate_ms"] = round(res["totalMs"], 1)

    def test_a_million_crafted_mark_records(self):
        # Validate first clears the marks a workbook says it carries.
        rules = rules_text("check H.sum error: C = B + 1\n  for rows 2:20\n")
        marks = "v1\n" + ("%s\t5\t1\t1\t255\t1\t16762830\n" % DATA) * 1000000
        props = rules_properties(rules)
        props["ReportCheck.Marks"] = marks
        doc = self.open("marks.ods", [(DATA, [row(r) for r in data_rows()])], props)
        state, res = self.validate(doc)
        self.assertEqual(state, 1, res)
        self.assertEqual(res["cellsMarked"], 1)    # C8, the one failing row
        self.assert_alive(doc)
        self.assert_data_unchanged(doc)
        rctest.timings["hostile_million_marks_validate_ms"] = round(res["totalMs"], 1)

    def test_rc_eval_over_a_range_used_thousands_of_times(self):
        # No embedded rules needed: a cell formula alone. The engine writes a
        # range out once per use of its letter, so this is refused: the cell says
        # which limit, instead of a bare Err:502.
        hostile = "+".join(["a"] * 500)     # Calc takes string constants up to 1024 characters
        sheet = ['<table:table-row table:number-rows-repeated="50000">%s</table:table-row>' % repeated_cell(2, 1),
                 row(['=ORG.REPORTCHECK.CALC.FUNCTIONS.RCEVAL("%s";A1:A50000)' % hostile,
                      '=ORG.REPORTCHECK.CALC.FUNCTIONS.RCEVAL("sum(a)+max(a)";A1:A100)'])]
        doc = self.open("eval.ods", [(DATA, sheet)], {})
        sh = doc.Sheets.getByName(DATA)
        bad, fine = self.bounded("RC.EVAL", lambda: (sh.getCellByPosition(0, 50000).getString(),
                                                     (sh.getCellByPosition(1, 50000).getError(), sh.getCellByPosition(1, 50000).getValue())))
        self.assert_limit_text(bad)
        self.assertEqual(fine, (0, 202.0))
        self.assertIsNone(self.lo.proc.poll(), "soffice exited")
        self.assertEqual(self.bounded("a UNO call", lambda: sh.getCellByPosition(0, 49999).getValue()), 2.0)

    # c) embedded rules of several MB -------------------------------------------
    def big_rules(self, size):
        line = 'check H.big%d error: C = B + 1\n  for rows 2:20\n'
        out, i = [], 0
        total = 0
        while total < size:
            s = line % i
            out.append(s)
            total += len(s)
            i += 1
        return rules_text("".join(out))

    def check_rules_refused(self, name, properties, words):
        cells, ncols = rc_cells([], 1000)
        doc = self.open(name, [(DATA, [row(r) for r in data_rows()]), (CELLS, cells)], properties)
        values = self.settled(doc, ncols, 1000)
        for v in {v for r in values for v in r}:
            self.assert_limit_text(v)
            for w in words:
                self.assertIn(w, v)
        state, res = self.validate(doc)
        self.assertEqual(state, 0, res)       # no rules to run: Validate refuses, readably
        self.assert_limit_text(res["error"])
        self.assert_alive(doc)
        self.assert_data_unchanged(doc)

    def test_six_megabytes_of_rules_in_chunks(self):
        props = rules_properties(self.big_rules(6 << 20))
        self.check_rules_refused("rules6mb.ods", props, ["phần"])  # the UI language alone

    def test_five_megabytes_of_rules_in_one_property(self):
        props = {"ReportCheck.Rules.Version": "1", "ReportCheck.Rules.Count": "1",
                 "ReportCheck.Rules.1": self.big_rules(5 << 20)}
        self.check_rules_refused("rules5mb.ods", props, ["4194304"])

    # many RC.* cells: one run, not one per cell --------------------------------
    def test_ten_thousand_rc_cells_cost_one_run(self):
        ids = ["H.r%d" % i for i in range(100)]
        rules = rules_text("".join("check %s error: C = B + 1\n  for rows 2:20\n" % i for i in ids))
        cells, ncols = rc_cells(ids, 50)   # 50 rows x 201 calls: 10,050 cells, 201 distinct results
        doc = self.open("many.ods", [(DATA, [row(r) for r in data_rows()]), (CELLS, cells)],
                        rules_properties(rules))
        values = self.settled(doc, ncols, 50)
        self.assertEqual(values[0][0], 100.0)           # every rule fails on row 8
        self.assertEqual(set(values[0][1::2]), {1.0})
        self.assertEqual(set(values[0][2::2]), {"không đạt"})
        ev = self.bounded("About", lambda: dispatch(self.lo, doc.CurrentController.Frame,
                                                     rctest.PROTOCOL + "About", Silent=True))
        about = json.loads(ev.Result)
        self.assertLessEqual(about["liveRuns"], 3, about)
        rctest.timings["hostile_10k_cells_live_runs"] = about["liveRuns"]
        rctest.timings["hostile_10k_cells_s"] = round(time.time() - self.t0, 1)
        self.assert_alive(doc)
        self.assert_data_unchanged(doc)


if __name__ == "__main__":
    try:
        unittest.main()
    finally:
        rctest.shutdown()
