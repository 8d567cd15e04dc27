// One include inliner (issue 8): flattenRules follows the compiler's include
// exactly — the same statement test, path, reader, limits, depth and cycle
// check — so that what the extension embeds compiles to the same rules as the
// file with its includes (tests/engine/rule_info_test.cpp checks the models).
#include "includes.h"

#include <set>
#include <sstream>

#include "file_io.h"
#include "reportcheck/rules.h"
#include "statement_lexer.h"

namespace reportcheck {

std::string includePath(const std::string& file, const std::string& name) {
    if (!name.empty() && name[0] == '/') return name;
    std::string dir = file.find('/') == std::string::npos ? "" : file.substr(0, file.rfind('/') + 1);
    return dir + name;
}

bool includeLine(const std::string& line, std::string& name) {
    std::string code = line.substr(0, commentStart(line));
    if (!code.empty() && code.back() == '\r') code.pop_back();
    if (code.empty() || code[0] == ' ' || code[0] == '\t') return false;
    std::vector<Token> t;
    LexError e;
    if (!tokenize(code, 0, t, e) || t.size() != 2) return false;
    if (t[0].kind != Token::Word || t[0].text != "include" || t[1].kind != Token::String) return false;
    name = t[1].text;
    return true;
}

void dropByteOrderMark(std::string& text) {
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
}

namespace {

void flattenInto(const std::string& path, int depth, int maxDepth, std::set<std::string>& stack, std::string& out) {
    std::string text;
    try {
        text = readRegularFile(path, Limits().maxTextBytes);
    } catch (const FileError& e) {
        throw RulesError({{path, 0, 0, Text{"không đọc được tệp quy tắc: ", "cannot read the rules file: "} + e.text()}});
    }
    dropByteOrderMark(text);
    std::istringstream in(text);
    in.exceptions(std::ios::badbit);  // out of memory is an error, not the end of the file (driver.cpp)
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        std::string name;
        if (!includeLine(line, name)) {
            out += line + "\n";
            continue;
        }
        std::string inc = includePath(path, name);
        // The compiler's own checks, in its order (RuleCompiler::include).
        if (depth + 1 > maxDepth)
            throw RulesError({{path, n, 1, {"include lồng nhau quá sâu", "includes are nested too deeply"}}});
        if (stack.count(inc)) throw RulesError({{path, n, 1, {"include vòng lặp: " + inc, "include cycle: " + inc + " includes itself"}}});
        stack.insert(inc);
        out += "# --- " + name + "\n";
        flattenInto(inc, depth + 1, maxDepth, stack, out);
        out += "# --- end " + name + "\n";
        stack.erase(inc);
    }
}

}  // namespace

std::string flattenRules(const std::string& path, int maxDepth) {
    std::string out;
    std::set<std::string> stack;
    flattenInto(path, 0, maxDepth, stack, out);
    return out;
}

}  // namespace reportcheck
