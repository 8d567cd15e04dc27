// An .xlsx from a stranger, as bytes, read twice: sequentially and with each
// worksheet part forced into two halves (XlsxReadOptions, xlsx_reader.cpp
// "Two halves"). The contract of the split is that nothing shows it: the same
// cells, sheets, names, notes, or the same error in both languages. Any
// difference traps. The custom mutator mostly mutates the XML inside the
// package (see package.h), which is where the halves can disagree.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "package.h"
#include "workbook_dump.h"
#include "reportcheck/read.h"
#include "xlsx_reader.h"

using namespace reportcheck;

namespace {

std::string dumpOrError(const std::string& bytes, const XlsxReadOptions& o) {
    try {
        return rctest::dumpWorkbook(readXlsxMemory(bytes, "fuzz.xlsx", o));
    } catch (const ReadError& e) {
        return "error vi\t" + e.text().vi + "\nerror en\t" + e.text().en + "\n";
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    XlsxReadOptions seq;
    seq.splitMinBytes = -1;
    XlsxReadOptions split;
    split.splitMinBytes = 0;
    // From the input's size, not its bytes: the mutator keeps the zip's tail
    // (where a byte would be read) the same, its size changes with the XML.
    split.splitAt = 0.05 * static_cast<double>(1 + size % 19);
    const std::string a = dumpOrError(bytes, seq), b = dumpOrError(bytes, split);
    if (a != b) {
        size_t i = 0;
        while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
        size_t from = i > 200 ? i - 200 : 0;
        std::fprintf(stderr, "split at %.2f differs from the sequential read at byte %zu\n-- sequential:\n%s\n-- split:\n%s\n",
                     split.splitAt, i, a.substr(from, 600).c_str(), b.substr(from, 600).c_str());
        __builtin_trap();
    }
    return 0;
}

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t maxSize, unsigned int seed) {
    return rcfuzz::mutatePackage(data, size, maxSize, seed);
}
