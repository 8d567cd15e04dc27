#!/usr/bin/python3
"""Measures libixion (Debian's libixion-dev 0.17, the formula engine beside liborcus)
as a way to compute the formulas a file saves without a result (openpyxl writes them
so), against LibreOffice 7.4 computing the same formulas on load.

  /usr/bin/python3 scripts/measure_ixion.py [--keep DIR]

Writes an .xlsx with openpyxl (values in A1:A7 and 'Trang 2'!A1, one formula per row
of column C, no cached results), reads it with tests/formats/lo_cells.py (LibreOffice's
reading), computes each formula alone in an ixion::document holding the same values
(a small C++ probe built here with g++), and prints both. Needs libixion-dev,
python3-openpyxl, LibreOffice. The result decided docs/READERS.md ("Formulas saved
without a result"): not used.
"""
import argparse
import os
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, 'tests', 'formats'))

FORMULAS = ['A1*2', 'A1+A3', 'SUM(A1:A4)', 'A1-A2*2', '1/3*3', '10/4/5', '2^3^2', '-A1^2', 'A1%',
            'AVERAGE(A1:A4)', 'AVERAGE(A1:A7)', 'SUM(A1:A7)', 'COUNTA(A1:A7)', 'MIN(A1:A4)', 'MAX(A1:A4)',
            'COUNT(A1:A7)', 'ROUND(1/3,2)', 'IF(A1>5,1,2)', 'IF(A1>5,TRUE,FALSE)', 'A1/A5', 'NA()',
            'SQRT(A1)', 'ABS(-2)', 'INT(-2.5)', 'MOD(7,3)', '"Tổng: "&A1', 'LEN("Tổng")', 'A6+1',
            '"abc"="ABC"', "'Trang 2'!A1+1", 'ISERROR(1/0)', 'IFERROR(1/0,5)', 'AND(A1>5,A3>5)',
            'SUMPRODUCT(A1:A2,A3:A4)', 'DATE(2024,1,15)', '1.5E3*2', 'A1&""', '0.1+0.2']

PROBE = r'''
#include <ixion/document.hpp>
#include <ixion/cell_access.hpp>
#include <ixion/formula_result.hpp>
#include <cstdio>
#include <exception>
int main(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        ixion::document doc(ixion::formula_name_resolver_t::excel_a1);
        doc.append_sheet("Sheet"); doc.append_sheet("Trang 2");
        doc.set_numeric_cell("A1", 10); doc.set_numeric_cell("A2", 0.5); doc.set_numeric_cell("A3", 7);
        doc.set_numeric_cell("A4", 3); doc.set_string_cell("A6", "abc"); doc.set_boolean_cell("A7", true);
        doc.set_numeric_cell("'Trang 2'!A1", 4);
        try {
            doc.set_formula_cell("C1", argv[i]);
            doc.calculate(0);
            auto r = doc.get_cell_access("C1").get_formula_result();
            using T = ixion::formula_result::result_type;
            if (r.get_type() == T::value) std::printf("%.15g\n", r.get_value());
            else if (r.get_type() == T::string) std::printf("\"%s\"\n", r.get_string().c_str());
            else if (r.get_type() == T::error) std::printf("%s\n", std::string(ixion::get_formula_error_name(r.get_error())).c_str());
            else std::printf("(matrix)\n");
        } catch (const std::exception& e) {
            std::printf("throws: %s\n", e.what());
        }
    }
}
'''


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--keep')
    a = ap.parse_args()
    out = a.keep or tempfile.mkdtemp(prefix='rc-ixion-')
    os.makedirs(out, exist_ok=True)
    flags = subprocess.run(['pkg-config', '--cflags', '--libs', 'libixion-0.17'], capture_output=True, text=True)
    if flags.returncode != 0:
        print('SKIP: libixion-dev (0.17) is not installed')
        return 0
    src, exe = os.path.join(out, 'probe.cpp'), os.path.join(out, 'probe')
    open(src, 'w').write(PROBE)
    subprocess.run(['g++', '-std=c++17', '-O1', src, '-o', exe] + flags.stdout.split(), check=True)
    ix = subprocess.run([exe] + FORMULAS, capture_output=True, text=True, check=True).stdout.splitlines()

    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Sheet'
    for r, v in enumerate([10, 0.5, 7, 3, None, 'abc', True], start=1):
        ws.cell(row=r, column=1, value=v)
    for r, f in enumerate(FORMULAS, start=1):
        ws.cell(row=r, column=3, value='=' + f)
    wb.create_sheet('Trang 2')['A1'] = 4
    path = os.path.join(out, 'formulas.xlsx')
    wb.save(path)
    from lo_cells import Dumper
    with Dumper() as d:
        dump = d.dump(path)
    lo = {}
    for line in dump.splitlines():
        p = line.split('\t')
        if len(p) == 6 and p[0] == '0' and p[1].startswith('C'):
            lo[int(p[1][1:])] = p[3] if p[2] == 'N' else ('"%s"' % p[4] if p[2] == 'T' else p[4])

    same = 0
    print('| formula | LibreOffice 7.4 | ixion 0.17 |')
    print('| --- | --- | --- |')
    for i, f in enumerate(FORMULAS, start=1):
        l, x = lo.get(i, '(empty)'), ix[i - 1]
        try:
            ok = abs(float(l) - float(x)) <= 1e-12 * max(1.0, abs(float(l)))
        except ValueError:
            ok = l == x
        same += ok
        print('| `=%s` | %s | %s%s |' % (f, l, x, '' if ok else ' ✗'))
    print('\n%d of %d formulas give LibreOffice\'s result' % (same, len(FORMULAS)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
