// Bounds that hold in every statistics table of counts, drafted only where the
// workbook already satisfies them (a bound the data breaks is no "always"):
//   counts >= 0 over the block of figures the relations use;
//   a percentage (100·a/b with a part of b) <= 100;
//   an "of which" row ("Trong đó: nữ") <= the row it restates.
#include <algorithm>
#include <cmath>
#include <set>

#include "grid.h"
#include "sheet_writer.h"

namespace reportcheck::suggest {

namespace {

std::string ranges(const std::vector<int>& v, bool cols) {
    std::string o;
    for (size_t i = 0; i < v.size();) {
        size_t j = i;
        while (j + 1 < v.size() && v[j + 1] == v[j] + 1) ++j;
        auto name = [&](int x) { return cols ? columnName(x) : std::to_string(x + 1); };
        o += (o.empty() ? "" : ", ") + name(v[i]) + (i == j ? "" : ":" + name(v[j]));
        i = j + 1;
    }
    return o;
}

bool isOfWhich(const std::string& label) {
    static const char* words[] = {"trong đó", "Trong đó", "TRONG ĐÓ", "of which", "Of which", "including", "Including"};
    size_t b = label.find_first_not_of(" \t*-");
    if (b == std::string::npos) return false;
    for (const char* w : words)
        if (label.compare(b, std::char_traits<char>::length(w), w) == 0) return true;
    return false;
}

}  // namespace

std::string boundRules(const Sheet& sh, const SheetSuggestions& ss, const SheetWriter& w, int sheetNo) {
    std::string o;
    std::string pre = "S" + std::to_string(sheetNo) + ".";
    // The block of figures the relations use: their rows and columns.
    std::set<int> rows, cols;
    for (const Pattern& p : ss.patterns) {
        std::vector<int> lines = p.holds;
        lines.insert(lines.end(), p.fails.begin(), p.fails.end());
        for (int l : lines) {
            auto [r, c] = p.cell(l);
            rows.insert(r);
            cols.insert(c);
            for (auto [ir, ic] : p.inputs(l)) { rows.insert(ir); cols.insert(ic); }
        }
    }
    // Counts >= 0: every cell of the block a number (or blank), none negative,
    // all whole — a block of measurements or balances may go below zero.
    std::vector<int> R, C;
    for (int r : rows) {
        bool ok = true;
        for (int c : cols) {
            const Cell& x = sh.at(r, c);
            if (x.kind == Cell::Kind::Text || x.kind == Cell::Kind::Error) ok = false;
        }
        if (ok) R.push_back(r);
    }
    size_t figures = 0;
    bool counts = !R.empty();
    for (int c : cols) {
        for (int r : R) {
            const Cell& x = sh.at(r, c);
            if (x.kind != Cell::Kind::Number) continue;
            ++figures;
            if (!(x.number >= 0) || x.number != std::floor(x.number)) counts = false;
        }
        C.push_back(c);
    }
    if (counts && figures >= 6) {
        o += "\n# Số đếm không âm / counts are never negative: " + std::to_string(figures) + " ô, tất cả >= 0 / cells, all >= 0\n";
        o += "check " + pre + "non-negative error: ô >= 0\n";
        o += "  for rows " + w.rowsSel(R) + "\n";
        o += "  for cols " + ranges(C, true) + "\n";
        o += "  vi \"Số đếm không thể âm: ô ghi {actual}\"\n";
        o += "  en \"A count cannot be negative: the cell has {actual}\"\n";
    }
    // Percentages of a part of their base: <= 100.
    for (const Pattern& p : ss.patterns) {
        if (p.kind != RelationKind::Division || p.scale != 100 || p.vertical || p.holds.size() < 3) continue;
        bool part = true;
        for (int l : p.holds) {
            auto in = p.inputs(l);
            auto [r, c] = p.cell(l);
            const Cell &a = sh.at(in[0].first, in[0].second), &b = sh.at(in[1].first, in[1].second), &t = sh.at(r, c);
            if (a.kind != Cell::Kind::Number || b.kind != Cell::Kind::Number || t.kind != Cell::Kind::Number) continue;
            if (a.number < 0 || a.number > b.number || t.number > 100) part = false;
        }
        if (!part) continue;
        std::vector<int> lines = p.holds;
        lines.insert(lines.end(), p.fails.begin(), p.fails.end());
        std::sort(lines.begin(), lines.end());
        o += "\n# Tỷ lệ phần trăm của một phần: không quá 100 / a part's percentage is at most 100\n";
        o += "check " + pre + "pct-max-" + columnName(p.target) + " error: " + columnName(p.target) + " <= 100\n";
        o += "  for rows " + w.rowsSel(lines) + "\n";
        o += "  vi \"Tỷ lệ phần trăm không thể vượt 100: ô ghi {actual}\"\n";
        o += "  en \"A percentage cannot exceed 100: the cell has {actual}\"\n";
    }
    // "Of which" rows and the row they restate.
    if (ss.labelCol >= 0) {
        for (int r = 1; r < sh.rows(); ++r) {
            const Cell& l = sh.at(r, ss.labelCol);
            if (l.kind != Cell::Kind::Text || !isOfWhich(l.text)) continue;
            int parent = r - 1;
            while (parent >= 0 && isOfWhich(sh.at(parent, ss.labelCol).kind == Cell::Kind::Text ? sh.at(parent, ss.labelCol).text : ""))
                --parent;
            if (parent < 0) continue;
            std::string child = w.uniqueLabel(r), whole = w.uniqueLabel(parent);
            if (child.empty() || whole.empty()) continue;
            std::vector<int> cs;
            bool ok = true;
            for (int c = 0; c < sh.cols(); ++c) {
                const Cell &a = sh.at(r, c), &b = sh.at(parent, c);
                if (a.kind != Cell::Kind::Number || b.kind != Cell::Kind::Number) continue;
                if (a.number > b.number) ok = false;
                cs.push_back(c);
            }
            if (!ok || cs.size() < 2) continue;
            o += "\n# Dòng \"trong đó\" không vượt dòng nó thuộc về / an \"of which\" row is at most its whole\n";
            o += "check " + pre + "of-which-r" + std::to_string(r + 1) + " error: @\"" + child + "\" <= @\"" + whole + "\"\n";
            o += "  for cols " + ranges(cs, true) + "\n";
            o += "  vi \"«" + child + "» ({actual}) không thể lớn hơn «" + whole + "» ({expected})\"\n";
            o += "  en \"«" + child + "» ({actual}) cannot exceed «" + whole + "» ({expected})\"\n";
        }
    }
    return o;
}

}  // namespace reportcheck::suggest
