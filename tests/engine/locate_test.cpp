// Error localisation (engine/src/locate/): on small tables, the cells named as
// most likely wrong and the values that would make the failing checks hold.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "reportcheck/present.h"
#include "test_util.h"

using namespace reportcheck;
using rctest::addSheet;

namespace {

// Parts a–c in columns B and C, D = B + C in every row, "Cộng" the column totals.
const char* kTable = R"(
sheet "T"
check T.row error: D = B + C
  for rows "a" to "Cộng"
total T.col error: cols B:D
  "Cộng"
    "a"
    "b"
    "c"
)";

Workbook table() {
    Workbook wb;
    addSheet(wb, "T", {{"Tên", "X", "Y", "Tổng"},
                       {"a", "3", "4", "7"},
                       {"b", "5", "6", "11"},
                       {"c", "2", "8", "10"},
                       {"Cộng", "10", "18", "28"}});
    return wb;
}

void put(Workbook& wb, const std::string& sheet, int row, int col, double v) {
    const_cast<Sheet&>(*wb.sheet(sheet)).set(row, col, Cell::makeNumber(v));
}

// The time budgets are generous here: what is tested is which cells, and a
// slow run (valgrind, a sanitizer, a loaded machine) must not turn that into
// a time-limit note. The time limits themselves are tested with 0.
Result locateRun(const std::string& rules, const Workbook& wb, Limits lim = Limits()) {
    lim.maxLocateMilliseconds = 60000;
    lim.maxLocateMillisecondsTotal = 120000;
    return RuleSet::compile(rules, "t.rules", lim).run(wb);
}

std::vector<const Finding*> checks(const Result& r) {
    std::vector<const Finding*> out;
    for (const auto& f : r.findings)
        if (f.kind == FindingKind::Check) out.push_back(&f);
    return out;
}

std::vector<std::string> names(const std::vector<Suspect>& s) {
    std::vector<std::string> out;
    for (const auto& c : s) out.push_back(c.cell());
    return out;
}

}  // namespace

TEST(Locate, CleanTableHasNoSuspects) {
    Result r = locateRun(kTable, table());
    EXPECT_TRUE(checks(r).empty());
}

TEST(Locate, OneWrongPartIsNamedWhereTwoChecksCross) {
    Workbook wb = table();
    put(wb, "T", 2, 2, 9);  // C3: 6 -> 9 breaks D3 = B3 + C3 and the column total C5
    Result r = locateRun(kTable, wb);
    auto f = checks(r);
    ASSERT_EQ(f.size(), 2u);
    for (const Finding* x : f) {
        ASSERT_EQ(x->suspects.cells.size(), 1u) << x->cell();
        const Suspect& s = x->suspects.cells[0];
        EXPECT_EQ(s.cell(), "C3");
        EXPECT_EQ(s.sheet, "T");
        EXPECT_EQ(s.value, 9);
        EXPECT_EQ(s.fix, 6);
        EXPECT_EQ(x->suspects.failingChecks, 2);
        EXPECT_TRUE(x->suspects.ties.empty());
    }
    EXPECT_EQ(suspectsText(*f[0], "en"), "most likely wrong: C3 (9; 6 would make the 2 failing checks hold)");
    EXPECT_EQ(suspectsText(*f[0], "vi"), "nhiều khả năng sai: C3 (9; sửa thành 6 thì 2 kiểm tra không đạt sẽ đạt)");
}

TEST(Locate, OneWrongTotalIsNamedNotItsParts) {
    Workbook wb = table();
    put(wb, "T", 4, 3, 30);  // D5: 28 -> 30; both the row and the column say so
    Result r = locateRun(kTable, wb);
    auto f = checks(r);
    ASSERT_FALSE(f.empty());
    for (const Finding* x : f) {
        ASSERT_EQ(names(x->suspects.cells), std::vector<std::string>{"D5"}) << x->suspects.note.en;
        EXPECT_EQ(x->suspects.cells[0].fix, 28);
    }
}

TEST(Locate, TwoErrorsInDifferentRowsAndColumnsAreBothNamed) {
    Workbook wb = table();
    put(wb, "T", 1, 1, 5);  // B2: 3 -> 5
    put(wb, "T", 2, 2, 9);  // C3: 6 -> 9
    Result r = locateRun(kTable, wb);
    auto f = checks(r);
    ASSERT_EQ(f.size(), 4u);
    for (const Finding* x : f) {
        auto n = names(x->suspects.cells);
        std::sort(n.begin(), n.end());
        EXPECT_EQ(n, (std::vector<std::string>{"B2", "C3"})) << x->cell();
        EXPECT_EQ(x->suspects.failingChecks, 4);
        for (const Suspect& s : x->suspects.cells) EXPECT_EQ(s.fix, s.cell() == "B2" ? 3 : 6);
    }
    EXPECT_NE(suspectsText(*f[0], "en").find("these values would make the 4 failing checks hold"), std::string::npos)
        << suspectsText(*f[0], "en");
}

TEST(Locate, EquallySmallSetsAreSaidNotGuessed) {
    // One check between two raw numbers: either may be the wrong one.
    Workbook wb;
    addSheet(wb, "E", {{"a", "3", "4"}});
    Result r = locateRun("sheet \"E\"\ncheck E.same error: B1 = C1\n", wb);
    auto f = checks(r);
    ASSERT_EQ(f.size(), 1u);
    const Suspects& s = f[0]->suspects;
    ASSERT_EQ(s.cells.size(), 1u);
    ASSERT_EQ(s.ties.size(), 1u);
    ASSERT_EQ(s.ties[0].size(), 1u);
    std::set<std::string> both{s.cells[0].cell(), s.ties[0][0].cell()};
    EXPECT_EQ(both, (std::set<std::string>{"B1", "C1"}));
    std::string en = suspectsText(*f[0], "en");
    EXPECT_NE(en.find("equally likely"), std::string::npos) << en;
    EXPECT_NE(suspectsText(*f[0], "vi").find("khả năng như nhau"), std::string::npos);
}

TEST(Locate, ChecksThatCannotAllHoldGetANoteNotCells) {
    // B1 must be both 5 and 6: no change of B1 satisfies the table.
    Workbook wb;
    addSheet(wb, "U", {{"a", "7"}});
    Result r = locateRun("sheet \"U\"\ncheck U.five error: B1 = 5\ncheck U.six error: B1 = 6\n", wb);
    auto f = checks(r);
    ASSERT_EQ(f.size(), 2u);
    for (const Finding* x : f) {
        EXPECT_TRUE(x->suspects.cells.empty());
        EXPECT_NE(x->suspects.note.en.find("no change makes every check of this table hold"), std::string::npos)
            << x->suspects.note.en;
        EXPECT_NE(x->suspects.note.vi.find("không có cách sửa nào"), std::string::npos);
    }
}

TEST(Locate, OneCheckNoChangeCanSatisfyIsSetApartFromAFixableError) {
    // T.bad asks D2 to be 5 more than the row check allows: no values of row
    // a satisfy both. C3 is wrong too (its row check and column C's total
    // fail), and column C's total reads C2 as T.bad does: one cluster that no
    // change fixes as a whole. Without T.bad it is fixable (C3), without any
    // other failing check it is not: T.bad alone gets the note.
    Workbook wb = table();
    put(wb, "T", 2, 2, 9);  // C3: 6 -> 9
    std::string rules = std::string(kTable) + "check T.bad error: D2 = B2 + C2 + 5\n";
    Result r = locateRun(rules, wb);
    auto f = checks(r);
    ASSERT_EQ(f.size(), 3u);
    for (const Finding* x : f) {
        if (x->ruleId == "T.bad") {
            EXPECT_TRUE(x->suspects.cells.empty());
            EXPECT_NE(x->suspects.note.en.find("no change makes this check hold together with the table's other checks"),
                      std::string::npos)
                << x->suspects.note.en;
            EXPECT_NE(x->suspects.note.vi.find("không có cách sửa nào làm kiểm tra này đạt"), std::string::npos);
        } else {
            ASSERT_EQ(names(x->suspects.cells), std::vector<std::string>{"C3"}) << x->cell() << " " << x->suspects.note.en;
            EXPECT_EQ(x->suspects.cells[0].fix, 6);
            EXPECT_EQ(x->suspects.failingChecks, 2);
        }
    }
}

TEST(Locate, WrongCountUnderAPercentageIsNamedNotThePercentage) {
    // B whole, C part, D = C / B % (1 decimal); B and C have column totals.
    Workbook wb;
    addSheet(wb, "P", {{"Tên", "Tổng", "Số", "%"},
                       {"a", "200", "50", "25"},
                       {"b", "300", "150", "50"},
                       {"c", "500", "100", "20"},
                       {"Cộng", "1000", "300", "30"}});
    put(wb, "P", 2, 2, 170);  // C3: 150 -> 170: its percentage and the column total fail
    const char* rules = R"(
sheet "P"
check P.pct error decimals 1: D = pct(C, B, 1)
  for rows "a" to "Cộng"
total P.tong error: cols B:C
  "Cộng"
    "a"
    "b"
    "c"
)";
    Result r = locateRun(rules, wb);
    auto f = checks(r);
    ASSERT_EQ(f.size(), 2u);
    for (const Finding* x : f) {
        ASSERT_EQ(names(x->suspects.cells), std::vector<std::string>{"C3"}) << x->cell();
        EXPECT_EQ(x->suspects.cells[0].fix, 150) << suspectsText(*x, "en");
    }
}

// A mistyped denominator under rounded percentages: their slopes, measured on
// rounded values, disagree, so no single linear step fixes every share; solved
// exactly for the one cell every failing check reads, it is named with the
// value that makes all of them hold — not a pair of it with a share.
TEST(Locate, MistypedDenominatorOfRoundedSharesIsSolvedExactly) {
    Workbook wb;
    addSheet(wb, "S", {{"Xã", "Người", "%"},
                       {"A", "10", "10"},
                       {"B", "20", "20"},
                       {"C", "30", "30"},
                       {"D", "15", "15"},
                       {"E", "25", "25"},
                       {"Tổng số", "125", "100"}});  // B7: 100 typed as 125
    const char* rules = R"(
sheet "S"
labels A
check S.pct error decimals 1: C = pct(B, $B$7, 1)
  for rows "A" to "E"
check S.tong error decimals 1: C7 = sum(C2:C6)
)";
    Result r = locateRun(rules, wb);
    auto f = checks(r);
    ASSERT_EQ(f.size(), 5u);
    for (const Finding* x : f) {
        ASSERT_EQ(names(x->suspects.cells), std::vector<std::string>{"B7"}) << x->cell() << suspectsText(*x, "en");
        EXPECT_EQ(x->suspects.cells[0].fix, 100);
        EXPECT_EQ(x->suspects.failingChecks, 5);
    }
}

TEST(Locate, HostileSizeTableEndsInALimitNote) {
    // One failing check reading 3000 cells: more than maxLocateCells may change.
    Workbook wb;
    std::vector<std::vector<std::string>> rows;
    for (int i = 0; i < 3000; ++i) rows.push_back({"1", i == 0 ? "5" : ""});
    addSheet(wb, "H", rows);
    Limits lim;
    lim.maxLocateCells = 2000;
    Result r = RuleSet::compile("sheet \"H\"\ncheck H.sum error: B1 = sum(A1:A3000)\n", "h.rules", lim).run(wb);
    auto f = checks(r);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_TRUE(f[0]->suspects.cells.empty());
    EXPECT_NE(f[0]->suspects.note.en.find("maxLocateCells = 2,000"), std::string::npos) << f[0]->suspects.note.en;
    EXPECT_NE(f[0]->suspects.note.vi.find("maxLocateCells = 2.000"), std::string::npos) << f[0]->suspects.note.vi;
    // No time left for localisation: a note, the findings themselves unchanged.
    lim.maxLocateCells = 4000;
    lim.maxLocateMillisecondsTotal = 0;
    r = RuleSet::compile("sheet \"H\"\ncheck H.sum error: B1 = sum(A1:A3000)\n", "h.rules", lim).run(wb);
    f = checks(r);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_TRUE(f[0]->suspects.cells.empty());
    EXPECT_NE(f[0]->suspects.note.en.find("maxLocateMillisecondsTotal = 0"), std::string::npos) << f[0]->suspects.note.en;
    EXPECT_EQ(f[0]->actual, 5);
}

TEST(Locate, ManyFailingChecksAreNamedExactlyWhenAFewCellsExplainThem) {
    // Every B part wrong: three row checks and the column total fail, more
    // than maxLocateFailing; the three parts are still the one lightest set
    // (small sets are enumerated exactly; the limit is branch and bound's).
    Workbook wb = table();
    for (int row = 1; row <= 3; ++row) put(wb, "T", row, 1, 40 + row);
    Limits lim;
    lim.maxLocateFailing = 2;
    Result r = locateRun(kTable, wb, lim);
    auto f = checks(r);
    ASSERT_GT(f.size(), 2u);
    for (const Finding* x : f) {
        auto n = names(x->suspects.cells);
        std::sort(n.begin(), n.end());
        EXPECT_EQ(n, (std::vector<std::string>{"B2", "B3", "B4"})) << x->cell() << " " << x->suspects.note.en;
        for (const Suspect& s : x->suspects.cells) EXPECT_EQ(s.fix, s.cell() == "B2" ? 3 : s.cell() == "B3" ? 5 : 2);
        EXPECT_TRUE(x->suspects.ties.empty());
    }
}

TEST(Locate, TooManyFailingChecksInOneTableEndInANote) {
    // Six parts of one column wrong: no set of at most four cells explains
    // the six row checks, and branch and bound is not tried past the limit.
    Workbook wb;
    std::vector<std::vector<std::string>> rows{{"Tên", "X", "Y", "Tổng"}};
    for (int i = 0; i < 6; ++i) rows.push_back({"r" + std::to_string(i), std::to_string(50 + i), "1", std::to_string(51 + i)});
    rows.push_back({"Cộng", "315", "6", "321"});
    addSheet(wb, "T", rows);
    for (int row = 1; row <= 6; ++row) put(wb, "T", row, 1, 70 + row);
    const char* rules = R"(
sheet "T"
check T.row error: D = B + C
  for rows "r0" to "Cộng"
total T.col error: cols B:D
  "Cộng"
    "r0"
    "r1"
    "r2"
    "r3"
    "r4"
    "r5"
)";
    Limits lim;
    lim.maxLocateFailing = 4;
    Result r = locateRun(rules, wb, lim);
    auto f = checks(r);
    ASSERT_GT(f.size(), 4u);
    for (const Finding* x : f) {
        EXPECT_TRUE(x->suspects.cells.empty()) << x->cell();
        EXPECT_NE(x->suspects.note.en.find("maxLocateFailing"), std::string::npos) << x->suspects.note.en;
    }
}

TEST(Locate, OffWhenLimitsSaySo) {
    Workbook wb = table();
    put(wb, "T", 2, 2, 9);
    Limits lim;
    lim.locate = false;
    Result r = RuleSet::compile(kTable, "t.rules", lim).run(wb);
    for (const Finding* x : checks(r)) EXPECT_TRUE(x->suspects.empty());
}

TEST(Locate, JsonAndHtmlCarryTheSuspects) {
    Workbook wb = table();
    put(wb, "T", 2, 2, 9);
    FileReport rep;
    rep.path = "t.ods";
    rep.rulesOrigin = "t.rules";
    rep.result = locateRun(kTable, wb);
    std::string json = presentJson({rep});
    EXPECT_NE(json.find("\"suspects\": [{\"sheet\": \"T\", \"cell\": \"C3\", \"value\": 9, \"fix\": 6}], \"suspectsFailingChecks\": 2"),
              std::string::npos)
        << json;
    std::string html = presentHtml({rep}, "en");
    EXPECT_NE(html.find("<span class=\"suspect\">most likely wrong: C3 (9; 6 would make the 2 failing checks hold)</span>"),
              std::string::npos);
    std::string text = presentText(rep, "vi");
    EXPECT_NE(text.find("→ nhiều khả năng sai: C3 (9; sửa thành 6"), std::string::npos) << text;
}

TEST(Locate, HugeNumbersEndInANoteNotACrash) {
    Workbook wb;
    addSheet(wb, "Z", {{"a", "1e300", "2e300", "1"}, {"b", "1e13", "2", "3"}});
    Result r = locateRun("sheet \"Z\"\ncheck Z.sum error: D = B + C\n  for rows \"a\" to \"b\"\n", wb);
    auto f = checks(r);
    ASSERT_EQ(f.size(), 2u);
    for (const Finding* x : f) {
        EXPECT_TRUE(x->suspects.cells.empty());
        EXPECT_NE(x->suspects.note.en.find("too large"), std::string::npos) << x->suspects.note.en;
    }
}

// kTable with a column E that must be twice the row's total D.
const char* kTableTwice = R"(
sheet "T"
check T.row error: D = B + C
  for rows "a" to "Cộng"
total T.col error: cols B:D
  "Cộng"
    "a"
    "b"
    "c"
check T.twice error: E = 2 * D
  for rows "a" to "Cộng"
)";

Workbook tableTwice() {
    Workbook wb;
    addSheet(wb, "T", {{"Tên", "X", "Y", "Tổng", "Đôi"},
                       {"a", "3", "4", "7", "14"},
                       {"b", "5", "6", "11", "22"},
                       {"c", "2", "8", "10", "20"},
                       {"Cộng", "10", "18", "28", "56"}});
    return wb;
}

TEST(Locate, UnrelatedFailingCheckElsewhereInTheTableDoesNotHideTheChangedCell) {
    // E2 is wrong already (a genuine error of the report, say); then C3 is
    // changed. Holding checks (row a's D2 = B2 + C2, the column totals) tie
    // the two places into one table of three failing checks, but the failing
    // checks of each place read no cell of the other: two clusters, each
    // under maxLocateFailing = 2, each naming its own cell.
    Workbook wb = tableTwice();
    put(wb, "T", 1, 4, 15);  // E2: 14 -> 15
    put(wb, "T", 2, 2, 9);   // C3: 6 -> 9
    Limits lim;
    lim.maxLocateFailing = 2;
    Result r = locateRun(kTableTwice, wb, lim);
    auto f = checks(r);
    ASSERT_EQ(f.size(), 3u);
    for (const Finding* x : f) {
        ASSERT_EQ(x->suspects.cells.size(), 1u) << x->cell() << " " << x->suspects.note.en;
        EXPECT_TRUE(x->suspects.ties.empty()) << x->cell();
        const Suspect& s = x->suspects.cells[0];
        if (x->ruleId == "T.twice") {
            EXPECT_EQ(s.cell(), "E2");
            EXPECT_EQ(s.fix, 14);
            EXPECT_EQ(x->suspects.failingChecks, 1);
        } else {
            EXPECT_EQ(s.cell(), "C3") << x->ruleId << " " << x->cell();
            EXPECT_EQ(s.fix, 6);
            EXPECT_EQ(x->suspects.failingChecks, 2);
        }
    }
    // The same table with only the genuine error: E2 alone, no tie.
    Workbook one = tableTwice();
    put(one, "T", 1, 4, 15);
    r = locateRun(kTableTwice, one, lim);
    f = checks(r);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(names(f[0]->suspects.cells), std::vector<std::string>{"E2"});
}

TEST(Locate, ConnectedFailingChecksStayOneClusterAndThePairIsNamed) {
    // B2 and C3 wrong: the four failing checks read common cells (row a's
    // check and column C's total both read C2), so they are one cluster,
    // over maxLocateFailing = 3. Branch and bound would not be tried; the
    // exact search over pairs names both cells, each with its value.
    Workbook wb = table();
    put(wb, "T", 1, 1, 5);
    put(wb, "T", 2, 2, 9);
    Limits lim;
    lim.maxLocateFailing = 3;
    Result r = locateRun(kTable, wb, lim);
    auto f = checks(r);
    ASSERT_EQ(f.size(), 4u);
    for (const Finding* x : f) {
        auto n = names(x->suspects.cells);
        std::sort(n.begin(), n.end());
        EXPECT_EQ(n, (std::vector<std::string>{"B2", "C3"})) << x->cell() << " " << x->suspects.note.en;
        for (const Suspect& s : x->suspects.cells) EXPECT_EQ(s.fix, s.cell() == "B2" ? 3 : 6);
        EXPECT_EQ(x->suspects.failingChecks, 4);
    }
}

// B1 = C1 fails, and each of B1 and C1 is part of a column sum that holds:
// no change of B1 or C1 alone (or both) fixes the table, so it is widened to
// the sums' cells, n rows each.
Workbook twoSums(int n) {
    Workbook wb;
    std::vector<std::vector<std::string>> rows;
    for (int i = 0; i < n; ++i) rows.push_back({i == 0 ? "4" : "1", i == 0 ? "5" : "1", "", ""});
    rows[0][2] = std::to_string(4 + (n - 1));
    rows[0][3] = std::to_string(5 + (n - 1));
    addSheet(wb, "W", rows);
    return wb;
}
std::string twoSumsRules(int n) {
    std::string last = std::to_string(n);
    return "sheet \"W\"\ncheck W.same error: A1 = B1\ncheck W.suma error: C1 = sum(A1:A" + last +
           ")\ncheck W.sumb error: D1 = sum(B1:B" + last + ")\n";
}

TEST(Locate, WideningIsBoundedAndSmallWideningNamesTwoCells) {
    // 5 rows: widened to 12 cells; one part and its sum change together
    // (A1 with C1, or B1 with D1: equally small).
    Result r = locateRun(twoSumsRules(5), twoSums(5));
    auto f = checks(r);
    ASSERT_EQ(f.size(), 1u);
    ASSERT_EQ(f[0]->suspects.cells.size(), 2u) << f[0]->suspects.note.en;
    auto n = names(f[0]->suspects.cells);
    std::sort(n.begin(), n.end());
    EXPECT_TRUE(n == (std::vector<std::string>{"A1", "C1"}) || n == (std::vector<std::string>{"B1", "D1"})) << n[0] << n[1];
    EXPECT_EQ(f[0]->suspects.ties.size(), 1u);
    // 100 rows: widened to 202 cells, past kMaxWidenedCells: a note at once,
    // not a solver run into its time limit.
    r = locateRun(twoSumsRules(100), twoSums(100));
    f = checks(r);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_TRUE(f[0]->suspects.cells.empty());
    EXPECT_NE(f[0]->suspects.note.en.find("kMaxWidenedCells = 64"), std::string::npos) << f[0]->suspects.note.en;
    EXPECT_NE(f[0]->suspects.note.vi.find("kMaxWidenedCells = 64"), std::string::npos) << f[0]->suspects.note.vi;
}

TEST(Locate, EveryEquallyLightCellIsListedUpToTheBound) {
    // One check of five cells' sum against a constant: any of the five may
    // be the wrong one. One is named and three more listed as equally likely
    // (kMaxTies): the text says the checks cannot tell, without a page of
    // cells.
    Workbook wb;
    addSheet(wb, "Q", {{"1", "1", "1", "1", "2"}});
    Result r = locateRun("sheet \"Q\"\ncheck Q.sum error: sum(A1:E1) = 5\n", wb);
    auto f = checks(r);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0]->suspects.cells.size(), 1u);
    EXPECT_EQ(f[0]->suspects.ties.size(), 3u);
    std::set<std::string> named{f[0]->suspects.cells[0].cell()};
    for (const auto& t : f[0]->suspects.ties) named.insert(t.at(0).cell());
    EXPECT_EQ(named.size(), 4u);
    EXPECT_NE(suspectsText(*f[0], "en").find("equally likely"), std::string::npos);
}

TEST(Locate, ManyClustersInOneTableEachNameTheirOwnCell) {
    // 400 rows whose printed row total D is one too high or too low in turn:
    // 400 failing row checks, one table through the column totals (D's
    // holds: the errors cancel), 400 clusters of one check each. Each names
    // its own D (the shared column total reads cells other clusters name,
    // so it is not taken back), or — past the run's time budget — says so.
    const int n = 400;
    Workbook wb;
    std::vector<std::vector<std::string>> rows{{"Tên", "X", "Y", "Tổng"}};
    double sb = 0, sc = 0, sd = 0;
    for (int i = 0; i < n; ++i) {
        double b = 1 + i % 7, c = 2 + i % 5, d = b + c + (i % 2 ? -1 : 1);
        sb += b, sc += c, sd += d;
        rows.push_back({"r" + std::to_string(i), std::to_string(int(b)), std::to_string(int(c)), std::to_string(int(d))});
    }
    rows.push_back({"Cộng", std::to_string(int(sb)), std::to_string(int(sc)), std::to_string(int(sd))});
    addSheet(wb, "M", rows);
    const std::string rules = "sheet \"M\"\ncheck M.row error: D = B + C\n  for rows \"r0\" to \"r" + std::to_string(n - 1) +
                              "\"\ncheck M.col error: D" + std::to_string(n + 2) + " = sum(D2:D" + std::to_string(n + 1) + ")\n";
    Result r = RuleSet::compile(rules, "m.rules", Limits()).run(wb);
    auto f = checks(r);
    ASSERT_EQ(f.size(), size_t(n));
    int named = 0;
    for (const Finding* x : f) {
        ASSERT_FALSE(x->suspects.empty()) << x->cell();
        if (x->suspects.cells.empty()) {
            EXPECT_NE(x->suspects.note.en.find("maxLocateMillisecondsTotal"), std::string::npos) << x->suspects.note.en;
            continue;
        }
        ++named;
        ASSERT_EQ(x->suspects.cells.size(), 1u) << x->cell();
        EXPECT_EQ(x->suspects.cells[0].cell(), x->cell());  // the row's own D
    }
    EXPECT_GT(named, 0);
}

// Two failing checks that contradict each other (B2 must be 5 and 6) in the
// same table as a fixable error (C3, where row b's check and column C's total
// cross). Together no change fixes the table, and leaving out either
// contradicting check leaves a fixable rest, so setting one check apart could
// not tell which and everything got a note. The two are a conflicting subset
// of their own: both are set apart, each saying so, and C3 is named.
TEST(Locate, TwoContradictingChecksAreSetApartAndTheErrorBesideThemIsNamed) {
    Workbook wb = table();
    put(wb, "T", 2, 2, 9);  // C3: 6 -> 9
    std::string rules = std::string(kTable) + "check T.five error: B2 = 5\ncheck T.six error: B2 = 6\n";
    Result r = locateRun(rules, wb);
    auto f = checks(r);
    ASSERT_EQ(f.size(), 4u);
    for (const Finding* x : f) {
        if (x->ruleId == "T.five" || x->ruleId == "T.six") {
            EXPECT_TRUE(x->suspects.cells.empty()) << x->ruleId;
            EXPECT_NE(x->suspects.note.en.find("no change makes these 2 failing checks hold together"), std::string::npos)
                << x->suspects.note.en;
            EXPECT_NE(x->suspects.note.vi.find("2 kiểm tra không đạt này cùng đạt"), std::string::npos) << x->suspects.note.vi;
        } else {
            ASSERT_EQ(names(x->suspects.cells), std::vector<std::string>{"C3"}) << x->cell() << " " << x->suspects.note.en;
            EXPECT_EQ(x->suspects.cells[0].fix, 6);
            EXPECT_EQ(x->suspects.failingChecks, 2);
        }
    }
}

// W.same (A1 = B1) cannot hold while the column sums that read A1 and B1 hold,
// and widening to those sums' cells is past kMaxWidenedCells. W.f (F1 = A1 +
// 10) fails beside it and shares A1: one table. It used to get the widening
// note with W.same; W.same is now set apart in the table as it is (no
// widening needed for that) and F1 is named.
TEST(Locate, AnUnfixableCheckIsSetApartEvenWhenWideningIsTooLarge) {
    Workbook wb = twoSums(100);
    put(wb, "W", 0, 4, 0);
    put(wb, "W", 0, 5, 15);  // F1: A1 + 10 = 14
    Result r = locateRun(twoSumsRules(100) + "check W.f error: F1 = A1 + 10\n", wb);
    auto f = checks(r);
    ASSERT_EQ(f.size(), 2u);
    for (const Finding* x : f) {
        if (x->ruleId == "W.same") {
            EXPECT_TRUE(x->suspects.cells.empty());
            EXPECT_NE(x->suspects.note.en.find("no change makes this check hold together with the table's other checks"),
                      std::string::npos)
                << x->suspects.note.en;
        } else {
            ASSERT_EQ(names(x->suspects.cells), std::vector<std::string>{"F1"}) << x->suspects.note.en;
            EXPECT_EQ(x->suspects.cells[0].fix, 14);
        }
    }
}

// A holding check that reads another cluster's cells is left out of a
// cluster, and now of its widened table too. C3 is wrong (row b and column
// C's total fail); T.p (E3 = C3) failed already and shares C3; T.bad cannot
// hold beside row a, so the cluster is widened. T.h (F2 = E3 + G2) holds and
// reads G2, the cell of another cluster (T.q fails there): taken back in the
// widened table it held E3 still, and the set had to move B3 and a total as
// well. Without it: C3 and E3, both back to 6.
TEST(Locate, AWidenedClusterLeavesOutChecksReadingAnotherClustersCells) {
    Workbook wb;
    addSheet(wb, "T", {{"Tên", "X", "Y", "Tổng", "P", "H", "Q"},
                       {"a", "3", "4", "7", "", "9", "2"},
                       {"b", "5", "6", "11", "7"},
                       {"c", "2", "8", "10"},
                       {"Cộng", "10", "18", "28"}});
    put(wb, "T", 2, 2, 9);  // C3: 6 -> 9
    std::string rules = std::string(kTable) +
                        "check T.p error: E3 = C3\ncheck T.h error: F2 = E3 + G2\ncheck T.q error: G2 = 1\n"
                        "check T.bad error: D2 = B2 + C2 + 5\n";
    Limits lim;
    lim.maxLocateFailing = 4;
    Result r = locateRun(rules, wb, lim);
    auto f = checks(r);
    ASSERT_EQ(f.size(), 5u);
    for (const Finding* x : f) {
        if (x->ruleId == "T.bad") {
            EXPECT_TRUE(x->suspects.cells.empty());
            continue;
        }
        auto n = names(x->suspects.cells);
        std::sort(n.begin(), n.end());
        if (x->ruleId == "T.q") {
            EXPECT_EQ(n, std::vector<std::string>{"G2"});
            continue;
        }
        EXPECT_EQ(n, (std::vector<std::string>{"C3", "E3"})) << x->ruleId << " " << x->cell() << " " << suspectsText(*x, "en");
        for (const Suspect& s : x->suspects.cells) EXPECT_EQ(s.fix, 6) << s.cell();
    }
}
