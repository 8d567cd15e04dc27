// newlyFailing: the checks a rewrite (Recompute) broke — failing after, not
// failing before, matched by rule id and cell.
#include <gtest/gtest.h>

#include "reportcheck/finding.h"

using namespace reportcheck;

namespace {

Finding at(const std::string& rule, const std::string& sheet, int row, int col,
           Severity sev = Severity::Error) {
    Finding f;
    f.ruleId = rule;
    f.sheet = sheet;
    f.row = row;
    f.col = col;
    f.severity = sev;
    return f;
}

}  // namespace

TEST(NewlyFailing, NothingBrokenWhenAfterFailsLessOrTheSame) {
    Result before, after;
    before.findings = {at("S.pct", "Biểu 2", 3, 2), at("S.sum", "Biểu 2", 8, 2)};
    EXPECT_TRUE(newlyFailing(before, after).empty());
    after.findings = {at("S.sum", "Biểu 2", 8, 2)};  // still failing: not new
    EXPECT_TRUE(newlyFailing(before, after).empty());
}

TEST(NewlyFailing, ACheckThatHeldAndNowFailsIsListed) {
    Result before, after;
    before.findings = {at("S.pct", "Biểu 2", 3, 2), at("S.pct", "Biểu 2", 4, 2)};
    after.findings = {at("S.pct", "Biểu 2", 4, 2), at("S.sum", "Biểu 2", 8, 2)};
    EXPECT_EQ(newlyFailing(before, after), (std::vector<size_t>{1}));
}

TEST(NewlyFailing, MatchedByRuleAndCellTogether) {
    Result before, after;
    before.findings = {at("A", "S", 1, 1)};
    after.findings = {at("B", "S", 1, 1),   // another rule at the same cell
                      at("A", "S", 2, 1),   // the same rule at another row
                      at("A", "T", 1, 1),   // the same rule and cell on another sheet
                      at("A", "S", 1, 1)};  // the same: failed before too
    EXPECT_EQ(newlyFailing(before, after), (std::vector<size_t>{0, 1, 2}));
}

TEST(NewlyFailing, InfosAndFindingsWithoutACellAreNotChecksBroken) {
    Result before, after;
    after.findings = {at("T", "S", 1, 1, Severity::Info), at("M", "S", -1, -1),
                      at("W", "S", 2, 2, Severity::Warning)};
    EXPECT_EQ(newlyFailing(before, after), (std::vector<size_t>{2}));
}
