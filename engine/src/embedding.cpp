#include "reportcheck/embedding.h"

#include <stdexcept>

#include "reportcheck/text.h"

namespace reportcheck::embedding {

std::map<std::string, std::string> toProperties(const std::string& text) {
    if (text.size() > kMaxTotalBytes) throw TextError({"quy tắc quá lớn để nhúng", "rules text too large to embed"});
    std::map<std::string, std::string> props;
    size_t n = 0;
    for (size_t pos = 0; pos < text.size();) {
        size_t len = std::min(kChunkChars, text.size() - pos);
        // Never cut a UTF-8 sequence: back up to a lead byte.
        while (len > 0 && pos + len < text.size() && (static_cast<unsigned char>(text[pos + len]) & 0xC0) == 0x80) --len;
        props[kPrefix + std::to_string(++n)] = text.substr(pos, len);
        pos += len;
    }
    props[kCount] = std::to_string(n);
    props[kVersion] = "1";
    return props;
}

std::string fromProperties(const std::map<std::string, std::string>& props) {
    auto count = props.find(kCount);
    if (count == props.end()) return {};
    size_t n = 0;
    try {
        n = std::stoul(count->second);
    } catch (...) {
        throw TextError({"số phần quy tắc nhúng không hợp lệ", "embedded rules: bad chunk count"});
    }
    auto version = props.find(kVersion);
    if (version != props.end() && version->second != "1")
        throw TextError({"phiên bản quy tắc nhúng không hỗ trợ " + version->second,
                         "embedded rules: unknown format version " + version->second});
    if (n > kMaxTotalBytes / kChunkChars + 1)
        throw TextError({"quy tắc nhúng quá nhiều phần", "embedded rules: too many chunks"});
    std::string text;
    for (size_t i = 1; i <= n; ++i) {
        auto it = props.find(kPrefix + std::to_string(i));
        if (it == props.end())
            throw TextError({"quy tắc nhúng thiếu phần " + std::to_string(i), "embedded rules: chunk " + std::to_string(i) + " is missing"});
        text += it->second;
        if (text.size() > kMaxTotalBytes) throw TextError({"quy tắc nhúng quá lớn", "embedded rules too large"});
    }
    return text;
}

}  // namespace reportcheck::embedding
