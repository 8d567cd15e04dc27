// The rules language: text -> compiled rule set -> Result over a Workbook.
// The language is documented in rules/README.md.
#pragma once

#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "reportcheck/finding.h"
#include "reportcheck/workbook.h"

namespace reportcheck {

// One problem in a rules text, with where it is (1-based line and column).
struct Diagnostic {
    std::string file;
    int line = 0, column = 0;
    std::string message;       // English, says what was expected
    std::string messageVi;     // Vietnamese
    std::string format(const std::string& lang = "vi") const;  // file:line:col: message
};

class RulesError : public std::runtime_error {
public:
    explicit RulesError(std::vector<Diagnostic> d);
    const std::vector<Diagnostic>& diagnostics() const { return diags_; }
private:
    std::vector<Diagnostic> diags_;
};

// Limits that apply to rules from untrusted sources (rules embedded in a
// workbook someone sent). Trusted files get the same limits but may include.
struct Limits {
    bool allowInclude = true;           // false for embedded rules: no file access
    size_t maxTextBytes = 4u << 20;     // size of all rules text
    size_t maxRules = 20000;
    size_t maxExpressionChars = 4000;
    size_t maxEvaluations = 5000000;    // rule instances evaluated per run
    size_t maxRangeCells = 100000;      // cells in one range reference
    int maxIncludeDepth = 8;
    static Limits untrusted() { Limits l; l.allowInclude = false; return l; }
};

struct Rule;  // defined in the engine's private headers

class RuleSet {
public:
    // Parse and compile. Throws RulesError listing every problem found.
    // `file` names the text in diagnostics and is the base for `include`.
    static RuleSet compile(const std::string& text, const std::string& file,
                           const Limits& limits = Limits());
    static RuleSet compileFile(const std::string& path, const Limits& limits = Limits());

    // Parse only, collecting every diagnostic (for `reportcheck lint`).
    static std::vector<Diagnostic> lint(const std::string& text, const std::string& file,
                                        const Limits& limits = Limits());

    // Safe to call from several threads: runs of one RuleSet take turns (its
    // compiled expressions hold their variables); use one RuleSet per thread to
    // run in parallel.
    Result run(const Workbook& wb) const;
    size_t size() const;
    std::vector<std::string> ruleIds() const;
    const std::string& origin() const { return origin_; }  // "embedded" | file path | "bundled"
    void setOrigin(std::string o) { origin_ = std::move(o); }

    RuleSet();
    ~RuleSet();
    RuleSet(RuleSet&&) noexcept;
    RuleSet& operator=(RuleSet&&) noexcept;

private:
    std::vector<std::unique_ptr<Rule>> rules_;
    std::unique_ptr<std::mutex> running_ = std::make_unique<std::mutex>();
    Limits limits_;
    std::string origin_;
    friend class RuleCompiler;
};

// The text of a rules file with every `include` inlined (recursively), for
// embedding in a workbook. Throws RulesError when a file cannot be read.
std::string flattenRules(const std::string& path, int maxDepth = 8);

// Evaluate one muparser expression with variables a, b, c ... bound to the
// given arguments. A one-value argument is a plain variable; a range argument
// stands for its list of values, for use inside sum/min/max/avg: sum(b).
// Throws std::runtime_error with a readable message on a bad expression or an
// undefined result (division by zero).
double evaluateExpression(const std::string& expr,
                          const std::vector<std::vector<double>>& args);

// The report's rounding: half away from zero to `decimals` places.
double roundHalfAway(double v, int decimals);
// part / whole * 100 rounded; throws std::domain_error on a zero whole.
double percent(double part, double whole, int decimals);

// At least / at most / between, and the strict directions of "trên 90%" (MoreThan)
// and "dưới 20%" (LessThan).
enum class TargetDirection { AtLeast, AtMost, Between, MoreThan, LessThan };
// Status and share (% of target achieved) of an actual value against a target.
// For Between, `target` is the low end and `high` the high end. A strict target
// has no "đạt": a value beyond it is "vượt", the target value itself (within the
// tolerance) and anything short of it "không đạt".
TargetStatus targetStatus(TargetDirection d, double actual, double target, double high = 0,
                          double tolerance = 1e-9);
double targetShare(TargetDirection d, double actual, double target);
bool parseTargetDirection(const std::string& word, TargetDirection& d);  // vi or en words

}  // namespace reportcheck
