#!/usr/bin/env python3
"""Integration test of the report's workbook (sample-workbooks/) in real LibreOffice.

    python3 tests/workbook/test_workbook.py [-v]

Needs LibreOffice and python3-uno. When the `python3` found first cannot import uno
(e.g. a pyenv interpreter), the script re-runs itself with /usr/bin/python3.

It checks that
  - `sample-workbooks/generate.py --check` passes (a stale committed .ods fails);
  - generation is deterministic and the zip is a proper ODF package;
  - headless LibreOffice (fresh profile, stopped with Desktop.terminate()) opens
    bao-cao-536.ods and reads back every cell of every source file identically: numbers,
    text (also number-like text), empty cells and error cells; every @merge is a merged
    range; sheet names and order; a few spot values, displayed strings and styles;
  - mau-trong.ods has the same sheets, titles, headers and labels and empty value cells;
  - rules passed with --rules come back from the document properties byte for byte,
    split into chunks of at most 16000 bytes of UTF-8 (engine/include/reportcheck/embedding.h).
"""
import os
import sys

try:
    import uno  # noqa: F401
except ImportError:
    SYSTEM_PY = "/usr/bin/python3"
    if os.path.exists(SYSTEM_PY) and os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PY):
        os.execv(SYSTEM_PY, [SYSTEM_PY] + sys.argv)
    raise

import importlib.util
import io
import shutil
import subprocess
import tempfile
import unittest
import zipfile


ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
GENERATE = os.path.join(ROOT, "sample-workbooks", "generate.py")

sys.dont_write_bytecode = True  # no __pycache__ inside sample-workbooks/
spec = importlib.util.spec_from_file_location("rc_generate", GENERATE)
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)

SHEETS = ["Biểu %d" % n for n in list(range(1, 20)) + list(range(22, 27))] + ["Chỉ tiêu", "Tỷ lệ"]
ERROR_CODES = {"#VALUE!": 519, "#DIV/0!": 532, "#N/A": 32767}


# ---------------------------------------------------------------------------- LibreOffice
# The same headless soffice helper as the extension's tests (fresh profile, stopped with
# Desktop.terminate(), then its own process group).
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
from lohelper import OfficeProcess, props  # noqa: E402


class Office(OfficeProcess):
    def load(self, path):
        return super().load(path, ReadOnly=True)


OFFICE = None
DOCS = {}
TMP = None


def setUpModule():
    global OFFICE, TMP
    TMP = tempfile.mkdtemp(prefix="rc-wb-test-")
    OFFICE = Office()
    OFFICE.start()


def tearDownModule():
    for doc in DOCS.values():
        try:
            doc.close(True)
        except Exception:
            pass
    DOCS.clear()
    if OFFICE is not None:
        OFFICE.stop()
    if TMP:
        shutil.rmtree(TMP, ignore_errors=True)


def doc(path):
    if path not in DOCS:
        DOCS[path] = OFFICE.load(path)
    return DOCS[path]


def run_generate(*args):
    return subprocess.run([sys.executable, GENERATE] + list(args), cwd=ROOT, capture_output=True, text=True)


def a1(r, c):
    return "%s%d" % (gen.col_letters(c), r + 1)


def user_properties(document):
    udp = document.DocumentProperties.UserDefinedProperties
    return {p.Name: udp.getPropertyValue(p.Name) for p in udp.getPropertySetInfo().getProperties()}


SOURCES = gen.load_sheets(gen.DEFAULT_SRC)


def source(name):
    return next(s for s in SOURCES if s.name == name)


def source_cell(sheet, r, c):
    row = sheet.rows[r]
    return row[c] if c < len(row) else gen.Cell()


# ---------------------------------------------------------------------------- tests

class GeneratorTest(unittest.TestCase):
    def test_check_passes(self):
        res = run_generate("--check")
        self.assertEqual(res.returncode, 0, "generate.py --check failed:\n" + res.stdout + res.stderr)

    def test_check_detects_a_stale_file(self):
        src = os.path.join(TMP, "src-stale")
        shutil.copytree(gen.DEFAULT_SRC, src)
        path = os.path.join(src, "bieu-01.tsv")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace("{b}264", "{b}265"))
        res = run_generate("--check", "--src", src)
        self.assertEqual(res.returncode, 1, res.stdout + res.stderr)
        self.assertIn("STALE", res.stdout)

    def test_deterministic_odf_package(self):
        sheets = gen.load_sheets(gen.DEFAULT_SRC)
        one = gen.build(sheets, False, "x")
        two = gen.build(gen.load_sheets(gen.DEFAULT_SRC), False, "x")
        self.assertEqual(one, two)
        z = zipfile.ZipFile(io.BytesIO(one))
        infos = z.infolist()
        self.assertEqual([i.filename for i in infos],
                         ["mimetype", "content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"])
        self.assertEqual(infos[0].compress_type, zipfile.ZIP_STORED)
        self.assertEqual(infos[0].extra, b"")
        self.assertEqual(z.read("mimetype"), b"application/vnd.oasis.opendocument.spreadsheet")
        self.assertEqual(one[30:38], b"mimetype")  # the first local header names mimetype
        self.assertEqual(one[38:38 + 46], b"application/vnd.oasis.opendocument.spreadsheet")

    def test_bad_source_is_a_clear_error(self):
        src = os.path.join(TMP, "src-bad")
        os.makedirs(src, exist_ok=True)
        with open(os.path.join(src, "x.tsv"), "w", encoding="utf-8") as f:
            f.write("@sheet X\n@merge A1:B1\na\tb\n")
        res = run_generate("--output", os.path.join(TMP, "bad.ods"), "--src", src)
        self.assertEqual(res.returncode, 2)
        self.assertIn("x.tsv", res.stderr)
        self.assertIn("hides the non-empty cell B1", res.stderr)


class WorkbookTest(unittest.TestCase):
    path = gen.WORKBOOK

    @classmethod
    def setUpClass(cls):
        cls.doc = doc(cls.path)

    def sheet(self, name):
        return self.doc.Sheets.getByName(name)

    def test_sheet_names_and_order(self):
        self.assertEqual(list(self.doc.Sheets.getElementNames()), SHEETS)
        self.assertEqual([s.name for s in SOURCES], SHEETS)

    def test_spot_values(self):
        b3 = self.sheet("Biểu 3")
        self.assertEqual(b3.getCellRangeByName("A35").getString(), "Cộng (I+....+II)")
        self.assertEqual(b3.getCellRangeByName("J35").getValue(), 87107)     # total party members 31/12/2020
        self.assertEqual(b3.getCellRangeByName("J35").getString(), "87.107")  # shown the Vietnamese way
        self.assertEqual(b3.getCellRangeByName("J62").getValue(), 89455)
        self.assertEqual(b3.getCellRangeByName("D8").getString(), "4 (=5+6+7)")
        a8 = b3.getCellRangeByName("A8")
        self.assertEqual((a8.getType().value, a8.getString()), ("TEXT", "1"))  # number-like text
        b6 = self.sheet("Biểu 6")
        self.assertEqual(b6.getCellRangeByName("B28").getString(), "- Đã nghỉ hưu và nghỉ công tác")
        self.assertEqual(b6.getCellRangeByName("C28").getValue(), 17301)
        err = b6.getCellRangeByName("D28")
        self.assertEqual(err.getType().value, "FORMULA")
        self.assertEqual(err.getError(), 519)
        self.assertEqual(err.getString(), "#VALUE!")
        b8 = self.sheet("Biểu 8")
        self.assertEqual(b8.getCellRangeByName("B21").getString(), "Tuổi bình quân")
        self.assertEqual(b8.getCellRangeByName("C21").getValue(), 47.5)
        self.assertEqual(b8.getCellRangeByName("C21").getString(), "47,5")
        self.assertEqual(b8.getCellRangeByName("E21").getString(), "52")
        b11 = self.sheet("Biểu 11")
        self.assertEqual(b11.getCellRangeByName("E9").getValue(), 87.7)
        self.assertEqual(b11.getCellRangeByName("E12").getString(), "90,0")
        self.assertEqual(b11.getCellRangeByName("H13").getValue(), 50)  # wrong in the report, kept
        self.assertEqual(self.sheet("Biểu 10").getCellRangeByName("C6").getString(), "4560")
        self.assertEqual(self.sheet("Biểu 12").getCellRangeByName("C8").getString(), "3=4+6+8")
        self.assertEqual(self.sheet("Biểu 18").getCellRangeByName("N17").getValue(), 272)
        self.assertEqual(self.sheet("Biểu 18").getCellRangeByName("Q11").getValue(), 6)
        self.assertEqual(self.sheet("Biểu 2").getCellRangeByName("D18").getType().value, "EMPTY")  # blank, not 0

    def test_every_cell_of_every_source(self):
        for src in SOURCES:
            sh = self.sheet(src.name)
            nrows, ncols = len(src.rows), src.ncols
            data = sh.getCellRangeByPosition(0, 0, ncols + 1, nrows + 2).getDataArray()
            for r in range(nrows + 3):
                for c in range(ncols + 2):
                    where = "%s!%s" % (src.name, a1(r, c))
                    got = data[r][c]
                    cell = source_cell(src, r, c) if r < nrows else gen.Cell()
                    if cell.kind == "float":
                        self.assertIsInstance(got, float, where)
                        self.assertEqual(got, cell.number(), where)
                    elif cell.kind == "string":
                        self.assertEqual(got, cell.text, where)
                    elif cell.kind == "empty":
                        self.assertEqual(got, "", where)
                    else:
                        c_ = sh.getCellByPosition(c, r)
                        self.assertEqual(c_.getError(), ERROR_CODES[cell.text], where)
                        self.assertEqual(c_.getString(), cell.text, where)

    def test_merged_ranges(self):
        for src in SOURCES:
            sh = self.sheet(src.name)
            for r1, c1, r2, c2 in src.merges:
                name = "%s:%s" % (a1(r1, c1), a1(r2, c2))
                rng = sh.getCellRangeByName(name)
                self.assertTrue(rng.getIsMerged(), "%s!%s" % (src.name, name))
                cur = sh.createCursorByRange(sh.getCellRangeByName(a1(r1, c1)))
                cur.collapseToMergedArea()
                addr = cur.getRangeAddress()
                self.assertEqual((addr.StartRow, addr.StartColumn, addr.EndRow, addr.EndColumn),
                                 (r1, c1, r2, c2), "%s!%s" % (src.name, name))
        b3 = self.sheet("Biểu 3")
        self.assertTrue(b3.getCellRangeByName("D5:G5").getIsMerged())
        self.assertEqual(b3.getCellRangeByName("D5").getString(), "Số tổ chức cơ sở đảng")

    def test_styles(self):
        b3 = self.sheet("Biểu 3")
        self.assertEqual(b3.getCellRangeByName("J35").CharWeight, 150.0)  # bold total
        self.assertEqual(b3.getCellRangeByName("A43").CharPosture.value, "ITALIC")  # a) Công lập, 2023
        self.assertEqual(b3.getCellRangeByName("A44").CharWeight, 100.0)
        self.assertTrue(b3.getCellRangeByName("E7").IsTextWrapped)  # header
        self.assertEqual(b3.getCellRangeByName("E7").TopBorder.OuterLineWidth > 0, True)
        self.assertEqual(b3.getCellRangeByName("A1").CharWeight, 150.0)  # title
        self.assertEqual(b3.getCellRangeByName("A3").CharPosture.value, "ITALIC")
        self.assertGreater(self.sheet("Biểu 1").Columns.getByIndex(1).Width, 8000)  # 1/100 mm


class TemplateTest(unittest.TestCase):
    path = gen.TEMPLATE

    @classmethod
    def setUpClass(cls):
        cls.doc = doc(cls.path)

    def test_same_sheets_labels_and_empty_values(self):
        self.assertEqual(list(self.doc.Sheets.getElementNames()), SHEETS)
        blanked = 0
        for src in SOURCES:
            sh = self.doc.Sheets.getByName(src.name)
            data = sh.getCellRangeByPosition(0, 0, src.ncols - 1, len(src.rows) - 1).getDataArray()
            for r in range(len(src.rows)):
                for c in range(src.ncols):
                    cell = source_cell(src, r, c)
                    where = "%s!%s" % (src.name, a1(r, c))
                    got = data[r][c]
                    if src.in_ranges("values", r, c):
                        self.assertEqual(got, "", where)
                        if cell.kind != "empty":
                            self.assertEqual(sh.getCellByPosition(c, r).getType().value, "EMPTY", where)
                            blanked += 1
                    elif cell.kind == "float":
                        self.assertEqual(got, cell.number(), where)
                    elif cell.kind == "string":
                        self.assertEqual(got, cell.text, where)
                    else:
                        self.assertEqual(got, "", where)
        self.assertGreater(blanked, 1500)
        b3 = self.doc.Sheets.getByName("Biểu 3")
        self.assertEqual(b3.getCellRangeByName("A35").getString(), "Cộng (I+....+II)")
        self.assertEqual(b3.getCellRangeByName("J35").getType().value, "EMPTY")
        self.assertTrue(b3.getCellRangeByName("D5:G5").getIsMerged())

    def test_embedded_rules_match_rules_file(self):
        got = user_properties(self.doc)
        if os.path.exists(gen.RULES):
            with open(gen.RULES, encoding="utf-8", newline="") as f:
                text = f.read()
            n = int(got["ReportCheck.Rules.Count"])
            self.assertEqual(got["ReportCheck.Rules.Version"], "1")
            self.assertEqual("".join(got["ReportCheck.Rules.%d" % i] for i in range(1, n + 1)), text)
        else:
            self.assertFalse([k for k in got if k.startswith("ReportCheck.")], got)


class RulesEmbeddingTest(unittest.TestCase):
    def test_rules_round_trip(self):
        line = "check B3.cot4 error: #4 = #5 + #6 + #7   # “Cộng” — Ữ ỹ ự ờ 87.107; 47,5\r\n\tfor rows \"1. Xã\"\n"
        # the first chunk boundary (byte 16000) falls inside the 3-byte "ữ"
        text = "  # đầu tệp, khoảng trắng ở đầu" + "x" * gen.CHUNK_BYTES
        text = text[:gen.CHUNK_BYTES - 1 - (len(text.encode("utf-8")) - len(text))] + "ữ\n\n"
        assert len(text.encode("utf-8")) == gen.CHUNK_BYTES + 4
        while len(text.encode("utf-8")) < 3 * gen.CHUNK_BYTES:
            text += line
        text += "ữ   \n"
        path = os.path.join(TMP, "test.rules")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        out = os.path.join(TMP, "mau-rules.ods")
        res = run_generate("--template", out, "--rules", path)
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
        d = OFFICE.load(out)
        try:
            got = user_properties(d)
        finally:
            d.close(True)
        self.assertEqual(got["ReportCheck.Rules.Version"], "1")
        n = int(got["ReportCheck.Rules.Count"])
        self.assertGreaterEqual(n, 3)
        chunks = [got["ReportCheck.Rules.%d" % i] for i in range(1, n + 1)]
        for ch in chunks:
            self.assertLessEqual(len(ch.encode("utf-8")), gen.CHUNK_BYTES)
        self.assertLess(len(chunks[0].encode("utf-8")), gen.CHUNK_BYTES)  # cut before the split character
        self.assertEqual("".join(chunks), text)
        self.assertEqual(chunks, gen.rules_chunks(text))


if __name__ == "__main__":
    unittest.main()
