#include "pipeline.hxx"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <new>
#include <set>

#include "ustr.hxx"

using namespace css;
using namespace css::uno;

namespace rcext {

Prepared prepareRun(const Reference<XComponentContext>& ctx, const Reference<sheet::XSpreadsheetDocument>& doc,
                    const SnapshotProgress& progress) {
    Prepared p;
    auto t0 = std::chrono::steady_clock::now();
    p.run.rules = loadRules(ctx, doc);
    p.run.info.timings.add("rules.load",
                           std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    t0 = std::chrono::steady_clock::now();
    p.workbook = snapshot(doc, &p.run.info, progress);
    p.run.snapshotMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return p;
}

void executeRun(Prepared& p) {
    Run& run = p.run;
    auto t0 = std::chrono::steady_clock::now();
    run.result = run.rules.rules->run(p.workbook);
    run.runMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    // What presenters need from the snapshot, taken before it goes: each
    // finding's row label and the decimals its cell shows.
    reportcheck::labelRows(run.result, p.workbook);
    const size_t shown = std::min(run.result.findings.size(), kMaxShownDecimals);
    run.shownDecimals.assign(shown, -1);
    for (size_t i = 0; i < shown; ++i) {
        const auto& f = run.result.findings[i];
        const reportcheck::Sheet* sh = f.sheet.empty() ? nullptr : p.workbook.sheet(f.sheet);
        if (sh && f.row >= 0 && f.col >= 0) run.shownDecimals[i] = static_cast<signed char>(sh->at(f.row, f.col).decimals);
    }
    p.workbook = reportcheck::Workbook();  // a large snapshot is freed at once
    run.limits = run.info.limits;
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& f : run.result.findings)
        if (f.kind == reportcheck::FindingKind::Limit && seen.insert({f.message.vi, f.message.en}).second)
            run.limits.push_back(Note{f.message.vi, f.message.en});
    // The engine counts each rule's outcome (Result::rules); RC.RULE only looks it up.
    for (const auto& o : run.result.rules)
        run.byRule[o.ruleId] = RuleTally{static_cast<int>(std::min<std::uint64_t>(o.findings, INT32_MAX)), o.status};
}

Run runRules(const Reference<XComponentContext>& ctx, const Reference<sheet::XSpreadsheetDocument>& doc,
             const SnapshotProgress& progress) {
    Prepared p = prepareRun(ctx, doc, progress);
    executeRun(p);
    return std::move(p.run);
}

namespace {

std::string describe() {
    try {
        throw;
    } catch (const NoRulesError& e) {
        // Short: it is also what every RC.* cell shows. Validate explains more.
        if (e.set.empty()) return tr(msg::kNoChecksYet);
        return note(msg::kUnknownSet, {clip(e.set, 200)}).line();
    } catch (const LimitError& e) {
        return limitText(e.note);
    } catch (const reportcheck::RulesError& e) {
        std::string vi, en;
        fill(msg::kRulesError, {std::to_string(e.diagnostics().size())}, vi, en);
        std::string out = tr(vi, en);
        size_t shown = 0;
        for (const auto& d : e.diagnostics()) {
            if (++shown > 20) { out += "\n…"; break; }
            out += "\n" + clip(d.format(langCode()), 500);
        }
        return out;
    } catch (const std::bad_alloc&) {
        return limitText(note(msg::kOutOfMemory, {}));
    } catch (const Exception& e) {
        std::string vi, en;
        fill(msg::kUnexpected, {clip(u8(e.Message), 500)}, vi, en);
        return tr(vi, en);
    } catch (const std::exception& e) {
        std::string vi, en;
        fill(msg::kUnexpected, {clip(errorText(e), 500)}, vi, en);
        return tr(vi, en);
    } catch (...) {
        std::string vi, en;
        fill(msg::kUnexpected, {"?"}, vi, en);
        return tr(vi, en);
    }
}

}  // namespace

std::string describeCurrentException() noexcept {
    try {
        return describe();
    } catch (...) {
        // Building the text failed too (out of memory): a fixed one.
        try {
            return english() ? "Unexpected error" : "Lỗi không mong đợi";
        } catch (...) {
            return {};
        }
    }
}

}  // namespace rcext
