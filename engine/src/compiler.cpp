// Rules text -> compiled rules. Statements are line based (see rules/README.md);
// expressions are handed to refs.cpp and muparser. Every problem becomes a
// Diagnostic with file, line and column, and parsing goes on so that lint can
// report them all.
#include <muParser.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>
#include <sstream>

#include "file_io.h"
#include "includes.h"
#include "messages.h"
#include "mu_sets.h"
#include "refs.h"
#include "rule_model.h"
#include "statement_lexer.h"
#include "text_util.h"

namespace reportcheck {

std::string Diagnostic::format(const std::string& lang) const {
    std::ostringstream o;
    o << file << ":" << line << ":" << column << ": " << (lang == "en" ? message : messageVi);
    return o.str();
}

static std::string joinDiagnostics(const std::vector<Diagnostic>& d) {
    std::string s;
    for (const auto& x : d) s += x.format("en") + "\n";
    return s;
}

RulesError::RulesError(std::vector<Diagnostic> d) : std::runtime_error(joinDiagnostics(d)), diags_(std::move(d)) {}

namespace {

struct Line {
    std::string text;   // without comment
    int number = 0;     // 1-based
    int indent = 0;     // visual columns of leading white space
    size_t bodyStart = 0;
};

struct Statement {
    Line head;
    std::vector<Line> more;
};

bool isKeyword(const Token& t, const char* w) { return t.kind == Token::Word && t.text == w; }

// `s` without spaces and tabs at either end.
std::string trimmed(const std::string& s) {
    size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

}  // namespace

class RuleCompiler {
public:
    RuleCompiler(const Limits& l, RuleSet& out) : limits_(l), out_(out) {}

    void compileText(const std::string& text, const std::string& file, int depth) {
        if (text.size() > limits_.maxTextBytes) {
            diag(file, 1, 1, "rules text is larger than the limit of " + std::to_string(limits_.maxTextBytes) + " bytes",
                 "tệp quy tắc lớn hơn giới hạn " + std::to_string(limits_.maxTextBytes) + " byte");
            return;
        }
        // Sections carry on across includes, so that inlining an include
        // (flattenRules) means exactly the same.
        std::vector<Statement> stmts = splitStatements(text, file);
        for (auto& st : stmts) statement(st, file, depth);
    }

    std::vector<Diagnostic> diags;

    void finish() {
        if (unlisted_ == 0) return;
        Diagnostic d = firstUnlisted_;
        std::string n = std::to_string(unlisted_), max = std::to_string(limits_.maxDiagnostics);
        d.message = n + " more problems are not listed (limit maxDiagnostics = " + max + ")";
        d.messageVi = "còn " + n + " lỗi khác không được liệt kê (giới hạn maxDiagnostics = " + max + ")";
        diags.push_back(std::move(d));
    }

private:
    const Limits& limits_;
    RuleSet& out_;
    std::uint64_t unlisted_ = 0;
    Diagnostic firstUnlisted_;
    bool rulesFull_ = false;  // maxRules or maxExpressionCharsTotal reached: said once, later rules are skipped unread
    std::uint64_t muChars_ = 0;
    Section section_;
    bool hasSection_ = false;
    bool placeholders_ = true, rounding_ = true;  // rule-set options: `placeholders off`, `rounding off`
    std::set<std::string> ids_;
    std::set<std::string> includeStack_;

    // Hostile text can hold a problem on every line: after maxDiagnostics they
    // are counted, and finish() adds one line saying how many more there were.
    void diag(const std::string& file, int line, int col, std::string en, std::string vi) {
        if (diags.size() >= limits_.maxDiagnostics) {
            if (unlisted_++ == 0) firstUnlisted_ = {file, line, col, {}, {}};
            return;
        }
        diags.push_back({file, line, col, std::move(en), std::move(vi)});
    }
    void diagAt(const std::string& file, const Line& l, size_t offset, std::string en, std::string vi) {
        diag(file, l.number, utf8Columns(l.text, offset) + 1, std::move(en), std::move(vi));
    }

    std::vector<Statement> splitStatements(const std::string& text, const std::string& file) {
        std::vector<Statement> stmts;
        std::istringstream in(text);
        std::string raw;
        int n = 0;
        while (std::getline(in, raw)) {
            ++n;
            if (n == 1 && raw.compare(0, 3, "\xEF\xBB\xBF") == 0) raw.erase(0, 3);
            if (!raw.empty() && raw.back() == '\r') raw.pop_back();
            Line l;
            l.number = n;
            rejectControls(file, n, raw);
            l.text = raw.substr(0, commentStart(raw));
            size_t i = 0;
            while (i < l.text.size() && (l.text[i] == ' ' || l.text[i] == '\t')) {
                l.indent = l.text[i] == '\t' ? (l.indent / 4 + 1) * 4 : l.indent + 1;
                ++i;
            }
            l.bodyStart = i;
            if (normalizeLabel(l.text).empty()) continue;
            if (l.indent == 0) {
                stmts.push_back({l, {}});
            } else if (stmts.empty()) {
                diagAt(file, l, i, "an indented line must continue a statement above it",
                       "dòng thụt vào phải là phần tiếp theo của một câu lệnh phía trên");
            } else {
                stmts.back().more.push_back(l);
            }
        }
        return stmts;
    }

    // Control characters have no place in a rules file, and bidirectional
    // controls make text display differently from what is compiled ("Trojan
    // Source": a rule id or message that reads as another). One diagnostic per
    // line; they are then replaced by '?' (same byte offsets) so that no later
    // diagnostic echoes them to a terminal.
    void rejectControls(const std::string& file, int line, std::string& raw) {
        bool reported = false;
        for (size_t i = 0; i < raw.size(); ++i) {
            unsigned char c = raw[i];
            unsigned char c1 = i + 1 < raw.size() ? raw[i + 1] : 0, c2 = i + 2 < raw.size() ? raw[i + 2] : 0;
            size_t len = 0;
            unsigned code = 0;
            if ((c < 0x20 && c != '\t') || c == 0x7F) { len = 1; code = c; }
            else if (c == 0xC2 && c1 >= 0x80 && c1 <= 0x9F) { len = 2; code = c1; }                 // C1 controls
            else if (c == 0xD8 && c1 == 0x9C) { len = 2; code = 0x061C; }                           // Arabic letter mark
            else if (c == 0xE2 && c1 == 0x80 && ((c2 >= 0x8E && c2 <= 0x8F) || (c2 >= 0xA8 && c2 <= 0xAE))) {
                len = 3; code = 0x2000 + (c2 - 0x80);                                                 // LRM RLM, U+2028–U+202E
            } else if (c == 0xE2 && c1 == 0x81 && c2 >= 0xA6 && c2 <= 0xA9) { len = 3; code = 0x2040 + (c2 - 0x80); }  // U+2066–U+2069
            if (!len) continue;
            if (!reported) {
                char hex[16];
                std::snprintf(hex, sizeof hex, "U+%04X", code);
                diag(file, line, utf8Columns(raw, i) + 1,
                     std::string("control or bidirectional character ") + hex + " is not allowed in rules text",
                     std::string("không được dùng ký tự điều khiển hoặc ký tự đổi hướng chữ ") + hex + " trong quy tắc");
                reported = true;
            }
            raw.replace(i, len, std::string(len, '?'));
            i += len - 1;
        }
    }

    bool tokens(const std::string& file, const Line& l, size_t from, std::vector<Token>& t) {
        LexError e;
        if (!tokenize(l.text, from, t, e)) {
            diagAt(file, l, e.offset, e.message, e.messageVi);
            return false;
        }
        return true;
    }

    // ---- Statements: one parser per keyword (kStatements, after the class) ----

    using StatementParser = void (RuleCompiler::*)(Statement&, const std::vector<Token>&, const std::string&, int);
    struct StatementSpec {
        const char* keyword;
        StatementParser parse;
    };
    static const StatementSpec kStatements[10];

    void statement(Statement& st, const std::string& file, int depth) {
        std::vector<Token> t;
        if (!tokens(file, st.head, st.head.bodyStart, t) || t.empty()) return;
        const Token& kw = t[0];
        if (kw.kind == Token::Word) {
            for (const StatementSpec& s : kStatements)
                if (kw.text == s.keyword) return (this->*s.parse)(st, t, file, depth);
        }
        std::string names;
        size_t n = sizeof kStatements / sizeof kStatements[0];
        for (size_t i = 0; i < n; ++i) names += std::string(i == 0 ? "" : i + 1 == n ? " or " : ", ") + kStatements[i].keyword;
        std::string namesVi = names;
        namesVi.replace(namesVi.rfind(" or "), 4, " hoặc ");
        std::vector<std::string> known;
        for (const StatementSpec& s : kStatements) known.push_back(s.keyword);
        diagAt(file, st.head, kw.offset, "expected a statement: " + names + " (found '" + kw.text + "')" + didYouMean(kw.text, known, "en"),
               "cần một câu lệnh: " + namesVi + " (gặp '" + kw.text + "')" + didYouMean(kw.text, known, "vi"));
    }

    bool expectEnd(const std::string& file, const Line& l, const std::vector<Token>& t, size_t k) {
        if (k < t.size()) {
            diagAt(file, l, t[k].offset, "unexpected '" + t[k].text + "' at the end of the statement",
                   "thừa '" + t[k].text + "' ở cuối câu lệnh");
            return false;
        }
        return true;
    }
    void noMore(const std::string& file, const Statement& st) {
        if (!st.more.empty())
            diagAt(file, st.more[0], st.more[0].bodyStart, "this statement takes no indented lines",
                   "câu lệnh này không có dòng thụt vào");
    }

    void includeStatement(Statement& st, const std::vector<Token>& t, const std::string& file, int depth) {
        noMore(file, st);
        if (t.size() < 2 || t[1].kind != Token::String) {
            diagAt(file, st.head, t[0].end, "expected a quoted file name after include", "cần tên tệp trong dấu nháy sau include");
            return;
        }
        expectEnd(file, st.head, t, 2);
        include(file, st.head, t[1], depth);
    }

    void sheetStatement(Statement& st, const std::vector<Token>& t, const std::string& file, int) {
        noMore(file, st);
        if (t.size() < 2 || t[1].kind != Token::String || t[1].text.empty()) {
            diagAt(file, st.head, t[0].end, "expected a quoted sheet name, e.g. sheet \"Biểu 3\"",
                   "cần tên trang trong dấu nháy, ví dụ sheet \"Biểu 3\"");
            return;
        }
        expectEnd(file, st.head, t, 2);
        if (t[1].text.size() > limits_.maxNameBytes) {
            diagAt(file, st.head, t[1].offset, "sheet name longer than the limit of " + std::to_string(limits_.maxNameBytes) + " bytes",
                   "tên trang dài hơn giới hạn " + std::to_string(limits_.maxNameBytes) + " byte");
            hasSection_ = false;
            return;
        }
        section_ = Section();
        section_.sheet = t[1].text;
        hasSection_ = true;
    }

    void labelsStatement(Statement& st, const std::vector<Token>& t, const std::string& file, int) {
        noMore(file, st);
        const Token& kw = t[0];
        std::vector<SelItem> cols;
        size_t k = 1;
        if (!requireSection(file, st.head, kw) || !colItems(file, st.head, t, k, cols)) return;
        expectEnd(file, st.head, t, k);
        if (cols.size() != 1 || (cols[0].kind != SelItem::Column && cols[0].kind != SelItem::ColumnRange)) {
            diagAt(file, st.head, kw.end, "expected a column or column range, e.g. labels A or labels A:B",
                   "cần một cột hoặc khoảng cột, ví dụ labels A hoặc labels A:B");
            return;
        }
        int c2 = cols[0].kind == SelItem::Column ? cols[0].a : cols[0].b;
        if (std::uint64_t(c2 - cols[0].a) + 1 > limits_.maxLabelColumns) {
            diagAt(file, st.head, kw.end, "more label columns than the limit of " + std::to_string(limits_.maxLabelColumns),
                   "số cột nhãn vượt giới hạn " + std::to_string(limits_.maxLabelColumns));
            return;
        }
        section_.labelCol1 = cols[0].a;
        section_.labelCol2 = c2;
    }

    void numbersStatement(Statement& st, const std::vector<Token>& t, const std::string& file, int) {
        noMore(file, st);
        if (!requireSection(file, st.head, t[0])) return;
        int row;
        if (t.size() < 2 || t[1].kind != Token::Number || !toInt(t[1].text, row) || row < 1) {
            diagAt(file, st.head, t[0].end, "expected the row number of the column-number row, e.g. numbers 7",
                   "cần số dòng của dòng đánh số cột, ví dụ numbers 7");
            return;
        }
        expectEnd(file, st.head, t, 2);
        section_.numbersRow = row - 1;
    }

    void headersStatement(Statement& st, const std::vector<Token>& t, const std::string& file, int) {
        noMore(file, st);
        if (!requireSection(file, st.head, t[0])) return;
        int r1 = 0, r2 = 0;
        size_t k = 1;
        bool ok = k < t.size() && t[k].kind == Token::Number && toInt(t[k].text, r1) && r1 >= 1;
        r2 = r1;
        if (ok && ++k < t.size() && t[k].text == ":") {
            ok = ++k < t.size() && t[k].kind == Token::Number && toInt(t[k].text, r2) && r2 >= r1;
            ++k;
        }
        if (!ok) {
            diagAt(file, st.head, t[0].end, "expected the header rows, e.g. headers 6 or headers 6:7",
                   "cần các dòng tiêu đề cột, ví dụ headers 6 hoặc headers 6:7");
            return;
        }
        expectEnd(file, st.head, t, k);
        section_.headerRow1 = r1 - 1;
        section_.headerRow2 = r2 - 1;
    }

    // `placeholders on|off`, `rounding on|off`: options of the rule set for the
    // rules written below them (any sheet), so one line at the top of a file
    // sets them for the whole set and a later line may change them.
    void optionStatement(Statement& st, const std::vector<Token>& t, const std::string& file, int) {
        noMore(file, st);
        const std::string& kw = t[0].text;
        if (t.size() < 2 || !(isKeyword(t[1], "on") || isKeyword(t[1], "off"))) {
            diagAt(file, st.head, t[0].end, "expected 'on' or 'off' after '" + kw + "', e.g. " + kw + " off",
                   "cần 'on' hoặc 'off' sau '" + kw + "', ví dụ " + kw + " off");
            return;
        }
        expectEnd(file, st.head, t, 2);
        (kw == "placeholders" ? placeholders_ : rounding_) = t[1].text == "on";
    }

    void ruleStatement(Statement& st, const std::vector<Token>& t, const std::string& file, int) { rule(st, t, file); }

    bool requireSection(const std::string& file, const Line& l, const Token& kw) {
        if (hasSection_) return true;
        diagAt(file, l, kw.offset, "'" + kw.text + "' needs a sheet section first (sheet \"…\")",
               "'" + kw.text + "' cần khai báo trang trước (sheet \"…\")");
        return false;
    }

    // "; có phải 'check'?" / "; did you mean 'check'?" when `word` looks like a
    // misspelling of one of `known` (issue 9), else "".
    static std::string didYouMean(const std::string& word, const std::vector<std::string>& known, const char* lang) {
        std::string c = closestWord(word, known);
        if (c.empty()) return "";
        return std::string(lang) == "en" ? "; did you mean '" + c + "'?" : "; có phải '" + c + "'?";
    }

    static bool toInt(const std::string& s, int& v) {
        if (s.empty() || s.size() > 7 || s.find_first_not_of("0123456789") != std::string::npos) return false;
        v = std::stoi(s);
        return true;
    }
    static bool toDouble(const std::string& s, double& v) {
        try {
            size_t used = 0;
            v = std::stod(s, &used);
            return used == s.size();
        } catch (...) {
            return false;
        }
    }

    void include(const std::string& file, const Line& l, const Token& name, int depth) {
        if (!limits_.allowInclude) {
            diagAt(file, l, name.offset, "include is not allowed in rules embedded in a workbook",
                   "quy tắc nhúng trong bảng tính không được dùng include");
            return;
        }
        if (depth >= limits_.maxIncludeDepth) {
            diagAt(file, l, name.offset, "includes are nested too deeply", "include lồng nhau quá sâu");
            return;
        }
        std::string path = includePath(file, name.text);
        if (includeStack_.count(path)) {
            diagAt(file, l, name.offset, "include cycle: " + path + " includes itself", "include vòng lặp: " + path);
            return;
        }
        std::string text;
        try {
            text = readRegularFile(path, limits_.maxTextBytes);
        } catch (const FileError& e) {
            diagAt(file, l, name.offset, "cannot read the included file: " + e.en(), "không đọc được tệp include: " + e.vi());
            return;
        }
        includeStack_.insert(path);
        compileText(text, path, depth + 1);
        includeStack_.erase(path);
    }

    // The quoted label at t[k] (it follows the word `after`), normalised.
    bool quotedLabel(const std::string& file, const Line& l, const std::vector<Token>& t, size_t& k,
                     const std::string& after, std::string& out) {
        if (k >= t.size() || t[k].kind != Token::String) {
            diagAt(file, l, k < t.size() ? t[k].offset : l.text.size(), "expected a quoted label after '" + after + "'",
                   "cần nhãn trong dấu nháy sau '" + after + "'");
            return false;
        }
        out = normalizeLabel(t[k++].text);
        return true;
    }

    // rows: 8 | 8:20 | "label" | "label" to "label"
    bool rowItems(const std::string& file, const Line& l, const std::vector<Token>& t, size_t& k, std::vector<SelItem>& out) {
        for (;;) {
            if (k >= t.size()) {
                diagAt(file, l, l.text.size(), "expected a row: a number, a range like 8:20 or a quoted label",
                       "cần một dòng: số, khoảng như 8:20 hoặc nhãn trong dấu nháy");
                return false;
            }
            SelItem it{};
            int a, b;
            if (t[k].kind == Token::Number && toInt(t[k].text, a) && a >= 1) {
                it.kind = SelItem::Number;
                it.a = a - 1;
                ++k;
                if (k < t.size() && t[k].text == ":") {
                    ++k;
                    if (k >= t.size() || t[k].kind != Token::Number || !toInt(t[k].text, b) || b < a) {
                        diagAt(file, l, k < t.size() ? t[k].offset : l.text.size(), "expected the last row of the range (≥ first)",
                               "cần dòng cuối của khoảng (≥ dòng đầu)");
                        return false;
                    }
                    it.kind = SelItem::NumberRange;
                    it.b = b - 1;
                    ++k;
                }
            } else if (t[k].kind == Token::String) {
                it.kind = SelItem::Label;
                it.la = normalizeLabel(t[k].text);
                ++k;
                if (k < t.size() && isKeyword(t[k], "to")) {
                    ++k;
                    if (!quotedLabel(file, l, t, k, "to", it.lb)) return false;
                    it.kind = SelItem::LabelRange;
                }
            } else {
                diagAt(file, l, t[k].offset, "expected a row: a number, a range like 8:20 or a quoted label (found '" + t[k].text + "')",
                       "cần một dòng: số, khoảng như 8:20 hoặc nhãn trong dấu nháy (gặp '" + t[k].text + "')");
                return false;
            }
            out.push_back(it);
            if (k < t.size() && t[k].text == ",") { ++k; continue; }
            return true;
        }
    }

    // cols: C | C:K | #4 | #2:#10 | #"31/12/2020" | #"Tổng số"[2]:#"Cấp xã"
    bool colItems(const std::string& file, const Line& l, const std::vector<Token>& t, size_t& k, std::vector<SelItem>& out) {
        auto one = [&](SelItem& it, bool numbered) -> bool {
            if (numbered && k + 1 < t.size() && t[k + 1].kind == Token::String) {
                ColPart& h = it.ha;
                h.kind = ColPart::Header;
                std::string text = t[k + 1].text;
                if (!text.empty() && text.back() == '*') { h.prefix = true; text.pop_back(); }
                h.header = normalizeLabel(text);
                k += 2;
                if (k + 2 < t.size() + 0 && t[k].text == "[" && t[k + 1].kind == Token::Number && t[k + 2].text == "]") {
                    if (!toInt(t[k + 1].text, h.occurrence) || h.occurrence < 1) return false;
                    k += 3;
                }
                return !h.header.empty();
            }
            if (numbered) {
                if (k + 1 >= t.size() || t[k].text != "#" || (t[k + 1].kind != Token::Number && t[k + 1].kind != Token::Word)) return false;
                it.la = t[k + 1].text;
                k += 2;
                return true;
            }
            if (k >= t.size() || t[k].kind != Token::Word || !parseColumn(t[k].text, it.a)) return false;
            ++k;
            return true;
        };
        for (;;) {
            SelItem it{};
            size_t at = k < t.size() ? t[k].offset : l.text.size();
            bool numbered = k < t.size() && t[k].text == "#";
            if (!one(it, numbered)) {
                diagAt(file, l, at, "expected a column: a letter like C, a range like C:K, a column number like #4 or a header like #\"31/12/2023\"",
                       "cần một cột: chữ cái như C, khoảng như C:K, số cột như #4 hoặc tiêu đề như #\"31/12/2023\"");
                return false;
            }
            bool header = it.ha.kind == ColPart::Header;
            it.kind = header ? SelItem::HeaderCol : numbered ? SelItem::NumberedCol : SelItem::Column;
            if (k < t.size() && t[k].text == ":") {
                ++k;
                SelItem end{};
                if (!one(end, numbered) || (!numbered && end.a < it.a) || (end.ha.kind == ColPart::Header) != header) {
                    diagAt(file, l, k < t.size() ? t[k].offset : l.text.size(),
                           "expected the last column of the range, written like the first", "cần cột cuối của khoảng, viết cùng kiểu cột đầu");
                    return false;
                }
                it.kind = header ? SelItem::HeaderColRange : numbered ? SelItem::NumberedColRange : SelItem::ColumnRange;
                it.b = end.a;
                it.lb = end.la;
                it.hb = end.ha;
            }
            out.push_back(it);
            if (k < t.size() && t[k].text == ",") { ++k; continue; }
            return true;
        }
    }

    // Parses clauses shared by headers and continuation lines. Returns false if
    // the first token is not a clause keyword.
    bool clause(const std::string& file, const Line& l, const std::vector<Token>& t, size_t& k, Rule& r, bool& bad) {
        const Token& w = t[k];
        if (isKeyword(w, "for") && k + 1 < t.size() && isKeyword(t[k + 1], "blocks")) {
            // for blocks "Người", "Chỉ số phát triển", "Cơ cấu*"
            k += 2;
            for (;;) {
                std::string label;
                if (k >= t.size() || t[k].kind != Token::String) {
                    diagAt(file, l, k < t.size() ? t[k].offset : l.text.size(),
                           "expected the quoted label that starts a block, e.g. for blocks \"Người\", \"Cơ cấu (%)\"",
                           "cần nhãn trong dấu nháy mở đầu một khối, ví dụ for blocks \"Người\", \"Cơ cấu (%)\"");
                    bad = true;
                    return true;
                }
                label = t[k++].text;
                bool prefix = !label.empty() && label.back() == '*';
                if (prefix) label.pop_back();
                label = normalizeLabel(label);
                if (label.empty()) {
                    diagAt(file, l, t[k - 1].offset, "a block's label is empty", "nhãn của khối rỗng");
                    bad = true;
                    return true;
                }
                r.blocks.push_back(label + (prefix ? "*" : ""));
                if (k < t.size() && t[k].text == ",") { ++k; continue; }
                break;
            }
            return true;
        }
        if (isKeyword(w, "for") || isKeyword(w, "rows") || isKeyword(w, "cols")) {
            if (isKeyword(w, "for")) ++k;
            if (k >= t.size() || !(isKeyword(t[k], "rows") || isKeyword(t[k], "cols"))) {
                diagAt(file, l, k < t.size() ? t[k].offset : l.text.size(), "expected 'rows', 'cols' or 'blocks' after 'for'",
                       "cần 'rows', 'cols' hoặc 'blocks' sau 'for'");
                bad = true;
                return true;
            }
            bool rows = t[k].text == "rows";
            ++k;
            if (rows) {
                if (!rowItems(file, l, t, k, r.rows)) { bad = true; return true; }
                r.hasRows = true;
                if (k < t.size() && isKeyword(t[k], "except")) {
                    ++k;
                    if (!rowItems(file, l, t, k, r.exceptRows)) { bad = true; return true; }
                }
            } else {
                if (!colItems(file, l, t, k, r.cols)) { bad = true; return true; }
                r.hasCols = true;
            }
            return true;
        }
        if (isKeyword(w, "within")) {
            ++k;
            if (!quotedLabel(file, l, t, k, "within", r.withinStart)) {
                bad = true;
                return true;
            }
            if (k < t.size() && isKeyword(t[k], "to")) {
                ++k;
                bad = !quotedLabel(file, l, t, k, "to", r.withinEnd);
            }
            return true;
        }
        if (isKeyword(w, "vi") || isKeyword(w, "en")) {
            ++k;
            if (k >= t.size() || t[k].kind != Token::String) {
                diagAt(file, l, k < t.size() ? t[k].offset : l.text.size(), "expected a quoted message after '" + w.text + "'",
                       "cần thông báo trong dấu nháy sau '" + w.text + "'");
                bad = true;
                return true;
            }
            if (!checkPlaceholders(file, l, t[k])) bad = true;
            (w.text == "vi" ? r.msgVi : r.msgEn) = t[k++].text;
            return true;
        }
        return false;
    }

    bool checkPlaceholders(const std::string& file, const Line& l, const Token& s) {
        // The placeholders messages.cpp fills: one list, there.
        const auto& known = messagePlaceholders();
        std::string all;
        for (const auto& k : known) all += (all.empty() ? "{" : " {") + k + "}";
        for (size_t i = s.text.find('{'); i != std::string::npos; i = s.text.find('{', i + 1)) {
            size_t e = s.text.find('}', i);
            std::string name = e == std::string::npos ? "" : s.text.substr(i + 1, e - i - 1);
            if (std::find(known.begin(), known.end(), name) == known.end()) {
                diagAt(file, l, s.offset, "unknown placeholder {" + name + "}: use " + all,
                       "chỗ điền không hợp lệ {" + name + "}: dùng " + all);
                return false;
            }
        }
        return true;
    }

    // Raw expression text -> Expr, with muparser syntax checked. `offset` is
    // where `text` starts in the line.
    bool expression(const std::string& file, const Line& l, size_t offset, const std::string& text, Expr& e) {
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
            diagAt(file, l, offset + re.offset, re.message, re.messageVi);
            return false;
        }
        e.line = l.number;
        e.col = utf8Columns(l.text, offset) + 1;
        return muCompile(file, l, offset, e);
    }

    // Where `if(` / `IF (` is written as a function call outside quotes, else npos.
    static size_t ifCall(const std::string& s) {
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
    static void muMessage(const mu::ParserError& pe, const std::string& source, size_t src, std::string& en, std::string& vi) {
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
        switch (pe.GetCode()) {
            case mu::ecUNEXPECTED_EOF:
                en = "the expression ends too early" + atEn; vi = "biểu thức kết thúc sớm" + atVi; break;
            case mu::ecUNEXPECTED_OPERATOR:
                en = "an operator is out of place" + atEn; vi = "toán tử không đúng chỗ" + atVi; break;
            case mu::ecMISSING_PARENS:
                en = "a '(' is not closed" + atEn; vi = "thiếu dấu ')'" + atVi; break;
            case mu::ecUNEXPECTED_PARENS:
                en = "unexpected parenthesis" + atEn; vi = "dấu ngoặc không đúng chỗ" + atVi; break;
            case mu::ecUNEXPECTED_ARG_SEP:
                en = "unexpected ','" + atEn + " (decimals are written with '.', e.g. 0.5)";
                vi = "dấu ',' không đúng chỗ" + atVi + " (số thập phân viết bằng dấu '.', ví dụ 0.5)"; break;
            case mu::ecTOO_MANY_PARAMS:
                en = "too many arguments" + atEn; vi = "thừa đối số" + atVi; break;
            case mu::ecTOO_FEW_PARAMS:
                en = "too few arguments" + atEn; vi = "thiếu đối số" + atVi; break;
            case mu::ecUNASSIGNABLE_TOKEN:
                en = "unknown name or character" + atEn; vi = "tên hoặc ký tự không nhận ra" + atVi; break;
            case mu::ecMISSING_ELSE_CLAUSE:
                en = "'?' without its ':'" + atEn + " (write cond ? a : b)";
                vi = "có '?' mà thiếu ':'" + atVi + " (viết điều_kiện ? a : b)"; break;
            case mu::ecMISPLACED_COLON:
                en = "':' without its '?'" + atEn + " (write cond ? a : b)";
                vi = "có ':' mà thiếu '?'" + atVi + " (viết điều_kiện ? a : b)"; break;
            case mu::ecGENERIC:
            case mu::ecUNDEFINED:
                // Our own functions' argument messages (mu_expr.cpp) are plain English usage lines.
                en = "wrong use of a function" + atEn + ": " + pe.GetMsg();
                vi = "dùng hàm không đúng" + atVi + ": " + pe.GetMsg(); break;
            default:
                en = "this is not a valid expression" + atEn; vi = "biểu thức không hợp lệ" + atVi; break;
        }
    }

    // Whether `e` only adds cells up: terms `REF` or `sum(REF, …)` joined by '+'
    // (white space aside). Such a sum carries every part's rounding.
    static bool additive(const Expr& e) {
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

    bool muCompile(const std::string& file, const Line& l, size_t offset, Expr& e) {
        for (const auto& r : e.refs) {
            if (staticRangeSize(r) > limits_.maxRangeCells) {
                diagAt(file, l, offset, "a range has more cells than the limit of " + std::to_string(limits_.maxRangeCells),
                       "vùng có nhiều ô hơn giới hạn " + std::to_string(limits_.maxRangeCells));
                return false;
            }
        }
        RefError re;
        if (!placeRefs(e, re)) {
            diagAt(file, l, offset + re.offset, re.message, re.messageVi);
            return false;
        }
        e.additive = additive(e);
        std::vector<size_t> back;
        std::string mt = muText(e, &back);
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
    static bool splitComparison(const std::string& s, size_t& at, size_t& len, CmpOp& op) {
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
    static bool wordAt(const std::string& s, size_t i, const char* w, bool endOk) {
        size_t n = std::strlen(w);
        bool before = i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t');
        bool after = i + n < s.size() ? (s[i + n] == ' ' || s[i + n] == '\t') : (endOk && i + n == s.size());
        return before && after && s.compare(i, n, w) == 0;
    }

    // Finds a target direction phrase outside quotes; returns its byte range.
    static bool findDirection(const std::string& s, size_t& at, size_t& len, TargetDirection& d) {
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

    static bool findWord(const std::string& s, size_t from, const char* w, size_t& at) {
        at = findUnquoted(s, from, [&](size_t i) { return wordAt(s, i, w, false); });
        return at != std::string::npos;
    }

    // ---- Rules: the head (id, attributes, ':') is shared; each kind has its
    // body parser, its own continuation lines and its last check (kRuleKinds,
    // after the class). The evaluator runs a kind in Run::ruleBody. ----

    // What the kind's continuation-line parser made of a line.
    enum class LineUse { NotMine, Done, Bad };
    // A total's tree as its lines come: the open nodes and their indentation.
    struct TreeState {
        std::vector<std::pair<int, int>> stack;  // (indent, node)
        int rootIndent = -1;
        std::map<int, int> childIndent;  // node -> indentation of its parts
    };
    // false: the rule is dropped at once (later lines are not read); `bad`: it is
    // dropped after its continuation lines are checked too.
    using BodyParser = bool (RuleCompiler::*)(const std::string& file, const Line& h, size_t offset, const std::string& body,
                                              Rule& r, bool& bad);
    using LineParser = LineUse (RuleCompiler::*)(const std::string& file, const Line& l, const std::vector<Token>& ct, Rule& r,
                                                 TreeState& tree);
    using RuleFinish = bool (RuleCompiler::*)(const std::string& file, const Line& h, Rule& r);
    struct RuleKindSpec {
        const char* keyword;
        RuleKind kind;
        Severity severity;     // when the rule names none
        BodyParser body;
        LineParser line;       // continuation lines other than for / within / vi / en; nullptr: none
        const char* linesEn;   // what `line` accepts, for the message on a line nobody accepts
        const char* linesVi;
        RuleFinish finish;
    };
    static const RuleKindSpec kRuleKinds[3];

    const RuleKindSpec& kindSpec(const std::string& keyword) {
        for (const RuleKindSpec& s : kRuleKinds)
            if (keyword == s.keyword) return s;
        return kRuleKinds[0];
    }

    void rule(Statement& st, const std::vector<Token>& t, const std::string& file) {
        const Line& h = st.head;
        const Token& kw = t[0];
        if (rulesFull_) return;
        if (!requireSection(file, h, kw)) return;
        if (out_.rules_.size() >= limits_.maxRules) {
            diagAt(file, h, kw.offset, "more rules than the limit of " + std::to_string(limits_.maxRules) + " (maxRules); the rest are not read",
                   "số quy tắc vượt giới hạn " + std::to_string(limits_.maxRules) + " (maxRules); các quy tắc sau không được đọc");
            rulesFull_ = true;
            return;
        }
        const RuleKindSpec& spec = kindSpec(kw.text);
        auto r = std::make_unique<Rule>();
        r->kind = spec.kind;
        r->severity = spec.severity;
        r->section = section_;
        r->placeholders = placeholders_;
        r->roundingAllowance = rounding_;
        r->file = file;
        r->line = h.number;
        size_t bodyOffset = 0;
        bool bad = false;
        if (!ruleHead(file, h, t, *r, bodyOffset, bad)) return;
        std::string body = h.text.substr(bodyOffset);
        r->display = normalizeLabel(body);
        r->body = trimmed(body);
        const Line& last = st.more.empty() ? h : st.more.back();
        r->endLine = last.number;
        r->endColumn = utf8Columns(last.text, trimmed(last.text).size() + last.bodyStart) + 1;
        if (!(this->*spec.body)(file, h, bodyOffset, body, *r, bad)) return;

        // Continuation lines: the clauses every kind takes, else the kind's own.
        TreeState tree;
        for (const Line& l : st.more) {
            std::vector<Token> ct;
            if (!tokens(file, l, l.bodyStart, ct) || ct.empty()) { bad = true; continue; }
            size_t j = 0;
            bool cbad = false;
            if (clause(file, l, ct, j, *r, cbad)) {
                if (cbad) { bad = true; continue; }
                if (j < ct.size()) {
                    diagAt(file, l, ct[j].offset, "unexpected '" + ct[j].text + "'", "thừa '" + ct[j].text + "'");
                    bad = true;
                }
                if (r->kind == RuleKind::Total && (r->hasRows && r->hasCols)) {
                    diagAt(file, l, ct[0].offset, "a total takes either cols or rows", "total chỉ có cols hoặc rows");
                    bad = true;
                }
                continue;
            }
            LineUse use = spec.line ? (this->*spec.line)(file, l, ct, *r, tree) : LineUse::NotMine;
            if (use == LineUse::NotMine) {
                std::vector<std::string> known = {"for", "rows", "cols", "within", "vi", "en"};
                if (spec.kind == RuleKind::Target) known.insert(known.end(), {"status", "share"});
                diagAt(file, l, ct[0].offset,
                       "expected 'for rows …', 'for cols …', 'within …', 'vi \"…\"', 'en \"…\"'" + std::string(spec.linesEn) +
                           " (found '" + ct[0].text + "')" + didYouMean(ct[0].text, known, "en"),
                       "cần 'for rows …', 'for cols …', 'within …', 'vi \"…\"', 'en \"…\"'" + std::string(spec.linesVi) +
                           " (gặp '" + ct[0].text + "')" + didYouMean(ct[0].text, known, "vi"));
                bad = true;
            } else if (use == LineUse::Bad) {
                bad = true;
            }
        }
        if (!r->blocks.empty() && !r->withinStart.empty()) {
            diagAt(file, h, 0, "a rule takes either 'for blocks …' or 'within …', not both",
                   "quy tắc chỉ có một trong 'for blocks …' hoặc 'within …'");
            bad = true;
        }
        if (bad || !(this->*spec.finish)(file, h, *r)) return;
        out_.rules_.push_back(std::move(r));
    }

    // `check ID [error|warning|info] [tol N] [decimals N] [derived] :` — the id
    // and attributes; `bodyOffset` where the body starts (after ':').
    bool ruleHead(const std::string& file, const Line& h, const std::vector<Token>& t, Rule& r, size_t& bodyOffset, bool& bad) {
        const Token& kw = t[0];
        if (t.size() < 2 || t[1].kind != Token::Word) {
            diagAt(file, h, kw.end, "expected a rule id after '" + kw.text + "', e.g. " + kw.text + " B3.cot4",
                   "cần mã quy tắc sau '" + kw.text + "', ví dụ " + kw.text + " B3.cot4");
            return false;
        }
        r.id = t[1].text;
        if (r.id.size() > limits_.maxNameBytes) {
            diagAt(file, h, t[1].offset, "rule id longer than the limit of " + std::to_string(limits_.maxNameBytes) + " bytes",
                   "mã quy tắc dài hơn giới hạn " + std::to_string(limits_.maxNameBytes) + " byte");
            return false;
        }
        if (!ids_.insert(r.id).second)
            diagAt(file, h, t[1].offset, "rule id '" + r.id + "' is used twice", "mã quy tắc '" + r.id + "' bị trùng");
        size_t k = 2;
        for (; k < t.size() && t[k].text != ":"; ++k) {
            const std::string& a = t[k].text;
            if (a == "error") r.severity = Severity::Error;
            else if (a == "warning") r.severity = Severity::Warning;
            else if (a == "info") r.severity = Severity::Info;
            else if (a == "derived") r.derived = true;
            else if (a == "exact") r.roundingAllowance = false;
            else if (a == "tol" || a == "decimals") {
                if (k + 1 >= t.size() || t[k + 1].kind != Token::Number) {
                    diagAt(file, h, t[k].end, "expected a number after '" + a + "'", "cần một số sau '" + a + "'");
                    return false;
                }
                ++k;
                if (k + 2 < t.size() && t[k + 1].text == "," && t[k + 2].kind == Token::Number) {
                    // Numbers in rules are written with a decimal point, as in every
                    // expression (muparser), where ',' separates a function's arguments;
                    // "0,5" is explained rather than read two ways.
                    std::string v = t[k].text + "." + t[k + 2].text;
                    diagAt(file, h, t[k].offset,
                           "write the decimal with a point: " + a + " " + v + " (numbers in rules use '.', ',' separates arguments)",
                           "viết phần thập phân bằng dấu chấm: " + a + " " + v + " (số trong quy tắc dùng dấu '.', dấu ',' để ngăn cách đối số)");
                    return false;
                }
                if (a == "tol") {
                    if (!toDouble(t[k].text, r.tol) || r.tol < 0) {
                        diagAt(file, h, t[k].offset, "expected a tolerance ≥ 0", "dung sai phải ≥ 0");
                        bad = true;
                    }
                } else if (!toInt(t[k].text, r.decimals) || r.decimals > 10) {
                    diagAt(file, h, t[k].offset, "expected decimals from 0 to 10", "số chữ số thập phân từ 0 đến 10");
                    bad = true;
                }
            } else {
                static const std::vector<std::string> kAttributes = {"error", "warning", "info", "tol", "decimals", "derived", "exact"};
                diagAt(file, h, t[k].offset,
                       "expected an attribute (error, warning, info, tol N, decimals N, derived, exact) or ':' (found '" + a + "')" +
                           didYouMean(a, kAttributes, "en"),
                       "cần thuộc tính (error, warning, info, tol N, decimals N, derived, exact) hoặc ':' (gặp '" + a + "')" +
                           didYouMean(a, kAttributes, "vi"));
                return false;
            }
        }
        if (k >= t.size()) {
            diagAt(file, h, h.text.size(), "expected ':' before the rule's body", "cần dấu ':' trước nội dung quy tắc");
            return false;
        }
        bodyOffset = t[k].end;
        return true;
    }

    // A check on text: `CELL = "text"`, `CELL <> "text"` or `CELL matches
    // "pattern"` (* any run of characters, ? one). npos when `body` is not one;
    // else true/false for parsed or reported.
    int textBody(const std::string& file, const Line& h, size_t offset, const std::string& body, Rule& r, bool& bad) {
        size_t at = std::string::npos, len = 0;
        CmpOp op = CmpOp::Eq;
        bool match = findWord(body, 0, "matches", at);
        if (match) {
            len = std::strlen("matches");
        } else if (!splitComparison(body, at, len, op) || (op != CmpOp::Eq && op != CmpOp::Ne)) {
            return -1;
        }
        std::string rhs = trimmed(body.substr(at + len));
        bool quoted = rhs.size() >= 2 && rhs.front() == '"' && rhs.back() == '"' &&
                      findUnquoted(rhs, 0, [](size_t) { return true; }) == std::string::npos;
        if (!quoted) {
            if (!match) return -1;
            diagAt(file, h, offset + at + len, "expected a quoted pattern after 'matches', e.g. A5 matches \"Dân số*\"",
                   "cần mẫu trong dấu nháy sau 'matches', ví dụ A5 matches \"Dân số*\"");
            return 0;
        }
        std::vector<Token> qt;
        LexError le;
        if (!tokenize(rhs, 0, qt, le) || qt.size() != 1 || qt[0].kind != Token::String) return -1;
        std::string lhs = body.substr(0, at);
        RefError re;
        size_t lead = lhs.find_first_not_of(" \t");
        Ref ref;
        if (lead == std::string::npos || !scanSingleRef(trimmed(lhs), ref, re) || ref.range) {
            diagAt(file, h, offset + (lead == std::string::npos ? 0 : lead),
                   "a check on text compares one cell with a quoted text, e.g. A5 = \"Dân số\" or A5 matches \"Dân số*\"",
                   "kiểm tra văn bản so một ô với văn bản trong dấu nháy, ví dụ A5 = \"Dân số\" hoặc A5 matches \"Dân số*\"");
            bad = true;
            return 0;
        }
        r.textCheck = true;
        r.textMatch = match;
        r.op = op;
        r.textValue = normalizeLabel(qt[0].text);
        r.lhs.source = trimmed(lhs);
        r.lhs.refs.push_back(ref);
        r.lhs.pieces = {"", ""};
        r.lhs.pieceOffsets = {0, 0};
        r.lhs.line = h.number;
        r.lhs.col = utf8Columns(h.text, offset + lead) + 1;
        if (r.derived) {
            diagAt(file, h, offset, "a check on text cannot be derived", "kiểm tra văn bản không dùng được derived");
            bad = true;
        }
        return 1;
    }

    // check: LHS op RHS
    bool checkBody(const std::string& file, const Line& h, size_t offset, const std::string& body, Rule& r, bool& bad) {
        if (int text = textBody(file, h, offset, body, r, bad); text >= 0) return text == 1;
        size_t at, len;
        if (!splitComparison(body, at, len, r.op)) {
            diagAt(file, h, offset, "expected a comparison: = <> < <= > >= between two expressions",
                   "cần một phép so sánh = <> < <= > >= giữa hai biểu thức");
            return false;
        }
        bad |= !expression(file, h, offset, body.substr(0, at), r.lhs);
        bad |= !expression(file, h, offset + at + len, body.substr(at + len), r.rhs);
        if (!bad && r.derived && (r.lhs.refs.size() != 1 || r.lhs.refs[0].range || r.op != CmpOp::Eq ||
                                  !normalizeLabel(r.lhs.pieces[0] + r.lhs.pieces[1]).empty())) {
            diagAt(file, h, offset, "a derived rule needs one cell on the left of '='",
                   "quy tắc derived cần đúng một ô ở vế trái của '='");
            bad = true;
        }
        return true;
    }

    // target: ACTUAL direction TARGET [and HIGH]
    bool targetBody(const std::string& file, const Line& h, size_t offset, const std::string& body, Rule& r, bool& bad) {
        size_t at, len;
        if (!findDirection(body, at, len, r.direction)) {
            diagAt(file, h, offset,
                   "expected a direction: at least, at most, more than, less than or between (ít nhất, tối đa, trên, dưới, trong khoảng)",
                   "cần hướng chỉ tiêu: ít nhất, tối đa, trên, dưới hoặc trong khoảng (at least, at most, more than, less than, between)");
            return false;
        }
        bad |= !expression(file, h, offset, body.substr(0, at), r.lhs);
        std::string rest = body.substr(at + len);
        size_t restOffset = offset + at + len;
        if (r.direction == TargetDirection::Between) {
            size_t andAt;
            if (!findWord(rest, 1, "and", andAt) && !findWord(rest, 1, "và", andAt)) {
                diagAt(file, h, restOffset, "expected 'LOW and HIGH' after between", "cần 'THẤP và CAO' sau trong khoảng");
                return false;
            }
            size_t wl = rest.compare(andAt, 3, "and") == 0 ? 3 : std::strlen("và");
            bad |= !expression(file, h, restOffset, rest.substr(0, andAt), r.rhs);
            bad |= !expression(file, h, restOffset + andAt + wl, rest.substr(andAt + wl), r.rhs2);
        } else {
            bad |= !expression(file, h, restOffset, rest, r.rhs);
        }
        return true;
    }

    // target's own lines: `status CELL`, `share CELL` (recompute writes them).
    LineUse targetLine(const std::string& file, const Line& l, const std::vector<Token>& ct, Rule& r, TreeState&) {
        if (ct[0].kind != Token::Word || (ct[0].text != "status" && ct[0].text != "share")) return LineUse::NotMine;
        Ref ref;
        RefError re;
        size_t from = ct[0].end;
        if (!scanSingleRef(l.text.substr(from), ref, re)) {
            diagAt(file, l, from + re.offset, re.message, re.messageVi);
            return LineUse::Bad;
        }
        (ct[0].text == "status" ? r.statusCell : r.shareCell) = std::make_unique<Ref>(ref);
        (ct[0].text == "status" ? r.statusText : r.shareText) = trimmed(l.text.substr(from));
        return LineUse::Done;
    }

    // total: cols SEL | rows SEL [within "…"]
    bool totalBody(const std::string& file, const Line& h, size_t offset, const std::string&, Rule& r, bool&) {
        std::vector<Token> ht;
        if (!tokens(file, h, offset, ht)) return false;
        for (size_t j = 0; j < ht.size();) {
            bool cbad = false;
            if (!clause(file, h, ht, j, r, cbad)) {
                diagAt(file, h, ht[j].offset, "expected 'cols …', 'rows …' or 'within \"…\"' (found '" + ht[j].text + "')",
                       "cần 'cols …', 'rows …' hoặc 'within \"…\"' (gặp '" + ht[j].text + "')");
                return false;
            }
            if (cbad) return false;
        }
        if (r.hasRows == r.hasCols) {
            diagAt(file, h, offset, "a total needs exactly one of 'cols C:K' (sum rows) or 'rows 8:20' (sum columns)",
                   "total cần đúng một trong 'cols C:K' (cộng theo dòng) hoặc 'rows 8:20' (cộng theo cột)");
            return false;
        }
        r.byRows = r.hasRows;
        return true;
    }

    // total's own lines: the tree, parts indented under their sum.
    LineUse totalLine(const std::string& file, const Line& l, const std::vector<Token>& ct, Rule& r, TreeState& tree) {
        int node = treeNode(file, l, ct, r);
        if (node < 0) return LineUse::Bad;
        auto& stack = tree.stack;
        while (!stack.empty() && stack.back().first >= l.indent) stack.pop_back();
        int& siblings = stack.empty() ? tree.rootIndent : tree.childIndent.emplace(stack.back().second, -1).first->second;
        if (!stack.empty() && siblings >= 0 && l.indent != siblings) {
            diagAt(file, l, l.bodyStart, "this line's indentation does not match any line above",
                   "dòng này thụt lề không khớp dòng nào phía trên");
            return LineUse::Bad;
        }
        if (stack.size() >= 32) {
            diagAt(file, l, l.bodyStart, "a total is nested more than 32 levels deep", "total lồng nhau quá 32 cấp");
            return LineUse::Bad;
        }
        if (!stack.empty()) siblings = l.indent;
        if (stack.empty()) {
            if (tree.rootIndent >= 0 && l.indent != tree.rootIndent) {
                diagAt(file, l, l.bodyStart, "this line's indentation does not match any line above",
                       "dòng này thụt lề không khớp dòng nào phía trên");
                return LineUse::Bad;
            }
            tree.rootIndent = l.indent;
            r.roots.push_back(node);
        } else {
            r.nodes[stack.back().second].children.push_back(node);
        }
        stack.push_back({l.indent, node});
        return LineUse::Done;
    }

    int treeNode(const std::string& file, const Line& l, const std::vector<Token>& ct, Rule& r) {
        TreeNode n;
        n.line = l.number;
        n.column = utf8Columns(l.text, ct[0].offset) + 1;
        size_t j = 0;
        if (!r.byRows) {
            if (ct[0].kind == Token::String || (ct[0].text == "@" && ct.size() > 1 && ct[1].kind == Token::String)) {
                j = ct[0].text == "@" ? 1 : 0;
                std::string label = ct[j].text;
                n.text = label;
                n.row.kind = RowPart::Label;
                if (!label.empty() && label.back() == '*') { n.row.prefix = true; label.pop_back(); }
                n.row.label = normalizeLabel(label);
                ++j;
                if (j + 2 < ct.size() + 0 && ct[j].text == "[" && ct[j + 1].kind == Token::Number && ct[j + 2].text == "]") {
                    toInt(ct[j + 1].text, n.row.occurrence);
                    j += 3;
                }
            } else if (ct[0].kind == Token::Number) {
                int row;
                if (!toInt(ct[0].text, row) || row < 1) {
                    diagAt(file, l, ct[0].offset, "expected a row number ≥ 1", "cần số dòng ≥ 1");
                    return -1;
                }
                n.row.kind = RowPart::Fixed;
                n.row.row = row - 1;
                n.text = ct[0].text;
                j = 1;
            } else {
                diagAt(file, l, ct[0].offset, "expected a row of the total: a quoted label or a row number (found '" + ct[0].text + "')",
                       "cần một dòng của tổng: nhãn trong dấu nháy hoặc số dòng (gặp '" + ct[0].text + "')");
                return -1;
            }
        } else {
            std::vector<SelItem> items;
            if (!colItems(file, l, ct, j, items)) return -1;
            if (items.size() != 1 || (items[0].kind != SelItem::Column && items[0].kind != SelItem::NumberedCol &&
                                      items[0].kind != SelItem::HeaderCol)) {
                diagAt(file, l, ct[0].offset, "expected one column per line", "mỗi dòng một cột");
                return -1;
            }
            if (items[0].kind == SelItem::Column) {
                n.col.kind = ColPart::Fixed;
                n.col.col = items[0].a;
                n.text = columnName(items[0].a);
            } else if (items[0].kind == SelItem::HeaderCol) {
                n.col = items[0].ha;
                n.text = n.col.header;
            } else {
                n.col.kind = ColPart::Numbered;
                n.col.number = items[0].la;
                n.text = "#" + items[0].la;
            }
        }
        if (j < ct.size()) {
            diagAt(file, l, ct[j].offset, "unexpected '" + ct[j].text + "' after the total's part", "thừa '" + ct[j].text + "'");
            return -1;
        }
        r.nodes.push_back(std::move(n));
        return static_cast<int>(r.nodes.size() - 1);
    }

    bool buildParents(const std::string& file, const Line& h, Rule& r) {
        bool any = false;
        for (size_t i = 0; i < r.nodes.size(); ++i) {
            const TreeNode& n = r.nodes[i];
            if (n.children.empty()) continue;
            any = true;
            Rule::Parent p;
            p.node = static_cast<int>(i);
            auto nodeRef = [&](int idx) {
                Ref ref;
                if (r.byRows) { ref.a.col.kind = ColPart::Node; ref.a.col.col = idx; }
                else { ref.a.row.kind = RowPart::Node; ref.a.row.row = idx; }
                return ref;
            };
            p.lhs.source = n.text;
            p.lhs.refs.push_back(nodeRef(p.node));
            p.lhs.pieces = {"", ""};
            p.lhs.pieceOffsets = {0, 0};
            p.rhs.pieces.push_back("");
            p.rhs.pieceOffsets.push_back(0);
            for (size_t c = 0; c < n.children.size(); ++c) {
                p.rhs.refs.push_back(nodeRef(n.children[c]));
                p.rhs.pieces.push_back(c + 1 < n.children.size() ? "+" : "");
                p.rhs.pieceOffsets.push_back(0);
                p.rhs.source += (c ? " + " : "") + r.nodes[n.children[c]].text;
            }
            p.lhs.line = p.rhs.line = n.line;
            p.lhs.col = p.rhs.col = n.column;
            Line l;
            l.number = n.line;
            if (!muCompile(file, l, 0, p.lhs) || !muCompile(file, l, 0, p.rhs)) return false;
            r.parents.push_back(std::move(p));
        }
        if (!any) {
            diagAt(file, h, 0, "a total needs at least one line with indented parts under it",
                   "total cần ít nhất một dòng có các phần thụt vào bên dưới");
            return false;
        }
        return true;
    }

    // Refs to "the current row/column" need an iteration over rows/columns.
    bool checkIteration(const std::string& file, const Line& h, Rule& r) {
        bool ok = true;
        auto check = [&](const Expr& e) {
            for (const auto& ref : e.refs) {
                for (const CellRef* c : {&ref.a, &ref.b}) {
                    if (c == &ref.b && !ref.range) continue;
                    if (!c->name.empty()) continue;
                    if (c->row.kind == RowPart::Current && !r.hasRows) {
                        diag(file, e.line, e.col, "'" + e.source + "' uses a column without a row: add 'for rows …' or write a cell like C5",
                             "'" + e.source + "' dùng cột mà không có dòng: thêm 'for rows …' hoặc viết ô như C5");
                        return (ok = false);
                    }
                    if (c->col.kind == ColPart::Current && !r.hasCols) {
                        diag(file, e.line, e.col, "'" + e.source + "' uses a row label without a column: add 'for cols …' or write @\"…\".C",
                             "'" + e.source + "' dùng nhãn dòng mà không có cột: thêm 'for cols …' hoặc viết @\"…\".C");
                        return (ok = false);
                    }
                    if (c->col.kind == ColPart::Numbered && r.section.numbersRow < 0 && c->sheet.empty()) {
                        diag(file, e.line, e.col, "'#" + c->col.number + "' needs the section's column-number row: add 'numbers N' after sheet",
                             "'#" + c->col.number + "' cần dòng đánh số cột: thêm 'numbers N' sau sheet");
                        return (ok = false);
                    }
                }
            }
            return true;
        };
        check(r.lhs) && check(r.rhs) && check(r.rhs2);
        for (const Ref* ref : {r.statusCell.get(), r.shareCell.get()}) {
            if (!ref) continue;
            Expr e;
            e.refs.push_back(*ref);
            e.line = h.number;
            e.col = 1;
            e.source = "status/share";
            ok = ok && check(e);
        }
        return ok;
    }
};

// Every statement, by its first word. A new statement is one row and one parser.
const RuleCompiler::StatementSpec RuleCompiler::kStatements[10] = {
    {"placeholders", &RuleCompiler::optionStatement}, {"rounding", &RuleCompiler::optionStatement},
    {"include", &RuleCompiler::includeStatement}, {"sheet", &RuleCompiler::sheetStatement},
    {"labels", &RuleCompiler::labelsStatement},   {"numbers", &RuleCompiler::numbersStatement},
    {"headers", &RuleCompiler::headersStatement}, {"check", &RuleCompiler::ruleStatement},
    {"total", &RuleCompiler::ruleStatement},      {"target", &RuleCompiler::ruleStatement},
};

// Every rule kind: a new kind is one row here, its parsers above, and its
// case in the evaluator's Run::ruleBody.
const RuleCompiler::RuleKindSpec RuleCompiler::kRuleKinds[3] = {
    {"check", RuleKind::Check, Severity::Error, &RuleCompiler::checkBody, nullptr, "", "", &RuleCompiler::checkIteration},
    {"target", RuleKind::Target, Severity::Warning, &RuleCompiler::targetBody, &RuleCompiler::targetLine,
     ", 'status …' or 'share …'", ", 'status …' hoặc 'share …'", &RuleCompiler::checkIteration},
    {"total", RuleKind::Total, Severity::Error, &RuleCompiler::totalBody, &RuleCompiler::totalLine, "", "",
     &RuleCompiler::buildParents},
};

RuleSet::RuleSet() : mu_(std::make_unique<MuSets>()) {}
RuleSet::~RuleSet() = default;
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;

size_t RuleSet::size() const { return rules_.size(); }

std::vector<std::string> RuleSet::ruleIds() const {
    std::vector<std::string> ids;
    for (const auto& r : rules_) ids.push_back(r->id);
    return ids;
}

RuleSet RuleSet::compile(const std::string& text, const std::string& file, const Limits& limits) {
    std::vector<Diagnostic> diags;
    RuleSet rs = compileValid(text, file, diags, limits);
    if (!diags.empty()) throw RulesError(diags);
    return rs;
}

RuleSet RuleSet::compileFile(const std::string& path, const Limits& limits) {
    std::string text;
    try {
        text = readRegularFile(path, limits.maxTextBytes);
    } catch (const FileError& e) {
        throw RulesError({{path, 0, 0, "cannot read the rules file: " + e.en(), "không đọc được tệp quy tắc: " + e.vi()}});
    }
    return compile(text, path, limits);
}

RuleSet RuleSet::compileValid(const std::string& text, const std::string& file, std::vector<Diagnostic>& diags,
                              const Limits& limits) {
    RuleSet rs;
    rs.limits_ = limits;
    RuleCompiler c(limits, rs);
    c.compileText(text, file, 0);
    c.finish();
    diags = c.diags;
    return rs;  // a rule with a problem was never added to it
}

std::vector<Diagnostic> RuleSet::lint(const std::string& text, const std::string& file, const Limits& limits) {
    RuleSet rs;
    RuleCompiler c(limits, rs);
    c.compileText(text, file, 0);
    c.finish();
    return c.diags;
}

}  // namespace reportcheck
