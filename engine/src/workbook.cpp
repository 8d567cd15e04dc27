#include "reportcheck/workbook.h"

#include <algorithm>
#include <cctype>

namespace reportcheck {

const Sheet::Slot* Sheet::slot(int row, int col) const {
    if (row < 0 || col < 0 || row >= rows()) return nullptr;
    const Row& r = rows_[row];
    if (static_cast<unsigned>(col) >= r.width) return nullptr;
    const Slot& s = blocks_[r.off / kBlockSlots][r.off % kBlockSlots + col];
    return &s;
}

Cell Sheet::at(int row, int col) const {
    Cell c;
    const Slot* s = slot(row, col);
    if (!s || s->kind == static_cast<unsigned char>(Cell::Kind::Empty)) return c;
    c.kind = static_cast<Cell::Kind>(s->kind);
    c.number = s->number;
    c.decimals = s->decimals;
    c.date = s->date;
    if (c.kind == Cell::Kind::Text || c.kind == Cell::Kind::Error) {
        c.number = 0.0;
        const std::vector<char>& b = texts_[s->textAt >> 32];
        c.text.assign(b.data() + (s->textAt & 0xFFFFFFFFu), s->textBytes);
    }
    return c;
}

double Sheet::number(int row, int col) const {
    const Slot* s = slot(row, col);
    return s && s->kind == static_cast<unsigned char>(Cell::Kind::Number) ? s->number : 0.0;
}

unsigned long long Sheet::keepText(const std::string& text) {
    // Readers cut a cell's text long before 4 GiB (32,767 characters in .ods).
    if (text.size() > kTextBlock / 4) {
        texts_.emplace_back(text.begin(), text.end());
        return static_cast<unsigned long long>(texts_.size() - 1) << 32;
    }
    if (texts_.empty() || texts_.back().size() + text.size() > texts_.back().capacity()) {
        // Blocks double up to kTextBlock: a small sheet stays small.
        size_t cap = texts_.empty() ? 4096 : std::min(kTextBlock, 2 * texts_.back().capacity());
        texts_.emplace_back();
        texts_.back().reserve(std::max(cap, text.size()));
    }
    std::vector<char>& b = texts_.back();
    unsigned long long at = static_cast<unsigned long long>(texts_.size() - 1) << 32 | b.size();
    b.insert(b.end(), text.begin(), text.end());
    return at;
}

bool Sheet::set(int row, int col, Cell cell) {
    // The bounds keep row + 1 from overflowing and a stray cell from allocating gigabytes.
    if (row < 0 || col < 0 || row >= kMaxRows || col >= kMaxCols) return false;
    if (row >= rows()) rows_.resize(row + 1);
    Row& r = rows_[row];
    const unsigned need = static_cast<unsigned>(col) + 1;
    if (need > r.width) {
        // The row grows in place when it ends its block's used part (rows written
        // in order, as every reader writes them); else it moves to the end, with
        // room to double, leaving a hole (only when cells come column by column).
        bool last = r.cap > 0 && !blocks_.empty() && r.off / kBlockSlots == blocks_.size() - 1 &&
                    r.off % kBlockSlots + r.cap == blocks_.back().size();
        if (need > r.cap && last && r.off % kBlockSlots + need <= blocks_.back().capacity()) {
            blocks_.back().resize(r.off % kBlockSlots + need);
            r.cap = need;
        } else if (need > r.cap) {
            unsigned cap = r.cap == 0 ? need : std::min<unsigned>(std::max(need, 2 * r.cap), kMaxCols);
            if (blocks_.empty() || blocks_.back().size() + cap > blocks_.back().capacity()) {
                // Blocks double up to kBlockSlots (a small sheet stays small) and
                // are never reallocated: a row's slots stay where they are.
                size_t next = blocks_.empty() ? 1024 : std::min<size_t>(kBlockSlots, 2 * blocks_.back().capacity());
                blocks_.emplace_back();
                blocks_.back().reserve(std::max<size_t>(next, cap));
            }
            std::vector<Slot>& b = blocks_.back();
            unsigned long long off = (blocks_.size() - 1) * static_cast<unsigned long long>(kBlockSlots) + b.size();
            b.resize(b.size() + cap);
            if (r.width > 0) {
                const Slot* from = &blocks_[r.off / kBlockSlots][r.off % kBlockSlots];
                std::copy(from, from + r.width, &b[off % kBlockSlots]);
            }
            r.off = off;
            r.cap = cap;
        }
        r.width = need;
    }
    Slot& s = blocks_[r.off / kBlockSlots][r.off % kBlockSlots + col];
    s.kind = static_cast<unsigned char>(cell.kind);
    s.decimals = static_cast<signed char>(std::max(-1, std::min(cell.decimals, 127)));
    s.date = cell.kind == Cell::Kind::Number && cell.date;
    if (cell.kind == Cell::Kind::Text || cell.kind == Cell::Kind::Error) {
        s.textAt = keepText(cell.text);
        s.textBytes = static_cast<unsigned>(cell.text.size());
    } else {
        s.number = cell.number;
        s.textBytes = 0;
    }
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
