// The meta.xml of an .ods from a stranger: its user-defined properties are
// reassembled into embedded rules, compiled as untrusted and run on the
// workbook they came with — the command line's path for embedded rules.
// The input becomes meta.xml of a package holding the content and styles of
// tests/fixtures/small.ods (whose sheet the fixture's embedded rules check),
// read with readOdsMemory.
// Expected outcomes: OdsError, RulesError or a Result; anything else is a bug.

#include <cstddef>
#include <cstdint>
#include <stdexcept>

#include "fixture.h"
#include "package.h"
#include "reportcheck/ods.h"
#include "reportcheck/rules.h"

using namespace reportcheck;

namespace {

rcfuzz::Entries carrier() {
    rcfuzz::Entries all, kept;
    if (!rcfuzz::unpack(rcfuzz::readSourceFile("tests/fixtures/small.ods"), all))
        throw std::runtime_error("cannot unpack tests/fixtures/small.ods");
    for (auto& e : all)
        if (e.first == "content.xml" || e.first == "styles.xml") kept.push_back(std::move(e));
    kept.emplace_back("meta.xml", std::string());
    return kept;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static rcfuzz::Entries package = carrier();
    package.back().second.assign(reinterpret_cast<const char*>(data), size);
    Workbook wb;
    try {
        wb = readOdsMemory(rcfuzz::pack(package), "fuzz.ods");
    } catch (const OdsError&) {
        return 0;
    }
    if (wb.embeddedRules.empty()) return 0;
    RuleSet rules;
    try {
        rules = RuleSet::compile(wb.embeddedRules, "fuzz.ods#embedded", Limits::untrusted());
    } catch (const RulesError&) {
        return 0;
    }
    rules.run(wb);
    return 0;
}
