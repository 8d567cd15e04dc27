// Error localisation: the Fellegi–Holt minimal weighted change over a table's
// failing checks, as R's errorlocate does it (a MIP: a binary "this cell
// changes" per cell, big-M links to the change, the checks as linear
// constraints). Method, weights and budgets: docs/LOCALISATION.md.
#include <algorithm>
#include <chrono>
#include <functional>
#include <cmath>
#include <map>
#include <iterator>
#include <limits>
#include <numeric>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>

#include <muParser.h>

#include "locate/record.h"
#include "locate/small_sets.h"
#include "numbers.h"
#include "reportcheck/locate.h"
#include "reportcheck/present.h"
#include "reportcheck/rules.h"
#include "reportcheck/workbook.h"

namespace reportcheck {

// Recording (called by the evaluator for every compared instance): record.cpp.

// ---------------------------------------------------------------------------

namespace {

thread_local LocateTrace traceFn = nullptr;
thread_local void* traceCtx = nullptr;

using Clock = std::chrono::steady_clock;

// Cells read by all recorded instances, expanded one by one: bounded so that a
// rule summing a 100 000-cell range 1000 times cannot exhaust memory here.
constexpr std::uint64_t kMaxCellReads = 2000000;

// Weights (docs/LOCALISATION.md): the cost of saying a cell is wrong. A raw
// count costs 1; a cell that one check computes from two or more others (a
// printed total, a column formula's result) 0.75, because totals are what
// people recompute by hand and forget to update; a derived percentage 0.6.
// Two totals (1.5) cost more than the one part whose change fixes both.
constexpr double kWeightRaw = 1.0, kWeightTotal = 0.75, kWeightPercent = 0.6;
static_assert(2 * kWeightPercent > kWeightRaw, "singleChanges: one cell must weigh less than any two");

// Equally small sets listed besides the one named: enough to show the
// checks cannot tell, not a page of them.
constexpr size_t kMaxTies = 3;
constexpr size_t kMaxExactSingles = 64;  // cells every failing check reads, solved exactly one by one

// A cluster that no change of its own cells can fix is widened by one ring
// (Locator::widened) only up to this many cells: the report's Biểu 18 widened
// to 116 cells ran into GLPK's time limit (100 ms, a note all the same, and one
// that depends on the machine); its other widened tables have at most 34.
constexpr std::uint64_t kMaxWidenedCells = 64;

double cellValue(const Sheet* s, int r, int c) {
    const Cell& cell = s->at(r, c);
    double v = 0;
    if (cell.kind == Cell::Kind::Number) return cell.number;
    if (cell.kind == Cell::Kind::Text && parseTextNumber(cell.text, v)) return v;
    return 0;
}


struct CellKey {
    const Sheet* sheet;
    int row, col;
    bool operator==(const CellKey& o) const { return sheet == o.sheet && row == o.row && col == o.col; }
};
struct CellKeyHash {
    size_t operator()(const CellKey& k) const {
        return std::hash<const void*>()(k.sheet) ^ (size_t(k.row) * 0x9E3779B97F4A7C15ull) ^ (size_t(k.col) << 1);
    }
};

// A side as a function of its muparser variables (slots), evaluated with the
// cells' values taken from `value` (the workbook's, or a proposed change).
class SideEval {
public:
    SideEval(const RecordedSide& s, const std::vector<int>* const* cellsOfArea, MuLease& mu)
        : s_(s), cells_(cellsOfArea), mu_(mu) {}

    // Slot values from cell values.
    template <class V>
    void slots(const V& value, std::vector<double>& x) const {
        const Expr& e = *s_.expr;
        x.assign(e.slots, 0);
        for (size_t i = 0; i < e.refs.size(); ++i) {
            double sum = 0, lo = INFINITY, hi = -INFINITY;
            const std::vector<int>& cells = *cells_[i];
            for (int c : cells) {
                double v = value(c);
                sum += v, lo = std::min(lo, v), hi = std::max(hi, v);
            }
            size_t slot = e.refs[i].slot;
            switch (e.refs[i].agg) {
                case Agg::Cell: case Agg::Sum: x[slot] = sum; break;
                case Agg::Min: x[slot] = lo; break;
                case Agg::Max: x[slot] = hi; break;
                case Agg::Avg: x[slot] = sum; x[slot + 1] = double(cells.size()); break;
            }
        }
    }
    double at(const std::vector<double>& x) const {
        const Expr& e = *s_.expr;
        if (e.empty() && e.refs.empty()) return 0;
        MuExpr& mu = mu_[e.mu];
        double* vars = mu.vars();
        for (size_t k = 0; k < x.size() && k < e.slots; ++k) vars[k] = x[k];
        try {
            return mu.eval();
        } catch (mu::ParserError&) {
            return NAN;
        }
    }
    template <class V>
    double value(const V& v) const {
        std::vector<double> x;
        slots(v, x);
        return at(x);
    }
    // Gradient of the side in its cells at x0 and whether it is linear there:
    // coefficients by central differences per slot, then checked at two points
    // moved in every slot at once (a product, a division, round(), min/max
    // fail). The cells' coefficient is their slot's (sums and averages' sums).
    bool gradient(const std::vector<double>& x0, std::vector<double>& g, double& f0) const {
        const Expr& e = *s_.expr;
        f0 = at(x0);
        g.assign(x0.size(), 0);
        if (!std::isfinite(f0)) return false;
        std::vector<char> moving(x0.size(), 1);
        bool linear = true;
        for (size_t i = 0; i < e.refs.size(); ++i) {
            if (e.refs[i].agg == Agg::Avg) moving[e.refs[i].slot + 1] = 0;  // a count does not change
            if (e.refs[i].agg == Agg::Min || e.refs[i].agg == Agg::Max) linear = false;
        }
        std::vector<double> x = x0, h(x0.size(), 0);
        for (size_t j = 0; j < x0.size(); ++j) {
            if (!moving[j]) continue;
            // Wide enough that a percentage rounded to 0,1 still shows its slope.
            h[j] = std::max(1.0, 0.05 * std::fabs(x0[j]));
            x[j] = x0[j] + h[j];
            double up = at(x);
            x[j] = x0[j] - h[j];
            double down = at(x);
            x[j] = x0[j];
            if (!std::isfinite(up) || !std::isfinite(down)) return false;
            g[j] = (up - down) / (2 * h[j]);
        }
        if (!linear) return false;
        static const double kSteps[2][5] = {{1.7, -2.3, 0.6, 3.1, -1.4}, {-3.7, 1.1, 2.9, -0.8, 5.3}};
        for (const auto& steps : kSteps) {
            double predicted = f0, scale = std::fabs(f0);
            for (size_t j = 0; j < x0.size(); ++j) {
                if (!moving[j]) continue;
                double d = h[j] * steps[j % 5] * 7;
                x[j] = x0[j] + d;
                predicted += g[j] * d;
                scale += std::fabs(g[j] * d);
            }
            double got = at(x);
            x = x0;
            if (!std::isfinite(got) || std::fabs(got - predicted) > 1e-9 * (1 + scale)) return false;
        }
        return true;
    }

private:
    const RecordedSide& s_;
    const std::vector<int>* const* cells_;
    MuLease& mu_;
};

// One instance as the MIP sees it: g(cells) = lhs − rhs ≈ g0 + Σ coef·change.
struct Model {
    bool usable = false;  // the gradient exists (finite)
    bool linear = false;
    std::vector<std::pair<int, double>> coef;  // (cell, coefficient), by cell, none zero
    double g0 = 0;
    int derivedCell = -1;  // the one cell one side is, when the other reads two or more cells
};

struct Problem {
    std::vector<int> cells;      // may change
    std::vector<int> instances;  // constraints (all instances reading any of the cells)
    std::vector<int> failing;    // of those, the ones failing now
    std::vector<int> shared;     // a cluster's: holding checks that also read other clusters' cells
    int cluster = -1;            // a cluster's id in Locator::clusterOf_; -1 a whole table
};

class Locator {
public:
    Locator(const InstanceRecorder& rec, Result& res, const Limits& lim, MuLease& mu)
        : in_(rec.instances()), res_(res), lim_(lim), mu_(mu), start_(Clock::now()) {}

    void run(bool overflowed) {
        std::vector<int> failing;
        for (size_t i = 0; i < in_.size(); ++i)
            if (!in_[i].held && findingOf(int(i)) >= 0) failing.push_back(int(i));
        if (failing.empty()) return;  // the common case, a clean workbook: nothing expanded, nothing solved
        failingNow_.assign(in_.size(), 0);
        for (int f : failing) failingNow_[f] = 1;
        if (overflowed || !expand(failing)) {
            for (int f : failing)
                note(f, "quá nhiều kiểm tra để xác định ô sai", "too many checks to find the wrong cell",
                     "maxLocateCells", lim_.maxLocateCells);
            return;
        }
        for (Problem& table : tables(failing)) {
            if (table.failing.size() <= lim_.maxLocateFailing) {
                solve(table);
                continue;
            }
            std::vector<Problem> parts = clusters(table.failing);
            for (Problem& p : parts) solve(p);
            // A holding check shared with other clusters is taken back where
            // it reads none of the cells their sets name: it holds with their
            // errors elsewhere, and tells this cluster which of its cells it is.
            // Each check's cells are looked at once per cluster sharing it:
            // linear in what the clusters read, whatever their number.
            std::unordered_map<int, int> namedBy;  // cell -> the cluster naming it; -1 several
            for (size_t k = 0; k < parts.size(); ++k)
                for (int c : namedCells(parts[k])) {
                    auto [it, added] = namedBy.emplace(c, int(k));
                    if (!added && it->second != int(k)) it->second = -1;
                }
            for (size_t k = 0; k < parts.size(); ++k) {
                if (elapsedMs() >= lim_.maxLocateMillisecondsTotal) break;  // the first answers stand
                std::set<int> insts(parts[k].instances.begin(), parts[k].instances.end());
                size_t before = insts.size();
                for (int i : parts[k].shared) {
                    bool clear = true;
                    for (int c : cellsOf_[i]) {
                        auto it = namedBy.find(c);
                        if (it != namedBy.end() && it->second != int(k)) {
                            clear = false;
                            break;
                        }
                    }
                    if (clear) insts.insert(i);
                }
                if (insts.size() == before) continue;
                parts[k].instances.assign(insts.begin(), insts.end());
                // Without a set this time (the shared checks cannot all hold
                // with one change here), the first answer stands.
                std::vector<std::pair<int, Suspects>> first;
                for (int f : parts[k].failing)
                    if (int fi = findingOf(f); fi >= 0) first.push_back({fi, res_.findings[fi].suspects});
                // Not widened again, and no check set apart: those were the first pass's to try.
                droppingOne_ = true;
                solve(parts[k], /*wide=*/true);
                droppingOne_ = false;
                // Its notes too: a check the first pass set apart keeps saying so.
                for (auto& [fi, su] : first)
                    if (res_.findings[fi].suspects.cells.empty()) res_.findings[fi].suspects = std::move(su);
            }
        }
    }

private:
    const std::vector<RecordedInstance>& in_;
    Result& res_;
    const Limits& lim_;
    MuLease& mu_;
    Clock::time_point start_;
    std::unordered_map<CellKey, int, CellKeyHash> ids_;
    std::vector<CellKey> keys_;
    std::vector<double> value_;
    std::vector<std::vector<std::vector<int>>> areaCells_[2];  // [side][instance][ref] -> cells
    std::vector<std::vector<int>> cellsOf_;                     // instance -> distinct cells
    std::vector<std::vector<int>> instancesOf_;                 // cell -> instances
    std::map<std::tuple<std::string, std::string, int, int>, int> findingIdx_;
    bool findingsIndexed_ = false;
    bool droppingOne_ = false;  // setApart() is solving the rest, or the second pass over shared checks: no nested trial
    std::vector<char> expanded_;
    std::vector<char> failingNow_;  // instance -> fails and has a finding
    // Each instance's linear model, measured once: a widened cluster and the
    // clusters sharing a holding check would otherwise probe it again.
    std::unordered_map<int, Model> models_;
    std::unordered_map<int, int> clusterOf_;  // the table being split: cell -> its cluster (clusters())
    std::map<std::string, const Sheet*> sheets_;
    std::uint64_t reads_ = 0;  // cells expanded or looked up, against kMaxCellReads

    int findingOf(int i) {
        if (!findingsIndexed_) {
            findingsIndexed_ = true;
            for (size_t k = 0; k < res_.findings.size(); ++k) {
                const Finding& f = res_.findings[k];
                if (f.kind == FindingKind::Check) findingIdx_[{f.ruleId, f.sheet, f.row, f.col}] = int(k);
            }
        }
        const RecordedInstance& r = in_[i];
        if (!r.sheet) return -1;
        auto it = findingIdx_.find({r.rule->id, r.sheet->name(), r.row, r.col});
        return it == findingIdx_.end() ? -1 : it->second;
    }

    int cellId(const Sheet* s, int r, int c) {
        // Looked up first: emplace builds (allocates) a node even for a cell
        // already known, and most look-ups are of known cells.
        if (auto known = ids_.find(CellKey{s, r, c}); known != ids_.end()) return known->second;
        auto [it, added] = ids_.emplace(CellKey{s, r, c}, int(keys_.size()));
        if (added) {
            if (keys_.empty() || keys_.back().sheet != s) sheets_.emplace(s->name(), s);
            keys_.push_back({s, r, c});
            value_.push_back(cellValue(s, r, c));
            instancesOf_.emplace_back();
        }
        return it->second;
    }

    // The recorded areas as cells, for the failing instances and every
    // instance sharing a cell with one (the others cannot matter); false past
    // kMaxCellReads. Two passes: which instances touch a failing cell (look-ups
    // only), then those expanded. Expanding every instance of the report cost
    // more than solving.
    bool expand(const std::vector<int>& failing) {
        for (auto& a : areaCells_) a.resize(in_.size());
        cellsOf_.resize(in_.size());
        expanded_.assign(in_.size(), 0);
        for (int f : failing)
            if (!full(size_t(f))) return false;
        return ring();
    }

    // Expands every instance that reads a cell known so far (one ring out),
    // or, given `only` (cell id -> 1), one of those cells: a widened table
    // needs the checks reading its own cells, and a ring of every cell known
    // then pushed the frontier out once more across all tables at each
    // widening (the report's seven widenings expanded about 380 checks a run
    // where the tables read a few dozen).
    bool ring(const std::vector<char>* only = nullptr) {
        const size_t known = keys_.size();
        std::vector<int> added;
        for (size_t i = 0; i < in_.size(); ++i) {
            if (expanded_[i]) continue;
            bool hit = false;
            for (int side = 0; side < 2 && !hit; ++side)
                for (const RecordedArea& a : (side ? in_[i].rhs : in_[i].lhs).areas) {
                    reads_ += std::uint64_t(a.r2 - a.r1 + 1) * std::uint64_t(a.c2 - a.c1 + 1);
                    if (reads_ > kMaxCellReads) return false;
                    for (int r = a.r1; r <= a.r2 && !hit; ++r)
                        for (int c = a.c1; c <= a.c2 && !hit; ++c) {
                            auto it = ids_.find(CellKey{a.sheet, r, c});
                            hit = it != ids_.end() &&
                                  (only ? size_t(it->second) < only->size() && (*only)[size_t(it->second)]
                                        : size_t(it->second) < known);
                        }
                    if (hit) break;
                }
            if (hit && !full(i)) return false;
        }
        return true;
    }

    bool full(size_t i) {
        std::vector<int> distinct;
        for (int side = 0; side < 2; ++side) {
            const RecordedSide& s = side ? in_[i].rhs : in_[i].lhs;
            auto& refs = areaCells_[side][i];
            refs.assign(s.areas.size(), {});
            for (size_t k = 0; k < s.areas.size(); ++k) {
                const RecordedArea& a = s.areas[k];
                const std::uint64_t cells = std::uint64_t(a.r2 - a.r1 + 1) * std::uint64_t(a.c2 - a.c1 + 1);
                reads_ += cells;
                if (reads_ > kMaxCellReads) return false;
                refs[k].reserve(size_t(cells));  // within kMaxCellReads
                for (int r = a.r1; r <= a.r2; ++r)
                    for (int c = a.c1; c <= a.c2; ++c) {
                        int id = cellId(a.sheet, r, c);
                        refs[k].push_back(id);
                        distinct.push_back(id);
                    }
            }
        }
        std::sort(distinct.begin(), distinct.end());
        distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
        cellsOf_[i] = std::move(distinct);
        expanded_[i] = 1;
        for (int c : cellsOf_[i]) instancesOf_[c].push_back(int(i));
        return true;
    }

    // The tables to solve. The cells failing checks read may change; every
    // check reading one of them is a constraint, its other cells held at
    // their values; the parts that checks connect are tables, each solved as
    // one Fellegi–Holt problem. A table failing more than maxLocateFailing
    // checks is split into clusters instead of given up: failing checks that
    // read a common cell belong together (the row check and the column total
    // crossing at a wrong part), and each cluster is solved with the checks
    // reading its cells. The report's own errors had made every change in
    // Biểu 3, 4, 11 and 18 a table "to check as a whole". A failing check of
    // another cluster never reads a cluster's cell (it would be in the
    // cluster); the holding checks clusters share are left out, then taken
    // back where they read no cell another cluster names (run()). Only the
    // whole table's problem weighs how one error's fix moves a check another
    // error's cells are in — hence whole tables first. A cell no failing check
    // reads is rarely the error those
    // checks see, and widening every table up front made the report's
    // largest model 144 columns instead of 46; a table with no solution this
    // way is widened once (widened()).
    // tables: connected parts of the cells failing checks read, joined by any check.
    std::vector<Problem> tables(const std::vector<int>& failing) {
        std::set<int> ring;
        for (int f : failing)
            for (int c : cellsOf_[f]) ring.insert(c);
        std::map<int, int> parent;
        for (int c : ring) parent[c] = c;
        std::function<int(int)> find = [&](int x) { return parent[x] == x ? x : parent[x] = find(parent[x]); };
        std::set<int> touching;  // each instance once: per cell would be quadratic in a long range
        for (int c : ring)
            for (int i : instancesOf_[c]) touching.insert(i);
        for (int i : touching) {
            int first = -1;
            for (int c2 : cellsOf_[i])
                if (parent.count(c2)) {
                    if (first < 0) first = find(c2);
                    else parent[find(c2)] = first;
                }
        }
        std::map<int, Problem> byRoot;
        for (int c : ring) byRoot[find(c)].cells.push_back(c);
        std::vector<Problem> out;
        for (auto& [root, p] : byRoot) {
            std::set<int> insts;
            for (int c : p.cells)
                for (int i : instancesOf_[c]) insts.insert(i);
            p.instances.assign(insts.begin(), insts.end());
            for (int i : p.instances)
                if (failingNow_[i]) p.failing.push_back(i);
            if (!p.failing.empty()) out.push_back(std::move(p));
        }
        return out;
    }

    // Failing checks joined only through cells they read themselves.
    std::vector<Problem> clusters(const std::vector<int>& failing) {
        std::vector<int> parent(failing.size());
        std::iota(parent.begin(), parent.end(), 0);
        auto find = [&](int x) {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        };
        std::unordered_map<int, int> firstReader;  // cell -> a failing check reading it
        for (size_t k = 0; k < failing.size(); ++k)
            for (int c : cellsOf_[failing[k]]) {
                auto [it, added] = firstReader.emplace(c, int(k));
                if (!added) parent[find(int(k))] = find(it->second);
            }
        std::map<int, Problem> byRoot;
        for (size_t k = 0; k < failing.size(); ++k) byRoot[find(int(k))].failing.push_back(failing[k]);
        // A holding check that also reads another cluster's cells holds with
        // that cluster's error in place and moves when it is fixed: as a
        // constraint here it made the report's Biểu 4 name C15 with C17 on
        // one failing check and C17 with C15 on the next, each cluster
        // balancing the sum they share. Each cluster keeps only the checks
        // reading no other cluster's cells.
        std::unordered_map<int, int>& clusterOf = clusterOf_;  // cell -> cluster root
        clusterOf.clear();
        for (auto& [root, p] : byRoot)
            for (int f : p.failing)
                for (int c : cellsOf_[f]) clusterOf[c] = root;
        // The cluster whose cells a check reads, -1 for several: each
        // check's cells looked at once, however many clusters it touches
        // (a grand total over a long range would otherwise be read once per
        // cluster).
        std::unordered_map<int, int> owner;
        auto ownerOf = [&](int i) {
            auto [it, added] = owner.emplace(i, -2);
            if (added)
                for (int c2 : cellsOf_[i]) {
                    auto ct = clusterOf.find(c2);
                    if (ct == clusterOf.end()) continue;
                    if (it->second == -2) it->second = ct->second;
                    else if (it->second != ct->second) {
                        it->second = -1;
                        break;
                    }
                }
            return it->second;
        };
        std::vector<Problem> out;
        for (auto& [root, p] : byRoot) {
            std::set<int> cells, insts, shared, touching;
            for (int f : p.failing) cells.insert(cellsOf_[f].begin(), cellsOf_[f].end());
            p.cells.assign(cells.begin(), cells.end());
            for (int c : p.cells) touching.insert(instancesOf_[c].begin(), instancesOf_[c].end());
            for (int i : touching) {
                if (ownerOf(i) == root) insts.insert(i);
                else if (!failingNow_[i]) shared.insert(i);
            }
            p.instances.assign(insts.begin(), insts.end());
            p.shared.assign(shared.begin(), shared.end());
            p.cluster = root;
            out.push_back(std::move(p));
        }
        return out;
    }

    // The cells a solved cluster names (its set and ties); all its cells
    // when it got a note instead: nothing is known to be right there.
    std::set<int> namedCells(const Problem& p) {
        std::set<int> out;
        int fi = findingOf(p.failing.front());
        if (fi < 0 || res_.findings[fi].suspects.cells.empty()) return std::set<int>(p.cells.begin(), p.cells.end());
        const Suspects& s = res_.findings[fi].suspects;
        auto add = [&](const Suspect& x) {
            auto it = ids_.find(CellKey{sheetOf(x), x.row, x.col});
            if (it != ids_.end()) out.insert(it->second);
        };
        for (const auto& x : s.cells) add(x);
        for (const auto& t : s.ties)
            for (const auto& x : t) add(x);
        return out;
    }

    template <class V>
    double evalSide(int i, int side, const V& value) {
        const RecordedSide& s = side ? in_[i].rhs : in_[i].lhs;
        std::vector<const std::vector<int>*> cells;
        cells.reserve(areaCells_[side][i].size());
        for (auto& v : areaCells_[side][i]) cells.push_back(&v);
        SideEval e(s, cells.data(), mu_);
        return e.value(value);
    }

    // Whether instance i holds with these cell values, as the evaluator compares it.
    template <class V>
    bool holdsWith(int i, const V& value) {
        double a = evalSide(i, 0, value), e = evalSide(i, 1, value);
        int shown = in_[i].shown;
        if (shown >= 0) a = roundHalfAway(a, shown), e = roundHalfAway(e, shown);
        return holds(in_[i].rule->op, a, e, in_[i].tol);  // the evaluator's own tolerance
    }

    const Model& modelOf(int i) {
        auto it = models_.find(i);
        if (it == models_.end()) it = models_.emplace(i, model(i)).first;
        return it->second;
    }

    Model model(int i) {
        Model m;
        m.linear = true;
        double f[2];
        size_t readCells[2];
        for (int side = 0; side < 2; ++side) {
            const RecordedSide& s = side ? in_[i].rhs : in_[i].lhs;
            std::vector<const std::vector<int>*> cells;
            cells.reserve(areaCells_[side][i].size());
            readCells[side] = 0;
            for (auto& v : areaCells_[side][i]) cells.push_back(&v), readCells[side] += v.size();
            m.coef.reserve(m.coef.size() + readCells[side]);
            SideEval e(s, cells.data(), mu_);
            std::vector<double> x0, g;
            e.slots([&](int c) { return value_[c]; }, x0);
            bool lin = e.gradient(x0, g, f[side]);
            if (!std::isfinite(f[side])) return m;
            m.linear = m.linear && lin;
            const Expr& ex = *s.expr;
            for (size_t k = 0; k < ex.refs.size(); ++k) {
                const auto& cs = areaCells_[side][i][k];
                double d = g[ex.refs[k].slot];
                if (ex.refs[k].agg == Agg::Min || ex.refs[k].agg == Agg::Max) {
                    // Only the cell at the extreme moves it.
                    auto best = std::max_element(cs.begin(), cs.end(), [&](int a, int b) {
                        return ex.refs[k].agg == Agg::Max ? value_[a] < value_[b] : value_[a] > value_[b];
                    });
                    if (best != cs.end()) m.coef.push_back({*best, side ? -d : d});
                    continue;
                }
                for (int c : cs) m.coef.push_back({c, side ? -d : d});
            }
        }
        // A cell read more than once gets the sum of its terms, added in the
        // order they came (a stable sort): what a map's += gave, without a
        // node per cell.
        std::stable_sort(m.coef.begin(), m.coef.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        size_t kept = 0;
        for (size_t k = 0; k < m.coef.size();) {
            std::pair<int, double> t = m.coef[k++];
            while (k < m.coef.size() && m.coef[k].first == t.first) t.second += m.coef[k++].second;
            if (!(std::fabs(t.second) < 1e-12)) m.coef[kept++] = t;
        }
        m.coef.resize(kept);
        m.g0 = f[0] - f[1];
        m.usable = true;
        for (int side = 0; side < 2; ++side) {
            const auto& refs = areaCells_[side][i];
            if (refs.size() == 1 && refs[0].size() == 1 && readCells[side ^ 1] >= 2) m.derivedCell = refs[0][0];
        }
        return m;
    }

    void note(int inst, const std::string& vi, const std::string& en, const char* limit, std::uint64_t value) {
        int fi = findingOf(inst);
        if (fi < 0) return;
        Suspects& s = res_.findings[fi].suspects;
        s = Suspects{};
        s.note.vi = "Chưa xác định được ô sai: " + vi;
        s.note.en = "The wrong cell is not determined: " + en;
        if (limit) {
            s.note.vi += " (giới hạn " + std::string(limit) + " = " + formatNumber(double(value), "vi") + ")";
            s.note.en += " (limit " + std::string(limit) + " = " + formatNumber(double(value), "en") + ")";
        }
    }
    void noteAll(const Problem& p, const std::string& vi, const std::string& en, const char* limit = nullptr,
                 std::uint64_t value = 0) {
        for (int f : p.failing) note(f, vi, en, limit, value);
    }

    std::uint64_t elapsedMs() const {
        return std::uint64_t(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start_).count());
    }

    // The table widened by one ring: the cells of every check reading its
    // cells may change too (a wrong total whose fix needs the grand total
    // above it changed as well), every check reading those is a constraint.
    Problem widened(const Problem& p) {
        Problem w;
        std::set<int> cells(p.cells.begin(), p.cells.end()), insts;
        for (int i : p.instances)
            for (int c : cellsOf_[i]) cells.insert(c);
        std::vector<char> mine(keys_.size(), 0);
        for (int c : cells) mine[size_t(c)] = 1;
        if (!ring(&mine)) return w;  // the checks reading the new cells become constraints
        w.cells.assign(cells.begin(), cells.end());
        // A check failing in another cluster is that cluster's to explain,
        // not a constraint here: it would make this cluster fix both errors.
        // A holding one reading another cluster's cells is left out as
        // clusters() leaves it out of the cluster itself (it holds with that
        // cluster's error in place): widened with it, a new error next to the
        // report's own Biểu 4 C15 had to fix C15 without moving Biểu 11's
        // sum of Biểu 4, which holds — no set, and a note on the new error.
        auto otherCluster = [&](int i) {
            if (p.cluster < 0) return false;
            for (int c : cellsOf_[i]) {
                auto it = clusterOf_.find(c);
                if (it != clusterOf_.end() && it->second != p.cluster) return true;
            }
            return false;
        };
        for (int c : w.cells)
            for (int i : instancesOf_[c])
                if (!failingNow_[i] ? !otherCluster(i) : std::binary_search(p.failing.begin(), p.failing.end(), i))
                    insts.insert(i);
        w.instances.assign(insts.begin(), insts.end());
        w.failing = p.failing;
        w.cluster = p.cluster;
        return w;
    }

    // The localisation model of a problem (docs/LOCALISATION.md, steps 3–4):
    // per cell a change column and a "changes or not" binary linked by its
    // big-M, then a row per usable check; false when the numbers are too
    // large for the solver's tolerances.
    struct Built {
        std::map<int, int> column;  // cell -> index in p.cells
        // Per p.instances: into models_, whose elements stay where they are
        // (a node map); copying each check's coefficients was most of build().
        std::vector<const Model*> models;
        std::vector<double> weight;
        MipModel mip;
        std::vector<int> dcol, zcol;
    };
    bool build(const Problem& p, Built& b) {
        auto& column = b.column;
        auto& models = b.models;
        auto& mip = b.mip;
        for (size_t k = 0; k < p.cells.size(); ++k) column[p.cells[k]] = int(k);
        b.weight.assign(p.cells.size(), kWeightRaw);
        auto& weight = b.weight;
        double scale = 1;
        for (int c : p.cells) scale = std::max(scale, std::fabs(value_[c]));
        models.reserve(p.instances.size());
        for (int i : p.instances) {
            models.push_back(&modelOf(i));
            const Model& m = *models.back();
            if (!m.usable) continue;
            scale = std::max(scale, std::fabs(m.g0));
            if (m.derivedCell >= 0 && column.count(m.derivedCell) && in_[i].rule->op == CmpOp::Eq) {
                double& w = weight[column[m.derivedCell]];
                w = std::min(w, m.linear ? kWeightTotal : kWeightPercent);
            }
        }
        // Beyond 10^12 the solver's tolerances (1e-9 relative) exceed a unit
        // of the numbers, and GLPK may abort on what it cannot scale: a note.
        if (!(scale <= 1e12)) return false;
        // Each cell's change is bounded by twice the largest of its own
        // value, the numbers of any check reading it and that check's miss
        // (a part never needs to move by more than its whole). The tightest
        // sound bound matters: a loose big-M makes the LP relaxation say
        // nearly nothing (z = |change| / M), and branch and bound then ran out
        // of time on the report's Biểu 18.
        std::vector<double> reach(p.cells.size(), 0);
        for (size_t q = 0; q < p.instances.size(); ++q) {
            if (!models[q]->usable) continue;
            double size = std::fabs(models[q]->g0);
            for (int c : cellsOf_[p.instances[q]]) size += std::fabs(value_[c]);
            for (const auto& [c, v] : models[q]->coef) {
                auto it = column.find(c);
                if (it != column.end()) reach[it->second] = std::max(reach[it->second], size / std::max(1e-3, std::fabs(v)));
            }
        }
        const int n = int(p.cells.size());
        b.dcol.assign(n, 0), b.zcol.assign(n, 0);
        mip.rows.reserve(2 * size_t(n) + p.instances.size());
        auto& dcol = b.dcol;
        auto& zcol = b.zcol;
        for (int k = 0; k < n; ++k) {
            const int c = p.cells[k];
            const double v = value_[c];
            const double M = std::min(2 * std::max(reach[k], std::fabs(v)) + 10, 4 * scale + 100);
            // Changes are continuous: only the "changes or not" binaries are
            // integer, so branch and bound stays small (general integers made the
            // report's Biểu 18 run out of time); a fix is rounded after and
            // checked exactly. A count that is not negative stays so: a fix to
            // -3 people is no fix.
            dcol[k] = mip.addColumn(v >= 0 ? -v : -M, M, 0, false);
            zcol[k] = mip.addColumn(0, 1, weight[k], true);
            MipModel::Row up, down;
            up.terms = {{dcol[k], 1}, {zcol[k], -M}};
            up.hi = 0;
            down.terms = {{dcol[k], 1}, {zcol[k], M}};
            down.lo = 0;
            mip.rows.push_back(std::move(up));
            mip.rows.push_back(std::move(down));
        }
        for (size_t q = 0; q < p.instances.size(); ++q) {
            const int i = p.instances[q];
            const Model& m = *models[q];
            const Rule& r = *in_[i].rule;
            if (!m.usable || r.op == CmpOp::Ne) continue;  // ≠ is not convex: checked after only
            double slack = in_[i].tol + 1e-7 * std::max(1.0, std::fabs(m.g0));
            if (!m.linear && in_[i].shown >= 0) slack = in_[i].tol + 0.49 * std::pow(10.0, -in_[i].shown);
            const double strict = 1e-6;
            double lo = -MipModel::kInf, hi = MipModel::kInf;
            switch (r.op) {
                case CmpOp::Eq: lo = -slack, hi = slack; break;
                case CmpOp::Le: hi = in_[i].tol; break;
                case CmpOp::Lt: hi = in_[i].tol - strict; break;
                case CmpOp::Ge: lo = -in_[i].tol; break;
                case CmpOp::Gt: lo = -in_[i].tol + strict; break;
                case CmpOp::Ne: break;
            }
            MipModel::Row row;
            for (const auto& [c, v] : m.coef) {
                auto it = column.find(c);
                if (it != column.end()) row.terms.push_back({dcol[it->second], v});
            }
            if (row.terms.empty()) continue;
            row.lo = lo - m.g0;
            row.hi = hi - m.g0;
            mip.rows.push_back(std::move(row));
        }

        return true;
    }

    // Whether some change of all the problem's cells together makes its
    // checks hold: the model's linear relaxation (the binaries continuous
    // only bound each change by its big-M). 1 yes, 0 no, -1 not known (the
    // solver's time limit, the numbers too large): no answer to act on.
    int relaxFeasible(const Problem& p) {
        Built b;
        if (!build(p, b)) return -1;
        const std::uint64_t left = lim_.maxLocateMillisecondsTotal - std::min(lim_.maxLocateMillisecondsTotal, elapsedMs());
        MipSolution s = solveLpGlpk(b.mip, std::max<std::uint64_t>(1, std::min(lim_.maxLocateMilliseconds, left)));
        return s.status == MipSolution::Optimal ? 1 : s.status == MipSolution::Infeasible ? 0 : -1;
    }

    void solve(Problem& p, bool wide = false) {
        if (p.cells.size() > lim_.maxLocateCells)
            return noteAll(p, "bảng có " + formatNumber(double(p.cells.size()), "vi") + " ô cần xét",
                           "the table has " + formatNumber(double(p.cells.size()), "en") + " cells to consider",
                           "maxLocateCells", lim_.maxLocateCells);
        if (p.instances.size() > lim_.maxLocateChecks)
            return noteAll(p, "bảng có " + formatNumber(double(p.instances.size()), "vi") + " kiểm tra",
                           "the table has " + formatNumber(double(p.instances.size()), "en") + " checks",
                           "maxLocateChecks", lim_.maxLocateChecks);
        std::uint64_t used = elapsedMs();
        if (used >= lim_.maxLocateMillisecondsTotal)
            return noteAll(p, "hết thời gian dành cho việc xác định ô sai", "out of the time allowed for finding wrong cells",
                           "maxLocateMillisecondsTotal", lim_.maxLocateMillisecondsTotal);

        Built built;
        if (!build(p, built)) return noteAll(p, "các số của bảng quá lớn", "the table's numbers are too large");
        auto& column = built.column;
        auto& models = built.models;
        auto& weight = built.weight;
        auto& mip = built.mip;
        auto& dcol = built.dcol;
        auto& zcol = built.zcol;
        const int n = int(p.cells.size());
        auto budget = [&] {
            std::uint64_t left = lim_.maxLocateMillisecondsTotal - std::min(lim_.maxLocateMillisecondsTotal, elapsedMs());
            return std::max<std::uint64_t>(1, std::min(lim_.maxLocateMilliseconds, left));
        };
        // Most clusters are one wrong cell. Every weight lies in [0,6; 1]:
        // two cells weigh at least 1,2, more than any one cell, so when one
        // cell's change alone can make every constraint hold, the lightest
        // such cells are the minimal sets — all of them, found exactly by one
        // pass over the rows, without GLPK's set-up and presolve (that was
        // most of localisation's time on the report) and without a second
        // solve to look for a tie.
        std::vector<std::pair<int, double>> singles = singleChanges(mip, 2 * n, dcol, weight);
        if (singles.empty()) singles = exactSingles(p, weight);
        // Then sets of two to four cells, enumerated exactly (small_sets.h):
        // a linear program per candidate that hits every failing check,
        // stopping at the size whose lightest set weighs more than the best
        // found. Exact, all ties included, and bounded; only when its budget
        // runs out does GLPK's branch and bound get the model.
        std::vector<SmallSet> small;
        bool noSet = false;  // proven: no change of the cells makes every check hold
        if (singles.empty()) {
            SmallSetBudget sb;
            sb.minSize = 2;
            sb.maxSets = 1 + kMaxTies;
            sb.milliseconds = budget();
            SmallSetSearch found = smallestSets(mip, 2 * n, dcol, weight, sb);
            if (found.status == SmallSetSearch::Exact) small = std::move(found.sets);
            noSet = found.status == SmallSetSearch::None;
        }
        if (!singles.empty() || !small.empty()) {
            Suspects found;
            std::vector<std::pair<int, std::vector<Suspect>>> sets;  // (failing checks held, cells)
            auto add = [&](const MipSolution& one) {
                int held = 0;
                auto cells = suspectsOf(p, one, dcol, models, held);
                if (!cells.empty()) sets.push_back({held, std::move(cells)});
            };
            for (const auto& [k, d] : singles) {
                MipSolution one;
                one.status = MipSolution::Optimal;
                one.x.assign(mip.columns(), 0);
                one.x[dcol[k]] = d;
                add(one);
            }
            for (const SmallSet& set : small) {
                MipSolution one;
                one.status = MipSolution::Optimal;
                one.x.assign(mip.columns(), 0);
                for (size_t j = 0; j < set.cells.size(); ++j) one.x[dcol[set.cells[j]]] = set.change[j];
                add(one);
            }
            // The set whose exact check holds most failing checks leads; then
            // the order of suspectsOf (read by the most failing checks).
            std::stable_sort(sets.begin(), sets.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
            if (sets.empty()) return;
            found.cells = std::move(sets[0].second);
            found.failingChecks = sets[0].first;
            for (size_t t = 1; t < sets.size() && found.ties.size() < kMaxTies; ++t)
                if (sets[t].first >= found.failingChecks) found.ties.push_back(std::move(sets[t].second));
            return assign(p, std::move(found));
        }
        // Fellegi–Holt assumes errors are rare: a cluster failing more checks
        // than this that no small set explains is not branch and bound's.
        if (p.failing.size() > lim_.maxLocateFailing && !noSet)
            return noteAll(p, "bảng có " + formatNumber(double(p.failing.size()), "vi") + " kiểm tra không đạt đọc chung các ô, cần xem lại cả bảng",
                           "the table has " + formatNumber(double(p.failing.size()), "en") + " failing checks reading common cells; check it as a whole",
                           "maxLocateFailing", lim_.maxLocateFailing);
        MipSolution sol;
        if (noSet) {
            sol.status = MipSolution::Infeasible;
        } else {
            if (traceFn) traceFn(mip, traceCtx);
            sol = solveGlpk(mip, budget());
        }
        if (sol.status == MipSolution::Infeasible && !wide) {
            // Holding the neighbours' cells fixed can leave no way out; with
            // them free there may be one.
            Problem w = widened(p);
            if (w.cells.empty())
                return noteAll(p, "quá nhiều kiểm tra để xác định ô sai", "too many checks to find the wrong cell");
            if (w.cells.size() > kMaxWidenedCells) {
                // Too wide to solve quickly; one check that cannot hold may
                // still be set apart in the table as it is (a new error in
                // Biểu 3's rows joined to the report's own Biểu 4 C14, whose
                // widened table has 70 cells and more, used to get this note).
                if (setApart(p)) return;
                return noteAll(p,
                               "sửa các ô mà các kiểm tra không đạt đọc không đủ, và bảng mở rộng có " +
                                   formatNumber(double(w.cells.size()), "vi") + " ô, quá nhiều để giải nhanh",
                               "changing the cells the failing checks read is not enough, and the widened table has " +
                                   formatNumber(double(w.cells.size()), "en") + " cells, too many to solve quickly",
                               "kMaxWidenedCells", kMaxWidenedCells);
            }
            if (w.cells.size() > p.cells.size()) return solve(w, true);
        }
        if (sol.status == MipSolution::Infeasible) {
            if (setApart(p)) return;
            return noteAll(p, "không có cách sửa nào làm mọi kiểm tra của bảng đều đạt",
                           "no change makes every check of this table hold");
        }
        if (sol.status == MipSolution::TimeLimit)
            return noteAll(p, "bộ giải chưa xong trong thời gian cho phép", "the solver did not finish in the time allowed",
                           "maxLocateMilliseconds", lim_.maxLocateMilliseconds);
        if (sol.status != MipSolution::Optimal)
            return noteAll(p, "bộ giải không cho kết quả", "the solver gave no result");

        Suspects found;
        int held = 0;
        found.cells = suspectsOf(p, sol, dcol, models, held);
        found.failingChecks = held;
        if (found.cells.empty()) return;
        // Equally small sets: solve again without the set found, once — enough
        // to know (and say) that the checks cannot tell; a second listing
        // cost a third of localisation's time on the report.
        MipModel again = mip;
        std::vector<std::vector<Suspect>> ties;
        for (int round = 0; round < 1 && elapsedMs() < lim_.maxLocateMillisecondsTotal; ++round) {
            MipModel::Row cut;
            auto& last = round == 0 ? found.cells : ties.back();
            for (const Suspect& s : last) {
                int c = ids_.at(CellKey{sheetOf(s), s.row, s.col});
                cut.terms.push_back({zcol[column[c]], 1});
            }
            cut.hi = double(last.size()) - 1;
            again.rows.push_back(cut);
            MipSolution alt = solveGlpk(again, budget());
            if (alt.status != MipSolution::Optimal || alt.objective > sol.objective + 1e-6) break;
            int altHeld = 0;
            auto cells = suspectsOf(p, alt, dcol, models, altHeld);
            if (cells.empty() || altHeld < held) break;
            ties.push_back(std::move(cells));
        }
        found.ties = std::move(ties);
        assign(p, std::move(found));
    }

    // A cluster no change can fix may hold failing checks that cannot hold
    // whatever changes (the report's own Biểu 4 C14: its cross-sheet identity
    // holds with no values of its cells, given the checks that hold) joined
    // to a fixable error through shared cells: every new error in its rows
    // and columns used to get "no change makes every check hold". Such
    // checks are peeled off as conflicting subsets: a subset of the failing
    // checks that, with the checks that hold, no change satisfies, made
    // minimal by leaving out one check at a time (a deletion filter, as an
    // irreducible infeasible subset is found). Each is set apart, then the
    // next, until the rest can hold; the rest is solved without them. A
    // subset of one check is that check ("no change makes this check hold
    // together with the table's other checks"); of several, which of them is
    // wrong cannot be told, and each says so. The checks crossing others
    // at a cell are left out first, so a subset keeps, where it can, the
    // checks that no cell error explains. Each test is one linear program
    // (the relaxation with every cell free); at most kMaxPeeled failing
    // checks, within the time budget. False when nothing can be set apart:
    // every failing check is in one conflicting subset, or none was found.
    static constexpr size_t kMaxPeeled = 16;
    bool setApart(Problem& p) {
        if (droppingOne_ || p.failing.size() < 2 || p.failing.size() > kMaxPeeled) return false;
        droppingOne_ = true;
        std::set<int> failing(p.failing.begin(), p.failing.end());
        std::vector<int> holding;
        for (int i : p.instances)
            if (!failing.count(i)) holding.push_back(i);
        bool outOfTime = false;  // or a solver's time limit: then nothing is set apart, a subset half-filtered is no answer
        auto feasibleWith = [&](const std::vector<int>& checks) {
            Problem q = p;
            q.failing = checks;
            q.instances = holding;
            q.instances.insert(q.instances.end(), checks.begin(), checks.end());
            std::sort(q.instances.begin(), q.instances.end());
            std::sort(q.failing.begin(), q.failing.end());
            const int r = relaxFeasible(q);
            if (r < 0) outOfTime = true;
            return r == 1;
        };
        // Crossing others first: the failing checks sharing a cell with the most others.
        std::map<int, int> crossings;
        for (int f : p.failing)
            for (int g : p.failing)
                if (f != g && shareACell(f, g)) crossings[f]++;
        std::vector<int> rest = p.failing;
        std::stable_sort(rest.begin(), rest.end(), [&](int a, int b) { return crossings[a] > crossings[b]; });
        std::vector<std::vector<int>> cores;
        while (!rest.empty() && !feasibleWith(rest) && !outOfTime) {
            std::vector<int> core = rest;
            for (size_t k = 0; k < core.size() && core.size() > 1 && !outOfTime;) {
                if (elapsedMs() >= lim_.maxLocateMillisecondsTotal) {
                    outOfTime = true;
                    break;
                }
                std::vector<int> fewer = core;
                fewer.erase(fewer.begin() + long(k));
                if (!feasibleWith(fewer)) {
                    if (outOfTime) break;
                    core = std::move(fewer);
                } else {
                    ++k;
                }
            }
            if (outOfTime) break;
            for (int f : core) rest.erase(std::find(rest.begin(), rest.end(), f));
            cores.push_back(std::move(core));
        }
        const bool found = !outOfTime && !cores.empty() && !rest.empty() && feasibleWith(rest) && !outOfTime;
        if (found) {
            Problem q = p;
            std::sort(rest.begin(), rest.end());
            q.failing = rest;
            q.instances = holding;
            q.instances.insert(q.instances.end(), rest.begin(), rest.end());
            std::sort(q.instances.begin(), q.instances.end());
            solve(q, true);
        }
        droppingOne_ = false;
        if (!found) return false;
        for (const auto& core : cores) {
            if (core.size() == 1) {
                note(core[0], "không có cách sửa nào làm kiểm tra này đạt cùng các kiểm tra khác của bảng",
                     "no change makes this check hold together with the table's other checks", nullptr, 0);
                continue;
            }
            const std::string n = std::to_string(core.size());
            for (int f : core)
                note(f, "không có cách sửa nào làm " + n + " kiểm tra không đạt này cùng đạt với các kiểm tra khác của bảng; chưa rõ kiểm tra nào sai",
                     "no change makes these " + n + " failing checks hold together with the table's other checks; which is wrong is not determined",
                     nullptr, 0);
        }
        return true;
    }

    bool shareACell(int f, int g) const {
        const auto& a = cellsOf_[f];
        const auto& b = cellsOf_[g];
        for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
            if (a[i] == b[j]) return true;
            a[i] < b[j] ? ++i : ++j;
        }
        return false;
    }

    // The cells whose change alone makes every constraint row of `mip` (from
    // row `firstCheck` on) hold, with that change, the lightest only: a row
    // failing now must read the cell; the others bound its change. Each
    // change is the middle of what the rows allow where an equality reads the
    // cell (its exact value, within the tolerance), clamped to the cell's own
    // bounds; read by bounds only (a part above its whole), the change nearest
    // none: the bound itself.
    static std::vector<std::pair<int, double>> singleChanges(const MipModel& mip, size_t firstCheck,
                                                             const std::vector<int>& dcol, const std::vector<double>& weight) {
        const int n = int(dcol.size());
        std::vector<int> kOf(mip.columns(), -1);
        for (int k = 0; k < n; ++k) kOf[dcol[k]] = k;
        std::vector<double> lo(n, -MipModel::kInf), hi(n, MipModel::kInf);  // what the rows allow
        std::vector<int> failingRead(n, 0);
        std::vector<char> twoSided(n, 0);  // an equality (within its tolerance) reads the cell
        int failingRows = 0;
        for (size_t r = firstCheck; r < mip.rows.size(); ++r) {
            const MipModel::Row& row = mip.rows[r];
            const bool failsNow = !(row.lo <= 0 && 0 <= row.hi);
            failingRows += failsNow;
            for (const auto& [col, a] : row.terms) {
                const int k = kOf[col];
                if (k < 0 || a == 0) continue;
                failingRead[k] += failsNow;
                double l = row.lo / a, h = row.hi / a;
                if (a < 0) std::swap(l, h);
                lo[k] = std::max(lo[k], l), hi[k] = std::min(hi[k], h);
                twoSided[k] |= std::isfinite(row.lo) && std::isfinite(row.hi);
            }
        }
        std::vector<std::pair<int, double>> out;
        if (failingRows == 0) return out;
        double best = INFINITY;
        for (int k = 0; k < n; ++k) {
            const double l = std::max(lo[k], mip.lo[dcol[k]]), h = std::min(hi[k], mip.hi[dcol[k]]);
            if (failingRead[k] < failingRows || !(l <= h)) continue;
            double d = twoSided[k] ? (lo[k] + hi[k]) / 2 : 0.0;
            d = std::min(std::max(d, l), h);
            if (!std::isfinite(d) || d == 0) continue;
            if (weight[k] < best - 1e-9) out.clear(), best = weight[k];
            if (weight[k] <= best + 1e-9) out.push_back({k, d});
        }
        return out;
    }

    // Every failing check of the cluster gets the set found.
    void assign(const Problem& p, Suspects found) {
        for (int f : p.failing) {
            int fi = findingOf(f);
            if (fi < 0) continue;
            // On each finding, the cells its own check reads come first: where
            // a table holds several errors, the one this check sees leads.
            Suspects mine = found;
            auto reads = [&](const Suspect& s) {
                auto it = ids_.find(CellKey{sheetOf(s), s.row, s.col});
                return it != ids_.end() && std::binary_search(cellsOf_[f].begin(), cellsOf_[f].end(), it->second);
            };
            std::stable_partition(mine.cells.begin(), mine.cells.end(), reads);
            res_.findings[fi].suspects = std::move(mine);
        }
    }

    // A fix as the cell is written: a whole number for a whole number, else at
    // the decimals the cell shows (the solver's values carry its tolerances).
    double asWritten(int c, double v) {
        const Cell& cell = keys_[c].sheet->at(keys_[c].row, keys_[c].col);
        if (value_[c] == std::floor(value_[c]) && std::fabs(v - std::round(v)) < 1e-3) return std::round(v);
        return cell.decimals >= 0 ? roundHalfAway(v, cell.decimals) : v;
    }

    // One cell under non-linear checks, exactly. The linearised model can miss
    // a lone cell a percentage divides by: the shares' rounded slopes disagree
    // (a population mistyped 125 for 100: no single step fixes all five
    // shares in the linear model, and a pair with one share was named instead,
    // while 100 makes every share hold). For each cell every failing check
    // reads, solve one failing check exactly for it (secant steps on the
    // evaluator's own sides) and keep the lightest cells whose value makes
    // every check of the cluster hold as the evaluator compares. Bounded: at
    // most kMaxExactSingles cells, 40 steps each.
    std::vector<std::pair<int, double>> exactSingles(const Problem& p, const std::vector<double>& weight) {
        std::vector<std::pair<int, double>> out;
        if (p.failing.empty()) return out;
        std::vector<int> common = cellsOf_[p.failing[0]];
        std::sort(common.begin(), common.end());
        for (size_t q = 1; q < p.failing.size() && !common.empty(); ++q) {
            std::vector<int> other = cellsOf_[p.failing[q]], both;
            std::sort(other.begin(), other.end());
            std::set_intersection(common.begin(), common.end(), other.begin(), other.end(), std::back_inserter(both));
            common.swap(both);
        }
        if (common.size() > kMaxExactSingles) return out;
        double best = std::numeric_limits<double>::infinity();
        const int f = p.failing[0];
        for (int c : common) {
            auto k = std::find(p.cells.begin(), p.cells.end(), c);
            if (k == p.cells.end()) continue;
            double x = value_[c];
            auto valueWith = [&](int cc) { return cc == c ? x : value_[cc]; };
            auto gap = [&](double at) {
                x = at;
                return evalSide(f, 0, valueWith) - evalSide(f, 1, valueWith);
            };
            double x0 = value_[c], x1 = value_[c] * 1.05 + 1, g0 = gap(x0), g1 = gap(x1);
            for (int step = 0; step < 40 && std::isfinite(g0) && std::isfinite(g1) && g1 != 0 && g1 != g0; ++step) {
                const double x2 = x1 - g1 * (x1 - x0) / (g1 - g0);
                x0 = x1, g0 = g1, x1 = x2, g1 = gap(x1);
            }
            if (!std::isfinite(x1)) continue;
            // The root of a rounded percentage is an interval: a count is a whole
            // number, so its nearest whole number is tried too.
            bool all = false;
            for (double candidate : {asWritten(c, x1), value_[c] == std::floor(value_[c]) ? std::round(x1) : x1}) {
                x = candidate;
                if (x == value_[c] || (value_[c] >= 0 && x < 0)) continue;  // no change, or a count made negative
                all = true;
                for (int i : p.instances)
                    if (!(all = holdsWith(i, valueWith))) break;
                if (all) break;
            }
            if (!all) continue;
            const double w = weight[k - p.cells.begin()];
            if (w < best - 1e-9) out.clear(), best = w;
            if (w <= best + 1e-9) out.push_back({int(k - p.cells.begin()), x - value_[c]});
        }
        return out;
    }

    const Sheet* sheetOf(const Suspect& s) {
        auto it = sheets_.find(s.sheet);
        return it == sheets_.end() ? nullptr : it->second;
    }

    // The changed cells of a solution, their fixes, most likely first; `held`:
    // how many of the failing checks hold with the fixes.
    std::vector<Suspect> suspectsOf(const Problem& p, const MipSolution& sol, const std::vector<int>& dcol,
                                    const std::vector<const Model*>& models, int& held) {
        std::map<int, double> change;
        for (size_t k = 0; k < p.cells.size(); ++k) {
            double d = sol.x[dcol[k]];
            if (std::fabs(d) > 1e-7 * std::max(1.0, std::fabs(value_[p.cells[k]]))) change[p.cells[k]] = d;
        }
        std::vector<Suspect> out;
        if (change.empty()) return out;
        std::map<int, double> fixed;  // proposed values
        // The solver's values carry its tolerances (150.000002): a fix is
        // written as the cell is, a whole number for a whole number or at the
        // decimals the cell shows, and checked exactly below.
        for (const auto& [c, d] : change) fixed[c] = asWritten(c, value_[c] + d);
        auto valueWith = [&](int c) {
            auto it = fixed.find(c);
            return it == fixed.end() ? value_[c] : it->second;
        };
        // A cell one check computes (a percentage, a total) gets exactly what
        // that check computes from the other proposed values, as it is shown.
        for (size_t q = 0; q < p.instances.size(); ++q) {
            int c = models[q]->derivedCell;
            int i = p.instances[q];
            if (c < 0 || !fixed.count(c) || in_[i].rule->op != CmpOp::Eq) continue;
            bool lhsIsCell = areaCells_[0][i].size() == 1 && areaCells_[0][i][0].size() == 1 && areaCells_[0][i][0][0] == c;
            double v = evalSide(i, lhsIsCell ? 1 : 0, valueWith);
            if (!std::isfinite(v)) continue;
            if (in_[i].shown >= 0) v = roundHalfAway(v, in_[i].shown);
            double saved = fixed[c];
            fixed[c] = v;
            if (!holdsWith(i, valueWith)) fixed[c] = saved;
        }
        // A derived cell recomputed to what it already holds is not a change.
        for (auto it = fixed.begin(); it != fixed.end();)
            it = std::fabs(it->second - value_[it->first]) <= 1e-9 * std::max(1.0, std::fabs(value_[it->first])) ? fixed.erase(it)
                                                                                                           : std::next(it);
        held = 0;
        for (int f : p.failing) held += holdsWith(f, valueWith);
        std::map<int, int> failingReads;
        for (int f : p.failing)
            for (int c : cellsOf_[f]) failingReads[c]++;
        std::vector<int> order;
        for (const auto& [c, v] : fixed) order.push_back(c);
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return failingReads[a] > failingReads[b]; });
        for (int c : order) {
            Suspect s;
            s.sheet = keys_[c].sheet->name();
            s.row = keys_[c].row;
            s.col = keys_[c].col;
            s.value = value_[c];
            s.fix = fixed[c];
            s.date = keys_[c].sheet->at(s.row, s.col).date;
            out.push_back(s);
        }
        return out;
    }
};

}  // namespace

void setLocateTrace(LocateTrace trace, void* context) {
    traceFn = trace;
    traceCtx = context;
}

void locateErrors(const InstanceRecorder& rec, Result& res, const Limits& limits, MuLease& mu) {
    Locator(rec, res, limits, mu).run(rec.overflowed());
}

}  // namespace reportcheck
