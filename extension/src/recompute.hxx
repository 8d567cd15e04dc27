// Recompute: write Result::derived — only the cells a rule declares as
// derived — as one undo step. Formula cells and protected sheets are left alone.
#pragma once

#include "ustr.hxx"

#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>

#include "reportcheck/finding.h"

namespace rcext {

struct RecomputeStats {
    int written = 0;
    int unchanged = 0;
    int skippedFormula = 0;
    int skippedProtected = 0;
    int missingSheet = 0;
};

RecomputeStats recompute(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc,
                         const reportcheck::Result& result);

}  // namespace rcext
