#include "mu_expr.h"

#include <muParser.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "reportcheck/arithmetic.h"
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

// date(year, month, day): the day as Calc keeps a date cell, serial days from
// 1899-12-30, so a rule compares date cells with a date it names
// (`C5 <= date(2024, 12, 31)`). Not a real day (31/2, month 13) is NaN, an
// `undefined` finding, never a silent pass.
double muDate(double y, double m, double d) {
    if (!(y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31) || y != std::floor(y) || m != std::floor(m) ||
        d != std::floor(d))
        return NAN;
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    long long yy = static_cast<long long>(y), mm = static_cast<long long>(m), dd = static_cast<long long>(d);
    bool leap = (yy % 4 == 0 && yy % 100 != 0) || yy % 400 == 0;
    if (dd > kDays[mm - 1] + (mm == 2 && leap ? 1 : 0)) return NAN;
    return static_cast<double>(daysFromCivil(yy, mm, dd) - kNullDateFrom1970);
}

}  // namespace

std::string muVar(size_t i) { return "_v" + std::to_string(i); }

std::unique_ptr<mu::Parser> newParser() {
    // muparser reads numbers through a std::istringstream imbued with its own
    // static locale; libstdc++ builds that locale's numpunct cache on first use
    // and publishes it with an atomic that ThreadSanitizer cannot see (libstdc++
    // is not instrumented), so two workers compiling their first number at once
    // were reported as a race (CI, `validate -j 4`). Parse one number here, once
    // per process, under a function-local static's guard: every later reader
    // finds the cache built before it started.
    static const bool numbersReady = [] {
        mu::Parser warm;
        warm.SetExpr("0.5");
        return warm.Eval() == 0.5;
    }();
    (void)numbersReady;
    // Setting up a parser (operators, built-ins, ours) costs more than parsing a
    // rule's expression: copy a prototype instead. Each thread has its own.
    thread_local const mu::Parser prototype = [] {
        mu::Parser p;
        p.DefineFun("round", muRound);
        p.DefineFun("pct", muPct);
        p.DefineFun("div", muDiv);
        p.DefineFun("date", muDate);
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

namespace {

bool wordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The aggregate of a range argument, computed here: sum(b), min(b), max(b),
// avg(b) become one variable each, as in compiled rules (refs.cpp), so a
// range of a million cells costs muparser nothing and the expression stays
// short. A range anywhere else is an error, never silently one of its cells.
std::string aggregateRange(const std::string& text, char name, const std::vector<double>& values, mu::Parser& p,
                           std::vector<double>& slots) {
    static const char* kAggregates[] = {"sum", "min", "max", "avg"};
    std::string out;
    size_t copied = 0;
    for (size_t pos = 0; pos < text.size(); ++pos) {
        if (text[pos] != name || (pos > 0 && wordChar(text[pos - 1])) || (pos + 1 < text.size() && wordChar(text[pos + 1])))
            continue;
        // Back over "  (" to the function name, forward over "  )".
        size_t open = pos;
        while (open > 0 && std::isspace(static_cast<unsigned char>(text[open - 1]))) --open;
        size_t close = pos + 1;
        while (close < text.size() && std::isspace(static_cast<unsigned char>(text[close]))) ++close;
        int fn = -1;
        if (open > 0 && text[open - 1] == '(' && close < text.size() && text[close] == ')') {
            size_t nameEnd = open - 1;
            while (nameEnd > 0 && std::isspace(static_cast<unsigned char>(text[nameEnd - 1]))) --nameEnd;
            for (int f = 0; f < 4; ++f) {
                size_t len = std::strlen(kAggregates[f]);
                if (nameEnd >= len && text.compare(nameEnd - len, len, kAggregates[f]) == 0 &&
                    (nameEnd == len || !wordChar(text[nameEnd - len - 1]))) {
                    fn = f;
                    open = nameEnd - len;
                }
            }
        }
        if (fn < 0)
            throw TextError({"vùng (" + std::string(1, name) + ") phải là toàn bộ đối số của sum, min, max hoặc avg",
                             "a range (" + std::string(1, name) + ") must be the whole argument of sum, min, max or avg"});
        double v = 0;
        if (values.empty()) v = fn == 0 ? 0 : NAN;
        else if (fn == 1) v = *std::min_element(values.begin(), values.end());
        else if (fn == 2) v = *std::max_element(values.begin(), values.end());
        else {
            for (double x : values) v += x;
            if (fn == 3) v /= static_cast<double>(values.size());
        }
        slots.push_back(v);
        std::string var = std::string("_") + name + std::to_string(slots.size());
        out.append(text, copied, open - copied);
        out += var;
        copied = close + 1;
        pos = close;
    }
    out.append(text, copied, std::string::npos);
    for (size_t k = 0; k < slots.size(); ++k)
        if (out.find(std::string("_") + name + std::to_string(k + 1)) != std::string::npos)
            p.DefineVar(std::string("_") + name + std::to_string(k + 1), &slots[k]);
    return out;
}

}  // namespace

double evaluateExpression(const std::string& expr, const std::vector<std::vector<double>>& args) {
    if (args.size() > 26) throw TextError({"tối đa 26 đối số (a … z)", "at most 26 arguments (a … z)"});
    // The same bound as one side of a compiled rule: a cell's formula is a stranger's text.
    if (expr.size() > Limits().maxExpressionChars)
        throw TextError({"biểu thức dài quá " + std::to_string(Limits().maxExpressionChars) + " ký tự",
                         "expression longer than " + std::to_string(Limits().maxExpressionChars) + " characters"});
    auto p = newParser();
    std::string text = expr;
    std::vector<std::vector<double>> storage = args;
    std::vector<std::vector<double>> aggregates(storage.size());
    for (size_t i = 0; i < storage.size(); ++i) {
        std::string name(1, char('a' + i));
        if (storage[i].size() == 1) p->DefineVar(name, &storage[i][0]);
        else text = aggregateRange(text, name[0], storage[i], *p, aggregates[i]);
    }
    try {
        p->SetExpr(text);
        double v = p->Eval();
        if (!std::isfinite(v)) throw TextError({"kết quả không xác định (chia cho 0?)", "undefined result (division by zero?)"});
        return v;
    } catch (mu::ParserError& e) {
        throw TextError({"lỗi biểu thức: " + e.GetMsg(), "expression error: " + e.GetMsg()});
    }
}

}  // namespace reportcheck
