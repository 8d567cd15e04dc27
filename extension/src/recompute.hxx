// Recompute: write Result::derived — only the cells a rule declares as
// derived — as one undo step. Formula cells and protected sheets are left alone,
// and so is a derived cell whose failing check error localisation attributes
// to one of its inputs (Finding::suspects names other cells, not this one):
// recomputing it from a wrong input would only hide the error.
#pragma once

#include "ustr.hxx"

#include <string>
#include <vector>

#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>

#include "pipeline.hxx"

namespace rcext {

struct RecomputeStats {
    int written = 0;
    int unchanged = 0;
    int skippedFormula = 0;
    int skippedProtected = 0;
    int missingSheet = 0;
    int keptForInput = 0;                   // derived cells kept: the suspect is an input
    std::vector<std::string> inputsToCheck; // those inputs, "C3" or "Biểu 3!C3", each once, most likely first
};

// Derived values written per Recompute at most (each is a cell write inside one undo step).
inline constexpr size_t kMaxRecomputeWrites = 5000;

// Throws LimitError, writing nothing, when the run was cut short by a bound
// (values computed from part of the workbook could be wrong) or when it has
// more than kMaxRecomputeWrites derived values.
RecomputeStats recompute(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc, const Run& run);

}  // namespace rcext
