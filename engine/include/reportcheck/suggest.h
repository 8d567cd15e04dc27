// `reportcheck suggest`: draft the checks from the arithmetic a workbook
// already shows (totals, sub-totals, averages, percentages, relative change).
// Pure engine code on a Workbook snapshot: no UNO, no file access.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reportcheck/workbook.h"

namespace reportcheck {

enum class RelationKind { Sum, Average, Division, RelativeChange };
const char* relationKindName(RelationKind k);  // "sum", "average", "division", "relative-change"

// One relation repeated along a table: the same arithmetic in every column of
// a row (vertical: the aggregator and its inputs share a column) or in every
// row of a column (horizontal). "Lines" are the columns (vertical) or rows
// (horizontal) the relation is applied to. 0-based indices throughout.
struct Pattern {
    RelationKind kind = RelationKind::Sum;
    bool vertical = true;
    int target = 0;              // the aggregator's row (vertical) or column (horizontal)
    std::vector<int> parts;      // input rows (vertical) or columns; division {numerator, denominator},
                                 // relative change {old, new}
    std::vector<int> partLine;   // per part: -1 = the current line, else a fixed line (share of a total)
    double scale = 1;            // 100 for percentages
    std::vector<int> holds;      // lines where the relation holds at the shown precision
    std::vector<int> fails;      // lines where it is expected but does not hold: findings to be
    int decimals = -1;           // shown decimals of the aggregator cells (-1 unknown)
    std::string evidence;        // how it was found ("adjacent parts", "sub-totals", "header formula" …)
    bool stated = false;         // the table says so: a header formula, a row labelled "Tổng số" / "Total"

    // The aggregator and input cells (row, col) on a line.
    std::pair<int, int> cell(int line) const;
    std::vector<std::pair<int, int>> inputs(int line) const;
};

// One aggregator cell of a pattern, as the JSON lists it.
struct Relation {
    RelationKind kind = RelationKind::Sum;
    int row = 0, col = 0;
    std::vector<std::string> inputs;  // A1 cells or ranges of the numeric inputs, in order
    bool holds = true;                // false: expected by the pattern, fails (a finding to be)
};

struct SheetSuggestions {
    std::string sheet;
    // Work done on this sheet (cells read, candidate relations tried) and, when
    // a bound of SuggestOptions was hit, its name: the relations are those
    // found until then.
    std::uint64_t work = 0;
    std::string cutShort;        // empty, or "maxWork" / "maxMilliseconds"
    int labelCol = -1;           // the column holding row labels, -1 when none
    std::vector<Pattern> patterns;  // in sheet orientation
    std::vector<Relation> relations;
};

struct FileSuggestions {
    std::string path;
    std::string error;           // non-empty when the file could not be read
    std::vector<SheetSuggestions> sheets;
};

// Bounds of the search (docs/SECURITY.md): a workbook comes from a
// stranger, and a sheet of random figures makes every pair of lines a candidate.
struct SuggestOptions {
    std::uint64_t maxWork = 100'000'000;     // cells read, walked, candidates tried: ~2-4 s; the largest sheet of the 385 benchmark files needs 14 M
    std::uint64_t maxMilliseconds = 5000;  // wall clock for the whole workbook, as the evaluator's maxRunMilliseconds
};

// Detect the relations of every sheet.
std::vector<SheetSuggestions> suggestRelations(const Workbook& wb, const SuggestOptions& opt = {});

// The note the draft and the JSON give for a sheet cut short (Vietnamese, then
// English); empty when it was not.
std::string cutShortNote(const SheetSuggestions& s);

// {"format": "reportcheck-suggestions", "version": 1, "files": [...]}: one
// object per aggregator cell where a relation holds or is expected.
std::string suggestionsJson(const std::vector<FileSuggestions>& files);

// A draft rules file (the project's language) for one workbook; it compiles
// with RuleSet::compile.
std::string suggestionsRules(const Workbook& wb, const FileSuggestions& s);

}  // namespace reportcheck
