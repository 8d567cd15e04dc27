// Formulas saved without a result, computed as Calc computes them
// (engine/src/formula_results.cpp). The values below are LibreOffice 7.4's
// (ctest formula_results checks the same against it on real files).
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <string>

#include "formula_results.h"
#include "reportcheck/workbook.h"

using namespace reportcheck;

namespace {

Workbook book() {
    Workbook wb;
    Sheet& s = wb.addSheet("Số liệu");
    s.set(0, 0, Cell::makeNumber(10));
    s.set(1, 0, Cell::makeNumber(0.5, 1));  // 0.0 %
    s.set(2, 0, Cell::makeNumber(7, 2));    // #,##0.00
    s.set(3, 0, Cell::makeNumber(3));
    s.set(4, 0, Cell::makeDate(45306));
    s.set(5, 0, Cell::makeText("5"));
    s.set(8, 0, Cell::makeText("abc"));
    s.set(9, 0, Cell::makeNumber(0.1));
    s.set(10, 0, Cell::makeNumber(0.2));
    s.set(11, 0, Cell::makeNumber(0.3));
    s.set(12, 0, Cell::makeNumber(2.675, 3));
    s.set(13, 0, Cell::makeError("#N/A"));
    wb.addSheet("Trang 2").set(0, 0, Cell::makeNumber(99));
    wb.names["Tien"] = Area{"Số liệu", 0, 0, 0, 0};
    return wb;
}

// The cell B1 after computing `formula` there (Excel's syntax unless said).
Cell computed(const std::string& formula, FormulaSyntax syn = FormulaSyntax::Excel, bool general = true, Workbook* out = nullptr) {
    Workbook wb = book();
    PendingFormulas p;
    PendingFormula f;
    f.sheet = "Số liệu";
    f.row = 0, f.col = 1;
    f.text = formula;
    f.syntax = syn;
    f.general = general;
    f.decimals = general ? -1 : 3;
    p.add(f);
    computeFormulaResults(wb, p);
    Cell c = wb.sheets[0].at(0, 1);
    if (out) *out = std::move(wb);
    return c;
}

double num(const std::string& formula) {
    Cell c = computed(formula);
    EXPECT_EQ(c.kind, Cell::Kind::Number) << formula;
    return c.number;
}

bool left(const std::string& formula, FormulaSyntax syn = FormulaSyntax::Excel) {
    Workbook wb;
    Cell c = computed(formula, syn, true, &wb);
    EXPECT_EQ(wb.notes.size(), 1u);
    return c.kind == Cell::Kind::Empty && !wb.notes.empty() && wb.notes[0].en.find("has no value") != std::string::npos;
}

}  // namespace

TEST(FormulaResults, ArithmeticAsCalcDoes) {
    EXPECT_EQ(num("A1*2"), 20);
    EXPECT_EQ(num("2^3^2"), 64);    // ^ from the left
    EXPECT_EQ(num("-2^2"), 4);      // unary minus binds first
    EXPECT_EQ(num("10/4/5"), 0.5);
    EXPECT_EQ(num("A10+A11-A12"), 0);   // cancels to 0 within 15 digits, as approxSub
    EXPECT_EQ(num("SUM(A10:A11)-A12"), 0);
    EXPECT_EQ(num("SUM(A10,A11,-A12)"), 0);  // the last term added as approxAdd
    EXPECT_EQ(num("A1%"), 0.1);
    EXPECT_EQ(num("50%*A1"), 5);
    EXPECT_EQ(num("A7*2"), 0);      // an empty cell is 0
    EXPECT_EQ(num("A6*2"), 10);     // a text of digits converts
    EXPECT_EQ(num("1E+3*A1"), 10000);
    EXPECT_EQ(num("'Trang 2'!A1+1"), 100);
    EXPECT_EQ(num("Tien*2"), 20);   // a defined name
    EXPECT_EQ(num("tien*2"), 20);   // … whatever its case
    EXPECT_EQ(num("$A$1*2"), 20);
    EXPECT_EQ(num("A1>5"), 1);
    EXPECT_EQ(num("A10+A11=A12"), 1);  // = is approximate too
    EXPECT_EQ(computed("A9*2").text, "#VALUE!");
    EXPECT_EQ(computed("1/A7").text, "#DIV/0!");
    EXPECT_EQ(computed("A14+1").text, "#N/A");  // an error passes on
}

TEST(FormulaResults, FunctionsAsCalcHasThem) {
    EXPECT_EQ(num("SUM(A1:A4)"), 20.5);
    EXPECT_EQ(num("SUM(A6:A9)"), 0);  // text and empty cells of a range are skipped
    EXPECT_EQ(computed("SUM(A:A)").text, "#N/A");  // a whole column, and its error passes on
    EXPECT_TRUE(left("SUM(1:1)"));                  // row 1 holds the formula itself: a cycle
    EXPECT_EQ(num("AVERAGE(A1:A4)"), 5.125);
    EXPECT_EQ(computed("AVERAGE(A7)").text, "#DIV/0!");
    EXPECT_EQ(num("MAX(A7)"), 0);
    EXPECT_EQ(num("MIN(A1:A4)"), 0.5);
    EXPECT_EQ(num("COUNT(A1:A9)"), 5);
    EXPECT_EQ(num("PRODUCT(A1:A4)"), 105);
    EXPECT_EQ(num("ROUND(A13,2)"), 2.68);  // 2.675 as 15 digits show it
    EXPECT_EQ(num("ROUND(1.005,2)"), 1.01);
    EXPECT_EQ(num("ROUND(-2.5,0)"), -3);
    EXPECT_EQ(num("ROUND(-1234.5678,-2)"), -1200);
    EXPECT_EQ(num("ROUNDUP(A13,1)"), 2.7);
    EXPECT_EQ(num("ROUNDDOWN(-2.675,2)"), -2.67);
    EXPECT_EQ(num("INT(-0.5)"), -1);
    EXPECT_EQ(num("MOD(-7,3)"), 2);
    EXPECT_EQ(num("MOD(7,-3)"), -2);
    EXPECT_EQ(num("IF(A1>5,A3,A4)"), 7);
    EXPECT_EQ(num("IFERROR(1/A7,-1)"), -1);
    EXPECT_EQ(computed("IF(A1>5,\"lớn\",\"nhỏ\")").text, "lớn");
    EXPECT_EQ(computed("A9").text, "abc");
    EXPECT_EQ(computed("NA()").text, "#N/A");
    const Cell d = computed("DATE(2024,1,15)");
    EXPECT_EQ(d.number, 45306);
    EXPECT_TRUE(d.date);
    EXPECT_EQ(num("DATE(24,13,0)"), 45657);    // 2024 + a 13th month = January 2025, day 0 = 31 Dec 2024
    EXPECT_EQ(num("DATE(2024,0,1)"), 45261);   // month 0: December 2023
    EXPECT_EQ(num("DATE(99,1,1)"), 36161);     // a two-digit year from 30 on is 19xx
    EXPECT_EQ(num("A5-DATE(2024,1,1)"), 14);
    EXPECT_TRUE(left("DATE(2024,1,1.5)"));
}

TEST(FormulaResults, OpenFormulaSyntax) {
    EXPECT_EQ(computed("SUM([.A1:.A4])", FormulaSyntax::OpenFormula).number, 20.5);
    EXPECT_EQ(computed("[$'Trang 2'.A1]+1", FormulaSyntax::OpenFormula).number, 100);
    EXPECT_EQ(computed("ROUND([.A13];2)", FormulaSyntax::OpenFormula).number, 2.68);
    EXPECT_EQ(computed("IF([.A1]>5;1;2)", FormulaSyntax::OpenFormula).number, 1);
    std::string body;
    FormulaSyntax syn;
    EXPECT_TRUE(formulaBody("of:=SUM([.A1:.A2])", body, syn));
    EXPECT_EQ(body, "SUM([.A1:.A2])");
    EXPECT_EQ(syn, FormulaSyntax::OpenFormula);
    EXPECT_TRUE(formulaBody("msoxl:=A1*2", body, syn));
    EXPECT_EQ(syn, FormulaSyntax::Excel);
    EXPECT_FALSE(formulaBody("ooow:=A1", body, syn));  // another namespace: not computed
}

// A General cell shows the format Calc infers; a cell with its own keeps it.
TEST(FormulaResults, FormatsAsCalcInfersThem) {
    EXPECT_EQ(computed("A2").decimals, 1);        // one cell: its format
    EXPECT_EQ(computed("+A3").decimals, 2);
    EXPECT_EQ(computed("IF(A1>5,A3)").decimals, 2);
    EXPECT_EQ(computed("SUM(A1:A2,A3)").decimals, 2);  // SUM's last argument, one cell
    EXPECT_EQ(computed("SUM(A3:A4)").decimals, -1);
    EXPECT_EQ(computed("A1%").decimals, 2);       // a percentage: 0.00 %
    EXPECT_EQ(computed("A3*2").decimals, -1);
    EXPECT_TRUE(computed("A5").date);
    EXPECT_EQ(computed("A3*2", FormulaSyntax::Excel, false).decimals, 3);
    EXPECT_EQ(computed("A1>5", FormulaSyntax::Excel, false).decimals, 3);
    EXPECT_EQ(computed("A1>5").decimals, -1);     // TRUE in a General cell
}

TEST(FormulaResults, WhatIsNotComputedIsLeftAndSaid) {
    EXPECT_TRUE(left("A1&\"x\""));
    EXPECT_TRUE(left("VLOOKUP(7,A3:A4,1,0)"));
    EXPECT_TRUE(left("_xlfn.XLOOKUP(3,A1:A4,A1:A4)"));
    EXPECT_TRUE(left("SUM(A6)"));      // a text cell named alone in SUM
    EXPECT_TRUE(left("(-8)^(1/3)"));
    EXPECT_TRUE(left("A1:A4"));        // a range alone
    EXPECT_TRUE(left("Nowhere*2"));    // an unknown name
    EXPECT_TRUE(left("'Không có'!A1"));
    EXPECT_TRUE(left("A1 A2"));
    EXPECT_TRUE(left("SUM(A1:A4"));
    EXPECT_TRUE(left("1E+308*10"));    // no finite result
    EXPECT_TRUE(left(std::string(200, '(') + "1" + std::string(200, ')')));  // nested too deep
    std::string longSum = "1";
    for (int i = 0; i < 2000; ++i) longSum += "+1";
    EXPECT_TRUE(left(longSum));        // a tree of more than 1,000 nodes
}

// Formulas that read formulas: computed in the order they need, whatever the
// order written; a cycle (Calc's Err:522) and what reads it are left.
TEST(FormulaResults, ChainsInTheirOrderCyclesLeft) {
    Workbook wb = book();
    PendingFormulas p;
    auto add = [&](int row, int col, const std::string& text) {
        PendingFormula f;
        f.sheet = "Số liệu";
        f.row = row, f.col = col, f.text = text;
        p.add(f);
    };
    add(0, 3, "D2+1");
    add(1, 3, "D3*2");
    add(2, 3, "SUM(A1:A3)");
    add(0, 4, "E2+1");
    add(1, 4, "E1+1");
    add(2, 4, "SUM(E1:E2)");
    add(3, 4, "D1*1");
    computeFormulaResults(wb, p);
    const Sheet& s = wb.sheets[0];
    EXPECT_EQ(s.at(2, 3).number, 17.5);
    EXPECT_EQ(s.at(1, 3).number, 35);
    EXPECT_EQ(s.at(0, 3).number, 36);
    EXPECT_EQ(s.at(3, 4).number, 36);
    for (int r = 0; r < 3; ++r) EXPECT_EQ(s.at(r, 4).kind, Cell::Kind::Empty) << r;
    ASSERT_EQ(wb.notes.size(), 1u);
    EXPECT_NE(wb.notes[0].en.find("7 formula cells have no result saved in the file: ReportCheck computed 4 as Calc does when it "
                                  "opens the file, and has no value for the other 3 (first: 'Số liệu'!E1)"),
              std::string::npos)
        << wb.notes[0].en;
    EXPECT_NE(wb.notes[0].vi.find("đã tính 4 ô"), std::string::npos) << wb.notes[0].vi;
}

// A hostile file: 200,000 formulas, each reading the next (a chain written
// backwards) and a whole column of them. Bounded work, no deep recursion.
TEST(FormulaResults, LongChainsAndWideRangesAreBounded) {
    Workbook wb;
    wb.addSheet("S");
    PendingFormulas p;
    constexpr int kRows = 200000;
    for (int r = 0; r < kRows; ++r) {
        PendingFormula f;
        f.sheet = "S";
        f.row = r, f.col = 0;
        f.text = r + 1 < kRows ? "A" + std::to_string(r + 2) + "+1" : "1";
        p.add(f);
    }
    for (int r = 0; r < 100; ++r) {  // each sums the whole column A: 100 × 200,000 cells read at most
        PendingFormula f;
        f.sheet = "S";
        f.row = r, f.col = 1;
        f.text = "SUM(A:A)";
        p.add(f);
    }
    const auto t0 = std::chrono::steady_clock::now();
    computeFormulaResults(wb, p);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_EQ(wb.sheets[0].at(0, 0).number, kRows);
    EXPECT_EQ(wb.sheets[0].at(0, 1).number, static_cast<double>(kRows) * (kRows + 1) / 2);
    EXPECT_LT(seconds, 30.0);  // a hang guard, not a timing: it takes well under a second
    PendingFormulas many;
    for (size_t i = 0; i < PendingFormulas::kMaxKept + 5; ++i) {
        PendingFormula f;
        f.sheet = "S";
        f.text = "1";
        many.add(std::move(f));
    }
    EXPECT_EQ(many.kept.size(), PendingFormulas::kMaxKept);
    EXPECT_EQ(many.count, static_cast<long long>(PendingFormulas::kMaxKept + 5));
}
