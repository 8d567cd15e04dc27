#include "workbook_index.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <tuple>

#include "text_util.h"

namespace reportcheck {

int WorkbookIndex::sheetOrder(const std::string& name) const {
    for (size_t i = 0; i < wb_.sheets.size(); ++i)
        if (wb_.sheets[i].name() == name) return static_cast<int>(i);
    return static_cast<int>(wb_.sheets.size());
}

int WorkbookIndex::findLabel(const Sheet& s, int c1, int c2, const std::string& label, bool prefix, int occurrence,
                             int from, int to) {
    auto query = std::make_tuple(&s, c1, c2, label, prefix, occurrence, from, to);
    auto hit = labelHits_.find(query);
    if (hit != labelHits_.end()) return hit->second;
    auto key = std::make_tuple(&s, c1, c2);
    auto it = labels_.find(key);
    if (it == labels_.end()) {
        Labels l;
        for (int r = 0; r < s.rows(); ++r) {
            int last = std::min(c2, s.width(r) - 1);
            cellsScanned_ += 1 + std::max(0, last - c1 + 1);
            for (int c = c1; c <= last; ++c) {
                const Cell& cell = s.at(r, c);
                if (cell.kind == Cell::Kind::Text) l.rows.push_back({r, normalizeLabel(cell.text)});
            }
        }
        it = labels_.emplace(key, std::move(l)).first;
    }
    const auto& rows = it->second.rows;
    auto pos = std::lower_bound(rows.begin(), rows.end(), std::make_pair(from, std::string()));
    int seen = 0, lastRow = -1, found = -1;
    for (; pos != rows.end(); ++pos) {
        ++cellsScanned_;
        if (to >= 0 && pos->first > to) break;
        bool match = prefix ? pos->second.compare(0, label.size(), label) == 0 : pos->second == label;
        if (match && pos->first != lastRow) {  // a row counts once even if both label columns match
            lastRow = pos->first;
            if (++seen == occurrence) { found = pos->first; break; }
        }
    }
    labelHits_.emplace(query, found);
    return found;
}

int WorkbookIndex::findHeader(const Sheet& s, int r1, int r2, const std::string& header, bool prefix, int occurrence) {
    if (r1 < 0) { r1 = 0; r2 = s.rows() - 1; }
    HeaderRows key{&s, r1, r2};
    auto query = std::make_tuple(key, header, prefix, occurrence);
    auto hit = headerHits_.find(query);
    if (hit != headerHits_.end()) return hit->second;
    auto it = headers_.find(key);
    if (it == headers_.end()) {
        std::vector<std::pair<int, std::string>> cells;
        for (int r = r1; r <= r2 && r < s.rows(); ++r) {
            cellsScanned_ += 1 + s.width(r);
            for (int c = 0; c < s.width(r); ++c) {
                const Cell& cell = s.at(r, c);
                if (cell.kind == Cell::Kind::Text) cells.push_back({c, normalizeLabel(cell.text)});
            }
        }
        std::stable_sort(cells.begin(), cells.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        it = headers_.emplace(key, std::move(cells)).first;
    }
    int seen = 0, found = -1, lastCol = -1;
    cellsScanned_ += it->second.size();
    for (const auto& [c, t] : it->second) {
        if (c == lastCol) continue;  // a column counts once
        if (prefix ? t.compare(0, header.size(), header) == 0 : t == header) {
            lastCol = c;
            if (++seen == occurrence) { found = c; break; }
        }
    }
    headerHits_.emplace(query, found);
    return found;
}

int WorkbookIndex::findNumberedColumn(const Sheet& s, int numbersRow, const std::string& number) {
    auto key = std::make_pair(&s, numbersRow);
    auto it = numbers_.find(key);
    if (it == numbers_.end()) {
        std::map<std::string, int> m;
        cellsScanned_ += s.width(numbersRow);
        for (int c = 0; c < s.width(numbersRow); ++c) {
            const Cell& cell = s.at(numbersRow, c);
            std::string k;
            // Only integers a long long holds exactly: casting 1e300 is undefined behaviour.
            if (cell.kind == Cell::Kind::Number && cell.number == std::floor(cell.number) && std::fabs(cell.number) < 1e15)
                k = std::to_string(static_cast<long long>(cell.number));
            else if (cell.kind == Cell::Kind::Text) {
                std::string t = normalizeLabel(cell.text);
                size_t e = 0;
                while (e < t.size() && std::isalnum(static_cast<unsigned char>(t[e]))) ++e;
                k = t.substr(0, e);
            }
            if (!k.empty()) m.emplace(k, c);  // first column with that number wins
        }
        it = numbers_.emplace(key, std::move(m)).first;
    }
    auto f = it->second.find(number);
    return f == it->second.end() ? -1 : f->second;
}

}  // namespace reportcheck
