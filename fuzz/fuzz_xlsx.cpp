// An .xlsx from a stranger, as bytes: read it with the native streaming reader
// (engine/src/xlsx_reader.cpp) and, when it reads, run the fixed rules of
// workbook_rules.h on it, as fuzz_ods does (the seeds' sheet is "Biểu 1" too).
// Expected outcomes: ReadError or a Result; anything else is a bug.
// The custom mutator mostly mutates the XML inside the package (see package.h),
// so that mutations reach the parts' parsers rather than libzip's checks.

#include <cstddef>
#include <cstdint>
#include <string>

#include "package.h"
#include "workbook_rules.h"
#include "reportcheck/read.h"
#include "reportcheck/rules.h"
#include "xlsx_reader.h"

using namespace reportcheck;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const RuleSet rules = RuleSet::compile(rcfuzz::kWorkbookRules, "fuzz_xlsx.rules");
    Workbook wb;
    try {
        wb = readXlsxMemory(std::string(reinterpret_cast<const char*>(data), size), "fuzz.xlsx");
    } catch (const ReadError&) {
        return 0;
    }
    rules.run(wb);
    return 0;
}

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t maxSize, unsigned int seed) {
    return rcfuzz::mutatePackage(data, size, maxSize, seed);
}
