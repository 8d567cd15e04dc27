#include "grid.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace reportcheck::suggest {

namespace {
// Decimals of a value as written (1.25 -> 2), at most 6: a value read from a
// file without a number style still shows its own precision.
int ownDecimals(double v) {
    for (int k = 0; k <= 6; ++k) {
        double x = v * std::pow(10.0, k);
        if (std::fabs(x - std::round(x)) <= 1e-7 * std::max(1.0, std::fabs(x))) return k;
    }
    return 6;
}
// Counts published rounded to a base (census tables randomly rounded to a
// multiple of 5 or of 3, each figure on its own): every figure of the column
// is a multiple of the base, and a total differs from the sum of its rounded
// parts by several units. Detected from at least 8 non-zero whole figures,
// all multiples of 5 but not all of 10 (all of 10 is more often a column of
// round amounts), or all of 3 but not all of 5: by chance 8 figures are all
// multiples of 3 once in 6,500 columns. Only sums' detection widens (sumHalf):
// the drafted rules still compare at the shown precision.
void roundedToBase(Grid& g) {
    constexpr int kBaseFigures = 8;
    for (int c = 0; c < g.cols; ++c) {
        int n = 0;
        bool m3 = true, m5 = true, m10 = true;
        for (int r = 0; r < g.rows; ++r) {
            size_t i = g.idx(r, c);
            if (g.kind[i] != kNumber || g.value[i] == 0) continue;
            double v = std::fabs(g.value[i]);
            if (v != std::floor(v) || v > 1e15) { n = -1; break; }
            ++n;
            m3 = m3 && std::fmod(v, 3) == 0;
            m5 = m5 && std::fmod(v, 5) == 0;
            m10 = m10 && std::fmod(v, 10) == 0;
        }
        if (n < kBaseFigures) continue;
        double base = m5 && !m10 ? 5 : m3 && !m5 ? 3 : 0;
        if (base == 0) continue;
        for (int r = 0; r < g.rows; ++r) {
            size_t i = g.idx(r, c);
            if (g.kind[i] == kNumber) g.sumHalfUnit[i] = std::max(g.halfUnit[i], base / 2);  // half a unit of the base
        }
    }
}
}  // namespace

Grid Grid::fromSheet(const Sheet& s, int maxRows, int maxCols) {
    Grid g;
    g.rows = std::min(s.rows(), maxRows);
    g.cols = std::min(s.cols(), maxCols);
    size_t n = static_cast<size_t>(g.rows) * g.cols;
    g.value.assign(n, 0.0);
    g.kind.assign(n, kEmpty);
    g.decimals.assign(n, 0);
    g.halfUnit.assign(n, 0.5);
    g.text.assign(n, std::string());
    for (int r = 0; r < g.rows; ++r)
        for (int c = 0; c < g.cols; ++c) {
            const Cell& cell = s.at(r, c);
            size_t i = g.idx(r, c);
            switch (cell.kind) {
            case Cell::Kind::Number:
                if (!std::isfinite(cell.number)) { g.kind[i] = kError; break; }
                g.kind[i] = kNumber;
                g.value[i] = cell.number;
                g.decimals[i] = static_cast<int8_t>(cell.decimals >= 0 ? std::min(cell.decimals, 10) : ownDecimals(cell.number));
                g.halfUnit[i] = 0.5 * std::pow(10.0, -g.decimals[i]);
                break;
            case Cell::Kind::Text: {
                // A blank-looking text cell ("", " ") or a placeholder dash is no header: treat it as empty.
                bool blank = true;
                for (char ch : cell.text) if (ch != ' ' && ch != '\t' && ch != '\n') { blank = false; break; }
                if (!blank) { g.kind[i] = kText; g.text[i] = cell.text; }
                break;
            }
            case Cell::Kind::Error: g.kind[i] = kError; break;
            default: break;
            }
        }
    // Whole numbers shown with decimals, under a heading that calls them a
    // percentage or a change ("Change (%)", "Tỷ lệ"): at least three figures,
    // all whole, most of them not small. (Whole numbers elsewhere are counts.)
    static const char* const ratioWords[] = {"%", "ercent", "hange", "atio", "ate", "Tỷ lệ", "tỷ lệ", "TỶ LỆ",
                                             "Tăng", "tăng", "TĂNG", "Giảm", "giảm", "Chỉ số", "chỉ số", "ndex"};
    auto wholeOnly = [&](bool down, int line) {
        int n = 0, shown = 0, big = 0;
        bool named = false;
        int len = down ? g.rows : g.cols;
        for (int k = 0; k < len; ++k) {
            size_t i = down ? g.idx(k, line) : g.idx(line, k);
            if (g.kind[i] == kText && n == 0)
                for (const char* w : ratioWords) named = named || g.text[i].find(w) != std::string::npos;
            if (g.kind[i] != kNumber) continue;
            if (g.value[i] != std::floor(g.value[i])) return false;
            ++n;
            shown += g.decimals[i] > 0;
            big += std::fabs(g.value[i]) >= 10;
        }
        return named && n >= 3 && shown * 2 > n && big * 2 >= n;
    };
    g.sumHalfUnit = g.halfUnit;
    roundedToBase(g);
    g.intCol.resize(g.cols);
    g.intRow.resize(g.rows);
    for (int c = 0; c < g.cols; ++c) g.intCol[c] = wholeOnly(true, c);
    for (int r = 0; r < g.rows; ++r) g.intRow[r] = wholeOnly(false, r);
    return g;
}

Grid Grid::transpose() const {
    Grid t;
    t.rows = cols;
    t.cols = rows;
    t.transposed = !transposed;
    size_t n = value.size();
    t.value.resize(n);
    t.kind.resize(n);
    t.decimals.resize(n);
    t.halfUnit.resize(n);
    t.sumHalfUnit.resize(n);
    t.text.resize(n);
    t.intCol = intRow;
    t.intRow = intCol;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            size_t a = idx(r, c), b = t.idx(c, r);
            t.value[b] = value[a];
            t.kind[b] = kind[a];
            t.decimals[b] = decimals[a];
            t.halfUnit[b] = halfUnit[a];
            t.sumHalfUnit[b] = sumHalfUnit[a];
            t.text[b] = text[a];
        }
    return t;
}


std::string Grid::rowKey(int r) const {
    for (int c = 0; c < cols; ++c) {
        size_t i = idx(r, c);
        if (kind[i] == kText) return text[i];
        if (kind[i] == kNumber) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "#%.10g", value[i]);
            return buf;
        }
    }
    return "";
}

void numberingToText(Grid& g) {
    auto run = [&](bool down, int line) {
        std::vector<size_t> cells;
        int n = down ? g.rows : g.cols;
        for (int k = 0; k < n; ++k) {
            size_t i = down ? g.idx(k, line) : g.idx(line, k);
            if (g.kind[i] == kNumber) cells.push_back(i);
        }
        if (cells.size() < 3) return;
        // Mostly steps of +1 between integers (a numbering may restart per block).
        size_t steps = 0;
        for (size_t k = 0; k < cells.size(); ++k) {
            if (g.value[cells[k]] != std::floor(g.value[cells[k]])) return;
            if (k > 0 && g.value[cells[k]] == g.value[cells[k - 1]] + 1) ++steps;
        }
        if (steps * 5 < (cells.size() - 1) * 4 || g.value[cells[0]] > 1 || g.value[cells[0]] < 0) return;
        for (size_t i : cells) {
            g.kind[i] = kText;
            char b[32];
            std::snprintf(b, sizeof b, "%.0f", g.value[i]);
            g.text[i] = b;
        }
    };
    for (int c = 0; c < g.cols; ++c) run(true, c);
    for (int r = 0; r < g.rows; ++r) run(false, r);
}

// Each part and the total rounded on their own: the worst case is half a
// unit each, the usual case (errors cancel) a quarter per √parts. Totals of
// 10 or more are given the wider √parts / 2 (two parts 1969772 + 270997
// published as 2240770): small counts are exact, and a unit there is a
// different figure.
double sumSlack(double v, double sq) { return (std::fabs(v) >= 10 ? 1.0 : 0.5) * std::sqrt(sq); }

bool near(double actual, double expected, double tol) {
    return std::fabs(actual - expected) <= tol + 1e-9 * std::max(1.0, std::fabs(expected));
}

}  // namespace reportcheck::suggest
