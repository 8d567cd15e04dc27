#include "reportcheck/finding.h"

#include "reportcheck/workbook.h"

#include <set>
#include <tuple>
#include "text_util.h"

namespace reportcheck {

const char* severityName(Severity s) {
    switch (s) {
        case Severity::Error: return "error";
        case Severity::Warning: return "warning";
        case Severity::Info: return "info";
    }
    return "error";
}

const char* findingKindName(FindingKind k) {
    switch (k) {
        case FindingKind::Check: return "check";
        case FindingKind::Target: return "target";
        case FindingKind::CellError: return "cell-error";
        case FindingKind::TextNumber: return "text-number";
        case FindingKind::NotNumber: return "not-number";
        case FindingKind::Undefined: return "undefined";
        case FindingKind::MissingRef: return "missing-ref";
        case FindingKind::Limit: return "limit";
    }
    return "check";
}

const char* RuleOutcome::verdict() const {
    if (failed > 0 || findings > 0) return "failed";
    return passed > 0 ? "passed" : "skipped";
}

const char* targetStatusVi(TargetStatus s) {
    switch (s) {
        case TargetStatus::Met: return "đạt";
        case TargetStatus::Exceeded: return "vượt";
        case TargetStatus::NotMet: return "không đạt";
        case TargetStatus::None: return "";
    }
    return "";
}

const char* targetStatusEn(TargetStatus s) {
    switch (s) {
        case TargetStatus::Met: return "met";
        case TargetStatus::Exceeded: return "exceeded";
        case TargetStatus::NotMet: return "not met";
        case TargetStatus::None: return "";
    }
    return "";
}

std::string Finding::cell() const { return row >= 0 && col >= 0 ? cellName(row, col) : std::string(); }
std::string Suspect::cell() const { return cellName(row, col); }

static int countSeverity(const std::vector<Finding>& f, Severity s) {
    int n = 0;
    for (const auto& x : f) n += x.severity == s;
    return n;
}
int Result::errors() const { return countSeverity(findings, Severity::Error); }
int Result::warnings() const { return countSeverity(findings, Severity::Warning); }
int Result::infos() const { return countSeverity(findings, Severity::Info); }

void labelRows(Result& result, const Workbook& wb) {
    for (auto& f : result.findings) {
        // The evaluator already named the row from the rule's own label columns
        // (its messages use it): only findings without one are filled here.
        if (!f.rowLabel.empty()) continue;
        const Sheet* s = f.row >= 0 ? wb.sheet(f.sheet) : nullptr;
        if (!s) continue;
        for (int c = 0; c < 2 && c < f.col; ++c) {
            const Cell& cell = s->at(f.row, c);
            std::string t = cell.kind == Cell::Kind::Text ? normalizeLabel(cell.text) : "";
            if (!t.empty()) f.rowLabel += (f.rowLabel.empty() ? "" : " ") + t;
        }
    }
}

std::vector<size_t> newlyFailing(const Result& before, const Result& after) {
    auto counts = [](const Finding& f) { return f.severity != Severity::Info && f.row >= 0 && f.col >= 0; };
    std::set<std::tuple<std::string, std::string, int, int>> failed;
    for (const auto& f : before.findings)
        if (counts(f)) failed.emplace(f.ruleId, f.sheet, f.row, f.col);
    std::vector<size_t> broken;
    for (size_t i = 0; i < after.findings.size(); ++i) {
        const Finding& f = after.findings[i];
        if (counts(f) && !failed.count({f.ruleId, f.sheet, f.row, f.col})) broken.push_back(i);
    }
    return broken;
}

}  // namespace reportcheck
