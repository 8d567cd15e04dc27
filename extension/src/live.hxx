// Live results for RC.RULE / RC.RULESFAILED: Calc has no volatile flag for
// add-in functions, so these return an XVolatileResult. One watcher per
// document listens to its modify events, re-runs the rules once per burst of
// changes (posted to the main loop with AsyncCallback, never inside a
// formula's interpretation) and pushes a value only when it changed. The
// same object is returned for the same document and arguments.
#pragma once

#include "ustr.hxx"

#include <functional>
#include <string>

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

}  // namespace rcext
