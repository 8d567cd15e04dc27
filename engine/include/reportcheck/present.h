// Presenters for the command line: terminal text, JSON, HTML.
#pragma once

#include <string>
#include <vector>

#include "reportcheck/finding.h"
#include "reportcheck/workbook.h"

namespace reportcheck {

struct FileReport {
    std::string path;
    std::string rulesOrigin;   // "embedded" | path of --rules | "bundled:NAME" | "" (no rules ran)
    bool ok = true;            // false: the file or its rules could not be read
    std::string error;         // when !ok
    Result result;
    std::vector<ReadNote> notes;  // Workbook::notes: what reading the file left out
};

// Numbers as the report writes them: vi "87.107" "47,5"; en "87,107" "47.5".
// Trailing zeros are dropped unless `fixed` (a cell shown with 1 decimal: "50,0").
std::string formatNumber(double v, const std::string& lang, int maxDecimals = 2, bool fixed = false);

// A JSON string literal (quoted, escaped) of UTF-8 text.
std::string jsonString(const std::string& s);

// What localisation says about a failing finding, one line: "most likely wrong:
// F26 (8; 15 would make the 2 failing checks hold)", ties named; "" when nothing.
std::string suspectsText(const Finding& f, const std::string& lang);

std::string presentText(const FileReport& r, const std::string& lang, bool color = false);
std::string presentSummaryLine(const FileReport& r, const std::string& lang);
std::string presentJson(const std::vector<FileReport>& reports);
std::string presentHtml(const std::vector<FileReport>& reports, const std::string& lang);

}  // namespace reportcheck
