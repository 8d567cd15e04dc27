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
    struct Labels { std::vector<std::pair<int, std::string>> rows; };  // (row, label) in row order
    std::map<std::tuple<const Sheet*, int, int>, Labels> labels_;
    // Answers already found: a label reference evaluated on every row searches once.
    std::map<std::tuple<const Sheet*, int, int, std::string, bool, int, int, int>, int> labelHits_;
    std::map<std::pair<const Sheet*, int>, std::map<std::string, int>> numbers_;
    using HeaderRows = std::tuple<const Sheet*, int, int>;
    std::map<HeaderRows, std::vector<std::pair<int, std::string>>> headers_;  // (col, text): column by column, top-down
    std::map<std::tuple<HeaderRows, std::string, bool, int>, int> headerHits_;
    std::uint64_t cellsScanned_ = 0;
};

}  // namespace reportcheck
