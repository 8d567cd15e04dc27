// What a run of the rules produces. Presenters (terminal, JSON, HTML, Calc
// marks and report sheet) only read these.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reportcheck/text.h"

namespace reportcheck {

struct Workbook;

enum class Severity { Error, Warning, Info };
const char* severityName(Severity s);  // "error" | "warning" | "info"

enum class FindingKind {
    Check,        // a check / total rule does not hold
    Target,       // a target's status (met targets are Info)
    CellError,    // an error cell (#VALUE!, #DIV/0! ...) in a checked sheet
    TextNumber,   // a number stored as text ("87.107"), evaluated with a warning
    NotNumber,    // text where a number was needed
    Undefined,    // division by zero / undefined result in a rule
    MissingRef,   // a sheet, label or name the rule needs is not in the workbook
    Limit,        // an evaluation limit for untrusted rules was hit
};
const char* findingKindName(FindingKind k);

enum class TargetStatus { None, Met, Exceeded, NotMet };  // đạt / vượt / không đạt
const char* targetStatusVi(TargetStatus s);
const char* targetStatusEn(TargetStatus s);

enum class TargetDirection;  // arithmetic.h: at least, at most, between, more than, less than

// How a check's recorded value must relate to the computed one (`A op B`).
enum class Comparison { Eq, Ne, Lt, Le, Gt, Ge };

// A sheet, row label, column header, column number or name the rule needs and
// the workbook lacks: what kind of thing, its text, where it was looked for.
struct MissingRef {
    enum Kind { None, Sheet, Label, Header, NumberedColumn, Name } kind = None;
    std::string text;        // the label, header, number or name as written ("Cán bộ*")
    std::string inSheet;     // the sheet searched; "" when it is the rule's own (said without it)
    int occurrence = 1;      // `[n]`: the n-th match was asked for
    std::string suggestion;  // the sheet, label or header with the closest name ("did you mean"); "" when none
};

// A cell error localisation names as likely wrong (engine/src/locate/,
// docs/LOCALISATION.md): among all ways to make every check of the table hold,
// the one changing the fewest cells (weighted) changes these.
struct Suspect {
    std::string sheet;
    int row = 0, col = 0;           // 0-based
    double value = 0;               // what the cell holds
    double fix = 0;                 // the value that makes the table's checks hold
    bool date = false;              // a date cell: value and fix are serial days, written as dates
    std::string cell() const;       // "F26"
};

// What localisation says about the table (connected checks) a failing finding is in.
struct Suspects {
    std::vector<Suspect> cells;                  // the minimal set, most likely first; empty: none found
    std::vector<std::vector<Suspect>> ties;      // other sets of the same weight (then nobody can tell which)
    int failingChecks = 0;                       // failing checks of the table the set makes hold
    Text note;                                   // why no set is named (budget, no solution); empty otherwise
    bool empty() const { return cells.empty() && note.empty(); }
};

struct Finding {
    std::string ruleId;
    Severity severity = Severity::Error;
    FindingKind kind = FindingKind::Check;
    std::string sheet;
    int row = -1, col = -1;         // 0-based; -1 when not tied to a cell
    bool hasValues = false;         // expected / actual / difference are meaningful
    double expected = 0, actual = 0, difference = 0;
    TargetStatus status = TargetStatus::None;
    double share = 0;               // % of target achieved (targets)
    Text message;                   // what the finding says (messages.cpp, or the rule's own vi/en)
    std::string ruleFile;           // where the rule (or the failing part of it) is written
    int ruleLine = 0, ruleColumn = 0;
    std::string rowLabel;           // the label of the cell's row ("Nghị quyết"); see labelRows

    // What the finding is about, as data: engine/src/messages.cpp writes every
    // default message (and fills a rule's own vi/en templates) from these and
    // nothing else, so the words live in one place.
    std::string columnHeader;       // the header of the cell's column ("Thành thị"); "" when none
    std::string block;              // the heading of the block the row is in, when its label repeats ("Cơ cấu (%)")
    std::string ruleText;           // the rule's body as written ({label} of a rule's own template)
    int decimals = -1;              // decimals the values are compared and written with; -1: not known
    Comparison relation = Comparison::Eq;     // Check: how actual must relate to expected
    bool dates = false;                   // Check: the checked cell is a date, so both values are days (Calc's serials)
    bool isTotal = false;                 // Check: a total against the sum of its parts
    std::string totalName;                // total: the node as the rule writes it ({label}: "Tổng số", "B")
    std::vector<std::string> parts;       // total: its first parts in the table's words (row labels or column headers)
    std::uint64_t partCount = 0;          // total: how many parts it has (parts names at most the first few)
    bool hasTarget = false;               // Target: a target value was read (expected, targetHigh)
    TargetDirection direction{};          // Target: at least, at most, …
    double targetHigh = 0;                // Target, Between: the high end (expected is the low end)
    std::string cellText;                 // CellError, TextNumber, NotNumber, a check on text: what the cell holds
    std::string wantText;                 // Check on text: what the text must be (relation Eq / Ne) or match
    bool wantPattern = false;             // Check on text: wantText is a pattern (* and ?)
    MissingRef missing;                   // MissingRef
    std::string limitName;                // Limit: "maxEvaluations"
    std::uint64_t limitValue = 0;         // Limit: its value
    std::uint64_t limitCount = 0;         // Limit: findings left unlisted, or cells of a range too large
    std::string limitRange;               // Limit, maxRangeCells: the range ("A1:Z9999")
    bool limitStops = false;              // Limit: the run ended here
    Suspects suspects;              // failing checks only: the cells most likely wrong (locate.h)

    std::string cell() const;       // "C5" or ""
};

// A value that recompute may write: only cells a rule declares as derived.
struct DerivedValue {
    std::string ruleId;
    std::string sheet;
    int row = 0, col = 0;
    bool isText = false;
    double number = 0;
    std::string text;
};

// What one rule did in a run, in the manner of R validate's summary(): how
// many instances (one cell, one row of a total, one target) it checked, how
// many held, and how many it could not check and why. A rule that cannot start
// (its sheet, `within` label or a row of its `for rows` list is missing) counts
// one skippedMissingRef and no instance.
struct RuleOutcome {
    std::string ruleId;
    std::uint64_t passed = 0;             // instances that hold (a target met or exceeded)
    std::uint64_t failed = 0;             // instances that do not (a target not met or without a value)
    std::uint64_t skippedEmpty = 0;       // every cell the instance reads is empty: nothing was reported
    std::uint64_t skippedMissingRef = 0;  // a sheet, label, header or name it needs is not there
    std::uint64_t skippedNotNumber = 0;   // a cell it needs holds text
    std::uint64_t skippedErrorCell = 0;   // a cell it needs is an error (#VALUE!)
    std::uint64_t skippedUndefined = 0;   // division by zero: an `undefined` finding
    std::uint64_t skippedLimit = 0;       // a limit of the run cut it short
    std::uint64_t findings = 0;           // error and warning findings listed under its id
    TargetStatus status = TargetStatus::None;  // a target: the status of its first finding (sheet order)

    std::uint64_t checked() const { return passed + failed; }
    std::uint64_t skipped() const {
        return skippedEmpty + skippedMissingRef + skippedNotNumber + skippedErrorCell + skippedUndefined + skippedLimit;
    }
    // "failed" (an instance does not hold, or a finding), "passed" (every checked
    // instance holds), "skipped" (nothing could be checked).
    const char* verdict() const;
};

struct Result {
    std::vector<Finding> findings;       // sorted: sheet order, row, col, rule id
    std::vector<RuleOutcome> rules;      // one per rule, in the order written
    std::vector<DerivedValue> derived;   // what recompute writes
    int rulesRun = 0;                    // rules compiled and run
    int rulesFailed = 0;                 // rules with at least one error/warning finding
    int errors() const;
    int warnings() const;
    int infos() const;
    bool clean() const { return errors() == 0 && warnings() == 0; }
};

// What a rewrite of the workbook (Recompute) broke: the indices into
// `after.findings` of the errors and warnings at a cell with no finding of the
// same rule at the same cell (sheet, row, column) in `before` — checks that held
// before (or were not reached) and fail now. In `after`'s order.
std::vector<size_t> newlyFailing(const Result& before, const Result& after);

// Fills each finding's rowLabel from `wb`, for presenters: a cell address alone
// does not tell a reader which line of the table is wrong. The label is the
// text in the label columns (A:B, the rules language's default) of the
// finding's row, left of its cell, joined by a space; numbers there (the "TT"
// column) are not labels. "" when there is none. A label the evaluator already
// found (from the rule's own label columns) is kept.
void labelRows(Result& result, const Workbook& wb);

}  // namespace reportcheck
