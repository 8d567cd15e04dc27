// Where the rules come from: the engine's one policy, reportcheck::chooseRules
// (rules_choice.h), decides; this file only says what is on offer in Calc and
// loads what was chosen. On offer: rules embedded in the workbook (user-defined
// document properties, embedding.h; compiled with Limits::untrusted()); a rules
// file named by REPORTCHECK_RULES (the user's file, like the CLI's --rules: a
// test or a rules author sets it); the bundled set the workbook names in
// ReportCheck.RuleSet, among the .rules files shipped in the .oxt. The bundled
// rules are never a fallback: they are one report's, and on another report's
// workbook they misfire (issue 9).
#pragma once

#include "ustr.hxx"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>

#include "reportcheck/rules.h"
#include "reportcheck/rules_choice.h"
#include "strings.hxx"

namespace rcext {

struct LoadedRules {
    std::shared_ptr<const reportcheck::RuleSet> rules;
    std::string origin;      // "embedded" | file path | "bundled:NAME"
    std::string originKind;  // "embedded" | "file" | "bundled"
};

// Thrown when nothing checks the workbook: nothing embedded, no file and no
// bundled set named (`set` empty), or the named set is not bundled (`set` is
// the name asked for).
struct NoRulesError : std::runtime_error {
    explicit NoRulesError(std::string unknownSet = {})
        : std::runtime_error("no rules"), set(std::move(unknownSet)) {}
    std::string set;
};

// A bound for untrusted input was exceeded; what says it is readable as is.
struct LimitError : std::runtime_error {
    explicit LimitError(Note n) : std::runtime_error(n.en), note(std::move(n)) {}
    Note note;
};

// The document's ReportCheck.Rules.* properties. Throws LimitError, before
// converting any of them, when they hold more than embedding::kMaxTotalBytes
// or more chunks than that size needs.
std::map<std::string, std::string> embeddedRuleProperties(
    const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc);
// Reassembled embedded rules text; "" when none. Throws LimitError, or
// std::runtime_error on broken chunks.
std::string embeddedRulesText(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc);
// Replace the embedded rules (removes the old chunks first). Returns the number of chunks.
int embedRules(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc,
               const std::string& text);
// Remove the embedded rules; returns true when there were some.
bool removeEmbeddedRules(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc);

// The rule sets shipped in the installed .oxt (its rules/ directory), sorted by name.
std::vector<reportcheck::BundledRuleSet> bundledSets(const css::uno::Reference<css::uno::XComponentContext>& ctx);

// The bundled set the workbook names (embedding::kRuleSet), trimmed; "" when none.
std::string workbookRuleSet(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc);
// Name the bundled set the workbook was written for (replaces any earlier
// name) and mark the document modified, so saving keeps the choice.
void setWorkbookRuleSet(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc, const std::string& name);

// Read a rules file, with `include "x.rules"` lines replaced by the file's text
// (relative to the including file), as embedding needs. Throws std::runtime_error.
std::string readRulesFileInlined(const std::string& path);

// The rules for a document, as chooseRules picks them (compiled once per
// distinct text or file version; cached).
// Throws NoRulesError, reportcheck::RulesError, std::runtime_error.
LoadedRules loadRules(const css::uno::Reference<css::uno::XComponentContext>& ctx,
                      const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc);

// Compile text as untrusted embedded rules (for checking before embedding).
// Failures are remembered like successes: a text that does not compile is not
// compiled again for every cell that asks.
std::shared_ptr<const reportcheck::RuleSet> compileUntrusted(const std::string& text);

}  // namespace rcext
