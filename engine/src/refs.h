// Finds the cell references in an expression as written in a rules file and
// turns them into muparser variables. This is a lexer for references only:
// muparser parses and evaluates the expression itself.
#pragma once

#include <string>
#include <vector>

#include "reportcheck/text.h"
#include "rule_model.h"

namespace reportcheck {

struct RefError {
    size_t offset;        // byte offset in the expression text
    Text message;
};

// Scan `text` into expr.refs / expr.pieces. Returns false and fills `err` on a
// malformed reference.
bool scanExpression(const std::string& text, Expr& expr, RefError& err);

// Parse exactly one reference (used by `status` and `share`).
bool scanSingleRef(const std::string& text, Ref& ref, RefError& err);

// Static number of cells of a range (0 when it depends on labels or names).
size_t staticRangeSize(const Ref& r);

// Decides how each reference reaches muparser: a single cell is a variable; a
// range must be a whole argument of sum, min, max or avg, and the engine
// aggregates it (Ref::agg). Assigns variable slots and the text edits an avg
// over ranges needs. False with `err` for a range anywhere else (`B5 = B6:B10`
// would silently compare B10 only; `sum(C1:C9 * 2)` would double one cell).
bool placeRefs(Expr& e, RefError& err);

// The muparser text of a placed expression, and a map from its offsets back to
// offsets in the source (for error positions).
std::string muText(const Expr& e, std::vector<size_t>* backMap);

}  // namespace reportcheck
