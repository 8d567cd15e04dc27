#include "text_util.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace reportcheck {

std::string normalizeLabel(const std::string& s) {
    std::string out;
    appendLabel(out, s);
    return out;
}

void appendLabel(std::string& out, std::string_view s) {
    // Bytes of white space at i, 0 for none.
    auto spaceAt = [&](size_t i) -> size_t {
        const unsigned char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
        return c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0 ? 2 : 0;  // U+00A0
    };
    bool space = !out.empty();  // a space goes before the next word
    for (size_t i = 0; i < s.size();) {
        if (size_t w = spaceAt(i)) {
            i += w;
            continue;
        }
        size_t j = i + 1;
        while (j < s.size() && !spaceAt(j)) ++j;
        if (space) out += ' ';
        out.append(s.data() + i, j - i);  // a word at once: labels are read for every row of a sheet
        space = true;
        i = j;
    }
}

int utf8Columns(const std::string& s, size_t bytes) {
    int n = 0;
    for (size_t i = 0; i < bytes && i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
    return n;
}

}  // namespace reportcheck

namespace reportcheck {

namespace {

// Code points of a UTF-8 string (bytes of a malformed sequence stand alone),
// ASCII letters lower-cased: "Bieu 3" and "biểu 3" differ by one edit.
std::vector<unsigned> codePoints(const std::string& s) {
    std::vector<unsigned> out;
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + n > s.size()) n = 1;
        unsigned cp = n == 1 ? c : c & (0x7F >> n);
        for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        if (cp < 0x80 && cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
        out.push_back(cp);
        i += n;
    }
    return out;
}

size_t editDistance(const std::vector<unsigned>& a, const std::vector<unsigned>& b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

}  // namespace

std::string closestWord(const std::string& word, const std::vector<std::string>& candidates) {
    // Long texts (a whole label) are not worth a quadratic comparison.
    if (word.empty() || word.size() > 200) return "";
    auto w = codePoints(word);
    std::string best;
    size_t bestD = SIZE_MAX;
    for (const auto& c : candidates) {
        if (c == word) return "";
        if (c.size() > 200) continue;
        size_t d = editDistance(w, codePoints(c));
        if (d < bestD) { bestD = d; best = c; }
    }
    if (bestD > 2 || (bestD > 0 && 2 * bestD >= w.size())) return "";  // 0: differs only in case
    return best;
}

}  // namespace reportcheck
