"""What the snapshot reads from Calc (extension/src/snapshot.cxx), on sheets
that mix numbers, texts, shown decimals, dates, empty cells, formulas and
error results across more than one block of the read (kBlockCells = 50,000
cells): Validate in Calc finds what the CLI finds on the saved file.

The snapshot asks Calc for error cells (queryFormulaCells) only on a sheet
whose bulk read gave an error (getDataArray gives one as a void value, an
empty cell as an empty string): an error in the second block, alone, must
still be found, and a sheet without any must read the same as before."""
import os
import unittest

import rctest
from rctest import run

ROWS = 12000  # x 5 columns: 60,000 cells, two blocks of the snapshot's read


def fill(doc, sheet, rows, errors):
    """`sheet`: A label, B = C + D (shown with one decimal), C, D numbers, E a
    date; wrong on every 1,000th row; `errors`: {cell: formula} put over it."""
    sh = sheet
    sh.getCellRangeByPosition(0, 0, 4, 0).setDataArray((("Dòng", "Tổng", "X", "Y", "Ngày"),))
    data = tuple(("Dòng %d" % i,
                  float(i % 17) + (i % 5) / 4.0 + (1 if i % 1000 == 999 else 0),
                  float(i % 17), (i % 5) / 4.0, 45000.0 + i % 300) for i in range(rows))
    sh.getCellRangeByPosition(0, 1, 4, rows).setDataArray(data)
    formats = doc.NumberFormats
    from com.sun.star.lang import Locale
    loc = Locale("vi", "VN", "")

    def key(code):
        k = formats.queryKey(code, loc, False)
        return k if k >= 0 else formats.addNew(code, loc)

    sh.getCellRangeByPosition(1, 1, 1, rows).NumberFormat = key("0.0")
    sh.getCellRangeByPosition(4, 1, 4, rows).NumberFormat = key("DD/MM/YYYY")
    for cell, formula in errors.items():
        sh.getCellRangeByName(cell).setFormula(formula)


class SnapshotReadTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.lo = rctest.office()

    def test_mixed_cells_read_as_the_cli_reads_them(self):
        tmp = rctest.tmpdir()
        doc = self.lo.new_calc()
        try:
            mixed = doc.Sheets.getByIndex(0)
            mixed.Name = "Trộn"
            # Errors in the first block and, alone, in the second (row 11,501);
            # a formula giving "" (an empty text) and one giving a text.
            fill(doc, mixed, ROWS, {"C6": "=1/0", "D9": "=SQRT(-1)", "C11501": "=NA()",
                                    "D20": '=""', "D21": '="x"', "A30": "=1+1"})
            doc.Sheets.insertNewByName("Sạch", 1)
            fill(doc, doc.Sheets.getByName("Sạch"), ROWS, {})
            doc.Sheets.insertNewByName("Muộn", 2)  # one error, in the second block only
            fill(doc, doc.Sheets.getByName("Muộn"), ROWS, {"D11502": "=1/0"})
            rules = os.path.join(tmp, "mixed.rules")
            with open(rules, "w", encoding="utf-8") as f:
                for name, tag in (("Trộn", "T"), ("Sạch", "S"), ("Muộn", "M")):
                    f.write('sheet "%s"\nlabels A\n' % name)
                    f.write("check %s.cong error: B = C + D\n  for rows 2:%d\n" % (tag, ROWS + 1))
                    # E holds dates: the messages write them as dates, from the cell's format
                    f.write("check %s.ngay warning: E = C + D\n  for rows 2:40\n" % tag)
            state, res = run(doc, "EmbedFile", Path=rules)
            self.assertEqual(state, 1, res)
            path = os.path.join(tmp, "mixed.ods")
            rctest.save(doc, path)
            state, res = run(doc, "Validate")
            self.assertEqual(state, 1, res)
            found = res["findingsList"]
            errors = {(f["sheet"], f["cell"]) for f in found if f["kind"] == "cell-error"}
            self.assertEqual(errors, {("Trộn", "C6"), ("Trộn", "D9"), ("Trộn", "C11501"), ("Muộn", "D11502")},
                             found)
            # the wrong rows of every sheet, each read in two blocks
            for sheet in ("Trộn", "Sạch", "Muộn"):
                wrong = {f["cell"] for f in found if f["sheet"] == sheet and f["rule"].endswith(".cong")}
                self.assertTrue({"B1001", "B11001"} <= wrong, (sheet, sorted(wrong)[:20]))
            cli = rctest.cli_findings(path)
            self.assertEqual(sorted(map(rctest.key, cli["findings"])), sorted(map(rctest.key, found)))
        finally:
            doc.close(True)


if __name__ == "__main__":
    unittest.main()
