// Every text a user reads: Vietnamese first, English second.
// Runtime messages are always bilingual ("vi / en" on one line, "vi\nen" in
// boxes); menu and function labels are localised in the .xcu files.
#pragma once

#include "ustr.hxx"

#include <string>

#include <rtl/ustring.hxx>

#include "reportcheck/finding.h"

namespace rcext {

struct Text {
    const char* vi;
    const char* en;
};

// "vi / en"
OUString line(const Text& t);
// "vi\nen"
OUString block(const Text& t);
// Replace {0}, {1} ... in both languages.
Text fill(const Text& t, std::initializer_list<std::string> args, std::string& viOut, std::string& enOut);

// Numbers as the report writes them: vi "87.107" "47,5"; en "87,107" "47.5".
std::string numberVi(double v, int maxDecimals = 2);
std::string numberEn(double v, int maxDecimals = 2);

std::string severityVi(reportcheck::Severity s);
std::string severityEn(reportcheck::Severity s);

namespace msg {
extern const Text kTitle;
extern const Text kNoDocument;
extern const Text kNotSpreadsheet;
extern const Text kNoRules;
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
}  // namespace msg

}  // namespace rcext
