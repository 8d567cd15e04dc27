// A read-only snapshot of a workbook: what the rules see. Built by the ODS
// reader (command line) or by the Calc extension from bulk range reads.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace reportcheck {

struct Cell {
    enum class Kind { Empty, Number, Text, Error };
    Kind kind = Kind::Empty;
    double number = 0.0;  // Number kind
    std::string text;     // Text: the string; Error: e.g. "#VALUE!"
    int decimals = -1;    // decimals the cell shows, -1 when unknown
    bool date = false;    // Number shown as a date: `number` is Calc's serial day (messages write it as a date)

    static Cell makeNumber(double v, int decimals = -1) {
        Cell c; c.kind = Kind::Number; c.number = v; c.decimals = decimals; return c;
    }
    static Cell makeDate(double serialDays) {
        Cell c = makeNumber(serialDays, -1); c.date = true; return c;
    }
    static Cell makeText(std::string s) {
        Cell c; c.kind = Kind::Text; c.text = std::move(s); return c;
    }
    static Cell makeError(std::string s) {
        Cell c; c.kind = Kind::Error; c.text = std::move(s); return c;
    }
};

// Rows and columns are 0-based inside the engine; A1 addresses are 1-based.
//
// Cells are stored packed, 10 bytes each in parallel arrays (8: the number, or
// where the text is; 1: the kind and the date flag; 1: the decimals), each row
// contiguous inside blocks of at most kBlockSlots, so that a sheet of Calc's
// full height (1,048,576 rows) costs little more than its raw numbers and never
// a copy of everything at once, as one growing array would cost when it
// reallocates. A text keeps its length before it, in the sheet's text blocks.
class Sheet {
public:
    // Calc's bounds (LibreOffice 7.4 and later): rows 1..1,048,576, columns A..XFD.
    static constexpr int kMaxRows = 1 << 20, kMaxCols = 1 << 14;
    // What storage costs, for readers that count before they keep: a slot (a
    // cell of a row up to its last value) and a row. A text costs its bytes
    // and 1–3 more for its length (5 beyond 2 MiB).
    static constexpr long long kSlotBytes = 10, kRowBytes = 8;

    explicit Sheet(std::string name = {}) : name_(std::move(name)) {}
    const std::string& name() const { return name_; }
    int rows() const { return static_cast<int>(rows_.size()); }
    int cols() const { return cols_; }
    // Columns stored in `row` (cells at and beyond it are empty): scans of a
    // sparse sheet visit only what exists, not rows() × cols().
    int width(int row) const { return row < 0 || row >= rows() ? 0 : static_cast<int>(rows_[row].width); }
    // Any cell outside the stored area is empty. By value: cells are packed.
    // Decimals are kept from -1 to 127 (beyond is cut to 127: Excel's formats
    // show at most 30, the .ods reader reads at most 20).
    Cell at(int row, int col) const;
    // The number of a cell without building a Cell (0 unless a Number).
    double number(int row, int col) const;
    // The kind of a cell without building it (no copy of its text).
    Cell::Kind kind(int row, int col) const;
    // A Text cell's text without a copy (empty for any other kind), valid
    // until the sheet changes.
    std::string_view text(int row, int col) const;
    // A Number cell's value and decimals without building a Cell; false for any other kind.
    bool numberCell(int row, int col, double& v, int& decimals) const;
    // False when no Error cell was ever stored: the rules' scan for error
    // cells (a walk over every cell) skips the sheet. Never cleared, so true
    // may also mean one was stored and since overwritten.
    bool mayHoldErrors() const { return errors_; }
    // Stores a cell; outside Calc's bounds nothing is stored and it returns
    // false (as when the sheet holds 2^34 slots, far beyond any reader's budget).
    bool set(int row, int col, Cell cell);
    // Stores a Text cell whose text is pool[at, at + bytes), without copying it:
    // an .xlsx's shared strings (a million distinct labels) are then kept once,
    // not once more in the sheet. A sheet points into one pool at most; false
    // as set(), and when the pool is another or the text is not inside it
    // (the caller then stores a copy with set()).
    bool setShared(int row, int col, const std::shared_ptr<const std::string>& pool, size_t at, size_t bytes);
    // Moves the rows of `tail` (a sheet read apart, from a later part of the
    // same table) to rows firstRow.. of this one, which must end before them
    // (firstRow >= rows()); nothing is copied. False, with both sheets left as
    // they were, when that passes Calc's bounds or the storage's, or when
    // the two sheets point into different shared pools (setShared).
    bool appendRows(Sheet&& tail, int firstRow);

private:
    static constexpr unsigned kBlockSlots = 1u << 16;  // 640 KiB; a whole row (≤ 16,384 cells) fits in one
    static constexpr size_t kMaxBlocks = size_t(1) << 18;  // Row::off has 34 bits
    static constexpr size_t kTextBlock = 1u << 20;      // text bytes per block; longer texts get their own
    // Slots side by side in parallel arrays, the same length, each allocated
    // whole (and cleared: empty cells) when the block is made and never
    // reallocated; `used` slots from the start hold rows. Parallel, not an
    // array of structs: a struct of 8 + 1 + 1 bytes would be padded to 16.
    struct Block {
        // Number: the value's bits. Text, Error: where the text is, block << 32 | offset
        // (block < 2^31); a text in the shared pool: 1 << 63 | bytes << 32 | offset.
        std::vector<unsigned long long> payload;
        std::vector<unsigned char> meta;  // Cell::Kind | date << 2
        std::vector<signed char> decimals;
        size_t used = 0;
        explicit Block(size_t n) : payload(n), meta(n), decimals(n, -1) {}
        size_t size() const { return used; }
        size_t capacity() const { return payload.size(); }
        // Rows only take slots never used: growing a row a cell at a time costs nothing more.
        void resize(size_t n) { used = n; }
    };
    struct Row {
        // First slot: block * kBlockSlots + index. width, cap ≤ kMaxCols (2^14) need 15 bits.
        unsigned long long off : 34, width : 15, cap : 15;
    };
    static_assert(sizeof(Row) == kRowBytes, "the readers' budgets count this size");
    static_assert(kSlotBytes == sizeof(unsigned long long) + sizeof(unsigned char) + sizeof(signed char),
                  "the readers' budgets count this size");
    static_assert(kMaxBlocks * kBlockSlots == 1ull << 34 && kMaxCols < 1 << 15, "Row's fields hold every value");
    static constexpr unsigned char kDateBit = 4;
    // The block and index of a stored cell, false when outside the stored area.
    bool find(int row, int col, const Block*& block, size_t& index) const;
    // The slot of (row, col), the row grown to hold it; false outside Calc's bounds.
    bool place(int row, int col, Block*& block, size_t& index);
    unsigned long long keepText(const std::string& text);
    // The text of a Text or Error slot.
    std::string_view textAt(const Block& b, size_t i) const;

    std::string name_;
    int cols_ = 0;
    std::vector<Row> rows_;
    std::vector<Block> blocks_;
    // Texts side by side in blocks reserved once, each after its length as a
    // varint (a text overwritten leaves its bytes behind).
    std::vector<std::vector<char>> texts_;
    std::shared_ptr<const std::string> shared_;  // see setShared
    bool errors_ = false;                        // see mayHoldErrors
};

// A rectangular area of one sheet, as a named range resolves to.
struct Area {
    std::string sheet;
    int row1 = 0, col1 = 0, row2 = 0, col2 = 0;
};

// Something the reader left out of the snapshot, as Calc does when it loads
// the same file (cells beyond its bounds, sheets beyond its maximum, text
// cut): shown with the findings so that nobody mistakes it for the whole file.
struct ReadNote {
    std::string vi, en;
};

struct Workbook {
    std::vector<Sheet> sheets;
    std::map<std::string, Area> names;  // named ranges / named expressions
    std::string embeddedRules;          // see embedding.h; empty when none
    std::string ruleSetName;            // the bundled rule set the workbook names (embedding::kRuleSet); "" none
    std::string path;                   // where it came from, for messages
    std::vector<ReadNote> notes;        // what reading left out; empty when nothing

    const Sheet* sheet(const std::string& name) const;
    Sheet& addSheet(const std::string& name);
};

// "C5" <-> (row 4, col 2). Column letters: A..Z, AA.. ; returns false on bad input.
std::string columnName(int col);
std::string cellName(int row, int col);
bool parseColumn(const std::string& letters, int& col);
bool parseCell(const std::string& a1, int& row, int& col);

}  // namespace reportcheck
