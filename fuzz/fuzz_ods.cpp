// An .ods from a stranger, as bytes: read it and, when it reads, run a few
// fixed rules on it (labels, column numbers, headers, names, a total and a
// target), so odd workbooks reach the evaluator too, and draft rules from it
// (suggest runs on the same strangers' workbooks, in the CLI and in Calc).
// Expected outcomes: OdsError or a Result; anything else is a bug.
// The custom mutator mostly mutates the XML inside the package (see package.h).

#include <cstddef>
#include <cstdint>
#include <string>

#include "package.h"
#include "workbook_rules.h"
#include "reportcheck/ods.h"
#include "reportcheck/rules.h"
#include "reportcheck/suggest.h"

using namespace reportcheck;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const RuleSet rules = RuleSet::compile(rcfuzz::kWorkbookRules, "fuzz_ods.rules");
    Workbook wb;
    try {
        wb = readOdsMemory(std::string(reinterpret_cast<const char*>(data), size), "fuzz.ods");
    } catch (const OdsError&) {
        return 0;
    }
    rules.run(wb);
    suggestRelations(wb);
    return 0;
}

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t maxSize, unsigned int seed) {
    return rcfuzz::mutatePackage(data, size, maxSize, seed);
}
