// Divisions (a/b, 100·a/b), shares of a total (a / a_total) and relative
// changes ((new − old)/old, ×100) between columns, voted over the rows of the
// table: a column is a ratio of two others when most rows say so. Run on the
// transposed grid for ratios between rows.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "grid.h"

namespace reportcheck::suggest {

namespace {

constexpr int kNearest = 16;  // inputs are looked for among the nearest numeric cells of the row

using Key = std::tuple<int, int, int, int, int>;  // kind, target, a, b, scale

// An integer that is exactly an integer ratio of integers (6 = 12 / 2) is what
// unrelated columns of counts or IDs produce by chance; a quotient with decimals,
// or one that matches only after rounding, is evidence.
// A ratio shown so coarsely that its rounding spans more than 5 % of it (1 shown
// for anything from 0.5 to 1.5) matches nearly any pair of small numbers.
bool informative(double v, double exact, double hv) {
    return (v != std::floor(v) || v != exact) && hv <= 0.05 * std::fabs(v);
}

// Columns that are fixed multiples of one another (a rate table: each column
// the first times a constant) satisfy t = a + b in every row whenever the
// constants do: such a pair says nothing about how the table was added up.
// True when t/a is the same in every row where the pair holds, within the
// rounding the shown values carry (at least 3 such rows).
bool proportional(const Grid& g, const Pattern& p) {
    int t = p.target, a = p.parts[0];
    double lo = 0, hi = 0;
    int n = 0;
    for (int r : p.holds) {
        double vt = g.v(r, t), va = g.v(r, a);
        if (vt == 0 || va == 0) continue;
        double q = vt / va;
        // The ratio's own rounding: the half units of both values, relative.
        double slack = std::fabs(q) * (g.half(r, t) / std::fabs(vt) + g.half(r, a) / std::fabs(va));
        double qlo = q - slack, qhi = q + slack;
        if (n == 0) { lo = qlo; hi = qhi; }
        else { lo = std::max(lo, qlo); hi = std::min(hi, qhi); }
        if (lo > hi) return false;
        ++n;
    }
    return n >= 3;
}

// The title of column c over line r: the nearest text above it.
std::string titleAbove(const Grid& g, int r, int c) {
    for (int x = r - 1; x >= 0; --x)
        if (g.k(x, c) == kText) return g.text[g.idx(x, c)];
    return {};
}

// Splits "P7" / "Test 2" into its stem ("P", "Test") and number; false when
// the title does not end in a number or has no stem.
bool numberedTitle(const std::string& t, std::string& stem, long& n) {
    size_t e = t.find_last_not_of(" \t");
    if (e == std::string::npos || !std::isdigit(static_cast<unsigned char>(t[e]))) return false;
    size_t b = e;
    while (b > 0 && std::isdigit(static_cast<unsigned char>(t[b - 1]))) --b;
    if (e - b > 6) return false;
    n = std::stol(t.substr(b, e - b + 1));
    size_t se = t.find_last_not_of(" \t", b == 0 ? std::string::npos : b - 1);
    if (b == 0 || se == std::string::npos) return false;
    stem = t.substr(0, se + 1);
    return true;
}

// Columns titled as members of one numbered series ("P1", "P2" … "P10", the
// same stem and different numbers) are parallel data: one is not the sum or
// the mean of two others, however often the figures happen to agree (returns
// of portfolios built from one another). A total or mean column is titled as
// such ("Total", "Average"), not as the next member of the series.
bool seriesMembers(const Grid& g, const Pattern& p) {
    if (p.holds.empty()) return false;
    int r = p.holds.front();
    std::string s0, s;
    long n0 = 0, n = 0;
    if (!numberedTitle(titleAbove(g, r, p.target), s0, n0)) return false;
    std::set<long> seen{n0};
    for (int c : p.parts) {
        if (!numberedTitle(titleAbove(g, r, c), s, n) || s != s0) return false;
        seen.insert(n);
    }
    return seen.size() == p.parts.size() + 1;
}

bool accept(const Pattern& p, size_t minHolds) {
    return p.holds.size() >= minHolds && p.holds.size() >= 2 * p.fails.size();
}

}  // namespace

// The shown value's own rounding, plus what the inputs' rounding moves a/b —
// but never more than 0.5 % of it: small counts (3 / 1) would otherwise
// "match" anything, and counts are exact.
double ratioTolerance(double hv, double scale, double A, double B, double ha, double hb) {
    double q = scale * std::fabs(A / B);
    return hv + std::min(scale * (ha / std::fabs(B) + std::fabs(A) * hb / (B * B)), 0.005 * q);
}

void detectRatios(const Grid& g, std::vector<Pattern>& out) {
    // Rows voting for each relation, counted: a row meets a key at most once
    // (the nearest cells hold no column twice), and only the counts are used.
    std::map<Key, size_t> votes, evidence;
    for (int r = 0; r < g.rows; ++r) {
        // Each target tries every pair of its nearest cells.
        if (!g.spend(static_cast<std::uint64_t>(g.cols) * (1 + kNearest * kNearest))) break;
        std::vector<int> nums;
        for (int c = 0; c < g.cols; ++c)
            if (g.num(r, c) && g.v(r, c) != 0) nums.push_back(c);
        for (size_t ti = 0; ti < nums.size(); ++ti) {
            int t = nums[ti];
            // The nearest numeric cells on both sides, outward from t.
            std::vector<int> near_;
            for (size_t lo = ti, hi = ti + 1; near_.size() < static_cast<size_t>(kNearest) && (lo > 0 || hi < nums.size());) {
                bool takeLeft = lo > 0 && (hi >= nums.size() || t - nums[lo - 1] <= nums[hi] - t);
                near_.push_back(takeLeft ? nums[--lo] : nums[hi++]);
            }
            double v = g.v(r, t), hv = g.ratioHalf(r, t, false);
            for (int a : near_)
                for (int b : near_) {
                    if (a == b) continue;
                    double A = g.v(r, a), B = g.v(r, b), ha = g.half(r, a), hb = g.half(r, b);
                    // Two columns anywhere in the row adding up to this one (not
                    // adjacent: those are found by line_aggregates.cpp); exact only.
                    // Not between rows: in a long list two rows add up to a third by chance.
                    if (!g.transposed && a < b && A != v && B != v && near(v, A + B, 0)) {
                        Key k{static_cast<int>(RelationKind::Sum), t, a, b, 1};
                        ++votes[k];
                        ++evidence[k];
                    }
                    // … or averaging to it (a mean of two marks, two years), written
                    // after both, as a mean column is: a column before or between two
                    // others that happens to be their midpoint ("Correct" before
                    // "Understated" and "Overstated") is data, not their mean.
                    if (!g.transposed && a < b && b < t && A != B && v != std::floor(v) && near(v, (A + B) / 2, 0)) {
                        Key k{static_cast<int>(RelationKind::Average), t, a, b, 1};
                        ++votes[k];
                        ++evidence[k];
                    }
                    for (int scale : {1, 100}) {
                        double tol = ratioTolerance(hv, scale, A, B, ha, hb);
                        if (near(v, scale * A / B, tol)) {
                            Key k{static_cast<int>(RelationKind::Division), t, a, b, scale};
                            ++votes[k];
                            if (informative(v, scale * A / B, hv)) ++evidence[k];
                        }
                        // relative change from b (old) to a (new)
                        if (near(v, scale * (A - B) / B, tol)) {
                            Key k{static_cast<int>(RelationKind::RelativeChange), t, b, a, scale};
                            ++votes[k];
                            if (informative(v, scale * (A - B) / B, hv)) ++evidence[k];
                        }
                    }
                }
        }
    }
    // The best relation per target column.
    std::map<int, std::pair<Key, size_t>> best;
    g.spend(votes.size());
    for (auto& [k, n] : votes) {
        if (evidence[k] < 2) continue;
        int t = std::get<1>(k);
        auto it = best.find(t);
        // Equal votes (a column copied beside another, a product whose two
        // orders both divide out): the inputs nearest the target, as the
        // formula would be written.
        auto reach = [&](const Key& x) { return std::abs(std::get<2>(x) - t) + std::abs(std::get<3>(x) - t); };
        if (it == best.end() || n > it->second.second ||
            (n == it->second.second && std::get<0>(k) == std::get<0>(it->second.first) && reach(k) < reach(it->second.first)))
            best[t] = {k, n};
    }
    // Mean shown decimals of a column over the rows: a ratio shows more than its inputs.
    auto meanDecimals = [&](int c) {
        double s = 0;
        int n = 0;
        for (int r = 0; r < g.rows; ++r)
            if (g.num(r, c)) { s += g.decimals[g.idx(r, c)]; ++n; }
        return n ? s / n : 0.0;
    };
    std::set<int> taken;
    for (auto& [t, kb] : best) {
        if (!g.spend(2 * static_cast<std::uint64_t>(g.rows) + g.cols)) break;
        auto [kind, tt, a, b, scale] = kb.first;
        size_t support = kb.second;
        // A ratio met in a single row is chance; between rows of a grid that is
        // a long list (the transposed case) more so.
        if (support < (g.transposed ? 3u : 2u)) continue;
        // t = a/b and b = a/t are the same arithmetic: the ratio is the column
        // that shows more decimals (then the one to the right, where ratios sit).
        if (kind == static_cast<int>(RelationKind::Division)) {
            auto inv = votes.find({kind, b, a, t, scale});
            if (inv != votes.end() && inv->second * 2 >= support) {
                double dt = meanDecimals(t), db = meanDecimals(b);
                if (db > dt + 1e-9 || (std::fabs(db - dt) <= 1e-9 && b > t)) continue;
            }
        }
        Pattern p;
        p.kind = static_cast<RelationKind>(kind);
        p.vertical = false;
        p.target = t;
        p.parts = {a, b};
        p.partLine = {-1, -1};
        p.scale = scale;
        bool pair = kind == static_cast<int>(RelationKind::Sum) || kind == static_cast<int>(RelationKind::Average);
        p.evidence = pair ? "pair of columns" : "ratio of columns";
        if (pair && support < 3) continue;
        if (!evaluatePattern(g, p) || !accept(p, std::min<size_t>(2, support))) continue;
        // Two columns adding up: the rows where all three are 0 are no evidence.
        if (pair && telling(g, p) < 2 * p.fails.size()) continue;
        if (pair && distinctHolding(g, p, 3) < 3) continue;
        if (pair && proportional(g, p)) continue;
        if (pair && seriesMembers(g, p)) continue;
        // Between rows (few columns, a pair search over many rows) a ratio that
        // fails anywhere is more likely a coincidence than a relation.
        if (g.transposed && !p.fails.empty()) continue;
        // Most of the rows where a change holds must say something: a column of
        // values shown with a single significant digit (0.00001) matches any
        // small change, and its agreement is no evidence. (Divisions are often
        // exact whole quotients, 6 = 12 / 2, which say little one by one but are
        // real: for them the two rows of evidence above suffice.)
        if (kind == static_cast<int>(RelationKind::RelativeChange)) {
            size_t said = evidence[kb.first];
            if (said * 2 < p.holds.size()) continue;
        }
        taken.insert(t);
        out.push_back(std::move(p));
    }
    // Shares of a total: the column is 100 (or 1) on the total's row and
    // part / total on the others.
    for (int t = 0; t < g.cols; ++t) {
        if (taken.count(t)) continue;
        if (!g.spend(static_cast<std::uint64_t>(g.rows))) return;
        Pattern bestP;
        for (int T = 0, tried = 0; T < g.rows && tried < 3; ++T) {
            if (!g.num(T, t)) continue;
            double v = g.v(T, t);
            int scale = std::fabs(v - 100) < 1e-6 ? 100 : std::fabs(v - 1) < 1e-9 ? 1 : 0;
            if (!scale) continue;
            ++tried;
            for (int a = 0; a < g.cols; ++a) {
                if (a == t || !g.num(T, a) || g.v(T, a) == 0) continue;
                // What evaluatePattern and accept(p, 3) below decide, counted first
                // without building the pattern, and given up as soon as the fails
                // outnumber what the remaining rows could make up: this is a pair
                // search (columns²) over the rows, and a sheet of random figures
                // offers a 1 or a 100 in most columns.
                {
                    double B = g.v(T, a), hb = g.half(T, a);
                    size_t h = 0, f = 0;
                    int r = 0;
                    for (; r < g.rows; ++r) {
                        if (2 * f > h + static_cast<size_t>(g.rows - r)) break;
                        if (!g.num(r, t) || !g.num(r, a)) continue;
                        double A = g.v(r, a);
                        double tol = ratioTolerance(g.ratioHalf(r, t, false), scale, A, B, g.half(r, a), hb);
                        ++(near(g.v(r, t), scale * A / B, tol) ? h : f);
                    }
                    if (!g.spend(static_cast<std::uint64_t>(r) + 1)) return;
                    if (r < g.rows || h < 3 || h < 2 * f) continue;
                }
                if (!g.spend(static_cast<std::uint64_t>(g.rows))) return;
                Pattern p;
                p.kind = RelationKind::Division;
                p.vertical = false;
                p.target = t;
                p.parts = {a, a};
                p.partLine = {-1, T};
                p.scale = scale;
                p.evidence = "share of a total";
                if (!evaluatePattern(g, p) || !accept(p, 3)) continue;
                int precise = 0;
                for (int r : p.holds) precise += g.ratioHalf(r, t, false) <= 0.05 * std::fabs(g.v(r, t));
                if (precise < 3) continue;
                // The denominator must be the total of the shares' numerators, or
                // a column of IDs divides into anything.
                double parts = 0, tol = 0;
                for (int r : p.holds)
                    if (r != T) { parts += g.v(r, a); tol += g.half(r, a); }
                if (!near(g.v(T, a), parts, tol + 0.005 * std::fabs(g.v(T, a)))) continue;
                if (p.holds.size() > bestP.holds.size()) bestP = p;
            }
        }
        if (!bestP.holds.empty()) out.push_back(std::move(bestP));
    }
}

}  // namespace reportcheck::suggest
