#pragma once

#include <string>

namespace reportcheck {

// Trim and fold runs of white space (incl. no-break space) into one space.
std::string normalizeLabel(const std::string& s);
// Number of Unicode code points in the first `bytes` bytes of a UTF-8 string.
int utf8Columns(const std::string& s, size_t bytes);

}  // namespace reportcheck
