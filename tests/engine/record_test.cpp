// The localisation recorder (engine/src/locate/record.h): its flat storage,
// its two passes (failing instances first, everything only when one failed)
// and its bound, kMaxInstances, past which localisation says so.
#include <gtest/gtest.h>

#include <string>

#include "locate/record.h"
#include "reportcheck/rules.h"
#include "test_util.h"

using namespace reportcheck;

namespace {

// An expression reading `n` references (only refs.size() matters to the recorder).
Expr exprWith(size_t n) {
    Expr e;
    e.source = "x";
    e.refs.resize(n);
    return e;
}

// One compared instance as the evaluator reports it: lhs read, rhs read, compared.
void instance(InstanceRecorder& rec, const Rule& r, const Expr& lhs, const Expr& rhs, int row, bool held) {
    for (size_t i = 0; i < lhs.refs.size(); ++i) rec.area(lhs, i, nullptr, row, int(i), row, int(i));
    for (size_t i = 0; i < rhs.refs.size(); ++i) rec.area(rhs, i, nullptr, row, 10 + int(i), row + 1, 10 + int(i));
    rec.compared(r, lhs, rhs, nullptr, row, 0, nullptr, row, -1, 0, held);
}

TEST(Recorder, EverythingKeepsEachSidesAreasInOrderAcrossGrowth) {
    Rule r;
    Expr lhs = exprWith(1), rhs = exprWith(4);
    InstanceRecorder rec;  // no reserve: the flat array moves many times as it grows
    const int n = 5000;
    for (int row = 0; row < n; ++row) instance(rec, r, lhs, rhs, row, row % 7 != 3);
    const auto& in = rec.instances();
    ASSERT_EQ(in.size(), size_t(n));
    EXPECT_EQ(rec.seen(), std::uint64_t(n));
    EXPECT_EQ(rec.areasSeen(), std::uint64_t(5 * n));
    EXPECT_TRUE(rec.anyFailed());
    EXPECT_FALSE(rec.overflowed());
    for (int row = 0; row < n; row += 997) {
        const RecordedInstance& x = in[size_t(row)];
        EXPECT_EQ(x.row, row);
        EXPECT_EQ(x.held, row % 7 != 3);
        EXPECT_EQ(x.lhs.expr, &lhs);
        ASSERT_EQ(x.lhs.areas.size(), 1u);
        EXPECT_EQ(x.lhs.areas[0].r1, row);
        ASSERT_EQ(x.rhs.areas.size(), 4u);
        int k = 0;
        for (const RecordedArea& a : x.rhs.areas) {  // iterated as the vector it replaced
            EXPECT_EQ(a.r1, row);
            EXPECT_EQ(a.r2, row + 1);
            EXPECT_EQ(a.c1, 10 + k++);
        }
    }
}

TEST(Recorder, ASideWithoutReferencesAndAReadNotFinished) {
    Rule r;
    Expr lhs = exprWith(2), constant = exprWith(0), other = exprWith(3);
    InstanceRecorder rec;
    // A read of another expression that never got compared (a skipped side) is not kept.
    rec.area(other, 0, nullptr, 50, 0, 50, 0);
    instance(rec, r, lhs, constant, 7, false);
    // A side whose expression was not read (all of it) matches nothing: no instance.
    rec.area(other, 0, nullptr, 8, 0, 8, 0);
    rec.compared(r, other, constant, nullptr, 8, 0, nullptr, 8, -1, 0, false);
    const auto& in = rec.instances();
    ASSERT_EQ(in.size(), 1u);
    EXPECT_EQ(in[0].lhs.areas.size(), 2u);
    EXPECT_EQ(in[0].lhs.areas[1].c1, 1);
    EXPECT_TRUE(in[0].rhs.areas.empty());
    EXPECT_EQ(rec.seen(), 1u);
}

TEST(Recorder, FailingModeCountsAllAndKeepsOnlyTheFailingWithoutAreas) {
    Rule r;
    Expr lhs = exprWith(1), rhs = exprWith(3);
    InstanceRecorder rec(InstanceRecorder::Mode::Failing);
    for (int row = 0; row < 1000; ++row) instance(rec, r, lhs, rhs, row, row != 123 && row != 456);
    EXPECT_EQ(rec.seen(), 1000u);
    EXPECT_EQ(rec.areasSeen(), 4000u);  // what the second pass reserves
    const auto& in = rec.instances();
    ASSERT_EQ(in.size(), 2u);
    EXPECT_EQ(in[0].row, 123);
    EXPECT_EQ(in[1].row, 456);
    EXPECT_FALSE(in[0].held);
    EXPECT_TRUE(in[0].lhs.areas.empty());
    EXPECT_TRUE(rec.anyFailed());

    InstanceRecorder clean(InstanceRecorder::Mode::Failing);
    for (int row = 0; row < 1000; ++row) instance(clean, r, lhs, rhs, row, true);
    EXPECT_FALSE(clean.anyFailed());
    EXPECT_TRUE(clean.instances().empty());  // a clean run keeps nothing
}

// The run's own pass keeps everything of a small run, and only the failing
// instances once it grows past what it keeps whole.
TEST(Recorder, KeepsAllUpToItsThresholdThenOnlyTheFailing) {
    Rule r;
    Expr lhs = exprWith(1), rhs = exprWith(2);
    InstanceRecorder small(InstanceRecorder::Mode::Everything, 100);
    for (int row = 0; row < 100; ++row) instance(small, r, lhs, rhs, row, row != 10);
    EXPECT_TRUE(small.complete());
    EXPECT_EQ(small.instances().size(), 100u);
    EXPECT_EQ(small.instances()[10].rhs.areas.size(), 2u);

    InstanceRecorder grown(InstanceRecorder::Mode::Everything, 100);
    for (int row = 0; row < 150; ++row) instance(grown, r, lhs, rhs, row, row != 10 && row != 120);
    EXPECT_FALSE(grown.complete());
    EXPECT_FALSE(grown.overflowed());
    EXPECT_EQ(grown.seen(), 150u);
    EXPECT_EQ(grown.areasSeen(), 450u);
    const auto& in = grown.instances();
    ASSERT_EQ(in.size(), 2u);
    EXPECT_EQ(in[0].row, 10);
    EXPECT_TRUE(in[0].lhs.areas.empty());
    EXPECT_EQ(in[1].row, 120);
}

TEST(Recorder, BoundIsOnInstancesComparedInBothModes) {
    Rule r;
    Expr lhs = exprWith(1), rhs = exprWith(1);
    const std::uint64_t n = InstanceRecorder::kMaxInstances + 2;
    InstanceRecorder all, failing(InstanceRecorder::Mode::Failing);
    for (std::uint64_t k = 0; k < n; ++k) {
        // Failing at the first and at the last instance: only the first is within the bound.
        bool held = k != 0 && k != n - 1;
        instance(all, r, lhs, rhs, int(k), held);
        instance(failing, r, lhs, rhs, int(k), held);
    }
    EXPECT_TRUE(all.overflowed());
    EXPECT_TRUE(failing.overflowed());
    EXPECT_EQ(all.instances().size(), size_t(InstanceRecorder::kMaxInstances));
    // Mode::Failing keeps a failing instance past the bound too (a second pass
    // over the failing rows may still localise it), without areas.
    ASSERT_EQ(failing.instances().size(), 2u);
    EXPECT_EQ(failing.instances()[0].row, 0);
    EXPECT_EQ(failing.instances()[1].row, int(n - 1));
    EXPECT_TRUE(failing.instances()[1].lhs.areas.empty());
    EXPECT_FALSE(failing.lostFailing());
}

// Past the bound, Mode::Failing keeps at most kMaxInstances failing ones, and says it lost the rest.
TEST(Recorder, FailingInstancesPastTheBoundAreBoundedToo) {
    Rule r;
    Expr lhs = exprWith(1), rhs = exprWith(1);
    InstanceRecorder failing(InstanceRecorder::Mode::Failing);
    const std::uint64_t n = 2 * InstanceRecorder::kMaxInstances + 3;
    for (std::uint64_t k = 0; k < n; ++k) instance(failing, r, lhs, rhs, int(k), false);
    EXPECT_TRUE(failing.overflowed());
    EXPECT_TRUE(failing.lostFailing());
    EXPECT_EQ(failing.instances().size(), size_t(InstanceRecorder::kMaxInstances));
    EXPECT_EQ(failing.seen(), n);
}

// B = C + F1 on every row of a sheet taller than the bound (F1 a cell every
// row reads: the rule is not row-local), wrong on row 3 and on the last row:
// both findings say there are too many checks to name the cell (the bound is
// reported, not silently dropped).
TEST(Recorder, PastTheBoundTheFindingSaysSo) {
    const int rows = int(InstanceRecorder::kMaxInstances) + 10;
    Workbook wb;
    Sheet& s = wb.addSheet("S");
    s.set(0, 5, Cell::makeNumber(0));
    for (int r = 0; r < rows; ++r) {
        s.set(r, 1, Cell::makeNumber(r % 10));
        s.set(r, 2, Cell::makeNumber(r % 10 + (r == 3 || r == rows - 1 ? 1 : 0)));
    }
    RuleSet rs = RuleSet::compile("sheet \"S\"\ncheck S.eq: B = C + $F$1\n  for rows 1:" + std::to_string(rows) + "\n", "t.rules");
    Result res = rs.run(wb);
    ASSERT_EQ(res.findings.size(), 2u);
    EXPECT_EQ(res.findings[0].row, 3);
    EXPECT_EQ(res.findings[1].row, rows - 1);
    for (const Finding& f : res.findings) {
        EXPECT_NE(f.suspects.note.en.find("too many checks"), std::string::npos) << f.cell() << ": " << f.suspects.note.en;
        EXPECT_NE(f.suspects.note.vi.find("quá nhiều kiểm tra"), std::string::npos);
        EXPECT_TRUE(f.suspects.cells.empty());
    }
}

// The same sheet with B = C, a rule that reads only its own row: past the
// bound too, both wrong cells are named, from a second pass over the two
// failing rows (a sheet of Calc's full height is localised as a short one).
TEST(Recorder, RowLocalRulesAreLocalisedPastTheBound) {
    const int rows = int(InstanceRecorder::kMaxInstances) + 10;
    Workbook wb;
    Sheet& s = wb.addSheet("S");
    for (int r = 0; r < rows; ++r) {
        s.set(r, 0, Cell::makeText("Dòng " + std::to_string(r + 1)));
        s.set(r, 1, Cell::makeNumber(r % 10));
        s.set(r, 2, Cell::makeNumber(r % 10));
        s.set(r, 3, Cell::makeNumber(r % 10 + (r == 3 || r == rows - 1 ? 1 : 0)));
    }
    Limits generous;
    generous.maxLocateMilliseconds = 60000;
    generous.maxLocateMillisecondsTotal = 120000;
    const std::string n = std::to_string(rows);
    RuleSet rs = RuleSet::compile("sheet \"S\"\ncheck S.eq: B = C\n  for rows 1:" + n + "\ncheck S.eq2: D = C\n  for rows 1:" + n + "\n",
                                  "t.rules", generous);
    Result res = rs.run(wb);
    ASSERT_EQ(res.findings.size(), 2u);
    EXPECT_EQ(res.findings[0].row, 3);
    EXPECT_EQ(res.findings[1].row, rows - 1);
    for (const Finding& f : res.findings) {
        // B = C holds on the row, D = C fails: D alone is wrong (changing C would break B = C).
        ASSERT_EQ(f.suspects.cells.size(), 1u) << f.cell() << ": " << f.suspects.note.en;
        EXPECT_EQ(f.suspects.cells[0].cell(), "D" + std::to_string(f.row + 1));
        EXPECT_EQ(f.suspects.cells[0].fix, f.row % 10);
    }
}

// A table of part rows and a total: the findings and suspects with
// localisation are those of a run without it plus the suspects, whether the
// workbook is clean (nothing recorded, nothing named) or has one wrong part.
TEST(Recorder, CleanRunNamesNothingAndAFailingRunNamesTheCell) {
    const std::string rules = "sheet \"T\"\ncheck T.row: D = B + C\n  for rows 2:4\n"
                              "check T.col: B5 = sum(B2:B4)\ncheck T.col2: C5 = sum(C2:C4)\ncheck T.col3: D5 = sum(D2:D4)\n";
    Workbook wb;
    rctest::addSheet(wb, "T", {{"Tên", "X", "Y", "Tổng"},
                               {"a", "3", "4", "7"},
                               {"b", "5", "6", "11"},
                               {"c", "2", "8", "10"},
                               {"Cộng", "10", "18", "28"}});
    Limits off;
    off.locate = false;
    Result on = RuleSet::compile(rules, "t.rules").run(wb), without = RuleSet::compile(rules, "t.rules", off).run(wb);
    EXPECT_TRUE(on.findings.empty());
    EXPECT_EQ(on.findings.size(), without.findings.size());
    ASSERT_EQ(on.rules.size(), without.rules.size());
    for (size_t k = 0; k < on.rules.size(); ++k) EXPECT_EQ(on.rules[k].passed, without.rules[k].passed);

    const_cast<Sheet&>(*wb.sheet("T")).set(2, 1, Cell::makeNumber(6));  // b's X: 5 -> 6
    Limits generous;
    generous.maxLocateMilliseconds = 60000;
    generous.maxLocateMillisecondsTotal = 120000;
    Result bad = RuleSet::compile(rules, "t.rules", generous).run(wb);
    Result badOff = RuleSet::compile(rules, "t.rules", off).run(wb);
    ASSERT_EQ(bad.findings.size(), badOff.findings.size());
    ASSERT_EQ(bad.findings.size(), 2u);  // the row and the column total cross at B3
    for (size_t k = 0; k < bad.findings.size(); ++k) {
        EXPECT_EQ(bad.findings[k].ruleId, badOff.findings[k].ruleId);
        EXPECT_EQ(bad.findings[k].message.en, badOff.findings[k].message.en);
        EXPECT_TRUE(badOff.findings[k].suspects.empty());
        ASSERT_EQ(bad.findings[k].suspects.cells.size(), 1u) << bad.findings[k].suspects.note.en;
        EXPECT_EQ(bad.findings[k].suspects.cells[0].cell(), "B3");
        EXPECT_EQ(bad.findings[k].suspects.cells[0].fix, 5);
    }
}

}  // namespace

namespace {

// Longer than what the run's own pass keeps whole: the rules run a second
// time to record everything, and the wrong cell is named as in a short table.
TEST(Recorder, ALongSheetIsLocalisedFromTheSecondPass) {
    const int rows = int(InstanceRecorder::kKeepAllFirst) + 5000;
    Workbook wb;
    Sheet& s = wb.addSheet("S");
    for (int r = 0; r < rows; ++r) {
        s.set(r, 1, Cell::makeNumber(r % 10));
        s.set(r, 2, Cell::makeNumber(r % 7));
        s.set(r, 3, Cell::makeNumber(r % 10 + r % 7));
    }
    double total = 0;
    for (int r = 0; r < 10; ++r) total += r % 10;
    s.set(0, 5, Cell::makeNumber(total));
    s.set(5, 1, Cell::makeNumber(5 % 10 + 3));  // B6: 5 -> 8
    Limits generous;
    generous.maxLocateMilliseconds = 60000;
    generous.maxLocateMillisecondsTotal = 120000;
    const std::string rules = "sheet \"S\"\ncheck S.row: D = B + C\n  for rows 1:" + std::to_string(rows) +
                              "\ncheck S.tot: F1 = sum(B1:B10)\n";
    Result res = RuleSet::compile(rules, "t.rules", generous).run(wb);
    ASSERT_EQ(res.findings.size(), 2u);  // D6 (its row) and F1 (the total)
    for (const Finding& f : res.findings) {
        ASSERT_EQ(f.suspects.cells.size(), 1u) << f.cell() << ": " << f.suspects.note.en;
        EXPECT_EQ(f.suspects.cells[0].cell(), "B6");
        EXPECT_EQ(f.suspects.cells[0].value, 8);
        EXPECT_EQ(f.suspects.cells[0].fix, 5);
    }
}

// On a sheet where every instance reads only the row it checks, the second
// pass records only the failing rows (InstanceRecorder::rowsBound); another
// sheet, with a total over several rows, is recorded whole. What they name is
// what a pass recording everything names: the same rules with one more on S
// that reads a fixed cell outside any row it checks (F1 = F1, holding) make
// S recorded whole too; every finding and its suspects must be the same.
TEST(Recorder, RowBoundSheetsNameTheCellsAWholeRecordingNames) {
    const int rows = int(InstanceRecorder::kKeepAllFirst) + 5000;
    Workbook wb;
    Sheet& o = wb.addSheet("O");  // first: adding a sheet may move the others
    for (int r = 0; r < 3; ++r) o.set(r, 0, Cell::makeNumber(r + 1));
    o.set(3, 0, Cell::makeNumber(7));  // A4: 1 + 2 + 3 is 6
    Sheet& s = wb.addSheet("S");
    for (int r = 0; r < rows; ++r) {
        s.set(r, 0, Cell::makeText("Dòng " + std::to_string(r + 1)));
        s.set(r, 1, Cell::makeNumber(r % 10));
        s.set(r, 2, Cell::makeNumber(r % 7));
        s.set(r, 3, Cell::makeNumber(r % 10 + r % 7));
        s.set(r, 4, Cell::makeNumber(2 * (r % 10 + r % 7)));
    }
    s.set(0, 5, Cell::makeNumber(0));
    s.set(5, 1, Cell::makeNumber(5 + 3));                           // B6: only D = B + C fails
    s.set(17000, 3, Cell::makeNumber(17000 % 10 + 17000 % 7 + 1));  // D17001: both fail; D alone fixes both
    s.set(20000, 4, Cell::makeNumber(999));                         // E20001: only E = D * 2 fails
    Limits generous;
    generous.maxLocateMilliseconds = 60000;
    generous.maxLocateMillisecondsTotal = 120000;
    const std::string n = std::to_string(rows);
    const std::string bound = "sheet \"O\"\ncheck O.tot: A4 = sum(A1:A3)\nsheet \"S\"\ncheck S.row: D = B + C\n  for rows 1:" +
                              n + "\ncheck S.twice: E = D * 2\n  for rows 1:" + n + "\n";
    const std::string whole = bound + "check S.fix: F1 = F1\n";
    Result a = RuleSet::compile(bound, "t.rules", generous).run(wb);
    Result b = RuleSet::compile(whole, "t.rules", generous).run(wb);
    ASSERT_EQ(a.findings.size(), 5u);  // A4; B6's row, D17001 twice, E20001
    ASSERT_EQ(b.findings.size(), a.findings.size());
    for (size_t k = 0; k < a.findings.size(); ++k) {
        const Finding &x = a.findings[k], &y = b.findings[k];
        EXPECT_EQ(x.ruleId + "@" + x.cell(), y.ruleId + "@" + y.cell());
        EXPECT_EQ(x.suspects.note.en, y.suspects.note.en);
        EXPECT_EQ(x.suspects.failingChecks, y.suspects.failingChecks);
        ASSERT_EQ(x.suspects.cells.size(), y.suspects.cells.size()) << x.cell();
        for (size_t c = 0; c < x.suspects.cells.size(); ++c) {
            EXPECT_EQ(x.suspects.cells[c].cell(), y.suspects.cells[c].cell());
            EXPECT_EQ(x.suspects.cells[c].fix, y.suspects.cells[c].fix);
        }
        EXPECT_EQ(x.suspects.ties.size(), y.suspects.ties.size()) << x.cell();
        ASSERT_FALSE(x.suspects.cells.empty()) << x.cell() << ": " << x.suspects.note.en;
    }
    EXPECT_EQ(a.findings[0].suspects.cells[0].cell(), "A4");
    EXPECT_EQ(a.findings[0].suspects.cells[0].fix, 6);
    EXPECT_EQ(a.findings[2].suspects.cells[0].cell(), "D17001");
    EXPECT_EQ(a.findings[2].suspects.cells[0].fix, 17000 % 10 + 17000 % 7);
    EXPECT_EQ(a.findings[4].suspects.cells[0].cell(), "E20001");
}

// Which sheets are bound to their rows, as the evaluator reports instances:
// a row read at the row the rule checks binds; a range over rows, a cell of
// another row or sheet, or a rule not run per row unbinds every sheet involved.
TEST(Recorder, SheetsBoundToTheirRows) {
    Rule r;
    Expr one = exprWith(1), two = exprWith(2);
    Workbook wb;
    const Sheet* s = &wb.addSheet("S");
    const Sheet* t = &wb.addSheet("T");
    const Sheet* u = &wb.addSheet("U");
    s = wb.sheet("S");  // adding T and U may have moved S
    t = wb.sheet("T");
    u = wb.sheet("U");
    {
        InstanceRecorder rec(InstanceRecorder::Mode::Failing);
        for (int row = 0; row < 10; ++row) {  // S: B = C + D on each row
            rec.area(one, 0, s, row, 1, row, 1);
            rec.area(two, 0, s, row, 2, row, 2);
            rec.area(two, 1, s, row, 3, row, 3);
            rec.compared(r, one, two, s, row, 1, s, row, -1, 0, row != 4);
        }
        EXPECT_TRUE(rec.rowsBound(s));
        EXPECT_TRUE(rec.rowsBound(t));  // nothing read there
        rec.area(one, 0, t, 3, 1, 3, 1);  // T: B4 = sum(C1:C3), a rule not run per row
        rec.area(one, 0, t, 0, 2, 2, 2);
        rec.compared(r, one, one, t, 3, 1, t, -1, -1, 0, true);
        EXPECT_TRUE(rec.rowsBound(s));
        EXPECT_FALSE(rec.rowsBound(t));
    }
    {
        InstanceRecorder rec(InstanceRecorder::Mode::Failing);
        rec.area(one, 0, s, 5, 1, 5, 1);  // S row 6 read against U's row 6: both unbound
        rec.area(one, 0, u, 5, 1, 5, 1);
        rec.compared(r, one, one, s, 5, 1, s, 5, -1, 0, true);
        EXPECT_FALSE(rec.rowsBound(s));
        EXPECT_FALSE(rec.rowsBound(u));
        EXPECT_TRUE(rec.rowsBound(t));
    }
    {
        InstanceRecorder rec(InstanceRecorder::Mode::Failing);
        rec.area(one, 0, s, 5, 1, 5, 1);  // anchored at the row it reads, but the rule checks row 7
        rec.area(one, 0, s, 5, 2, 5, 2);
        rec.compared(r, one, one, s, 5, 1, s, 6, -1, 0, true);
        EXPECT_FALSE(rec.rowsBound(s));
    }
    {
        InstanceRecorder rec(InstanceRecorder::Mode::Failing);
        rec.area(one, 0, t, 5, 1, 5, 1);  // a rule checking S's rows, anchored on T: S unbound too
        rec.area(one, 0, t, 5, 2, 5, 2);
        rec.compared(r, one, one, t, 5, 1, s, 5, -1, 0, true);
        EXPECT_FALSE(rec.rowsBound(s));
        EXPECT_FALSE(rec.rowsBound(t));
        EXPECT_TRUE(rec.rowsBound(u));
    }
    {
        InstanceRecorder rec(InstanceRecorder::Mode::Failing);
        rec.area(two, 0, s, 5, 1, 5, 1);  // one side across two sheets: no sheet is bound
        rec.area(two, 1, t, 5, 1, 5, 1);
        rec.area(one, 0, s, 5, 2, 5, 2);
        rec.compared(r, one, two, s, 5, 2, s, 5, -1, 0, true);
        EXPECT_FALSE(rec.rowsBound(u));
    }
}

}  // namespace
