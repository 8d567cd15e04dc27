#include "text_encoding.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <stdexcept>

namespace reportcheck {

namespace {

bool validUtf8(std::string_view s) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const int32_t n = static_cast<int32_t>(s.size());  // CSV files are bounded far below 2 GiB
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) return false;
    }
    return true;
}

std::string composedUtf8(const icu::UnicodeString& text) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("no Unicode normalizer");
    icu::UnicodeString composed = nfc->normalize(text, status);
    if (U_FAILURE(status)) throw std::runtime_error("text cannot be normalized");
    std::string out;
    composed.toUTF8String(out);
    return out;
}

}  // namespace

DecodedText textAsUtf8(std::string_view bytes, size_t maxConverted) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    const bool utf16 = bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF";
    if (!utf16 && bytes.size() < INT32_MAX && validUtf8(bytes)) return {std::string(bytes), "UTF-8"};
    if (bytes.size() > maxConverted || bytes.size() >= INT32_MAX) throw TextTooLargeToConvert();
    // ICU's converters: "UTF-16" reads the byte order mark (and drops it).
    const icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), utf16 ? "UTF-16" : "windows-1258");
    if (text.isBogus()) throw std::runtime_error("text cannot be converted");
    return {composedUtf8(text), utf16 ? "UTF-16" : "Windows-1258"};
}

}  // namespace reportcheck
