// The compiler's entry points (RuleSet::compile, compileFile, compileValid,
// lint) and what every part shares: a text cut into lines and statements,
// control characters refused, and each problem kept as a Diagnostic, bounded
// by maxDiagnostics.
#include "compile/rule_compiler.h"

#include <sstream>
#include <cstdio>

#include "file_io.h"
#include "mu_sets.h"
#include "text_util.h"

namespace reportcheck {

std::string Diagnostic::format(const std::string& lang) const {
    std::ostringstream o;
    o << file << ":" << line << ":" << column << ": " << message.in(lang);
    return o.str();
}

static Text joinDiagnostics(const std::vector<Diagnostic>& d) {
    Text s;
    for (const auto& x : d) s = s + Text{x.format("vi") + "\n", x.format("en") + "\n"};
    return s;
}

RulesError::RulesError(std::vector<Diagnostic> d) : TextError(joinDiagnostics(d)), diags_(std::move(d)) {}


// `s` without spaces and tabs at either end.
std::string RuleCompiler::trimmed(const std::string& s) {
    size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

void RuleCompiler::compileText(const std::string& text, const std::string& file, int depth) {
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

void RuleCompiler::finish() {
    if (unlisted_ == 0) return;
    Diagnostic d = firstUnlisted_;
    std::string n = std::to_string(unlisted_), max = std::to_string(limits_.maxDiagnostics);
    d.message = {"còn " + n + " lỗi khác không được liệt kê (giới hạn maxDiagnostics = " + max + ")",
                 n + " more problems are not listed (limit maxDiagnostics = " + max + ")"};
    diags.push_back(std::move(d));
}

// Hostile text can hold a problem on every line: after maxDiagnostics they
// are counted, and finish() adds one line saying how many more there were.
void RuleCompiler::diag(const std::string& file, int line, int col, std::string en, std::string vi) {
    if (diags.size() >= limits_.maxDiagnostics) {
        if (unlisted_++ == 0) firstUnlisted_ = {file, line, col, {}};
        return;
    }
    diags.push_back({file, line, col, {std::move(vi), std::move(en)}});
}

void RuleCompiler::diagAt(const std::string& file, const Line& l, size_t offset, std::string en, std::string vi) {
    diag(file, l.number, utf8Columns(l.text, offset) + 1, std::move(en), std::move(vi));
}

std::vector<RuleCompiler::Statement> RuleCompiler::splitStatements(const std::string& text, const std::string& file) {
    std::vector<Statement> stmts;
    std::istringstream in(text);
    // getline swallows an exception (out of memory) into badbit and the loop
    // just ends: the rules after that line would be silently missing (a
    // workbook validated "ok" with none of them run, CliSafety's OOM test).
    in.exceptions(std::ios::badbit);
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
void RuleCompiler::rejectControls(const std::string& file, int line, std::string& raw) {
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

bool RuleCompiler::tokens(const std::string& file, const Line& l, size_t from, std::vector<Token>& t) {
    LexError e;
    if (!tokenize(l.text, from, t, e)) {
        diagAt(file, l, e.offset, e.message);
        return false;
    }
    return true;
}

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
        throw RulesError({{path, 0, 0, Text{"không đọc được tệp quy tắc: ", "cannot read the rules file: "} + e.text()}});
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
