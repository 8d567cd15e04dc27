// Notes the readers of every format give alike (Workbook::notes): what a file
// holds that the snapshot cannot show as Calc would.
#pragma once

#include <string>

#include "reportcheck/workbook.h"

namespace reportcheck {

// Formula cells saved without their result (generators such as openpyxl and
// odfpy write only the formula): Calc computes them when it opens the file, a
// reader cannot without evaluating them. `first` is "'Sheet'!B4".
ReadNote uncachedFormulasNote(long long count, const std::string& first);

}  // namespace reportcheck
