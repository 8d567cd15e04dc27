// The exact enumeration of small sets of changed cells (engine/src/locate/
// small_sets.h) on hand-made localisation models: cell k changes by column k,
// the check rows bound the changes (a row failing now is one whose range
// excludes 0).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "locate/small_sets.h"

using namespace reportcheck;

namespace {

struct Model {
    MipModel mip;
    std::vector<int> dcol;
    std::vector<double> weight;
    explicit Model(int cells, double bound = 1000) {
        for (int k = 0; k < cells; ++k) dcol.push_back(mip.addColumn(-bound, bound, 0, false)), weight.push_back(1);
    }
    // lo <= Σ a·change <= hi
    void row(std::vector<std::pair<int, double>> terms, double lo, double hi) {
        MipModel::Row r;
        r.terms = std::move(terms);
        r.lo = lo, r.hi = hi;
        mip.rows.push_back(std::move(r));
    }
    SmallSetSearch search(SmallSetBudget b = SmallSetBudget()) const { return smallestSets(mip, 0, dcol, weight, b); }
};

std::vector<std::vector<int>> cellsOf(const SmallSetSearch& s) {
    std::vector<std::vector<int>> out;
    for (const auto& set : s.sets) out.push_back(set.cells);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST(SmallSets, NothingFailingIsExactAndEmpty) {
    Model m(2);
    m.row({{0, 1}, {1, 1}}, -1, 1);
    SmallSetSearch s = m.search();
    EXPECT_EQ(s.status, SmallSetSearch::Exact);
    EXPECT_TRUE(s.sets.empty());
}

TEST(SmallSets, TwoIndependentErrorsAreThePairWithTheirChanges) {
    // Cell 0 must move by 2, cell 1 by −1; cell 2 is read by a holding row only.
    Model m(3);
    m.row({{0, 1}}, 2, 2);
    m.row({{1, 1}}, -1, -1);
    m.row({{1, 1}, {2, 1}}, -1, 0);  // holds now and with cell 1's change, cell 2 left alone
    SmallSetSearch s = m.search();
    ASSERT_EQ(s.status, SmallSetSearch::Exact);
    ASSERT_EQ(s.sets.size(), 1u);
    EXPECT_EQ(s.sets[0].cells, (std::vector<int>{0, 1}));
    EXPECT_NEAR(s.sets[0].change[0], 2, 1e-9);
    EXPECT_NEAR(s.sets[0].change[1], -1, 1e-9);
    EXPECT_DOUBLE_EQ(s.sets[0].weight, 2);
}

TEST(SmallSets, EquallyLightPairsAreAllFoundAndALighterCellWins) {
    // Two failing sums, each fixed by either of its two cells: four pairs.
    Model m(4);
    m.row({{0, 1}, {1, 1}}, 4, 4);
    m.row({{2, 1}, {3, 1}}, 1, 1);
    SmallSetSearch s = m.search();
    ASSERT_EQ(s.status, SmallSetSearch::Exact);
    EXPECT_EQ(cellsOf(s), (std::vector<std::vector<int>>{{0, 2}, {0, 3}, {1, 2}, {1, 3}}));
    // Cell 3 a printed total (0,75): only the pairs with it are minimal.
    m.weight[3] = 0.75;
    s = m.search();
    ASSERT_EQ(s.status, SmallSetSearch::Exact);
    EXPECT_EQ(cellsOf(s), (std::vector<std::vector<int>>{{0, 3}, {1, 3}}));
    for (const auto& set : s.sets) EXPECT_DOUBLE_EQ(set.weight, 1.75);
    // At most maxSets are kept; the minimum is still exact.
    m.weight[3] = 1;
    SmallSetBudget b;
    b.maxSets = 2;
    s = m.search(b);
    ASSERT_EQ(s.status, SmallSetSearch::Exact);
    EXPECT_EQ(s.sets.size(), 2u);
}

TEST(SmallSets, ConflictingRowsAreRejectedByPropagationWithoutALinearProgram) {
    // The row check asks cell 0 to move by 4, the column total (cells 0–3)
    // by 10, so another part moves by 6; cells 2 and 3 may move by 1 at
    // most (holding checks of their own). {0, 2} and {0, 3} fail by bound
    // propagation alone: one linear program, {0, 1}'s (that it holds proves
    // all the cells together can: no program for them).
    Model m(4);
    m.row({{0, 1}}, 4, 4);
    m.row({{0, 1}, {1, 1}, {2, 1}, {3, 1}}, 10, 10);
    m.row({{2, 1}}, -1, 1);
    m.row({{3, 1}}, -1, 1);
    SmallSetSearch s = m.search();
    ASSERT_EQ(s.status, SmallSetSearch::Exact);
    ASSERT_EQ(s.sets.size(), 1u);
    EXPECT_EQ(s.sets[0].cells, (std::vector<int>{0, 1}));
    EXPECT_NEAR(s.sets[0].change[0], 4, 1e-9);
    EXPECT_NEAR(s.sets[0].change[1], 6, 1e-9);
    EXPECT_EQ(s.lps, 1u);
}

TEST(SmallSets, RowsNoChangeSatisfiesAreNone) {
    // Bound propagation proves it: no linear program.
    Model m(2);
    m.row({{0, 1}}, 5, 5);
    m.row({{0, 1}}, 6, 6);
    SmallSetSearch s = m.search();
    EXPECT_EQ(s.status, SmallSetSearch::None);
    EXPECT_EQ(s.lps, 0u);
    // Two sums of the same two cells asked to be 5 and 6: propagation only
    // narrows each bound by one per pass, the pair's linear program fails,
    // and the one over all the cells then proves none can.
    Model two(2);
    two.row({{0, 1}, {1, 1}}, 5, 5);
    two.row({{0, 1}, {1, 1}}, 6, 6);
    s = two.search();
    EXPECT_EQ(s.status, SmallSetSearch::None);
    EXPECT_EQ(s.lps, 2u);
    // Without the budget for that second program it is not known: never a guess.
    SmallSetBudget b;
    b.maxLps = 1;
    EXPECT_EQ(two.search(b).status, SmallSetSearch::Unknown);
}

TEST(SmallSets, BudgetsAndSizesEndInUnknownNotAGuess) {
    // Three independent errors need three cells.
    Model m(3);
    for (int k = 0; k < 3; ++k) m.row({{k, 1}}, 1, 1);
    SmallSetBudget b;
    b.maxSize = 2;
    EXPECT_EQ(m.search(b).status, SmallSetSearch::Unknown);
    b.maxSize = 4;
    SmallSetSearch s = m.search(b);
    ASSERT_EQ(s.status, SmallSetSearch::Exact);
    EXPECT_EQ(cellsOf(s), (std::vector<std::vector<int>>{{0, 1, 2}}));
    b.maxLps = 0;  // not even the triple's own
    EXPECT_EQ(m.search(b).status, SmallSetSearch::Unknown);
    b.maxLps = 600;
    b.maxNodes = 2;
    EXPECT_EQ(m.search(b).status, SmallSetSearch::Unknown);
}

TEST(SmallSets, ALighterLargerSetBeatsAHeavierSmallerOne) {
    // Either cell 0 and 1 (raw, 2,0) or cells 2, 3, 4 (percentages, 1,8).
    Model m(5);
    m.row({{0, 1}, {2, 1}}, 1, 1);
    m.row({{1, 1}, {3, 1}}, 1, 1);
    m.row({{0, 1}, {1, 1}, {4, 1}}, 2, 2);
    for (int k = 2; k < 5; ++k) m.weight[k] = 0.6;
    SmallSetSearch s = m.search();
    ASSERT_EQ(s.status, SmallSetSearch::Exact);
    ASSERT_FALSE(s.sets.empty());
    EXPECT_NEAR(s.sets[0].weight, 1.8, 1e-9);
    EXPECT_EQ(cellsOf(s), (std::vector<std::vector<int>>{{2, 3, 4}}));
}

TEST(SmallSets, AWideClusterStaysWithinItsBudgets) {
    // Three failing sums of 600 cells each and one holding check reading all
    // 1 800: 216 million hitting triples, every one of them minimal. The
    // search keeps maxSets of them and stops looking for more; a tighter
    // node budget ends it in Unknown, never a guess.
    Model m(1800);
    for (int g = 0; g < 3; ++g) {
        std::vector<std::pair<int, double>> terms;
        for (int k = 600 * g; k < 600 * (g + 1); ++k) terms.push_back({k, 1});
        m.row(terms, 1, 1);
    }
    std::vector<std::pair<int, double>> all;
    for (int k = 0; k < 1800; ++k) all.push_back({k, 1});
    m.row(all, -1e6, 1e6);
    SmallSetBudget b;
    // The node and set budgets are what this test is about: the clock's
    // budget (100 ms) could end the search first on a loaded machine (it did,
    // once in three runs with five builds on two cores), so it is out of reach here.
    b.milliseconds = 600000;
    SmallSetSearch s = m.search(b);
    ASSERT_EQ(s.status, SmallSetSearch::Exact);
    EXPECT_EQ(s.sets.size(), b.maxSets);
    for (const auto& set : s.sets) EXPECT_EQ(set.cells.size(), 3u);
    EXPECT_LE(s.nodes, b.maxNodes);
    EXPECT_LE(s.lps, b.maxLps);
    b.maxNodes = 100;
    EXPECT_EQ(m.search(b).status, SmallSetSearch::Unknown);
}
