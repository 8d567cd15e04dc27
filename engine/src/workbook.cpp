#include "reportcheck/workbook.h"

#include <algorithm>
#include <cctype>

namespace reportcheck {

const Cell& Sheet::at(int row, int col) const {
    static const Cell empty;
    if (row < 0 || col < 0 || row >= rows()) return empty;
    const auto& r = rows_[row];
    return col < static_cast<int>(r.size()) ? r[col] : empty;
}

bool Sheet::set(int row, int col, Cell cell) {
    // The bounds keep row + 1 from overflowing and a stray cell from allocating gigabytes.
    if (row < 0 || col < 0 || row >= kMaxRows || col >= kMaxCols) return false;
    if (row >= rows()) rows_.resize(row + 1);
    auto& r = rows_[row];
    if (col >= static_cast<int>(r.size())) r.resize(col + 1);
    r[col] = std::move(cell);
    cols_ = std::max(cols_, col + 1);
    return true;
}

const Sheet* Workbook::sheet(const std::string& name) const {
    for (const auto& s : sheets)
        if (s.name() == name) return &s;
    return nullptr;
}

Sheet& Workbook::addSheet(const std::string& name) {
    sheets.emplace_back(name);
    return sheets.back();
}

std::string columnName(int col) {
    std::string s;
    for (int c = col + 1; c > 0; c = (c - 1) / 26) s.insert(s.begin(), char('A' + (c - 1) % 26));
    return s;
}

std::string cellName(int row, int col) { return columnName(col) + std::to_string(row + 1); }

bool parseColumn(const std::string& letters, int& col) {
    if (letters.empty() || letters.size() > 3) return false;
    int c = 0;
    for (char ch : letters) {
        if (ch < 'A' || ch > 'Z') return false;
        c = c * 26 + (ch - 'A' + 1);
    }
    col = c - 1;
    return true;
}

bool parseCell(const std::string& a1, int& row, int& col) {
    size_t i = 0;
    std::string letters, digits;
    if (i < a1.size() && a1[i] == '$') ++i;
    while (i < a1.size() && std::isupper(static_cast<unsigned char>(a1[i]))) letters += a1[i++];
    if (i < a1.size() && a1[i] == '$') ++i;
    while (i < a1.size() && std::isdigit(static_cast<unsigned char>(a1[i]))) digits += a1[i++];
    if (i != a1.size() || digits.empty() || digits.size() > 7 || !parseColumn(letters, col)) return false;
    row = std::stoi(digits) - 1;
    return row >= 0;
}

}  // namespace reportcheck
