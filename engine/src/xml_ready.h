// libxml2 sets up its global state on first use. Two threads doing that at once
// race (ThreadSanitizer caught it under `validate -j 4`, and CI once saw output
// differ from -j 1), so every reader calls xmlReady() before its first libxml2 call:
// C++ runs a function-local static initialiser exactly once, whatever the threads.
#pragma once

#include <libxml/parser.h>

#include <algorithm>
#include <cctype>
#include <cstdarg>
#include <cstdio>
#include <string>

namespace reportcheck {

inline void xmlReady() {
    static const bool ready = (xmlInitParser(), true);
    (void)ready;
}

// libxml2 reports a few failures - bytes its declared encoding cannot convert,
// and the I/O error that follows - not to the parser's structured error callback
// but to its generic error handler, which prints them to stderr (quoting the
// file's bytes) before our own error. That handler is per thread, and the engine
// also runs inside LibreOffice, whose libxml2 handlers are its own: so while one
// of our parses runs, XmlQuiet swaps it on this thread only, records what it is
// given (into `said`, bounded; our error says what went wrong), and puts the
// previous handler and context back however the scope ends. Scopes nest.
class XmlQuiet {
public:
    explicit XmlQuiet(std::string* said = nullptr) : said_(said) {
        xmlReady();
        fn_ = xmlGenericError;
        ctx_ = xmlGenericErrorContext;
        xmlSetGenericErrorFunc(this, &XmlQuiet::record);
    }
    ~XmlQuiet() { xmlSetGenericErrorFunc(ctx_, fn_); }
    XmlQuiet(const XmlQuiet&) = delete;
    XmlQuiet& operator=(const XmlQuiet&) = delete;

private:
    static constexpr size_t kMaxSaid = 1024;  // a hostile file could make libxml2 say a lot
    // Called from C: never throws.
    static void record(void* self, const char* msg, ...) {
        std::string* said = static_cast<XmlQuiet*>(self)->said_;
        if (!said || said->size() >= kMaxSaid) return;
        char buf[256];
        va_list ap;
        va_start(ap, msg);
        int n = std::vsnprintf(buf, sizeof buf, msg, ap);
        va_end(ap);
        if (n <= 0) return;
        try {
            said->append(buf, std::min({static_cast<size_t>(n), sizeof buf - 1, kMaxSaid - said->size()}));
        } catch (...) {
        }
    }
    std::string* said_;
    xmlGenericErrorFunc fn_ = nullptr;
    void* ctx_ = nullptr;
};

// After a parse stopped with no fatal structured error: true when what libxml2
// said to its generic handler (`said`, from XmlQuiet) was about the encoding,
// which is then the reason. Sets `line` (when still 0) to where the parser
// stood and `encoding` to the encoding the file declares, if a plain name.
inline bool xmlBadEncoding(xmlParserCtxtPtr ctxt, const std::string& said, int& line, std::string& encoding) {
    if (said.find("encod") == std::string::npos) return false;
    if (line == 0 && ctxt->input && ctxt->input->line > 0) line = ctxt->input->line;
    const xmlChar* declared = ctxt->input && ctxt->input->encoding ? ctxt->input->encoding : ctxt->encoding;
    std::string name = declared ? reinterpret_cast<const char*>(declared) : "";
    bool plain = !name.empty() && name.size() <= 40;
    for (char c : name) plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':');
    encoding = plain ? name : "";
    return true;
}

}  // namespace reportcheck
