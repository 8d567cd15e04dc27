// The compiled form of a rules file. Private to the engine.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "mu_expr.h"
#include "reportcheck/finding.h"
#include "reportcheck/rules.h"

namespace reportcheck {

// Which row a reference points at.
struct RowPart {
    enum Kind { Current, Fixed, Label, Node } kind = Current;
    int row = 0;            // Fixed: 0-based; Node: index into the rule's tree nodes
    std::string label;      // Label: normalised text
    bool prefix = false;    // Label ended with '*'
    int occurrence = 1;     // Label: n-th match
};

// Which column a reference points at.
struct ColPart {
    enum Kind { Current, Fixed, Numbered, Header, Node } kind = Current;
    int col = 0;            // Fixed: 0-based; Node: index into the rule's tree nodes
    std::string number;     // Numbered: the text of the column-number cell ("4")
    std::string header;     // Header: normalised header text
    bool prefix = false;    // Header ended with '*'
    int occurrence = 1;     // Header: n-th matching column, left to right
};

struct CellRef {
    std::string sheet;      // empty: the rule's section sheet
    std::string name;       // non-empty: a named range of the workbook
    RowPart row;
    ColPart col;
};

// What the engine hands muparser for a reference. A range is reduced by the
// engine to one value (two for avg: sum and count) instead of one muparser
// variable per cell, so a range costs muparser nothing however large it is.
enum class Agg { Cell, Sum, Min, Max, Avg };

struct Ref {
    CellRef a;
    bool range = false;
    CellRef b;
    Agg agg = Agg::Cell;    // set by placeRefs: the function the range is an argument of
    size_t slot = 0;        // its muparser variable (Avg: slot = sum, slot + 1 = count)
};

// A change to the expression text on its way to muparser: `avg(x, C1:C9)`
// becomes `_rcavg(1+_v2, x, _v1)` (see refs.cpp).
struct MuEdit {
    size_t piece = 0, offset = 0;  // where in pieces[piece]
    size_t erase = 0;              // bytes of the piece replaced
    std::string text;              // inserted
};

// One expression as written, its references, and its muparser form.
struct Expr {
    std::string source;
    int line = 0, col = 0;               // where `source` starts in the rules file
    std::vector<Ref> refs;
    std::vector<std::string> pieces;     // text around refs: pieces.size() == refs.size() + 1
    std::vector<size_t> pieceOffsets;    // offset of each piece in `source`
    std::vector<MuEdit> edits;           // in text order
    size_t slots = 0;                    // muparser variables
    size_t mu = 0;                       // its parser in each run's set (mu_sets.h)
    // Only cells added up (`a + b + c`, `sum(C6:C10)`, a total's parts): its
    // result carries the rounding of every part, so `=` against it gets the
    // rounding allowance (rules/README.md "Rounded parts").
    bool additive = false;
    // Its muparser text is `_vA + _vB + …` and nothing else (white space
    // aside): the slots in text order, so the evaluator adds them up left to
    // right as muparser would, without calling it (a per-row check on 100,000
    // rows spent much of its time there, issue 11). Empty: ask muparser.
    std::vector<size_t> sumSlots;
    // Every reference is one cell of the row being checked, on the rule's own
    // sheet (`B`, `C + D`, `B / C * 100` in `for rows`): the evaluator reads
    // them in one pass without resolving areas (Run::evalRowCells).
    bool rowCells = false;
    bool empty() const { return source.empty(); }
};

struct Section {
    std::string sheet;
    int labelCol1 = 0, labelCol2 = 1;    // label columns (default A:B)
    int numbersRow = -1;                 // the column-number row, -1 when none
    int headerRow1 = -1, headerRow2 = -1;  // rows holding column headers; -1: search the sheet
};

// One item of a `for rows` / `for cols` list.
struct SelItem {
    enum Kind { Number, NumberRange, Label, LabelRange, Column, ColumnRange, NumberedCol, NumberedColRange,
                HeaderCol, HeaderColRange } kind;
    int a = 0, b = 0;
    std::string la, lb;
    ColPart ha, hb;       // HeaderCol(Range): the header selectors
};

struct TreeNode {
    RowPart row;          // nodes of a row-wise tree (total … cols)
    ColPart col;          // nodes of a column-wise tree (total … rows)
    int line = 0, column = 0;
    std::string text;     // as written, for messages
    std::vector<int> children;  // indices into Rule::nodes
};

enum class RuleKind { Check, Total, Target };
enum class CmpOp { Eq, Ne, Lt, Le, Gt, Ge };

// Whether `a op e` holds within `tol` (plus a relative 1e-9 for binary
// rounding). One definition: the evaluator's verdict and error localisation's
// check of a proposed fix must never disagree. Not finite never holds
// (inf - inf <= inf would pass).
inline bool holds(CmpOp op, double a, double e, double tol) {
    if (!std::isfinite(a) || !std::isfinite(e)) return false;
    const double eps = 1e-9 * std::max(1.0, std::max(std::fabs(a), std::fabs(e)));
    switch (op) {
        case CmpOp::Eq: return std::fabs(a - e) <= tol + eps;
        case CmpOp::Ne: return std::fabs(a - e) > tol + eps;
        case CmpOp::Lt: return a < e + tol - eps;
        case CmpOp::Le: return a <= e + tol + eps;
        case CmpOp::Gt: return a > e - tol + eps;
        case CmpOp::Ge: return a >= e - tol - eps;
    }
    return false;
}

// The allowance for a sum of `parts` figures each rounded to `shown` decimals:
// each part may be off by half a unit of the last decimal, so their sum by
// parts × half a unit (1.893,74 against 1.893,75; shares adding to 100,01).
// Whole numbers (shown = 0) are counts and exact: none. One definition for the
// evaluator and anyone re-checking its verdict.
inline double roundingAllowance(int shown, std::uint64_t parts) {
    if (shown <= 0 || parts < 2) return 0;
    return double(parts) * 0.5 * std::pow(10.0, -shown);
}

struct Rule {
    RuleKind kind = RuleKind::Check;
    std::string id;
    Severity severity = Severity::Error;
    double tol = 0;
    int decimals = -1;
    bool derived = false;
    Section section;
    std::string file;
    int line = 0;
    int endLine = 0, endColumn = 0;       // the end of its last line (RuleInfo::span)

    // check: lhs op rhs; target: lhs direction rhs [and rhs2]; total: one (lhs, rhs) per parent
    Expr lhs, rhs, rhs2;
    CmpOp op = CmpOp::Eq;
    TargetDirection direction = TargetDirection::AtLeast;
    std::unique_ptr<Ref> statusCell, shareCell;
    std::string statusText, shareText;    // as written, for RuleInfo

    // iteration
    std::vector<SelItem> rows, exceptRows, cols;
    bool hasRows = false, hasCols = false;
    std::string withinStart, withinEnd;
    // `for blocks "A", "B"`: the rule runs once per block, each block starting
    // at a row labelled with one of these and ending above the next one; label
    // searches stay inside the block (issue 9: one rule for a label repeated
    // per block). Normalised, a trailing '*' kept for a prefix.
    std::vector<std::string> blocks;

    // Rule-set options in force where the rule was written.
    bool placeholders = true;   // "-", "..", "x", "…" read as empty (`placeholders off`)
    bool roundingAllowance = true;  // n parts × half a unit for sums of rounded parts (`rounding off`, `exact`)

    // A check on text: the left cell's text equals (`=`, `<>`) or matches
    // (`matches`, glob * and ?) `textValue`, compared after normalising spaces.
    bool textCheck = false, textMatch = false;
    std::string textValue;

    // total
    bool byRows = false;                  // true: nodes are columns, iterate rows
    std::vector<TreeNode> nodes;
    std::vector<int> roots;
    struct Parent { int node; Expr lhs, rhs; };
    std::vector<Parent> parents;

    std::string msgVi, msgEn;
    std::string display;  // the body as written, for default messages
    std::string body;     // the body as written, white space at the ends trimmed (RuleInfo::body)
};

// The tolerance an instance of `r` is compared with: its `tol`, plus the
// rounding allowance when the right side `rhs` adds up `cells` rounded parts
// shown at `shown` decimals. The evaluator's verdict uses exactly this; error
// localisation should too, or it sees a violated total where the evaluator saw
// rounding.
inline double effectiveTol(const Rule& r, const Expr& rhs, int shown, std::uint64_t cells) {
    double tol = r.tol;
    if (r.roundingAllowance && r.op == CmpOp::Eq && rhs.additive) tol += roundingAllowance(shown, cells);
    return tol;
}

}  // namespace reportcheck
