// The numeric view of a sheet the detectors work on, in either orientation:
// detectors are written once for "aggregator and inputs in one column" and run
// on the transposed grid for the row-wise case.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "reportcheck/suggest.h"
#include "reportcheck/workbook.h"

namespace reportcheck::suggest {

enum : uint8_t { kEmpty = 0, kNumber = 1, kText = 2, kError = 3 };

// The work bound of one sheet's search (both orientations share it): units of
// work are cells read and candidate relations tried, counted in 64 bits, with
// a wall clock checked every million units. Once a bound is hit every detector
// stops where it is and the sheet keeps what was found until then.
struct Budget {
    std::uint64_t used = 0;
    std::uint64_t limit = UINT64_MAX;
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
    const char* hit = nullptr;  // the bound hit: "maxWork" or "maxMilliseconds"
    std::uint64_t nextClock = 0;

    // Charges n units; false once a bound is hit (and from then on).
    bool spend(std::uint64_t n) {
        if (hit) return false;
        used = n > UINT64_MAX - used ? UINT64_MAX : used + n;  // saturates
        if (used > limit) { hit = "maxWork"; return false; }
        if (used >= nextClock) {
            nextClock = used + 1'000'000;
            if (std::chrono::steady_clock::now() > deadline) { hit = "maxMilliseconds"; return false; }
        }
        return true;
    }
};

struct Grid {
    int rows = 0, cols = 0;
    Budget* budget = nullptr;           // the sheet's work bound; none when null
    bool transposed = false;
    std::vector<double> value;
    std::vector<uint8_t> kind;
    std::vector<int8_t> decimals;       // shown decimals (from the style, else the value's own)
    std::vector<double> halfUnit;       // 0.5·10^-decimals, computed once (pow is the hot spot)
    // The rounding a figure may carry as a part or total of a sum: its half
    // unit, or the base of a column published rounded to a base (see grid.cpp).
    std::vector<double> sumHalfUnit;
    std::vector<std::string> text;      // text cells (labels, headers)
    // Per column / row: every figure is a whole number though the style shows
    // decimals — the figures were rounded to units before they were written
    // (a percentage change typed as 27), so a ratio there carries half a unit.
    std::vector<bool> intCol, intRow;

    static Grid fromSheet(const Sheet& s, int maxRows, int maxCols);
    Grid transpose() const;

    // Charges the budget; false once it is spent (the caller stops).
    bool spend(std::uint64_t n) const { return !budget || budget->spend(n); }
    bool spent() const { return budget && budget->hit; }

    size_t idx(int r, int c) const { return static_cast<size_t>(r) * cols + c; }
    bool num(int r, int c) const { return kind[idx(r, c)] == kNumber; }
    double v(int r, int c) const { return value[idx(r, c)]; }
    uint8_t k(int r, int c) const { return kind[idx(r, c)]; }
    // Half a unit of the last shown decimal: the rounding a shown value may carry.
    double half(int r, int c) const { return halfUnit[idx(r, c)]; }
    double sumHalf(int r, int c) const { return sumHalfUnit[idx(r, c)]; }
    // The rounding a ratio shown in (r, c) may carry: its shown half unit, or
    // half a unit where its column (target across rows) or row holds whole numbers only.
    double ratioHalf(int r, int c, bool alongRow) const {
        double h = halfUnit[idx(r, c)];
        return (alongRow ? intRow[r] : intCol[c]) ? std::max(h, 0.5) : h;
    }
    // The first non-empty cell of row r as text: the row's key for repeated blocks.
    std::string rowKey(int r) const;
};

// What a sum's parts' rounding may move it by, given the sum of their half
// units squared, for an aggregator of value v.
double sumSlack(double v, double sq);

// Whether `actual` equals `expected` within `tol` (plus a relative epsilon).
bool near(double actual, double expected, double tol);

// Tolerance of scale·A/B against a shown value with half-unit hv.
double ratioTolerance(double hv, double scale, double A, double B, double ha, double hb);

// Numbering (1, 2, 3 … down a column or across a row: row numbers, the
// column-number row of a form) is a label, not data: it becomes text.
void numberingToText(Grid& g);

// Detectors: each appends patterns in the grid's own orientation (vertical =
// the aggregator and its inputs share a column of the grid).
void detectLineAggregates(const Grid& g, std::vector<Pattern>& out);   // sums, averages (nested, blocks)
void detectRatios(const Grid& g, std::vector<Pattern>& out);           // a/b, 100·a/b, relative change
void detectHeaderFormulas(const Grid& g, std::vector<Pattern>& out);   // "4 (=5+6+7)" in header rows

// Evaluates a pattern on every line where its cells are numeric and fills
// holds/fails; returns false when it applies nowhere.
bool evaluatePattern(const Grid& g, Pattern& p);
bool patternHoldsAt(const Grid& g, const Pattern& p, int line);
// Failing lines of a sum that hold within the wider rounding of totals of 10
// or more (sumSlack): rounding to the detectors, which accept the relation
// on them, but still findings (near misses) in the draft.
size_t roundingOnly(const Grid& g, const Pattern& p);
std::vector<int> roundingOnlyLines(const Grid& g, const Pattern& p);
// Lines where the pattern holds with a non-zero aggregator: 0 = 0 + 0 says
// nothing (a list of 0/1 flags "adds up" in most rows).
size_t telling(const Grid& g, const Pattern& p);
// Distinct figures (the aggregator and its inputs, aggregator non-zero) among
// the lines where the pattern holds, counted up to `enough`: 30 = 15 + 15 in
// every row of capped marks, or a pack of 4 = 3 + 1 on every line of a price
// list, is one coincidence repeated. (100 % = shares that differ is not.)
size_t distinctHolding(const Grid& g, const Pattern& p, size_t enough);
// The aggregator's value and what the inputs give on a line; false where the pattern does not apply.
bool patternValues(const Grid& g, const Pattern& p, int line, double& actual, double& expected);

}  // namespace reportcheck::suggest
