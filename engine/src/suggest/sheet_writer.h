// Row labels of a sheet as a draft rules file writes them: @"label",
// @"label"[n] or the row number, chosen so that every reference finds exactly
// the row meant (the draft must compile and survive inserted rows).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "../text_util.h"
#include "reportcheck/suggest.h"
#include "reportcheck/workbook.h"

namespace reportcheck::suggest {

class SheetWriter {
public:
    SheetWriter(const Sheet& s, int labelCol) : s_(s), labelCol_(labelCol) {
        if (labelCol_ < 0) return;
        std::map<std::string, int> seen;
        for (int r = 0; r < s.rows(); ++r) {
            const Cell& c = s.at(r, labelCol_);
            if (c.kind != Cell::Kind::Text) continue;
            std::string l = normalizeLabel(c.text);
            if (!usable(l)) continue;
            label_[r] = {l, ++seen[l]};
        }
        count_ = seen;
        for (int r = 0; r < s.rows(); ++r)
            for (int c = 0; c < s.width(r); ++c)
                if (s.at(r, c).kind == Cell::Kind::Text) ++texts_[normalizeLabel(s.at(r, c).text)];
    }

    // A column by its header, #"header", when the nearest text above row
    // `below` in that column is a header no other cell of the sheet repeats
    // (the engine finds headers anywhere in the sheet, left to right); else "".
    std::string colHeader(int c, int below) const {
        for (int r = below - 1; r >= 0; --r) {
            const Cell& x = s_.at(r, c);
            if (x.kind == Cell::Kind::Number) return "";
            if (x.kind != Cell::Kind::Text) continue;
            std::string h = normalizeLabel(x.text);
            if (!usable(h) || h.find('#') != std::string::npos) return "";
            auto it = texts_.find(h);
            if (it == texts_.end() || it->second != 1) return "";
            return "#\"" + h + "\"";
        }
        return "";
    }

    // @"label", @"label"[n], or "" when the row has no usable label.
    std::string rowRef(int r) const {
        auto it = label_.find(r);
        if (it == label_.end()) return "";
        return "@\"" + it->second.first + "\"" + (it->second.second > 1 ? "[" + std::to_string(it->second.second) + "]" : "");
    }
    // A node of a total: "label", @"label"[n] or the row number.
    // Labels of a total's parts are searched relative to their parent, so only
    // a label that occurs once in the sheet is sure to find its row.
    std::string node(int r) const {
        auto it = label_.find(r);
        if (it == label_.end() || count_.at(it->second.first) != 1) return std::to_string(r + 1);
        return "\"" + it->second.first + "\"";
    }
    // A row in `for rows`: a label that is the first of its kind, else the number.
    std::string rowSel(int r) const {
        auto it = label_.find(r);
        if (it == label_.end() || it->second.second != 1) return std::to_string(r + 1);
        return "\"" + it->second.first + "\"";
    }
    std::string rowsSel(const std::vector<int>& rows) const {
        std::string o;
        for (size_t i = 0; i < rows.size();) {
            size_t j = i;
            while (j + 1 < rows.size() && rows[j + 1] == rows[j] + 1) ++j;
            std::string a = rowSel(rows[i]), b = rowSel(rows[j]);
            bool labels = a[0] == '"' && b[0] == '"';
            o += (o.empty() ? "" : ", ") +
                 (i == j ? a : labels ? a + " to " + b : std::to_string(rows[i] + 1) + ":" + std::to_string(rows[j] + 1));
            i = j + 1;
        }
        return o;
    }
    // The row's label when it names that row alone in the sheet, else "".
    std::string uniqueLabel(int r) const {
        auto it = label_.find(r);
        return it == label_.end() || count_.at(it->second.first) != 1 ? "" : it->second.first;
    }
    std::string labelText(int r) const {
        auto it = label_.find(r);
        return it == label_.end() ? "dòng / row " + std::to_string(r + 1) : "\"" + it->second.first + "\"";
    }

private:
    static bool usable(const std::string& l) {
        if (l.empty() || l.size() > 200 || l.back() == '*') return false;
        for (char ch : l)
            if (ch == '"' || ch == '\\' || static_cast<unsigned char>(ch) < 0x20) return false;
        return true;
    }
    const Sheet& s_;
    int labelCol_;
    std::map<int, std::pair<std::string, int>> label_;  // row -> (label, occurrence)
    std::map<std::string, int> count_;                  // label -> rows with it
    std::map<std::string, int> texts_;                  // every text of the sheet -> cells with it
};

// Bounds that always hold in such tables (counts >= 0, percentages <= 100, an
// "of which" row <= the row it restates) as checks, for one sheet section.
std::string boundRules(const Sheet& sh, const SheetSuggestions& ss, const SheetWriter& w, int sheetNo);

// Cross-sheet identities: the same row label with the same figure on two
// sheets, as checks; one section at the end of the draft.
std::string identityRules(const Workbook& wb, const std::vector<SheetSuggestions>& sheets);

}  // namespace reportcheck::suggest
