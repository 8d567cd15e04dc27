// Finds the cell references in an expression as written in a rules file and
// turns them into muparser variables. This is a lexer for references only:
// muparser parses and evaluates the expression itself.
#pragma once

#include <string>
#include <vector>

#include "rule_model.h"

namespace reportcheck {

struct RefError {
    size_t offset;        // byte offset in the expression text
    std::string message;  // English
    std::string messageVi;
};

// Scan `text` into expr.refs / expr.pieces. Returns false and fills `err` on a
// malformed reference.
bool scanExpression(const std::string& text, Expr& expr, RefError& err);

// Parse exactly one reference (used by `status` and `share`).
bool scanSingleRef(const std::string& text, Ref& ref, RefError& err);

// Static number of cells of a range (0 when it depends on labels or names).
size_t staticRangeSize(const Ref& r);

// The muparser text for given range sizes, and a map from its offsets back to
// offsets in the source (for error positions).
std::string muText(const Expr& e, const std::vector<size_t>& sizes, std::vector<size_t>* backMap);

}  // namespace reportcheck
