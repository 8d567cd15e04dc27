// The packed cell storage of Sheet (workbook.h): what is set is what is read
// back, exactly, across block boundaries, moved rows and text blocks.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <string>

#include "reader_bounds.h"
#include "reportcheck/workbook.h"

using namespace reportcheck;

namespace {

void expectSame(const Cell& want, const Cell& got, const std::string& where) {
    EXPECT_EQ(static_cast<int>(want.kind), static_cast<int>(got.kind)) << where;
    EXPECT_EQ(want.text, got.text) << where;
    EXPECT_EQ(want.decimals, got.decimals) << where;
    EXPECT_EQ(want.date, got.date) << where;
    // Bit for bit: -0.0 stays -0.0, a NaN stays that NaN.
    EXPECT_EQ(0, std::memcmp(&want.number, &got.number, sizeof(double))) << where << ": " << want.number << " vs " << got.number;
}

// A text of n bytes that differs from its neighbours, with a NUL inside.
std::string textOf(size_t n, char seed) {
    std::string s(n, seed);
    for (size_t i = 0; i < n; i += 97) s[i] = static_cast<char>('a' + i % 26);
    if (n > 2) s[n / 2] = '\0';
    return s;
}

}  // namespace

TEST(SheetStorage, EveryKindRoundTripsExactly) {
    std::vector<Cell> cells = {
        Cell::makeNumber(3.25, 2),
        Cell::makeNumber(0.1, 20),   // the most decimals the .ods reader reads
        Cell::makeNumber(1e-300, 30),  // Excel's most
        Cell::makeNumber(-0.0, 127),
        Cell::makeNumber(std::numeric_limits<double>::denorm_min(), 0),
        Cell::makeNumber(std::numeric_limits<double>::infinity()),
        Cell::makeNumber(std::numeric_limits<double>::quiet_NaN(), 5),
        Cell::makeNumber(-1.7976931348623157e308, -1),
        Cell::makeDate(45292.75),
        Cell::makeError("#VALUE!"),
        Cell::makeError("#DIV/0!"),
        Cell::makeText(""),
        Cell::makeText("Tổng cộng"),
        Cell::makeText(textOf(127, 'x')),  // the length's varint: one byte
        Cell::makeText(textOf(128, 'y')),  // two
        Cell::makeText(textOf(16383, 'z')),
        Cell::makeText(textOf(16384, 'w')),  // three
        Cell::makeText(textOf((1u << 20) / 4 - 3, 'v')),  // just fits a shared text block with its length
        Cell::makeText(textOf((1u << 20) / 4, 'u')),      // its own block
        Cell::makeText(textOf((1u << 20) + 12345, 't')),  // longer than a text block
        Cell::makeText(textOf(3u << 20, 's')),
        Cell(),  // empty, set explicitly
    };
    Cell textWithDecimals = Cell::makeText("12,5");
    textWithDecimals.decimals = 3;
    cells.push_back(textWithDecimals);
    cells.push_back(Cell::makeText("after the long ones"));

    Sheet s("S");
    for (size_t i = 0; i < cells.size(); ++i) ASSERT_TRUE(s.set(static_cast<int>(i), static_cast<int>(i % 5), cells[i]));
    for (size_t i = 0; i < cells.size(); ++i) {
        expectSame(cells[i], s.at(static_cast<int>(i), static_cast<int>(i % 5)), "cell " + std::to_string(i));
        EXPECT_EQ(static_cast<int>(cells[i].kind), static_cast<int>(s.kind(static_cast<int>(i), static_cast<int>(i % 5)))) << i;
        // text(): a Text cell's text without a copy; nothing for any other kind.
        EXPECT_EQ(cells[i].kind == Cell::Kind::Text ? cells[i].text : std::string(),
                  std::string(s.text(static_cast<int>(i), static_cast<int>(i % 5)))) << i;
        double n = s.number(static_cast<int>(i), static_cast<int>(i % 5));
        if (cells[i].kind != Cell::Kind::Number) {
            EXPECT_EQ(0.0, n) << i;
        } else if (!std::isnan(cells[i].number)) {
            EXPECT_EQ(cells[i].number, n) << i;
        }
    }
    // The cells before each one in its row were never set: empty, decimals unknown.
    expectSame(Cell(), s.at(3, 0), "A4");
    EXPECT_EQ(Cell::Kind::Empty, s.kind(3, 0));
    EXPECT_EQ(Cell::Kind::Empty, s.kind(-1, 0));
    EXPECT_EQ(Cell::Kind::Empty, s.kind(0, 1 << 20));
    EXPECT_TRUE(s.text(3, 0).empty());
    EXPECT_TRUE(s.text(-1, 0).empty());
    EXPECT_EQ(s.width(3), 4);
    EXPECT_EQ(s.rows(), static_cast<int>(cells.size()));
    EXPECT_EQ(s.cols(), 5);
}

// The rules walk a sheet for error cells only when one was ever stored there.
TEST(SheetStorage, ASheetKnowsWhetherItMayHoldAnErrorCell) {
    Sheet s("S");
    EXPECT_FALSE(s.mayHoldErrors());
    ASSERT_TRUE(s.set(0, 0, Cell::makeText("#VALUE!")));  // a text that reads like one is no error cell
    ASSERT_TRUE(s.set(1, 1, Cell::makeNumber(0)));
    EXPECT_FALSE(s.mayHoldErrors());
    EXPECT_FALSE(s.set(0, 1 << 14, Cell::makeError("#N/A")));  // outside Calc's columns: not stored
    EXPECT_FALSE(s.mayHoldErrors());
    ASSERT_TRUE(s.set(5, 2, Cell::makeError("#N/A")));
    EXPECT_TRUE(s.mayHoldErrors());
    EXPECT_EQ(Cell::Kind::Error, s.kind(5, 2));
}

TEST(SheetStorage, DecimalsBeyondWhatAFormatShowsAreCut) {
    Sheet s;
    ASSERT_TRUE(s.set(0, 0, Cell::makeNumber(1, 1000)));
    ASSERT_TRUE(s.set(0, 1, Cell::makeNumber(1, -7)));
    EXPECT_EQ(s.at(0, 0).decimals, 127);
    EXPECT_EQ(s.at(0, 1).decimals, -1);
    // A date flag belongs to numbers only.
    Cell t = Cell::makeText("x");
    t.date = true;
    ASSERT_TRUE(s.set(0, 2, t));
    EXPECT_FALSE(s.at(0, 2).date);
}

TEST(SheetStorage, AFullHeightSheetInRowOrderAcrossBlocks) {
    // As the readers write: row by row, a label and six numbers; 1,048,576 rows
    // fill 112 slot blocks and several text blocks.
    Sheet s;
    for (int r = 0; r < Sheet::kMaxRows; ++r) {
        ASSERT_TRUE(s.set(r, 0, Cell::makeText("Row " + std::to_string(r))));
        for (int c = 1; c < 7; ++c) s.set(r, c, Cell::makeNumber(r * 7.0 + c + 0.5, c == 6 ? -1 : c));
    }
    EXPECT_EQ(s.rows(), Sheet::kMaxRows);
    EXPECT_EQ(s.cols(), 7);
    for (int r = 0; r < Sheet::kMaxRows; r += (r < 70000 ? 1 : 997)) {
        ASSERT_EQ(s.at(r, 0).text, "Row " + std::to_string(r)) << r;
        for (int c = 1; c < 7; ++c) {
            Cell cell = s.at(r, c);
            ASSERT_EQ(cell.number, r * 7.0 + c + 0.5) << r << "," << c;
            ASSERT_EQ(cell.decimals, c == 6 ? -1 : c) << r << "," << c;
            ASSERT_EQ(s.number(r, c), cell.number);
        }
        ASSERT_EQ(s.width(r), 7);
    }
    EXPECT_EQ(s.at(Sheet::kMaxRows - 1, 0).text, "Row 1048575");
    EXPECT_EQ(s.at(Sheet::kMaxRows - 1, 6).number, (Sheet::kMaxRows - 1) * 7.0 + 6.5);
}

TEST(SheetStorage, RowsThatGrowColumnByColumnMoveWithTheirCells) {
    // Column by column: each row outgrows its room and moves, more than once.
    Sheet s;
    const int rows = 3000, cols = 60;
    for (int c = 0; c < cols; ++c)
        for (int r = 0; r < rows; ++r)
            ASSERT_TRUE(s.set(r, c, (r + c) % 3 == 0 ? Cell::makeText(std::to_string(r) + ":" + std::to_string(c))
                                                     : Cell::makeNumber(r * 1000.0 + c, c % 4)));
    for (int r = 0; r < rows; ++r) {
        ASSERT_EQ(s.width(r), cols);
        for (int c = 0; c < cols; ++c) {
            Cell cell = s.at(r, c);
            if ((r + c) % 3 == 0) {
                ASSERT_EQ(cell.kind, Cell::Kind::Text);
                ASSERT_EQ(cell.text, std::to_string(r) + ":" + std::to_string(c));
            } else {
                ASSERT_EQ(cell.number, r * 1000.0 + c);
                ASSERT_EQ(cell.decimals, c % 4);
            }
        }
    }
    // A row of Calc's full width, then one cell further down.
    ASSERT_TRUE(s.set(rows, Sheet::kMaxCols - 1, Cell::makeNumber(9)));
    ASSERT_TRUE(s.set(rows, 0, Cell::makeError("#N/A")));
    EXPECT_EQ(s.width(rows), Sheet::kMaxCols);
    EXPECT_EQ(s.at(rows, Sheet::kMaxCols - 1).number, 9);
    EXPECT_EQ(s.at(rows, 0).text, "#N/A");
    EXPECT_EQ(s.at(rows, 1).kind, Cell::Kind::Empty);
    EXPECT_EQ(s.at(0, 0).text, "0:0");  // the first rows did not move with it
}

TEST(SheetStorage, OverwritingAndBounds) {
    Sheet s;
    ASSERT_TRUE(s.set(2, 1, Cell::makeText("was text")));
    ASSERT_TRUE(s.set(2, 1, Cell::makeNumber(4.5, 1)));
    expectSame(Cell::makeNumber(4.5, 1), s.at(2, 1), "B3");
    ASSERT_TRUE(s.set(2, 1, Cell::makeError("#REF!")));
    expectSame(Cell::makeError("#REF!"), s.at(2, 1), "B3");
    EXPECT_EQ(s.number(2, 1), 0.0);
    ASSERT_TRUE(s.set(2, 1, Cell()));
    expectSame(Cell(), s.at(2, 1), "B3");

    EXPECT_FALSE(s.set(-1, 0, Cell::makeNumber(1)));
    EXPECT_FALSE(s.set(0, -1, Cell::makeNumber(1)));
    EXPECT_FALSE(s.set(Sheet::kMaxRows, 0, Cell::makeNumber(1)));
    EXPECT_FALSE(s.set(0, Sheet::kMaxCols, Cell::makeNumber(1)));
    EXPECT_EQ(s.rows(), 3);
    EXPECT_EQ(s.cols(), 2);
    expectSame(Cell(), s.at(5, 0), "A6");
    expectSame(Cell(), s.at(0, 5), "F1");
    expectSame(Cell(), s.at(-1, -1), "outside");
    EXPECT_EQ(s.width(-1), 0);
    EXPECT_EQ(s.width(99), 0);
    EXPECT_EQ(s.width(0), 0);  // a row before a stored one holds nothing

    // A copy is independent and keeps its texts.
    Sheet copy = s;
    ASSERT_TRUE(s.set(2, 0, Cell::makeText("only in s")));
    EXPECT_EQ(copy.at(2, 0).kind, Cell::Kind::Empty);
    EXPECT_EQ(s.at(2, 0).text, "only in s");
}

TEST(SheetStorage, TheReadersBudgetCountsTheSameCells) {
    // The readers' limit stays Calc's full height × 16 columns, whatever a cell costs.
    EXPECT_EQ(reader_bounds::kMaxCells, 16'777'216);
    EXPECT_EQ(reader_bounds::kMaxCellBytes, reader_bounds::kMaxCells * Sheet::kSlotBytes);
}

TEST(SheetStorage, SharedTextsArePointedAtNotCopied) {
    auto pool = std::make_shared<const std::string>(std::string("alphabetagamma") + textOf(300, 'p'));
    Sheet s;
    ASSERT_TRUE(s.setShared(0, 0, pool, 0, 5));
    ASSERT_TRUE(s.setShared(0, 1, pool, 5, 4));
    ASSERT_TRUE(s.setShared(1, 2, pool, 14, 300));
    ASSERT_TRUE(s.setShared(1, 3, pool, 9, 0));
    ASSERT_TRUE(s.set(1, 0, Cell::makeText("own")));
    expectSame(Cell::makeText("alpha"), s.at(0, 0), "A1");
    expectSame(Cell::makeText("beta"), s.at(0, 1), "B1");
    expectSame(Cell::makeText(textOf(300, 'p')), s.at(1, 2), "C2");
    expectSame(Cell::makeText(""), s.at(1, 3), "D2");
    expectSame(Cell::makeText("own"), s.at(1, 0), "A2");
    EXPECT_EQ(s.text(0, 0), "alpha");  // without a copy: a view into the pool
    EXPECT_EQ(s.text(0, 0).data(), pool->data());
    EXPECT_EQ(s.text(1, 2), textOf(300, 'p'));
    EXPECT_EQ(s.number(0, 0), 0.0);
    // Not inside the pool, or another pool: refused, nothing stored.
    EXPECT_FALSE(s.setShared(2, 0, pool, pool->size() - 2, 3));
    EXPECT_FALSE(s.setShared(2, 0, pool, pool->size() + 1, 0));
    EXPECT_FALSE(s.setShared(2, 0, std::make_shared<const std::string>("other"), 0, 5));
    EXPECT_FALSE(s.setShared(2, 0, nullptr, 0, 0));
    EXPECT_FALSE(s.setShared(Sheet::kMaxRows, 0, pool, 0, 5));
    EXPECT_EQ(s.rows(), 2);
    // Overwritten by a number, it is a number; the sheet keeps the pool alive.
    ASSERT_TRUE(s.set(0, 1, Cell::makeNumber(2.5, 1)));
    expectSame(Cell::makeNumber(2.5, 1), s.at(0, 1), "B1");
    std::weak_ptr<const std::string> alive = pool;
    pool.reset();
    Sheet copy = s;
    s = Sheet();
    EXPECT_FALSE(alive.expired());
    expectSame(Cell::makeText("alpha"), copy.at(0, 0), "A1 of the copy");
    copy = Sheet();
    EXPECT_TRUE(alive.expired());
}

// A table read in two halves (ods_reader.cpp, "Two halves"): the second
// half's rows, texts and error flag move to the first's sheet, after a gap.
TEST(SheetStorage, RowsAppendedFromASheetReadApart) {
    Sheet head("T"), tail("");
    ASSERT_TRUE(head.set(0, 0, Cell::makeText("head label")));
    ASSERT_TRUE(head.set(0, 2, Cell::makeNumber(1.5, 1)));
    ASSERT_TRUE(head.set(3, 1, Cell::makeText(textOf(300000, 'h'))));  // a text block of its own
    for (int r = 0; r < 70000; ++r) {  // more than one block of slots
        ASSERT_TRUE(tail.set(r, 0, Cell::makeText("row " + std::to_string(r))));
        ASSERT_TRUE(tail.set(r, 3, Cell::makeNumber(r, 0)));
    }
    ASSERT_TRUE(tail.set(70001, 5, Cell::makeError("#DIV/0!")));
    ASSERT_FALSE(head.mayHoldErrors());
    Sheet copy = tail;

    Sheet refused = head;
    EXPECT_FALSE(refused.appendRows(Sheet(copy), 3)) << "it must start after the sheet's last row";
    EXPECT_FALSE(refused.appendRows(Sheet(copy), Sheet::kMaxRows - 70001)) << "beyond Calc's last row";
    EXPECT_EQ(4, refused.rows());

    ASSERT_TRUE(head.appendRows(std::move(tail), 10));
    EXPECT_EQ(10 + 70002, head.rows());
    EXPECT_EQ(6, head.cols());
    EXPECT_TRUE(head.mayHoldErrors());
    EXPECT_EQ(0, tail.rows());
    expectSame(Cell::makeText("head label"), head.at(0, 0), "A1");
    expectSame(Cell::makeText(textOf(300000, 'h')), head.at(3, 1), "B4");
    for (int r = 4; r < 10; ++r) EXPECT_EQ(0, head.width(r)) << "the gap's rows are empty";
    for (int r = 0; r < 70002; r += 997) {
        expectSame(copy.at(r, 0), head.at(10 + r, 0), "label of tail row " + std::to_string(r));
        expectSame(copy.at(r, 3), head.at(10 + r, 3), "number of tail row " + std::to_string(r));
        EXPECT_EQ(copy.width(r), head.width(10 + r));
    }
    expectSame(Cell::makeError("#DIV/0!"), head.at(10 + 70001, 5), "the error cell");
    // The sheet goes on growing as any other.
    ASSERT_TRUE(head.set(10 + 70002, 0, Cell::makeText("after")));
    expectSame(Cell::makeText("after"), head.at(10 + 70002, 0), "a row set after the append");
    expectSame(copy.at(69999, 0), head.at(10 + 69999, 0), "earlier rows unchanged");

    Sheet empty("");
    const int rows = head.rows();
    ASSERT_TRUE(head.appendRows(std::move(empty), rows + 5));
    EXPECT_EQ(rows, head.rows()) << "nothing appended, no rows added";
}
