// Conversions between UNO strings and the engine's UTF-8 std::string.
#pragma once

#include <string>

#include <rtl/ustring.hxx>
#include <rtl/string.hxx>

// The SDK exports these into the global namespace only for LibreOffice itself.
using rtl::OString;
using rtl::OUString;

namespace rcext {

inline std::string u8(const OUString& s) {
    OString o = OUStringToOString(s, RTL_TEXTENCODING_UTF8);
    return std::string(o.getStr(), o.getLength());
}

inline OUString ou(const std::string& s) {
    return OUString(s.data(), static_cast<sal_Int32>(s.size()), RTL_TEXTENCODING_UTF8);
}

inline OUString ou(const char* s) { return OUString::fromUtf8(s); }

}  // namespace rcext
