// Lookups the rules need on a workbook, built lazily once per run: rows by
// label, columns by their number in the column-number row, sheets by name.
#pragma once

#include <cstdint>
#include <map>
#include <tuple>
#include <string>
#include <vector>

#include "reportcheck/workbook.h"

namespace reportcheck {

class WorkbookIndex {
public:
    explicit WorkbookIndex(const Workbook& wb) : wb_(wb) {}

    const Sheet* sheet(const std::string& name) const { return wb_.sheet(name); }
    int sheetOrder(const std::string& name) const;

    // The `occurrence`-th row in [from, to] whose label cell (columns c1..c2)
    // equals `label` (or starts with it when `prefix`); -1 when none.
    int findLabel(const Sheet& s, int c1, int c2, const std::string& label, bool prefix, int occurrence,
                  int from, int to);
    // The label of `row` (its first label cell, columns c1..c2) and which
    // occurrence of that label it is from the sheet's top (1 = the first row so
    // labelled): the key `for rows` uses to find the same row on another sheet.
    // False when the row has no label.
    bool rowLabel(const Sheet& s, int c1, int c2, int row, std::string& label, int& occurrence);
    // The `occurrence`-th row labelled exactly `label`, from the top; -1 when
    // none. A map lookup, not a scan: `for rows` asks it once per row.
    int labelRow(const Sheet& s, int c1, int c2, const std::string& label, int occurrence);

    // The sheet's label (or header) closest to a missing one, when it looks like
    // a misspelling ("Thanh thi" for "Thành thị"); "" otherwise. Remembered per
    // question, and only asked of the first kMaxGuessCandidates distinct texts:
    // a missing label evaluated on each of 1M rows costs one comparison pass.
    std::string closestLabel(const Sheet& s, int c1, int c2, const std::string& label);
    std::string closestHeader(const Sheet& s, int r1, int r2, const std::string& header);
    static constexpr size_t kMaxGuessCandidates = 2000;

    // The text a label cell is known by: text normalised, a whole number (a
    // year typed as 2017) written without decimals; "" for anything else.
    static std::string labelText(const Cell& cell);

    // The column whose cell in `numbersRow` is numbered `number` ("4" matches
    // "4 (=5+6+7)" and "4=5+6"); -1 when none.
    int findNumberedColumn(const Sheet& s, int numbersRow, const std::string& number);

    // The `occurrence`-th column, left to right, with a cell in rows r1..r2
    // (-1: every row) whose text equals `header` (or starts with it); -1 when none.
    // The header rows are indexed once per run and each answer remembered: a
    // `#"…"` reference evaluated on every row of a 1M-row sheet scans it once.
    int findHeader(const Sheet& s, int r1, int r2, const std::string& header, bool prefix, int occurrence);

    // Cells visited while building indexes and searching headers, for the
    // run's work budget (Limits::maxCellsTouched).
    std::uint64_t cellsScanned() const { return cellsScanned_; }

    const Area* name(const std::string& n) const {
        auto it = wb_.names.find(n);
        return it == wb_.names.end() ? nullptr : &it->second;
    }

private:
    const Workbook& wb_;
    struct Labels {
        std::vector<std::pair<int, std::string>> rows;  // (row, label) in row order
        std::map<std::string, std::vector<int>> byLabel;  // label -> its rows, ascending, each once (rowLabel)
        bool byLabelBuilt = false;
    };
    Labels& labels(const Sheet& s, int c1, int c2);
    Labels& labelsByText(const Sheet& s, int c1, int c2);  // with byLabel built
    std::map<std::tuple<const Sheet*, int, int>, Labels> labels_;
    // Answers already found: a label reference evaluated on every row searches once.
    std::map<std::tuple<const Sheet*, int, int, std::string, bool, int, int, int>, int> labelHits_;
    std::map<std::pair<const Sheet*, int>, std::map<std::string, int>> numbers_;
    using HeaderRows = std::tuple<const Sheet*, int, int>;
    std::map<HeaderRows, std::vector<std::pair<int, std::string>>> headers_;  // (col, text): column by column, top-down
    std::map<std::tuple<HeaderRows, std::string, bool, int>, int> headerHits_;
    std::map<std::tuple<const Sheet*, int, int, std::string, bool>, std::string> guesses_;  // bool: header
    std::string guess(const std::string& word, std::vector<std::string> candidates);
    std::uint64_t cellsScanned_ = 0;
};

}  // namespace reportcheck
