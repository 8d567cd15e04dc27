// Presenters for the command line: terminal text, JSON, HTML.
#pragma once

#include <string>
#include <vector>

#include "reportcheck/arithmetic.h"  // formatNumber
#include "reportcheck/finding.h"
#include "reportcheck/rule_info.h"
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


// A JSON string literal (quoted, escaped) of UTF-8 text.
std::string jsonString(const std::string& s);
// A JSON number (15 significant digits, no "-0"); null when not finite.
std::string jsonNumber(double v);

// Where the finding is, in the table's words: "Cơ cấu (%) – 2017, Thành thị"
// (block – row label, column header); "ô C5" / "cell C5" when the table gives
// no words; "" when the finding is not tied to a cell.
std::string findingPlace(const Finding& f, const std::string& lang);
// What localisation says about a failing finding, one line: "most likely wrong:
// F26 (8; 15 would make the 2 failing checks hold)", ties named; "" when nothing.
std::string suspectsText(const Finding& f, const std::string& lang);
// A suspect's value or fix as the report writes it (a date cell: 31/12/2024).
std::string suspectValue(const Suspect& c, double v, const std::string& lang);

// `perRule`: the per-rule table (presentOutcomesText) after the findings.
std::string presentText(const FileReport& r, const std::string& lang, bool color = false, bool perRule = false);
// The one summary sentence of a run: "3 lỗi, 2 cảnh báo, 1 thông tin — 213 quy
// tắc, 4 quy tắc không đạt" / "3 errors, 2 warnings, 1 notes — 213 rules, 4
// failing". The command line and the report sheet both write this.
std::string resultSentence(const Result& result, const std::string& lang);
// "path: <resultSentence> (rules: origin)", or why the file was not checked.
std::string presentSummaryLine(const FileReport& r, const std::string& lang);
// One line per rule: verdict, instances passed / failed / skipped and why.
std::string presentOutcomesText(const Result& result, const std::string& lang);
// One rule's verdict and why its instances were skipped, in the reader's language.
std::string outcomeVerdict(const RuleOutcome& u, const std::string& lang);
std::string outcomeSkippedWhy(const RuleOutcome& u, const std::string& lang);
std::string presentJson(const std::vector<FileReport>& reports);
std::string presentHtml(const std::vector<FileReport>& reports, const std::string& lang);

// `reportcheck rules`: the rules of one file (a rules file or a workbook's).
struct RulesListing {
    std::string path;
    std::string origin;           // as FileReport::rulesOrigin
    std::vector<RuleInfo> rules;
};
std::string presentRulesText(const RulesListing& listing, const std::string& lang);
std::string presentRulesJson(const std::vector<RulesListing>& listings);

}  // namespace reportcheck
