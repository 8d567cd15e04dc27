// readWorkbook: the format by content, then the reader chosen for it
// (docs/READERS.md): .ods and .fods -> the native reader (libzip + libxml2),
// .xlsx -> the native streaming reader (xlsx_reader.cpp), .csv -> liborcus.
// Embedded rules are read here for the formats whose reader does not read
// document properties.
#include "reportcheck/read.h"

#include <libxml/xmlreader.h>
#include <unistd.h>
#include <zip.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "flat_ods.h"
#include "orcus_reader.h"
#include "xlsx_reader.h"
#include "reportcheck/embedding.h"
#include "reportcheck/ods.h"
#include "xml_ready.h"

namespace reportcheck {

namespace {

constexpr zip_uint64_t kMaxPropsBytes = 16u << 20;  // docProps/custom.xml; embedded rules are at most 4 MiB
constexpr size_t kMaxFlatBytes = 192u << 20;  // read whole, then cleaned into a package: twice in memory

[[noreturn]] void fail(const std::string& path, const std::string& en, const std::string& vi) {
    throw ReadError(Text{path + ": " + vi, path + ": " + en});
}

std::string head(const std::string& path, size_t n) {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(path, "cannot open", "không mở được tệp");
    std::string s(n, '\0');
    in.read(s.data(), static_cast<std::streamsize>(n));
    s.resize(static_cast<size_t>(in.gcount()));
    return s;
}

struct ZipFile {
    zip_t* z = nullptr;
    explicit ZipFile(const std::string& path) {
        int err = 0;
        z = zip_open(path.c_str(), ZIP_RDONLY, &err);
    }
    ~ZipFile() {
        if (z) zip_discard(z);
    }
    bool has(const char* name) const { return z && zip_name_locate(z, name, 0) >= 0; }
    // The entry's bytes, at most `limit`; empty when absent.
    std::string read(const char* name, zip_uint64_t limit, const std::string& path) const {
        zip_stat_t st;
        if (!z || zip_stat(z, name, 0, &st) != 0) return {};
        if (st.size > limit) fail(path, std::string(name) + " is too large", std::string(name) + " quá lớn");
        std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> f(zip_fopen(z, name, 0), zip_fclose);
        if (!f) fail(path, std::string("cannot read ") + name, std::string("không đọc được ") + name);
        std::string data(st.size, '\0');
        zip_int64_t got = zip_fread(f.get(), data.data(), st.size);
        if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) fail(path, std::string("damaged ") + name, std::string(name) + " bị hỏng");
        return data;
    }
};

using Reader = std::unique_ptr<xmlTextReader, void (*)(xmlTextReaderPtr)>;

Reader openXml(const char* data, size_t size, const std::string& url) {
    // No network, no entities from outside: the file is someone else's.
    xmlReady();
    // NOERROR/NOWARNING: libxml2 would print the file's bytes to stderr; our error says what is wrong.
    Reader r(xmlReaderForMemory(data, static_cast<int>(size), url.c_str(), "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING), xmlFreeTextReader);
    if (!r) fail(url, "cannot parse XML", "không phân tích được XML");
    return r;
}

std::string attr(xmlTextReaderPtr r, const char* name) {
    xmlChar* v = xmlTextReaderGetAttribute(r, BAD_CAST name);
    if (!v) return {};
    std::string s(reinterpret_cast<const char*>(v));
    xmlFree(v);
    return s;
}

std::string innerText(xmlTextReaderPtr r) {
    xmlChar* v = xmlTextReaderReadString(r);
    std::string s = v ? reinterpret_cast<const char*>(v) : "";
    if (v) xmlFree(v);
    return s;
}

// What a workbook's user-defined properties say to ReportCheck: its embedded
// rules and the bundled rule set it names.
struct OwnProperties {
    std::string rules, ruleSet;
};

OwnProperties ownFrom(const std::map<std::string, std::string>& props, const std::string& path) {
    OwnProperties own;
    if (auto named = props.find(embedding::kRuleSet); named != props.end()) own.ruleSet = named->second;
    try {
        own.rules = embedding::fromProperties(props);
    } catch (const std::runtime_error& e) {
        throw ReadError(same(path + ": ") + textOf(e));
    }
    return own;
}

// .xlsx: <Properties><property name="ReportCheck.Rules.1"><vt:lpwstr>…</vt:lpwstr></property>…
// in docProps/custom.xml, as LibreOffice writes user-defined properties.
OwnProperties xlsxOwnProperties(const std::string& path) {
    ZipFile zip(path);
    std::string xml = zip.read("docProps/custom.xml", kMaxPropsBytes, path);
    if (xml.empty()) return {};
    XmlQuiet quiet;  // libxml2's generic messages off stderr while rd reads (declared first: outlives it)
    Reader rd = openXml(xml.data(), xml.size(), path + "/docProps/custom.xml");
    std::map<std::string, std::string> props;
    int ok;
    while ((ok = xmlTextReaderRead(rd.get())) == 1) {
        if (xmlTextReaderNodeType(rd.get()) != XML_READER_TYPE_ELEMENT) continue;
        const xmlChar* local = xmlTextReaderConstLocalName(rd.get());
        if (!local || std::strcmp(reinterpret_cast<const char*>(local), "property") != 0) continue;
        std::string name = attr(rd.get(), "name");
        if (name.compare(0, std::strlen(embedding::kPrefix), embedding::kPrefix) == 0 || name == embedding::kRuleSet)
            props[name] = innerText(rd.get());
    }
    if (ok < 0) fail(path, "docProps/custom.xml is not well-formed XML", "docProps/custom.xml hỏng");
    return ownFrom(props, path);
}

// .fods: <office:meta><meta:user-defined meta:name="…">…</meta:user-defined>, which
// comes before the body: stop reading there.
OwnProperties fodsOwnProperties(const std::string& xml, const std::string& path) {
    XmlQuiet quiet;  // libxml2's generic messages off stderr while rd reads (declared first: outlives it)
    Reader rd = openXml(xml.data(), xml.size(), path);
    std::map<std::string, std::string> props;
    int ok;
    while ((ok = xmlTextReaderRead(rd.get())) == 1) {
        if (xmlTextReaderNodeType(rd.get()) != XML_READER_TYPE_ELEMENT) continue;
        const xmlChar* n = xmlTextReaderConstName(rd.get());
        std::string name = n ? reinterpret_cast<const char*>(n) : "";
        if (name == "office:body") break;
        if (name == "meta:user-defined") props[attr(rd.get(), "meta:name")] = innerText(rd.get());
    }
    if (ok < 0) fail(path, "not well-formed XML", "XML hỏng");
    return ownFrom(props, path);
}

std::string readAll(const std::string& path, size_t limit) {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(path, "cannot open", "không mở được tệp");
    in.seekg(0, std::ios::end);
    std::streamoff size = in.tellg();
    if (size < 0) fail(path, "cannot read", "không đọc được tệp");
    if (static_cast<unsigned long long>(size) > limit) fail(path, "file too large", "tệp quá lớn");
    std::string data(static_cast<size_t>(size), '\0');
    in.seekg(0);
    in.read(data.data(), size);
    if (!in) fail(path, "cannot read", "không đọc được tệp");
    return data;
}

bool endsWithNoCase(const std::string& s, const char* suffix) {
    size_t n = std::strlen(suffix);
    if (s.size() < n) return false;
    for (size_t i = 0; i < n; ++i)
        if (std::tolower(static_cast<unsigned char>(s[s.size() - n + i])) != suffix[i]) return false;
    return true;
}

// The first element of an XML document (after the declaration, comments, a BOM).
std::string rootElement(const std::string& h) {
    size_t i = 0;
    if (h.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
    while (i < h.size()) {
        i = h.find('<', i);
        if (i == std::string::npos || i + 1 >= h.size()) return {};
        char c = h[i + 1];
        if (c == '?' || c == '!') {  // declaration, comment, doctype
            size_t e = h.find('>', i);
            if (e == std::string::npos) return {};
            i = e + 1;
            continue;
        }
        size_t e = h.find_first_of(" \t\r\n/>", i + 1);
        return h.substr(i + 1, e == std::string::npos ? std::string::npos : e - i - 1);
    }
    return {};
}

void appendEscaped(std::string& out, const std::string& s) {
    for (char c : s) {
        if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c == '\\') out += "\\\\";
        else out += c;
    }
}

std::string number15(double v) {
    // 15 significant digits, as the corpus (and Calc's getDataArray round trip) gives them.
    // std::to_chars with a precision is specified as printf's %.15g in the C locale
    // (same text), without printf's format parsing: a fifth of `cells` went there.
    char buf[40];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 15);
    return ec == std::errc() ? std::string(buf, end) : std::string();
}

void appendJsonString(std::string& out, const std::string& s) {
    out += '"';
    for (unsigned char c : s) {
        if (c == '"') out += "\\\"";
        else if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c == '\r') out += "\\r";
        else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else out += static_cast<char>(c);
    }
    out += '"';
}

// A temporary file, removed when it goes out of scope.
struct TempFile {
    std::string path;
    explicit TempFile(const std::string& bytes) {
        const char* dir = std::getenv("TMPDIR");
        std::string tmpl = std::string(dir && *dir ? dir : "/tmp") + "/reportcheck-fods-XXXXXX";
        int fd = mkstemp(tmpl.data());
        if (fd < 0) throw ReadError(Text{"không tạo được tệp tạm", "cannot create a temporary file"});
        path = tmpl;
        size_t done = 0;
        while (done < bytes.size()) {
            ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
            if (n <= 0) break;
            done += static_cast<size_t>(n);
        }
        ::close(fd);
        if (done != bytes.size()) {
            std::remove(path.c_str());
            throw ReadError(Text{"không ghi được tệp tạm", "cannot write a temporary file"});
        }
    }
    ~TempFile() { std::remove(path.c_str()); }
};

// .fods -> the .ods reader (docs/READERS.md: it matches LibreOffice on far more
// of the corpus than orcus's ODS import), through a package on disk because
// readOds takes a path. Its messages name the temporary file: put ours back.
Workbook readFods(const std::string& path) {
    std::string xml = readAll(path, kMaxFlatBytes);
    OwnProperties own = fodsOwnProperties(xml, path);
    TempFile tmp(flatOdsAsZip(flatContentForOdsReader(xml), path, false));
    std::string().swap(xml);
    try {
        Workbook wb = readOds(tmp.path);
        wb.path = path;
        wb.embeddedRules = std::move(own.rules);
        wb.ruleSetName = std::move(own.ruleSet);
        return wb;
    } catch (const std::exception& e) {
        // The .ods reader names the temporary file; the user knows the .fods.
        Text msg = textOf(e);
        for (std::string* s : {&msg.vi, &msg.en})
            for (size_t p = s->find(tmp.path); p != std::string::npos; p = s->find(tmp.path, p + path.size()))
                s->replace(p, tmp.path.size(), path);
        throw ReadError(msg);
    }
}

// Whether a compound file (OLE2) names a stream "EncryptedPackage" (its
// directory entries are UTF-16LE): what ECMA-376 agile and standard
// encryption produce. The directory may be anywhere: the first 64 MiB are
// searched, in pieces.
bool compoundFileHasEncryptedPackage(const std::string& path) {
    static const std::string name("E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0", 32);
    std::ifstream in(path, std::ios::binary);
    std::string buf, keep;
    constexpr size_t kPiece = 1 << 20, kMaxBytes = 64u << 20;
    for (size_t read = 0; in && read < kMaxBytes; read += kPiece) {
        buf.assign(kPiece, '\0');
        in.read(buf.data(), static_cast<std::streamsize>(kPiece));
        buf.resize(static_cast<size_t>(in.gcount()));
        std::string piece = keep + buf;  // a name cut between two pieces
        if (piece.find(name) != std::string::npos) return true;
        keep = piece.substr(piece.size() > name.size() ? piece.size() - name.size() : 0);
    }
    return false;
}

}  // namespace

FileFormat detectFormat(const std::string& path) {
    std::string h = head(path, 4096);
    if (h.compare(0, 4, "PK\x03\x04") == 0) {
        ZipFile zip(path);
        if (!zip.z) return FileFormat::Unknown;
        std::string mime = zip.read("mimetype", 256, path);
        while (!mime.empty() && std::isspace(static_cast<unsigned char>(mime.back()))) mime.pop_back();
        if (mime == "application/vnd.oasis.opendocument.spreadsheet") return FileFormat::Ods;
        // Excel's workbook is xl/workbook.xml; another producer's may be elsewhere
        // (the package's relationships say where): then its content types name it.
        if (zip.has("[Content_Types].xml")) {
            if (zip.has("xl/workbook.xml")) return FileFormat::Xlsx;
            const std::string types = zip.read("[Content_Types].xml", 1 << 20, path);
            if (types.find("spreadsheetml") != std::string::npos || types.find("ms-excel.sheet") != std::string::npos)
                return FileFormat::Xlsx;
        }
        // Some producers leave out the mimetype; LibreOffice still opens them as .ods.
        if (mime.empty() && zip.has("content.xml")) return FileFormat::Ods;
        return FileFormat::Unknown;
    }
    if (rootElement(h) == "office:document") return FileFormat::Fods;
    if (endsWithNoCase(path, ".csv")) return FileFormat::Csv;
    return FileFormat::Unknown;
}

const char* formatName(FileFormat f) {
    switch (f) {
        case FileFormat::Ods: return "ods";
        case FileFormat::Xlsx: return "xlsx";
        case FileFormat::Fods: return "fods";
        case FileFormat::Csv: return "csv";
        default: return "unknown";
    }
}

Workbook readWorkbook(const std::string& path) {
    FileFormat f = detectFormat(path);
    switch (f) {
        case FileFormat::Ods:
            return readOds(path);
        case FileFormat::Xlsx: {
            Workbook wb = readXlsx(path);
            OwnProperties own = xlsxOwnProperties(path);
            wb.embeddedRules = std::move(own.rules);
            wb.ruleSetName = std::move(own.ruleSet);
            return wb;
        }
        case FileFormat::Fods:
            return readFods(path);
        case FileFormat::Csv:
            return readWithOrcus(path, OrcusFormat::Csv);
        default:
            break;
    }
    // Named .ods but not one: the .ods reader says what is wrong with it, as before.
    if (endsWithNoCase(path, ".ods")) return readOds(path);
    std::string h = head(path, 8);
    if (h.compare(0, 4, "\xD0\xCF\x11\xE0") == 0) {
        // An .xlsx (or .docx …) saved with a password by Excel or LibreOffice is no
        // longer a zip but a compound file holding the ciphered package.
        if (compoundFileHasEncryptedPackage(path))
            fail(path, "protected by a password — open it and save a copy without one",
                 "được bảo vệ bằng mật khẩu — mở tệp và lưu một bản không đặt mật khẩu");
        fail(path, "Excel 97-2003 (.xls) is not read: save it as .xlsx or .ods",
             "không đọc tệp Excel 97-2003 (.xls): hãy lưu thành .xlsx hoặc .ods");
    }
    fail(path, "unknown format (reads .ods, .xlsx, .fods, .csv)",
         "định dạng không hỗ trợ (đọc được .ods, .xlsx, .fods, .csv)");
}

namespace {

// Output goes out in pieces of about this size: a full-size sheet prints
// 7 million lines (hundreds of MiB), which must not be held whole.
constexpr size_t kFlushBytes = 64 << 10;

void flushIfFull(std::ostream& os, std::string& out) {
    if (out.size() < kFlushBytes) return;
    os.write(out.data(), static_cast<std::streamsize>(out.size()));
    out.clear();
}
void flush(std::ostream& os, std::string& out) {
    os.write(out.data(), static_cast<std::streamsize>(out.size()));
    out.clear();
}

}  // namespace

void writeCellsTsv(std::ostream& os, const Workbook& wb, const std::string& only) {
    std::string out;
    out.reserve(kFlushBytes + 4096);
    for (size_t i = 0; i < wb.sheets.size(); ++i) {
        const Sheet& s = wb.sheets[i];
        if (!only.empty() && s.name() != only) continue;
        out += "#sheet\t" + std::to_string(i) + "\t" + s.name() + "\t" + std::to_string(s.rows()) + "\t" +
               std::to_string(s.cols()) + "\n";
        for (int r = 0; r < s.rows(); ++r) {
            for (int c = 0; c < s.cols(); ++c) {
                const Cell& cell = s.at(r, c);
                if (cell.kind == Cell::Kind::Empty) continue;
                out += std::to_string(i) + "\t" + cellName(r, c) + "\t";
                if (cell.kind == Cell::Kind::Number) {
                    out += "N\t" + number15(cell.number) + "\t\t" + std::to_string(cell.decimals) + "\n";
                } else {
                    out += cell.kind == Cell::Kind::Text ? "T\t\t" : "E\t\t";
                    appendEscaped(out, cell.text);
                    out += "\t-1\n";
                }
            }
            flushIfFull(os, out);
        }
    }
    flush(os, out);
}

void writeCellsJson(std::ostream& os, const Workbook& wb, const std::string& only) {
    std::string out = "{\"path\":";
    out.reserve(kFlushBytes + 4096);
    appendJsonString(out, wb.path);
    out += ",\"embeddedRules\":";
    out += wb.embeddedRules.empty() ? "false" : "true";
    out += ",\"sheets\":[";
    bool firstSheet = true;
    for (size_t i = 0; i < wb.sheets.size(); ++i) {
        const Sheet& s = wb.sheets[i];
        if (!only.empty() && s.name() != only) continue;
        out += firstSheet ? "" : ",";
        firstSheet = false;
        out += "\n{\"index\":" + std::to_string(i) + ",\"name\":";
        appendJsonString(out, s.name());
        out += ",\"rows\":" + std::to_string(s.rows()) + ",\"cols\":" + std::to_string(s.cols()) + ",\"cells\":[";
        bool first = true;
        for (int r = 0; r < s.rows(); ++r) {
            for (int c = 0; c < s.cols(); ++c) {
                const Cell& cell = s.at(r, c);
                if (cell.kind == Cell::Kind::Empty) continue;
                out += first ? "\n" : ",\n";
                first = false;
                out += "{\"cell\":\"" + cellName(r, c) + "\",\"kind\":";
                if (cell.kind == Cell::Kind::Number) {
                    // JSON has no NaN or infinity; a reader never makes them, but say so rather than emit bad JSON.
                    out += "\"number\",\"value\":" + (std::isfinite(cell.number) ? number15(cell.number) : "null") +
                           ",\"decimals\":" + std::to_string(cell.decimals) + "}";
                } else {
                    out += cell.kind == Cell::Kind::Text ? "\"text\",\"text\":" : "\"error\",\"text\":";
                    appendJsonString(out, cell.text);
                    out += "}";
                }
            }
            flushIfFull(os, out);
        }
        out += "]}";
    }
    out += "]}\n";
    flush(os, out);
}

std::string cellsTsv(const Workbook& wb, const std::string& only) {
    std::ostringstream os;
    writeCellsTsv(os, wb, only);
    return os.str();
}

std::string cellsJson(const Workbook& wb, const std::string& only) {
    std::ostringstream os;
    writeCellsJson(os, wb, only);
    return os.str();
}

}  // namespace reportcheck
