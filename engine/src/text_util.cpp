#include "text_util.h"

namespace reportcheck {

std::string normalizeLabel(const std::string& s) {
    std::string out;
    bool pendingSpace = false;
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned char c = s[i];
        bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
            space = true;  // U+00A0
            ++i;
        }
        if (space) {
            pendingSpace = !out.empty();
            continue;
        }
        if (pendingSpace) out += ' ';
        pendingSpace = false;
        out += static_cast<char>(c);
    }
    return out;
}

int utf8Columns(const std::string& s, size_t bytes) {
    int n = 0;
    for (size_t i = 0; i < bytes && i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
    return n;
}

}  // namespace reportcheck
