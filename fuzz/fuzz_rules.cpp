// Rules text from a stranger (as if embedded in a workbook): compiled with the
// untrusted limits and, when it compiles, run on the report's workbook.
// Expected outcomes: diagnostics (RulesError) or a Result; anything else
// escaping, a sanitizer report, a hang (-timeout) or too much memory is a bug.
#include <cstddef>
#include <cstdint>

#include "fixture.h"
#include "reportcheck/ods.h"
#include "reportcheck/rules.h"

using namespace reportcheck;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // The report's workbook: its sheets, labels, column numbers, headers and
    // names are what real rules look for, so mutated rules reach the evaluator.
    static const Workbook wb = readOds(rcfuzz::sourcePath("sample-workbooks/bao-cao-536.ods"));
    const std::string text(reinterpret_cast<const char*>(data), size);
    RuleSet rules;
    try {
        rules = RuleSet::compile(text, "fuzz.rules", Limits::untrusted());
    } catch (const RulesError&) {
        return 0;
    }
    rules.run(wb);
    return 0;
}
