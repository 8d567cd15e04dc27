// A muparser expression whose variables are slots filled per evaluation.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace mu { class Parser; }

namespace reportcheck {

class MuExpr {
public:
    MuExpr();
    ~MuExpr();
    MuExpr(MuExpr&&) noexcept;
    MuExpr& operator=(MuExpr&&) noexcept;

    // Compile `text`, which uses variables _v0 … _v{count-1}. Throws mu::ParserError.
    void build(const std::string& text, size_t varCount);
    double* vars() { return vars_.data(); }
    double eval();  // throws mu::ParserError

private:
    std::unique_ptr<mu::Parser> parser_;
    std::vector<double> vars_;
};

// The variable name of slot i.
std::string muVar(size_t i);
// A parser with our functions (round, pct, div, and _rcavg for averages over
// ranges) registered.
std::unique_ptr<mu::Parser> newParser();

}  // namespace reportcheck
