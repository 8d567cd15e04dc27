// Reading .ods files without LibreOffice (libzip + libxml2).
#pragma once

#include <map>
#include <stdexcept>
#include <string>

#include "reportcheck/text.h"
#include "reportcheck/workbook.h"

namespace reportcheck {

// A damaged .ods or one beyond the reader's bounds; text() says which in both
// languages, starting with the path.
class OdsError : public TextError {
public:
    using TextError::TextError;
};

// How a large content.xml is read: by default a second thread parses its
// second half, from a row start found past splitAt of its bytes, while the
// calling thread parses the first; the second half is kept only when the first
// half's parse, arrived at that byte, is in the very state the second half
// assumed (docs/READERS.md, "Two halves"). Otherwise the calling thread reads
// on alone. Either way the Workbook, its notes and any error are the ones a
// single parse gives. These options exist for the tests and benchmarks.
struct OdsReadOptions {
    long long splitMinBytes = 8LL << 20;  // content.xml at least this large (by the zip's count); < 0: never split
    // Where the second half starts looking for a row, as a fraction of
    // content.xml: past the middle, as the second thread first inflates (and
    // drops) the bytes before it; measured on the 100k sheet (docs/BENCHMARKS.md).
    double splitAt = 0.52;
};
// What happened to a read, for the tests and benchmarks.
struct OdsReadStats {
    bool splitTried = false;  // a second thread was started
    bool splitUsed = false;   // its half was kept
    long long cut = -1;       // the byte of content.xml where its half began; -1 none
};

// Reads values (numbers, text, error cells, formulas' cached values), named
// ranges and embedded rules. Never writes the file. Throws OdsError.
Workbook readOds(const std::string& path);
Workbook readOds(const std::string& path, const OdsReadOptions& options, OdsReadStats* stats = nullptr);
// The same from the bytes of an .ods; `name` stands for the file in messages.
Workbook readOdsMemory(const std::string& bytes, const std::string& name);
Workbook readOdsMemory(const std::string& bytes, const std::string& name, const OdsReadOptions& options,
                       OdsReadStats* stats = nullptr);

}  // namespace reportcheck
