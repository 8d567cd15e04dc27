// The one data path: Calc document -> snapshot -> RuleSet::run -> Result.
#pragma once

#include "ustr.hxx"

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>

#include "reportcheck/finding.h"
#include "rules_source.hxx"
#include "snapshot.hxx"
#include "strings.hxx"

namespace rcext {

// One rule's outcome in a run, for the RC.RULE cells.
struct RuleTally {
    int failing = 0;  // error and warning findings
    reportcheck::TargetStatus status = reportcheck::TargetStatus::None;  // a target's first status
};

// Findings whose cell's shown decimals are kept (the report sheet lists at most 5000).
inline constexpr size_t kMaxShownDecimals = 5000;

struct Run {
    LoadedRules rules;
    reportcheck::Result result;
    SnapshotInfo info;
    // Every bound that cut this run short: the snapshot's, then the engine's
    // `limit` findings. When not empty the result covers only part of the workbook.
    std::vector<Note> limits;
    // Per rule id, counted once per run: thousands of RC.RULE cells look their
    // rule up instead of each scanning every finding.
    std::unordered_map<std::string, RuleTally> byRule;
    // Per finding (same order as result.findings, at most kMaxShownDecimals
    // of them): the decimals its cell shows, -1 unknown — the report sheet writes
    // expected and actual as the cell shows them. Read before the snapshot is freed.
    std::vector<signed char> shownDecimals;
    double snapshotMs = 0, runMs = 0;
};

// A run in two halves, so the live results can run the rules off the main
// thread: prepareRun reads the document (rules and snapshot; main thread, it
// calls UNO), executeRun runs the rules over the snapshot (any thread, no UNO)
// and frees it.
struct Prepared {
    Run run;
    reportcheck::Workbook workbook;
};
Prepared prepareRun(const css::uno::Reference<css::uno::XComponentContext>& ctx,
                    const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc,
                    const SnapshotProgress& progress = {});
void executeRun(Prepared& p);

// Both halves at once. Throws NoRulesError, LimitError, reportcheck::RulesError,
// std::exception, css::uno::Exception.
Run runRules(const css::uno::Reference<css::uno::XComponentContext>& ctx,
             const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc,
             const SnapshotProgress& progress = {});

// A readable, bilingual description of any exception in flight (call inside
// catch). Never throws: it is what every UNO entry point answers with.
std::string describeCurrentException() noexcept;

}  // namespace rcext
