#pragma once

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "reportcheck/rules.h"
#include "reportcheck/workbook.h"

namespace rctest {

// A sheet from rows of cells written as text: "" empty, "=#VALUE!" an error
// cell, "'87.107" text, anything numeric a number, else text.
reportcheck::Sheet& addSheet(reportcheck::Workbook& wb, const std::string& name,
                             const std::vector<std::vector<std::string>>& rows);

reportcheck::Result run(const std::string& rules, const reportcheck::Workbook& wb);

// "rule@cell" strings of findings with error or warning severity, in order.
std::vector<std::string> failures(const reportcheck::Result& r);

// All diagnostics of a rules text as "line:col".
std::vector<std::string> diagPositions(const std::string& rules);

// Copies the .ods `from` to `to` with user-defined document properties added
// to its meta.xml (name -> text), as LibreOffice stores them: a workbook that
// names its rule set (embedding::kRuleSet) or embeds rules, built in the test.
void copyOdsWithProperties(const std::string& from, const std::string& to,
                           const std::map<std::string, std::string>& props);

// Runs `read` with a libxml2 generic error handler of this thread's own set
// (as LibreOffice's would be), then checks that the reader neither called it
// nor left another in its place: the readers borrow it only while they parse.
void expectGenericErrorHandlerKept(const std::function<void()>& read);

// Writes a zip (an .ods when the entries are) into the test's temporary
// directory with libzip, entries in order; returns its path.
std::string writeZip(const std::string& name, const std::vector<std::pair<std::string, std::string>>& entries);

// The same zip in memory (an .ods's or an .xlsx's package), each entry deflated
// unless `deflate` is false; a "mimetype" entry is always stored, as ODF asks.
std::string zipBytes(const std::vector<std::pair<std::string, std::string>>& entries, bool deflate = true);

// content.xml of a spreadsheet: `tables` goes inside <office:spreadsheet>.
std::string contentXml(const std::string& tables);

// A shell command line's exit code and standard output (append " 2>&1" to
// read stderr too): the tests that run the built command line share it.
struct ShellRun {
    int code;
    std::string text;
};
ShellRun runShell(const std::string& command);

}  // namespace rctest
