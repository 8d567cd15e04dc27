// Column formulas printed in a header row: "4 (=5+6+7)", "3=4+6+8". The table
// states the relation itself, so it is taken even where the numbers disagree.
#include <algorithm>
#include <map>
#include <regex>

#include "grid.h"

namespace reportcheck::suggest {

void detectHeaderFormulas(const Grid& g, std::vector<Pattern>& out) {
    static const std::regex formula(R"(^\s*(\d+)\s*\(?\s*=\s*(\d+(?:\s*\+\s*\d+)+)\s*\)?\s*$)");
    static const std::regex leading(R"(^\s*(\d+)\b)");
    for (int r = 0; r < g.rows; ++r) {
        std::vector<std::pair<int, std::smatch>> found;
        std::map<std::string, int> column;  // the row's column numbers
        for (int c = 0; c < g.cols; ++c) {
            std::string key;
            if (g.num(r, c) && g.v(r, c) == static_cast<long long>(g.v(r, c)))
                key = std::to_string(static_cast<long long>(g.v(r, c)));
            else if (g.k(r, c) == kText) {
                std::smatch m;
                if (std::regex_search(g.text[g.idx(r, c)], m, leading)) key = m[1];
            }
            if (!key.empty()) column.emplace(key, c);
        }
        for (int c = 0; c < g.cols; ++c) {
            if (g.k(r, c) != kText) continue;
            std::smatch m;
            const std::string& t = g.text[g.idx(r, c)];
            if (!std::regex_match(t, m, formula)) continue;
            Pattern p;
            p.kind = RelationKind::Sum;
            p.vertical = false;
            p.target = c;
            p.evidence = "header formula \"" + t + "\"";
            p.stated = true;
            std::string list = m[2];
            static const std::regex num(R"(\d+)");
            bool ok = true;
            for (auto it = std::sregex_iterator(list.begin(), list.end(), num); it != std::sregex_iterator(); ++it) {
                auto col = column.find(it->str());
                if (col == column.end() || col->second == c) { ok = false; break; }
                p.parts.push_back(col->second);
            }
            if (!ok || p.parts.empty()) continue;
            p.partLine.assign(p.parts.size(), -1);
            evaluatePattern(g, p);
            // Only the rows below the header row are the table's.
            auto below = [r](std::vector<int>& v) { v.erase(std::remove_if(v.begin(), v.end(), [r](int l) { return l <= r; }), v.end()); };
            below(p.holds);
            below(p.fails);
            if (!p.holds.empty() || !p.fails.empty()) out.push_back(std::move(p));
        }
    }
}

}  // namespace reportcheck::suggest
