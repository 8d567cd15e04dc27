// A flat OpenDocument spreadsheet (.fods) as the package (.ods) an .ods reader expects.
#include "flat_ods.h"

#include <zip.h>

#include <cstdio>
#include <cstring>

#include "reportcheck/read.h"

namespace reportcheck {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& en, const std::string& vi) {
    throw ReadError(Text{path + ": " + vi, path + ": " + en});
}

}  // namespace

std::string flatOdsAsZip(const std::string& xml, const std::string& path, bool withStyles) {
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &ze);
    if (!src) fail(path, "out of memory", "hết bộ nhớ");
    zip_t* z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    if (!z) {
        zip_source_free(src);
        fail(path, "cannot wrap the flat XML", "không đọc được XML phẳng");
    }
    zip_source_keep(src);  // the bytes are read back after zip_close
    static const char kMime[] = "application/vnd.oasis.opendocument.spreadsheet";
    auto add = [&](const char* name, const void* data, size_t size) {
        zip_source_t* s = zip_source_buffer(z, data, size, 0);
        zip_int64_t i = s ? zip_file_add(z, name, s, ZIP_FL_OVERWRITE) : -1;
        if (i < 0) {
            if (s) zip_source_free(s);
            return false;
        }
        zip_set_file_compression(z, static_cast<zip_uint64_t>(i), ZIP_CM_STORE, 0);
        return true;
    };
    bool ok = add("mimetype", kMime, sizeof kMime - 1) && add("content.xml", xml.data(), xml.size()) &&
              (!withStyles || add("styles.xml", xml.data(), xml.size()));
    if (!ok || zip_close(z) != 0) {
        if (ok) zip_discard(z);
        zip_source_free(src);
        fail(path, "cannot wrap the flat XML", "không đọc được XML phẳng");
    }
    std::string out;
    if (zip_source_open(src) == 0) {
        zip_source_seek(src, 0, SEEK_END);
        zip_int64_t size = zip_source_tell(src);
        zip_source_seek(src, 0, SEEK_SET);
        if (size > 0) {
            out.resize(static_cast<size_t>(size));
            zip_int64_t got = zip_source_read(src, out.data(), static_cast<zip_uint64_t>(size));
            if (got != size) out.clear();
        }
        zip_source_close(src);
    }
    zip_source_free(src);
    if (out.empty()) fail(path, "cannot wrap the flat XML", "không đọc được XML phẳng");
    return out;
}

}  // namespace reportcheck

namespace reportcheck {

std::string flatContentForOdsReader(const std::string& xml) {
    std::string out;
    out.reserve(xml.size());
    int paragraphs = 0;  // depth of open text:p / text:h
    int skipped = 0;     // depth of open draw:object / office:binary-data: dropped with their content
    size_t i = 0, n = xml.size();
    auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (i < n) {
        if (xml[i] != '<') {
            // A text run: drop it when it is only white space between tags outside paragraphs.
            size_t e = xml.find('<', i);
            if (e == std::string::npos) e = n;
            bool blank = true;
            for (size_t k = i; k < e && blank; ++k) blank = isSpace(xml[k]);
            if (!(blank && paragraphs == 0) && skipped == 0) out.append(xml, i, e - i);
            i = e;
            continue;
        }
        // A markup item: copied whole; quotes in attributes may hold '>'.
        size_t e;
        if (xml.compare(i, 4, "<!--") == 0) {
            e = xml.find("-->", i + 4);
            e = e == std::string::npos ? n : e + 3;
        } else if (xml.compare(i, 9, "<![CDATA[") == 0) {
            e = xml.find("]]>", i + 9);
            e = e == std::string::npos ? n : e + 3;
        } else {
            char quote = 0;
            for (e = i + 1; e < n; ++e) {
                char c = xml[e];
                if (quote) { if (c == quote) quote = 0; }
                else if (c == '"' || c == '\'') quote = c;
                else if (c == '>') break;
            }
            e = e < n ? e + 1 : n;
            bool closing = i + 1 < n && xml[i + 1] == '/';
            size_t nameAt = i + (closing ? 2 : 1);
            bool para = xml.compare(nameAt, 6, "text:p") == 0 || xml.compare(nameAt, 6, "text:h") == 0;
            if (para && nameAt + 6 < n && !isSpace(xml[nameAt + 6]) && xml[nameAt + 6] != '>' && xml[nameAt + 6] != '/')
                para = false;  // text:page-…, text:hidden-…: other elements
            bool selfClosing = e >= 2 && xml[e - 2] == '/';
            if (para && closing && paragraphs > 0) --paragraphs;
            else if (para && !closing && !selfClosing) ++paragraphs;
            auto named = [&](const char* name) {
                size_t k = std::strlen(name);
                return xml.compare(nameAt, k, name) == 0 && nameAt + k < n &&
                       (isSpace(xml[nameAt + k]) || xml[nameAt + k] == '>' || xml[nameAt + k] == '/');
            };
            if (named("draw:object") || named("office:binary-data")) {
                if (closing && skipped > 0) --skipped;
                else if (!closing && !selfClosing) ++skipped;
                i = e;  // the tag itself is dropped too
                continue;
            }
        }
        if (skipped == 0) out.append(xml, i, e - i);
        i = e;
    }
    return out;
}

}  // namespace reportcheck
