// A compiled rule set as data a program can list, print and reason about:
// `RuleSet::rules()` gives one RuleInfo per rule, `printRules` writes them back
// as rules text that compiles to the same model (the round trip is tested on the
// report's rules and on every construct of the language). Used by
// `reportcheck rules`, and meant for lint, "Show the embedded checks", the
// report sheet and the suggestion command, which must write rules.
// Read-only: the compiled form the evaluator runs stays private to the engine.
#pragma once

#include <string>
#include <vector>

#include "reportcheck/text.h"

#include "reportcheck/finding.h"

namespace reportcheck {

// Where a rule is written: its first line (the keyword) to the end of its last
// continuation line; 1-based lines and columns (columns count characters).
struct TextSpan {
    std::string file;
    int line = 0, column = 0;
    int endLine = 0, endColumn = 0;  // endColumn: just past the last character
};

// What a rule reads from a workbook, each list in order of first mention,
// without repeats, written as in the rules language.
struct RuleReads {
    std::vector<std::string> cells;          // fixed cells: "C5", "'Biểu 6'!D7"
    std::vector<std::string> rowLabels;      // "Tổng số", "Cán bộ*", "Sơ cấp [2]"
    std::vector<std::string> columnHeaders;  // "31/12/2023"
    std::vector<std::string> columnNumbers;  // "4" (the column-number row's "4 (=5+6+7)")
    std::vector<std::string> names;          // named ranges of the workbook
    std::vector<std::string> sheets;         // sheets other than the rule's own
};

// One line of a total's tree: the node as written ("\"1. Xã\"", "C", "#4",
// "#\"Cấp xã\"") and its depth (0: a root; its parts 1, …).
struct TotalPart {
    int depth = 0;
    std::string text;
};

struct RuleInfo {
    std::string id;
    std::string kind;                   // "check" | "total" | "target"
    Severity severity = Severity::Error;
    double tolerance = 0;               // `tol N`
    int decimals = -1;                  // `decimals N`; -1 when not given
    bool derived = false;

    // The section the rule belongs to.
    std::string sheet;
    std::string labels = "A:B";         // label columns
    int numbersRow = 0;                 // 1-based `numbers N`; 0 when none
    int headerRow1 = 0, headerRow2 = 0; // 1-based `headers N:M`; 0 when none

    // check, target: the comparison after ':' as written (white space trimmed);
    // total: its header as written ("cols B:J within \"…\"").
    std::string body;
    // Iteration and scope, in the rules language; "" when not given.
    std::string rows, exceptRows, cols;  // "8:20, \"Tổng số\"" | "C:K, #4"
    std::string within, withinEnd;       // labels (within "…" to "…")
    std::string blocks;                  // `for blocks` list as written: "\"Người\", \"Cơ cấu*\""; "" when none
    bool exact = false;                  // no rounding allowance (`exact`, or below `rounding off`)
    bool placeholders = true;            // "-", "..", "x" read as empty (false below `placeholders off`)
    std::string status, share;           // target: the cells recompute writes
    std::vector<TotalPart> parts;        // total: the tree, in written order
    Text message;                        // as written; empty for the engine's default

    RuleReads reads;
    TextSpan span;
};

// Rules text for `rules`: one `sheet` section (with its labels / numbers /
// headers) before each run of rules of one section, then each rule with its
// attributes spelt out. Compiling it gives the same RuleInfos (spans aside).
std::string printRules(const std::vector<RuleInfo>& rules);

// One rule in a line of words, for people: what it checks and over what.
// "«Tổng số văn bản» = Nghị quyết + Quyết định + … (cột C)". `lang`: vi | en.
std::string describeRule(const RuleInfo& rule, const std::string& lang);

// A string literal of the rules language: "…" with \" and \\ escaped.
std::string quoteRulesString(const std::string& s);

}  // namespace reportcheck
