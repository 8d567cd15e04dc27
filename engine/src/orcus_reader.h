// Workbooks read through liborcus (LibreOffice's import library, 0.17):
// .csv; .xlsx, .ods and flat .fods only for comparison with the native readers
// (scripts/bench_readers.py): readWorkbook reads .xlsx with xlsx_reader.h.
// Internal: callers use readWorkbook() (reportcheck/read.h).
#pragma once

#include <string>
#include <string_view>

#include "reportcheck/workbook.h"

namespace reportcheck {

enum class OrcusFormat { Ods, Xlsx, Csv };

// Values, formulas' cached results, decimals from number formats, named
// ranges. Not embedded rules: orcus does not read document properties (the
// caller reads them). Bounded: cells, sheets, text bytes and the stored area;
// a file beyond the bounds, or one orcus rejects, throws ReadError.
Workbook readWithOrcus(const std::string& path, OrcusFormat format);

// The same from bytes already in memory (a zip for Ods/Xlsx, text for Csv).
// `path` is only for messages and the CSV sheet's name.
Workbook readWithOrcusBytes(std::string_view bytes, OrcusFormat format, const std::string& path);

// Decimals a number format code shows ("0.00" -> 2, "#,##0" -> 0, "0.0%" -> 1),
// -1 for General, text, dates and times: what Calc reports for the format.
int decimalsOfFormatCode(std::string_view code);
// Whether a number format code shows a date ("dd/mm/yyyy", "d mmm yy"; not "hh:mm").
bool isDateFormatCode(std::string_view code);

// A named range as a file writes it: "Sheet1!$A$1:$B$2", "'Biểu 1'!$C$5"
// (xlsx) or "$'Biểu 1'.$C$5:.$D$6" (ods). False when it is not one range of one sheet.
bool parseNamedRange(std::string expr, Area& out);

}  // namespace reportcheck
