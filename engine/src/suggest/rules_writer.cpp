// The draft rules file: one section per sheet, one rule per pattern, written
// with the table's row labels where they identify a row (so the draft survives
// inserted rows), its evidence as comments. It must compile: every label is
// written only when it finds exactly the row meant, else the row number.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "../text_util.h"
#include "grid.h"
#include "sheet_writer.h"
#include "reportcheck/rules.h"
#include "reportcheck/suggest.h"

namespace reportcheck {

namespace {

std::string colsSel(const std::vector<int>& cols) {
    std::string o;
    for (size_t i = 0; i < cols.size();) {
        size_t j = i;
        while (j + 1 < cols.size() && cols[j + 1] == cols[j] + 1) ++j;
        o += (o.empty() ? "" : ", ") + columnName(cols[i]) + (i == j ? "" : ":" + columnName(cols[j]));
        i = j + 1;
    }
    return o;
}

// "C + D + F", with runs of three or more as sum(C:E).
template <class Name, class Range>
std::string sumOf(const std::vector<int>& parts, Name name, Range range) {
    std::vector<int> p = parts;
    std::sort(p.begin(), p.end());
    std::string o;
    for (size_t i = 0; i < p.size();) {
        size_t j = i;
        while (j + 1 < p.size() && p[j + 1] == p[j] + 1) ++j;
        std::string term;
        if (j - i >= 2) term = "sum(" + range(p[i], p[j]) + ")";
        else {
            term = name(p[i]);
            if (j > i) term += " + " + name(p[j]);
        }
        o += (o.empty() ? "" : " + ") + term;
        i = j + 1;
    }
    return o;
}

// Plain decimal notation (the rules language has no exponents: 1e-05 would not compile).
std::string number(double v) {
    char b[64];
    std::snprintf(b, sizeof b, "%.12f", v);
    std::string s = b;
    if (s.find('.') != std::string::npos) {
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.') s.pop_back();
    }
    return s == "0" || s == "-0" ? "0.000000000001" : s;
}

}  // namespace

std::string suggestionsRules(const Workbook& wb, const FileSuggestions& fs) {
    using suggest::SheetWriter;
    std::string o;
    o += "# Bản nháp quy tắc do `reportcheck suggest` đề xuất từ " + fs.path + ".\n";
    o += "# Draft rules suggested by `reportcheck suggest` from " + fs.path + ".\n";
    o += "# Hãy xem lại từng quy tắc: bằng chứng ghi ở chú thích (đúng ở bao nhiêu ô, sai ở ô nào —\n";
    o += "# các ô sai sẽ thành phát hiện khi kiểm tra). Review each rule: its evidence is in the comments\n";
    o += "# (where it holds, where it does not — those cells become findings when the draft is run).\n";
    for (const auto& ss : fs.sheets)
        if (!ss.cutShort.empty()) {
            std::string note = cutShortNote(ss);
            for (char& ch : note)
                if (ch == '\n' || ch == '\r') ch = ' ';
            o += "# " + note + ".\n";
        }
    int sheetNo = 0;
    for (const auto& ss : fs.sheets) {
        ++sheetNo;
        if (ss.patterns.empty()) continue;
        const Sheet* sh = wb.sheet(ss.sheet);
        if (!sh) continue;
        if (ss.sheet.find('"') != std::string::npos || ss.sheet.find('\n') != std::string::npos) {
            o += "\n# Trang / sheet " + std::to_string(sheetNo) + ": tên có dấu nháy, bỏ qua / name has a quote, skipped\n";
            continue;
        }
        SheetWriter w(*sh, ss.labelCol);
        suggest::Grid grid = suggest::Grid::fromSheet(*sh, sh->rows(), sh->cols());
        o += "\n# ── " + ss.sheet + " ──\n";
        o += "sheet \"" + ss.sheet + "\"\n";
        if (ss.labelCol >= 0) o += "labels " + columnName(ss.labelCol) + "\n";
        std::set<std::string> ids;
        for (const Pattern& p : ss.patterns) {
            const char* kind = relationKindName(p.kind);
            std::string id = "S" + std::to_string(sheetNo) + "." + kind + "-" +
                             (p.vertical ? "r" + std::to_string(p.target + 1) : columnName(p.target));
            for (int n = 2; !ids.insert(id).second; ++n) id += "-" + std::to_string(n);
            std::vector<int> lines = p.holds;
            lines.insert(lines.end(), p.fails.begin(), p.fails.end());
            std::sort(lines.begin(), lines.end());
            // Evidence.
            size_t total = p.holds.size() + p.fails.size();
            o += "\n# " + std::string(kind) + " (" + p.evidence + "): " +
                 (p.vertical ? w.labelText(p.target) : "cột / column " + columnName(p.target)) + "\n";
            o += "# đúng ở / holds in " + std::to_string(p.holds.size()) + "/" + std::to_string(total) +
                 (p.vertical ? " cột / columns" : " dòng / rows");
            if (!p.fails.empty()) {
                o += "; sai ở / fails at:";
                for (size_t i = 0; i < p.fails.size() && i < 12; ++i) {
                    auto [r, c] = p.cell(p.fails[i]);
                    o += " " + cellName(r, c);
                }
                if (p.fails.size() > 12) o += " …";
            }
            o += "\n";
            // A relation that holds in two thirds of its cells or more is an error
            // when broken; one with more exceptions may be a coincidence: a warning.
            bool strong = (p.holds.size() >= 2 * p.fails.size() && p.holds.size() >= 3) ||
                          (p.stated && p.holds.size() >= 2);
            // Failures that are all near misses (within 1 % of the cell) look like
            // figures taken from another source or rounded elsewhere, and they
            // carry on into every total above them: worth a look, not an error.
            if (strong && !p.fails.empty()) {
                bool allNear = true;
                for (int l : p.fails) {
                    double a = 0, e = 0;
                    if (suggest::patternValues(grid, p, l, a, e) && std::fabs(a - e) > 0.01 * std::fabs(a)) allNear = false;
                }
                if (allNear) strong = false;
            }
            std::string attrs = strong ? " error" : " warning";
            // The engine compares at the aggregator's shown decimals; where the
            // relation holds only through the inputs' rounding, `tol` allows what
            // was observed in the cells where it holds, no more.
            int dec = -1;
            double tol = 0;
            std::set<int> shown;  // decimals the aggregator cells show
            for (int l : lines) shown.insert(sh->at(p.cell(l).first, p.cell(l).second).decimals);
            for (int l : p.holds) {
                auto [r, c] = p.cell(l);
                int d = sh->at(r, c).decimals;
                dec = std::max(dec, d);
                double a = 0, e = 0;
                if (!suggest::patternValues(grid, p, l, a, e)) continue;
                if (d >= 0) { a = roundHalfAway(a, d); e = roundHalfAway(e, d); }
                tol = std::max(tol, std::fabs(a - e));
            }
            // Cells showing different decimals (97 beside 98,1) are each compared
            // at their own format: the engine's default when `decimals` is left out.
            if (dec >= 0 && (shown.size() == 1 || shown.count(-1))) attrs += " decimals " + std::to_string(dec);
            if (tol > 1e-9) attrs += " tol " + number(tol * (1 + 1e-9) + 1e-12);
            auto colRange = [](int a, int b) { return columnName(a) + ":" + columnName(b); };
            std::string scale = p.scale == 100 ? "100 * " : "";
            if (!p.vertical) {
                // The aggregator is a column: one check iterated over the rows.
                // Columns by their headers where every one has a header of its
                // own (the draft then survives inserted columns), else by letter.
                int top = lines.empty() ? 0 : lines.front();
                bool headed = !w.colHeader(p.target, top).empty();
                for (size_t i = 0; i < p.parts.size(); ++i)
                    headed = headed && ((p.partLine.size() > i && p.partLine[i] >= 0) || !w.colHeader(p.parts[i], top).empty());
                auto col = [&](int c) { return headed ? w.colHeader(c, top) : columnName(c); };
                auto colTerms = [&](int a, int b) {
                    if (!headed) return colRange(a, b);
                    std::string t;
                    for (int c = a; c <= b; ++c) t += (t.empty() ? "" : ", ") + col(c);
                    return t;
                };
                auto sumCols = [&](const std::vector<int>& parts) {
                    return sumOf(parts, col, [&](int a, int b) { return colTerms(a, b); });
                };
                auto fixed = [&](size_t i) {
                    int c = p.parts[i];
                    return p.partLine.size() > i && p.partLine[i] >= 0 ? cellName(p.partLine[i], c) : col(c);
                };
                std::string rhs;
                switch (p.kind) {
                case RelationKind::Sum: rhs = sumCols(p.parts); break;
                case RelationKind::Average:
                    rhs = "(" + sumCols(p.parts) + ") / " + std::to_string(p.parts.size());
                    break;
                case RelationKind::Division: rhs = scale + fixed(0) + " / " + fixed(1); break;
                case RelationKind::RelativeChange:
                    rhs = scale + "(" + fixed(1) + " - " + fixed(0) + ") / " + fixed(0);
                    break;
                }
                o += "check " + id + attrs + ": " + col(p.target) + " = " + rhs + "\n";
                o += "  for rows " + w.rowsSel(lines) + "\n";
                continue;
            }
            // The aggregator is a row, iterated over the columns.
            std::vector<int> rowsUsed = p.parts;
            rowsUsed.push_back(p.target);
            bool labelled = true;
            for (int r : rowsUsed) labelled = labelled && !w.rowRef(r).empty();
            if (p.kind == RelationKind::Sum) {
                // A row the table calls a total is one across the whole width of the table.
                std::vector<int> span = lines;
                if (p.stated && !lines.empty()) {
                    span.clear();
                    for (int c = lines.front(); c <= lines.back(); ++c) span.push_back(c);
                }
                // One stretch of columns whose end columns have headers of their
                // own: by header, so the total survives inserted columns too.
                std::string colsText = colsSel(span);
                if (!span.empty() && span.back() - span.front() + 1 == static_cast<int>(span.size())) {
                    int top = *std::min_element(rowsUsed.begin(), rowsUsed.end());
                    std::string a = w.colHeader(span.front(), top), b = w.colHeader(span.back(), top);
                    if (!a.empty() && !b.empty()) colsText = span.size() == 1 ? a : a + ":" + b;
                }
                o += "total " + id + attrs + ": cols " + colsText + "\n";
                o += "  " + w.node(p.target) + "\n";
                std::vector<int> parts = p.parts;
                std::sort(parts.begin(), parts.end());
                for (int r : parts) o += "    " + w.node(r) + "\n";
                continue;
            }
            auto rowName = [&](int r) { return w.rowRef(r); };
            auto rowRange = [&](int a, int b) { return w.rowRef(a) + ":" + w.rowRef(b); };
            if (labelled) {
                std::string rhs;
                auto fixed = [&](size_t i) {
                    int r = p.parts[i];
                    return p.partLine.size() > i && p.partLine[i] >= 0 ? w.rowRef(r) + "." + columnName(p.partLine[i])
                                                                       : w.rowRef(r);
                };
                switch (p.kind) {
                case RelationKind::Average:
                    rhs = "(" + sumOf(p.parts, rowName, rowRange) + ") / " + std::to_string(p.parts.size());
                    break;
                case RelationKind::Division: rhs = scale + fixed(0) + " / " + fixed(1); break;
                case RelationKind::RelativeChange: rhs = scale + "(" + fixed(1) + " - " + fixed(0) + ") / " + fixed(0); break;
                default: break;
                }
                o += "check " + id + attrs + ": " + w.rowRef(p.target) + " = " + rhs + "\n";
                o += "  for cols " + colsSel(lines) + "\n";
                continue;
            }
            // Rows without labels: one check per column, by address.
            for (int l : lines) {
                auto in = p.inputs(l);
                auto [tr, tc] = p.cell(l);
                std::string rhs;
                if (p.kind == RelationKind::Average) {
                    std::vector<int> rows = p.parts;
                    rhs = "(" + sumOf(rows, [&](int r) { return cellName(r, l); },
                                      [&](int a, int b) { return cellName(a, l) + ":" + cellName(b, l); }) +
                          ") / " + std::to_string(rows.size());
                } else if (p.kind == RelationKind::Division) {
                    rhs = scale + cellName(in[0].first, in[0].second) + " / " + cellName(in[1].first, in[1].second);
                } else {
                    std::string a = cellName(in[0].first, in[0].second), b = cellName(in[1].first, in[1].second);
                    rhs = scale + "(" + b + " - " + a + ") / " + a;
                }
                o += "check " + id + "-" + columnName(l) + attrs + ": " + cellName(tr, tc) + " = " + rhs + "\n";
            }
        }
        o += suggest::boundRules(*sh, ss, w, sheetNo);
    }
    o += suggest::identityRules(wb, fs.sheets);
    return o;
}

}  // namespace reportcheck
