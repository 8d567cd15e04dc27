// The statements, by their first word (kStatements): sheet, labels, numbers,
// headers, placeholders, rounding, include, and the rule keywords, which go on
// to rule_kinds.cpp. A new statement is one row of the table and one parser.
#include "compile/rule_compiler.h"

#include "file_io.h"
#include "includes.h"
#include "text_util.h"

namespace reportcheck {

void RuleCompiler::statement(Statement& st, const std::string& file, int depth) {
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

bool RuleCompiler::expectEnd(const std::string& file, const Line& l, const std::vector<Token>& t, size_t k) {
    if (k < t.size()) {
        diagAt(file, l, t[k].offset, "unexpected '" + t[k].text + "' at the end of the statement",
               "thừa '" + t[k].text + "' ở cuối câu lệnh");
        return false;
    }
    return true;
}

void RuleCompiler::noMore(const std::string& file, const Statement& st) {
    if (!st.more.empty())
        diagAt(file, st.more[0], st.more[0].bodyStart, "this statement takes no indented lines",
               "câu lệnh này không có dòng thụt vào");
}

void RuleCompiler::includeStatement(Statement& st, const std::vector<Token>& t, const std::string& file, int depth) {
    noMore(file, st);
    if (t.size() < 2 || t[1].kind != Token::String) {
        diagAt(file, st.head, t[0].end, "expected a quoted file name after include", "cần tên tệp trong dấu nháy sau include");
        return;
    }
    expectEnd(file, st.head, t, 2);
    include(file, st.head, t[1], depth);
}

void RuleCompiler::sheetStatement(Statement& st, const std::vector<Token>& t, const std::string& file, int) {
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

void RuleCompiler::labelsStatement(Statement& st, const std::vector<Token>& t, const std::string& file, int) {
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

void RuleCompiler::numbersStatement(Statement& st, const std::vector<Token>& t, const std::string& file, int) {
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

void RuleCompiler::headersStatement(Statement& st, const std::vector<Token>& t, const std::string& file, int) {
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
void RuleCompiler::optionStatement(Statement& st, const std::vector<Token>& t, const std::string& file, int) {
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

bool RuleCompiler::requireSection(const std::string& file, const Line& l, const Token& kw) {
    if (hasSection_) return true;
    diagAt(file, l, kw.offset, "'" + kw.text + "' needs a sheet section first (sheet \"…\")",
           "'" + kw.text + "' cần khai báo trang trước (sheet \"…\")");
    return false;
}

// "; có phải 'check'?" / "; did you mean 'check'?" when `word` looks like a
// misspelling of one of `known` (issue 9), else "".
std::string RuleCompiler::didYouMean(const std::string& word, const std::vector<std::string>& known, const char* lang) {
    std::string c = closestWord(word, known);
    if (c.empty()) return "";
    return std::string(lang) == "en" ? "; did you mean '" + c + "'?" : "; có phải '" + c + "'?";
}

bool RuleCompiler::toInt(const std::string& s, int& v) {
    if (s.empty() || s.size() > 7 || s.find_first_not_of("0123456789") != std::string::npos) return false;
    v = std::stoi(s);
    return true;
}

bool RuleCompiler::toDouble(const std::string& s, double& v) {
    try {
        size_t used = 0;
        v = std::stod(s, &used);
        return used == s.size();
    } catch (...) {
        return false;
    }
}

void RuleCompiler::include(const std::string& file, const Line& l, const Token& name, int depth) {
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
        diagAt(file, l, name.offset, Text{"không đọc được tệp include: ", "cannot read the included file: "} + e.text());
        return;
    }
    includeStack_.insert(path);
    compileText(text, path, depth + 1);
    includeStack_.erase(path);
}

// Every statement, by its first word. A new statement is one row and one parser.
const RuleCompiler::StatementSpec RuleCompiler::kStatements[10] = {
    {"placeholders", &RuleCompiler::optionStatement}, {"rounding", &RuleCompiler::optionStatement},
    {"include", &RuleCompiler::includeStatement}, {"sheet", &RuleCompiler::sheetStatement},
    {"labels", &RuleCompiler::labelsStatement},   {"numbers", &RuleCompiler::numbersStatement},
    {"headers", &RuleCompiler::headersStatement}, {"check", &RuleCompiler::ruleStatement},
    {"total", &RuleCompiler::ruleStatement},      {"target", &RuleCompiler::ruleStatement},
};

}  // namespace reportcheck
