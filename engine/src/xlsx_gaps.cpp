// See xlsx_gaps.h. libzip for the package, libxml2's streaming reader for the
// few parts read again (workbook.xml and its relations, sharedStrings.xml when
// it has an empty string, the sheets that have one of the cell types).
#include "xlsx_gaps.h"

#include <libxml/xmlreader.h>
#include <zip.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <vector>

#include "reportcheck/workbook.h"
#include "xml_ready.h"

namespace reportcheck {

namespace {

constexpr zip_uint64_t kMaxEntryBytes = 2ull << 30;  // orcus_reader.cpp checks the package (100x its size) before orcus runs

class Package {
public:
    explicit Package(std::string_view bytes) {
        zip_error_t ze;
        zip_error_init(&ze);
        zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &ze);
        if (src && !(z_ = zip_open_from_source(src, ZIP_RDONLY, &ze))) zip_source_free(src);
    }
    ~Package() {
        if (z_) zip_discard(z_);
    }
    using Cell = std::function<void(const std::string&, int, int, XlsxGap, const std::string&)>;

    void run(const std::function<void(size_t)>& emptySharedString, const Cell& cell) {
        if (!z_) return;
        emptySharedStrings(emptySharedString);
        // Sheet name -> its part: xl/workbook.xml <sheet name r:id>, xl/_rels/workbook.xml.rels <Relationship Id Target>.
        std::map<std::string, std::string> targets;
        forEach("xl/_rels/workbook.xml.rels", "Relationship", [&](xmlTextReaderPtr r) {
            std::string target = attr(r, "Target");
            if (target.empty()) return;
            if (target[0] == '/') target.erase(0, 1);
            else target = "xl/" + target;
            targets[attr(r, "Id")] = target;
        });
        std::vector<std::pair<std::string, std::string>> sheets;
        forEach("xl/workbook.xml", "sheet", [&](xmlTextReaderPtr r) {
            auto t = targets.find(attr(r, "r:id"));
            if (t != targets.end()) sheets.emplace_back(attr(r, "name"), t->second);
        });
        for (const auto& [name, part] : sheets) recover(part, name, cell);
    }

private:
    static std::string attr(xmlTextReaderPtr r, const char* name) {
        xmlChar* v = xmlTextReaderGetAttribute(r, BAD_CAST name);
        if (!v) return {};
        std::string s(reinterpret_cast<const char*>(v));
        xmlFree(v);
        return s;
    }
    std::string entry(const std::string& name) const {
        zip_stat_t st;
        if (zip_stat(z_, name.c_str(), 0, &st) != 0 || st.size > kMaxEntryBytes) return {};
        std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> f(zip_fopen(z_, name.c_str(), 0), zip_fclose);
        if (!f) return {};
        std::string data(st.size, '\0');
        zip_int64_t got = zip_fread(f.get(), data.data(), st.size);
        if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) return {};
        return data;
    }
    template <class F>
    void forEach(const std::string& part, const char* element, F f) const {
        std::string xml = entry(part);
        if (xml.empty()) return;
        XmlQuiet quiet;  // libxml2's generic messages off stderr while the reader reads (declared first: outlives it)
        std::unique_ptr<xmlTextReader, void (*)(xmlTextReaderPtr)> r(
            xmlReaderForMemory(xml.data(), static_cast<int>(xml.size()), part.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
            xmlFreeTextReader);
        if (!r) return;
        while (xmlTextReaderRead(r.get()) == 1) {
            if (xmlTextReaderNodeType(r.get()) != XML_READER_TYPE_ELEMENT) continue;
            const xmlChar* local = xmlTextReaderConstLocalName(r.get());
            if (local && !std::strcmp(reinterpret_cast<const char*>(local), element)) f(r.get());
        }
    }
    void emptySharedStrings(const std::function<void(size_t)>& emptySharedString) const {
        std::string xml = entry("xl/sharedStrings.xml");
        if (xml.find("></t>") == std::string::npos && xml.find("<t/>") == std::string::npos &&
            xml.find("\"/>") == std::string::npos)
            return;  // no empty <t>: nothing to put back
        size_t index = 0;
        forEach("xl/sharedStrings.xml", "si", [&](xmlTextReaderPtr r) {
            // Has the string item any text (phonetic runs left out)?
            std::string all;
            if (!xmlTextReaderIsEmptyElement(r)) {
                int depth = xmlTextReaderDepth(r), phonetic = 0;
                while (xmlTextReaderRead(r) == 1) {
                    int node = xmlTextReaderNodeType(r);
                    if (node == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r) == depth) break;
                    const xmlChar* l = xmlTextReaderConstLocalName(r);
                    bool rph = l && !std::strcmp(reinterpret_cast<const char*>(l), "rPh");
                    if (rph && node == XML_READER_TYPE_ELEMENT && !xmlTextReaderIsEmptyElement(r)) ++phonetic;
                    if (rph && node == XML_READER_TYPE_END_ELEMENT) --phonetic;
                    if ((node == XML_READER_TYPE_TEXT || node == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) && !phonetic) {
                        all += "x";  // only emptiness matters here
                        break;
                    }
                }
            }
            if (all.empty()) emptySharedString(index);
            ++index;
        });
    }

    void recover(const std::string& part, const std::string& sheet, const Cell& cell) const {
        std::string xml = entry(part);
        // Most sheets have neither: a byte search spares them the second parse.
        if (xml.find("t=\"e\"") == std::string::npos && xml.find("t=\"b\"") == std::string::npos &&
            xml.find("t=\"inlineStr\"") == std::string::npos)
            return;
        XmlQuiet quiet;  // libxml2's generic messages off stderr while the reader reads (declared first: outlives it)
        std::unique_ptr<xmlTextReader, void (*)(xmlTextReaderPtr)> rd(
            xmlReaderForMemory(xml.data(), static_cast<int>(xml.size()), part.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
            xmlFreeTextReader);
        if (!rd) return;
        xmlTextReaderPtr r = rd.get();
        std::string type, value, ref, inline_;
        bool formula = false, inValue = false, inText = false;
        int phonetic = 0;  // <rPh> runs are reading aids, not the text
        int rowNumber = 0, colNumber = -1;
        while (xmlTextReaderRead(r) == 1) {
            int node = xmlTextReaderNodeType(r);
            const xmlChar* l = xmlTextReaderConstLocalName(r);
            std::string local = l ? reinterpret_cast<const char*>(l) : "";
            if (node == XML_READER_TYPE_ELEMENT && local == "row") {
                std::string rn = attr(r, "r");
                rowNumber = rn.empty() ? rowNumber + 1 : std::atoi(rn.c_str());
                colNumber = -1;
            } else if (node == XML_READER_TYPE_ELEMENT && local == "c") {
                type = attr(r, "t");
                ref = attr(r, "r");
                value.clear();
                inline_.clear();
                formula = false;
                ++colNumber;
                if (xmlTextReaderIsEmptyElement(r)) continue;
            } else if (node == XML_READER_TYPE_ELEMENT && local == "f") {
                formula = true;
            } else if (node == XML_READER_TYPE_ELEMENT && local == "v") {
                inValue = !xmlTextReaderIsEmptyElement(r);
            } else if (node == XML_READER_TYPE_ELEMENT && local == "rPh") {
                phonetic += !xmlTextReaderIsEmptyElement(r);
            } else if (node == XML_READER_TYPE_END_ELEMENT && local == "rPh") {
                --phonetic;
            } else if (node == XML_READER_TYPE_ELEMENT && local == "t" && type == "inlineStr") {
                inText = !xmlTextReaderIsEmptyElement(r) && phonetic == 0;
            } else if (node == XML_READER_TYPE_END_ELEMENT && local == "t") {
                inText = false;
            } else if ((node == XML_READER_TYPE_TEXT || node == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) && (inValue || inText)) {
                const xmlChar* v = xmlTextReaderConstValue(r);
                std::string& into = inValue ? value : inline_;
                if (v && into.size() < (1u << 20)) into += reinterpret_cast<const char*>(v);
            } else if (node == XML_READER_TYPE_END_ELEMENT && local == "v") {
                inValue = false;
            } else if (node == XML_READER_TYPE_END_ELEMENT && local == "c") {
                int row = rowNumber - 1, col = colNumber;
                if (!ref.empty()) {
                    std::string a1;
                    for (char ch : ref) if (ch != '$') a1 += ch;
                    if (!parseCell(a1, row, col)) continue;
                    colNumber = col;
                }
                if (type == "e" && !value.empty()) cell(sheet, row, col, XlsxGap::Error, value);
                else if (type == "inlineStr" && !inline_.empty()) cell(sheet, row, col, XlsxGap::InlineString, inline_);
                else if (type == "b" && formula && !value.empty()) cell(sheet, row, col, XlsxGap::Boolean, value == "1" ? "1" : "0");
            }
        }
    }

    zip_t* z_ = nullptr;
};

}  // namespace

void findXlsxGaps(std::string_view zip, const std::function<void(size_t)>& emptySharedString,
                  const std::function<void(const std::string&, int, int, XlsxGap, const std::string&)>& cell) {
    Package(zip).run(emptySharedString, cell);
}

}  // namespace reportcheck
