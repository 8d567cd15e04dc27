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

std::string WorkbookIndex::labelText(const Cell& cell) {
    if (cell.kind == Cell::Kind::Text) return normalizeLabel(cell.text);
    // Years and codes typed as numbers (2017) are labels too (issue 9). Only
    // whole numbers a long long holds exactly: casting 1e300 is undefined.
    if (cell.kind == Cell::Kind::Number && cell.number == std::floor(cell.number) && std::fabs(cell.number) < 1e15)
        return std::to_string(static_cast<long long>(cell.number));
    return "";
}

WorkbookIndex::Labels& WorkbookIndex::labels(const Sheet& s, int c1, int c2) {
    auto key = std::make_tuple(&s, c1, c2);
    auto it = labels_.find(key);
    if (it == labels_.end()) {
        Labels l;
        for (int r = 0; r < s.rows(); ++r) {
            int last = std::min(c2, s.width(r) - 1);
            cellsScanned_ += 1 + std::max(0, last - c1 + 1);
            for (int c = c1; c <= last; ++c) {
                std::string t = labelText(s.at(r, c));
                if (!t.empty()) l.rows.push_back({r, std::move(t)});
            }
        }
        it = labels_.emplace(key, std::move(l)).first;
    }
    return it->second;
}

WorkbookIndex::Labels& WorkbookIndex::labelsByText(const Sheet& s, int c1, int c2) {
    Labels& index = labels(s, c1, c2);
    if (!index.byLabelBuilt) {
        for (const auto& [r, t] : index.rows) {
            auto& rows = index.byLabel[t];
            if (rows.empty() || rows.back() != r) rows.push_back(r);
        }
        cellsScanned_ += index.rows.size();
        index.byLabelBuilt = true;
    }
    return index;
}

int WorkbookIndex::labelRow(const Sheet& s, int c1, int c2, const std::string& label, int occurrence) {
    const Labels& index = labelsByText(s, c1, c2);
    ++cellsScanned_;
    auto it = index.byLabel.find(label);
    if (it == index.byLabel.end() || occurrence < 1 || size_t(occurrence) > it->second.size()) return -1;
    return it->second[size_t(occurrence) - 1];
}

bool WorkbookIndex::rowLabel(const Sheet& s, int c1, int c2, int row, std::string& label, int& occurrence) {
    Labels& index = labelsByText(s, c1, c2);
    auto pos = std::lower_bound(index.rows.begin(), index.rows.end(), std::make_pair(row, std::string()));
    if (pos == index.rows.end() || pos->first != row) return false;
    // A row's name is its text label rather than a number beside it (an
    // ordinal "1" in A before the name in B names nothing on another sheet).
    auto named = pos;
    for (auto q = pos; q != index.rows.end() && q->first == row; ++q)
        if (q->second.find_first_not_of("-0123456789") != std::string::npos) { named = q; break; }
    label = named->second;
    const auto& rows = index.byLabel[label];
    occurrence = static_cast<int>(std::lower_bound(rows.begin(), rows.end(), row) - rows.begin()) + 1;
    return true;
}

std::string WorkbookIndex::guess(const std::string& word, std::vector<std::string> candidates) {
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    cellsScanned_ += candidates.size() * 16;  // an edit distance costs more than a read
    return closestWord(word, candidates);
}

std::string WorkbookIndex::closestLabel(const Sheet& s, int c1, int c2, const std::string& label) {
    auto key = std::make_tuple(&s, c1, c2, label, false);
    if (auto it = guesses_.find(key); it != guesses_.end()) return it->second;
    std::vector<std::string> names;
    for (const auto& [r, t] : labels(s, c1, c2).rows) {
        if (names.size() >= kMaxGuessCandidates) break;
        names.push_back(t);
    }
    return guesses_[key] = guess(label, std::move(names));
}

std::string WorkbookIndex::closestHeader(const Sheet& s, int r1, int r2, const std::string& header) {
    findHeader(s, r1, r2, header, false, 1);  // builds the header index
    if (r1 < 0) { r1 = 0; r2 = s.rows() - 1; }
    auto key = std::make_tuple(&s, r1, r2, header, true);
    if (auto it = guesses_.find(key); it != guesses_.end()) return it->second;
    std::vector<std::string> names;
    for (const auto& [c, t] : headers_[HeaderRows{&s, r1, r2}]) {
        if (names.size() >= kMaxGuessCandidates) break;
        names.push_back(t);
    }
    return guesses_[key] = guess(header, std::move(names));
}

int WorkbookIndex::findLabel(const Sheet& s, int c1, int c2, const std::string& label, bool prefix, int occurrence,
                             int from, int to) {
    auto query = std::make_tuple(&s, c1, c2, label, prefix, occurrence, from, to);
    auto hit = labelHits_.find(query);
    if (hit != labelHits_.end()) return hit->second;
    const Labels& index = labels(s, c1, c2);
    const auto& rows = index.rows;
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
    // Numbers are headers (a year typed as 2017) only in declared header rows:
    // searched over the whole sheet, every figure would be a header.
    const bool declared = r1 >= 0;
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
                if (cell.kind == Cell::Kind::Text || (declared && cell.kind == Cell::Kind::Number)) {
                    std::string t = labelText(cell);
                    if (!t.empty()) cells.push_back({c, std::move(t)});
                }
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
