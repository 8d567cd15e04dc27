// Sums and averages whose inputs share the aggregator's column (run on the
// transposed grid for row-wise totals). Five passes, each a vote of the
// columns of the table for one relation per aggregator row, so that a total
// that is wrong in a few columns is still recognised by the others:
//   1. a contiguous run of rows above or below (totals below or above their parts);
//   2. the same with detected sub-totals standing for their parts (nested totals,
//      non-adjacent parts); repeated until nothing new is found;
//   3. repeated blocks: the rows with the same label in the blocks above or below;
//   4. runs set apart from the aggregator by one or two other lines (a total
//      beside an attendance mark, an average beside the total of its parts);
//   5. a line headed "avg X" as the mean of the lines headed X.
#include <algorithm>
#include <cmath>
#include <cctype>
#include <cstring>
#include <map>
#include <set>

#include "grid.h"

namespace reportcheck::suggest {

namespace {

constexpr int kMaxWalk = 400;  // cells walked from an aggregator: a total sums a block, not a book

struct Vote {
    std::set<int> cols;   // columns where the relation holds with a non-zero aggregator
    std::set<int> exact;  // of those, where it holds to the last digit (rounding explains nothing)
    bool complete = false;  // the run reaches the edge of its block (text, blank or the sheet's edge)
};

using Key = std::pair<int, std::vector<int>>;  // (kind, input rows)

struct State {
    const Grid& g;
    std::vector<bool> ofWhich;     // per row: a "trong đó / of which" row
    std::vector<int> parent;       // per row: the line it details ("Widowed: Female" of "Widowed"), -1
    std::vector<bool> isParent;    // per row: some line details it
    std::vector<bool> repeatedHeader;  // per row: text only, the same texts in the same columns as a row above
    std::vector<bool> labelled;        // per row: some text before its first figure
    std::vector<bool> nonNegative;     // per column: no negative figure
    std::vector<double> maxHalfSq;     // per column: the largest half unit squared
    std::vector<std::set<int>> sumAggRows;  // per column: rows whose cell there aggregates an accepted sum
    std::vector<int> aggPattern;   // per cell: the accepted sum whose aggregator it is, -1
    std::vector<int> partPattern;  // per cell: an accepted sum it is a part of, -1
    std::vector<Pattern>& out;
    size_t first;                  // out[first..] are this grid's patterns
    std::set<int> aggRows;         // rows already given a relation
    bool second = false;           // deciding a second relation at a line already explained
    int replace = -1;              // out[replace]: an explained line's relation a better one may replace
    std::set<int> dropped;         // relations replaced by a better one
};

double tolSum(const Grid& g, int r, int c, double sq) { return g.sumHalf(r, c) + sumSlack(g.v(r, c), sq); }


// Whether line x details (directly or through its own parent) one of `lines`.
bool detailOf(const State& st, int x, const std::vector<int>& lines) {
    for (int p = st.parent[x], depth = 0; p >= 0 && depth < 8; p = st.parent[p], ++depth)
        if (std::find(lines.begin(), lines.end(), p) != lines.end()) return true;
    return false;
}

// Lines that detail another line, from their labels (the last text before
// the first figure): "Widowed: Female" after "Widowed", "Different house:
// Same county" after "Different house" (the label extends an earlier one
// past a colon), and "...With a disability" after "Population 21 to 64
// years" (leading dots, one level per run of dots deeper than the line
// above). A total's parts are lines of one level: the details are inside
// their line, and counting both counts them twice.
void markDetails(const Grid& g, State& st) {
    constexpr int kLookBack = 64;
    st.parent.assign(g.rows, -1);
    st.isParent.assign(g.rows, false);
    std::vector<std::string> label(g.rows);
    std::vector<size_t> dots(g.rows, 0);
    for (int r = 0; r < g.rows; ++r) {
        for (int c = 0; c < g.cols && !g.num(r, c); ++c)
            if (g.k(r, c) == kText) label[r] = g.text[g.idx(r, c)];
        // Dots then a word: "..." alone, or before a space or a footnote
        // ("... 1)"), is the sign for a figure not available.
        size_t b = label[r].find_first_not_of(' ');
        size_t e = b == std::string::npos ? std::string::npos : label[r].find_first_not_of('.', b);
        if (e != std::string::npos && e > b) {
            unsigned char ch = static_cast<unsigned char>(label[r][e]);
            if (std::isalpha(ch) || ch >= 0xC3) dots[r] = e - b;  // a letter (0xC2 leads a no-break space or a sign)
        }
    }
    for (int r = 0; r < g.rows; ++r) {
        const std::string& L = label[r];
        if (L.empty()) continue;
        for (int j = r - 1; j >= 0 && j >= r - kLookBack && st.parent[r] < 0; --j) {
            const std::string& P = label[j];
            if (P.empty() || !g.spend(1)) continue;
            if (L.size() > P.size() + 1 && L.compare(0, P.size(), P) == 0) {
                size_t k = L.find_first_not_of(' ', P.size());
                if (k != std::string::npos && L[k] == ':') st.parent[r] = j;
            }
            if (st.parent[r] < 0 && dots[r] > 0 && dots[j] < dots[r]) st.parent[r] = j;
        }
        if (st.parent[r] >= 0) st.isParent[st.parent[r]] = true;
    }
}

bool isTotalLabel(const std::string& label);

// The line's label (its text cells before the first figure) names a total.
bool isTotalLine(const Grid& g, int r) {
    for (int c = 0; c < g.cols && !g.num(r, c); ++c)
        if (g.k(r, c) == kText && isTotalLabel(g.text[g.idx(r, c)])) return true;
    return false;
}

bool decideOne(State& st, int r, std::map<Key, Vote>& votes, const Key* best, int nonzero, const char* how);

// Picks, for one aggregator row, the relation most columns agree on, checks it
// on every column and keeps it when it holds in most of them.
void decide(State& st, int r, std::map<Key, Vote>& votes, const char* how) {
    const Grid& g = st.g;
    // The search for a wider stretch compares every vote with the best one.
    if (!g.spend(static_cast<std::uint64_t>(votes.size()) * 2 + g.cols)) return;
    int nonzero = 0;
    for (int c = 0; c < g.cols; ++c)
        if (g.num(r, c) && g.v(r, c) != 0) ++nonzero;
    // Candidates in order: most columns, a sum before an average, more parts.
    // When the first is not accepted (an "average" of a few percentages that
    // the row does not hold in most columns), the best of the other kind is tried.
    std::vector<const Key*> order;
    for (auto& kv : votes) order.push_back(&kv.first);
    std::stable_sort(order.begin(), order.end(), [&](const Key* a, const Key* b) {
        size_t na = votes.at(*a).cols.size(), nb = votes.at(*b).cols.size();
        if (na != nb) return na > nb;
        if (a->first != b->first) return a->first < b->first;
        return a->second.size() > b->second.size();
    });
    int firstKind = order.empty() ? -1 : order.front()->first;
    for (const Key* k : order) {
        if (k != order.front() && k->first == firstKind) continue;  // one try per kind
        if (decideOne(st, r, votes, k, nonzero, how)) return;
        if (k != order.front()) return;
    }
}

bool decideOne(State& st, int r, std::map<Key, Vote>& votes, const Key* best, int nonzero, const char* how) {
    const Grid& g = st.g;
    const Vote* bv = &votes.at(*best);
    // A longer stretch voted by other columns whose extra rows are blank in
    // every column that voted for this one agrees with them all: a figure
    // present in one column only (a "Tiến sĩ" count in one column) is still a part.
    if (best->first == static_cast<int>(RelationKind::Sum)) {
        const Key* wider = best;
        for (auto& [k, v] : votes) {
            if (k.first != best->first || k.second.size() <= wider->second.size()) continue;
            if (!std::includes(k.second.begin(), k.second.end(), best->second.begin(), best->second.end())) continue;
            bool blankThere = true;
            for (int x : k.second) {
                if (std::binary_search(best->second.begin(), best->second.end(), x)) continue;
                for (int c : bv->cols) blankThere = blankThere && !g.num(x, c);
            }
            if (blankThere) wider = &k;
        }
        if (wider != best) {
            Vote merged = *bv;
            const Vote& w = votes[*wider];
            merged.cols.insert(w.cols.begin(), w.cols.end());
            merged.exact.insert(w.exact.begin(), w.exact.end());
            merged.complete = merged.complete || w.complete;
            votes[*wider] = merged;
            best = wider;
            bv = &votes[*wider];
        }
    }
    size_t support = bv->cols.size();
    // A second relation at a total already explained must hold to the last
    // digit in every column where the line shows a figure other than 0.
    if (st.second && (bv->exact.size() != support || static_cast<int>(support) < std::max(2, nonzero))) return false;
    // The average of two small numbers is met by chance at the shown precision.
    if (best->first == static_cast<int>(RelationKind::Average) && best->second.size() < 3 && bv->exact.size() < 2) return false;
    // A mean of two lines is written after both (ratios.cpp, pair of columns).
    if (best->first == static_cast<int>(RelationKind::Average) && best->second.size() == 2 && r < best->second.back()) return false;

    // One column alone is weak evidence (two numbers add up by chance): only a
    // whole block in a table with a single numeric column counts.
    // Rounded values agree within a tolerance by chance far more often than
    // exact ones: approximate agreement must come from a good share of the row.
    bool enough = support >= 2 && (bv->exact.size() >= 2 || support * 10 >= 4 * static_cast<size_t>(nonzero));
    if (!enough) {
        // A table with a single numeric column: a total of a whole block, larger
        // than each of its parts (0/1 flags and small counts add up by chance).
        // Two parts add up by chance, unless the line says it is their total
        // ("Subtotal" under two lines) and they add up to the last digit.
        bool namedPair = best->second.size() == 2 && best->first == static_cast<int>(RelationKind::Sum) &&
                         !bv->exact.empty() && isTotalLine(g, r);
        if (!(support == 1 && nonzero <= 2 && bv->complete && (best->second.size() >= 3 || namedPair))) return false;
        int c = *bv->cols.begin();
        double v = std::fabs(g.v(r, c));
        if (v <= 1) return false;
        for (int pr : best->second)
            if (g.num(pr, c) && std::fabs(g.v(pr, c)) >= v) return false;
    }
    // Sibling totals do not share parts: parts that all already add up to
    // another total (the group above) are that total's, not this one's — a
    // nested total is found through its sub-totals instead.
    if (best->first == static_cast<int>(RelationKind::Sum)) {
        int c = *bv->cols.begin();
        int other = -2;
        for (int pr : best->second) {
            int a = g.num(pr, c) && g.v(pr, c) != 0 ? st.partPattern[g.idx(pr, c)] : -2;
            if (a == -2) continue;
            if (a < 0 || (other != -2 && a != other)) { other = -1; break; }
            other = a;
        }
        if (other >= 0) return false;
    }
    Pattern p;
    p.kind = static_cast<RelationKind>(best->first);
    p.vertical = true;
    p.target = r;
    p.parts = best->second;
    p.evidence = how;
    if (!g.spend(static_cast<std::uint64_t>(g.cols) * p.parts.size())) return false;
    if (!evaluatePattern(g, p)) return false;
    // Failing columns are judged at the end, once it is known which columns add up at all.
    if ((p.holds.size() + roundingOnly(g, p)) * 2 < support) return false;
    // An average must hold on twice as many lines as it fails (the end's test, done now).
    if (p.kind == RelationKind::Average && telling(g, p) < 2 * p.fails.size()) return false;
    // A line already explained by a relation that fails in some of its
    // columns (every third line adding up in the head-count columns only)
    // takes the one that holds in more columns and fails in fewer.
    if (st.replace >= 0) {
        const Pattern& old = st.out[st.replace];
        if (p.kind != old.kind || p.holds.size() <= old.holds.size() || !p.fails.empty() ||
            !std::includes(p.holds.begin(), p.holds.end(), old.holds.begin(), old.holds.end()) ||
            std::includes(old.parts.begin(), old.parts.end(), p.parts.begin(), p.parts.end()))
            return false;
        st.dropped.insert(st.replace);
    }
    int idx = static_cast<int>(st.out.size());
    // Lines failing only by the rounding of totals (census counts rounded to
    // 5) are the same total there: a sub-total the nested passes may use.
    std::vector<int> marked = p.holds;
    for (int l : roundingOnlyLines(g, p)) marked.push_back(l);
    for (int l : marked) st.aggPattern[g.idx(r, l)] = idx;
    if (p.kind == RelationKind::Sum)
        for (int l : marked) st.sumAggRows[l].insert(r);
    if (p.kind == RelationKind::Sum)
        for (int l : marked)
            for (int pr : p.parts)
                if (st.partPattern[g.idx(pr, l)] < 0) st.partPattern[g.idx(pr, l)] = idx;
    st.aggRows.insert(r);
    st.out.push_back(std::move(p));
    return true;
}

void addVote(std::map<Key, Vote>& votes, int kind, std::vector<int> rows, int c, bool complete, bool exact) {
    std::sort(rows.begin(), rows.end());
    Vote& v = votes[{kind, std::move(rows)}];
    v.cols.insert(c);
    if (exact) v.exact.insert(c);
    v.complete = v.complete || complete;
}

// The label of a line (its text cells before the first number) starts with
// one of `words`.
bool labelStartsWith(const Grid& g, int r, const char* const* words, size_t n) {
    for (int c = 0; c < g.cols && !g.num(r, c); ++c) {
        if (g.k(r, c) != kText) continue;
        const std::string& t = g.text[g.idx(r, c)];
        size_t b = t.find_first_not_of(" \t");
        if (b == std::string::npos) continue;
        for (size_t i = 0; i < n; ++i)
            if (t.compare(b, std::strlen(words[i]), words[i]) == 0) return true;
    }
    return false;
}

bool isAverageLine(const Grid& g, int r) {
    static const char* const words[] = {"Average", "AVERAGE", "average", "Avg", "AVG", "avg", "Mean", "MEAN", "mean",
                                        "Trung bình", "TRUNG BÌNH", "trung bình", "Bình quân", "BÌNH QUÂN", "bình quân"};
    return labelStartsWith(g, r, words, sizeof words / sizeof *words);
}

// Pass 1: contiguous runs. Blank cells inside a run are walked over (they are
// 0 and often stand for "-"); text ends it.
void contiguous(State& st, int r, bool apart) {
    const Grid& g = st.g;
    if (g.spent()) return;
    std::map<Key, Vote> votes;
    bool averageLine = isAverageLine(g, r);
    std::uint64_t work = 0;  // cells walked, charged per column
    for (int c = 0; c < g.cols; ++c) {
        if (!g.spend(work)) return;
        work = 0;
        if (!g.num(r, c) || g.v(r, c) == 0) continue;
        double v = g.v(r, c);
        // Strides 2 and 3, each from every phase: interleaved tables (a count,
        // its percentage, the next count …; a value with its margin of error).
        // Stride 1 also from the second and third line: a total set apart from
        // its parts by one or two derived lines (an attendance mark, a
        // sub-total) between them ("Total = C:F" beside G).
        // Those run last (pass 4, `apart`), on lines nothing else explained:
        // skipping a sub-total would otherwise pass for its parts.
        static const int walks[][2] = {{1, 1}, {2, 1}, {2, 2}, {3, 1}, {3, 2}, {3, 3}};  // stride, first offset
        static const int apartWalks[][2] = {{1, 2}, {1, 3}};
        size_t nWalks = apart ? 2 : 6;
        for (size_t w = 0; w < nWalks; ++w)
            for (int dir : {-1, 1}) {
                const int* walk = apart ? apartWalks[w] : walks[w];
                int stride = walk[0];
                int first = walk[1];
                // A row of headers repeated right next to the aggregator (the block's
                // column titles printed again above its "AVERAGE" row) stands between
                // it and its parts: the run starts past it.
                if (stride == 1 && first == 1 && r + dir >= 0 && r + dir < g.rows && st.repeatedHeader[r + dir]) first = 2;
                else if (stride == 1 && first > 1) {
                    // Lines skipped must be figures (text or a blank ends the run anyway),
                    // and not the run's own start moved by a repeated header.
                    bool figures = true;
                    for (int x = 1; x < first; ++x) {
                        int y = r + dir * x;
                        figures = figures && y >= 0 && y < g.rows && g.num(y, c) && !st.repeatedHeader[y];
                    }
                    if (!figures) continue;
                }
                // A skipped figure that adds up the first parts of the run is their
                // sub-total: a total past it is sub-total + rest, which the nested
                // pass reads. (An average past the total of its parts — "Total |
                // Average" side by side — is the common layout, and stays.)
                bool subtotalSkipped = false;
                // Averages are looked for on stride 1 at an edge of the column only (below).
                bool sumOnly = stride > 1 || !(averageLine || g.transposed || r - dir < 0 || r - dir >= g.rows ||
                                               !g.num(r - dir, c));
                double s = 0, sq = 0, sqS = 0;  // sqS: the parts' rounding for a sum (sumHalf)
                bool constant = true;  // an average of equal values says nothing
                int nonzero = 0;       // a "sum" of one non-zero number is a copy
                std::vector<int> rows;
                bool gap = false;  // a blank cell since the last non-zero part
                for (int i = r + dir * first, walked = 0; i >= 0 && i < g.rows && walked < kMaxWalk;
                     i += dir * stride, ++walked) {
                    ++work;
                    uint8_t k = g.k(i, c);
                    if (k == kText || k == kError) break;
                    if (k != kNumber) { gap = true; continue; }
                    if (st.ofWhich[i]) continue;
                    // A detail of a line already among the parts is inside that line.
                    if (st.parent[i] >= 0 && detailOf(st, i, rows)) continue;
                    // Zeros past a blank (the 0 row of a date header, another
                    // block's empty line) add nothing: the run of parts ended at the blank.
                    bool zeroPastGap = gap && g.v(i, c) == 0;
                    if (g.v(i, c) != 0) gap = false;
                    s += g.v(i, c);
                    sq += g.half(i, c) * g.half(i, c);
                    sqS += g.sumHalf(i, c) * g.sumHalf(i, c);
                    constant = constant && g.v(i, c) == v;
                    nonzero += g.v(i, c) != 0;
                    // Walking up, details come before the line they detail: they leave
                    // the run when it arrives.
                    if (st.isParent[i]) {
                        std::vector<int> inside;
                        for (int x : rows)
                            if (st.parent[x] >= 0 && detailOf(st, x, std::vector<int>{i})) inside.push_back(x);
                        for (int x : inside) {
                            s -= g.v(x, c);
                            sq -= g.half(x, c) * g.half(x, c);
                            sqS -= g.sumHalf(x, c) * g.sumHalf(x, c);
                            nonzero -= g.v(x, c) != 0;
                            rows.erase(std::find(rows.begin(), rows.end(), x));
                        }
                        sq = std::max(0.0, sq);
                        sqS = std::max(0.0, sqS);
                    }
                    rows.push_back(i);
                    // In a column without negative figures the sum only grows: once it
                    // is past the aggregator by more than any tolerance the rest of the
                    // walk could give, no sum is ahead, and where no average is looked
                    // for the walk ends (a long list of figures would cost rows² per column).
                    if (sumOnly && st.nonNegative[c] &&
                        s - v > g.sumHalf(r, c) + std::sqrt(sqS + (kMaxWalk - walked) * st.maxHalfSq[c]) +
                                    1e-6 * std::max(1.0, std::fabs(s)))
                        break;
                    if (first > 1 && rows.size() >= 2)
                        for (int x = 1; x < first; ++x) {
                            int y = r + dir * x;
                            subtotalSkipped = subtotalSkipped || near(g.v(y, c), s, tolSum(g, y, c, sqS));
                        }
                    if (rows.size() < 2 || nonzero < 2 || zeroPastGap) continue;
                    // A run does not end on an unlabelled 0 (the row of zeros under a
                    // date header): it adds nothing and names no part.
                    if (g.v(i, c) == 0 && !st.labelled[i]) continue;
                    // Parts set apart from their total: two figures adding up past
                    // other figures is too often chance (0/1 flags, small counts).
                    if (apart && nonzero < 3) continue;
                    int j = i + dir * stride;
                    while (j >= 0 && j < g.rows && g.k(j, c) == kEmpty) j += dir * stride;
                    // A block ends at text, at the sheet's edge or at the total of the
                    // group before it (sub-totals one under another), known or named so
                    // (totals above their parts: the next group's is read later).
                    bool complete = j < 0 || j >= g.rows || !g.num(j, c) || st.aggPattern[g.idx(j, c)] >= 0 || isTotalLine(g, j);
                    // Strided parts and parts set apart skip cells, so they must add up to the last digit.
                    // A sum's parts are the whole stretch of rows from the first to
                    // the last figure, blanks inside included: columns with blanks in
                    // different rows then vote for the same stretch (a blank is 0).
                    if (!subtotalSkipped && near(v, s, stride == 1 && !apart ? tolSum(g, r, c, sqS) : 0)) {
                        std::vector<int> span;
                        work += rows.size();
                        for (int x = r + dir * first; x != i + dir * stride; x += dir * stride)
                            if (!st.ofWhich[x] && !(st.parent[x] >= 0 && detailOf(st, x, rows))) span.push_back(x);
                        addVote(votes, static_cast<int>(RelationKind::Sum), std::move(span), c, complete, near(v, s, 0));
                    }
                    if (stride > 1) continue;
                    double n = static_cast<double>(rows.size());
                    // An average shown without decimals matches only exactly: counts
                    // rounded to an integer "average" each other by chance.
                    // An average row closes its block: a value inside a list down a
                    // column (the list goes on past it) that equals the mean of the
                    // values before it is one more record of the list, unless its label
                    // says "average". Across a row the columns after an average are
                    // other fields (a rank, a grade), so this holds down columns only.
                    bool edge = averageLine || g.transposed || r - dir < 0 || r - dir >= g.rows ||
                                !g.num(r - dir, c);
                    if (edge && !constant && (g.decimals[g.idx(r, c)] > 0 || near(v, s / n, 0)) &&
                        near(v, s / n, g.half(r, c) + std::sqrt(sq) / n))
                        addVote(votes, static_cast<int>(RelationKind::Average), rows, c, complete, near(v, s / n, 0));
                }
            }
    }
    if (!g.spend(work)) return;
    decide(st, r, votes, apart ? "set apart" : "adjacent");
}

// Pass 2: walk as in pass 1, but a detected sub-total stands for its parts.
void nested(State& st, int r) {
    const Grid& g = st.g;
    if (g.spent()) return;
    std::map<Key, Vote> votes;
    std::uint64_t work = 0;
    for (int c = 0; c < g.cols; ++c) {
        if (!g.spend(work)) return;
        work = 0;
        if (!g.num(r, c) || g.v(r, c) == 0) continue;
        double v = g.v(r, c);
        const std::set<int>& aggs = st.sumAggRows[c];
        for (int dir : {-1, 1}) {
            // The nearest sub-total past row x within the walk's reach, or -1: a
            // vote needs one, and the sum only falls when one takes its parts back.
            auto subTotalAhead = [&](int x) {
                int y = -1;
                if (dir > 0) {
                    auto it = aggs.upper_bound(x);
                    if (it != aggs.end()) y = *it;
                } else {
                    auto it = aggs.lower_bound(x);
                    if (it != aggs.begin()) y = *std::prev(it);
                }
                return y >= 0 && std::abs(y - r) <= kMaxWalk ? y : -1;
            };
            if (subTotalAhead(r) < 0) continue;
            std::set<int> items;
            std::set<int> skip;
            double s = 0;
            // Kept as items come and go, so that a step costs O(log n), not a
            // pass over every item (rows² per column on a long list). sqRun
            // only screens: the tolerance is computed afresh where it may pass.
            double sqRun = 0;
            int nz = 0;
            bool sawTotal = false;
            for (int i = r + dir, walked = 0; i >= 0 && i < g.rows && walked < kMaxWalk; i += dir, ++walked) {
                ++work;
                uint8_t k = g.k(i, c);
                if (k == kText || k == kError) break;
                if (k != kNumber || skip.count(i) || st.ofWhich[i]) continue;
                int a = st.aggPattern[g.idx(i, c)];
                if (a >= 0 && st.out[a].kind == RelationKind::Sum) {
                    // Its parts: those already taken leave, those still ahead are skipped.
                    work += st.out[a].parts.size();
                    for (int pr : st.out[a].parts) {
                        if (items.erase(pr)) {
                            s -= g.v(pr, c);
                            sqRun -= g.sumHalf(pr, c) * g.sumHalf(pr, c);
                            nz -= g.v(pr, c) != 0;
                        }
                        skip.insert(pr);
                    }
                    sawTotal = true;
                } else if (st.aggPattern[g.idx(i, c)] >= 0) {
                    continue;  // an average is no part of a sum
                }
                items.insert(i);
                s += g.v(i, c);
                sqRun += g.sumHalf(i, c) * g.sumHalf(i, c);
                nz += g.v(i, c) != 0;
                // Figures never negative, past the total by more than any tolerance
                // ahead, no sub-total ahead to take parts back: nothing more adds up.
                if (st.nonNegative[c] &&
                    s - v > g.sumHalf(r, c) +
                                std::sqrt(std::max(0.0, sqRun) * 1.01 + 1e-12 + (kMaxWalk - walked) * st.maxHalfSq[c]) +
                                1e-6 * std::max(1.0, std::fabs(s)) &&
                    subTotalAhead(i) < 0)
                    break;
                if (!sawTotal || items.size() < 2) continue;
                if (nz < 2) continue;
                // Far from the total by more than twice any tolerance the items may give: no vote.
                if (std::fabs(v - s) > 2 * tolSum(g, r, c, std::max(0.0, sqRun) * 1.01 + 1e-12) +
                                           1e-6 * std::max(1.0, std::fabs(s)))
                    continue;
                work += 2 * items.size();
                double sq = 0;
                for (int it : items) sq += g.sumHalf(it, c) * g.sumHalf(it, c);
                if (near(v, s, tolSum(g, r, c, sq)))
                    addVote(votes, static_cast<int>(RelationKind::Sum), std::vector<int>(items.begin(), items.end()), c, true,
                            near(v, s, 0));
            }
        }
    }
    if (!g.spend(work)) return;
    decide(st, r, votes, "sub-totals");
}

// Pass 2b: a grand total of the sub-totals alone. Blocks that each close
// with a sub-total often carry other lines between them (a head count under
// each "Subtotal", a blank, the next block's title): the total below adds
// the sub-totals only. Walks over the rows detected as sums in the column,
// a sub-total taking back the parts it covers (nested levels), and votes for
// the set of sub-totals that adds up, as the other passes do.
void totalOfSubTotals(State& st, int r, size_t minItems = 3) {
    const Grid& g = st.g;
    if (g.spent()) return;
    std::map<Key, Vote> votes;
    std::uint64_t work = 0;
    for (int c = 0; c < g.cols; ++c) {
        if (!g.spend(work)) return;
        work = 0;
        if (!g.num(r, c) || g.v(r, c) == 0) continue;
        const std::set<int>& aggs = st.sumAggRows[c];
        if (aggs.size() < 2) continue;
        double v = g.v(r, c);
        for (int dir : {-1, 1}) {
            std::set<int> items;
            double s = 0;
            int nz = 0;
            auto it = aggs.lower_bound(r);
            for (int n = 0; n < kMaxWalk; ++n) {
                int y;
                if (dir < 0) {
                    if (it == aggs.begin()) break;
                    y = *--it;
                } else {
                    if (it != aggs.end() && *it == r) ++it;
                    if (it == aggs.end()) break;
                    y = *it++;
                }
                if (std::abs(y - r) > kMaxWalk) break;
                // Text in the column between two sub-totals is another table's header.
                int a = st.aggPattern[g.idx(y, c)];
                if (a < 0 || st.out[a].kind != RelationKind::Sum || !g.num(y, c)) continue;
                ++work;
                work += st.out[a].parts.size();
                for (int pr : st.out[a].parts)
                    if (items.erase(pr)) { s -= g.v(pr, c); nz -= g.v(pr, c) != 0; }
                items.insert(y);
                s += g.v(y, c);
                nz += g.v(y, c) != 0;
                // Two figures adding up to a third happen by chance in a long
                // column; three blocks' sub-totals adding up exactly do not.
                if (items.size() < minItems || nz < static_cast<int>(minItems)) continue;
                // A second relation: none of the line's own parts, nor a total that holds them.
                if (st.second) {
                    bool own = false;
                    for (size_t i = st.first; i < st.out.size() && !own; ++i) {
                        const Pattern& q = st.out[i];
                        if (q.target != r || q.kind != RelationKind::Sum) continue;
                        for (int y2 : items)
                            own = own || std::find(q.parts.begin(), q.parts.end(), y2) != q.parts.end() ||
                                  (y2 > std::min(q.parts.front(), r) && y2 < std::max(q.parts.back(), r));
                    }
                    if (own) continue;
                }
                if (!near(v, s, 0)) continue;
                addVote(votes, static_cast<int>(RelationKind::Sum), std::vector<int>(items.begin(), items.end()), c, true, true);
            }
        }
    }
    if (!g.spend(work)) return;
    decide(st, r, votes, "sub-totals alone");
}

// Pass 3: the rows labelled like this one in the other blocks of the sheet.
void repeatedBlocks(State& st, int r, const std::vector<std::string>& keys) {
    const Grid& g = st.g;
    if (keys[r].empty() || g.spent()) return;
    std::map<Key, Vote> votes;
    for (int dir : {-1, 1}) {
        if (!g.spend(static_cast<std::uint64_t>(g.rows))) return;
        std::vector<int> rows;
        for (int i = r + dir; i >= 0 && i < g.rows; i += dir)
            if (keys[i] == keys[r]) rows.push_back(i);
        if (rows.size() < 2) continue;
        if (!g.spend(static_cast<std::uint64_t>(rows.size()) * g.cols)) return;
        for (int c = 0; c < g.cols; ++c) {
            if (!g.num(r, c) || g.v(r, c) == 0) continue;
            double s = 0, sq = 0;
            int n = 0;
            for (int i : rows)
                if (g.num(i, c) && g.v(i, c) != 0) { s += g.v(i, c); sq += g.sumHalf(i, c) * g.sumHalf(i, c); ++n; }
            if (n >= 2 && near(g.v(r, c), s, tolSum(g, r, c, sq)))
                addVote(votes, static_cast<int>(RelationKind::Sum), rows, c, false, near(g.v(r, c), s, 0));
        }
    }
    decide(st, r, votes, "repeated blocks");
}

// ASCII letters lowered, spaces and punctuation at both ends trimmed: header
// texts compared as a reader would ("Attendance " = "attendance").
std::string foldKey(const std::string& t) {
    std::string o;
    for (char ch : t) o += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
    size_t b = o.find_first_not_of(" \t:.-()");
    size_t e = o.find_last_not_of(" \t:.-()");
    return b == std::string::npos ? std::string() : o.substr(b, e - b + 1);
}

// Pass 5: a line headed "avg X" / "X average" / "Trung bình X" is the mean of
// the lines headed X (the same measure in each session or period block, not
// next to each other): "avg attendance" = mean of every "attendance" column.
// `budget` bounds the cells this pass reads over the whole grid: a crafted
// sheet of thousands of "avg x" rows over thousands of "x" rows would
// otherwise cost rows² × columns.
void averageOfNamesakes(State& st, int r, const std::vector<std::string>& folded, size_t& budget) {
    const Grid& g = st.g;
    static const char* const words[] = {"average", "avg", "mean", "trung bình", "bình quân"};
    const std::string& key = folded[r];
    std::string rest;
    for (const char* w : words) {
        size_t n = std::strlen(w), at = key.find(w);
        if (at == std::string::npos) continue;
        // A whole word: bounded by the text's ends or a space / punctuation.
        auto bound = [&](size_t i) { return i >= key.size() || std::strchr(" \t:.-()/", key[i]) != nullptr; };
        if (!(at == 0 || bound(at - 1)) || !bound(at + n)) continue;
        rest = foldKey(key.substr(0, at) + " " + key.substr(at + n));
        break;
    }
    if (rest.empty()) return;
    if (budget < static_cast<size_t>(g.rows)) { budget = 0; return; }
    if (!g.spend(static_cast<std::uint64_t>(g.rows))) return;
    budget -= g.rows;
    std::vector<int> rows;
    for (int i = 0; i < g.rows; ++i)
        if (i != r && folded[i] == rest) rows.push_back(i);
    if (rows.size() < 2) return;
    size_t cost = rows.size() * static_cast<size_t>(g.cols);
    if (budget < cost) { budget = 0; return; }
    if (!g.spend(cost)) return;
    budget -= cost;
    std::map<Key, Vote> votes;
    for (int c = 0; c < g.cols; ++c) {
        if (!g.num(r, c) || g.v(r, c) == 0) continue;
        double s = 0, sq = 0;
        int n = 0;
        for (int i : rows)
            if (g.num(i, c)) { s += g.v(i, c); sq += g.half(i, c) * g.half(i, c); ++n; }
        if (n < 2) continue;
        double v = g.v(r, c);
        // As in pass 1: an average shown without decimals counts only when exact.
        if ((g.decimals[g.idx(r, c)] > 0 || near(v, s / n, 0)) && near(v, s / n, g.half(r, c) + std::sqrt(sq) / n))
            addVote(votes, static_cast<int>(RelationKind::Average), rows, c, false, near(v, s / n, 0));
    }
    decide(st, r, votes, "average of the lines headed like it");
}

// "trong đó / of which" rows restate a subset of the row above: never a part.
bool startsWithAny(const std::string& label, const std::vector<std::string>& words) {
    size_t b = label.find_first_not_of(" \t*-");
    if (b == std::string::npos) return false;
    for (const auto& w : words)
        if (label.compare(b, w.size(), w) == 0) return true;
    return false;
}

// The words tables use for a total row or column, at the start of its label.
bool isTotalLabel(const std::string& label) {
    static const char* words[] = {"Tổng", "TỔNG", "tổng", "Cộng", "CỘNG", "cộng", "Total", "TOTAL", "total",
                                  "Grand total", "Sum", "SUM", "All ", "ALL ", "Subtotal", "SubTotal", "SUBTOTAL",
                                  "Sub-total", "Sub-Total", "SUB-TOTAL", "Sub total", "Sub Total", "SUB TOTAL"};
    size_t b = label.find_first_not_of(" \t");
    if (b == std::string::npos) return false;
    for (const char* w : words)
        if (label.compare(b, std::strlen(w), w) == 0) return true;
    return false;
}

// Rows of text only (two texts or more, no figure) whose texts all stand in
// the same columns of a row above: the column titles printed again at the top
// (or bottom) of each block, perhaps without the row labels' titles. Candidates
// come from an index of (column, text), at most a few per row, so the work
// stays linear in the sheet.
void markRepeatedHeaders(const Grid& g, std::vector<bool>& out) {
    constexpr size_t kCandidates = 8;
    std::map<std::pair<int, std::string>, std::vector<int>> where;  // (column, text) -> rows, first ones only
    for (int r = 0; r < g.rows; ++r) {
        std::vector<int> texts;
        bool figures = false;
        for (int c = 0; c < g.cols && !figures; ++c) {
            if (g.k(r, c) == kNumber) figures = true;
            if (g.k(r, c) == kText) texts.push_back(c);
        }
        if (!figures && texts.size() >= 2) {
            auto it = where.find({texts[0], g.text[g.idx(r, texts[0])]});
            if (it != where.end())
                for (int e : it->second) {
                    bool same = true;
                    for (int c : texts) same = same && g.k(e, c) == kText && g.text[g.idx(e, c)] == g.text[g.idx(r, c)];
                    if (same) { out[r] = true; break; }
                }
        }
        for (int c : texts) {
            auto& v = where[{c, g.text[g.idx(r, c)]}];
            if (v.size() < kCandidates) v.push_back(r);
        }
    }
}

}  // namespace

void detectLineAggregates(const Grid& g, std::vector<Pattern>& out) {
    size_t n = static_cast<size_t>(g.rows) * g.cols;
    State st{g, std::vector<bool>(g.rows, false), {}, {}, std::vector<bool>(g.rows, false), {}, {}, {}, {}, std::vector<int>(n, -1),
             std::vector<int>(n, -1), out, out.size(), {}, false, -1, {}};
    st.nonNegative.assign(g.cols, true);
    st.maxHalfSq.assign(g.cols, 0.0);
    st.sumAggRows.assign(g.cols, {});
    for (int r = 0; r < g.rows; ++r)
        for (int c = 0; c < g.cols; ++c)
            if (g.num(r, c)) {
                st.nonNegative[c] = st.nonNegative[c] && g.v(r, c) >= 0;
                st.maxHalfSq[c] = std::max(st.maxHalfSq[c], g.sumHalf(r, c) * g.sumHalf(r, c));
            }
    markRepeatedHeaders(g, st.repeatedHeader);
    markDetails(g, st);
    st.labelled.assign(g.rows, false);
    for (int r = 0; r < g.rows; ++r)
        for (int c = 0; c < g.cols && !g.num(r, c) && !st.labelled[r]; ++c) st.labelled[r] = g.k(r, c) == kText;
    static const std::vector<std::string> ofWhich = {"trong đó", "Trong đó", "TRONG ĐÓ", "of which", "Of which",
                                                     "in which", "In which", "including", "Including", "thereof"};
    for (int r = 0; r < g.rows; ++r)
        for (int c = 0; c < g.cols && !g.num(r, c); ++c)
            if (g.k(r, c) == kText && startsWithAny(g.text[g.idx(r, c)], ofWhich)) st.ofWhich[r] = true;
    // "Trong đó: - Nữ" followed by "- Dân tộc thiểu số": the of-which list goes
    // on over the rows that carry the same bullet, up to the first row without it.
    auto bullet = [&](int r) -> char {
        for (int c = 0; c < g.cols && !g.num(r, c); ++c) {
            if (g.k(r, c) != kText) continue;
            const std::string& t = g.text[g.idx(r, c)];
            size_t b = t.find_first_not_of(" \t*");
            return b != std::string::npos && (t[b] == '-' || t[b] == '+') ? t[b] : 0;
        }
        return 0;
    };
    for (int r = 0; r + 1 < g.rows; ++r) {
        if (!st.ofWhich[r]) continue;
        std::string label;
        for (int c = 0; c < g.cols && !g.num(r, c) && label.empty(); ++c)
            if (g.k(r, c) == kText) label = g.text[g.idx(r, c)];
        size_t colon = label.find(':');
        size_t b = colon == std::string::npos ? std::string::npos : label.find_first_not_of(" \t", colon + 1);
        if (b == std::string::npos || (label[b] != '-' && label[b] != '+')) continue;
        for (int n = r + 1; n < g.rows && bullet(n) == label[b]; ++n) st.ofWhich[n] = true;
    }
    // Marks of patterns found before (header formulas) are not needed here:
    // this grid's passes only build on their own.
    for (int r = 0; r < g.rows; ++r) contiguous(st, r, false);
    for (int level = 0; level < 3; ++level) {
        size_t before = out.size();
        for (int r = 0; r < g.rows; ++r)
            if (!st.aggRows.count(r)) nested(st, r);
        if (out.size() == before) break;
    }
    // Lines explained by a relation failing in some columns: sub-totals may explain more.
    for (size_t i = st.first, n = out.size(); i < n; ++i) {
        const Pattern& q = out[i];
        size_t ro = roundingOnly(g, q);
        if (q.kind != RelationKind::Sum || q.fails.size() <= ro) continue;
        // Only a relation that would stand (a line named a total, or holding on twice as many lines as it fails).
        if (!(isTotalLine(g, q.target) && q.holds.size() >= 2) && telling(g, q) + ro < 2 * (q.fails.size() - ro)) continue;
        st.replace = static_cast<int>(i);
        nested(st, q.target);
        st.replace = -1;
    }
    // Pass 4: runs set apart by one or two lines, where nothing closer explained the line.
    for (int r = 0; r < g.rows; ++r)
        if (!st.aggRows.count(r)) contiguous(st, r, true);
    std::vector<std::string> keys(g.rows);
    for (int r = 0; r < g.rows; ++r) keys[r] = g.rowKey(r);

    for (int r = 0; r < g.rows; ++r)
        if (!st.aggRows.count(r)) repeatedBlocks(st, r, keys);
    // The same with the label nearest the figures (the last text before the
    // first number): under a two-level header ("Grades 1 to 4" over
    // "Number | % public") a total column sums the columns headed like it.
    for (int r = 0; r < g.rows; ++r) {
        keys[r].clear();
        for (int c = 0; c < g.cols && !g.num(r, c); ++c)
            if (g.k(r, c) == kText) keys[r] = g.text[g.idx(r, c)];
    }
    for (int r = 0; r < g.rows; ++r)
        if (!st.aggRows.count(r)) repeatedBlocks(st, r, keys);
    // Pass 2b, late: it only adds up rows other passes found to be sums.
    for (int r = 0; r < g.rows; ++r)
        if (!st.aggRows.count(r)) totalOfSubTotals(st, r);
    // A second relation at a total already explained: the sum of other
    // totals of the column (total assets = total liabilities + total equity),
    // exact in every column.
    {
        std::vector<int> explained;
        for (size_t i = st.first; i < out.size(); ++i)
            if (out[i].kind == RelationKind::Sum) explained.push_back(out[i].target);
        std::sort(explained.begin(), explained.end());
        explained.erase(std::unique(explained.begin(), explained.end()), explained.end());
        st.second = true;
        for (int r : explained) totalOfSubTotals(st, r, 2);
        st.second = false;
    }
    for (auto& k : keys) k = foldKey(k);
    size_t budget = 4'000'000;  // cells; far above any real table's need
    for (int r = 0; r < g.rows; ++r)
        if (!st.aggRows.count(r)) averageOfNamesakes(st, r, keys, budget);
    // A column where no sum holds anywhere (percentages, years, averages beside
    // counts) is not an exception to a row's total: the total does not apply
    // there. In the columns that do add up elsewhere, a failure is an exception,
    // and a relation with too many exceptions is dropped.
    // A row labelled as a total ("Tổng số", "Cộng", "Total") is one in every
    // column that shows the same kind of number (same decimals) as those where
    // it holds: there its failures are kept however many they are.
    std::vector<bool> additive(g.cols, false);
    for (size_t i = st.first; i < out.size(); ++i)
        if (out[i].kind == RelationKind::Sum && !st.dropped.count(static_cast<int>(i))) {
            for (int l : out[i].holds) additive[l] = true;
            for (int l : roundingOnlyLines(g, out[i])) additive[l] = true;
        }
    std::vector<Pattern> kept(out.begin(), out.begin() + static_cast<long>(st.first));
    for (size_t i = st.first; i < out.size(); ++i) {
        Pattern& p = out[i];
        if (st.dropped.count(static_cast<int>(i))) continue;
        const bool labelled = isTotalLine(g, p.target) && p.kind == RelationKind::Sum && p.holds.size() >= 2;
        if (labelled) {
            p.stated = true;
            p.evidence += ", labelled as a total";
            std::set<int> decs;
            for (int l : p.holds) decs.insert(g.decimals[g.idx(p.target, l)]);
            p.fails.erase(std::remove_if(p.fails.begin(), p.fails.end(),
                                         [&](int l) { return !decs.count(g.decimals[g.idx(p.target, l)]); }),
                          p.fails.end());
        } else if (p.kind == RelationKind::Sum) {
            p.fails.erase(std::remove_if(p.fails.begin(), p.fails.end(), [&](int l) { return !additive[l]; }), p.fails.end());
        }
        // Two lines or more where it holds, all with the same figures: one coincidence.
        if (!labelled && telling(g, p) >= 2 && distinctHolding(g, p, 2) < 2) continue;
        if (labelled || telling(g, p) + roundingOnly(g, p) >= 2 * (p.fails.size() - roundingOnly(g, p))) kept.push_back(std::move(p));
    }
    out = std::move(kept);
}

}  // namespace reportcheck::suggest
