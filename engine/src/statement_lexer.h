// Tokens of one line of a rules file (the statement words, not expressions:
// expressions are kept as raw text for refs.cpp and muparser).
#pragma once

#include <string>
#include <vector>

namespace reportcheck {

struct Token {
    enum Kind { Word, Number, String, Punct, End } kind = End;
    std::string text;   // String: unescaped contents
    size_t offset = 0;  // byte offset in the line
    size_t end = 0;     // byte offset just past the token
};

struct LexError {
    size_t offset;
    std::string message, messageVi;
};

// Tokenise `line` from byte `from`. Returns false on an unterminated string.
bool tokenize(const std::string& line, size_t from, std::vector<Token>& out, LexError& err);

// Byte offset where a comment starts ('#' not followed directly by a digit, a
// letter or a quote, outside quotes), or line.size().
size_t commentStart(const std::string& line);

}  // namespace reportcheck
