// Live results for RC.RULE / RC.RULESFAILED: Calc has no volatile flag for
// add-in functions, so these return an XVolatileResult. One watcher per
// document listens to its modify events, re-runs the rules once per burst of
// changes (posted to the main loop with AsyncCallback, never inside a
// formula's interpretation) and pushes a value only when it changed. The
// same object is returned for the same document and arguments, so a sheet
// with 10,000 RC.* cells costs one run per burst, not one per cell.
#pragma once

#include "ustr.hxx"

#include <functional>
#include <memory>
#include <string>
#include <unordered_set>

#include <com/sun/star/sheet/XVolatileResult.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>

namespace rcext {

struct Run;

// compute(run, error): run is null when the rules could not run; error says why.
using LiveCompute = std::function<css::uno::Any(const Run* run, const std::string& error)>;

css::uno::Reference<css::sheet::XVolatileResult> liveResult(
    const css::uno::Reference<css::uno::XComponentContext>& ctx,
    const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc, const std::string& key,
    LiveCompute compute);

// The ids of the document's rules, or why they do not load (`error`), for
// RC.RULE to check its argument while Calc interprets the formula. Loaded once
// per burst of changes and shared by every cell, not loaded once per cell.
struct RuleIds {
    std::unordered_set<std::string> ids;
    std::string error;
};
std::shared_ptr<const RuleIds> liveRuleIds(const css::uno::Reference<css::uno::XComponentContext>& ctx,
                                           const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc);

// The document's rules were embedded or removed: forget them and recompute its RC.* cells.
void liveRulesChanged(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc);

// How many times the document's live results have run the rules (About reports it).
long liveRunCount(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc);

}  // namespace rcext
