// .xlsx -> Workbook, streamed: libzip inflates each part in chunks and
// libxml2's SAX2 push parser reads them, as the .ods reader does. Internal:
// callers use readWorkbook() (reportcheck/read.h). Why not orcus: docs/READERS.md,
// "Why .xlsx is streamed natively".
#pragma once

#include <string>

#include "reportcheck/workbook.h"

namespace reportcheck {

// Values, formulas' cached results (numbers, text, booleans, errors), inline
// strings, decimals from number formats, named ranges. Not embedded rules (the
// caller reads docProps/custom.xml). Bounded: bytes unzipped, XML nodes, text
// between two tags, cells kept, text kept, sheets, styles; a file beyond a
// bound, or not a well-formed package, throws ReadError.
Workbook readXlsx(const std::string& path);
// The same from bytes in memory (the fuzz target fuzz/fuzz_xlsx.cpp); `name`
// stands for the path in messages, and the bounds follow bytes.size().
Workbook readXlsxMemory(const std::string& bytes, const std::string& name);

}  // namespace reportcheck
