#!/usr/bin/python3
"""Calc-side benchmarks, in real headless LibreOffice with the built .oxt.
Every figure is a ratio against a baseline measured in the same run:

  - reading a sheet the way the extension does (one getDataArray over the used
    area) against reading it cell by cell over UNO;
  - the Validate command (snapshot + rules + marks + report sheet) against
    reading the same data once in bulk from Python;
  - at size (issue 11 "Calc at size", issue 14 item 7): Validate of a
    100,000-row sheet with 1,000 findings against one bulk read of it, and
    with no findings against LibreOffice's own hard recalc of the equivalent
    check formulas (=B2=C2+D2+E2 on every row); Validate runs on the main
    thread, as a menu command does, while a probe measures how long the
    window's main loop left a posted event waiting (the longest the window
    did not answer).

    /usr/bin/python3 scripts/bench_calc.py [BUILD_DIR | path/to/reportcheck.oxt] [--only-large]
        [--no-findings-only] [--reps=N]

(a build directory means BUILD_DIR/package/reportcheck.oxt; --only-large runs
the 100,000-row part alone, a few minutes; --no-findings-only with it the sheet
without findings alone; --reps the measured Validates of each sheet, 5 unless
told; the sheet without findings prints each run's pair and steps too).
"""
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))

from lohelper import OfficeProcess, dispatch, install_extension  # noqa: E402
import rctest  # noqa: E402


def median(f, reps):
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def used_area(sheet):
    cur = sheet.createCursor()
    cur.gotoStartOfUsedArea(False)
    cur.gotoEndOfUsedArea(True)
    return cur.getRangeAddress()


def read_bulk(sheet, max_rows=None):
    a = used_area(sheet)
    end = a.EndRow if max_rows is None else min(a.EndRow, a.StartRow + max_rows - 1)
    return sheet.getCellRangeByPosition(a.StartColumn, a.StartRow, a.EndColumn, end).getDataArray()


def read_per_cell(sheet, max_rows=None):
    a = used_area(sheet)
    end = a.EndRow if max_rows is None else min(a.EndRow, a.StartRow + max_rows - 1)
    out = []
    for r in range(a.StartRow, end + 1):
        for c in range(a.StartColumn, a.EndColumn + 1):
            cell = sheet.getCellByPosition(c, r)
            out.append(cell.getValue() if cell.getType().value == "VALUE" else cell.getString())
    return out


class MainLoopProbe:
    """While running, posts one AsyncCallback at a time to soffice's main loop
    and records how long each waited before the loop ran it: the longest wait
    is how long the window did not answer (a menu command on the main thread
    that never lets events through shows up here as its whole length)."""

    def __init__(self, lo):
        import unohelper
        from com.sun.star.awt import XCallback

        probe = self

        class Ping(unohelper.Base, XCallback):
            def notify(self, data):
                probe.arrived.set()

        self.lo = lo
        self.ping = Ping()
        self.cb = lo.create("com.sun.star.awt.AsyncCallback")
        self.arrived = threading.Event()
        self.waits = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self):
        while not self.stopping.is_set():
            self.arrived.clear()
            t = time.perf_counter()
            self.cb.addCallback(self.ping, None)
            self.arrived.wait(600)
            self.waits.append(time.perf_counter() - t)
            time.sleep(0.01)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join(620)

    def longest(self):
        return max(self.waits) if self.waits else float("nan")


def on_main_thread(lo, fn):
    """fn() run on soffice's main thread, as a menu command runs (the calls fn
    makes from the AsyncCallback keep that thread: URP keeps thread identity)."""
    import unohelper
    from com.sun.star.awt import XCallback

    out = {}
    done = threading.Event()

    class Call(unohelper.Base, XCallback):
        def notify(self, data):
            try:
                out["r"] = fn()
            except Exception as e:  # noqa: BLE001 - handed back to the caller
                out["e"] = e
            finally:
                done.set()

    lo.create("com.sun.star.awt.AsyncCallback").addCallback(Call(), None)
    done.wait(600)
    if "e" in out:
        raise out["e"]
    return out["r"]


def large_sheet(lo, tmp, rows, every, formulas=False):
    """A sheet "Lớn" of `rows` rows (label, B = C + D + E), wrong on every
    `every`-th row (0: never); with `formulas`, column F holds the equivalent
    check formula on every row. Returns the document."""
    doc = lo.new_calc()
    sh = doc.Sheets.getByIndex(0)
    sh.Name = "Lớn"
    data = tuple((("Dòng %d" % r), float(r % 97 + r % 13 + r % 7 + (1 if every and r % every == every - 1 else 0)),
                  float(r % 97), float(r % 13), float(r % 7)) for r in range(rows))
    sh.getCellRangeByPosition(0, 1, 4, rows).setDataArray(data)
    if formulas:
        from com.sun.star.sheet.FillDirection import TO_BOTTOM
        sh.getCellByPosition(5, 1).setFormula("=B2=C2+D2+E2")
        sh.getCellRangeByPosition(5, 1, 5, rows).fillAuto(TO_BOTTOM, 1)
    else:
        rules = os.path.join(tmp, "large.rules")
        with open(rules, "w", encoding="utf-8") as f:
            f.write('sheet "Lớn"\ncheck L.cong: B = C + D + E\n  for rows 2:%d\n' % (rows + 1))
        state, res = rctest.run(doc, "EmbedFile", Path=rules)
        assert state == 1, res
    return doc


def validate_on_main_thread(lo, doc):
    """Validate dispatched from the main loop; (seconds, JSON answer, longest probe wait)."""
    frame = doc.CurrentController.Frame
    url = rctest.PROTOCOL + "Validate"
    with MainLoopProbe(lo) as probe:
        time.sleep(0.1)
        t = time.perf_counter()
        ev = on_main_thread(lo, lambda: dispatch(lo, frame, url, Silent=True))
        took = time.perf_counter() - t
    import json
    return took, json.loads(ev.Result), probe.longest()


def timed(f):
    t = time.perf_counter()
    f()
    return time.perf_counter() - t


def bench_large(lo, tmp, reps=5, no_findings_only=False):
    """Each Validate is timed right after its baseline (a bulk read from
    Python; with no findings also LibreOffice's hard recalc), and the ratio is
    taken per pair, then the median of the pairs: the machine's load swings
    2x within a minute, so a baseline measured apart from its Validate makes
    the ratio swing as much."""
    rows = 100000
    for every, what in ((100, "1 000 findings"), (0, "no findings"))[1 if no_findings_only else 0:]:
        doc = large_sheet(lo, tmp, rows, every)
        sh = doc.Sheets.getByName("Lớn")
        native_doc = None if every else large_sheet(lo, tmp, rows, 0, formulas=True)
        validate_on_main_thread(lo, doc)  # not counted: each measured run then clears the marks before it, as a re-check does
        runs = []
        for _ in range(reps):
            bulk = timed(lambda: read_bulk(sh))
            native = timed(native_doc.calculateAll) if native_doc else None
            took, res, longest = validate_on_main_thread(lo, doc)
            runs.append((took, res, longest, bulk, native))
        if native_doc:
            native_doc.close(True)
        by_took = sorted(runs, key=lambda r: r[0])
        took, res, _, _, _ = by_took[len(by_took) // 2]
        assert res["errors"] == (rows // every if every else 0), res
        med = statistics.median
        bulk = med(r[3] for r in runs)
        if every:
            ratio_row("Validate 100 000 rows, %s (%d cells marked, %d comments)" % (what, res["cellsMarked"],
                      res["commentsAdded"]), took, bulk, "one getDataArray of the sheet from Python",
                      med(r[0] / r[3] for r in runs))
        else:
            ratio_row("Validate 100 000 rows, %s" % what, took, med(r[4] for r in runs),
                      "LibreOffice hard recalc of =B2=C2+D2+E2 on every row", med(r[0] / r[4] for r in runs))
            ratio_row("Validate 100 000 rows, %s" % what, took, bulk, "one getDataArray of the sheet from Python",
                      med(r[0] / r[3] for r in runs))
        rest = res["totalMs"] - res["snapshotMs"] - res["runMs"]
        if "reportMs" in res:
            print("| of which: snapshot %.0f ms, rules %.0f ms (worker thread), clearing the last marks %.0f ms,"
                  " marks %.0f ms (%d comments: %.0f ms), report sheet %.0f ms | | | |"
                  % (res["snapshotMs"], res["runMs"], res["clearMs"], res["marksMs"], res["commentsAdded"],
                     res["commentsMs"], res["reportMs"]))
        else:  # an .oxt from before the breakdown
            print("| of which: snapshot %.0f ms, rules %.0f ms (worker thread), marks and report sheet %.0f ms"
                  " | | | |" % (res["snapshotMs"], res["runMs"], rest))
        if "parts" in res:  # step by step (extension/src/timings.hxx), the median run
            print("| steps: %s | | | |" % ", ".join("%s %.0f ms" % (k, v) for k, v in res["parts"].items()))
        ratio_row("longest the window left an event waiting (%s)" % what, med(r[2] for r in runs), took,
                  "the Validate", med(r[2] / r[0] for r in runs))
        if not every:  # each pair as measured: the load swings within a run, the medians hide how much
            for i, (t, rs, lg, _, nat) in enumerate(runs, 1):
                steps = rs.get("parts", {})
                print("| run %d: Validate %.0f ms (its own totalMs %.0f) / recalc %.0f ms = %.2f×; %s | | | |"
                      % (i, t * 1e3, rs["totalMs"], nat * 1e3, t / nat,
                         ", ".join("%s %.0f" % (k, v) for k, v in steps.items()
                                   if v >= 0.5 and not k.startswith(("marks.", "clear.")))))
        doc.close(True)


def ratio_row(what, t, base, base_name, ratio):
    """Medians of the times, and the median of the per-pair ratios."""
    print("| %s | %.1f ms | %.1f ms (%s) | %.3g× |" % (what, t * 1e3, base * 1e3, base_name, ratio))


def row(what, t, base, base_name):
    print("| %s | %.1f ms | %.1f ms (%s) | %.3g× |" % (what, t * 1e3, base * 1e3, base_name, t / base))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    only_large = "--only-large" in sys.argv
    # --no-findings-only: the 100,000-row sheet without findings alone (with --only-large)
    no_findings_only = "--no-findings-only" in sys.argv
    reps = next((int(a.split("=", 1)[1]) for a in sys.argv[1:] if a.startswith("--reps=")), 5)
    oxt = args[0] if args else os.path.join(ROOT, "build")
    if os.path.isdir(oxt):
        oxt = os.path.join(oxt, "package", "reportcheck.oxt")
    tmp = tempfile.mkdtemp(prefix="rc-bench-")
    os.chmod(tmp, 0o755)
    install_extension(oxt, os.path.join(tmp, "profile"))
    lo = OfficeProcess(profile_dir=os.path.join(tmp, "profile")).start()
    rctest._office = lo  # rctest.run dispatches to this office, not one of its own
    try:
        print("| measure | time (median) | baseline | ratio |\n| --- | --- | --- | --- |")
        if only_large:
            bench_large(lo, tmp, reps, no_findings_only)
            return
        sample = os.path.join(tmp, "bao-cao-536.ods")
        shutil.copyfile(os.path.join(ROOT, "sample-workbooks", "bao-cao-536.ods"), sample)
        doc = lo.load(sample)
        sheets = [doc.Sheets.getByIndex(i) for i in range(doc.Sheets.getCount())]
        bulk = median(lambda: [read_bulk(s) for s in sheets], 5)
        per_cell = median(lambda: [read_per_cell(s) for s in sheets], 3)
        row("read all 26 sheets of the report, one getDataArray per sheet", bulk, per_cell, "cell by cell over UNO")
        validate = median(lambda: rctest.run(doc, "Validate"), 5)
        row("Validate the report (snapshot, 214 rules, marks, report sheet)", validate, bulk,
            "reading its sheets once in bulk from Python")
        clears = []
        for _ in range(5):
            rctest.run(doc, "Validate")
            t = time.perf_counter()
            rctest.run(doc, "ClearMarks")
            clears.append(time.perf_counter() - t)
        row("Clear marks (42 marked cells, report sheet)", statistics.median(clears), validate, "Validate")
        doc.close(True)

        big = lo.new_calc()
        sh = big.Sheets.getByIndex(0)
        rows = 20000
        data = tuple((("Dòng %d" % r), float(r % 97 + r % 13 + r % 7 + (1 if r % 1000 == 999 else 0)),
                      float(r % 97), float(r % 13), float(r % 7)) for r in range(rows))
        sh.getCellRangeByPosition(0, 1, 4, rows).setDataArray(data)
        sh.Name = "Lớn"
        big_path = os.path.join(tmp, "big.ods")
        rctest.save(big, big_path)
        rules = os.path.join(tmp, "big.rules")
        with open(rules, "w", encoding="utf-8") as f:
            f.write('sheet "Lớn"\ncheck L.cong: B = C + D + E\n  for rows 2:%d\n' % (rows + 1))
        rctest.run(big, "EmbedFile", Path=rules)
        bulk = median(lambda: read_bulk(sh, 2000), 3)
        per_cell = median(lambda: read_per_cell(sh, 2000), 1)
        row("read 10 000 cells (2 000 rows) with getDataArray", bulk, per_cell, "cell by cell over UNO")
        bulk_all = median(lambda: read_bulk(sh), 3)
        validate = median(lambda: rctest.run(big, "Validate"), 3)
        row("Validate 20 000 rows (20 findings marked)", validate, bulk_all,
            "reading the 100 000 cells once in bulk from Python")
        big.close(True)
        bench_large(lo, tmp)
    finally:
        lo.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
