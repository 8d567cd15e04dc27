// What a read gives, as text, for comparing two reads of one workbook (the
// tests of reading content.xml in two halves, and fuzz_ods_split): cellsTsv
// (what `reportcheck cells` prints), plus what it leaves out: the exact bits
// of numbers and the date flag, sheet names, named ranges, notes, rules.
#pragma once

#include <cstdio>
#include <string>

#include "reportcheck/read.h"
#include "reportcheck/workbook.h"

namespace rctest {

inline std::string dumpWorkbook(const reportcheck::Workbook& wb) {
    std::string out = "path\t" + wb.path + "\nrule set\t" + wb.ruleSetName + "\nembedded rules\t" + wb.embeddedRules + "\n";
    for (size_t i = 0; i < wb.sheets.size(); ++i) out += "sheet\t" + std::to_string(i) + "\t" + wb.sheets[i].name() + "\n";
    for (const auto& [name, a] : wb.names)
        out += "name\t" + name + "\t" + a.sheet + "\t" + std::to_string(a.row1) + "," + std::to_string(a.col1) + ":" +
               std::to_string(a.row2) + "," + std::to_string(a.col2) + "\n";
    for (const auto& n : wb.notes) out += "note vi\t" + n.vi + "\nnote en\t" + n.en + "\n";
    out += reportcheck::cellsTsv(wb);
    for (size_t i = 0; i < wb.sheets.size(); ++i) {
        const reportcheck::Sheet& s = wb.sheets[i];
        for (int r = 0; r < s.rows(); ++r)
            for (int c = 0; c < s.width(r); ++c) {
                if (s.kind(r, c) != reportcheck::Cell::Kind::Number) continue;
                reportcheck::Cell cell = s.at(r, c);
                char buf[64];
                std::snprintf(buf, sizeof buf, "%a%s", cell.number, cell.date ? " date" : "");
                out += "exact\t" + std::to_string(i) + "\t" + reportcheck::cellName(r, c) + "\t" + buf + "\n";
            }
    }
    return out;
}

}  // namespace rctest
