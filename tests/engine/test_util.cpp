#include "test_util.h"

#include <cstdlib>

using namespace reportcheck;

namespace rctest {

Sheet& addSheet(Workbook& wb, const std::string& name, const std::vector<std::vector<std::string>>& rows) {
    Sheet& s = wb.addSheet(name);
    for (size_t r = 0; r < rows.size(); ++r)
        for (size_t c = 0; c < rows[r].size(); ++c) {
            const std::string& v = rows[r][c];
            if (v.empty()) continue;
            if (v[0] == '=') { s.set(r, c, Cell::makeError(v.substr(1))); continue; }
            if (v[0] == '\'') { s.set(r, c, Cell::makeText(v.substr(1))); continue; }
            char* end = nullptr;
            double d = std::strtod(v.c_str(), &end);
            if (end && *end == '\0') s.set(r, c, Cell::makeNumber(d));
            else s.set(r, c, Cell::makeText(v));
        }
    return s;
}

Result run(const std::string& rules, const Workbook& wb) {
    return RuleSet::compile(rules, "test.rules").run(wb);
}

std::vector<std::string> failures(const Result& r) {
    std::vector<std::string> out;
    for (const auto& f : r.findings)
        if (f.severity != Severity::Info) out.push_back(f.ruleId + "@" + (f.sheet.empty() ? "" : f.sheet + "!") + f.cell());
    return out;
}

std::vector<std::string> diagPositions(const std::string& rules) {
    std::vector<std::string> out;
    for (const auto& d : RuleSet::lint(rules, "t.rules")) out.push_back(std::to_string(d.line) + ":" + std::to_string(d.column));
    return out;
}

}  // namespace rctest
