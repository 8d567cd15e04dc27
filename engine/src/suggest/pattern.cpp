// Where a pattern's cells are and whether it holds on a line, at the shown
// precision: each shown value may carry half a unit of its last decimal.
#include <algorithm>
#include <cmath>

#include "grid.h"

namespace reportcheck {

const char* relationKindName(RelationKind k) {
    switch (k) {
    case RelationKind::Sum: return "sum";
    case RelationKind::Average: return "average";
    case RelationKind::Division: return "division";
    case RelationKind::RelativeChange: return "relative-change";
    }
    return "sum";
}

std::pair<int, int> Pattern::cell(int line) const {
    return vertical ? std::make_pair(target, line) : std::make_pair(line, target);
}

std::vector<std::pair<int, int>> Pattern::inputs(int line) const {
    std::vector<std::pair<int, int>> out;
    for (size_t i = 0; i < parts.size(); ++i) {
        int l = i < partLine.size() && partLine[i] >= 0 ? partLine[i] : line;
        out.push_back(vertical ? std::make_pair(parts[i], l) : std::make_pair(l, parts[i]));
    }
    return out;
}

namespace suggest {

// 0: does not apply on this line (cells missing), 1: holds, -1: fails; the
// aggregator's value and what its inputs give in *actual and *expected.
static int check(const Grid& g, const Pattern& p, int line, double* actual = nullptr, double* expected = nullptr) {
    auto [r, c] = p.cell(line);
    if (r < 0 || c < 0 || r >= g.rows || c >= g.cols || !g.num(r, c)) return 0;
    double v = g.v(r, c), hv = g.half(r, c);
    auto in = p.inputs(line);
    for (auto [ir, ic] : in)
        if (ir < 0 || ic < 0 || ir >= g.rows || ic >= g.cols) return 0;
    switch (p.kind) {
    case RelationKind::Sum:
    case RelationKind::Average: {
        double s = 0, sq = 0;
        int n = 0;
        for (auto [ir, ic] : in)
            if (g.num(ir, ic)) { s += g.v(ir, ic); sq += g.half(ir, ic) * g.half(ir, ic); ++n; }
            else if (g.k(ir, ic) == kError) return 0;
        if (n == 0) return 0;
        if (actual) *actual = v;
        if (p.kind == RelationKind::Sum) {
            if (expected) *expected = s;
            return near(v, s, hv + 0.5 * std::sqrt(sq)) ? 1 : -1;
        }
        if (expected) *expected = s / n;
        // An average shown as an integer is taken only when exact (see line_aggregates.cpp).
        if (g.decimals[g.idx(r, c)] == 0) return near(v, s / n, 0) ? 1 : -1;
        return near(v, s / n, hv + std::sqrt(sq) / n) ? 1 : -1;
    }
    case RelationKind::Division:
    case RelationKind::RelativeChange: {
        if (in.size() != 2 || !g.num(in[0].first, in[0].second) || !g.num(in[1].first, in[1].second)) return 0;
        hv = g.ratioHalf(r, c, p.vertical);
        double a = g.v(in[0].first, in[0].second), b = g.v(in[1].first, in[1].second);
        double ha = g.half(in[0].first, in[0].second), hb = g.half(in[1].first, in[1].second);
        if (p.kind == RelationKind::Division) {
            if (b == 0) return 0;
            double tol = ratioTolerance(hv, p.scale, a, b, ha, hb);
            if (actual) *actual = v;
            if (expected) *expected = p.scale * a / b;
            return near(v, p.scale * a / b, tol) ? 1 : -1;
        }
        if (a == 0) return 0;  // old value 0: the change is undefined
        double tol = ratioTolerance(hv, p.scale, b, a, hb, ha);
        if (actual) *actual = v;
        if (expected) *expected = p.scale * (b - a) / a;
        return near(v, p.scale * (b - a) / a, tol) ? 1 : -1;
    }
    }
    return 0;
}

bool evaluatePattern(const Grid& g, Pattern& p) {
    p.holds.clear();
    p.fails.clear();
    int lines = p.vertical ? g.cols : g.rows;
    int dec = -1;
    for (int l = 0; l < lines; ++l) {
        int k = check(g, p, l);
        if (k == 0) continue;
        (k > 0 ? p.holds : p.fails).push_back(l);
        auto [r, c] = p.cell(l);
        dec = std::max(dec, static_cast<int>(g.decimals[g.idx(r, c)]));
    }
    p.decimals = dec;
    return !p.holds.empty();
}

bool patternHoldsAt(const Grid& g, const Pattern& p, int line) { return check(g, p, line) > 0; }

size_t roundingOnly(const Grid& g, const Pattern& p) { return roundingOnlyLines(g, p).size(); }

std::vector<int> roundingOnlyLines(const Grid& g, const Pattern& p) {
    std::vector<int> out;
    if (p.kind != RelationKind::Sum) return out;
    for (int l : p.fails) {
        auto [r, c] = p.cell(l);
        double s = 0, sq = 0, worst = 0;
        for (auto [ir, ic] : p.inputs(l))
            if (g.num(ir, ic)) { s += g.v(ir, ic); sq += g.sumHalf(ir, ic) * g.sumHalf(ir, ic); worst += g.sumHalf(ir, ic); }
        double v = g.v(r, c);
        // Within the worst case of every part rounded the same way, on a large
        // total (a ten-thousandth of it at most): rounding too.
        if (near(v, s, g.sumHalf(r, c) + sumSlack(v, sq)) ||
            (near(v, s, g.sumHalf(r, c) + worst) && std::fabs(v - s) <= 1e-4 * std::fabs(v)))
            out.push_back(l);
    }
    return out;
}

size_t telling(const Grid& g, const Pattern& p) {
    size_t n = 0;
    for (int l : p.holds) {
        auto [r, c] = p.cell(l);
        n += g.v(r, c) != 0;
    }
    return n;
}

size_t distinctHolding(const Grid& g, const Pattern& p, size_t enough) {
    std::vector<std::vector<double>> seen;
    for (int l : p.holds) {
        auto [r, c] = p.cell(l);
        if (g.v(r, c) == 0) continue;
        std::vector<double> vals{g.v(r, c)};
        for (auto [ir, ic] : p.inputs(l)) vals.push_back(g.num(ir, ic) ? g.v(ir, ic) : 0);
        if (std::find(seen.begin(), seen.end(), vals) != seen.end()) continue;
        seen.push_back(std::move(vals));
        if (seen.size() >= enough) break;
    }
    return seen.size();
}

bool patternValues(const Grid& g, const Pattern& p, int line, double& actual, double& expected) {
    return check(g, p, line, &actual, &expected) != 0;
}

}  // namespace suggest
}  // namespace reportcheck
