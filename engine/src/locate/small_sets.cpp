// Exact enumeration of the lightest small sets of changed cells
// (small_sets.h; docs/LOCALISATION.md, "Small sets").
#include "locate/small_sets.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

namespace reportcheck {

namespace {

using Clock = std::chrono::steady_clock;
constexpr double kTieEps = 1e-6;

class Search {
public:
    Search(const MipModel& mip, size_t firstCheck, const std::vector<int>& dcol, const std::vector<double>& weight,
           const SmallSetBudget& budget)
        : mip_(mip), dcol_(dcol), weight_(weight), budget_(budget), start_(Clock::now()) {
        const int n = int(dcol.size());
        std::vector<int> kOf(mip.columns(), -1);
        for (int k = 0; k < n; ++k) kOf[dcol[k]] = k;
        rowsOf_.resize(n);
        mask_.assign(n, 0);
        for (size_t r = firstCheck; r < mip.rows.size(); ++r) {
            const MipModel::Row& row = mip.rows[r];
            const bool failsNow = !(row.lo <= 0 && 0 <= row.hi);
            int bit = -1;
            if (failsNow) {
                bit = int(failing_.size());
                failing_.push_back(int(r));
            }
            for (const auto& [col, a] : row.terms) {
                const int k = col >= 0 && col < mip.columns() ? kOf[col] : -1;
                if (k < 0 || a == 0) continue;
                rowsOf_[k].push_back({int(r), a});
                if (bit >= 0 && bit < 64) mask_[k] |= std::uint64_t(1) << bit;
            }
        }
        wmin_ = INFINITY;
        for (double w : weight) wmin_ = std::min(wmin_, w);
        // Failing rows none of whose cells come at or after position i cannot be hit from i on.
        endsBefore_.assign(n + 1, 0);
        for (size_t f = 0; f < failing_.size() && f < 64; ++f) {
            int last = -1;
            for (int k = 0; k < n; ++k)
                if (mask_[k] >> f & 1) last = k;
            for (int i = last + 1; i <= n; ++i) endsBefore_[i] |= std::uint64_t(1) << f;
        }
        stamp_.assign(mip.rows.size(), 0);
        slot_.assign(mip.rows.size(), 0);
    }

    SmallSetSearch run() {
        SmallSetSearch out;
        const int n = int(dcol_.size());
        if (failing_.empty()) {  // nothing fails: nothing to change
            out.status = SmallSetSearch::Exact;
            return out;
        }
        // One bit per failing row: more than 64 failing checks are not a small set's to explain.
        if (failing_.size() > 64 || !(wmin_ > 0)) return out;
        // All the cells at once first: when even that cannot make every row
        // hold, no set can, and enumerating (with few failing rows, nearly
        // every combination) would be wasted. Bound propagation proves it
        // for every such table of the report without a linear program.
        chosen_.resize(n);
        std::iota(chosen_.begin(), chosen_.end(), 0);
        gather();
        const bool mayHold = propagates();
        chosen_.clear();
        if (!mayHold) {
            out.status = SmallSetSearch::None;
            return out;
        }
        // Otherwise the linear program over all the cells is solved only when
        // a candidate's own first fails (test()), or at the end: a candidate
        // that holds proves every cell together can, and that was the
        // report's usual case (a third of localisation's linear programs).
        // The price, measured and accepted: a table no change fixes, that
        // propagation cannot prove so and whose every candidate it rejects,
        // is enumerated to maxSize before the program says None - within the
        // node and time budgets that bound a fixable table's search alike
        // (asking after each size instead cost 3 % of localisation's
        // instructions on the report for no table of it).
        all_ = failing_.size() == 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << failing_.size()) - 1;
        bool exact = false;
        for (int size = std::max(1, budget_.minSize);; ++size) {
            if (std::isfinite(best_) && size * wmin_ > best_ + kTieEps) {
                exact = true;  // every larger set weighs more than the best found
                break;
            }
            if (size > n) {
                exact = std::isfinite(best_);  // every set was looked at
                break;
            }
            if (size > budget_.maxSize) break;
            size_ = size;
            chosen_.clear();
            dfs(0, 0, 0);
            if (outOfBudget_) break;
        }
        out.nodes = nodes_;
        out.lps = lps_;
        if (noneProved_ || (!feasibleKnown_ && allCells() == MipSolution::Infeasible)) {
            out.status = SmallSetSearch::None;
            out.lps = lps_;
            return out;
        }
        if (exact && !outOfBudget_) {
            out.status = SmallSetSearch::Exact;
            out.sets = std::move(sets_);
            out.lps = lps_;
        }
        return out;
    }

private:
    const MipModel& mip_;
    const std::vector<int>& dcol_;
    const std::vector<double>& weight_;
    const SmallSetBudget& budget_;
    Clock::time_point start_;
    std::vector<std::vector<std::pair<int, double>>> rowsOf_;  // cell -> (row, coefficient)
    std::vector<int> failing_;                                 // rows failing at no change
    std::vector<std::uint64_t> mask_, endsBefore_;
    std::uint64_t all_ = 0;
    double wmin_ = INFINITY, best_ = INFINITY;
    int size_ = 0;
    std::vector<int> chosen_;
    std::vector<SmallSet> sets_;
    std::vector<std::uint64_t> stamp_;
    std::vector<double> lo_, hi_;  // propagates(): the chosen changes' bounds
    std::vector<size_t> slot_;     // row -> its place in rows_ (when stamped now)
    // gather(): (row, (j, coefficient)), the first nRows_ in use. The
    // entries past them keep their storage: a candidate is gathered for each
    // of the thousands of combinations looked at, without allocating.
    std::vector<std::pair<int, std::vector<std::pair<int, double>>>> rows_;
    size_t nRows_ = 0;
    std::uint64_t stampNow_ = 0, nodes_ = 0, lps_ = 0;
    bool outOfBudget_ = false;
    bool feasibleKnown_ = false;  // some change of the cells makes every row hold (a candidate did, or allCells)
    bool noneProved_ = false;     // allCells: none does

    // The linear program of all the cells at once (their changes within
    // their bounds, every row they read): its status only. Once.
    MipSolution::Status allCells() {
        if (feasibleKnown_) return MipSolution::Optimal;
        if (noneProved_) return MipSolution::Infeasible;
        if (lps_ >= budget_.maxLps) return MipSolution::Failed;  // not known within the budget
        const int n = int(dcol_.size());
        MipModel lp;
        for (int k = 0; k < n; ++k) lp.addColumn(mip_.lo[dcol_[k]], mip_.hi[dcol_[k]], 0, false);
        std::vector<MipModel::Row> rows(mip_.rows.size());
        for (int k = 0; k < n; ++k)
            for (const auto& [r, a] : rowsOf_[k]) rows[r].terms.push_back({k, a});
        for (size_t r = 0; r < rows.size(); ++r) {
            if (rows[r].terms.empty()) continue;
            rows[r].lo = mip_.rows[r].lo, rows[r].hi = mip_.rows[r].hi;
            lp.rows.push_back(std::move(rows[r]));
        }
        ++lps_;
        const MipSolution::Status st = solveLpGlpk(lp, left()).status;
        feasibleKnown_ = st == MipSolution::Optimal;
        noneProved_ = st == MipSolution::Infeasible;
        return st;
    }

    void dfs(int pos, double wsum, std::uint64_t hit) {
        if (outOfBudget_) return;
        if (++nodes_ > budget_.maxNodes ||
            ((nodes_ & 63) == 0 &&
             std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start_).count() >= std::int64_t(budget_.milliseconds))) {
            outOfBudget_ = true;
            return;
        }
        const int depth = int(chosen_.size());
        if (depth == size_) {
            if (hit == all_) test(wsum);
            return;
        }
        const int remaining = size_ - depth, n = int(dcol_.size());
        for (int i = pos; i <= n - remaining && !outOfBudget_; ++i) {
            if (endsBefore_[i] & ~hit) break;  // a failing row no later cell reads stays unhit
            if (remaining == 1 && (hit | mask_[i]) != all_) continue;  // the last cell must hit the rest
            const double w = wsum + weight_[i];
            // Enough ties in hand: only a lighter set still matters.
            const double room = sets_.size() >= budget_.maxSets ? best_ - kTieEps : best_ + kTieEps;
            if (w + (remaining - 1) * wmin_ > room) continue;
            chosen_.push_back(i);
            dfs(i + 1, w, hit | mask_[i]);
            chosen_.pop_back();
        }
    }

    // Whether changing the chosen cells alone can make every check row hold:
    // first each row on its own (interval arithmetic over the changes'
    // bounds), then all together as a linear program minimising the total
    // change (the fix proposed: the smallest that makes the checks hold).
    void test(double w) {
        gather();
        if (!propagates()) return;
        if (lps_ >= budget_.maxLps) {
            outOfBudget_ = true;
            return;
        }
        ++lps_;
        MipSolution s = solveLpGlpk(candidate(), left());
        if (s.status == MipSolution::TimeLimit || s.status == MipSolution::Failed) {
            outOfBudget_ = true;
            return;
        }
        if (s.status == MipSolution::Infeasible && !feasibleKnown_) {
            // Before looking further: can any change of all the cells do it?
            const MipSolution::Status all = allCells();
            noneProved_ = all == MipSolution::Infeasible;
            if (all != MipSolution::Optimal) outOfBudget_ = true;  // none, or not known: stop here
        }
        if (s.status != MipSolution::Optimal) return;
        feasibleKnown_ = true;
        if (w < best_ - kTieEps) sets_.clear(), best_ = w;
        SmallSet set;
        set.cells = chosen_;
        set.change.assign(s.x.begin(), s.x.begin() + long(chosen_.size()));
        set.weight = w;
        sets_.push_back(std::move(set));
    }

    // Bound propagation over the chosen cells' rows, as a MIP presolver does
    // it: each row bounds each of its changes by what the others' bounds
    // leave; an empty range proves the set cannot work without a linear
    // program. Sound (it only narrows), so a set it keeps still goes to one.
    // On the report's Biểu 18 it rejects most of the candidates: a row check
    // asking 16 of a cell whose column total asks 79.
    bool propagates() {
        const int k = int(chosen_.size());
        lo_.resize(k), hi_.resize(k);
        for (int j = 0; j < k; ++j) lo_[j] = mip_.lo[dcol_[chosen_[j]]], hi_[j] = mip_.hi[dcol_[chosen_[j]]];
        for (int pass = 0; pass < 4; ++pass) {
            bool narrowed = false;
            for (size_t q = 0; q < nRows_; ++q) {
                const auto& [r, terms] = rows_[q];
                double minAct = 0, maxAct = 0;
                for (const auto& [j, a] : terms) {
                    minAct += a > 0 ? a * lo_[j] : a * hi_[j];
                    maxAct += a > 0 ? a * hi_[j] : a * lo_[j];
                }
                const MipModel::Row& row = mip_.rows[r];
                const double tol = 1e-7 * (1 + std::fabs(minAct) + std::fabs(maxAct));
                if (maxAct < row.lo - tol || minAct > row.hi + tol) return false;
                for (const auto& [j, a] : terms) {
                    // a·d_j within [row.lo − (the others' max), row.hi − (the others' min)]
                    const double othersMin = minAct - (a > 0 ? a * lo_[j] : a * hi_[j]);
                    const double othersMax = maxAct - (a > 0 ? a * hi_[j] : a * lo_[j]);
                    double l = (row.lo - othersMax) / a, h = (row.hi - othersMin) / a;
                    if (a < 0) std::swap(l, h);
                    if (l > lo_[j] + tol) lo_[j] = l, narrowed = true;
                    if (h < hi_[j] - tol) hi_[j] = h, narrowed = true;
                    if (lo_[j] > hi_[j] + tol) return false;
                }
            }
            if (!narrowed) break;
        }
        return true;
    }

    std::uint64_t left() const {
        std::uint64_t used = std::uint64_t(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start_).count());
        return std::max<std::uint64_t>(1, budget_.milliseconds - std::min(budget_.milliseconds, used));
    }

    // The chosen cells' linear program: every check row they read, their
    // changes within their bounds, the total change minimised (|change|
    // through one more column each): the fix proposed is the smallest that
    // makes the checks hold.
    // The check rows the chosen cells are in, each with the chosen cells'
    // terms (j = position in chosen_): every cell's rows looked at once, so a
    // cell that thousands of checks read costs that many, not its square.
    void gather() {
        ++stampNow_;
        nRows_ = 0;
        for (int j = 0; j < int(chosen_.size()); ++j)
            for (const auto& [r, a] : rowsOf_[chosen_[j]]) {
                if (stamp_[r] != stampNow_) {
                    stamp_[r] = stampNow_, slot_[r] = nRows_++;
                    if (nRows_ > rows_.size()) rows_.emplace_back();
                    rows_[slot_[r]].first = r;
                    rows_[slot_[r]].second.clear();
                }
                rows_[slot_[r]].second.push_back({j, a});
            }
    }

    MipModel candidate() {
        MipModel lp;
        const int k = int(chosen_.size());
        for (int j = 0; j < k; ++j) lp.addColumn(mip_.lo[dcol_[chosen_[j]]], mip_.hi[dcol_[chosen_[j]]], 0, false);
        for (int j = 0; j < k; ++j) {
            const int t = lp.addColumn(0, MipModel::kInf, 1, false);  // t >= |change|
            MipModel::Row up, down;
            up.terms = {{t, 1}, {j, -1}};
            up.lo = 0;
            down.terms = {{t, 1}, {j, 1}};
            down.lo = 0;
            lp.rows.push_back(up);
            lp.rows.push_back(down);
        }
        for (size_t q = 0; q < nRows_; ++q) {
            const auto& [r, terms] = rows_[q];
            MipModel::Row row;
            row.lo = mip_.rows[r].lo, row.hi = mip_.rows[r].hi;
            row.terms = terms;
            lp.rows.push_back(std::move(row));
        }
        return lp;
    }

};

}  // namespace

SmallSetSearch smallestSets(const MipModel& mip, size_t firstCheck, const std::vector<int>& dcol,
                            const std::vector<double>& weight, const SmallSetBudget& budget) {
    return Search(mip, firstCheck, dcol, weight, budget).run();
}

}  // namespace reportcheck
