// The bytes of a text file (.csv) as UTF-8, whatever an office's program
// wrote them in. Internal to the engine (ICU stays private to it).
#pragma once

#include <string>
#include <string_view>

namespace reportcheck {

struct DecodedText {
    std::string utf8;         // NUL-terminated, as every std::string
    const char* encoding;     // what the bytes were read as: "UTF-8", "UTF-16", "Windows-1258"
};

// UTF-8 (a byte order mark dropped) is taken as it is. UTF-16 with its byte
// order mark (Excel's "Unicode Text") is converted. Anything else that is not
// valid UTF-8 is read as Windows-1258, the code page of Vietnamese Windows,
// in which Excel's plain "CSV" is written there; its tone marks come as
// combining characters and are composed (NFC), so "Tổng" is the "Tổng" the
// rules and the report write.
DecodedText textAsUtf8(std::string_view bytes);

}  // namespace reportcheck
