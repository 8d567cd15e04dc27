// The report sheet "ReportCheck": a summary and one row per finding (sheet,
// cell with a HYPERLINK jump, rule, severity, expected, actual, difference,
// message vi, message en, the cell localisation names most likely wrong with
// a jump, what it says in vi and en). Numbers written as the report writes them (87.107; 47,5).
#pragma once

#include "ustr.hxx"

#include <string>
#include <vector>

#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>

#include "reportcheck/finding.h"

namespace rcext {

// Finding rows written at most (each row also gets a colour and a jump formula).
inline constexpr int kMaxReportFindings = 5000;

struct ReportInfo {
    std::string origin;              // where the rules came from
    std::vector<std::string> notes;  // extra bilingual lines (protected sheets ...)
};

// The summary sentence {vi, en}: reportcheck::resultSentence in each language.
std::pair<std::string, std::string> summaryText(const reportcheck::Result& r);

// Replace the report sheet. Returns the number of finding rows written (at most
// kMaxReportFindings; the caller says in a note how many were left out).
int writeReportSheet(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc,
                     const reportcheck::Result& result, const ReportInfo& info);

// Excel-style quoting for a sheet name in a reference: 'Biểu 3' ('' for ').
std::string quoteSheet(const std::string& name);

}  // namespace rcext
