// Where the rules come from, in this order: rules embedded in the workbook
// (user-defined document properties, embedding.h; compiled with
// Limits::untrusted()), a rules file named by REPORTCHECK_RULES, the rules
// bundled in the .oxt (rules/report-536.rules).
#pragma once

#include "ustr.hxx"

#include <map>
#include <memory>
#include <string>

#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>

#include "reportcheck/rules.h"
#include "strings.hxx"

namespace rcext {

struct LoadedRules {
    std::shared_ptr<const reportcheck::RuleSet> rules;
    std::string origin;      // "embedded" | file path | "bundled"
    std::string originKind;  // "embedded" | "file" | "bundled"
    std::string text;        // the rules text that was compiled
};

// Thrown when no rules are available at all.
struct NoRulesError : std::runtime_error {
    NoRulesError() : std::runtime_error("no rules") {}
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

// Path of the rules bundled in the installed .oxt ("" when the .oxt has none).
std::string bundledRulesPath(const css::uno::Reference<css::uno::XComponentContext>& ctx);

// Read a rules file, with `include "x.rules"` lines replaced by the file's text
// (relative to the including file), as embedding needs. Throws std::runtime_error.
std::string readRulesFileInlined(const std::string& path);

// The rules for a document (compiled once per distinct text; cached).
// Throws NoRulesError, reportcheck::RulesError, std::runtime_error.
LoadedRules loadRules(const css::uno::Reference<css::uno::XComponentContext>& ctx,
                      const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc);

// Compile text as untrusted embedded rules (for checking before embedding).
// Failures are remembered like successes: a text that does not compile is not
// compiled again for every cell that asks.
std::shared_ptr<const reportcheck::RuleSet> compileUntrusted(const std::string& text);

}  // namespace rcext
