// What liborcus 0.17 drops or gets wrong in an .xlsx, read again from the
// package (found on the corpus saved as .xlsx by LibreOffice, and in
// tests/engine/formats_test.cpp):
//  - error values (t="e": "#DIV/0!", "#N/A"), with or without a formula;
//  - formulas whose cached result is a boolean (t="b" with <f>);
//  - inline strings (t="inlineStr", written by many generators instead of
//    shared strings);
//  - an empty shared string (<si><t></t></si>, which LibreOffice writes for a
//    cell of one empty paragraph): orcus gives it the text of the one before.
// They matter to the rules (an error cell is a finding). A sheet is parsed
// only if a byte search finds one of these cell types in it.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace reportcheck {

enum class XlsxGap { Error, Boolean, InlineString };

// `zip` is the whole .xlsx. Calls `emptySharedString(index)` for every empty
// shared string, and `cell(sheet name, row, col, kind, text)` (0-based; text:
// the error, the inline string, or "1"/"0") for every cell above. Reads
// nothing it cannot parse; the callbacks may throw to stop it.
void findXlsxGaps(std::string_view zip, const std::function<void(size_t)>& emptySharedString,
                  const std::function<void(const std::string&, int, int, XlsxGap, const std::string&)>& cell);

}  // namespace reportcheck
