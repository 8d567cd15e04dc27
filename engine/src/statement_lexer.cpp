#include "statement_lexer.h"

#include <cctype>

namespace reportcheck {

namespace {
bool wordStart(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool wordChar(unsigned char c) { return std::isalnum(c) || c == '_' || c == '.' || c == '-' || c >= 0x80; }
}  // namespace

size_t commentStart(const std::string& line) {
    size_t at = findUnquoted(line, 0, [&](size_t i) {
        unsigned char n = i + 1 < line.size() ? line[i + 1] : ' ';
        return line[i] == '#' && !std::isalnum(n) && n != '"';  // "#4", #"31/12/2023" are columns, "# note" a comment
    });
    return at == std::string::npos ? line.size() : at;
}

bool tokenize(const std::string& line, size_t from, std::vector<Token>& out, LexError& err) {
    size_t i = from;
    while (i < line.size()) {
        unsigned char c = line[i];
        if (c == ' ' || c == '\t' || c == '\r') { ++i; continue; }
        Token t;
        t.offset = i;
        if (c == '"') {
            t.kind = Token::String;
            ++i;
            bool closed = false;
            while (i < line.size()) {
                if (line[i] == '\\' && i + 1 < line.size()) { t.text += line[i + 1]; i += 2; continue; }
                if (line[i] == '"') { closed = true; ++i; break; }
                t.text += line[i++];
            }
            if (!closed) {
                err = {t.offset, {"chuỗi thiếu dấu \" đóng", "unterminated string: expected a closing \""}};
                return false;
            }
        } else if (std::isdigit(c) || (c == '-' && i + 1 < line.size() && std::isdigit(static_cast<unsigned char>(line[i + 1])))) {
            t.kind = Token::Number;
            size_t b = i++;
            while (i < line.size() && (std::isdigit(static_cast<unsigned char>(line[i])) || line[i] == '.')) ++i;
            t.text = line.substr(b, i - b);
        } else if (wordStart(c)) {
            t.kind = Token::Word;
            size_t b = i;
            while (i < line.size() && wordChar(static_cast<unsigned char>(line[i]))) ++i;
            t.text = line.substr(b, i - b);
        } else {
            t.kind = Token::Punct;
            t.text = std::string(1, static_cast<char>(c));
            ++i;
        }
        t.end = i;
        out.push_back(std::move(t));
    }
    return true;
}

}  // namespace reportcheck
