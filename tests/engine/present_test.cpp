// What presenters show: the label of a finding's row, and JSON as other
// programs read it (numbers at the precision compared, UTF-8, always valid).
#include <gtest/gtest.h>

#include "reportcheck/present.h"
#include "test_util.h"

using namespace reportcheck;

TEST(RowLabels, TheLabelColumnsOfTheFindingsRow) {
    Workbook wb;
    rctest::addSheet(wb, "Thu chi", {{"TT", "Khoản", "Năm 2024"},
                                     {"I", "Thu", "10"},
                                     {"1", "Thuế  phí", "7"},
                                     {"", "", "3"}});
    Result r;
    auto at = [](const std::string& sheet, int row, int col) {
        Finding f;
        f.sheet = sheet;
        f.row = row;
        f.col = col;
        return f;
    };
    r.findings = {at("Thu chi", 1, 2), at("Thu chi", 2, 2), at("Thu chi", 2, 1), at("Thu chi", 3, 2),
                  at("Thu chi", -1, -1), at("Không có", 1, 2)};
    labelRows(r, wb);
    EXPECT_EQ(r.findings[0].rowLabel, "I Thu");
    EXPECT_EQ(r.findings[1].rowLabel, "Thuế phí");  // the TT number is no label; spaces folded
    EXPECT_EQ(r.findings[2].rowLabel, "");           // in the label column itself: only what is left of it
    EXPECT_EQ(r.findings[3].rowLabel, "");
    EXPECT_EQ(r.findings[4].rowLabel, "");
    EXPECT_EQ(r.findings[5].rowLabel, "");
}

TEST(Json, Utf8IsWrittenAsItIsAndStaysValid) {
    EXPECT_EQ(jsonString("Biểu 11 — “tổng”"), "\"Biểu 11 — “tổng”\"");
    EXPECT_EQ(jsonString("a\"b\\c\nd\x01"), "\"a\\\"b\\\\c\\nd\\u0001\"");
    // Not UTF-8 (Latin-1 é, a cut sequence, an overlong '/', a surrogate): U+FFFD each.
    EXPECT_EQ(jsonString("caf\xe9"), "\"caf\xEF\xBF\xBD\"");
    EXPECT_EQ(jsonString("Bi\xe1\xbb"), "\"Bi\xEF\xBF\xBD\xEF\xBF\xBD\"");
    EXPECT_EQ(jsonString("\xc0\xaf"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
    EXPECT_EQ(jsonString("\xed\xa0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
    EXPECT_EQ(jsonString("\xf0\x9f\x98\x80"), "\"\xf0\x9f\x98\x80\"");
}

TEST(Json, NumbersAtThePrecisionCompared) {
    FileReport rep;
    rep.path = "x.ods";
    Finding f;
    f.ruleId = "r";
    f.sheet = "S";
    f.hasValues = true;
    f.actual = 87107.11;
    f.expected = 87107.12;
    f.difference = f.actual - f.expected;  // -0.00999999999476131 in binary
    rep.result.findings.push_back(f);
    f.actual = 61.9;  // compared at 1 decimal: both sides rounded
    f.expected = 4.6;
    f.difference = f.actual - f.expected;
    rep.result.findings.push_back(f);
    f.actual = 0.1 + 0.2;  // unrounded: 0.30000000000000004
    f.expected = 0.3;
    f.difference = f.actual - f.expected;
    rep.result.findings.push_back(f);
    std::string json = presentJson({rep});
    EXPECT_NE(json.find("\"expected\": 87107.12, \"actual\": 87107.11, \"difference\": -0.01,"), std::string::npos) << json;
    EXPECT_NE(json.find("\"expected\": 4.6, \"actual\": 61.9, \"difference\": 57.3,"), std::string::npos) << json;
    EXPECT_NE(json.find("\"expected\": 0.3, \"actual\": 0.3, \"difference\": 0,"), std::string::npos) << json;
    EXPECT_EQ(json.find("-0,"), std::string::npos) << json;
}

// A label the evaluator found from the rule's own label columns is kept: the
// message names that row, and the presenters show the same words.
TEST(RowLabels, KeepsTheEvaluatorsLabel) {
    Workbook wb;
    rctest::addSheet(wb, "S", {{"Mã", "Tên", "Số"}, {"01", "Xã A", "5"}});
    Result r;
    Finding kept;
    kept.sheet = "S";
    kept.row = 1;
    kept.col = 2;
    kept.rowLabel = "Xã A (nhãn cột B)";
    Finding filled = kept;
    filled.rowLabel.clear();
    r.findings = {kept, filled};
    labelRows(r, wb);
    EXPECT_EQ(r.findings[0].rowLabel, "Xã A (nhãn cột B)");
    EXPECT_EQ(r.findings[1].rowLabel, "Xã A");  // "01" is a number: no label
}

// The HTML report writes expected and actual at the decimals compared (50,0,
// not 50), beside the row label column.
TEST(Html, ValuesAtTheDecimalsCompared) {
    FileReport rep;
    rep.path = "t.ods";
    Finding f;
    f.ruleId = "p";
    f.sheet = "S";
    f.row = 1;
    f.col = 2;
    f.rowLabel = "Thành thị";
    f.hasValues = true;
    f.expected = 50;
    f.actual = 47.5;
    f.decimals = 1;
    f.message.vi = "m";
    f.message.en = "m";
    rep.result.findings = {f};
    std::string page = presentHtml({rep}, "vi");
    EXPECT_NE(page.find("<tr><td>C2</td><td>Thành thị</td>"), std::string::npos) << page;
    EXPECT_NE(page.find("<td class=\"n\">50,0</td><td class=\"n\">47,5</td>"), std::string::npos) << page;
}

// Issue 9 item 9: the HTML report lists every rule with its verdict, so a rule
// that never ran (its label is missing) is seen, with why, in the reader's language.
TEST(Html, PerRuleSummaryShowsARuleThatNeverRan) {
    FileReport rep;
    rep.path = "b.ods";
    rep.ok = true;
    RuleOutcome ran;
    ran.ruleId = "DS.tong";
    ran.passed = 1200;
    ran.failed = 2;
    ran.findings = 2;
    RuleOutcome never;
    never.ruleId = "DS.khoi";
    never.skippedMissingRef = 1;
    rep.result.rules = {ran, never};
    std::string vi = presentHtml({rep}, "vi");
    EXPECT_NE(vi.find("<summary>Từng quy tắc (2)</summary>"), std::string::npos) << vi;
    EXPECT_NE(vi.find("<tr><td>DS.tong</td><td class=\"error\">không đạt</td><td class=\"n\">1.200</td><td class=\"n\">2</td>"),
              std::string::npos) << vi;
    EXPECT_NE(vi.find("<tr><td>DS.khoi</td><td class=\"\">không chạy được</td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">1</td>"
                      "<td>1 thiếu tham chiếu</td>"),
              std::string::npos) << vi;
    std::string en = presentHtml({rep}, "en");
    EXPECT_NE(en.find("<td>DS.khoi</td><td class=\"\">never checked</td>"), std::string::npos) << en;
    EXPECT_NE(en.find("<td>1 missing reference</td>"), std::string::npos) << en;
}
