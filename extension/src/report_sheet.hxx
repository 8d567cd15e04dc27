// The report sheet "ReportCheck", in the UI language: a summary, the findings
// table (sheet, cell with a HYPERLINK jump, row label, rule, severity, kind,
// expected, actual, difference, message, the cell localisation names most
// likely wrong with a jump, what it says) under an autofilter, then one line
// per rule (checked, passed, failed, skipped and why, target status) so that
// a rule that never ran is visible. Numbers written as the report writes them
// (87.107; 47,5), at the decimals the cell shows.
#pragma once

#include "ustr.hxx"

#include <string>
#include <vector>

#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>

#include "reportcheck/finding.h"
#include "timings.hxx"

namespace rcext {

// Finding rows written at most (each row also gets a colour and a jump formula).
inline constexpr int kMaxReportFindings = 5000;
// From this many rows on, the report sheet is written with Calc's row
// heights and column widths measured only where they matter (report_sheet.cxx).
inline constexpr int kLargeReport = 200;
// Rule lines written at most (a hostile rule set can have many thousands).
inline constexpr int kMaxReportRules = 5000;

struct ReportInfo {
    std::string origin;              // where the rules came from
    std::vector<std::string> notes;  // extra lines (protected sheets ...), in the UI language
    // Per finding, the decimals its cell shows (-1 unknown); may be null or shorter.
    const std::vector<signed char>* shownDecimals = nullptr;
    Timings* timings = nullptr;  // report.* steps, when the caller keeps them
};

// The summary sentence {vi, en}: reportcheck::resultSentence in each language.
std::pair<std::string, std::string> summaryText(const reportcheck::Result& r);

// A finding kind in the user's words ("tổng không khớp" rather than `check`).
std::string kindName(reportcheck::FindingKind k);

// Replace the report sheet. Returns the number of finding rows written (at most
// kMaxReportFindings; the caller says in a note how many were left out).
int writeReportSheet(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc,
                     const reportcheck::Result& result, const ReportInfo& info);

// Excel-style quoting for a sheet name in a reference: 'Biểu 3' ('' for ').
std::string quoteSheet(const std::string& name);

}  // namespace rcext
