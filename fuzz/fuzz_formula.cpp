// Formulas a stranger's workbook saves without a result
// (engine/src/formula_results.h): the readers hand their text to
// computeFormulaResults. Input: lines, each a formula for B1, B2, … of a small
// sheet (numbers, text, an error, a date, another sheet, a defined name); the
// first byte's low bit picks the syntax (Excel's or OpenFormula's). Formulas
// may read each other, in cycles too. Expected: each cell computed or left,
// one note; anything else, a sanitizer report, a hang or too much memory is a
// bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "formula_results.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace reportcheck;
    if (size == 0) return 0;
    const FormulaSyntax syn = (data[0] & 1) ? FormulaSyntax::OpenFormula : FormulaSyntax::Excel;
    Workbook wb;
    Sheet& s = wb.addSheet("S");
    const double values[] = {10, 0.5, 7, -3, 45306, 0.1, 1e300, 0};
    for (int r = 0; r < 8; ++r) s.set(r, 0, Cell::makeNumber(values[r], r % 3));
    s.set(8, 0, Cell::makeText("5"));
    s.set(9, 0, Cell::makeText("abc"));
    s.set(10, 0, Cell::makeError("#N/A"));
    wb.addSheet("Trang 2").set(0, 0, Cell::makeNumber(99));
    wb.names["Tien"] = Area{"S", 0, 0, 3, 0};
    PendingFormulas p;
    std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
    int row = 0;
    while (!in.empty() && row < 64) {
        const size_t nl = in.find('\n');
        PendingFormula f;
        f.sheet = "S";
        f.row = row++;
        f.col = 1;
        f.text = std::string(in.substr(0, nl));
        f.syntax = syn;
        f.general = (row & 1) != 0;
        p.add(std::move(f));
        if (nl == std::string_view::npos) break;
        in.remove_prefix(nl + 1);
    }
    computeFormulaResults(wb, p);
    if (p.count > 0 && wb.notes.size() != 1) __builtin_trap();
    return 0;
}
