// The one data path: Calc document -> snapshot -> RuleSet::run -> Result.
#pragma once

#include "ustr.hxx"

#include <functional>
#include <string>

#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>

#include "reportcheck/finding.h"
#include "rules_source.hxx"
#include "snapshot.hxx"

namespace rcext {

struct Run {
    LoadedRules rules;
    reportcheck::Result result;
    SnapshotInfo info;
    double snapshotMs = 0, runMs = 0;
};

// Throws NoRulesError, reportcheck::RulesError, std::exception, css::uno::Exception.
Run runRules(const css::uno::Reference<css::uno::XComponentContext>& ctx,
             const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc,
             const SnapshotProgress& progress = {});

// A readable, bilingual description of any exception in flight (call inside catch).
std::string describeCurrentException();

}  // namespace rcext
