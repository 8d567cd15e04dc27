// An expression as written -> references (refs.cpp) and muparser text over
// variable slots, parsed by muparser once here; muparser's errors in the
// user's words. Also the words that split a rule's body: comparison
// operators, target directions, `and`.
#include "compile/rule_compiler.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "mu_sets.h"
#include "refs.h"
#include "text_util.h"

namespace reportcheck {

// Raw expression text -> Expr, with muparser syntax checked. `offset` is
// where `text` starts in the line.
bool RuleCompiler::expression(const std::string& file, const Line& l, size_t offset, const std::string& text, Expr& e) {
    std::string trimmed = text;
    size_t lead = 0;
    while (lead < trimmed.size() && (trimmed[lead] == ' ' || trimmed[lead] == '\t')) ++lead;
    trimmed = trimmed.substr(lead);
    while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t')) trimmed.pop_back();
    offset += lead;
    if (trimmed.size() > limits_.maxExpressionChars) {
        diagAt(file, l, offset, "expression longer than the limit of " + std::to_string(limits_.maxExpressionChars) + " characters",
               "biểu thức dài hơn giới hạn " + std::to_string(limits_.maxExpressionChars) + " ký tự");
        return false;
    }
    if (size_t at = ifCall(trimmed); at != std::string::npos) {
        // Spreadsheet users write IF(c, a, b); muparser has no `if` but the
        // conditional operator, so say that instead of an unknown name.
        diagAt(file, l, offset + at, "muparser has no if(…): write cond ? a : b, e.g. C > 0 ? D / C : 0",
               "muparser không có hàm if(…): viết điều_kiện ? a : b, ví dụ C > 0 ? D / C : 0");
        return false;
    }
    RefError re;
    if (!scanExpression(trimmed, e, re)) {
        diagAt(file, l, offset + re.offset, re.message);
        return false;
    }
    e.line = l.number;
    e.col = utf8Columns(l.text, offset) + 1;
    return muCompile(file, l, offset, e);
}

// Where `if(` / `IF (` is written as a function call outside quotes, else npos.
size_t RuleCompiler::ifCall(const std::string& s) {
    return findUnquoted(s, 0, [&](size_t i) {
        if (i + 2 > s.size() || (s[i] != 'i' && s[i] != 'I') || (s[i + 1] != 'f' && s[i + 1] != 'F')) return false;
        if (i > 0) {
            unsigned char p = static_cast<unsigned char>(s[i - 1]);
            if (std::isalnum(p) || p == '_' || p == '.' || p == '@' || p == '#' || p >= 0x80) return false;
        }
        size_t j = i + 2;
        while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
        return j < s.size() && s[j] == '(';
    });
}

// muparser's error in the user's words: what is wrong, in Vietnamese and
// English, naming the user's own text at the place (never muparser's
// English text nor the internal names _v0 … it stands for), issue 9.
void RuleCompiler::muMessage(const mu::ParserError& pe, const std::string& source, size_t src, std::string& en, std::string& vi) {
    std::string near;
    if (src < source.size()) {
        // Up to 20 code points of the user's text from the place.
        size_t end = src, cps = 0;
        while (end < source.size() && cps < 20) {
            ++end;
            while (end < source.size() && (static_cast<unsigned char>(source[end]) & 0xC0) == 0x80) ++end;
            ++cps;
        }
        near = trimmed(source.substr(src, end - src)) + (end < source.size() ? "…" : "");
    }
    std::string atEn = near.empty() ? " at the end of '" + source + "'" : " at '" + near + "'";
    std::string atVi = near.empty() ? " ở cuối '" + source + "'" : " tại '" + near + "'";
    // What each of muparser's error codes means, and what to write instead
    // where that helps; the words "at '…'" go between the two.
    struct Words {
        mu::EErrorCodes code;
        const char *vi, *en, *viAfter, *enAfter;
    };
    static const Words kWords[] = {
        {mu::ecUNEXPECTED_EOF, "biểu thức kết thúc sớm", "the expression ends too early", "", ""},
        {mu::ecUNEXPECTED_OPERATOR, "toán tử không đúng chỗ", "an operator is out of place", "", ""},
        {mu::ecMISSING_PARENS, "thiếu dấu ')'", "a '(' is not closed", "", ""},
        {mu::ecUNEXPECTED_PARENS, "dấu ngoặc không đúng chỗ", "unexpected parenthesis", "", ""},
        {mu::ecUNEXPECTED_ARG_SEP, "dấu ',' không đúng chỗ", "unexpected ','", " (số thập phân viết bằng dấu '.', ví dụ 0.5)",
         " (decimals are written with '.', e.g. 0.5)"},
        {mu::ecTOO_MANY_PARAMS, "thừa đối số", "too many arguments", "", ""},
        {mu::ecTOO_FEW_PARAMS, "thiếu đối số", "too few arguments", "", ""},
        {mu::ecUNASSIGNABLE_TOKEN, "tên hoặc ký tự không nhận ra", "unknown name or character", "", ""},
        {mu::ecMISSING_ELSE_CLAUSE, "có '?' mà thiếu ':'", "'?' without its ':'", " (viết điều_kiện ? a : b)", " (write cond ? a : b)"},
        {mu::ecMISPLACED_COLON, "có ':' mà thiếu '?'", "':' without its '?'", " (viết điều_kiện ? a : b)", " (write cond ? a : b)"},
        // Our own functions' argument messages (mu_expr.cpp) are plain English usage lines.
        {mu::ecGENERIC, "dùng hàm không đúng", "wrong use of a function", ": ", ": "},
        {mu::ecUNDEFINED, "dùng hàm không đúng", "wrong use of a function", ": ", ": "},
    };
    for (const Words& w : kWords) {
        if (w.code != pe.GetCode()) continue;
        const bool usage = w.code == mu::ecGENERIC || w.code == mu::ecUNDEFINED;
        en = w.en + atEn + w.enAfter + (usage ? pe.GetMsg() : "");
        vi = w.vi + atVi + w.viAfter + (usage ? pe.GetMsg() : "");
        return;
    }
    en = "this is not a valid expression" + atEn;
    vi = "biểu thức không hợp lệ" + atVi;
}

// Whether `e` only adds cells up: terms `REF` or `sum(REF, …)` joined by '+'
// (white space aside). Such a sum carries every part's rounding.
bool RuleCompiler::additive(const Expr& e) {
    if (e.refs.empty()) return false;
    std::string s;
    for (size_t p = 0; p < e.pieces.size(); ++p) {
        for (char c : e.pieces[p])
            if (c != ' ' && c != '\t') s += c;
        if (p < e.refs.size()) s += '\x01';
    }
    size_t i = 0;
    auto term = [&]() {
        if (i < s.size() && s[i] == '\x01') return ++i, true;
        if (s.compare(i, 4, "sum(") != 0) return false;
        i += 4;
        for (;;) {
            if (i >= s.size() || s[i] != '\x01') return false;
            ++i;
            if (i < s.size() && s[i] == ',') { ++i; continue; }
            if (i < s.size() && s[i] == ')') return ++i, true;
            return false;
        }
    };
    for (;;) {
        if (!term()) return false;
        if (i == s.size()) return true;
        if (s[i++] != '+') return false;
    }
}

// The slots of a muparser text that is only variables added up (`_v0 + _v1`,
// spaces and tabs aside), in text order, each a different reference's; empty
// for anything else. muparser evaluates such a text as ((v0 + v1) + v2) …,
// its optimiser leaving additions of distinct variables alone, so adding the
// values in this order gives the same double.
static std::vector<size_t> plainSumSlots(const std::string& mt, const Expr& e) {
    std::vector<size_t> slots;
    size_t i = 0;
    auto blanks = [&] { while (i < mt.size() && (mt[i] == ' ' || mt[i] == '\t')) ++i; };
    for (;;) {
        blanks();
        if (mt.compare(i, 2, "_v") != 0) return {};
        i += 2;
        size_t start = i, slot = 0;
        while (i < mt.size() && mt[i] >= '0' && mt[i] <= '9' && i - start < 9) slot = slot * 10 + size_t(mt[i++] - '0');
        if (i == start || (i < mt.size() && mt[i] >= '0' && mt[i] <= '9')) return {};
        slots.push_back(slot);
        blanks();
        if (i == mt.size()) break;
        if (mt[i++] != '+') return {};
    }
    // One slot per reference, in the references' order: each value is then the
    // one reference i fills (Agg::Avg fills two slots, never a plain term).
    if (slots.size() != e.refs.size()) return {};
    for (size_t k = 0; k < slots.size(); ++k)
        if (slots[k] != e.refs[k].slot || e.refs[k].agg == Agg::Avg) return {};
    return slots;
}

bool RuleCompiler::muCompile(const std::string& file, const Line& l, size_t offset, Expr& e) {
    for (const auto& r : e.refs) {
        if (staticRangeSize(r) > limits_.maxRangeCells) {
            diagAt(file, l, offset, "a range has more cells than the limit of " + std::to_string(limits_.maxRangeCells),
                   "vùng có nhiều ô hơn giới hạn " + std::to_string(limits_.maxRangeCells));
            return false;
        }
    }
    RefError re;
    if (!placeRefs(e, re)) {
        diagAt(file, l, offset + re.offset, re.message);
        return false;
    }
    e.additive = additive(e);
    std::vector<size_t> back;
    std::string mt = muText(e, &back);
    e.sumSlots = plainSumSlots(mt, e);
    e.rowCells = !e.refs.empty() && std::all_of(e.refs.begin(), e.refs.end(), [](const Ref& r) {
        return !r.range && r.agg == Agg::Cell && r.a.row.kind == RowPart::Current && r.a.col.kind == ColPart::Fixed &&
               r.a.sheet.empty() && r.a.name.empty();
    });
    muChars_ += mt.size();
    if (muChars_ > limits_.maxExpressionCharsTotal) {
        if (!rulesFull_)
            diagAt(file, l, offset,
                   "the expressions exceed the limit of " + std::to_string(limits_.maxExpressionCharsTotal) +
                       " characters in all (maxExpressionCharsTotal); the rest are not read",
                   "các biểu thức vượt giới hạn tổng " + std::to_string(limits_.maxExpressionCharsTotal) +
                       " ký tự (maxExpressionCharsTotal); phần còn lại không được đọc");
        rulesFull_ = true;
        return false;
    }
    try {
        MuExpr built;
        built.build(mt, e.slots);
        e.mu = out_.mu_->add(mt, e.slots, std::move(built));
    } catch (mu::ParserError& pe) {
        size_t pos = static_cast<size_t>(std::max(0, pe.GetPos()));
        size_t src = pos < back.size() ? back[pos] : e.source.size();
        std::string en, vi;
        muMessage(pe, e.source, src, en, vi);
        diagAt(file, l, offset + src, en, vi);
        return false;
    }
    return true;
}

// Split "a <= b" at its first top-level comparison.
bool RuleCompiler::splitComparison(const std::string& s, size_t& at, size_t& len, CmpOp& op) {
    static const std::pair<const char*, CmpOp> ops[] = {  // two-character operators first
        {"<=", CmpOp::Le}, {">=", CmpOp::Ge}, {"<>", CmpOp::Ne}, {"!=", CmpOp::Ne}, {"==", CmpOp::Eq},
        {"=", CmpOp::Eq},  {"<", CmpOp::Lt},  {">", CmpOp::Gt}};
    int depth = 0;
    at = findUnquoted(s, 0, [&](size_t i) {
        char c = s[i];
        if (c == '(' || c == '[') ++depth;
        if (c == ')' || c == ']') --depth;
        if (depth != 0) return false;
        for (const auto& o : ops)
            if (s.compare(i, std::strlen(o.first), o.first) == 0) {
                len = std::strlen(o.first);
                op = o.second;
                return true;
            }
        return false;
    });
    return at != std::string::npos;
}

// A whole word (space or tab before and after, or the end) outside quotes.
bool RuleCompiler::wordAt(const std::string& s, size_t i, const char* w, bool endOk) {
    size_t n = std::strlen(w);
    bool before = i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t');
    bool after = i + n < s.size() ? (s[i + n] == ' ' || s[i + n] == '\t') : (endOk && i + n == s.size());
    return before && after && s.compare(i, n, w) == 0;
}

// Finds a target direction phrase outside quotes; returns its byte range.
bool RuleCompiler::findDirection(const std::string& s, size_t& at, size_t& len, TargetDirection& d) {
    static const std::pair<const char*, TargetDirection> words[] = {
        {"at least", TargetDirection::AtLeast}, {"ít nhất", TargetDirection::AtLeast},
        {"at most", TargetDirection::AtMost},   {"tối đa", TargetDirection::AtMost},
        {"between", TargetDirection::Between},  {"trong khoảng", TargetDirection::Between},
        {"more than", TargetDirection::MoreThan}, {"trên", TargetDirection::MoreThan},
        {"less than", TargetDirection::LessThan}, {"dưới", TargetDirection::LessThan}};
    at = findUnquoted(s, 0, [&](size_t i) {
        for (const auto& w : words)
            if (wordAt(s, i, w.first, true)) {
                len = std::strlen(w.first);
                d = w.second;
                return true;
            }
        return false;
    });
    return at != std::string::npos;
}

bool RuleCompiler::findWord(const std::string& s, size_t from, const char* w, size_t& at) {
    at = findUnquoted(s, from, [&](size_t i) { return wordAt(s, i, w, false); });
    return at != std::string::npos;
}

}  // namespace reportcheck
