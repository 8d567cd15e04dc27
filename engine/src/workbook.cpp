#include "reportcheck/workbook.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <new>

namespace reportcheck {

bool Sheet::find(int row, int col, const Block*& block, size_t& index) const {
    if (row < 0 || col < 0 || row >= rows()) return false;
    const Row& r = rows_[row];
    if (static_cast<unsigned>(col) >= r.width) return false;
    block = &blocks_[r.off / kBlockSlots];
    index = r.off % kBlockSlots + col;
    return true;
}

Cell Sheet::at(int row, int col) const {
    Cell c;
    const Block* b;
    size_t i;
    if (!find(row, col, b, i)) return c;
    const unsigned char meta = b->meta[i];
    c.kind = static_cast<Cell::Kind>(meta & 3);
    if (c.kind == Cell::Kind::Empty) return c;
    c.decimals = b->decimals[i];
    c.date = (meta & kDateBit) != 0;
    if (c.kind == Cell::Kind::Number) {
        std::memcpy(&c.number, &b->payload[i], sizeof c.number);
    } else {
        const std::string_view t = textAt(*b, i);
        c.text.assign(t.data(), t.size());
    }
    return c;
}

std::string_view Sheet::text(int row, int col) const {
    const Block* b;
    size_t i;
    if (!find(row, col, b, i) || (b->meta[i] & 3) != static_cast<unsigned char>(Cell::Kind::Text)) return {};
    return textAt(*b, i);
}

std::string_view Sheet::textAt(const Block& b, size_t i) const {
    const unsigned long long p = b.payload[i];
    if (p >> 63) return std::string_view(shared_->data() + (p & 0xFFFFFFFFu), (p >> 32) & 0x7FFFFFFFu);
    // Text, Error: the length (a varint: 7 bits a byte, low first), then the bytes.
    const std::vector<char>& t = texts_[p >> 32];
    size_t at = p & 0xFFFFFFFFu;
    unsigned long long n = 0;
    for (int shift = 0;; shift += 7) {
        const unsigned char x = static_cast<unsigned char>(t[at++]);
        n |= static_cast<unsigned long long>(x & 0x7F) << shift;
        if (!(x & 0x80)) break;
    }
    return std::string_view(t.data() + at, n);
}

double Sheet::number(int row, int col) const {
    const Block* b;
    size_t i;
    if (!find(row, col, b, i) || (b->meta[i] & 3) != static_cast<unsigned char>(Cell::Kind::Number)) return 0.0;
    double v;
    std::memcpy(&v, &b->payload[i], sizeof v);
    return v;
}

Cell::Kind Sheet::kind(int row, int col) const {
    const Block* b;
    size_t i;
    if (!find(row, col, b, i)) return Cell::Kind::Empty;
    return static_cast<Cell::Kind>(b->meta[i] & 3);
}

bool Sheet::numberCell(int row, int col, double& v, int& decimals) const {
    const Block* b;
    size_t i;
    if (!find(row, col, b, i) || (b->meta[i] & 3) != static_cast<unsigned char>(Cell::Kind::Number)) return false;
    std::memcpy(&v, &b->payload[i], sizeof v);
    decimals = b->decimals[i];
    return true;
}

unsigned long long Sheet::keepText(const std::string& text) {
    char len[10];
    size_t lenBytes = 0;
    for (unsigned long long n = text.size();; n >>= 7) {
        len[lenBytes++] = static_cast<char>((n & 0x7F) | (n >= 0x80 ? 0x80 : 0));
        if (n < 0x80) break;
    }
    const size_t need = lenBytes + text.size();
    std::vector<char>* b;
    if (need > kTextBlock / 4) {
        // Its own block, at offset 0: the offset's 32 bits never limit a text.
        texts_.emplace_back();
        b = &texts_.back();
        b->reserve(need);
    } else {
        if (texts_.empty() || texts_.back().size() + need > texts_.back().capacity()) {
            // Blocks double up to kTextBlock: a small sheet stays small.
            size_t cap = texts_.empty() ? 4096 : std::min(kTextBlock, 2 * texts_.back().capacity());
            texts_.emplace_back();
            texts_.back().reserve(std::max(cap, need));
        }
        b = &texts_.back();
    }
    // The locator's top bit marks the shared pool: 2^31 blocks (terabytes) are never reached.
    if (texts_.size() > (1u << 31)) throw std::bad_alloc();
    unsigned long long at = static_cast<unsigned long long>(texts_.size() - 1) << 32 | b->size();
    b->insert(b->end(), len, len + lenBytes);
    b->insert(b->end(), text.begin(), text.end());
    return at;
}

bool Sheet::place(int row, int col, Block*& block, size_t& index) {
    // The bounds keep row + 1 from overflowing and a stray cell from allocating gigabytes.
    if (row < 0 || col < 0 || row >= kMaxRows || col >= kMaxCols) return false;
    const unsigned need = static_cast<unsigned>(col) + 1;
    const int rowsBefore = rows();
    if (row >= rows()) rows_.resize(row + 1);
    Row& r = rows_[row];
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
            unsigned cap = r.cap == 0 ? need : std::min<unsigned>(std::max<unsigned>(need, 2 * r.cap), kMaxCols);
            if (blocks_.empty() || blocks_.back().size() + cap > blocks_.back().capacity()) {
                if (blocks_.size() >= kMaxBlocks) {
                    // Row::off has 34 bits: nothing more is stored (no reader's budget comes near).
                    rows_.resize(rowsBefore);
                    return false;
                }
                // Blocks double up to kBlockSlots (a small sheet stays small) and
                // are never reallocated: a row's slots stay where they are.
                size_t next = blocks_.empty() ? 1024 : std::min<size_t>(kBlockSlots, 2 * blocks_.back().capacity());
                blocks_.emplace_back(std::max<size_t>(next, cap));
            }
            Block& b = blocks_.back();
            const unsigned long long off = (blocks_.size() - 1) * static_cast<unsigned long long>(kBlockSlots) + b.size();
            b.resize(b.size() + cap);
            if (r.width > 0) {
                const Block& from = blocks_[r.off / kBlockSlots];
                const size_t src = r.off % kBlockSlots, dst = off % kBlockSlots;
                std::copy_n(&from.payload[src], r.width, &b.payload[dst]);
                std::copy_n(&from.meta[src], r.width, &b.meta[dst]);
                std::copy_n(&from.decimals[src], r.width, &b.decimals[dst]);
            }
            r.off = off;
            r.cap = cap;
        }
        r.width = need;
    }
    block = &blocks_[r.off / kBlockSlots];
    index = r.off % kBlockSlots + col;
    cols_ = std::max(cols_, col + 1);
    return true;
}

bool Sheet::set(int row, int col, Cell cell) {
    Block* block;
    size_t i;
    if (!place(row, col, block, i)) return false;
    // The text kept first: should that throw, the slot still holds what it held.
    unsigned long long payload;
    if (cell.kind == Cell::Kind::Text || cell.kind == Cell::Kind::Error)
        payload = keepText(cell.text);
    else
        std::memcpy(&payload, &cell.number, sizeof payload);
    const bool date = cell.kind == Cell::Kind::Number && cell.date;
    block->meta[i] = static_cast<unsigned char>(static_cast<unsigned char>(cell.kind) | (date ? kDateBit : 0));
    block->decimals[i] = static_cast<signed char>(std::max(-1, std::min(cell.decimals, 127)));
    block->payload[i] = payload;
    errors_ = errors_ || cell.kind == Cell::Kind::Error;
    return true;
}

bool Sheet::setShared(int row, int col, const std::shared_ptr<const std::string>& pool, size_t at, size_t bytes) {
    // The locator holds 32 bits of offset and 31 of length.
    if (!pool || (shared_ && shared_ != pool) || at > 0xFFFFFFFFu || bytes > 0x7FFFFFFFu || at > pool->size() ||
        bytes > pool->size() - at)
        return false;
    Block* b;
    size_t i;
    if (!place(row, col, b, i)) return false;
    if (!shared_) shared_ = pool;
    b->meta[i] = static_cast<unsigned char>(Cell::Kind::Text);
    b->decimals[i] = -1;
    b->payload[i] = 1ull << 63 | static_cast<unsigned long long>(bytes) << 32 | at;
    return true;
}

bool Sheet::appendRows(Sheet&& tail, int firstRow) {
    if ((shared_ && tail.shared_ && shared_ != tail.shared_) || firstRow < rows() || firstRow > kMaxRows - tail.rows() ||
        blocks_.size() + tail.blocks_.size() > kMaxBlocks || texts_.size() + tail.texts_.size() > (1u << 31))
        return false;
    if (tail.rows_.empty()) {  // nothing stored: rows() stays where the last value is
        tail = Sheet(tail.name_);
        return true;
    }
    const unsigned long long slotShift = blocks_.size() * static_cast<unsigned long long>(kBlockSlots);
    const unsigned long long textShift = static_cast<unsigned long long>(texts_.size()) << 32;
    // A text's locator names its text block: the tail's come after ours. Slots
    // no row uses (left when a row moved) are shifted too; nothing reads them.
    for (Block& b : tail.blocks_)
        for (size_t i = 0; i < b.size(); ++i) {
            const auto kind = static_cast<Cell::Kind>(b.meta[i] & 3);
            // A text in the shared pool (bit 63) is where it was: the pool is the same.
            if ((kind == Cell::Kind::Text || kind == Cell::Kind::Error) && !(b.payload[i] >> 63)) b.payload[i] += textShift;
        }
    rows_.reserve(static_cast<size_t>(firstRow) + tail.rows_.size());
    rows_.resize(static_cast<size_t>(firstRow));
    for (Row r : tail.rows_) {
        if (r.cap > 0) r.off += slotShift;
        rows_.push_back(r);
    }
    for (Block& b : tail.blocks_) blocks_.push_back(std::move(b));
    for (auto& t : tail.texts_) texts_.push_back(std::move(t));
    cols_ = std::max(cols_, tail.cols_);
    errors_ = errors_ || tail.errors_;
    if (!shared_) shared_ = std::move(tail.shared_);
    tail = Sheet(tail.name_);
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
