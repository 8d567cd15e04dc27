#pragma once

#include <string>

namespace reportcheck {

// "87.107" -> 87107, "47,5" -> 47.5, "1.234,5" -> 1234.5, "94,8%" -> 94.8,
// "47.5" -> 47.5 (a lone dot that cannot be a thousands group). False if not a number.
bool parseTextNumber(const std::string& text, double& out);

}  // namespace reportcheck
