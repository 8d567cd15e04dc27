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

// How a large worksheet part is read: by default a second thread parses its
// second half, from a row start found past splitAt of its bytes, while the
// calling thread parses the first; the second half is kept only when the
// first half's parse, arrived at that byte, stands where the second half's
// began (xlsx_reader.cpp, "Two halves"; docs/READERS.md). Either way the
// Workbook, its notes and any error are the ones a single parse gives. These
// options exist for the tests, the fuzz target and the benchmarks.
struct XlsxReadOptions {
    long long splitMinBytes = 8LL << 20;  // a worksheet part at least this large (by the zip's count); < 0: never split
    double splitAt = 0.52;                // where the second half starts looking for a row, as a fraction of the part
};
// What happened to a read, for the tests and benchmarks.
struct XlsxReadStats {
    bool splitTried = false;  // a second thread was started (for some sheet)
    bool splitUsed = false;   // a second half was kept
    long long cut = -1;       // the byte of the (last) part where a second half began; -1 none
};
Workbook readXlsx(const std::string& path, const XlsxReadOptions& options, XlsxReadStats* stats = nullptr);
Workbook readXlsxMemory(const std::string& bytes, const std::string& name, const XlsxReadOptions& options,
                        XlsxReadStats* stats = nullptr);

}  // namespace reportcheck
