#include "test_util.h"

#include <gtest/gtest.h>
#include <libxml/globals.h>
#include <libxml/xmlerror.h>
#include <zip.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

using namespace reportcheck;

namespace rctest {

Sheet& addSheet(Workbook& wb, const std::string& name, const std::vector<std::vector<std::string>>& rows) {
    Sheet& s = wb.addSheet(name);
    for (size_t r = 0; r < rows.size(); ++r)
        for (size_t c = 0; c < rows[r].size(); ++c) {
            const std::string& v = rows[r][c];
            if (v.empty()) continue;
            if (v[0] == '=') { s.set(r, c, Cell::makeError(v.substr(1))); continue; }
            if (v[0] == '\'') { s.set(r, c, Cell::makeText(v.substr(1))); continue; }
            char* end = nullptr;
            double d = std::strtod(v.c_str(), &end);
            if (end && *end == '\0') s.set(r, c, Cell::makeNumber(d));
            else s.set(r, c, Cell::makeText(v));
        }
    return s;
}

Result run(const std::string& rules, const Workbook& wb) {
    return RuleSet::compile(rules, "test.rules").run(wb);
}

std::vector<std::string> failures(const Result& r) {
    std::vector<std::string> out;
    for (const auto& f : r.findings)
        if (f.severity != Severity::Info) out.push_back(f.ruleId + "@" + (f.sheet.empty() ? "" : f.sheet + "!") + f.cell());
    return out;
}

std::vector<std::string> diagPositions(const std::string& rules) {
    std::vector<std::string> out;
    for (const auto& d : RuleSet::lint(rules, "t.rules")) out.push_back(std::to_string(d.line) + ":" + std::to_string(d.column));
    return out;
}

void copyOdsWithProperties(const std::string& from, const std::string& to,
                           const std::map<std::string, std::string>& props) {
    {
        std::ifstream in(from, std::ios::binary);
        std::ofstream out(to, std::ios::binary | std::ios::trunc);
        out << in.rdbuf();
    }
    int err = 0;
    zip_t* z = zip_open(to.c_str(), 0, &err);
    if (!z) throw std::runtime_error("cannot open " + to);
    std::string meta;
    if (zip_file_t* f = zip_fopen(z, "meta.xml", 0)) {
        char buf[4096];
        for (zip_int64_t n; (n = zip_fread(f, buf, sizeof buf)) > 0;) meta.append(buf, static_cast<size_t>(n));
        zip_fclose(f);
    }
    auto xml = [](const std::string& s) {
        std::string o;
        for (char c : s) o += c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '"' ? "&quot;" : std::string(1, c);
        return o;
    };
    std::string added;
    for (const auto& [name, value] : props)
        added += "<meta:user-defined meta:name=\"" + xml(name) + "\" meta:value-type=\"string\">" + xml(value) + "</meta:user-defined>";
    size_t end = meta.find("</office:meta>");
    if (end == std::string::npos) throw std::runtime_error(from + ": no <office:meta> in meta.xml");
    meta.insert(end, added);
    // libzip reads the buffer when the archive is closed.
    zip_source_t* src = zip_source_buffer(z, meta.data(), meta.size(), 0);
    bool stored = src && zip_file_add(z, "meta.xml", src, ZIP_FL_OVERWRITE) >= 0;
    if (src && !stored) zip_source_free(src);  // not the archive's yet
    if (!stored || zip_close(z) != 0) {
        zip_discard(z);
        throw std::runtime_error("cannot write " + to);
    }
}

std::string writeZip(const std::string& name, const std::vector<std::pair<std::string, std::string>>& entries) {
    std::string path = ::testing::TempDir() + "/" + name;
    std::remove(path.c_str());
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    EXPECT_NE(z, nullptr) << path;
    if (!z) return path;
    for (const auto& [n, data] : entries) {
        zip_source_t* src = zip_source_buffer(z, data.data(), data.size(), 0);  // read at zip_close: `entries` outlives it
        EXPECT_GE(zip_file_add(z, n.c_str(), src, ZIP_FL_OVERWRITE), 0) << n;
    }
    EXPECT_EQ(zip_close(z), 0) << path;
    return path;
}

std::string zipBytes(const std::vector<std::pair<std::string, std::string>>& entries, bool deflate) {
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &ze);
    zip_source_keep(src);
    zip_t* z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    EXPECT_NE(z, nullptr);
    if (!z) return {};
    for (const auto& [name, data] : entries) {
        zip_int64_t i = zip_file_add(z, name.c_str(), zip_source_buffer(z, data.data(), data.size(), 0), ZIP_FL_OVERWRITE);
        EXPECT_GE(i, 0) << name;
        zip_set_file_compression(z, i, deflate && name != "mimetype" ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
    }
    EXPECT_EQ(zip_close(z), 0);
    std::string out;
    zip_stat_t st;
    if (zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
        out.resize(st.size);
        zip_int64_t got = zip_source_read(src, out.data(), st.size);
        out.resize(got < 0 ? 0 : static_cast<size_t>(got));
        zip_source_close(src);
    }
    zip_source_free(src);
    return out;
}

std::string contentXml(const std::string& tables) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content "
           "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
           "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
           "xmlns:number=\"urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0\" "
           "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
           "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">\n<office:body><office:spreadsheet>" +
           tables + "</office:spreadsheet></office:body></office:document-content>\n";
}

ShellRun runShell(const std::string& command) {
    FILE* p = popen(command.c_str(), "r");
    if (!p) return {-1, "popen failed: " + command};
    std::string text;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) text.append(buf.data(), n);
    int status = pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text};
}

namespace {
int genericCalls = 0;
void countGeneric(void*, const char*, ...) { ++genericCalls; }
}  // namespace

void expectGenericErrorHandlerKept(const std::function<void()>& read) {
    xmlGenericErrorFunc before = xmlGenericError;
    void* beforeContext = xmlGenericErrorContext;
    int mine = 0;
    genericCalls = 0;
    xmlSetGenericErrorFunc(&mine, &countGeneric);
    read();
    xmlGenericErrorFunc after = xmlGenericError;
    void* afterContext = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(beforeContext, before);
    EXPECT_EQ(genericCalls, 0);
    EXPECT_EQ(after, &countGeneric);
    EXPECT_EQ(afterContext, &mine);
}

}  // namespace rctest
