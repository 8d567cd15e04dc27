#!/usr/bin/python3
"""Calc-side benchmarks, in real headless LibreOffice with the built .oxt.
Every figure is a ratio against a baseline measured in the same run:

  - reading a sheet the way the extension does (one getDataArray over the used
    area) against reading it cell by cell over UNO;
  - the Validate command (snapshot + rules + marks + report sheet) against
    reading the same data once in bulk from Python.

    /usr/bin/python3 scripts/bench_calc.py [build/package/reportcheck.oxt]
"""
import os
import shutil
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))

from lohelper import OfficeProcess, install_extension  # noqa: E402
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


def row(what, t, base, base_name):
    print("| %s | %.1f ms | %.1f ms (%s) | %.3g× |" % (what, t * 1e3, base * 1e3, base_name, t / base))


def main():
    oxt = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "package", "reportcheck.oxt")
    tmp = tempfile.mkdtemp(prefix="rc-bench-")
    os.chmod(tmp, 0o755)
    install_extension(oxt, os.path.join(tmp, "profile"))
    lo = OfficeProcess(profile_dir=os.path.join(tmp, "profile")).start()
    try:
        sample = os.path.join(tmp, "bao-cao-536.ods")
        shutil.copyfile(os.path.join(ROOT, "sample-workbooks", "bao-cao-536.ods"), sample)
        doc = lo.load(sample)
        print("| measure | time (median) | baseline | ratio |\n| --- | --- | --- | --- |")
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
    finally:
        lo.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
