#!/usr/bin/python3
"""Check that the embedding convention of engine/include/reportcheck/embedding.h
survives save + reload in real LibreOffice: user-defined document properties
ReportCheck.Rules.Count / .Version / .1..N, each a 16000-byte UTF-8 Vietnamese
string, in .ods and .xlsx ("Calc MS Excel 2007 XML").

Usage: /usr/bin/python3 scripts/embedding_check.py [N_CHUNKS]
"""
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "integration"))
from lohelper import OfficeProcess, props  # noqa: E402

REMOVEABLE = 128  # com.sun.star.beans.PropertyAttribute.REMOVEABLE
SAMPLE = ("Tổng số đảng viên đến 31/12/2023 là 87.107 đồng chí, tăng 47,5% — "
          "TCCSĐ hoàn thành tốt nhiệm vụ trở lên đạt trên 90%; kiểm tra “Biểu 3” ‘Cộng’ Ữ ỹ ự ờ. ")


def chunk(i, size=16000):
    """A UTF-8 string of exactly `size` bytes, cut on a character boundary.
    It starts and ends with white space (a chunk boundary may fall inside an
    indented continuation line) and holds tabs, runs of spaces and CR LF."""
    head = "    # chunk %d\n\tcheck B3.a:  #4 = #5 +  #6\r\n  for rows \"Cộng\"   \n\n" % i
    out = head
    while len((out + SAMPLE).encode()) <= size:
        out += SAMPLE
    for ch in SAMPLE:  # fill up with whole characters
        if len((out + ch).encode()) > size:
            break
        out += ch
    out += " " * (size - len(out.encode()))
    assert len(out.encode()) == size
    return out


def user_props(doc):
    udp = doc.DocumentProperties.UserDefinedProperties
    return {p.Name: udp.getPropertyValue(p.Name)
            for p in udp.getPropertySetInfo().getProperties()}


def run(n, sizes):
    results = []
    with OfficeProcess() as lo:
        tmp = tempfile.mkdtemp(prefix="rc-embed-")
        for size in sizes:
            expected = {"ReportCheck.Rules.Count": str(n), "ReportCheck.Rules.Version": "1"}
            for i in range(1, n + 1):
                expected["ReportCheck.Rules.%d" % i] = chunk(i, size)
            for ext, flt in (("ods", "calc8"), ("xlsx", "Calc MS Excel 2007 XML")):
                doc = lo.new_calc()
                doc.Sheets.getByIndex(0).getCellByPosition(0, 0).setString("Biểu 3")
                udp = doc.DocumentProperties.UserDefinedProperties
                for k, v in expected.items():
                    udp.addProperty(k, REMOVEABLE, v)
                path = os.path.join(tmp, "embed-%d.%s" % (size, ext))
                t0 = time.time()
                doc.storeToURL("file://" + path, props(FilterName=flt))
                doc.close(True)
                doc = lo.load(path)
                got = user_props(doc)
                dt = time.time() - t0
                doc.close(True)
                bad = [k for k, v in expected.items() if got.get(k) != v]
                detail = ""
                for k in bad[:3]:
                    g = got.get(k)
                    detail += " %s: %s" % (k, "missing" if g is None else
                                           "%d bytes (want %d)" % (len(str(g).encode()),
                                                                   len(expected[k].encode())))
                results.append((ext, size, n, not bad, dt, os.path.getsize(path), detail))
    return results


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    sizes = [int(s) for s in sys.argv[2].split(",")] if len(sys.argv) > 2 else [16000]
    ok = True
    for ext, size, n, good, dt, fsize, detail in run(n, sizes):
        print("%-4s %d x %d bytes: %s (save+reload %.2fs, file %d bytes)%s"
              % (ext, n, size, "OK" if good else "FAIL", dt, fsize, detail))
        ok = ok and good
    sys.exit(0 if ok else 1)
