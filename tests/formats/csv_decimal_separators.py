#!/usr/bin/python3
"""CSV files of two languages' numbers, separated by tab, ';' and ',', read by
`reportcheck cells` and by LibreOffice 7.4 with Calc's Text Import in the language
that fits the file (vi-VN for decimal commas, en-US for decimal points), "detect
special numbers" off (its default). Every cell must be equal.

  csv_decimal_separators.py --reportcheck BUILD/engine/reportcheck [--keep DIR]

The reader picks the decimal separator from the file's numbers (csvDecimal,
engine/src/orcus_reader.cpp); LibreOffice is told the language, as the person who
opens the file tells its dialog. Exit 1 on any difference.
Run with Debian's /usr/bin/python3 (python3-uno).
"""
import argparse
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from lo_cells import Dumper, check_against  # noqa: E402

# One number per line as an office writes it; the special numbers (percentages,
# amounts, negatives in parentheses or with a minus after) are text with
# "detect special numbers" off.
VI = ['87.107', '47,5', '0,25', '87,107', '1.234,5', '-3,75', ' 7,5 ', '2.000.000', '1,5E3', '1.5',
      '1.234.567,891', '12.34.5', ',5', '5,', '0', '-0', '12,5%', '(1.234,5)', '1.234,5-', '5 ₫', '%5']
EN = ['87.107', '47,5', '0,25', '87,107', '1,234.5', '-3.75', ' 7.5 ', '2,000,000', '1.5E3', '1.5',
      '1,234,567.891', '12,34,5', '.5', '5.', '0', '-0', '12.5%', '(1,234.5)', '1,234.5-', '$5', '%5']
LANGUAGES = {'vi': (VI, 1066), 'en': (EN, 1033)}
SEPARATORS = {'tab': '\t', 'semi': ';', 'comma': ','}


def write(path, fields, sep):
    # Two columns of the numbers (the second shifted by one line), as a table has
    # several: the reader wants its evidence in two columns at least.
    quote = lambda v: '"%s"' % v.replace('"', '""') if sep in v else v  # noqa: E731
    with open(path, 'w', encoding='utf-8') as f:
        f.write(sep.join(['Chỉ tiêu', 'Giá trị', 'Năm trước', 'Ghi chú']) + '\n')
        for i, v in enumerate(fields):
            f.write(sep.join(['Dòng %d' % (i + 1), quote(v), quote(fields[i - 1]), 'x']) + '\n')



def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--reportcheck', required=True)
    ap.add_argument('--keep', help='write the files and both readings here')
    a = ap.parse_args()
    out = a.keep or tempfile.mkdtemp(prefix='rc-csv-dec-')
    os.makedirs(out, exist_ok=True)
    failed = total = 0
    for lang, (fields, langid) in LANGUAGES.items():
        for sname, sep in SEPARATORS.items():
            path = os.path.join(out, '%s_%s.csv' % (lang, sname))
            write(path, fields, sep)
            with Dumper(csv_options='%d,34,76,1,,%d,false,false' % (ord(sep), langid)) as d:
                truth = d.dump(path)
            n, bad = check_against(a.reportcheck, path, truth)
            total += n
            failed += bad
    print('%d cells, %d differ' % (total, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
