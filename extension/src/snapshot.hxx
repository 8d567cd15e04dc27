// Calc document -> reportcheck::Workbook, read in bulk: per sheet the used area
// (XUsedAreaCursor) and one XCellRangeData::getDataArray per block of rows
// (about kBlockCells cells: the memory of one read stays bounded and the
// caller's progress is told between blocks),
// error cells through queryFormulaCells(FormulaResult::ERROR) on a sheet
// whose bulk read gave an error (a void value), named ranges
// from the document's NamedRanges. (The embedded rules are read by
// rules_source.cxx, not here: Workbook::embeddedRules stays empty.)
//
// A shared workbook is untrusted: a sheet's used area can be 1,048,576 x 16,384
// cells. Everything read is bounded (cells, text bytes, sheets, names, error
// cells); whatever a bound cuts is said in SnapshotInfo::limits.
#pragma once

#include "ustr.hxx"

#include <functional>
#include <string>
#include <vector>

#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>

#include "reportcheck/workbook.h"
#include "strings.hxx"
#include "timings.hxx"

namespace rcext {

inline constexpr const char* kReportSheet = "ReportCheck";
// A1 of our report sheet starts with this: a user's own sheet that happens to
// be called "ReportCheck" is never read as ours, replaced or removed.
// The title follows the UI language: either one marks the sheet as ours.
inline constexpr const char* kReportTitle = "ReportCheck — Kết quả kiểm tra";
inline constexpr const char* kReportTitleEn = "ReportCheck — Validation result";

bool isReportSheet(const css::uno::Reference<css::sheet::XSpreadsheet>& sheet);
// Names of our report sheets in the document.
std::vector<OUString> reportSheetNames(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc);
// Bounds per workbook. Cells: a cut sheet keeps its first rows (the rules
// address tables from the top). At ~60 bytes a stored cell, 5 million cells
// bound the snapshot's memory to a few hundred MB.
inline constexpr long kMaxSnapshotCells = 5000000;
inline constexpr size_t kMaxSnapshotTextBytes = 64u << 20;  // UTF-8 of all text cells
inline constexpr int kMaxSnapshotSheets = 1000;
inline constexpr int kMaxSnapshotNames = 10000;
inline constexpr long kMaxErrorTexts = 100000;  // error cells whose text is read one by one
// Cells per getDataArray: 50,000 take about 30 ms here, the longest the
// window waits between two blocks of a large sheet.
inline constexpr long kBlockCells = 50000;

struct SnapshotInfo {
    long cells = 0;          // cells read (empty ones included)
    size_t textBytes = 0;
    std::vector<Note> limits;  // what a bound cut, one note per cut
    Timings timings;           // snapshot.fetch (.get .free .wait .told), snapshot.convert (.busy), .decimals, .errors
};

// progress(done, total, sheetName): how far the read is, done/total (per
// sheet kProgressSteps steps); called before each sheet and after each block of
// rows it reads, so that a caller on the main thread can let the window answer
// between blocks (a 100,000-row sheet is read in about ten).
inline constexpr int kProgressSteps = 1000;
using SnapshotProgress = std::function<void(int, int, const std::string&)>;

reportcheck::Workbook snapshot(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc,
                               SnapshotInfo* info = nullptr,
                               const SnapshotProgress& progress = {});

}  // namespace rcext
