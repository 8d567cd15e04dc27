// Per-rule outcomes (Result::rules), like R validate's summary(): instances
// passed, failed, skipped and why, the findings under each rule, a target's status.
#include <gtest/gtest.h>

#include "reportcheck/present.h"
#include "test_util.h"

using namespace reportcheck;
using rctest::addSheet;

namespace {

Workbook book() {
    Workbook wb;
    addSheet(wb, "S", {
        {"Nhãn", "Tổng", "A", "B"},
        {"x", "5", "2", "3"},       // row 2: holds
        {"y", "9", "2", "3"},       // row 3: fails
        {"z", "", "", ""},          // row 4: all empty
        {"t", "4", "chữ", "1"},     // row 5: text where a number is needed
        {"e", "4", "=#VALUE!", "1"},// row 6: an error cell
        {"d", "4", "0", "0"},       // row 7
    });
    addSheet(wb, "CT", {{"", "", "", "90", "95"}, {"", "", "", "90", ""}});
    return wb;
}

const RuleOutcome& outcome(const Result& r, const std::string& id) {
    for (const auto& o : r.rules)
        if (o.ruleId == id) return o;
    throw std::runtime_error("no outcome for " + id);
}

}  // namespace

TEST(Outcome, CountsInstancesAndWhySkipped) {
    Result r = RuleSet::compile(R"(sheet "S"
check sum: B = C + D
  for rows 2:6
check ratio: B = div(B, C + D)
  for rows 7
check gone: B = @"không có".C
  for rows 2
check nosheet: 'Khác'!B2 = 1
sheet "CT"
target met: E1 at least D1
target notmet: D2 more than 90
target novalue: E2 at least D2
)", "o.rules").run(book());
    ASSERT_EQ(r.rules.size(), 7u);
    EXPECT_EQ(r.rulesRun, 7);
    const RuleOutcome& s = outcome(r, "sum");
    EXPECT_EQ(s.passed, 1u);
    EXPECT_EQ(s.failed, 1u);
    EXPECT_EQ(s.checked(), 2u);
    EXPECT_EQ(s.skippedEmpty, 1u);
    EXPECT_EQ(s.skippedNotNumber, 1u);
    EXPECT_EQ(s.skippedErrorCell, 1u);
    EXPECT_EQ(s.skipped(), 3u);
    EXPECT_EQ(s.findings, 2u);  // the failing row and the text cell (the error cell is "cell-error"'s)
    EXPECT_STREQ(s.verdict(), "failed");

    const RuleOutcome& u = outcome(r, "ratio");
    EXPECT_EQ(u.skippedUndefined, 1u);
    EXPECT_EQ(u.checked(), 0u);
    EXPECT_EQ(u.findings, 1u);  // the `undefined` finding

    EXPECT_EQ(outcome(r, "gone").skippedMissingRef, 1u);
    EXPECT_EQ(outcome(r, "nosheet").skippedMissingRef, 1u);
    EXPECT_EQ(outcome(r, "nosheet").checked(), 0u);

    const RuleOutcome& met = outcome(r, "met");
    EXPECT_EQ(met.passed, 1u);
    EXPECT_EQ(met.findings, 0u);  // met targets are info
    EXPECT_EQ(met.status, TargetStatus::Exceeded);
    EXPECT_STREQ(met.verdict(), "passed");
    const RuleOutcome& notMet = outcome(r, "notmet");
    EXPECT_EQ(notMet.failed, 1u);
    EXPECT_EQ(notMet.status, TargetStatus::NotMet);  // a strict target is not met by its own value
    EXPECT_EQ(notMet.findings, 1u);
    const RuleOutcome& none = outcome(r, "novalue");
    EXPECT_EQ(none.failed, 1u);  // never a silent pass
    EXPECT_EQ(none.status, TargetStatus::None);
}

// A total: one instance per parent and column; a parent whose row is missing
// is one skipped instance.
TEST(Outcome, Totals) {
    Result r = RuleSet::compile(R"(sheet "S"
total t: cols B:D
  "x"
    "y"
  "z"
    "không có"
)", "o.rules").run(book());
    const RuleOutcome& t = outcome(r, "t");
    EXPECT_EQ(t.failed, 1u);   // B: 5 vs 9
    EXPECT_EQ(t.passed, 2u);   // C and D hold
    EXPECT_EQ(t.skippedMissingRef, 1u);
}

// The rules a stopped run never reached are listed all the same.
TEST(Outcome, EveryRuleHasOne) {
    Limits l;
    l.maxEvaluations = 3;
    std::string text = "sheet \"S\"\n";
    for (int i = 0; i < 5; ++i) text += "check r" + std::to_string(i) + ": B2 = C2 + D2\n";
    Result r = RuleSet::compile(text, "o.rules", l).run(book());
    ASSERT_EQ(r.rules.size(), 5u);
    EXPECT_EQ(r.rules[0].passed, 1u);
    EXPECT_EQ(r.rules[4].skippedLimit, 1u);
    EXPECT_EQ(r.rules[4].checked(), 0u);
}

TEST(Outcome, Presented) {
    FileReport rep;
    rep.path = "b.ods";
    rep.rulesOrigin = "o.rules";
    // Two failing instances and the error cell C6 (a finding of its own).
    rep.result = RuleSet::compile("sheet \"S\"\ncheck sum: B = C + D\n  for rows 2:5\n", "o.rules").run(book());
    std::string text = presentOutcomesText(rep.result, "en");
    EXPECT_NE(text.find("sum   failed"), std::string::npos) << text;
    EXPECT_NE(text.find("(1 empty, 1 not a number)"), std::string::npos) << text;
    EXPECT_NE(presentText(rep, "vi", false, true).find("Từng quy tắc:"), std::string::npos);
    EXPECT_EQ(presentText(rep, "vi").find("Từng quy tắc:"), std::string::npos);
    std::string json = presentJson({rep});
    EXPECT_NE(json.find("\"outcomes\": [\n        {\"rule\": \"sum\", \"verdict\": \"failed\", \"checked\": 2, \"passed\": 1, "
                        "\"failed\": 1, \"skipped\": {\"empty\": 1, \"missingRef\": 0, \"notNumber\": 1"),
              std::string::npos)
        << json;
    EXPECT_EQ(presentSummaryLine(rep, "en"), "b.ods: " + resultSentence(rep.result, "en") + " (rules: o.rules)");
    EXPECT_EQ(resultSentence(rep.result, "en"), "3 errors, 0 warnings, 0 notes — 1 rules, 1 failing");
}
