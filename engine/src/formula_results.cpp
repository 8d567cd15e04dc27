#include "formula_results.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <deque>
#include <unordered_map>

#include "read_notes.h"
#include "reportcheck/arithmetic.h"  // daysFromCivil

namespace reportcheck {

namespace {
std::string whereOf(const PendingFormula& f) { return "'" + f.sheet + "'!" + cellName(f.row, f.col); }
}  // namespace

void PendingFormulas::add(PendingFormula f) {
    ++count;
    if (count == 1) first = whereOf(f);
    if (kept.size() >= kMaxKept || f.text.size() > kMaxFormulaChars ||
        textBytes + static_cast<long long>(f.text.size()) > static_cast<long long>(kMaxTextBytes)) {
        if (firstUnkept.empty()) firstUnkept = whereOf(f);
        return;
    }
    textBytes += static_cast<long long>(f.text.size());
    kept.push_back(std::move(f));
}

void PendingFormulas::append(PendingFormulas&& other) {
    if (count == 0) first = std::move(other.first);
    count += other.count;
    if (firstUnkept.empty()) firstUnkept = std::move(other.firstUnkept);
    for (auto& f : other.kept) {
        if (kept.size() >= kMaxKept || textBytes + static_cast<long long>(f.text.size()) > static_cast<long long>(kMaxTextBytes)) {
            if (firstUnkept.empty()) firstUnkept = whereOf(f);
            continue;
        }
        textBytes += static_cast<long long>(f.text.size());
        kept.push_back(std::move(f));
    }
    other.kept.clear();
}

bool formulaBody(std::string_view a, std::string& body, FormulaSyntax& syntax) {
    syntax = FormulaSyntax::OpenFormula;
    if (a.substr(0, 3) == "of:") a.remove_prefix(3);
    else if (a.substr(0, 5) == "oooc:") a.remove_prefix(5);
    else if (a.substr(0, 6) == "msoxl:") a.remove_prefix(6), syntax = FormulaSyntax::Excel;
    else if (a.find(':') != std::string_view::npos && a.find(':') < a.find('=')) return false;  // another namespace
    if (a.empty() || a[0] != '=') return false;
    body.assign(a.substr(1));
    return true;
}

namespace {

constexpr long long kMaxCellsRead = 50000000;  // cells read by all ranges: ~0.5 s, as the rules' maxCellsTouched
constexpr long long kMaxEdges = 4000000;       // formula-to-formula dependencies kept (12 bytes each)
constexpr long long kMaxAddedBytes = 64 << 20; // cells a result may add to the sheets (an .xlsx stores none for them)
constexpr int kMaxDepth = 64;
constexpr size_t kMaxNodes = 1000;  // a formula's tree: bounds the evaluation's recursion too (1+1+…+1 is as deep as long)

// ---- Calc's arithmetic (LibreOffice's rtl::math and sc::power, as 7.4 has them).

// Equal to ~15 significant digits: Calc's test for =, <> and for cancelling sums.
bool approxEqual(double a, double b) {
    if (a == b) return true;
    if (a == 0.0 || b == 0.0 || !std::isfinite(a) || !std::isfinite(b)) return false;
    const double d = std::fabs(a - b), e48 = 1.0 / 281474976710656.0;  // 2^-48
    return d < std::fabs(a) * e48 && d < std::fabs(b) * e48;
}
// a + b, 0 when they cancel to within the 15 digits (=0.1+0.2-0.3 is 0 in Calc).
double approxAdd(double a, double b) {
    if (((a < 0 && b > 0) || (b < 0 && a > 0)) && approxEqual(a, -b)) return 0.0;
    return a + b;
}
double approxSub(double a, double b) {
    if (((a < 0 && b < 0) || (a > 0 && b > 0)) && approxEqual(a, b)) return 0.0;
    return a - b;
}
// The value rounded to 15 significant digits (rtl_math_approxValue).
double approxValue(double v) {
    if (v == 0.0 || !std::isfinite(v)) return v;
    const double orig = v;
    const bool neg = v < 0;
    if (neg) v = -v;
    const int e = 14 - static_cast<int>(std::floor(std::log10(v)));
    const double f = std::pow(10.0, std::abs(e));
    v = e < 0 ? v / f : v * f;
    if (!std::isfinite(v)) return orig;
    v = std::round(v);
    v = e < 0 ? v * f : v / f;
    if (!std::isfinite(v)) return orig;
    return neg ? -v : v;
}
// ROUND(v; places): half away from zero on the value as 15 digits show it (2.675 → 2.68).
double calcRound(double v, int places) {
    if (!std::isfinite(v) || v == 0.0) return v;
    if (places == 0) return std::round(approxValue(v));
    if (places > 0 && std::fabs(v) >= 4503599627370496.0) return v;  // 2^52: no fraction to round
    if (places > 0 && std::floor(v) == v) return v;
    const double f = std::pow(10.0, std::min(std::abs(places), 308));
    double s = places < 0 ? v / f : v * f;
    if (!std::isfinite(s)) return v;
    s = std::round(approxValue(s));
    return places < 0 ? s * f : s / f;
}
// ROUNDUP / ROUNDDOWN: away from / toward zero, on the value as 15 digits show it.
double calcRoundAway(double v, int places, bool up) {
    if (!std::isfinite(v) || v == 0.0) return v;
    const double a = std::fabs(v);
    if (places >= 0 && (a >= 4503599627370496.0 || std::floor(a) == a)) return v;
    const double f = std::pow(10.0, std::min(std::abs(places), 308));
    double s = places < 0 ? a / f : a * f;
    if (!std::isfinite(s)) return v;
    s = approxValue(s);
    s = up ? std::ceil(s) : std::floor(s);
    s = places < 0 ? s * f : s / f;
    return v < 0 ? -s : s;
}
// SUM's sum: compensated (Neumaier), the last term added as approxAdd adds.
class CalcSum {
public:
    void add(double x) {
        if (has_) step(last_);
        last_ = x;
        has_ = true;
    }
    double get() const { return has_ ? approxAdd(sum_ + err_, last_) : 0.0; }

private:
    void step(double x) {
        const double t = sum_ + x;
        err_ += std::fabs(sum_) >= std::fabs(x) ? (sum_ - t) + x : (x - t) + sum_;
        sum_ = t;
    }
    double sum_ = 0, err_ = 0, last_ = 0;
    bool has_ = false;
};

// ---- The formula as a tree.

struct Node {
    enum class Kind { Num, Str, Bool, Ref, Range, Neg, Plus, Percent, Binary, Func, Missing } kind = Kind::Num;
    double num = 0;
    char op = 0;  // Binary: + - * / ^ = < > l (<=) g (>=) n (<>) &
    int sheet = -1, r1 = 0, c1 = 0, r2 = 0, c2 = 0;
    std::string name;  // Func, upper case
    std::vector<int> args;
};

int sheetIndexOf(const Workbook& wb, std::string_view name) {
    for (size_t i = 0; i < wb.sheets.size(); ++i)
        if (wb.sheets[i].name() == name) return static_cast<int>(i);
    for (size_t i = 0; i < wb.sheets.size(); ++i) {  // Calc matches sheet names without regard to case
        const std::string& n = wb.sheets[i].name();
        if (n.size() == name.size() &&
            std::equal(n.begin(), n.end(), name.begin(), [](char a, char b) { return std::toupper(static_cast<unsigned char>(a)) == std::toupper(static_cast<unsigned char>(b)); }))
            return static_cast<int>(i);
    }
    return -1;
}

std::string upper(std::string_view s) {
    std::string u(s);
    for (char& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return u;
}

// A recursive-descent parser for the part of Calc's grammar computed here;
// false for anything else. Precedence as Calc's: comparisons < & < + - <
// * / < ^ (from the left: =2^3^2 is 64) < % < unary - (=-2^2 is 4).
class Parser {
public:
    Parser(std::string_view s, FormulaSyntax syn, const Workbook& wb, int sheet, std::vector<Node>& nodes)
        : s_(s), syn_(syn), wb_(wb), sheet_(sheet), nodes_(nodes) {}
    bool parse(int& root) {
        try {
            if (!comparison(root)) return false;
        } catch (const TooLarge&) {
            return false;
        }
        space();
        return i_ == s_.size();
    }

private:
    struct TooLarge {};
    int add(Node n) {
        if (nodes_.size() >= kMaxNodes) throw TooLarge();
        nodes_.push_back(std::move(n));
        return static_cast<int>(nodes_.size() - 1);
    }
    void space() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
    }
    bool eat(char c) {
        space();
        if (i_ < s_.size() && s_[i_] == c) return ++i_, true;
        return false;
    }
    char peek() {
        space();
        return i_ < s_.size() ? s_[i_] : '\0';
    }
    int binary(char op, int a, int b) {
        Node n;
        n.kind = Node::Kind::Binary;
        n.op = op;
        n.args = {a, b};
        return add(std::move(n));
    }
    bool comparison(int& out) {
        if (++depth_ > kMaxDepth) return false;
        if (!concat(out)) return false;
        for (;;) {
            char op = 0;
            space();
            if (s_.substr(i_, 2) == "<=") op = 'l', i_ += 2;
            else if (s_.substr(i_, 2) == ">=") op = 'g', i_ += 2;
            else if (s_.substr(i_, 2) == "<>") op = 'n', i_ += 2;
            else if (eat('=')) op = '=';
            else if (eat('<')) op = '<';
            else if (eat('>')) op = '>';
            else break;
            int b;
            if (!concat(b)) return false;
            out = binary(op, out, b);
        }
        --depth_;
        return true;
    }
    // One level of operators grouped from the left: next (op next)*, `ops` the
    // level's one-character operators.
    bool level(int& out, bool (Parser::*next)(int&), std::string_view ops) {
        if (!(this->*next)(out)) return false;
        for (char c = peek(); c != '\0' && ops.find(c) != std::string_view::npos; c = peek()) {
            ++i_;
            int b;
            if (!(this->*next)(b)) return false;
            out = binary(c, out, b);
        }
        return true;
    }
    bool concat(int& out) { return level(out, &Parser::additive, "&"); }
    bool additive(int& out) { return level(out, &Parser::term, "+-"); }
    bool term(int& out) { return level(out, &Parser::power, "*/"); }
    bool power(int& out) { return level(out, &Parser::postfix, "^"); }
    bool postfix(int& out) {
        if (!unary(out)) return false;
        while (eat('%')) {
            Node n;
            n.kind = Node::Kind::Percent;
            n.args = {out};
            out = add(std::move(n));
        }
        return true;
    }
    bool unary(int& out) {
        if (++depth_ > kMaxDepth) return false;
        const char c = peek();
        bool ok;
        if (c == '-' || c == '+') {
            ++i_;
            int a;
            ok = unary(a);
            if (ok) {
                Node n;
                n.kind = c == '-' ? Node::Kind::Neg : Node::Kind::Plus;
                n.args = {a};
                out = add(std::move(n));
            }
        } else {
            ok = primary(out);
        }
        --depth_;
        return ok;
    }
    bool primary(int& out) {
        const char c = peek();
        if (c == '(') {
            ++i_;
            if (!comparison(out)) return false;
            return eat(')');
        }
        if (syn_ == FormulaSyntax::Excel && c >= '0' && c <= '9' && wholeLines(sheet_, out)) return true;
        if ((c >= '0' && c <= '9') || c == '.') return number(out);
        if (c == '"') return string(out);
        if (syn_ == FormulaSyntax::OpenFormula && c == '[') return odfReference(out);
        if (c == '\'' && syn_ == FormulaSyntax::Excel) {
            std::string sheet;
            if (!quoted(sheet) || !eat('!')) return false;
            return excelCells(sheetIndexOf(wb_, sheet), out);
        }
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$') return word(out);
        return false;
    }
    bool number(int& out) {
        size_t j = i_;
        while (j < s_.size() && ((s_[j] >= '0' && s_[j] <= '9') || s_[j] == '.')) ++j;
        if (j < s_.size() && (s_[j] == 'e' || s_[j] == 'E')) {
            size_t k = j + 1;
            if (k < s_.size() && (s_[k] == '+' || s_[k] == '-')) ++k;
            if (k < s_.size() && s_[k] >= '0' && s_[k] <= '9') {
                j = k;
                while (j < s_.size() && s_[j] >= '0' && s_[j] <= '9') ++j;
            }
        }
        Node n;
        auto r = std::from_chars(s_.data() + i_, s_.data() + j, n.num);
        if (r.ec != std::errc() || r.ptr != s_.data() + j) return false;
        if (j < s_.size() && s_[j] == ':') return false;  // a row range (1:1)
        i_ = j;
        out = add(std::move(n));
        return true;
    }
    bool string(int& out) {
        Node n;
        n.kind = Node::Kind::Str;
        ++i_;
        for (;;) {
            if (i_ >= s_.size()) return false;
            if (s_[i_] == '"') {
                if (i_ + 1 < s_.size() && s_[i_ + 1] == '"') n.name += '"', i_ += 2;
                else break;
            } else {
                n.name += s_[i_++];
            }
        }
        ++i_;
        out = add(std::move(n));
        return true;
    }
    bool quoted(std::string& name) {
        if (i_ >= s_.size() || s_[i_] != '\'') return false;
        ++i_;
        for (;;) {
            if (i_ >= s_.size()) return false;
            if (s_[i_] == '\'') {
                if (i_ + 1 < s_.size() && s_[i_ + 1] == '\'') name += '\'', i_ += 2;
                else break;
            } else {
                name += s_[i_++];
            }
        }
        ++i_;
        return true;
    }
    // $?COL$?ROW at i_ (no sheet).
    bool cell(int& row, int& col) {
        size_t j = i_;
        if (j < s_.size() && s_[j] == '$') ++j;
        size_t l = j;
        while (j < s_.size() && std::isalpha(static_cast<unsigned char>(s_[j])) && j - l < 3) ++j;
        if (j == l) return false;
        std::string letters = upper(s_.substr(l, j - l));
        if (j < s_.size() && s_[j] == '$') ++j;
        size_t d = j;
        long long r = 0;
        while (j < s_.size() && s_[j] >= '0' && s_[j] <= '9' && j - d < 8) r = r * 10 + (s_[j++] - '0');
        if (j == d || r < 1 || r > Sheet::kMaxRows) return false;
        if (j < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[j])) || s_[j] == '_' || s_[j] == '(' || s_[j] == '.'))
            return false;  // a name or function that begins like a cell (LOG10)
        if (!parseColumn(letters, col) || col >= Sheet::kMaxCols) return false;
        row = static_cast<int>(r - 1);
        i_ = j;
        return true;
    }
    int refNode(int sheet, int r1, int c1, int r2, int c2) {
        Node n;
        n.sheet = sheet;
        if (r1 == r2 && c1 == c2) {
            n.kind = Node::Kind::Ref;
        } else {
            n.kind = Node::Kind::Range;
            if (r1 > r2) std::swap(r1, r2);
            if (c1 > c2) std::swap(c1, c2);
        }
        n.r1 = r1, n.c1 = c1, n.r2 = r2, n.c2 = c2;
        return add(std::move(n));
    }
    // A:C or 1:3, whole columns or rows (Excel syntax; an .ods says [.A1:.A1048576]).
    bool wholeLines(int sheet, int& out) {
        {  // most references are cells: only letters or only digits up to ':' can be lines
            size_t j = i_ < s_.size() && s_[i_] == '$' ? i_ + 1 : i_;
            const bool letters = j < s_.size() && std::isalpha(static_cast<unsigned char>(s_[j]));
            while (j < s_.size() && (letters ? std::isalpha(static_cast<unsigned char>(s_[j])) != 0 : (s_[j] >= '0' && s_[j] <= '9'))) ++j;
            if (j >= s_.size() || s_[j] != ':') return false;
        }
        auto line = [&](bool letters, int& v) {
            if (i_ < s_.size() && s_[i_] == '$') ++i_;
            size_t j = i_;
            while (j < s_.size() && (letters ? std::isalpha(static_cast<unsigned char>(s_[j])) != 0 : (s_[j] >= '0' && s_[j] <= '9')) &&
                   j - i_ < 8)
                ++j;
            if (j == i_) return false;
            const std::string_view t = s_.substr(i_, j - i_);
            i_ = j;
            if (letters) return t.size() <= 3 && parseColumn(upper(t), v) && v < Sheet::kMaxCols;
            long long n = 0;
            for (char c : t) n = n * 10 + (c - '0');
            v = static_cast<int>(n - 1);
            return n >= 1 && n <= Sheet::kMaxRows;
        };
        const size_t at = i_;
        for (bool letters : {true, false}) {
            i_ = at;
            int a, b;
            if (!line(letters, a) || i_ >= s_.size() || s_[i_] != ':') continue;
            ++i_;
            if (!line(letters, b)) continue;
            if (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '(')) continue;
            out = letters ? refNode(sheet, 0, a, Sheet::kMaxRows - 1, b) : refNode(sheet, a, 0, b, Sheet::kMaxCols - 1);
            return true;
        }
        i_ = at;
        return false;
    }
    // A1 or A1:B2 after "Sheet!" (or on the formula's sheet).
    bool excelCells(int sheet, int& out) {
        if (sheet < 0) return false;
        if (wholeLines(sheet, out)) return true;
        int r1, c1, r2, c2;
        if (!cell(r1, c1)) return false;
        r2 = r1, c2 = c1;
        if (i_ < s_.size() && s_[i_] == ':') {
            ++i_;
            if (!cell(r2, c2)) return false;
        }
        out = refNode(sheet, r1, c1, r2, c2);
        return true;
    }
    // [.A1], [$Sheet.A1], [$'Trang 2'.A1:.B3], [.A1:$'S'.B3] (the same sheet only).
    bool odfReference(int& out) {
        ++i_;
        auto part = [&](int& sheet, int& row, int& col) {
            if (i_ < s_.size() && s_[i_] == '$') ++i_;
            if (i_ < s_.size() && s_[i_] == '\'') {
                std::string name;
                if (!quoted(name)) return false;
                sheet = sheetIndexOf(wb_, name);
            } else if (i_ < s_.size() && s_[i_] != '.') {
                size_t j = s_.find('.', i_);
                if (j == std::string_view::npos) return false;
                sheet = sheetIndexOf(wb_, s_.substr(i_, j - i_));
                i_ = j;
            }
            if (sheet < 0 || i_ >= s_.size() || s_[i_] != '.') return false;
            ++i_;
            return cell(row, col);
        };
        int s1 = sheet_, r1, c1;
        if (!part(s1, r1, c1)) return false;
        int s2 = s1, r2 = r1, c2 = c1;
        if (i_ < s_.size() && s_[i_] == ':') {
            ++i_;
            if (!part(s2, r2, c2) || s2 != s1) return false;
        }
        if (i_ >= s_.size() || s_[i_] != ']') return false;
        ++i_;
        out = refNode(s1, r1, c1, r2, c2);
        return true;
    }
    bool word(int& out) {
        size_t j = i_;
        while (j < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[j])) || s_[j] == '_' || s_[j] == '.' || s_[j] == '$')) ++j;
        const std::string_view w = s_.substr(i_, j - i_);
        size_t k = j;
        while (k < s_.size() && s_[k] == ' ') ++k;
        if (k < s_.size() && s_[k] == '(') {  // a function
            Node n;
            n.kind = Node::Kind::Func;
            n.name = upper(w);
            i_ = k + 1;
            const char sep = syn_ == FormulaSyntax::Excel ? ',' : ';';
            if (!eat(')')) {
                for (;;) {
                    int a;
                    const char c = peek();
                    if (c == sep || c == ')') {
                        Node m;
                        m.kind = Node::Kind::Missing;
                        a = add(std::move(m));
                    } else if (!comparison(a)) {
                        return false;
                    }
                    n.args.push_back(a);
                    if (eat(')')) break;
                    if (!eat(sep)) return false;
                }
            }
            out = add(std::move(n));
            return true;
        }
        if (syn_ == FormulaSyntax::Excel && j < s_.size() && s_[j] == '!') {  // Sheet!A1
            i_ = j + 1;
            return excelCells(sheetIndexOf(wb_, w), out);
        }
        if (syn_ == FormulaSyntax::Excel) {
            const size_t at = i_;
            if (excelCells(sheet_, out)) return true;
            i_ = at;
        }
        const std::string u = upper(w);
        if (u == "TRUE" || u == "FALSE") {
            Node n;
            n.kind = Node::Kind::Bool;
            n.num = u == "TRUE" ? 1 : 0;
            i_ = j;
            out = add(std::move(n));
            return true;
        }
        // A defined name of a range ("Tien"): Calc matches names without regard to case.
        auto it = wb_.names.find(std::string(w));
        if (it == wb_.names.end())
            for (auto n = wb_.names.begin(); n != wb_.names.end(); ++n)
                if (upper(n->first) == u) it = n;
        if (it == wb_.names.end()) return false;
        const int sheet = sheetIndexOf(wb_, it->second.sheet);
        if (sheet < 0) return false;
        i_ = j;
        out = refNode(sheet, it->second.row1, it->second.col1, it->second.row2, it->second.col2);
        return true;
    }

    std::string_view s_;
    size_t i_ = 0;
    FormulaSyntax syn_;
    const Workbook& wb_;
    int sheet_;
    std::vector<Node>& nodes_;
    int depth_ = 0;
};

// ---- Evaluation.

struct Val {
    enum class Kind { Num, Blank, Text, Err, Unknown } kind = Kind::Unknown;
    double num = 0;
    std::string text;  // Text, Err
    bool boolean = false;
    bool date = false;  // DATE()'s: a General cell shows a date
    int ref = -1;  // the Ref node it is the value of, passed on whole (=A3, =IF(…;A3), =IFERROR(A3;0)): its format is shown
    static Val number(double v, bool b = false) {
        Val x;
        if (!std::isfinite(v)) return x;  // Calc's #NUM! and overflow: not said here
        x.kind = Kind::Num, x.num = v, x.boolean = b;
        return x;
    }
    static Val error(std::string e) {
        Val x;
        x.kind = Kind::Err, x.text = std::move(e);
        return x;
    }
};

struct Formula {
    int sheet = -1;
    enum class State { Waiting, Done, Left } state = State::Waiting;
};

class Computer {
public:
    Computer(Workbook& wb, PendingFormulas& p, long long nullDate) : wb_(wb), p_(p), nullDate_(nullDate) {}

    void run() {
        const size_t n = p_.kept.size();
        f_.resize(n);
        for (size_t i = 0; i < n; ++i) {
            const PendingFormula& pf = p_.kept[i];
            Formula& f = f_[i];
            f.sheet = sheetIndexOf(wb_, pf.sheet);
            if (f.sheet >= 0) where_.emplace(key(f.sheet, pf.row, pf.col), static_cast<int>(i));
        }
        // Formulas that read other formulas wait for them: Kahn's order; a
        // cycle (Calc's Err:522) never comes free and is left.
        std::vector<std::pair<int, int>> edges;  // (needed, waiting)
        std::vector<long long> waits(n, 0);
        for (auto& [k, i] : where_) bySheet_[static_cast<int>(k >> 34)].push_back({static_cast<int>(k & 0x3FFF), static_cast<int>((k >> 14) & 0xFFFFF), i});
        for (auto& [s, v] : bySheet_) std::sort(v.begin(), v.end());
        // A formula whose dependencies pass the bound is left (and so is what reads it).
        std::vector<int> mine;
        for (size_t i = 0; i < n; ++i) {
            if (!parse(static_cast<int>(i))) {
                f_[i].state = Formula::State::Left;
                continue;
            }
            mine.clear();
            bool fits = true;
            for (const Node& node : nodes_) {
                if (node.kind != Node::Kind::Ref && node.kind != Node::Kind::Range) continue;
                fits = pendingIn(node, [&](int j) {
                    mine.push_back(j);
                    return static_cast<long long>(edges.size() + mine.size()) <= kMaxEdges;
                });
                if (!fits) break;
            }
            if (!fits) {
                f_[i].state = Formula::State::Left;
                continue;
            }
            for (int j : mine) edges.push_back({j, static_cast<int>(i)});
            waits[i] = static_cast<long long>(mine.size());
            // Reads no other formula: computed now, from the tree at hand (those
            // that wait are parsed again when their turn comes). Its readers are
            // released below as any other's.
            if (mine.empty()) evaluate(static_cast<int>(i));
        }
        std::vector<size_t> start(n + 1, 0);
        for (auto& e : edges) ++start[static_cast<size_t>(e.first) + 1];
        for (size_t i = 0; i < n; ++i) start[i + 1] += start[i];
        std::vector<int> waiting(edges.size());
        std::vector<size_t> fill(start.begin(), start.end() - 1);
        for (auto& e : edges) waiting[fill[static_cast<size_t>(e.first)]++] = e.second;
        std::deque<int> ready;
        for (size_t i = 0; i < n; ++i)
            if (waits[i] == 0) ready.push_back(static_cast<int>(i));
        while (!ready.empty()) {
            const int i = ready.front();
            ready.pop_front();
            compute(i);
            for (size_t e = start[i]; e < start[i + 1]; ++e)
                if (--waits[waiting[e]] == 0) ready.push_back(waiting[e]);
        }
    }

    long long computed() const { return computed_; }
    // The first formula left, in the order read.
    std::string firstLeft() const {
        for (size_t i = 0; i < f_.size(); ++i)
            if (f_[i].state != Formula::State::Done) return whereOf(p_.kept[i]);
        return p_.firstUnkept;
    }

private:
    static uint64_t key(int sheet, int row, int col) {
        return (static_cast<uint64_t>(sheet) << 34) | (static_cast<uint64_t>(row) << 14) | static_cast<uint64_t>(col);
    }
    // Calls take(j) for every pending formula inside the node's cells; false when take refuses.
    template <class Take>
    bool pendingIn(const Node& node, Take take) {
        if (node.kind == Node::Kind::Ref) {
            auto it = where_.find(key(node.sheet, node.r1, node.c1));
            return it == where_.end() || take(it->second);
        }
        auto s = bySheet_.find(node.sheet);
        if (s == bySheet_.end()) return true;
        const auto& v = s->second;
        // Only the columns that hold formulas are visited: a jump to a
        // column's first row in the range, a jump past its last; every step
        // counted, so that ranges over many formulas end in a bound.
        auto it = std::lower_bound(v.begin(), v.end(), std::array<int, 3>{node.c1, node.r1, -1});
        while (it != v.end() && (*it)[0] <= node.c2) {
            if (++walked_ > kMaxCellsRead) return false;
            const int c = (*it)[0];
            if ((*it)[1] < node.r1) {
                it = std::lower_bound(it, v.end(), std::array<int, 3>{c, node.r1, -1});
            } else if ((*it)[1] > node.r2) {
                it = std::lower_bound(it, v.end(), std::array<int, 3>{c + 1, -1, -1});
            } else {
                if (!take((*it)[2])) return false;
                ++it;
            }
        }
        return true;
    }

    bool parse(int i) {
        nodes_.clear();
        const PendingFormula& pf = p_.kept[static_cast<size_t>(i)];
        const int sheet = f_[static_cast<size_t>(i)].sheet;
        if (sheet < 0) return false;
        Parser parser(pf.text, pf.syntax, wb_, sheet, nodes_);
        return parser.parse(root_);
    }

    void compute(int i) {
        if (f_[static_cast<size_t>(i)].state != Formula::State::Waiting) return;
        if (!parse(i)) {
            f_[static_cast<size_t>(i)].state = Formula::State::Left;
            return;
        }
        evaluate(i);
    }
    // Formula i, parsed into nodes_.
    void evaluate(int i) {
        Formula& f = f_[static_cast<size_t>(i)];
        if (f.state != Formula::State::Waiting) return;
        f.state = Formula::State::Left;
        if (cellsRead_ > kMaxCellsRead) return;
        const PendingFormula& pf = p_.kept[static_cast<size_t>(i)];
        Val v = eval(root_, true);
        Cell cell;
        switch (v.kind) {
            case Val::Kind::Num:
            case Val::Kind::Blank: {
                int decimals = pf.decimals;
                bool date = pf.date;
                if (pf.general) inferFormat(root_, v.ref, decimals, date);
                if (v.boolean && pf.general) decimals = -1, date = false;  // TRUE / FALSE
                if (v.date && pf.general) decimals = -1, date = true;
                cell = date ? Cell::makeDate(v.num) : Cell::makeNumber(v.kind == Val::Kind::Num ? v.num : 0.0, decimals);
                break;
            }
            case Val::Kind::Text: cell = Cell::makeText(v.text); break;
            case Val::Kind::Err: cell = Cell::makeError(v.text); break;
            case Val::Kind::Unknown: return;
        }
        Sheet& sheet = wb_.sheets[static_cast<size_t>(f.sheet)];
        long long grow = 0;
        if (pf.row >= sheet.rows()) grow += static_cast<long long>(pf.row + 1 - sheet.rows()) * Sheet::kRowBytes;
        if (pf.col + 1 > sheet.width(pf.row)) grow += static_cast<long long>(pf.col + 1 - sheet.width(pf.row)) * Sheet::kSlotBytes;
        if (added_ + grow > kMaxAddedBytes) return;
        if (cell.kind == Cell::Kind::Text && cell.text.empty()) cell = Cell();
        if (!sheet.set(pf.row, pf.col, std::move(cell))) return;
        added_ += grow;
        f.state = Formula::State::Done;
        ++computed_;
    }

    // The format Calc gives a General cell's result, where this file knows it:
    // a value that is one cell's, passed on whole (`ref`: =A3, =IF(…;A3)),
    // shows that cell's format, x% a percentage (0.00 %), SUM(…, A3) the last
    // argument's when it is one cell; any other stays General. (ctest
    // formula_results checks these against Calc.)
    void inferFormat(int root, int ref, int& decimals, bool& date) {
        const Node* n = &nodes_[static_cast<size_t>(root)];
        while (n->kind == Node::Kind::Plus) n = &nodes_[static_cast<size_t>(n->args[0])];
        if (n->kind == Node::Kind::Percent) {
            decimals = 2;
            return;
        }
        if (ref >= 0) n = &nodes_[static_cast<size_t>(ref)];
        else if (n->kind == Node::Kind::Func && n->name == "SUM" && !n->args.empty())
            n = &nodes_[static_cast<size_t>(n->args.back())];
        if (n->kind == Node::Kind::Ref) {
            const Cell c = at(n->sheet, n->r1, n->c1);
            if (c.kind == Cell::Kind::Number) {
                decimals = c.decimals;
                date = c.date;
            }
        }
    }

    Cell at(int sheet, int row, int col) { return wb_.sheets[static_cast<size_t>(sheet)].at(row, col); }
    // A cell as a formula reads it; a formula left uncomputed is Unknown.
    Val cellVal(int sheet, int row, int col) {
        ++cellsRead_;
        auto it = where_.find(key(sheet, row, col));
        if (it != where_.end() && f_[static_cast<size_t>(it->second)].state != Formula::State::Done) return Val();
        const Cell c = at(sheet, row, col);
        Val v;
        switch (c.kind) {
            case Cell::Kind::Empty: v.kind = Val::Kind::Blank; break;
            case Cell::Kind::Number: v = Val::number(c.number); break;
            case Cell::Kind::Text: v.kind = Val::Kind::Text, v.text = c.text; break;
            case Cell::Kind::Error: v = Val::error(c.text); break;
        }
        return v;
    }
    // A value where a number is needed: blank 0; a text of digits its number
    // (Calc converts what is unambiguous), a text with no digit #VALUE!,
    // any other text unknown here.
    static Val toNumber(Val v) {
        if (v.kind == Val::Kind::Blank) return Val::number(0);
        if (v.kind != Val::Kind::Text) return v;
        const std::string& t = v.text;
        size_t k = !t.empty() && (t[0] == '-' || t[0] == '+') ? 1 : 0;
        if (k < t.size() && t.find_first_not_of("0123456789", k) == std::string::npos) {
            double d;
            if (std::from_chars(t.data() + (t[0] == '+' ? 1 : 0), t.data() + t.size(), d).ec == std::errc()) return Val::number(d);
        }
        if (t.find_first_of("0123456789") == std::string::npos) return Val::error("#VALUE!");
        return Val();
    }

    Val eval(int idx, bool top = false) {
        const Node& n = nodes_[static_cast<size_t>(idx)];
        switch (n.kind) {
            case Node::Kind::Num: return Val::number(n.num);
            case Node::Kind::Bool: return Val::number(n.num, true);
            case Node::Kind::Str: {
                if (!top) return Val();
                Val v;
                v.kind = Val::Kind::Text, v.text = n.name;
                return v;
            }
            case Node::Kind::Missing: return Val();
            case Node::Kind::Range: return Val();  // a range alone (implicit intersection): not here
            case Node::Kind::Ref: {
                Val v = cellVal(n.sheet, n.r1, n.c1);
                if (top && v.kind == Val::Kind::Text) return v;  // =A9 shows A9's text
                if (v.kind == Val::Kind::Text) v = toNumber(v);
                v.ref = idx;
                return v;
            }
            case Node::Kind::Plus: {
                Val v = eval(n.args[0], top);
                return v;
            }
            case Node::Kind::Neg:
            case Node::Kind::Percent: {
                Val v = toNumber(eval(n.args[0]));
                if (v.kind != Val::Kind::Num) return v;
                return Val::number(n.kind == Node::Kind::Neg ? -v.num : v.num / 100.0);
            }
            case Node::Kind::Binary: return binary(n);
            case Node::Kind::Func: return func(n, top);
        }
        return Val();
    }

    Val binary(const Node& n) {
        if (n.op == '&') return Val();
        Val a = toNumber(eval(n.args[0])), b = toNumber(eval(n.args[1]));
        if (a.kind == Val::Kind::Unknown || b.kind == Val::Kind::Unknown) return Val();
        if (a.kind == Val::Kind::Err) return a;
        if (b.kind == Val::Kind::Err) return b;
        const double x = a.num, y = b.num;
        switch (n.op) {
            case '+': return Val::number(approxAdd(x, y));
            case '-': return Val::number(approxSub(x, y));
            case '*': return Val::number(x * y);
            case '/': return y == 0 ? Val::error("#DIV/0!") : Val::number(x / y);
            case '^':
                if ((x < 0 && std::floor(y) != y) || (x == 0 && y <= 0)) return Val();
                return Val::number(std::pow(x, y));
        }
        const int cmp = approxEqual(x, y) ? 0 : (x < y ? -1 : 1);
        bool r = false;
        switch (n.op) {
            case '=': r = cmp == 0; break;
            case 'n': r = cmp != 0; break;
            case '<': r = cmp < 0; break;
            case '>': r = cmp > 0; break;
            case 'l': r = cmp <= 0; break;
            case 'g': r = cmp >= 0; break;
            default: return Val();
        }
        return Val::number(r ? 1 : 0, true);
    }

    // Every number of the arguments, as SUM and its kin take them: numbers of
    // ranges, text and empty cells there skipped; false (unknown) or an error.
    bool numbers(const Node& f, std::vector<double>& out, Val& bad) {
        for (int a : f.args) {
            const Node& n = nodes_[static_cast<size_t>(a)];
            if (n.kind == Node::Kind::Range) {
                // A formula inside left uncomputed: Calc would read its value.
                if (!pendingIn(n, [&](int j) { return f_[static_cast<size_t>(j)].state == Formula::State::Done; }))
                    return bad = Val(), false;
                const Sheet& sh = wb_.sheets[static_cast<size_t>(n.sheet)];
                const int r2 = std::min(n.r2, sh.rows() - 1);
                for (int r = n.r1; r <= r2; ++r) {
                    const int c2 = std::min(n.c2, sh.width(r) - 1);
                    cellsRead_ += 1 + std::max(0, c2 - n.c1 + 1);  // only stored cells are read
                    if (cellsRead_ > kMaxCellsRead) return bad = Val(), false;
                    for (int c = n.c1; c <= c2; ++c) {
                        switch (sh.kind(r, c)) {
                            case Cell::Kind::Number: out.push_back(sh.number(r, c)); break;
                            case Cell::Kind::Error: return bad = Val::error(std::string(sh.at(r, c).text)), false;
                            default: break;
                        }
                    }
                }
                continue;
            }
            Val v = n.kind == Node::Kind::Ref ? cellVal(n.sheet, n.r1, n.c1) : eval(a);
            if (n.kind == Node::Kind::Ref && v.kind == Val::Kind::Blank) continue;
            if (n.kind == Node::Kind::Ref && v.kind == Val::Kind::Text) return bad = Val(), false;  // not known here how Calc takes it
            v = toNumber(v);
            if (v.kind == Val::Kind::Num) out.push_back(v.num);
            else return bad = v, false;
        }
        return true;
    }

    Val func(const Node& n, bool top) {
        const std::string& f = n.name;
        const size_t argc = n.args.size();
        if (f == "SUM" || f == "AVERAGE" || f == "MIN" || f == "MAX" || f == "COUNT" || f == "PRODUCT") {
            if (argc == 0) return Val();
            std::vector<double> xs;
            Val bad;
            if (!numbers(n, xs, bad)) return f == "COUNT" && bad.kind == Val::Kind::Err ? Val() : bad;
            if (f == "COUNT") return Val::number(static_cast<double>(xs.size()));
            if (f == "MIN" || f == "MAX") {
                if (xs.empty()) return Val::number(0);
                return Val::number(f == "MIN" ? *std::min_element(xs.begin(), xs.end()) : *std::max_element(xs.begin(), xs.end()));
            }
            if (f == "PRODUCT") {
                if (xs.empty()) return Val::number(0);
                double p = 1;
                for (double x : xs) p *= x;
                return Val::number(p);
            }
            CalcSum s;
            for (double x : xs) s.add(x);
            if (f == "SUM") return Val::number(s.get());
            if (xs.empty()) return Val::error("#DIV/0!");
            return Val::number(s.get() / static_cast<double>(xs.size()));
        }
        auto arg = [&](size_t k) { return toNumber(eval(n.args[k])); };
        if (f == "ROUND" && (argc == 1 || argc == 2)) {
            Val v = arg(0);
            Val d = argc == 2 ? arg(1) : Val::number(0);
            if (v.kind != Val::Kind::Num) return v;
            if (d.kind != Val::Kind::Num) return d;
            if (std::fabs(d.num) > 400) return Val();
            return Val::number(calcRound(v.num, static_cast<int>(std::trunc(d.num))));
        }
        if ((f == "ROUNDUP" || f == "ROUNDDOWN") && (argc == 1 || argc == 2)) {
            Val v = arg(0);
            Val d = argc == 2 ? arg(1) : Val::number(0);
            if (v.kind != Val::Kind::Num) return v;
            if (d.kind != Val::Kind::Num) return d;
            if (std::fabs(d.num) > 300) return Val();
            return Val::number(calcRoundAway(v.num, static_cast<int>(std::trunc(d.num)), f == "ROUNDUP"));
        }
        if (f == "MOD" && argc == 2) {
            Val a = arg(0), b = arg(1);
            if (a.kind != Val::Kind::Num) return a;
            if (b.kind != Val::Kind::Num) return b;
            if (b.num == 0) return Val::error("#DIV/0!");
            const double r = approxSub(a.num, std::floor(approxValue(a.num / b.num)) * b.num);
            if ((b.num > 0 && r >= 0 && r < b.num) || (b.num < 0 && r <= 0 && r > b.num)) return Val::number(r);
            return Val();
        }
        if (f == "IFERROR" && argc == 2) {
            Val v = eval(n.args[0], top);
            if (v.kind == Val::Kind::Err) return eval(n.args[1], top);
            return v;
        }
        if ((f == "ABS" || f == "INT" || f == "SQRT") && argc == 1) {
            Val v = arg(0);
            if (v.kind != Val::Kind::Num) return v;
            if (f == "ABS") return Val::number(std::fabs(v.num));
            if (f == "INT") return Val::number(std::floor(approxValue(v.num)));
            return v.num < 0 ? Val() : Val::number(std::sqrt(v.num));
        }
        if (f == "IF" && argc >= 1 && argc <= 3) {
            Val c = arg(0);
            if (c.kind != Val::Kind::Num) return c;
            if (c.num != 0) return argc >= 2 ? eval(n.args[1], top) : Val::number(1, true);
            return argc == 3 ? eval(n.args[2], top) : Val::number(0, true);
        }
        if (f == "DATE" && argc == 3) {
            // Calc's GetDateSerial: a two-digit year is 19xx from 30 on, 20xx
            // before; months and days past their end roll over. Whole numbers only.
            long long ymd[3];
            for (size_t k = 0; k < 3; ++k) {
                Val v = arg(k);
                if (v.kind != Val::Kind::Num) return v;
                if (std::floor(v.num) != v.num || std::fabs(v.num) > 32767) return Val();
                ymd[k] = static_cast<long long>(v.num);
            }
            long long y = ymd[0], m = ymd[1];
            if (y < 0) return Val();
            if (y < 100) y += y < 30 ? 2000 : 1900;
            if (m > 0) y += (m - 1) / 12, m = (m - 1) % 12 + 1;
            else y += (m - 12) / 12, m = 12 - (-m) % 12;
            const long long days = daysFromCivil(y, m, 1) + ymd[2] - 1;
            if (days < daysFromCivil(1582, 10, 15) || days > daysFromCivil(9999, 12, 31)) return Val();
            Val d = Val::number(static_cast<double>(days - nullDate_));
            d.date = true;
            return d;
        }
        if ((f == "TRUE" || f == "FALSE") && argc == 0) return Val::number(f == "TRUE" ? 1 : 0, true);
        if (f == "NA" && argc == 0) return Val::error("#N/A");
        return Val();
    }

    Workbook& wb_;
    PendingFormulas& p_;
    long long nullDate_;
    std::vector<Formula> f_;
    std::unordered_map<uint64_t, int> where_;
    std::unordered_map<int, std::vector<std::array<int, 3>>> bySheet_;  // (col, row, formula) sorted
    std::vector<Node> nodes_;  // the formula at hand
    int root_ = -1;
    long long cellsRead_ = 0, walked_ = 0, added_ = 0, computed_ = 0;
};

}  // namespace

void computeFormulaResults(Workbook& wb, PendingFormulas& pending, long long nullDate) {
    if (pending.count == 0) return;
    Computer c(wb, pending, nullDate);
    c.run();
    const long long left = pending.count - c.computed();
    wb.notes.push_back(uncachedFormulasNote(pending.count, c.computed(), left > 0 ? c.firstLeft() : pending.first));
    pending.kept.clear();
}

}  // namespace reportcheck
