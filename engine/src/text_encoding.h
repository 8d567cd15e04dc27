// The bytes of a text file (.csv) as UTF-8, whatever an office's program
// wrote them in. Internal to the engine (ICU stays private to it).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace reportcheck {

// Thrown when the bytes to convert are beyond the caller's bound.
struct TextTooLargeToConvert : std::length_error {
    TextTooLargeToConvert() : std::length_error("text too large to convert") {}
};

struct DecodedText {
    std::string utf8;         // NUL-terminated, as every std::string
    const char* encoding;     // what the bytes were read as: "UTF-8", "UTF-16", "Windows-1258"
};

// UTF-8 (a byte order mark dropped) is taken as it is. UTF-16 with its byte
// order mark (Excel's "Unicode Text") is converted. Anything else that is not
// valid UTF-8 is read as Windows-1258, the code page of Vietnamese Windows,
// in which Excel's plain "CSV" is written there; its tone marks come as
// combining characters and are composed (NFC), so "Tổng" is the "Tổng" the
// rules and the report write. Bytes to convert beyond `maxConverted` throw
// (the conversion holds the text twice more, in UTF-16 and in
// UTF-8): TextTooLargeToConvert. UTF-8 is never converted and has no such bound here.
DecodedText textAsUtf8(std::string_view bytes, size_t maxConverted);

}  // namespace reportcheck
