// Tokens of one line of a rules file (the statement words, not expressions:
// expressions are kept as raw text for refs.cpp and muparser).
#pragma once

#include <string>
#include <vector>

#include "reportcheck/text.h"

namespace reportcheck {

struct Token {
    enum Kind { Word, Number, String, Punct, End } kind = End;
    std::string text;   // String: unescaped contents
    size_t offset = 0;  // byte offset in the line
    size_t end = 0;     // byte offset just past the token
};

struct LexError {
    size_t offset;
    Text message;
};

// Tokenise `line` from byte `from`. Returns false on an unterminated string.
bool tokenize(const std::string& line, size_t from, std::vector<Token>& out, LexError& err);

// The first byte offset from `from` outside "…" and '…' (\" escapes inside "…")
// for which f(offset) is true, or npos.
template <class F>
size_t findUnquoted(const std::string& s, size_t from, F f) {
    char quote = 0;
    for (size_t i = from; i < s.size(); ++i) {
        char c = s[i];
        if (quote) {
            if (c == '\\' && quote == '"') ++i;
            else if (c == quote) quote = 0;
            continue;
        }
        if (c == '"' || c == '\'') { quote = c; continue; }
        if (f(i)) return i;
    }
    return std::string::npos;
}

// Byte offset where a comment starts ('#' not followed directly by a digit, a
// letter or a quote, outside quotes), or line.size().
size_t commentStart(const std::string& line);

}  // namespace reportcheck
