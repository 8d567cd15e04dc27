// .ods -> Workbook with libzip (the package) and libxml2's streaming reader
// (content.xml, meta.xml). Reads only; the file is opened read-only.
#include <libxml/xmlreader.h>
#include <zip.h>

#include <cstring>
#include <map>
#include <memory>
#include <vector>

#include "numbers.h"
#include "reportcheck/embedding.h"
#include "reportcheck/ods.h"

namespace reportcheck {

namespace {

constexpr zip_uint64_t kMaxEntryBytes = 512u << 20;  // zip bombs stop here
constexpr long long kMaxCells = 5'000'000;  // values, not empty cells
constexpr int kMaxRows = 1 << 20, kMaxCols = 1 << 14;

std::string readEntry(zip_t* z, const char* name, const std::string& path, bool required) {
    zip_stat_t st;
    if (zip_stat(z, name, 0, &st) != 0) {
        if (!required) return {};
        throw OdsError(path + ": not an OpenDocument spreadsheet (no " + name + ") / không phải tệp .ods (thiếu " + name + ")");
    }
    if (st.size > kMaxEntryBytes) throw OdsError(path + ": " + name + " is too large / quá lớn");
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> f(zip_fopen(z, name, 0), zip_fclose);
    if (!f) throw OdsError(path + ": cannot read " + name + " / không đọc được " + name);
    std::string data(st.size, '\0');
    zip_int64_t got = zip_fread(f.get(), data.data(), st.size);
    if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) throw OdsError(path + ": damaged " + name + " / " + name + " bị hỏng");
    return data;
}

// An open package, from a file or from bytes in memory; everything after the
// open is the same for both.
struct Zip {
    zip_t* z = nullptr;
    explicit Zip(const std::string& path) {
        int err = 0;
        z = zip_open(path.c_str(), ZIP_RDONLY, &err);
        if (!z) {
            zip_error_t ze;
            zip_error_init_with_code(&ze, err);
            fail(path, ze);
        }
    }
    // `bytes` is not copied: it must outlive the Zip.
    Zip(const std::string& bytes, const std::string& name) {
        zip_error_t ze;
        zip_error_init(&ze);
        zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &ze);
        if (src && !(z = zip_open_from_source(src, ZIP_RDONLY, &ze))) zip_source_free(src);  // the zip owns src only once open
        if (!z) fail(name, ze);
    }
    ~Zip() { zip_discard(z); }
    Zip(const Zip&) = delete;
    Zip& operator=(const Zip&) = delete;

private:
    [[noreturn]] static void fail(const std::string& path, zip_error_t& ze) {
        std::string msg = zip_error_strerror(&ze);
        zip_error_fini(&ze);
        throw OdsError(path + ": cannot open (" + msg + ") / không mở được tệp");
    }
};

using Reader = std::unique_ptr<xmlTextReader, void (*)(xmlTextReaderPtr)>;

Reader openXml(const std::string& data, const std::string& url) {
    // No network, no entity substitution: the file is someone else's.
    Reader r(xmlReaderForMemory(data.data(), static_cast<int>(data.size()), url.c_str(), "UTF-8", XML_PARSE_NONET),
             xmlFreeTextReader);
    if (!r) throw OdsError(url + ": cannot parse XML / không phân tích được XML");
    return r;
}

std::string attr(xmlTextReaderPtr r, const char* name) {
    xmlChar* v = xmlTextReaderGetAttribute(r, BAD_CAST name);
    if (!v) return {};
    std::string s(reinterpret_cast<const char*>(v));
    xmlFree(v);
    return s;
}

std::string localName(xmlTextReaderPtr r) {
    const xmlChar* n = xmlTextReaderConstName(r);
    return n ? reinterpret_cast<const char*>(n) : "";
}

int repeat(xmlTextReaderPtr r, const char* name) {
    std::string v = attr(r, name);
    if (v.empty()) return 1;
    long n = std::strtol(v.c_str(), nullptr, 10);
    return n < 1 ? 1 : n > kMaxRows ? kMaxRows : static_cast<int>(n);
}

// The attributes of a table cell that matter, read in one pass.
struct CellAttrs {
    int colRepeat = 1;
    std::string valueType, calcValueType, value, formula, boolValue, style, stringValue;

    void read(xmlTextReaderPtr r) {
        while (xmlTextReaderMoveToNextAttribute(r) == 1) {
            const char* n = reinterpret_cast<const char*>(xmlTextReaderConstName(r));
            const char* v = reinterpret_cast<const char*>(xmlTextReaderConstValue(r));
            if (!n || !v) continue;
            if (!std::strcmp(n, "office:value-type")) valueType = v;
            else if (!std::strcmp(n, "calcext:value-type")) calcValueType = v;
            else if (!std::strcmp(n, "office:value")) value = v;
            else if (!std::strcmp(n, "table:formula")) formula = v;
            else if (!std::strcmp(n, "office:boolean-value")) boolValue = v;
            else if (!std::strcmp(n, "table:style-name")) style = v;
            else if (!std::strcmp(n, "office:string-value")) stringValue = v;
            else if (!std::strcmp(n, "table:number-columns-repeated")) {
                long k = std::strtol(v, nullptr, 10);
                colRepeat = k < 1 ? 1 : k > kMaxRows ? kMaxRows : static_cast<int>(k);
            }
        }
        xmlTextReaderMoveToElement(r);
    }
};

// Text of a table cell: its text:p paragraphs joined by new lines, with
// text:s (spaces), text:tab and text:line-break honoured.
std::string cellText(xmlTextReaderPtr r, const std::string& path) {
    std::string out;
    if (xmlTextReaderIsEmptyElement(r)) return out;
    int depth = xmlTextReaderDepth(r);
    int paragraphs = 0;
    for (;;) {
        int ok = xmlTextReaderRead(r);
        if (ok != 1) throw OdsError(path + ": content.xml ends inside a cell / content.xml bị cắt");
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r) == depth) break;
        if (type == XML_READER_TYPE_ELEMENT) {
            std::string n = localName(r);
            if (n == "text:p" && paragraphs++ > 0) out += '\n';
            else if (n == "text:s") out.append(repeat(r, "text:c"), ' ');
            else if (n == "text:tab") out += '\t';
            else if (n == "text:line-break") out += '\n';
            else if (n == "office:annotation") {  // comments are not the cell's value
                if (!xmlTextReaderIsEmptyElement(r)) {
                    int d = xmlTextReaderDepth(r);
                    while (xmlTextReaderRead(r) == 1 &&
                           !(xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r) == d)) {
                    }
                }
            }
        } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
            const xmlChar* v = xmlTextReaderConstValue(r);
            if (v) out += reinterpret_cast<const char*>(v);
        }
    }
    return out;
}

bool looksLikeError(const std::string& t) {
    static const char* errs[] = {"#VALUE!", "#DIV/0!", "#REF!", "#NAME?", "#N/A", "#NUM!", "#NULL!", "Err:"};
    for (const char* e : errs)
        if (t.compare(0, std::strlen(e), e) == 0) return true;
    return false;
}

// "$'Biểu 3'.$J$40" or "$Sheet1.$A$1:.$B$2" -> Area
bool parseRangeAddress(const std::string& a, Area& out) {
    auto part = [](const std::string& s, std::string& sheet, int& row, int& col) {
        size_t dot = std::string::npos;
        bool inQuote = false;
        for (size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '\'') inQuote = !inQuote;
            else if (s[i] == '.' && !inQuote) dot = i;
        }
        std::string cell = dot == std::string::npos ? s : s.substr(dot + 1);
        if (dot != std::string::npos && dot > 0) {
            sheet = s.substr(0, dot);
            if (!sheet.empty() && sheet[0] == '$') sheet.erase(0, 1);
            if (sheet.size() >= 2 && sheet.front() == '\'' && sheet.back() == '\'') {
                sheet = sheet.substr(1, sheet.size() - 2);
                for (size_t p = sheet.find("''"); p != std::string::npos; p = sheet.find("''", p + 1)) sheet.erase(p, 1);
            }
        }
        return parseCell(cell, row, col);
    };
    size_t colon = a.find(':');
    std::string sheet;
    if (!part(a.substr(0, colon), sheet, out.row1, out.col1)) return false;
    out.sheet = sheet;
    out.row2 = out.row1;
    out.col2 = out.col1;
    if (colon != std::string::npos) {
        std::string s2;
        if (!part(a.substr(colon + 1), s2, out.row2, out.col2)) return false;
    }
    return !out.sheet.empty();
}

// Decimals a number shows, from the data styles: cell style -> data style ->
// number:decimal-places. Read from styles.xml (common styles) and
// content.xml (automatic styles).
struct Styles {
    std::map<std::string, int> dataDecimals;        // data style -> decimals
    std::map<std::string, std::string> cellData;    // cell style -> data style
    std::map<std::string, std::string> cellParent;  // cell style -> parent cell style

    // Called for every element; keeps the state of the data style being read.
    void element(xmlTextReaderPtr r, const std::string& n) {
        if (n == "number:number-style" || n == "number:percentage-style" || n == "number:currency-style") {
            current_ = attr(r, "style:name");
        } else if (n == "number:number" && !current_.empty()) {
            std::string d = attr(r, "number:decimal-places");
            dataDecimals[current_] = d.empty() ? -1 : std::atoi(d.c_str());
        } else if (n == "style:style" && attr(r, "style:family") == "table-cell") {
            std::string name = attr(r, "style:name");
            std::string data = attr(r, "style:data-style-name");
            std::string parent = attr(r, "style:parent-style-name");
            if (!data.empty()) cellData[name] = data;
            if (!parent.empty()) cellParent[name] = parent;
        }
    }
    int decimals(std::string style) const {
        for (int depth = 0; depth < 8 && !style.empty(); ++depth) {
            auto d = cellData.find(style);
            if (d != cellData.end()) {
                auto n = dataDecimals.find(d->second);
                return n == dataDecimals.end() ? -1 : n->second;
            }
            auto p = cellParent.find(style);
            style = p == cellParent.end() ? "" : p->second;
        }
        return -1;
    }

private:
    std::string current_;
};

void readStyles(const std::string& xml, const std::string& path, Styles& styles) {
    if (xml.empty()) return;
    Reader rd = openXml(xml, path + "/styles.xml");
    xmlTextReaderPtr r = rd.get();
    int ok;
    while ((ok = xmlTextReaderRead(r)) == 1)
        if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT) styles.element(r, localName(r));
    if (ok < 0) throw OdsError(path + ": styles.xml is not well-formed XML / styles.xml hỏng");
}

void readContent(const std::string& xml, const std::string& path, Workbook& wb, Styles& styles) {
    Reader rd = openXml(xml, path + "/content.xml");
    xmlTextReaderPtr r = rd.get();
    Sheet* sheet = nullptr;
    int row = 0, col = 0, rowRepeat = 1;
    long long cells = 0;
    std::vector<std::string> columnStyles;  // default cell style per column of the current table
    int ok;
    while ((ok = xmlTextReaderRead(r)) == 1) {
        int type = xmlTextReaderNodeType(r);
        std::string n = localName(r);
        if (type == XML_READER_TYPE_END_ELEMENT) {
            if (n == "table:table-row" && sheet) row += rowRepeat;
            if (n == "table:table") sheet = nullptr;
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT) continue;
        if (!sheet) styles.element(r, n);
        if (n == "table:table") {
            sheet = &wb.addSheet(attr(r, "table:name"));
            row = 0;
            columnStyles.clear();
        } else if (n == "table:table-column" && sheet) {
            int rep = repeat(r, "table:number-columns-repeated");
            std::string st = attr(r, "table:default-cell-style-name");
            if (static_cast<int>(columnStyles.size()) + rep <= kMaxCols) columnStyles.insert(columnStyles.end(), rep, st);
        } else if (n == "table:table-row" && sheet) {
            col = 0;
            rowRepeat = repeat(r, "table:number-rows-repeated");
            if (xmlTextReaderIsEmptyElement(r)) row += rowRepeat;
        } else if ((n == "table:table-cell" || n == "table:covered-table-cell") && sheet) {
            // One pass over the attributes: cells are most of the file.
            CellAttrs ca;
            ca.read(r);
            int colRepeat = ca.colRepeat;
            const std::string &vt = ca.valueType, &calcVt = ca.calcValueType, &value = ca.value, &formula = ca.formula,
                              &boolValue = ca.boolValue;
            std::string style = ca.style;
            if (style.empty() && col < static_cast<int>(columnStyles.size())) style = columnStyles[col];
            std::string text = cellText(r, path);
            Cell cell;
            if (calcVt == "error" || (!formula.empty() && vt.empty() && looksLikeError(text)) ||
                (!formula.empty() && vt == "string" && looksLikeError(text))) {
                cell = Cell::makeError(text.empty() ? "#ERR" : text);
            } else if (vt == "float" || vt == "percentage" || vt == "currency") {
                char* end = nullptr;
                double v = std::strtod(value.c_str(), &end);
                cell = (end && *end == '\0' && !value.empty()) ? Cell::makeNumber(v, styles.decimals(style)) : Cell::makeText(text);
            } else if (vt == "boolean") {
                cell = Cell::makeNumber(boolValue == "true" ? 1 : 0);
            } else if (!vt.empty() || !text.empty()) {
                cell = Cell::makeText(vt == "string" && text.empty() ? ca.stringValue : text);
                if (cell.text.empty()) cell = Cell();
            }
            if (cell.kind != Cell::Kind::Empty) {
                if (row >= kMaxRows || col + colRepeat > kMaxCols) throw OdsError(path + ": sheet too large / trang tính quá lớn");
                cells += static_cast<long long>(rowRepeat) * colRepeat;
                if (cells > kMaxCells) throw OdsError(path + ": too many cells / quá nhiều ô");
                for (int rr = 0; rr < rowRepeat; ++rr)
                    for (int cc = 0; cc < colRepeat; ++cc) sheet->set(row + rr, col + cc, cell);
            }
            col += colRepeat;
        } else if (n == "table:named-range" || n == "table:named-expression") {
            Area a;
            std::string addr = attr(r, n == "table:named-range" ? "table:cell-range-address" : "table:expression");
            if (addr.size() > 3 && addr.compare(0, 3, "of:") == 0) addr = addr.substr(3);
            if (!addr.empty() && addr.front() == '[' && addr.back() == ']') addr = addr.substr(1, addr.size() - 2);
            if (parseRangeAddress(addr, a)) wb.names[attr(r, "table:name")] = a;
        }
    }
    if (ok < 0) throw OdsError(path + ": content.xml is not well-formed XML / content.xml hỏng");
}

}  // namespace

namespace {

std::map<std::string, std::string> userProperties(zip_t* z, const std::string& path) {
    std::string xml = readEntry(z, "meta.xml", path, false);
    std::map<std::string, std::string> props;
    if (xml.empty()) return props;
    Reader rd = openXml(xml, path + "/meta.xml");
    xmlTextReaderPtr r = rd.get();
    int ok;
    while ((ok = xmlTextReaderRead(r)) == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || localName(r) != "meta:user-defined") continue;
        std::string name = attr(r, "meta:name");
        xmlChar* v = xmlTextReaderReadString(r);
        props[name] = v ? reinterpret_cast<const char*>(v) : "";
        if (v) xmlFree(v);
    }
    if (ok < 0) throw OdsError(path + ": meta.xml is not well-formed XML / meta.xml hỏng");
    return props;
}

}  // namespace

std::map<std::string, std::string> readOdsUserProperties(const std::string& path) {
    Zip zip(path);
    return userProperties(zip.z, path);
}

namespace {

Workbook readWorkbook(const Zip& zip, const std::string& path) {
    Workbook wb;
    wb.path = path;
    Styles styles;
    readStyles(readEntry(zip.z, "styles.xml", path, false), path, styles);
    readContent(readEntry(zip.z, "content.xml", path, true), path, wb, styles);
    try {
        wb.embeddedRules = embedding::fromProperties(userProperties(zip.z, path));
    } catch (std::runtime_error& e) {
        throw OdsError(path + ": " + e.what());
    }
    return wb;
}

}  // namespace

Workbook readOds(const std::string& path) {
    return readWorkbook(Zip(path), path);  // opened once, read-only
}

Workbook readOdsMemory(const std::string& bytes, const std::string& name) {
    return readWorkbook(Zip(bytes, name), name);
}

}  // namespace reportcheck
