// Rules embedded in a workbook are hostile input (issue 7). Each test is an
// attack that once ran for minutes, took gigabytes, gave a wrong answer or hit
// undefined behaviour; now it ends quickly with a correct result, a `limit`
// finding or a diagnostic naming the limit.
#include <gtest/gtest.h>

#include <string>

#include "reportcheck/present.h"
#include "reportcheck/rules.h"
#include "test_util.h"

using namespace reportcheck;
using rctest::addSheet;

namespace {

Result runUntrusted(const std::string& rules, const Workbook& wb, const Limits& l = Limits::untrusted()) {
    return RuleSet::compile(rules, "embedded", l).run(wb);
}

std::vector<const Finding*> ofKind(const Result& r, FindingKind k) {
    std::vector<const Finding*> out;
    for (const auto& f : r.findings)
        if (f.kind == k) out.push_back(&f);
    return out;
}

// The one limit finding of a result, which must name `limit`.
const Finding& limitFinding(const Result& r, const std::string& limit) {
    auto l = ofKind(r, FindingKind::Limit);
    EXPECT_EQ(l.size(), 1u);
    static Finding none;
    if (l.empty()) return none;
    EXPECT_NE(l[0]->message.en.find(limit), std::string::npos) << l[0]->message.en;
    EXPECT_NE(l[0]->message.vi.find(limit), std::string::npos) << l[0]->message.vi;
    return *l[0];
}

// Rows 1..n holding 1 in column A (B empty).
Workbook ones(int n) {
    Workbook wb;
    Sheet& s = wb.addSheet("S");
    for (int r = 0; r < n; ++r) s.set(r, 0, Cell::makeNumber(1));
    return wb;
}

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

}  // namespace

// 1. Row selections are spans clipped to the sheet, never one entry per row.
TEST(HostileRules, ExceptOfAHugeRangeIsNotQuadratic) {
    Workbook wb = ones(50);
    Result r = runUntrusted("sheet \"S\"\ncheck all: A = 2\n  for rows 1:9999999 except 1:9999999\n", wb);
    EXPECT_TRUE(r.findings.empty());
}

TEST(HostileRules, ManyHugeRowRangesAreClippedAndDeduplicated) {
    Workbook wb = ones(50);
    std::string list = "1:9999999";
    for (int i = 1; i < 200; ++i) list += ", 1:9999999";
    Result r = runUntrusted("sheet \"S\"\ncheck all: A = 2\n  for rows " + list + " except 3:4, 10\n", wb);
    EXPECT_EQ(r.findings.size(), 47u);  // 50 rows, three excepted, each once
}

TEST(HostileRules, RowAndColumnSpansKeepTheirOrderAndExceptions) {
    Workbook wb;
    addSheet(wb, "S", {{"1", "1"}, {"2", "1"}, {"3", "1"}, {"4", "1"}, {"5", "1"}, {"6", "1"}});
    Result r = runUntrusted("sheet \"S\"\ncheck c: ô = 1\n  for rows 5:6, 1:3, 2 except 2\n  for cols B, A:ZZZ\n", wb);
    EXPECT_EQ(rctest::failures(r), (std::vector<std::string>{"c@S!A3", "c@S!A5", "c@S!A6"}));
}

// 2. Ranges are aggregated by the engine: one muparser variable per range.
TEST(HostileRules, ManyLargeSumsCompileAndAreExact) {
    Workbook wb;
    Sheet& s = wb.addSheet("S");
    for (int r = 0; r < 1000; ++r)
        for (int c = 0; c < 100; ++c) s.set(r, c, Cell::makeNumber(1));
    // 25 × 100,000 cells: once each cell was a muparser variable ("Expression too long").
    std::string sums = "sum(A1:CV1000)";
    for (int i = 1; i < 25; ++i) sums += "+sum(A1:CV1000)";
    Result r = runUntrusted("sheet \"S\"\ncheck big: 2500000 = " + sums + "\ncheck bad: 1 = " + sums + "\n", wb);
    EXPECT_EQ(rctest::failures(r), (std::vector<std::string>{"bad@S!A1"}));
}

TEST(HostileRules, TwoHundredFiftyLargeSumsStayWithinTheCellBudget) {
    Workbook wb = ones(10);
    std::string sums = "sum(A1:CV1000)";
    for (int i = 1; i < 250; ++i) sums += "+sum(A1:CV1000)";
    Limits l = Limits::untrusted();
    l.maxCellsTouched = 1000000;  // 250 × 100,000 cells would be 25 M
    Result r = runUntrusted("sheet \"S\"\ncheck big: 10 = " + sums + "\n", wb, l);
    const Finding& f = limitFinding(r, "maxCellsTouched");
    EXPECT_EQ(f.ruleId, "big");
    EXPECT_EQ(f.severity, Severity::Error);
}

TEST(HostileRules, AggregatesOverRangesAreCorrect) {
    Workbook wb;
    addSheet(wb, "S", {{"1", "", "10"}, {"2"}, {"3"}});
    // avg with other arguments: (1 + 2 + 3 + 10) / 4; an empty cell counts as 0 in min.
    Result r = runUntrusted(
        "sheet \"S\"\n"
        "check avg: C1 = avg(A1:A3, C1) * 10 / 4\n"
        "check avg2: 3.25 = avg(A1:A3, A1:A3, 10, 4)\n"  // 26 / 8
        "check min: 0 = min(A1:B3, 5)\n"
        "check max: 10 = max(A1:A3, max(C1:C3, -1))\n"
        "check sum: 17 = sum(A1:A3) + sum(C1, A1:A1, 0)\n"
        "check nested: 2 = round(avg(A1:A3), 0)\n",
        wb);
    EXPECT_TRUE(rctest::failures(r).empty()) << (r.findings.empty() ? "" : r.findings[0].message.en);
}

TEST(HostileRules, ARangeOutsideAnAggregateIsAnError) {
    for (const char* body : {"B5 = B6:B10", "sum(B6:B10 * 2) = 1", "abs(B6:B10) = 1", "B5 = (B6:B10)"}) {
        auto d = RuleSet::lint(std::string("sheet \"S\"\ncheck r: ") + body + "\n", "t.rules", Limits::untrusted());
        ASSERT_EQ(d.size(), 1u) << body;
        EXPECT_EQ(d[0].line, 2);
        EXPECT_NE(d[0].message.en.find("whole argument of sum, min, max or avg"), std::string::npos) << d[0].message.en;
    }
}

TEST(HostileRules, TheDocumentedRangeLimitIsTheRealOne) {
    Workbook wb = ones(10);
    Result r = runUntrusted("sheet \"S\"\ncheck r: 10 = sum(A1:CV1000)\n", wb);  // exactly 100,000 cells
    EXPECT_TRUE(r.findings.empty());
    auto d = RuleSet::lint("sheet \"S\"\ncheck r: 10 = sum(A1:CV1001)\n", "t.rules", Limits::untrusted());
    ASSERT_EQ(d.size(), 1u);
    EXPECT_NE(d[0].message.en.find("limit of 100000"), std::string::npos);
    // A range sized by labels is checked when it runs.
    Workbook wb2;
    Sheet& s = wb2.addSheet("S");
    s.set(0, 0, Cell::makeText("from"));
    s.set(200000, 0, Cell::makeText("to"));
    Result r2 = runUntrusted("sheet \"S\"\nlabels A\ncheck lab: 0 = sum(@\"from\".B:@\"to\".B)\n", wb2);
    const Finding& f = limitFinding(r2, "maxRangeCells");
    EXPECT_EQ(f.ruleId, "lab");
    EXPECT_NE(f.message.en.find("B1:B200001"), std::string::npos) << f.message.en;
}

// 3. Message expansion is bounded per finding and per run.
TEST(HostileRules, AMessageOfManyPlaceholdersIsCut) {
    Workbook wb = ones(3);
    Result r = runUntrusted("sheet \"S\"\ncheck m: A = 2\n  for rows 1:3\n  vi \"" + repeat("{label}", 140000) + "\"\n", wb);
    auto checks = ofKind(r, FindingKind::Check);
    ASSERT_EQ(checks.size(), 3u);
    for (const Finding* f : checks) EXPECT_LE(f->message.vi.size(), Limits().maxMessageBytes + 3);
    limitFinding(r, "maxMessageBytes");
}

TEST(HostileRules, AllMessagesOfARunAreBounded) {
    Workbook wb = ones(500);
    Limits l = Limits::untrusted();
    l.maxMessageBytesTotal = 100000;
    Result r = runUntrusted("sheet \"S\"\ncheck m: A = 2\n  for rows 1:500\n  vi \"" + repeat("x", 1000) + "\"\n", wb, l);
    limitFinding(r, "maxMessageBytesTotal");
    EXPECT_LT(ofKind(r, FindingKind::Check).size(), 100u);
}

// 4. Findings, time and work per run are capped; header lookups are indexed.
TEST(HostileRules, FindingsPerRuleAndPerRunAreCapped) {
    Workbook wb = ones(3000);
    Result r = runUntrusted("sheet \"S\"\ncheck one: A = 2\n  for rows 1:3000\n", wb);
    EXPECT_EQ(ofKind(r, FindingKind::Check).size(), 1000u);
    EXPECT_NE(limitFinding(r, "maxFindingsPerRule").message.en.find("2,000 more"), std::string::npos);

    Limits l = Limits::untrusted();
    l.maxFindings = 1500;
    Result r2 = runUntrusted("sheet \"S\"\ncheck one: A = 2\n  for rows 1:1000\ncheck two: A = 3\n  for rows 1:1000\n", wb, l);
    EXPECT_EQ(ofKind(r2, FindingKind::Check).size(), 1500u);
    EXPECT_NE(limitFinding(r2, "maxFindings").message.en.find("500 more"), std::string::npos);
}

TEST(HostileRules, DerivedValuesAreCapped) {
    Workbook wb = ones(3000);
    Limits l = Limits::untrusted();
    l.maxDerivedValues = 2000;
    l.maxFindingsPerRule = 5000;
    Result r = runUntrusted("sheet \"S\"\ncheck d info derived: A = 2\n  for rows 1:3000\n", wb, l);
    EXPECT_EQ(r.derived.size(), 2000u);
    EXPECT_EQ(limitFinding(r, "maxDerivedValues").cell(), "A2001");
}

TEST(HostileRules, TheRunHasAWallClockBudget) {
    Workbook wb = ones(20000);
    Limits l = Limits::untrusted();
    l.maxRunMilliseconds = 0;
    Result r = runUntrusted("sheet \"S\"\ncheck slow: A = 1\n  for rows 1:20000\n", wb, l);
    const Finding& f = limitFinding(r, "maxRunMilliseconds");
    EXPECT_NE(f.message.en.find("Checking stopped"), std::string::npos);
    EXPECT_NE(f.message.vi.find("Dừng kiểm tra"), std::string::npos);
}

TEST(HostileRules, AHeaderReferenceDoesNotRescanTheSheet) {
    Workbook wb = ones(20000);
    wb.sheets[0].set(0, 1, Cell::makeText("Năm 2023"));
    Limits l = Limits::untrusted();
    // 20,000 rows × one header lookup each: a rescan per row would read 400 M cells.
    l.maxCellsTouched = 300000;
    Result r = runUntrusted("sheet \"S\"\ncheck h: A >= #\"Năm 2023\"\n  for rows 2:20000\n", wb, l);
    EXPECT_TRUE(ofKind(r, FindingKind::Limit).empty());
}

TEST(HostileRules, LabelColumnsAreBounded) {
    auto d = RuleSet::lint("sheet \"S\"\nlabels A:ZZZ\n", "t.rules", Limits::untrusted());
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].line, 2);
    EXPECT_NE(d[0].message.en.find("label columns"), std::string::npos);
}

// 5 and 6. Huge numbers: no undefined behaviour, no silent pass, readable output.
TEST(HostileRules, HugeDecimalsAndNumbersAreSafe) {
    Workbook wb;
    addSheet(wb, "S", {{"1", "2", "1e300"}, {"1.25", "4"}});
    Result r = runUntrusted(
        "sheet \"S\"\nnumbers 1\n"
        "check r: A2 = round(A2, 1e300)\n"
        "check p: 31.25 = pct(A2, B2, 1e300)\n"
        "check n: -1 = round(A2, -1e300)\n"
        "check c: 1.25 = #1\n  for rows 2\n",
        wb);
    EXPECT_EQ(rctest::failures(r), (std::vector<std::string>{"n@S!A2"})) << (r.findings.empty() ? "" : r.findings[0].message.en);
}

TEST(HostileRules, RoundingNeverTurnsAHugeValueIntoAPass) {
    Workbook wb;
    addSheet(wb, "S", {{"1e307"}, {"1e308"}});
    Result r = runUntrusted("sheet \"S\"\ncheck big decimals 2: A1 = 1\ncheck bigger: A2 = 1\n", wb);
    EXPECT_EQ(rctest::failures(r), (std::vector<std::string>{"big@S!A1", "bigger@S!A2"}));
    EXPECT_EQ(roundHalfAway(1e307, 2), 1e307);
    EXPECT_EQ(formatNumber(1e308, "en"), "1e+308");
    EXPECT_EQ(formatNumber(-1.5e20, "vi"), "-1,5e+20");
    EXPECT_EQ(formatNumber(123456789012.5, "vi", 1), "123.456.789.012,5");
}

// 7. The compiler bounds its own output; control characters are rejected.
TEST(HostileRules, ManyRulesGiveOneLimitDiagnostic) {
    std::string text = "sheet \"S\"\n";
    for (int i = 0; i < 150000; ++i) text += "check r" + std::to_string(i) + ": A1 = 1\n";
    auto d = RuleSet::lint(text, "embedded", Limits::untrusted());
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].line, int(Limits().maxRules) + 2);
    EXPECT_NE(d[0].message.en.find("maxRules"), std::string::npos);
}

TEST(HostileRules, MuparserWorkIsBoundedAtCompileTime) {
    // 4 MiB of "1+1+…" once took muparser 26 s to parse.
    std::string e = "1" + repeat("+1", 1500);
    std::string text = "sheet \"S\"\n";
    for (int i = 0; i < 1000; ++i) text += "check r" + std::to_string(i) + ": A1 = " + e + "\n";
    Limits l = Limits::untrusted();
    l.maxExpressionCharsTotal = 20000;  // the default bounds compiling to ~1.5 s; a smaller one keeps the test fast
    auto d = RuleSet::lint(text, "embedded", l);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_NE(d[0].message.en.find("maxExpressionCharsTotal"), std::string::npos);
    EXPECT_EQ(d[0].line, 8);  // 3001 + 3 characters a rule: the 7th rule is the first beyond 20,000
}

TEST(HostileRules, DeepNestingIsNotACrash) {
    Workbook wb = ones(1);
    std::string deep = repeat("(", 1990) + "A1" + repeat(")", 1990);
    Result r = runUntrusted("sheet \"S\"\ncheck deep: 1 = " + deep + "\ncheck deeper: 1 = sum(" + repeat("(", 1900) +
                                "A1" + repeat(")", 1900) + ", A1:A1)\n",
                            wb);
    EXPECT_EQ(rctest::failures(r), (std::vector<std::string>{"deeper@S!A1"}));  // 1 + 1 = 2
}

TEST(HostileRules, DiagnosticsAreCapped) {
    std::string text = "sheet \"S\"\n" + repeat("check: A1 = 1\n", 100000);
    auto d = RuleSet::lint(text, "embedded", Limits::untrusted());
    ASSERT_EQ(d.size(), Limits().maxDiagnostics + 1);
    EXPECT_NE(d.back().message.en.find("99900 more problems"), std::string::npos) << d.back().message.en;
    EXPECT_EQ(d.back().line, 102);
}

TEST(HostileRules, BidiAndControlCharactersAreRejectedWhereTheyAre) {
    for (const char* bad : {"\xE2\x80\xAE", "\xE2\x81\xA6", "\xE2\x80\x8F", "\x1B", "\x7F", "\xC2\x85"}) {
        auto d = RuleSet::lint(std::string("sheet \"S\"\ncheck ab") + bad + "c: A1 = 1\n", "embedded", Limits::untrusted());
        ASSERT_FALSE(d.empty());
        EXPECT_EQ(d[0].format("en").substr(0, 14), "embedded:2:9: ") << d[0].format("en");
        for (const auto& x : d) EXPECT_EQ(x.message.en.find(bad), std::string::npos);
    }
    EXPECT_TRUE(RuleSet::lint("sheet \"S\"\ncheck a\tb: A1 = 1\n", "t", Limits::untrusted()).size() == 1u);  // a tab is white space
}

TEST(HostileRules, LongNamesAreRejected) {
    auto d = RuleSet::lint("sheet \"" + std::string(300, 'x') + "\"\ncheck " + std::string(300, 'y') + ": A1 = 1\n", "t",
                           Limits::untrusted());
    ASSERT_EQ(d.size(), 2u);
    EXPECT_NE(d[0].message.en.find("sheet name longer"), std::string::npos);
    EXPECT_EQ(d[1].line, 2);
}
