#include "mu_expr.h"

#include <muParser.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "reportcheck/rules.h"

namespace reportcheck {

namespace {

// A decimals argument as an int. Casting a double outside int's range is
// undefined behaviour (round(x, 1e300)); no double has digits beyond ±308
// places, so clamping there changes no result. NaN stays NaN (-> `undefined`).
bool decimalsArg(double d, int& out) {
    if (std::isnan(d)) return false;
    out = static_cast<int>(std::max(-308.0, std::min(308.0, d)));
    return true;
}

double muRound(const double* a, int n) {
    if (n < 1 || n > 2) throw mu::ParserError("round(x) or round(x, decimals)");
    int d = 0;
    if (n == 2 && !decimalsArg(a[1], d)) return NAN;
    return roundHalfAway(a[0], d);
}

double muPct(const double* a, int n) {
    if (n < 2 || n > 3) throw mu::ParserError("pct(part, whole) or pct(part, whole, decimals)");
    if (a[1] == 0) return NAN;  // reported as an `undefined` finding by the evaluator
    double v = a[0] / a[1] * 100.0;
    int d = 0;
    if (n == 3 && !decimalsArg(a[2], d)) return NAN;
    return n == 3 ? roundHalfAway(v, d) : v;
}

double muDiv(double a, double b) { return b == 0 ? NAN : a / b; }

// avg over ranges the engine has summed: _rcavg(count, values...) where each
// range contributes its sum and `count` adds up the plain arguments and the
// ranges' cell counts (refs.cpp writes the call).
double muRangeAvg(const double* a, int n) {
    if (n < 2) throw mu::ParserError("_rcavg(count, values...)");
    double s = 0;
    for (int i = 1; i < n; ++i) s += a[i];
    return a[0] == 0 ? NAN : s / a[0];
}

}  // namespace

std::string muVar(size_t i) { return "_v" + std::to_string(i); }

std::unique_ptr<mu::Parser> newParser() {
    // Setting up a parser (operators, built-ins, ours) costs more than parsing a
    // rule's expression: copy a prototype instead. Each thread has its own.
    thread_local const mu::Parser prototype = [] {
        mu::Parser p;
        p.DefineFun("round", muRound);
        p.DefineFun("pct", muPct);
        p.DefineFun("div", muDiv);
        p.DefineFun("_rcavg", muRangeAvg);
        return p;
    }();
    return std::make_unique<mu::Parser>(prototype);
}

MuExpr::MuExpr() = default;
MuExpr::~MuExpr() = default;
MuExpr::MuExpr(MuExpr&&) noexcept = default;
MuExpr& MuExpr::operator=(MuExpr&&) noexcept = default;

void MuExpr::build(const std::string& text, size_t varCount) {
    auto p = newParser();
    std::vector<double> vars(varCount, 0.0);
    for (size_t i = 0; i < varCount; ++i) p->DefineVar(muVar(i), &vars[i]);
    p->SetExpr(text);
    p->Eval();  // parse now, so syntax errors surface at compile time
    // muparser keeps pointers into `vars`; moving the vector keeps its buffer.
    vars_ = std::move(vars);
    parser_ = std::move(p);
}

double MuExpr::eval() { return parser_->Eval(); }

double evaluateExpression(const std::string& expr, const std::vector<std::vector<double>>& args) {
    if (args.size() > 26) throw std::runtime_error("at most 26 arguments (a … z)");
    auto p = newParser();
    std::string text = expr;
    std::vector<std::vector<double>> storage = args;
    // A range argument `b` stands for its list: rewrite the whole word b -> b_1,b_2,…
    for (size_t i = 0; i < storage.size(); ++i) {
        std::string name(1, char('a' + i));
        if (storage[i].size() == 1) {
            p->DefineVar(name, &storage[i][0]);
            continue;
        }
        std::string list;
        for (size_t k = 0; k < storage[i].size(); ++k) {
            std::string v = name + "_" + std::to_string(k + 1);
            p->DefineVar(v, &storage[i][k]);
            list += (k ? "," : "") + v;
        }
        std::string out;
        for (size_t pos = 0; pos < text.size();) {
            bool wordStart = pos == 0 || !(std::isalnum(static_cast<unsigned char>(text[pos - 1])) || text[pos - 1] == '_');
            bool wordEnd = pos + 1 >= text.size() ||
                           !(std::isalnum(static_cast<unsigned char>(text[pos + 1])) || text[pos + 1] == '_');
            if (text[pos] == name[0] && wordStart && wordEnd) {
                out += list.empty() ? "0" : list;
                ++pos;
            } else {
                out += text[pos++];
            }
        }
        text = out;
    }
    try {
        p->SetExpr(text);
        double v = p->Eval();
        if (!std::isfinite(v)) throw std::runtime_error("undefined result (division by zero?) / kết quả không xác định (chia cho 0?)");
        return v;
    } catch (mu::ParserError& e) {
        throw std::runtime_error("expression error / lỗi biểu thức: " + e.GetMsg());
    }
}

}  // namespace reportcheck
