// Column formulas printed in a header row: "4 (=5+6+7)", "3=4+6+8". The table
// states the relation itself, so it is taken even where the numbers disagree.
#include <algorithm>
#include <map>
#include <regex>

#include "grid.h"

namespace reportcheck::suggest {

namespace {
// A stated formula ("4 (=5+6+7)", "Total (1)+(2)") is a short text. Longer
// texts are not matched at all: libstdc++'s std::regex recurses once per
// character it steps over, and a 300,000-character cell of spaces overflowed
// the stack (a crash on a stranger's workbook, not a slow match).
constexpr size_t kMaxFormulaText = 256;
bool shortText(const std::string& t) { return t.size() <= kMaxFormulaText; }
}  // namespace

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
                const std::string& t = g.text[g.idx(r, c)];
                if (shortText(t) && std::regex_search(t, m, leading)) key = m[1];
            }
            if (!key.empty()) column.emplace(key, c);
        }
        for (int c = 0; c < g.cols; ++c) {
            if (g.k(r, c) != kText) continue;
            std::smatch m;
            const std::string& t = g.text[g.idx(r, c)];
            if (!shortText(t) || !std::regex_match(t, m, formula)) continue;
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
    // A line whose label states its formula with the marks of other lines'
    // labels: "Total (1)+(2)" under "EU countries (1)" and "Other countries
    // (2)" (each mark on exactly one other line). Taken where it holds on at
    // least as many columns as it fails.
    static const std::regex marks(R"(\(\s*(\d{1,3})\s*\)(?:\s*\+\s*\(\s*\d{1,3}\s*\))+)");
    static const std::regex mark(R"(\(\s*(\d{1,3})\s*\))");
    std::vector<std::string> label(g.rows);
    for (int r = 0; r < g.rows; ++r)
        for (int c = 0; c < g.cols && !g.num(r, c); ++c)
            if (g.k(r, c) == kText) label[r] += g.text[g.idx(r, c)] + " ";
    for (int r = 0; r < g.rows; ++r) {
        std::smatch m;
        if (label[r].empty() || !shortText(label[r]) || !std::regex_search(label[r], m, marks)) continue;
        if (!g.spend(static_cast<std::uint64_t>(g.rows) * 4)) return;
        std::string list = m[0];
        Pattern p;
        p.kind = RelationKind::Sum;
        p.vertical = true;
        p.target = r;
        p.evidence = "label formula \"" + list + "\"";
        p.stated = true;
        bool ok = true;
        for (auto it = std::sregex_iterator(list.begin(), list.end(), mark); it != std::sregex_iterator() && ok; ++it) {
            int at = -1, n = 0;
            for (int x = 0; x < g.rows; ++x) {
                // The mark on a line of its own, not inside another formula.
                const std::string& t = label[x];
                if (x == r || t.empty() || !shortText(t) || t.find('+') != std::string::npos) continue;
                bool found = false;
                for (auto jt = std::sregex_iterator(t.begin(), t.end(), mark); jt != std::sregex_iterator(); ++jt)
                    found = found || (*jt)[1].str() == (*it)[1].str();
                if (found) { at = x; ++n; }
            }
            if (n != 1) ok = false;
            else p.parts.push_back(at);
        }
        if (!ok || p.parts.size() < 2) continue;
        std::sort(p.parts.begin(), p.parts.end());
        if (std::adjacent_find(p.parts.begin(), p.parts.end()) != p.parts.end()) continue;
        p.partLine.assign(p.parts.size(), -1);
        if (!evaluatePattern(g, p) || p.holds.size() < p.fails.size()) continue;
        out.push_back(std::move(p));
    }
}

}  // namespace reportcheck::suggest
