// Notes the readers of every format give alike (Workbook::notes): what a file
// holds that the snapshot cannot show as Calc would.
#pragma once

#include <string>

#include "reportcheck/workbook.h"

namespace reportcheck {

// Formula cells saved without their result (generators such as openpyxl and
// odfpy write only the formula): Calc computes them when it opens the file.
// `computed` of them were computed as Calc computes them (formula_results.h);
// `first` ("'Sheet'!B4") is the first of the others, or the first of all
// when every one was computed.
ReadNote uncachedFormulasNote(long long count, long long computed, const std::string& first);

}  // namespace reportcheck
