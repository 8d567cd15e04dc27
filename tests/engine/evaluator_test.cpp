// Rules run over in-memory workbooks: checks, totals, targets, bad cells.
#include <gtest/gtest.h>

#include <cstdio>
#include <thread>

#include "test_util.h"

using namespace reportcheck;
using rctest::addSheet;
using rctest::failures;
using V = std::vector<std::string>;

namespace {

// A small "Biểu 3": label in A, column numbers in row 2, col 4 = 5 + 6 + 7.
Workbook bieu3() {
    Workbook wb;
    addSheet(wb, "Biểu 3", {
        {"Loại hình", "Số lượng", "Tổng số", "A", "B", "C"},
        {"1", "2", "4 (=5+6+7)", "5", "6", "7"},
        {"Tính đến 31/12/2020"},
        {"1. Xã", "184", "184", "", "184", "0"},
        {"2. Cơ quan", "35", "35", "", "12", "23"},
        {"3. Đơn vị, gồm:", "109", "109", "", "26", "83"},
        {"a) Công lập", "103", "103", "", "26", "77"},
        {"b) Ngoài công lập", "6", "6", "", "0", "6"},
        {"Cộng", "328", "328", "", "222", "106"},
        {"Tính đến 31/12/2023"},
        {"1. Xã", "182", "182", "", "182", ""},
        {"2. Cơ quan", "24", "25", "", "11", "13"},
        {"3. Đơn vị, gồm:", "108", "108", "", "37", "71"},
        {"a) Công lập", "103", "103", "", "37", "66"},
        {"b) Ngoài công lập", "5", "5", "", "0", "5"},
        {"Cộng", "314", "315", "", "230", "84"},
    });
    return wb;
}

const char* kTotals = R"(
sheet "Biểu 3"
labels A
numbers 2
check B3.cot4: #4 = #5 + #6 + #7
  for rows "1. Xã" to "Cộng"
  within "Tính đến 31/12/2023"
total B3.tong2020: cols B:F within "Tính đến 31/12/2020"
  "Cộng"
    "1. Xã"
    "2. Cơ quan"
    "3. Đơn vị, gồm:"
      "a) Công lập"
      "b) Ngoài công lập"
total B3.tong2023: cols B:F within "Tính đến 31/12/2023"
  "Cộng"
    "1. Xã"
    "2. Cơ quan"
    "3. Đơn vị, gồm:"
      "a) Công lập"
      "b) Ngoài công lập"
)";

}  // namespace

TEST(Evaluator, ColumnFormulaAndNestedTotals) {
    Result r = rctest::run(kTotals, bieu3());
    // 2023: "2. Cơ quan" col 4 is 25 but 11 + 13 = 24, and the total row carries
    // it (315 = 182 + 25 + 108, but 230 + 84 = 314); nothing wrong in 2020.
    EXPECT_EQ(failures(r), (V{"B3.cot4@Biểu 3!C12", "B3.cot4@Biểu 3!C16"}));
    ASSERT_EQ(r.findings.size(), 2u);
    const Finding& f = r.findings[0];
    EXPECT_TRUE(f.hasValues);
    EXPECT_EQ(f.actual, 25);
    EXPECT_EQ(f.expected, 24);
    EXPECT_EQ(f.difference, 1);
    EXPECT_NE(f.message.vi.find("ghi 25, tính lại được 24 (lệch 1)"), std::string::npos) << f.message.vi;
    EXPECT_EQ(r.rulesRun, 3);
    EXPECT_EQ(r.rulesFailed, 1);
}

TEST(Evaluator, TotalFindsWrongSubtotalAndTotal) {
    Workbook wb = bieu3();
    const_cast<Sheet&>(*wb.sheet("Biểu 3")).set(6, 4, Cell::makeNumber(27));  // a) Công lập 2020, col 6: 26 -> 27
    Result r = rctest::run(kTotals, wb);
    // the sub-total "3. Đơn vị" (26) no longer equals a) + b) (27); col 4 of that row breaks nothing (2020 not in cot4)
    EXPECT_EQ(failures(r), (V{"B3.tong2020@Biểu 3!E6", "B3.cot4@Biểu 3!C12", "B3.cot4@Biểu 3!C16"}));
    EXPECT_EQ(r.findings[0].expected, 27);
    EXPECT_EQ(r.findings[0].actual, 26);
}

TEST(Evaluator, LabelsSurviveInsertedRows) {
    Workbook wb;
    addSheet(wb, "S", {{"Tiêu đề"}, {""}, {"Tổng", "10"}, {"x", "4"}, {"y", "6"}});
    Workbook moved;
    addSheet(moved, "S", {{"Tiêu đề"}, {"dòng chèn"}, {""}, {"Tổng", "10"}, {"x", "4"}, {"chèn giữa", "99"}, {"y", "6"}});
    const char* rules = "sheet \"S\"\ntotal T: cols B\n  \"Tổng\"\n    \"x\"\n    \"y\"\n";
    EXPECT_TRUE(failures(rctest::run(rules, wb)).empty());
    EXPECT_TRUE(failures(rctest::run(rules, moved)).empty());
}

TEST(Evaluator, DuplicateLabelsResolvedInOrder) {
    Workbook wb;
    addSheet(wb, "Biểu 6", {
        {"", "Trình độ chuyên môn", "10"}, {"", "Sơ cấp", "4"}, {"", "Đại học", "6"},
        {"", "Trình độ lý luận", "9"}, {"", "Sơ cấp", "5"}, {"", "Cao cấp", "3"}});
    const char* rules = R"(sheet "Biểu 6"
total B6: cols C
  "Trình độ chuyên môn"
    "Sơ cấp"
    "Đại học"
  "Trình độ lý luận"
    "Sơ cấp"
    "Cao cấp"
)";
    Result r = rctest::run(rules, wb);
    EXPECT_EQ(failures(r), (V{"B6@Biểu 6!C4"}));  // 9 vs 5 + 3
    EXPECT_EQ(r.findings[0].expected, 8);
}

TEST(Evaluator, PercentAtShownPrecisionAndDerived) {
    Workbook wb;
    addSheet(wb, "Biểu 11", {{"x", "154", "135", "87.7"}, {"y", "109", "102", "93.6"}, {"z", "280", "13", "61.9"}, {"w", "0", "0", ""}});
    const char* rules = "sheet \"Biểu 11\"\ncheck B11.pct warning decimals 1 derived: D = pct(C, B)\n  for rows 1:4\n";
    Result r = rctest::run(rules, wb);
    // 102/109 = 93.58 -> 93.6 ok; 13/280 = 4.64 -> 4.6, not 61.9; row 4: 0/0 undefined
    EXPECT_EQ(failures(r), (V{"B11.pct@Biểu 11!D3", "B11.pct@Biểu 11!D4"}));
    EXPECT_EQ(r.findings[0].expected, 4.6);
    EXPECT_EQ(r.findings[0].severity, Severity::Warning);
    EXPECT_EQ(r.findings[1].kind, FindingKind::Undefined);
    ASSERT_EQ(r.derived.size(), 1u);  // only the wrong one differs from what is there
    EXPECT_EQ(r.derived[0].row, 2);
    EXPECT_EQ(r.derived[0].col, 3);
    EXPECT_EQ(r.derived[0].number, 4.6);
}

TEST(Evaluator, ToleranceAndInequalities) {
    Workbook wb;
    addSheet(wb, "S", {{"a", "100", "101"}, {"b", "7", "6925"}, {"c", "0", "0"}});
    const char* rules = R"(sheet "S"
check tol1 tol 1: B1 = C1
check tol0: B1 = C1
check bound warning: C2 >= B2
check part: B2 <= C2 - 7000
)";
    Result r = rctest::run(rules, wb);
    EXPECT_EQ(failures(r), (V{"tol0@S!B1", "part@S!B2"}));
}

TEST(Evaluator, CrossSheetAndLabelColumn) {
    Workbook wb;
    addSheet(wb, "Biểu 3", {{"Cộng", "654", "87107"}});
    addSheet(wb, "Biểu 6", {{"1", "Số lượng", "87107", "89455"}, {"2", "Tuổi đời", "87107", "89456"}});
    const char* rules = R"(sheet "Biểu 6"
check X.dv: @"Số lượng".C = 'Biểu 3'!@"Cộng".C
check X.tuoi: @"Tuổi đời" = @"Số lượng"
  for cols C:D
)";
    Result r = rctest::run(rules, wb);
    EXPECT_EQ(failures(r), (V{"X.tuoi@Biểu 6!D2"}));
}

TEST(Evaluator, ErrorCellsTextNumbersAndText) {
    Workbook wb;
    addSheet(wb, "S", {{"Tổng", "'87.107", "10"}, {"a", "87107", "=#VALUE!"}, {"b", "0", "n/a"}});
    const char* rules = R"(sheet "S"
check t1: B1 = B2 + B3
check t2: C1 = C2 + C3
)";
    Result r = rctest::run(rules, wb);
    ASSERT_EQ(r.findings.size(), 3u);
    EXPECT_EQ(r.findings[0].kind, FindingKind::TextNumber);  // B1, evaluated: t1 holds
    EXPECT_EQ(r.findings[0].cell(), "B1");
    EXPECT_EQ(r.findings[0].severity, Severity::Warning);
    EXPECT_EQ(r.findings[1].kind, FindingKind::CellError);   // C2 #VALUE!
    EXPECT_EQ(r.findings[1].cell(), "C2");
    EXPECT_NE(r.findings[1].message.vi.find("#VALUE!"), std::string::npos);
    EXPECT_EQ(r.findings[2].kind, FindingKind::NotNumber);   // C3 "n/a"
    EXPECT_EQ(r.findings[2].cell(), "C3");
}

TEST(Evaluator, ErrorCellReportedEvenWhenUnused) {
    Workbook wb;
    addSheet(wb, "S", {{"x", "=#DIV/0!"}});
    Result r = rctest::run("sheet \"S\"\ncheck c: 1 = 1\n", wb);
    EXPECT_EQ(failures(r), (V{"cell-error@S!B1"}));
}

// The walk for error cells is skipped on a sheet that never held one, not on
// one that did: an error far below a long clean part is still found, and one
// on an unchecked sheet beside a clean checked one too.
TEST(Evaluator, ErrorCellsFoundWhereverTheyAreAndOnlyThere) {
    Workbook wb;
    std::vector<std::vector<std::string>> rows(3000, {"a", "1", "1"});
    rows.push_back({"b", "2", "=#N/A"});
    addSheet(wb, "S", rows);
    addSheet(wb, "T", {{"c", "1", "1"}});
    Result r = rctest::run("sheet \"S\"\ncheck c: B1 = C1\nsheet \"T\"\ncheck d: B1 = C1\n", wb);
    EXPECT_EQ(failures(r), (V{"cell-error@S!C3001"}));
    EXPECT_FALSE(wb.sheet("T")->mayHoldErrors());
    EXPECT_TRUE(wb.sheet("S")->mayHoldErrors());
}

TEST(Evaluator, DivisionByZeroIsAFinding) {
    Workbook wb;
    addSheet(wb, "S", {{"x", "5", "0"}});
    Result r = rctest::run("sheet \"S\"\ncheck d: B1 / C1 = 1\n", wb);
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].kind, FindingKind::Undefined);
    EXPECT_EQ(r.findings[0].ruleId, "d");
    EXPECT_NE(r.findings[0].message.en.find("division by zero"), std::string::npos);
}

TEST(Evaluator, EmptyCellsAreZeroButAllEmptyIsSkipped) {
    Workbook wb;
    addSheet(wb, "S", {{"a", "", "", ""}, {"b", "", "3", ""}, {"c", "5", "", ""}});
    Result r = rctest::run("sheet \"S\"\ncheck e: B = C + D\n  for rows 1:3\n", wb);
    EXPECT_EQ(failures(r), (V{"e@S!B2", "e@S!B3"}));
}

TEST(Evaluator, Targets) {
    Workbook wb;
    addSheet(wb, "Chỉ tiêu", {
        {"1", "GRDP", "trong khoảng", "14", "15", "13.6"},
        {"2", "Xếp hạng", "tối đa", "15", "", "12"},
        {"3", "Trưởng thôn", "ít nhất", "90", "", "94.8"},
        {"4", "Chưa có", "ít nhất", "90", "", ""}});
    const char* rules = R"(sheet "Chỉ tiêu"
target CT.grdp: F1 between D1 and E1
  status G1
  share H1
target CT.hang: F2 at most D2
target CT.tt error: F3 ít nhất D3
  status G3
target CT.none: F4 at least D4
)";
    Result r = rctest::run(rules, wb);
    ASSERT_EQ(r.findings.size(), 4u);
    EXPECT_EQ(r.findings[0].status, TargetStatus::NotMet);
    EXPECT_EQ(r.findings[0].severity, Severity::Warning);
    EXPECT_NEAR(r.findings[0].share, 13.6 / 14 * 100, 1e-9);
    EXPECT_EQ(r.findings[1].status, TargetStatus::Exceeded);
    EXPECT_EQ(r.findings[1].severity, Severity::Info);
    EXPECT_EQ(r.findings[2].status, TargetStatus::Exceeded);
    EXPECT_EQ(r.findings[2].severity, Severity::Info);
    EXPECT_EQ(r.findings[3].status, TargetStatus::None);  // no achieved value: said, not passed
    EXPECT_NE(r.findings[3].message.vi.find("chưa có số liệu"), std::string::npos);
    ASSERT_EQ(r.derived.size(), 3u);
    EXPECT_TRUE(r.derived[0].isText);
    EXPECT_EQ(r.derived[0].text, "không đạt");
    EXPECT_EQ(r.derived[1].number, 97.1);  // share, 1 decimal
    EXPECT_EQ(r.derived[2].text, "vượt");
}

// Strict targets written the report's way: "trên 90%", "dưới 20%" (and in English).
TEST(Evaluator, StrictTargets) {
    Workbook wb;
    addSheet(wb, "Chỉ tiêu", {
        {"1", "TCCSĐ 2021", "trên", "90", "", "92.6"},
        {"2", "Đúng bằng", "trên", "90", "", "90"},
        {"3", "Xuất sắc", "dưới", "20", "", "17.2"},
        {"4", "Đúng bằng", "less than", "20", "", "20"}});
    const char* rules = R"(sheet "Chỉ tiêu"
target CT.a: F1 trên D1
  status G1
  share H1
target CT.b: F2 more than D2
  status G2
target CT.c: F3 dưới D3
  status G3
target CT.d: F4 less than D4
)";
    Result r = rctest::run(rules, wb);
    ASSERT_EQ(r.findings.size(), 4u);
    EXPECT_EQ(r.findings[0].status, TargetStatus::Exceeded);
    EXPECT_EQ(r.findings[0].severity, Severity::Info);
    EXPECT_NEAR(r.findings[0].share, 92.6 / 90 * 100, 1e-9);
    EXPECT_EQ(r.findings[1].status, TargetStatus::NotMet);  // exactly 90 is not "trên 90"
    EXPECT_EQ(r.findings[1].severity, Severity::Warning);
    EXPECT_NE(r.findings[1].message.vi.find("chỉ tiêu chặt"), std::string::npos) << r.findings[1].message.vi;
    EXPECT_NE(r.findings[1].message.en.find("strict"), std::string::npos) << r.findings[1].message.en;
    EXPECT_EQ(r.findings[2].status, TargetStatus::Exceeded);
    EXPECT_NEAR(r.findings[2].share, 20 / 17.2 * 100, 1e-9);
    EXPECT_EQ(r.findings[3].status, TargetStatus::NotMet);  // exactly 20 is not "dưới 20"
    ASSERT_EQ(r.derived.size(), 4u);
    EXPECT_EQ(r.derived[0].text, "vượt");
    EXPECT_EQ(r.derived[1].number, 102.9);
    EXPECT_EQ(r.derived[2].text, "không đạt");
    EXPECT_EQ(r.derived[3].text, "vượt");
}

TEST(Evaluator, MessagesWithPlaceholders) {
    Workbook wb;
    addSheet(wb, "S", {{"x", "87107", "1000"}});
    const char* rules = R"(sheet "S"
check m: B1 = C1 * 2.5
  vi "Ô {cell} ghi {actual}, phải là {expected}; lệch {diff}"
  en "Cell {cell} has {actual}, should be {expected}; off by {diff}"
)";
    Result r = rctest::run(rules, wb);
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].message.vi, "Ô B1 ghi 87.107, phải là 2.500; lệch 84.607");
    EXPECT_EQ(r.findings[0].message.en, "Cell B1 has 87,107, should be 2,500; off by 84,607");
}

TEST(Evaluator, MissingSheetAndLabelAreFindings) {
    Workbook wb;
    addSheet(wb, "S", {{"x", "1"}});
    Result r = rctest::run("sheet \"Không có\"\ncheck a: A1 = 1\nsheet \"S\"\ncheck b: @\"y\".B = 1\n", wb);
    ASSERT_EQ(r.findings.size(), 2u);  // sheets of the workbook first, then the missing one
    EXPECT_EQ(r.findings[0].kind, FindingKind::MissingRef);
    EXPECT_NE(r.findings[0].message.en.find("\"y\""), std::string::npos);
    EXPECT_EQ(r.findings[1].kind, FindingKind::MissingRef);
    EXPECT_NE(r.findings[1].message.vi.find("Không có"), std::string::npos);
}

TEST(Evaluator, RangesInsideFunctions) {
    Workbook wb;
    addSheet(wb, "S", {{"T", "10", "1", "2", "3"}, {"a", "4"}, {"b", "6"}, {"c", "1"}});
    const char* rules = R"(sheet "S"
check r1: B1 = sum(B2:B3)
check r2: B1 = sum(@"a".B:@"c".B) - 1
check r3: max(C1:E1) = 3
check r4: C = sum(C1:E1)
  for rows 1
)";
    Result r = rctest::run(rules, wb);
    EXPECT_EQ(failures(r), (V{"r4@S!C1"}));
    EXPECT_EQ(r.findings[0].expected, 6);
}

TEST(Evaluator, NamedRanges) {
    Workbook wb;
    addSheet(wb, "S", {{"x", "5"}, {"y", "7"}});
    wb.names["tong"] = Area{"S", 0, 1, 0, 1};
    Result r = rctest::run("sheet \"S\"\ncheck n: tong = B2\ncheck missing: khongco = 1\n", wb);
    ASSERT_EQ(r.findings.size(), 2u);
    EXPECT_EQ(r.findings[0].ruleId, "missing");
    EXPECT_EQ(r.findings[0].kind, FindingKind::MissingRef);
    EXPECT_EQ(r.findings[1].ruleId, "n");
}

TEST(Evaluator, EvaluationLimitStopsCleanly) {
    Workbook wb;
    // 1000 rows that exist: a row selection stops at the sheet's last row.
    addSheet(wb, "S", std::vector<std::vector<std::string>>(1000, {"1"}));
    Limits l;
    l.maxEvaluations = 100;
    RuleSet rs = RuleSet::compile("sheet \"S\"\ncheck big: A = 1\n  for rows 1:1000\n", "t", l);
    Result r = rs.run(wb);
    ASSERT_FALSE(r.findings.empty());
    EXPECT_EQ(r.findings.back().kind, FindingKind::Limit);
}

TEST(Evaluator, ValidationDoesNotChangeTheWorkbookAndIsRepeatable) {
    Workbook wb = bieu3();
    RuleSet rs = RuleSet::compile(kTotals, "t");
    Result a = rs.run(wb), b = rs.run(wb);
    ASSERT_EQ(a.findings.size(), b.findings.size());
    for (size_t i = 0; i < a.findings.size(); ++i) EXPECT_EQ(a.findings[i].message.vi, b.findings[i].message.vi);
    EXPECT_EQ(wb.sheet("Biểu 3")->at(11, 2).number, 25);
}

TEST(Evaluator, ComparesAtThePrecisionTheCellShows) {
    Workbook wb;
    Sheet& s = addSheet(wb, "S", {{"x", "154", "135"}, {"y", "109", "102"}});
    s.set(0, 3, Cell::makeNumber(87.7, 1));   // shows 87,7: 135/154 = 87.66 -> 87.7 holds
    s.set(1, 3, Cell::makeNumber(93.5, 1));   // shows 93,5: 102/109 = 93.58 -> 93.6 does not
    Result r = rctest::run("sheet \"S\"\ncheck p: D = C / B * 100\n  for rows 1:2\n", wb);
    EXPECT_EQ(failures(r), (V{"p@S!D2"}));
    EXPECT_EQ(r.findings[0].expected, 93.6);
    EXPECT_NE(r.findings[0].message.vi.find("ghi 93,5, tính lại được 93,6"), std::string::npos) << r.findings[0].message.vi;
    s.set(1, 3, Cell::makeNumber(93.5));      // unknown format: exact comparison
    s.set(0, 3, Cell::makeNumber(87.7));
    r = rctest::run("sheet \"S\"\ncheck p: D = C / B * 100\n  for rows 1:2\n", wb);
    EXPECT_EQ(failures(r), (V{"p@S!D1", "p@S!D2"}));
}

TEST(Evaluator, OneFindingPerRuleAndCell) {
    Workbook wb;
    addSheet(wb, "S", {{"- Nữ", "5", "6"}});
    Result r = rctest::run("sheet \"S\"\ncheck a: B <= 0\n  for rows \"- Nữ\"\n  for cols B:C\n", wb);
    EXPECT_EQ(failures(r), (V{"a@S!B1"}));
}

TEST(Evaluator, TargetMessages) {
    Workbook wb;
    addSheet(wb, "T", {{"x", "14", "15", "13"}, {"y", "3", "4", ""}});
    const char* rules = R"(sheet "T"
target g: D1 between B1 and C1
  vi "GRDP {actual} so với {target}: {status}"
  en "GRDP {actual} against {target}: {status}"
target k: D2 between B2 and C2
  vi "Kết nạp {actual}: {status}"
)";
    Result r = rctest::run(rules, wb);
    ASSERT_EQ(r.findings.size(), 2u);
    EXPECT_EQ(r.findings[0].message.vi, "GRDP 13 so với 14–15: không đạt");
    EXPECT_EQ(r.findings[0].message.en, "GRDP 13 against 14–15: not met");
    EXPECT_EQ(r.findings[1].message.vi, "y: chưa có số liệu thực hiện (mục tiêu từ 3 đến 4)");
}

TEST(Evaluator, EmptyCellAgainstAConstantIsSkipped) {
    Workbook wb;
    addSheet(wb, "S", {{"Tuổi bình quân", "", "47.5", "12"}});
    Result r = rctest::run("sheet \"S\"\ncheck a: @\"Tuổi bình quân\" >= 18\n  for cols B:D\ncheck k: 1 = 2\n", wb);
    EXPECT_EQ(failures(r), (V{"k@S!", "a@S!D1"}));  // a rule that reads no cell is still checked
}

TEST(Evaluator, OneRuleSetFromSeveralThreads) {
    Workbook wb = bieu3();
    RuleSet rs = RuleSet::compile(kTotals, "t");
    std::vector<std::vector<std::string>> out(4);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 50; ++i) out[t] = failures(rs.run(wb));
        });
    for (auto& t : threads) t.join();
    for (const auto& o : out) EXPECT_EQ(o, (V{"B3.cot4@Biểu 3!C12", "B3.cot4@Biểu 3!C16"}));
}

TEST(Evaluator, ColumnsByHeaderSurviveInsertedColumns) {
    const char* rules = R"(sheet "S"
headers 1:2
check h: @"Tổng".#"31/12/2023" = @"a".#"31/12/2023" + @"b".#"31/12/2023"
check r: #"31/12/2020"[2] >= 0
  for rows "a"
total t: cols #"31/12/2020":#"31/12/2023"
  "Tổng"
    "a"
    "b"
)";
    Workbook wb;
    addSheet(wb, "S", {{"", "Cấp tỉnh", "", "Cấp huyện"}, {"", "31/12/2020", "31/12/2023", "31/12/2020"},
                       {"Tổng", "10", "20", "5"}, {"a", "4", "8", "-1"}, {"b", "6", "13", "6"}});
    Workbook moved;
    addSheet(moved, "S", {{"", "Ghi chú", "Cấp tỉnh", "", "Cấp huyện"}, {"", "", "31/12/2020", "31/12/2023", "31/12/2020"},
                          {"Tổng", "x", "10", "20", "5"}, {"a", "", "4", "8", "-1"}, {"b", "", "6", "13", "6"}});
    EXPECT_EQ(failures(rctest::run(rules, wb)), (V{"h@S!C3", "t@S!C3", "r@S!D4"}));
    EXPECT_EQ(failures(rctest::run(rules, moved)), (V{"h@S!D3", "t@S!D3", "r@S!E4"}));
    Result r = rctest::run("sheet \"S\"\ncheck m: @\"a\".#\"2019\" = 1\n", wb);
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].kind, FindingKind::MissingRef);
    EXPECT_NE(r.findings[0].message.en.find("column headed \"2019\""), std::string::npos);
}

TEST(Evaluator, RowSelectorsMatchPrefixes) {
    Workbook wb;
    addSheet(wb, "S", {{"Cán bộ, công chức cấp huyện", "5", "4"}, {"Cán bộ, công chức cấp xã", "7", "8"}, {"Khác", "1", "2"}});
    Result r = rctest::run("sheet \"S\"\ncheck p: B >= C\n  for rows \"Cán bộ*\" to \"Cán bộ, công chức cấp x*\"\n", wb);
    EXPECT_EQ(failures(r), (V{"p@S!B2"}));
}

TEST(Evaluator, BlankFormIsNotADivisionByZero) {
    Workbook wb;
    addSheet(wb, "S", {{"a", "", "", "1", ""}, {"b", "3", "", "1", "50"}, {"c", "3", "0", "1", ""}});
    Result r = rctest::run("sheet \"S\"\ncheck p: E = pct(B, C, D)\n  for rows 1:3\n", wb);
    // row 1: nothing written, nothing to compute from: skipped; row 2: 50 % of an empty
    // whole; row 3: a real zero whole.
    ASSERT_EQ(r.findings.size(), 2u);
    EXPECT_EQ(r.findings[0].cell(), "E2");
    EXPECT_EQ(r.findings[0].kind, FindingKind::Undefined);
    EXPECT_EQ(r.findings[1].cell(), "E3");
    EXPECT_EQ(r.findings[1].kind, FindingKind::Undefined);
}

TEST(Evaluator, ThisCellWhenIteratingRowsAndColumns) {
    Workbook wb;
    addSheet(wb, "S", {{"Tổng", "10", "20"}, {"- Nữ", "4", "25"}, {"- Trẻ", "-1", "3"}});
    const char* rules = "sheet \"S\"\ncheck p: ô <= @\"Tổng\"\n  for rows \"- Nữ\" to \"- Trẻ\"\n  for cols B:C\n"
                        "check n warning: ô >= 0\n  for rows 1:3\n  for cols B:C\n";
    EXPECT_EQ(failures(rctest::run(rules, wb)), (V{"p@S!C2", "n@S!B3"}));
    auto d = RuleSet::lint("sheet \"S\"\ncheck q: ô = 1\n  for rows 1\n", "t");
    ASSERT_EQ(d.size(), 1u);  // needs columns too
    EXPECT_NE(d[0].message.en.find("without a column"), std::string::npos);
}

// Issue 9: a yearbook sheet repeats the same year labels in three blocks
// ("Người", "Chỉ số phát triển", "Cơ cấu (%)"); `within "Cơ cấu*"` must find the
// third block by prefix, as `@"…*"` and `for rows "…*"` do. Before the fix the
// label was searched literally ("Cơ cấu*") and the rule never started.
TEST(Evaluator, WithinPrefixFindsTheBlock) {
    Workbook wb;
    addSheet(wb, "Dân số", {
        {"Năm", "Tổng số", "Thành thị", "Nông thôn"},
        {"Người"},
        {"Năm 2017", "1000", "250", "750"},
        {"Năm 2018", "1010", "260", "750"},
        {"Chỉ số phát triển (Năm trước = 100) - %"},
        {"Năm 2017", "101", "102", "100"},
        {"Năm 2018", "101", "104", "100"},
        {"Cơ cấu (%)"},
        {"Năm 2017", "100", "25", "75"},
        {"Năm 2018", "100", "27", "74"},
    });
    const char* rules = R"(
sheet "Dân số"
labels A
check CC.tong: B = C + D
  for rows "Năm 2017" to "Năm 2018"
  within "Cơ cấu*"
)";
    Result r = rctest::run(rules, wb);
    // Only the Cơ cấu block's 2018 row fails (27 + 74 = 101): the block was found
    // by its prefix and the search stayed inside it (the "Người" 2017 row, where
    // B = C + D holds as well, is not what was checked).
    EXPECT_EQ(failures(r), (V{"CC.tong@Dân số!B10"}));
    EXPECT_EQ(r.rulesRun, 1);
    EXPECT_EQ(r.rulesFailed, 1);

    // `to` takes a prefix too: the same block bounded by "Cơ cấu*" … "2017".
    const char* bounded = R"(
sheet "Dân số"
labels A
check CC.tong: B = C + D
  for rows "Năm 2017" to "Năm 2018"
  within "Chỉ số*" to "Cơ cấu*"
)";
    Result b = rctest::run(bounded, wb);
    // The Chỉ số block's rows: 101 ≠ 102 + 100 and 101 ≠ 104 + 100.
    EXPECT_EQ(failures(b), (V{"CC.tong@Dân số!B6", "CC.tong@Dân số!B7"}));
}

// Issue 9: a yearbook prints "-", "–", "..", "...", "…", "x", "X" where there is
// no figure. Such a cell is read as an empty one: it adds nothing to a sum, a
// row of nothing but placeholders is skipped as empty, and no "not-number"
// finding is made. Other text ("n/a") still is one.
TEST(Evaluator, PlaceholdersAreNoFigure) {
    Workbook wb;
    addSheet(wb, "Diện tích", {
        {"Huyện", "Tổng", "Đất lúa", "Đất rừng", "Khác"},
        {"A", "120", "100", "-", "20"},
        {"B", "50", "–", "..", "50"},
        {"C", "30", " x ", "...", "30"},
        {"D", "-", "-", "X", "…"},
        {"E", "10", "n/a", "", "10"},
        {"F", "70", "60", "-", "20"},
        {"G", "-", "10", "", ""},  // a total printed "-" over a real figure: still wrong
    });
    const char* rules = R"(
sheet "Diện tích"
labels A
check DT.tong: B = C + D + E
  for rows 2:8
)";
    Result r = rctest::run(rules, wb);
    // Only F's real miss (70 ≠ 80), G's "-" over 10 and E's "n/a" are findings;
    // A–C add up with their placeholders read as empty, D holds nothing but placeholders.
    EXPECT_EQ(failures(r), (V{"DT.tong@Diện tích!C6", "DT.tong@Diện tích!B7", "DT.tong@Diện tích!B8"}));
    for (const Finding& f : r.findings) {
        if (f.kind == FindingKind::NotNumber) { EXPECT_EQ(f.cell(), "C6") << f.message.vi; }
    }
    ASSERT_EQ(r.rules.size(), 1u);
    EXPECT_EQ(r.rules[0].passed, 3u);               // A, B, C
    EXPECT_EQ(r.rules[0].failed, 2u);               // F, G
    EXPECT_EQ(r.rules[0].skippedEmpty, 1u);         // D: placeholders only
    EXPECT_EQ(r.rules[0].skippedNotNumber, 1u);     // E: "n/a"
}

// Issue 9: a misspelt sheet name (diacritics left out) is reported with the
// workbook's sheet it most likely means; validate and lint --workbook share it.
TEST(Evaluator, MissingSheetSuggestsTheClosest) {
    Workbook wb;
    addSheet(wb, "Biểu 11", {{"a", "1"}});
    addSheet(wb, "Dân số", {{"a", "1"}});
    Result r = rctest::run("sheet \"Bieu 11\"\ncheck a: B1 = 1\nsheet \"Dân số\"\ncheck b: B1 = 'Zzz'!B1\n", wb);
    ASSERT_EQ(r.findings.size(), 2u);
    for (const Finding& f : r.findings) {
        EXPECT_EQ(f.kind, FindingKind::MissingRef);
        if (f.ruleId == "a") {
            EXPECT_NE(f.message.vi.find("có phải \"Biểu 11\"?"), std::string::npos) << f.message.vi;
            EXPECT_NE(f.message.en.find("did you mean \"Biểu 11\"?"), std::string::npos) << f.message.en;
        } else {
            EXPECT_EQ(f.message.en.find("did you mean"), std::string::npos) << f.message.en;  // nothing close to "Zzz"
        }
    }
}

// A side that only adds cells up (`C + D + E`) is added by the evaluator
// itself, not by muparser (Expr::sumSlots): the same double as muparser's left
// to right, which a sum whose order matters shows (1e16 + 1 + 1 is 1e16 from
// the left, 1e16 + 2 from the right), and the same outcomes for empty, text
// and placeholder cells as the muparser path (`0 + …` keeps a side there).
TEST(Evaluator, PlainSumsAddUpAsMuparserDoes) {
    Workbook wb;
    addSheet(wb, "S", {
        {"Dòng", "B", "C", "D", "E"},
        {"a", "5", "1e16", "1", "1"},
        {"b", "7", "", "-", "3"},
        {"c", "", "", "", ""},
        {"d", "9", "x1", "2", "3"},
        {"e", "-0", "-0", "", ""},
        {"f", "4", "0.1", "0.2", "0.3"},
    });
    auto run = [&](const char* rhs) {
        return rctest::run(std::string("sheet \"S\"\ncheck K: B = ") + rhs + "\n  for rows 2:7\n", wb);
    };
    Result plain = run("C + D + E"), mu = run("0 + C + D + E"), right = run("C + (D + E)");
    auto values = [](const Result& r) {
        std::vector<std::string> out;
        for (const auto& f : r.findings) {
            char buf[128];
            std::snprintf(buf, sizeof buf, "%s %s %.17g %.17g", f.ruleId.c_str(), f.cell().c_str(), f.actual, f.expected);
            out.push_back(buf);
        }
        return out;
    };
    EXPECT_EQ(values(plain), values(mu));
    ASSERT_EQ(plain.findings.size(), 4u);  // 5 ≠ 1e16, 7 ≠ 3, "x1" not a number, 4 ≠ 0.6…
    EXPECT_EQ(plain.findings[0].expected, 1e16);
    EXPECT_EQ(right.findings[0].expected, 1e16 + 2);
    EXPECT_EQ(plain.findings[3].expected, (0.1 + 0.2) + 0.3);
    ASSERT_EQ(plain.rules.size(), 1u);
    ASSERT_EQ(mu.rules.size(), 1u);
    EXPECT_EQ(plain.rules[0].passed, mu.rules[0].passed);
    EXPECT_EQ(plain.rules[0].failed, mu.rules[0].failed);
    EXPECT_EQ(plain.rules[0].skippedEmpty, mu.rules[0].skippedEmpty);
    EXPECT_EQ(plain.rules[0].skippedNotNumber, mu.rules[0].skippedNotNumber);
}
