// The detectors over a workbook: each sheet as it is and transposed, so that
// every detector sees both column-wise and row-wise relations.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "grid.h"
#include "reportcheck/suggest.h"

namespace reportcheck {

namespace {

// Sheets larger than this are cut: a statistics table is never this big, and
// the detectors stay within a time budget on sheets that are data dumps.
constexpr int kMaxRows = 4000, kMaxCols = 256;

int labelColumn(const suggest::Grid& g) {
    int best = -1, bestCount = 1;
    for (int c = 0; c < std::min(g.cols, 4); ++c) {
        int n = 0;
        for (int r = 0; r < g.rows; ++r) {
            if (g.k(r, c) != suggest::kText) continue;
            for (int d = c + 1; d < g.cols; ++d)
                if (g.num(r, d)) { ++n; break; }
        }
        if (n > bestCount) { best = c; bestCount = n; }
    }
    return best;
}

// Inputs as the JSON writes them: numeric cells only, consecutive cells of a
// column or row joined into a range.
std::vector<std::string> inputNames(const suggest::Grid& g, const Pattern& p, int line) {
    std::vector<std::string> out;
    auto in = p.inputs(line);
    if (p.kind == RelationKind::Division || p.kind == RelationKind::RelativeChange) {
        for (auto [r, c] : in) out.push_back(cellName(r, c));
        return out;
    }
    std::vector<std::pair<int, int>> cells;
    for (auto [r, c] : in)
        if (g.num(r, c)) cells.push_back({r, c});
    std::sort(cells.begin(), cells.end(), [&](auto x, auto y) {
        return p.vertical ? x.first < y.first : x.second < y.second;
    });
    for (size_t i = 0; i < cells.size();) {
        size_t j = i;
        auto step = [&](size_t k) {
            return p.vertical ? cells[k + 1].first == cells[k].first + 1 : cells[k + 1].second == cells[k].second + 1;
        };
        while (j + 1 < cells.size() && step(j)) ++j;
        std::string a = cellName(cells[i].first, cells[i].second);
        out.push_back(j == i ? a : a + ":" + cellName(cells[j].first, cells[j].second));
        i = j + 1;
    }
    return out;
}

// A total's formula copied over a line with no data yet (a month not yet
// filled in, the spare rows at the foot of a list) shows 0 over blank parts:
// 0 = SUM of blanks holds there and is the same relation, so the JSON lists
// it, with the blank input cells as written (the draft's rule covers those
// lines anyway). Only a 0 over inputs that are all blank — not text (a
// placeholder "NA" over blanks is no figure), not an error.
void zeroLines(const suggest::Grid& g, const Pattern& p, std::vector<Relation>& out) {
    if (p.kind != RelationKind::Sum || p.holds.empty()) return;
    int lines = p.vertical ? g.cols : g.rows;
    std::set<int> known(p.holds.begin(), p.holds.end());
    known.insert(p.fails.begin(), p.fails.end());
    for (int line = 0; line < lines; ++line) {
        if (known.count(line)) continue;
        auto [r, c] = p.cell(line);
        if (r >= g.rows || c >= g.cols || !g.num(r, c) || g.v(r, c) != 0) continue;
        auto in = p.inputs(line);
        bool blank = !in.empty();
        for (auto [ir, ic] : in)
            blank = blank && ir >= 0 && ic >= 0 && ir < g.rows && ic < g.cols && g.k(ir, ic) == suggest::kEmpty;
        if (!blank) continue;
        Relation rel;
        rel.kind = p.kind;
        rel.row = r;
        rel.col = c;
        std::sort(in.begin(), in.end());
        for (auto [ir, ic] : in) rel.inputs.push_back(cellName(ir, ic));
        out.push_back(std::move(rel));
    }
}

}  // namespace

std::string cutShortNote(const SheetSuggestions& s) {
    if (s.cutShort.empty()) return {};
    std::string n = std::to_string(s.work);
    if (s.cutShort == "maxMilliseconds")
        return "trang \"" + s.sheet + "\": dừng tìm quan hệ vì quá thời gian cho phép (maxMilliseconds), chỉ có các quan hệ tìm được đến lúc đó / sheet \"" +
               s.sheet + "\": the search for relations stopped, out of time (maxMilliseconds); only the relations found until then";
    return "trang \"" + s.sheet + "\": dừng tìm quan hệ sau " + n + " đơn vị công việc (giới hạn maxWork), chỉ có các quan hệ tìm được đến lúc đó / sheet \"" +
           s.sheet + "\": the search for relations stopped after " + n + " units of work (limit maxWork); only the relations found until then";
}

std::vector<SheetSuggestions> suggestRelations(const Workbook& wb, const SuggestOptions& opt) {
    std::vector<SheetSuggestions> result;
    // The clock runs for the whole workbook: sheets past it are skipped, each with its note.
    const auto deadline = opt.maxMilliseconds >= 365ull * 24 * 3600 * 1000
                              ? std::chrono::steady_clock::time_point::max()
                              : std::chrono::steady_clock::now() + std::chrono::milliseconds(opt.maxMilliseconds);
    for (const Sheet& s : wb.sheets) {
        SheetSuggestions ss;
        ss.sheet = s.name();
        suggest::Grid g = suggest::Grid::fromSheet(s, kMaxRows, kMaxCols);
        if (g.rows == 0 || g.cols == 0) { result.push_back(std::move(ss)); continue; }
        // One budget for the sheet, both orientations: reading the grid counts.
        suggest::Budget budget;
        budget.limit = opt.maxWork;
        budget.deadline = deadline;
        g.budget = &budget;
        g.spend(2 * static_cast<std::uint64_t>(g.rows) * g.cols);
        suggest::numberingToText(g);
        ss.labelCol = labelColumn(g);
        std::vector<Pattern> found;
        suggest::detectHeaderFormulas(g, found);
        size_t stated = found.size();
        suggest::detectLineAggregates(g, found);
        suggest::detectRatios(g, found);
        suggest::Grid t = g.transpose();
        t.budget = &budget;
        size_t fromTransposed = found.size();
        if (t.spend(static_cast<std::uint64_t>(t.rows) * t.cols)) {
            suggest::detectLineAggregates(t, found);
            suggest::detectRatios(t, found);
        }
        ss.work = budget.used;
        if (budget.hit) ss.cutShort = budget.hit;
        for (size_t i = fromTransposed; i < found.size(); ++i) found[i].vertical = !found[i].vertical;
        // A column formula printed in the header wins over what the numbers suggest for that column.
        // So does a line's formula stated in its label ("Total (1)+(2)") for that line.
        std::set<int> statedCols, statedRows;
        for (size_t i = 0; i < stated; ++i) (found[i].vertical ? statedRows : statedCols).insert(found[i].target);
        // A pair of columns adding up is the weakest sum: dropped where a run of parts explains the column.
        std::set<int> summedCols;
        std::map<int, size_t> summedHolds;
        for (const auto& p : found)
            if (!p.vertical && (p.kind == RelationKind::Sum || p.kind == RelationKind::Average) &&
                p.evidence != "pair of columns") {
                summedCols.insert(p.target);
                summedHolds[p.target] = std::max(summedHolds[p.target], p.holds.size());
            }
        std::set<std::tuple<int, bool, int, std::vector<int>, std::vector<int>>> seen;
        for (size_t i = 0; i < found.size(); ++i) {
            Pattern& p = found[i];
            if (i >= stated && p.kind == RelationKind::Sum && (p.vertical ? statedRows : statedCols).count(p.target)) continue;
            // … unless it is a second breakdown of the same total: it holds on
            // (nearly) every line where the run does and fails on none (a
            // total by sex beside the total by age group, both exact).
            if (!p.vertical && p.evidence == "pair of columns" && summedCols.count(p.target) &&
                !(p.kind == RelationKind::Sum && p.fails.empty() && p.holds.size() * 5 >= summedHolds[p.target] * 4))
                continue;
            if (!seen.insert({static_cast<int>(p.kind), p.vertical, p.target, p.parts, p.partLine}).second) continue;
            for (int pass = 0; pass < 2; ++pass)
                for (int line : pass == 0 ? p.holds : p.fails) {
                    Relation rel;
                    rel.kind = p.kind;
                    std::tie(rel.row, rel.col) = p.cell(line);
                    // The pattern's cells in sheet orientation: swap back for the grid lookup.
                    rel.inputs = inputNames(g, p, line);
                    rel.holds = pass == 0;
                    ss.relations.push_back(std::move(rel));
                }
            zeroLines(g, p, ss.relations);
            ss.patterns.push_back(std::move(p));
        }
        result.push_back(std::move(ss));
    }
    return result;
}

namespace {
std::string jsonString(const std::string& s) {
    std::string o = "\"";
    for (unsigned char ch : s) {
        if (ch == '"' || ch == '\\') { o += '\\'; o += static_cast<char>(ch); }
        else if (ch < 0x20) { char b[8]; std::snprintf(b, sizeof b, "\\u%04x", ch); o += b; }
        else o += static_cast<char>(ch);
    }
    return o + "\"";
}
}  // namespace

std::string suggestionsJson(const std::vector<FileSuggestions>& files) {
    std::string o = "{\"format\": \"reportcheck-suggestions\", \"version\": 1, \"files\": [";
    for (size_t f = 0; f < files.size(); ++f) {
        const auto& fs = files[f];
        o += f ? ",\n  " : "\n  ";
        o += "{\"path\": " + jsonString(fs.path);
        if (!fs.error.empty()) o += ", \"error\": " + jsonString(fs.error);
        o += ", \"relations\": [";
        bool first = true;
        for (const auto& ss : fs.sheets)
            for (const auto& r : ss.relations) {
                o += first ? "\n    " : ",\n    ";
                first = false;
                o += "{\"sheet\": " + jsonString(ss.sheet) + ", \"kind\": \"" + relationKindName(r.kind) +
                     "\", \"cell\": \"" + cellName(r.row, r.col) + "\", \"inputs\": [";
                for (size_t i = 0; i < r.inputs.size(); ++i) o += (i ? ", \"" : "\"") + r.inputs[i] + "\"";
                o += "]}";
            }
        o += first ? "]" : "\n  ]";
        // Sheets whose search was cut short (SuggestOptions): said, not hidden.
        std::string notes;
        for (const auto& ss : fs.sheets)
            if (!ss.cutShort.empty())
                notes += (notes.empty() ? "" : ", ") + std::string("{\"sheet\": ") + jsonString(ss.sheet) +
                         ", \"limit\": \"" + ss.cutShort + "\", \"work\": " + std::to_string(ss.work) +
                         ", \"note\": " + jsonString(cutShortNote(ss)) + "}";
        if (!notes.empty()) o += ", \"notes\": [" + notes + "]";
        o += "}";
    }
    return o + "\n]}\n";
}

}  // namespace reportcheck
