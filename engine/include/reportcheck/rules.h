// The rules language: text -> compiled rule set -> Result over a Workbook.
// The language is documented in rules/README.md.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "reportcheck/arithmetic.h"  // rounding, percent, targets: not the rules' own, kept here for callers
#include "reportcheck/finding.h"
#include "reportcheck/rule_info.h"
#include "reportcheck/text.h"
#include "reportcheck/workbook.h"

namespace reportcheck {

// One problem in a rules text, with where it is (1-based line and column).
struct Diagnostic {
    std::string file;
    int line = 0, column = 0;
    Text message;              // says what was expected
    std::string format(const std::string& lang = "vi") const;  // file:line:col: message, in `lang`
};

// Every problem of a rules text; text() is them all, one a line.
class RulesError : public TextError {
public:
    explicit RulesError(std::vector<Diagnostic> d);
    const std::vector<Diagnostic>& diagnostics() const { return diags_; }
private:
    std::vector<Diagnostic> diags_;
};

// Limits on the work a rules text may cause. Rules embedded in a workbook are
// hostile input (anyone can send a workbook), so every limit bounds WORK —
// cells read, instances evaluated, bytes written, time — not only how many
// rules there are. Together they keep `reportcheck validate` under 10 s and
// 512 MiB on a 2-core machine whatever the rules say. A limit hit while
// compiling is one Diagnostic per limit; a limit hit while running is one
// finding of kind `limit` naming the limit, its value and the rule or cell.
// Trusted files (--rules, the bundled rules) get the same work limits: the
// report's own rules use a tiny fraction of each (report-536: 212 rules,
// < 30,000 cells read, 53 findings, ~60 ms), so nothing legitimate needs more,
// and one set of numbers is simpler to reason about; they differ only in
// `allowInclude`. All counters are 64-bit.
struct Limits {
    bool allowInclude = true;           // false for embedded rules: no file access
    // Compiling.
    std::uint64_t maxTextBytes = 4u << 20;    // all rules text: 4 MiB is ~30× the report's rules
    std::uint64_t maxRules = 2000;            // ~10× the report (212); each compiled rule holds two muparser
                                              // parsers (~13 KiB, ~0.12 ms to build)
    std::uint64_t maxExpressionChars = 4000;  // one side of a comparison; the longest real one is < 300
    std::uint64_t maxExpressionCharsTotal = 256u << 10;  // all text handed to muparser: it parses at ~5 µs a
                                              // character (4 MiB of "1+1+…" took 26 s), so this bounds
                                              // compiling to ~1.5 s; the report needs ~10 KiB
    std::uint64_t maxDiagnostics = 100;       // then one "N more problems" line: lint output stays readable and small
    std::uint64_t maxNameBytes = 256;         // a rule id or sheet name: copied into every rule of a section and
                                              // every finding, so a long one would multiply; Calc sheet names are shorter
    int maxIncludeDepth = 8;
    // Running (per RuleSet::run).
    std::uint64_t maxEvaluations = 5000000;   // expression evaluations: ~1 s of muparser work
    std::uint64_t maxRangeCells = 100000;     // cells in one range (a whole 1000 × 100 table)
    std::uint64_t maxCellsTouched = 50000000; // cells read by all ranges, references and label/header scans:
                                              // ~0.5 s of reads; the report reads < 30,000
    std::uint64_t maxBlocks = 1000;           // blocks one `for blocks` rule runs over: each runs the whole rule
                                              // again; a yearbook table has a handful, a prefix anchor matching
                                              // every row of a hostile sheet must not multiply the work by 1M
    std::uint64_t maxLabelColumns = 16;       // width of `labels A:P`: the label index holds rows × this many cells
    std::uint64_t maxFindingsPerRule = 1000;  // then one limit finding "… N more not listed"
    std::uint64_t maxFindings = 10000;        // all rules; nobody reads more, and each costs memory and output
    std::uint64_t maxDerivedValues = 100000;  // cells recompute may write in one run: a whole 1000 × 100 table
    std::uint64_t maxMessageBytes = 16384;    // one expanded message ({label} is the rule's text, up to 4000 chars)
    std::uint64_t maxMessageBytesTotal = 16u << 20;  // all messages of a run (both languages): bounds memory and output
    std::uint64_t maxRunMilliseconds = 5000;  // wall clock of one run, checked every few thousand cells or
                                              // evaluations; half the 10 s budget, leaving room to read the
                                              // workbook and write the output
    // Error localisation (docs/LOCALISATION.md): bounds on each table's MIP
    // and on all of them, so a huge or hostile table ends in a note, not a hang.
    bool locate = true;                       // name the cells most likely wrong
    std::uint64_t maxLocateCells = 2000;      // MIP variables per table (cells that may change); the
                                              // report's largest table needs < 200
    std::uint64_t maxLocateChecks = 4000;     // MIP constraints per table (check instances)
    std::uint64_t maxLocateFailing = 4;       // failing checks solved together: a table failing more is split
                                              // into clusters of failing checks that read a common cell, and a
                                              // cluster failing more is broken as a whole (Fellegi–Holt assumes
                                              // errors are rare; docs/LOCALISATION.md)
    std::uint64_t maxLocateMilliseconds = 100;       // solver time per table (GLPK's tm_lim)
    std::uint64_t maxLocateMillisecondsTotal = 500;  // all tables of a run; then a note on the rest
    static Limits untrusted() { Limits l; l.allowInclude = false; return l; }
};

struct Rule;    // defined in the engine's private headers
class MuSets;

class RuleSet {
public:
    // Parse and compile. Throws RulesError listing every problem found.
    // `file` names the text in diagnostics and is the base for `include`.
    static RuleSet compile(const std::string& text, const std::string& file,
                           const Limits& limits = Limits());
    static RuleSet compileFile(const std::string& path, const Limits& limits = Limits());

    // Compile what compiles: the rules without a problem, every diagnostic in
    // `diags`. For `reportcheck lint --workbook`, which then checks the good
    // rules' references, so syntax and reference problems come in one run.
    static RuleSet compileValid(const std::string& text, const std::string& file, std::vector<Diagnostic>& diags,
                                const Limits& limits = Limits());

    // Parse only, collecting every diagnostic (for `reportcheck lint`).
    static std::vector<Diagnostic> lint(const std::string& text, const std::string& file,
                                        const Limits& limits = Limits());

    // Safe to call from several threads at once: each run takes its own
    // muparser variables, so one compiled set serves every thread.
    Result run(const Workbook& wb) const;
    size_t size() const;
    std::vector<std::string> ruleIds() const;
    // The rules as data, in the order written (reportcheck/rule_info.h).
    std::vector<RuleInfo> rules() const;

    RuleSet();
    ~RuleSet();
    RuleSet(RuleSet&&) noexcept;
    RuleSet& operator=(RuleSet&&) noexcept;

private:
    std::vector<std::unique_ptr<Rule>> rules_;
    std::unique_ptr<MuSets> mu_;  // the expressions' parsers, one set per concurrent run
    Limits limits_;
    friend class RuleCompiler;
};

// The text of a rules file with every `include` inlined (recursively), for
// embedding in a workbook: the one inliner. It carries out exactly the
// includes the compiler would (same statement test, paths, reader, depth and
// cycle check), so the text compiles to the same rules as the file. Throws
// RulesError when a file cannot be read, on a cycle or too deep a nesting.
std::string flattenRules(const std::string& path, int maxDepth = 8);

// Evaluate one muparser expression with variables a, b, c ... bound to the
// given arguments. A one-value argument is a plain variable; a range argument
// stands for its list of values, for use inside sum/min/max/avg: sum(b).
// Throws TextError (text.h), saying why in both languages, on a bad expression or an
// undefined result (division by zero).
double evaluateExpression(const std::string& expr,
                          const std::vector<std::vector<double>>& args);


}  // namespace reportcheck
