// Calc document -> reportcheck::Workbook, read in bulk: per sheet the used area
// (XUsedAreaCursor) and one XCellRangeData::getDataArray per block of rows,
// error cells through queryFormulaCells(FormulaResult::ERROR), named ranges
// from the document's NamedRanges, embedded rules from the document properties.
#pragma once

#include "ustr.hxx"

#include <functional>
#include <string>

#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>

#include "reportcheck/workbook.h"

namespace rcext {

inline constexpr const char* kReportSheet = "ReportCheck";
// A1 of our report sheet starts with this: a user's own sheet that happens to
// be called "ReportCheck" is never read as ours, replaced or removed.
inline constexpr const char* kReportTitle = "ReportCheck — Kết quả kiểm tra";

bool isReportSheet(const css::uno::Reference<css::sheet::XSpreadsheet>& sheet);
// Names of our report sheets in the document.
std::vector<OUString> reportSheetNames(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc);
// Cells read per workbook at most; beyond it a sheet is cut (a huge sheet must not hang Calc).
inline constexpr long kMaxSnapshotCells = 5000000;

struct SnapshotInfo {
    long cells = 0;
    std::vector<std::string> truncatedSheets;  // sheets cut at kMaxSnapshotCells
};

// progress(sheetIndex, sheetCount, sheetName)
using SnapshotProgress = std::function<void(int, int, const std::string&)>;

reportcheck::Workbook snapshot(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc,
                               SnapshotInfo* info = nullptr,
                               const SnapshotProgress& progress = {});

}  // namespace rcext
