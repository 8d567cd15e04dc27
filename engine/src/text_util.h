#pragma once

#include <string>
#include <string_view>

namespace reportcheck {

// Trim and fold runs of white space (incl. no-break space) into one space.
std::string normalizeLabel(const std::string& s);
// Appends `s` normalised as above to `out`, after one space when both hold
// words: the words of several cells joined without a copy of each.
void appendLabel(std::string& out, std::string_view s);
// Number of Unicode code points in the first `bytes` bytes of a UTF-8 string.
int utf8Columns(const std::string& s, size_t bytes);

}  // namespace reportcheck

#include <vector>

namespace reportcheck {

// The candidate closest to `word` by edit distance over code points (case
// folded for ASCII), when it is close enough to be a likely misspelling: at
// most 2 edits and fewer than half the word's length. "" when none is, or
// when `word` is itself a candidate. Lint's "did you mean" (issue 9).
std::string closestWord(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace reportcheck
