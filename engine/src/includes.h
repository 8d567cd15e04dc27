// `include "file"`: what counts as one and which file it names. The compiler
// and flattenRules (which writes the text embedded in a workbook) both decide
// with these, so the embedded text is exactly what the compiler reads.
#pragma once

#include <string>

namespace reportcheck {

// The path `include "name"` written in `file` refers to: `name` itself when
// absolute, else relative to `file`'s directory.
std::string includePath(const std::string& file, const std::string& name);

// Whether `line` (one line of a rules file, as read) is an include statement
// the compiler would carry out: at the left margin (an indented line continues
// the statement above), `include "name"` and nothing else but a comment. Sets
// `name`.
bool includeLine(const std::string& line, std::string& name);

// A UTF-8 byte order mark at the start of `text` is removed (the compiler
// skips it at the start of each file it reads).
void dropByteOrderMark(std::string& text);

}  // namespace reportcheck
