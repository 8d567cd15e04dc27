// Formulas a file saved without a result (openpyxl writes <f> and no <v>;
// odfpy and other generators no office:value): Calc computes them when it
// opens the file. The readers collect them here while they read, and
// computeFormulaResults computes, once every sheet is read, the ones whose
// every part this file knows Calc computes the same way: numbers, cell and
// range references (other sheets, defined names, whole columns), + - * / ^ %
// and the comparisons, SUM AVERAGE MIN MAX COUNT PRODUCT ROUND ROUNDUP
// ROUNDDOWN ABS INT MOD SQRT IF IFERROR NA TRUE FALSE DATE — what reports' totals,
// shares and differences are made of.
// Anything else (text results, other functions, whole columns, a cycle, text
// where a number is needed but not an integer) is left as the reader had it
// and counted in the note, as before: a value the workbook never held would
// make a check pass or fail on it. Why not a library: docs/READERS.md
// ("Formulas without a result"; libixion 0.17 got 15 of 38 wrong).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "reportcheck/workbook.h"

namespace reportcheck {

enum class FormulaSyntax { Excel, OpenFormula };  // A1, 'S'!A1, "," — or [.A1], [$'S'.A1], ";"

struct PendingFormula {
    std::string sheet;      // the sheet's name
    int row = 0, col = 0;   // 0-based
    std::string text;       // after "=" (and "of:")
    FormulaSyntax syntax = FormulaSyntax::Excel;
    int decimals = -1;      // the cell's own number format
    bool date = false;      // … shows a date
    bool general = true;    // … is General: Calc gives the result the format it infers
};

// What a reader collects: every formula without a result is counted; the
// first kMaxKept (and kMaxTextBytes of their text) are kept to compute.
struct PendingFormulas {
    // ~90 bytes a kept formula and its text: at most ~80 MiB.
    static constexpr size_t kMaxKept = 500000, kMaxTextBytes = 32u << 20, kMaxFormulaChars = 8192;
    std::vector<PendingFormula> kept;
    long long count = 0;
    std::string first;        // "'Sheet'!B4" of the first one, for the note
    std::string firstUnkept;  // … of the first one not kept
    long long textBytes = 0;

    void add(PendingFormula f);
    void append(PendingFormulas&& other);  // a later part of the same sheet, read apart
};

// Computes what it can into `wb`, then adds the note on the rest (if any).
// Bounded: at most kMaxCellsRead cells read by ranges and references, and a
// formula's nesting at most 64 deep; past a bound the rest is left.
// `nullDate`: the workbook's day 0, in days since 1970-01-01 (1899-12-30, or
// 1904-01-01 for an .xlsx in the 1904 date system), for DATE().
void computeFormulaResults(Workbook& wb, PendingFormulas& pending, long long nullDate = -25569);

// The formula's text as the reader found it, without "=", "of:=" … ; false
// for a syntax not computed (oooc: is OpenOffice 2's, the same as of:).
bool formulaBody(std::string_view attr, std::string& body, FormulaSyntax& syntax);

}  // namespace reportcheck
