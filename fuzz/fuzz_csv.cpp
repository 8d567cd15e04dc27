// A .csv from a stranger, as bytes: read it as readWorkbook does (orcus's CSV
// parser with our separator, number and ISO date rules: engine/src/orcus_reader.cpp)
// and, when it reads, run the fixed rules of workbook_rules.h on it. The sheet
// of a CSV is named after the file: "Biểu 1.csv" gives the rules' sheet.
// Expected outcomes: ReadError or a Result; anything else is a bug.

#include <cstddef>
#include <cstdint>
#include <string>

#include "orcus_reader.h"
#include "workbook_rules.h"
#include "reportcheck/read.h"
#include "reportcheck/rules.h"

using namespace reportcheck;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const RuleSet rules = RuleSet::compile(rcfuzz::kWorkbookRules, "fuzz_csv.rules");
    // A std::string, as readWorkbook's bytes always are: orcus may read the NUL after them.
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    Workbook wb;
    try {
        wb = readWithOrcusBytes(bytes, OrcusFormat::Csv, "Biểu 1.csv");
    } catch (const ReadError&) {
        return 0;
    }
    rules.run(wb);
    return 0;
}
