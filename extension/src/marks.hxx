// Marks on the checked sheets: a background colour on every cell with an error
// or warning finding and on every cell localisation names as most likely wrong
// (its own colour, "Có thể sai ở đây"), set in bulk (one XSheetCellRanges per
// sheet and colour); a comment with the message on the first kMaxComments of
// them (the report sheet lists them all and says so). What was there
// before is stored in the document property ReportCheck.Marks (so it
// survives save), and Clear restores it exactly: the cell's own background
// (direct or from its style) and any comment that was the user's own (we
// never touch a user's comment).
#pragma once

#include "ustr.hxx"

#include <string>
#include <vector>

#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>

#include "reportcheck/finding.h"
#include "strings.hxx"
#include "timings.hxx"

namespace rcext {

inline constexpr const char* kMarksProperty = "ReportCheck.Marks";
inline constexpr sal_Int32 kErrorColor = 0xFFC7CE;    // light red
inline constexpr sal_Int32 kWarningColor = 0xFFEB9C;  // light yellow
// A cell error localisation names as most likely wrong (Finding::suspects):
// light violet, so that it never reads as one more failing total.
inline constexpr sal_Int32 kSuspectColor = 0xD9C3F0;
inline constexpr const char* kCommentMarker = "ReportCheck";
// Cells marked per Validate at most: a hostile rule set can fail on millions
// of cells, and each mark is a comment whose caption Calc lays out (about 6 ms
// each here: 5000 marks took 30 s, 1000 take about 6 s).
inline constexpr int kMaxMarkedCells = 1000;
// Comments written per Validate at most: a comment is a drawing object whose
// caption Calc creates, lays out and keeps for undo (insertNew: 3-4 ms each
// here, 2026-11-30, "marks.comments.insert"; 100 took 580 ms of a 2.5 s
// Validate of 100,000 rows with 1,000 findings), so past this many the marked
// cells keep only their colour and are found in the report sheet's list,
// which says so (as does the info bar).
inline constexpr int kMaxComments = 50;
// Records of ReportCheck.Marks restored at most (ours never hold more than
// kMaxMarkedCells; marks made before that bound may hold more).
inline constexpr size_t kMaxMarkRecords = 20000;
// A comment's box: lines of at most kCommentWidthChars characters (Calc's
// default 9 pt font), kCommentWidth wide (1/100 mm), at least
// kCommentLineHeight per line; Calc grows the height to the text it lays out
// (TextAutoGrowHeight). Sized to its text, it covers only the cells it needs.
inline constexpr size_t kCommentWidthChars = 48;
inline constexpr sal_Int32 kCommentWidth = 9000;
inline constexpr sal_Int32 kCommentLineHeight = 420;
inline constexpr sal_Int32 kCommentPadding = 300;
// Findings listed in one cell's comment at most.
inline constexpr size_t kMaxFindingsPerComment = 20;

struct MarkStats {
    int cellsMarked = 0;
    int suspectsMarked = 0;  // of cellsMarked: cells in the suspect colour (suspects without a finding of their own)
    int commentsAdded = 0;
    int keptUserComments = 0;
    int withoutComment = 0;  // marked cells past kMaxComments: colour only, listed on the report sheet
    // Where the time went, for the benchmark's breakdown (scripts/bench_calc.py):
    // applyMarks, the comments within it; the caller's clearing and report sheet.
    double ms = 0, commentsMs = 0, clearMs = 0, reportMs = 0;
    Timings timings;  // marks.* and clear.* steps
    std::vector<std::string> protectedSheets;  // "name\tfindings"
    std::vector<std::string> notes;            // bilingual lines for the report
    std::vector<Note> limits;                  // what kMaxMarkedCells left unmarked, kMaxComments uncommented
};

// `text` in lines of at most `width` characters, broken between words;
// its own line breaks kept.
std::string wrapComment(const std::string& text, size_t width);

// Clear previous marks, then mark the findings. Returns what was done.
MarkStats applyMarks(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc,
                     const reportcheck::Result& result);

// Restore what marking changed; returns the number of cells restored. The
// report sheet is removed too unless the caller is about to write a new one.
int clearMarks(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc, bool removeReportSheet = true,
               Timings* timings = nullptr);

}  // namespace rcext
