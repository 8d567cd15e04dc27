// The rules language on a small statistical yearbook built here (not report
// 536): rounded parts, rule-set options, repeated blocks, cross-sheet rows by
// label, numeric labels, text and date checks (issue 9).
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "reportcheck/arithmetic.h"
#include "rule_model.h"
#include "test_util.h"

using namespace reportcheck;
using rctest::addSheet;
using rctest::failures;
using V = std::vector<std::string>;

namespace {

// Area (km², shown with 2 decimals) of a province by district, as a yearbook
// prints it: the districts are rounded, so their sum misses the printed total
// by a unit of the last decimal.
Workbook areaBook(double total) {
    Workbook wb;
    Sheet& s = addSheet(wb, "Diện tích", {{"Huyện", "Diện tích (km2)"}});
    const std::vector<std::pair<const char*, double>> rows = {
        {"Toàn tỉnh", total}, {"Huyện A", 612.31}, {"Huyện B", 540.27}, {"Huyện C", 741.17}};
    for (size_t i = 0; i < rows.size(); ++i) {
        s.set(int(i) + 1, 0, Cell::makeText(rows[i].first));
        s.set(int(i) + 1, 1, Cell::makeNumber(rows[i].second, 2));  // the format shows 2 decimals
    }
    return wb;
}

const char* kAreaTotal = R"~(
sheet "Diện tích"
labels A
total DT.tong: cols B
  "Toàn tỉnh"
    "Huyện A"
    "Huyện B"
    "Huyện C"
)~";

}  // namespace

// Parts add up to 1.893,75; the printed total 1.893,74 is one unit off, within
// 3 parts × half a unit (0,015): no finding. Two units off (1.893,72 is 0,03 off)
// is beyond it.
TEST(RoundedParts, TotalOfRoundedPartsGetsTheAllowance) {
    EXPECT_EQ(failures(rctest::run(kAreaTotal, areaBook(1893.74))), V{});
    EXPECT_EQ(failures(rctest::run(kAreaTotal, areaBook(1893.72))), V{"DT.tong@Diện tích!B2"});
    EXPECT_EQ(failures(rctest::run(kAreaTotal, areaBook(1893.75))), V{});
}

// The same check written as an expression: `a + b + c` and `sum(range)` are sums of
// parts too; anything else (a product) is not.
TEST(RoundedParts, AdditiveChecksGetItOthersDoNot) {
    Workbook wb = areaBook(1893.74);
    EXPECT_EQ(failures(rctest::run("sheet \"Diện tích\"\ncheck a: B2 = B3 + B4 + B5\n", wb)), V{});
    EXPECT_EQ(failures(rctest::run("sheet \"Diện tích\"\ncheck a: B2 = sum(B3:B5)\n", wb)), V{});
    EXPECT_EQ(failures(rctest::run("sheet \"Diện tích\"\ncheck a: B2 = (B3 + B4 + B5) * 1\n", wb)), V{"a@Diện tích!B2"});
}

// `exact` on a rule and `rounding off` for the rule set turn it off; `rounding on`
// turns it back on for the rules below.
TEST(RoundedParts, ExactAndRoundingOffTurnItOff) {
    Workbook wb = areaBook(1893.74);
    EXPECT_EQ(failures(rctest::run("sheet \"Diện tích\"\ncheck a exact: B2 = B3 + B4 + B5\n", wb)), V{"a@Diện tích!B2"});
    EXPECT_EQ(failures(rctest::run(std::string("rounding off\n") + kAreaTotal, wb)), V{"DT.tong@Diện tích!B2"});
    EXPECT_EQ(failures(rctest::run("rounding off\nrounding on\nsheet \"Diện tích\"\ncheck a: B2 = B3 + B4 + B5\n", wb)), V{});
}

// Counts are whole numbers and exact: a total of persons one off is a finding
// however many parts it has.
TEST(RoundedParts, WholeNumbersGetNone) {
    Workbook wb;
    Sheet& s = wb.addSheet("Dân số");
    const double v[] = {1001, 200, 300, 500};
    for (int i = 0; i < 4; ++i) s.set(i, 1, Cell::makeNumber(v[i], 0));
    EXPECT_EQ(failures(rctest::run("sheet \"Dân số\"\ncheck a: B1 = B2 + B3 + B4\n", wb)), V{"a@Dân số!B1"});
    EXPECT_DOUBLE_EQ(roundingAllowance(0, 10), 0);
    EXPECT_DOUBLE_EQ(roundingAllowance(2, 1), 0);
    EXPECT_NEAR(roundingAllowance(2, 3), 0.015, 1e-12);
    EXPECT_NEAR(roundingAllowance(1, 4), 0.2, 1e-12);
}

// Shares adding to 100,01 (three shares at 2 decimals): within the allowance.
TEST(RoundedParts, SharesAddingTo100Point01) {
    Workbook wb;
    Sheet& s = wb.addSheet("Cơ cấu");
    s.set(0, 0, Cell::makeNumber(100, 2));
    const double v[] = {33.34, 33.34, 33.33};
    for (int i = 0; i < 3; ++i) s.set(i + 1, 0, Cell::makeNumber(v[i], 2));
    EXPECT_EQ(failures(rctest::run("sheet \"Cơ cấu\"\ncheck a: A1 = A2 + A3 + A4\n", wb)), V{});
    EXPECT_EQ(failures(rctest::run("sheet \"Cơ cấu\"\ncheck a exact: A1 = A2 + A3 + A4\n", wb)), V{"a@Cơ cấu!A1"});
}

// `placeholders off`: a "-" is text again, so a rule reading it reports it.
TEST(RuleSetOptions, PlaceholdersOff) {
    Workbook wb;
    addSheet(wb, "S", {{"5", "-", "5"}});
    EXPECT_EQ(failures(rctest::run("sheet \"S\"\ncheck a: A1 = B1 + C1\n", wb)), V{});
    Result r = rctest::run("placeholders off\nsheet \"S\"\ncheck a: A1 = B1 + C1\n", wb);
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].kind, FindingKind::NotNumber);
    EXPECT_EQ(rctest::diagPositions("placeholders maybe\n"), V{"1:13"});
}

namespace {

// A yearbook table: three blocks that repeat the same year labels (issue 9 item 3).
// Column B = C + D (total = urban + rural) in the "Người" and "Cơ cấu (%)" blocks;
// 2018's shares in "Cơ cấu (%)" hold a planted error (60 + 41 ≠ 100).
Workbook yearBlocks() {
    Workbook wb;
    addSheet(wb, "Dân số", {
        {"Năm", "Tổng số", "Thành thị", "Nông thôn"},
        {"Người"},
        {"2017", "1000", "300", "700"},
        {"2018", "1100", "350", "750"},
        {"2019", "1200", "400", "800"},
        {"Chỉ số phát triển (%)"},
        {"2017", "101", "103", "100"},
        {"2018", "110", "116.7", "107.1"},
        {"2019", "109.1", "114.3", "106.7"},
        {"Cơ cấu (%)"},
        {"2017", "100", "30", "70"},
        {"2018", "100", "60", "41"},
        {"2019", "100", "33.3", "66.7"},
    });
    return wb;
}

}  // namespace

// One rule over two blocks: the year labels are found inside each block, so the
// error in "Cơ cấu (%)" 2018 is reported at its own row, and "Người" is clean.
TEST(Blocks, OneRuleForTheSameLabelInEveryBlock) {
    const char* rules = R"~(
sheet "Dân số"
labels A
check DS.tong: B = C + D
  for rows "2017" to "2019"
  for blocks "Người", "Cơ cấu*"
)~";
    Result r = rctest::run(rules, yearBlocks());
    EXPECT_EQ(failures(r), V{"DS.tong@Dân số!B12"});
    ASSERT_EQ(r.rules.size(), 1u);
    EXPECT_EQ(r.rules[0].passed + r.rules[0].failed, 6u);  // 3 years × 2 blocks
    // Without blocks the labels are found in the first block only.
    const char* once = "sheet \"Dân số\"\nlabels A\ncheck DS.tong: B = C + D\n  for rows \"2017\" to \"2019\"\n";
    EXPECT_EQ(failures(rctest::run(once, yearBlocks())), V{});
}

// A label reference @"2018" is confined to its block too, and a total's tree is
// placed in each block.
TEST(Blocks, LabelReferencesAndTotalsStayInTheBlock) {
    const char* rules = R"~(
sheet "Dân số"
labels A
check DS.2018: @"2018" = @"2018".C + @"2018".D
  for cols B
  for blocks "Người", "Chỉ số phát triển (%)", "Cơ cấu (%)"
total DS.cot: rows "2017" to "2019"
  for blocks "Người", "Cơ cấu (%)"
  B
    C
    D
)~";
    Result r = rctest::run(rules, yearBlocks());
    // "Chỉ số phát triển" 2018: 110 ≠ 116,7 + 107,1 (an index does not add up: the rule
    // says it does, so it is reported there, in that block's row, not the first block's).
    EXPECT_EQ(failures(r), (V{"DS.2018@Dân số!B8", "DS.2018@Dân số!B12", "DS.cot@Dân số!B12"}));
}

// An anchor that is not in the sheet is a missing-reference finding, the others still run;
// `for blocks` with `within` is a compile error.
TEST(Blocks, MissingAnchorAndWithinConflict) {
    const char* rules = "sheet \"Dân số\"\nlabels A\ncheck a: B = C + D\n  for rows \"2017\" to \"2019\"\n"
                        "  for blocks \"Cơ cấu (%)\", \"Không có\"\n";
    Result r = rctest::run(rules, yearBlocks());
    int missing = 0;
    for (const Finding& f : r.findings) missing += f.kind == FindingKind::MissingRef;
    EXPECT_EQ(missing, 1);
    EXPECT_EQ(failures(r).size(), 2u);  // the missing anchor and B12
    EXPECT_EQ(rctest::diagPositions("sheet \"S\"\ncheck a: A1 = 1\n  within \"X\"\n  for blocks \"Y\"\n"), V{"2:1"});
    EXPECT_EQ(rctest::diagPositions("sheet \"S\"\ncheck a: A1 = 1\n  for blocks Y\n"), V{"3:14"});
}

// Hostile: an anchor matching every row of a big sheet runs the rule at most
// Limits::maxBlocks times, then one limit finding.
TEST(Blocks, BlocksAreBoundedByLimits) {
    Workbook wb;
    Sheet& s = wb.addSheet("S");
    for (int i = 0; i < 5000; ++i) {
        s.set(i, 0, Cell::makeText("Khối " + std::to_string(i)));
        s.set(i, 1, Cell::makeNumber(1));
    }
    Limits l;
    l.maxBlocks = 100;
    RuleSet rs = RuleSet::compile("sheet \"S\"\nlabels A\ncheck a: @\"Khối*\".B = 1\n  for blocks \"Khối*\"\n", "t.rules", l);
    Result r = rs.run(wb);
    ASSERT_EQ(r.rules.size(), 1u);
    EXPECT_EQ(r.rules[0].passed, 100u);
    int limits = 0;
    for (const Finding& f : r.findings) limits += f.kind == FindingKind::Limit;
    EXPECT_EQ(limits, 1);
}

namespace {

// Population and density on one sheet, area on another with its rows in
// another order and one row lower (issue 9 item 4).
Workbook densityBook(bool dropHuyenC = false) {
    Workbook wb;
    addSheet(wb, "Dân số", {
        {"Huyện", "Dân số (người)", "Mật độ (người/km2)"},
        {"Huyện A", "61231", "100"},
        {"Huyện B", "108054", "200"},
        {"Huyện C", "74117", "99"},
    });
    std::vector<std::vector<std::string>> area = {
        {"Diện tích theo huyện"},
        {"Huyện", "km2"},
        {"Huyện C", "741.17"},
        {"Huyện A", "612.31"},
        {"Huyện B", "540.27"},
    };
    if (dropHuyenC) area.erase(area.begin() + 2);
    addSheet(wb, "Diện tích", area);
    return wb;
}

const char* kDensity = R"~(
sheet "Diện tích"
labels A
sheet "Dân số"
labels A
check MD error: C = round(B / 'Diện tích'!B, 0)
  for rows "Huyện A" to "Huyện C"
)~";

}  // namespace

// `'Diện tích'!B` in `for rows` reads the row labelled like the current row there:
// A 61231 / 612,31 = 100, B 108054 / 540,27 = 200, C 74117 / 741,17 = 100 (99 written).
TEST(CrossSheetRows, MatchTheCurrentRowsLabelOnTheOtherSheet) {
    Result r = rctest::run(kDensity, densityBook());
    EXPECT_EQ(failures(r), V{"MD@Dân số!C4"});
    ASSERT_EQ(r.rules.size(), 1u);
    EXPECT_EQ(r.rules[0].passed, 2u);
}

// A label the other sheet lacks: a missing-reference finding naming it, and
// the other rows are still checked.
TEST(CrossSheetRows, MissingLabelOnTheOtherSheetIsAFinding) {
    Result r = rctest::run(kDensity, densityBook(true));
    int missing = 0;
    for (const Finding& f : r.findings)
        if (f.kind == FindingKind::MissingRef) {
            ++missing;
            EXPECT_NE(f.message.en.find("\"Huyện C\" in \"Diện tích\""), std::string::npos) << f.message.en;
        }
    EXPECT_EQ(missing, 1);
    EXPECT_EQ(r.rules[0].passed, 2u);
}

// A label repeated per block maps its n-th occurrence to the n-th on the other sheet.
TEST(CrossSheetRows, RepeatedLabelsMatchByOccurrence) {
    Workbook wb;
    addSheet(wb, "A", {{"Nam", "1"}, {"Nữ", "2"}, {"x"}, {"Nam", "3"}, {"Nữ", "4"}});
    addSheet(wb, "B", {{"Nữ", "2"}, {"Nam", "1"}, {"Nữ", "4"}, {"Nam", "30"}});
    Result r = rctest::run("sheet \"A\"\nlabels A\ncheck c: B = 'B'!B\n  for rows 1:2, 4:5\n", wb);
    EXPECT_EQ(failures(r), V{"c@A!B4"});
}

// Years typed as numbers are labels (and headers in declared header rows).
TEST(NumericLabels, YearsWrittenAsNumbersAreFound) {
    Workbook wb;
    addSheet(wb, "Dân số", {
        {"Năm", "2017", "2018"},
        {"Người"},
        {"2017", "1000", "1100"},
        {"2018", "1100", "1250"},
        {"Cơ cấu (%)"},
        {"2017", "100", "100"},
        {"2018", "100", "99"},
    });
    const char* rules = R"~(
sheet "Dân số"
labels A
headers 1
check tang: @"2018".#"2017" = @"2017".#"2018"
  for blocks "Người"
check cc: @"2018" = 100
  for cols #"2017":#"2018"
  for blocks "Cơ cấu*"
)~";
    Result r = rctest::run(rules, wb);
    EXPECT_EQ(failures(r), V{"cc@Dân số!C7"});
    EXPECT_EQ(r.rules[0].passed, 1u);
    // Without `headers`, figures are not headers: #"2017" is not found among them.
    Result r2 = rctest::run("sheet \"Dân số\"\nlabels A\ncheck h: @\"2017\".#\"1100\" = 1\n", wb);
    ASSERT_EQ(r2.findings.size(), 1u);
    EXPECT_EQ(r2.findings[0].kind, FindingKind::MissingRef);
}

// Checks on text: a header equals a text, labels match a pattern (issue 9 item 10).
TEST(TextChecks, HeaderEqualsAndLabelsMatch) {
    Workbook wb = yearBlocks();
    const char* rules = R"~(
sheet "Dân số"
labels A
check H.dau: A1 = "Năm"
check H.cot: B1 = "Tổng  số"
check H.sai: C1 = "Thành phố"
check H.khac: D1 <> "Nông thôn"
check H.nam: A matches "20??"
  for rows 3:5, 7:9
check H.khoi: A matches "Cơ cấu*"
  for rows 10
check H.so: @"2018".B = "1100"
)~";
    Result r = rctest::run(rules, wb);
    EXPECT_EQ(failures(r), (V{"H.sai@Dân số!C1", "H.khac@Dân số!D1"}));
    for (const Finding& f : r.findings)
        if (f.ruleId == "H.sai") {
            EXPECT_NE(f.message.vi.find("\"Thành thị\""), std::string::npos) << f.message.vi;
            EXPECT_NE(f.message.en.find("\"Thành phố\""), std::string::npos) << f.message.en;
        }
    // "2017" is a number cell here (addSheet): matched by its text as written.
    EXPECT_EQ(r.rules[4].passed, 6u);
}

TEST(TextChecks, PatternsAndErrors) {
    Workbook wb;
    addSheet(wb, "S", {{"Biểu 11 - Dân số", "'", "=#N/A"}, {"Tỷ lệ (%)", "", "abcabcabd"}});
    const char* rules = R"~(
sheet "S"
check a: A1 matches "Biểu ?? - *"
check b: A1 matches "Biểu ? - *"
check c: A2 matches "*(%)"
check d: B2 = "x"
check e: C1 = "x"
check f: C2 matches "*abd"
check g: C2 matches "abc*abc"
)~";
    Result r = rctest::run(rules, wb);
    // b: "?" is one character, "11" is two; d: an empty cell is skipped; e: an error cell.
    EXPECT_EQ(failures(r), (V{"b@S!A1", "cell-error@S!C1", "g@S!C2"}));
    // Malformed: a range, a missing pattern, derived.
    EXPECT_EQ(rctest::diagPositions("sheet \"S\"\ncheck a: A1:A2 = \"x\"\n"), V{"2:10"});
    EXPECT_EQ(rctest::diagPositions("sheet \"S\"\ncheck a: A1 matches B1\n"), V{"2:20"});
    EXPECT_EQ(rctest::diagPositions("sheet \"S\"\ncheck a derived: A1 = \"x\"\n"), V{"2:17"});
}

// Hostile: a long cell against a pattern of stars stays bounded (the work is
// charged to maxCellsTouched) and answers.
TEST(TextChecks, LongTextAgainstManyStarsIsBounded) {
    Workbook wb;
    Sheet& s = wb.addSheet("S");
    s.set(0, 0, Cell::makeText(std::string(200000, 'a')));
    std::string pat;
    for (int i = 0; i < 1000; ++i) pat += "*a";
    pat += "b";
    Result r = rctest::run("sheet \"S\"\ncheck a: A1 matches \"" + pat + "\"\n", wb);
    EXPECT_EQ(r.findings.size(), 1u);  // fails (no 'b'), or a limit finding: never a hang
}

// Date cells are serial days (as Calc keeps them); date(y, m, d) names a day.
TEST(Dates, DateCellsComparedAsDates) {
    Workbook wb;
    Sheet& s = wb.addSheet("Tiến độ");
    s.set(0, 0, Cell::makeNumber(45291));  // 31/12/2023
    s.set(0, 1, Cell::makeNumber(45292));  // 01/01/2024
    const char* rules = R"~(
sheet "Tiến độ"
check han: A1 <= date(2023, 12, 31)
check tre: B1 <= date(2023, 12, 31)
check thu_tu: A1 < B1
check ngay: A1 = date(2023, 12, 31)
check nhuan: date(2024, 2, 29) - date(2024, 2, 28) = 1
check sai: A1 = date(2023, 2, 29)
)~";
    Result r = rctest::run(rules, wb);
    EXPECT_EQ(failures(r), (V{"sai@Tiến độ!A1", "tre@Tiến độ!B1"}));
    EXPECT_DOUBLE_EQ(evaluateExpression("date(1899, 12, 30)", {}), 0);
    EXPECT_DOUBLE_EQ(evaluateExpression("date(1970, 1, 1)", {}), 25569);
}

// A date cell's finding speaks in dates (31/12/2023), not Calc's serial days,
// and says how many days apart; a difference of dates is a number of days.
TEST(Dates, FindingsOnDateCellsWriteDates) {
    Workbook wb;
    Sheet& s = wb.addSheet("Tiến độ");
    s.set(0, 0, Cell::makeDate(45292));        // 01/01/2024
    s.set(0, 1, Cell::makeDate(45291.4375));   // 31/12/2023 10:30
    s.set(0, 2, Cell::makeNumber(45292));      // the same number, not shown as a date
    const char* rules = R"~(
sheet "Tiến độ"
check han: A1 <= date(2023, 12, 29)
check thu_tu: A1 < B1
check so: C1 <= date(2023, 12, 29)
check khoang: A1 - B1 > 5
)~";
    Result r = rctest::run(rules, wb);
    ASSERT_EQ(r.findings.size(), 4u);
    std::map<std::string, const Finding*> by;
    for (const auto& f : r.findings) by[f.ruleId] = &f;
    EXPECT_TRUE(by["han"]->dates);
    EXPECT_EQ(by["han"]->message.vi, "ô A1: ghi 01/01/2024, phải không quá 29/12/2023");
    EXPECT_EQ(by["han"]->message.en, "cell A1: recorded 1 Jan 2024, must be at most 29 Dec 2023");
    EXPECT_EQ(by["thu_tu"]->message.vi, "ô A1: ghi 01/01/2024, phải nhỏ hơn 31/12/2023 10:30");
    EXPECT_FALSE(by["so"]->dates);  // a number that is not shown as a date stays a number
    EXPECT_EQ(by["so"]->message.en, "cell C1: recorded 45,292, must be at most 45,289");
    EXPECT_FALSE(by["khoang"]->dates);  // A1 - B1 is days, not a date
    EXPECT_EQ(formatDate(45657, "vi"), "31/12/2024");
    EXPECT_EQ(formatDate(0, "en"), "30 Dec 1899");
    EXPECT_EQ(formatDate(-1, "vi"), "29/12/1899");
    EXPECT_EQ(formatDate(60, "vi"), "28/02/1900");  // Calc's serials have no 29/02/1900
    EXPECT_EQ(formatDate(1e300, "vi"), formatNumber(1e300, "vi", 2));
    long long y;
    int m, d;
    for (long long days : {-719468LL, -1LL, 0LL, 59LL, 11016LL, 2932896LL}) {  // civil and back, across eras
        civilFromDays(days, y, m, d);
        EXPECT_EQ(daysFromCivil(y, m, d), days) << days;
    }
}

// The new constructs survive printRules (what `reportcheck rules` prints and
// embedding may write): same model, same findings.
TEST(RuleSetOptions, NewConstructsRoundTripThroughPrintRules) {
    const char* text = R"~(
placeholders off
sheet "Dân số"
labels A
check DS.tong exact: B = C + D
  for rows "2017" to "2019"
  for blocks "Người", "Cơ cấu*"
check H.cot: C1 matches "Thành*"
placeholders on
total DS.cot: rows "2017" to "2019"
  for blocks "Người", "Cơ cấu (%)"
  B
    C
    D
)~";
    RuleSet a = RuleSet::compile(text, "a.rules");
    std::string printed = printRules(a.rules());
    RuleSet b = RuleSet::compile(printed, "b.rules");
    auto ra = a.rules(), rb = b.rules();
    ASSERT_EQ(ra.size(), rb.size()) << printed;
    for (size_t i = 0; i < ra.size(); ++i) {
        EXPECT_EQ(ra[i].blocks, rb[i].blocks) << printed;
        EXPECT_EQ(ra[i].exact, rb[i].exact) << printed;
        EXPECT_EQ(ra[i].placeholders, rb[i].placeholders) << printed;
        EXPECT_EQ(ra[i].body, rb[i].body) << printed;
    }
    EXPECT_EQ(ra[0].blocks, "\"Người\", \"Cơ cấu*\"");
    EXPECT_TRUE(ra[0].exact);
    EXPECT_FALSE(ra[0].placeholders);
    EXPECT_TRUE(ra[2].placeholders);
    EXPECT_EQ(failures(a.run(yearBlocks())), failures(b.run(yearBlocks())));
    EXPECT_EQ(failures(a.run(yearBlocks())), (V{"DS.cot@Dân số!B12", "DS.tong@Dân số!B12"}));
}
