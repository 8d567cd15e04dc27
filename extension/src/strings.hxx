// Every text a user reads, in Vietnamese and English; the user sees one of the
// two, in LibreOffice's UI language (ui_language.hxx). Menu and function labels
// are localised in the .xcu files.
#pragma once

#include "ui_language.hxx"
#include "ustr.hxx"

#include <string>

#include <rtl/ustring.hxx>

#include "reportcheck/finding.h"
#include "reportcheck/text.h"

namespace rcext {

// The engine's one bilingual text type (reportcheck/text.h): the UI's texts,
// the engine's diagnostics and the errors its readers throw are the same pair.
using Text = reportcheck::Text;

// The text in the current language.
OUString line(const Text& t);
OUString block(const Text& t);  // same as line: kept for multi-line texts
std::string tr(const Text& t);
std::string tr(const std::string& vi, const std::string& en);
// Replace {0}, {1} ... in both languages.
Text fill(const Text& t, std::initializer_list<std::string> args, std::string& viOut, std::string& enOut);

// A bilingual text computed at run time (limit notes, snapshot notes): the same
// Text, with the current language at hand for the many callers that want it.
struct Note : Text {
    Note() = default;
    Note(std::string vi, std::string en) : Text{std::move(vi), std::move(en)} {}
    Note(const Text& t) : Text(t) {}  // NOLINT: a Text is a Note
    std::string line() const { return in(english() ? "en" : "vi"); }  // the current language
};
Note note(const Text& t, std::initializer_list<std::string> args);

// What a cell or a report line says when a bound stopped the work: the rules
// saw only part of the workbook, so a count would mislead.
// {"giới hạn: …", "limit: …"}
Note limitNote(const Note& n);
// "giới hạn: …" or "limit: …"
std::string limitText(const Note& n);

// What an exception says, in the current language: the engine's errors carry
// both (reportcheck::TextError); any other says what it says.
std::string errorText(const std::exception& e);

// At most maxBytes of UTF-8 (never cutting a character), "…" when cut: a
// hostile rule's message must not fill a comment or a report cell with megabytes.
std::string clip(const std::string& s, size_t maxBytes = 2000);

// Numbers as the report writes them: vi "87.107" "47,5"; en "87,107" "47.5".
std::string numberVi(double v, int maxDecimals = 2);
std::string numberEn(double v, int maxDecimals = 2);
std::string number(double v, int maxDecimals = 2);  // in the current language

std::string severityVi(reportcheck::Severity s);
std::string severityEn(reportcheck::Severity s);
std::string severityText(reportcheck::Severity s);  // in the current language

namespace msg {
extern const Text kTitle;
extern const Text kNoDocument;
extern const Text kNotSpreadsheet;
extern const Text kNoChecksYet;
extern const Text kNoChecks;
extern const Text kUnknownSet;
extern const Text kNoBundledSets;
extern const Text kNeedSetName;
extern const Text kChooseSet;
extern const Text kUseSet;
extern const Text kEmbedFromFile;
extern const Text kClose;
extern const Text kSetChosen;
extern const Text kEmbeddedStillWin;
extern const Text kRulesError;
extern const Text kReading;
extern const Text kRunning;
extern const Text kMarking;
extern const Text kWritingReport;
extern const Text kProtectedSheet;
extern const Text kMissingSheet;
extern const Text kUserComment;
extern const Text kRecomputeUndo;
extern const Text kMarkUndo;
extern const Text kClearUndo;
extern const Text kUnexpected;
extern const Text kOutOfMemory;
extern const Text kLimit;
extern const Text kSheetCellsCut;
extern const Text kSheetTextCut;
extern const Text kSheetsCut;
extern const Text kNamesCut;
extern const Text kErrorTextsCut;
extern const Text kRulesTooLarge;
extern const Text kRulesTooManyParts;
extern const Text kFindingsListed;
extern const Text kCellsMarked;
extern const Text kCommentsBounded;
extern const Text kTooManyWrites;
extern const Text kEvalTooLong;
extern const Text kEvalTooManyValues;
extern const Text kNeedPath;
extern const Text kNoEmbedded;
extern const Text kEmbedded;
extern const Text kRecomputeSummary;
extern const Text kExported;
extern const Text kCannotWrite;
extern const Text kSuggested;
extern const Text kSuspectHere;
extern const Text kRecomputeKept;
extern const Text kRecomputeBroke;
extern const Text kRecomputeBrokeLine;
extern const Text kBrokenByRecompute;
}  // namespace msg

}  // namespace rcext
