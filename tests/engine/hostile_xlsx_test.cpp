// Hostile .xlsx files against the streaming reader (xlsx_reader.cpp): a zip
// bomb in a sheet or in the shared strings, a huge shared string table, deep
// nesting, entities of a DTD, text without end between two tags. Each must
// give one clear error in both languages, quickly, without the memory of what
// it would expand to — and a legitimate file just under a bound is read.
#include <gtest/gtest.h>
#include <libxml/parser.h>

#include <ctime>
#include <string>
#include <utility>
#include <vector>

#include "reportcheck/read.h"
#include "test_util.h"
#include "zip_filler.h"

using namespace reportcheck;

namespace {

const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

// The parts of a one-sheet workbook, without the sheet and the shared strings.
std::vector<std::pair<std::string, std::string>> frame() {
    return {
        {"[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
        {"xl/workbook.xml", std::string("<?xml version=\"1.0\"?><workbook xmlns=\"") + kMain +
                                "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                                "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
        {"xl/_rels/workbook.xml.rels",
         "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
         "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
         "</Relationships>"},
    };
}

std::string sheetXml(const std::string& data) {
    return std::string("<?xml version=\"1.0\"?><worksheet xmlns=\"") + kMain + "\"><sheetData>" + data + "</sheetData></worksheet>";
}

std::string write(const std::string& name, const std::string& sheet, const std::string& sst = {}) {
    auto e = frame();
    e.emplace_back("xl/worksheets/sheet1.xml", sheet);
    if (!sst.empty()) e.emplace_back("xl/sharedStrings.xml", sst);
    return rctest::writeZip(name, e);
}

std::string errorOf(const std::string& path) {
    try {
        readWorkbook(path);
    } catch (const ReadError& e) {
        return e.text().en + "\n" + e.text().vi;  // both languages, one per line
    }
    ADD_FAILURE() << path << " was read without an error";
    return {};
}

double cpuSecondsSince(std::clock_t t) { return static_cast<double>(std::clock() - t) / CLOCKS_PER_SEC; }

}  // namespace

// The sheet is parsed while it unzips: 300 MiB of XML (about 1 MiB zipped)
// stops at the package's bound, never in memory whole.
TEST(HostileXlsx, SheetZipBombIsBounded) {
    rctest::Filler f{std::string("<?xml version=\"1.0\"?><worksheet xmlns=\"") + kMain + "\"><sheetData>",
                     "<x a=\"" + std::string(4000, 'a') + "\"/>", "</sheetData></worksheet>", 300ull << 20};
    std::string path = rctest::writeZipWithFiller("hostile-bomb.xlsx", frame(), "xl/worksheets/sheet1.xml", f);
    std::clock_t t0 = std::clock();
    std::string e = errorOf(path);
    EXPECT_LT(cpuSecondsSince(t0), 10.0);
    EXPECT_NE(e.find("xl/worksheets/sheet1.xml unzips to more than 256 MiB, counting the parts before it (limit of the reader)"),
              std::string::npos) << e;
    EXPECT_NE(e.find("giải nén ra hơn 256 MiB"), std::string::npos) << e;
}

// A shared string table of 70 MiB of text (a few hundred KiB zipped): the
// text kept is bounded at 64 MiB, whatever the cells use of it.
TEST(HostileXlsx, HugeSharedStringTableIsBounded) {
    rctest::Filler f{std::string("<?xml version=\"1.0\"?><sst xmlns=\"") + kMain + "\">",
                     "<si><t>" + std::string(4000, 'a') + "</t></si>", "</sst>", 70ull << 20};
    auto e = frame();
    e.emplace_back("xl/worksheets/sheet1.xml", sheetXml("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"));
    std::string err = errorOf(rctest::writeZipWithFiller("hostile-sst.xlsx", e, "xl/sharedStrings.xml", f));
    EXPECT_NE(err.find("the shared strings hold more than 64 MiB of text (limit of the reader)"), std::string::npos) << err;
    // A cell pointing past the table is an error, not a read out of bounds.
    std::string sst = std::string("<sst xmlns=\"") + kMain + "\"><si><t>a</t></si></sst>";
    err = errorOf(write("hostile-sst-index.xlsx", sheetXml("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c></row>"), sst));
    EXPECT_NE(err.find("a cell refers to a missing shared string"), std::string::npos) << err;
    EXPECT_EQ(readWorkbook(write("sst-ok.xlsx", sheetXml("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"), sst)).sheets.at(0).at(0, 0).text, "a");
}

// libxml2 refuses nesting deeper than 256 elements (no XML_PARSE_HUGE): the
// parser's stack stays small whatever the file nests.
TEST(HostileXlsx, DeepNestingIsRefused) {
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += "<x>";
    std::string e = errorOf(write("hostile-deep.xlsx", sheetXml(deep)));
    EXPECT_NE(e.find("xl/worksheets/sheet1.xml is not well-formed XML (line 1)"), std::string::npos) << e;
}

// Entities a DTD declares are never expanded (a billion laughs) nor fetched.
TEST(HostileXlsx, EntitiesOfADtdAreRefusedSayingSo) {
    std::string lol = "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                      "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
                      "<worksheet xmlns=\"" + std::string(kMain) + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&d;</t></is></c></row></sheetData></worksheet>";
    std::string e = errorOf(write("hostile-lol.xlsx", lol));
    EXPECT_NE(e.find("uses XML entities declared in a DTD"), std::string::npos) << e;
    EXPECT_NE(e.find("dùng thực thể XML khai báo trong DTD"), std::string::npos) << e;
}

// libxml2's SAX2 callbacks give text in pieces, without its 10 MB bound for
// one text node: the reader applies it, so 11 MB of digits in a <v> stop there.
TEST(HostileXlsx, TextBetweenTwoTagsIsBounded) {
    std::string e = errorOf(write("hostile-long-v.xlsx", sheetXml("<row r=\"1\"><c r=\"A1\"><v>" + std::string(11'000'000, '1') + "</v></c></row>")));
    EXPECT_NE(e.find("more than 10,000,000 bytes of text between two tags"), std::string::npos) << e;
    // Text split by the parser's 64 KiB chunks and by entities is read whole.
    std::string text = std::string(100'000, 'x') + "&amp;" + std::string(100'000, 'y');
    Workbook wb = readWorkbook(write("long-inline.xlsx", sheetXml("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + text + "</t></is></c></row>")));
    EXPECT_EQ(wb.sheets.at(0).at(0, 0).text, std::string(100'000, 'x') + "&" + std::string(100'000, 'y'));
}

// Bytes the declared encoding cannot convert: libxml2 (2.9) says so to its
// generic error handler (stderr by default). The reader takes it on its own
// thread while it parses, says what went wrong itself, and gives it back.
TEST(HostileXlsx, BadlyEncodedXmlPrintsNothingAndGivesTheHandlerBack) {
    std::string sheet = std::string("<?xml version=\"1.0\" encoding=\"SHIFT_JIS\"?>\n<worksheet xmlns=\"") + kMain +
                        "\">\n<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>\x81\x20\xff\xfc</t></is></c></row></sheetData></worksheet>";
    std::string path = write("hostile-encoding.xlsx", sheet);
    testing::internal::CaptureStderr();
    std::string e = errorOf(path);
    EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
    EXPECT_EQ(e, path + ": xl/worksheets/sheet1.xml is not well-formed XML (line 3): bytes not valid in the encoding it declares, SHIFT_JIS\n" +
                     path + ": xl/worksheets/sheet1.xml hỏng (dòng 3): có byte không hợp lệ trong bảng mã tệp khai báo, SHIFT_JIS");
    rctest::expectGenericErrorHandlerKept([&path] { errorOf(path); });
}

// A row or a cell beyond Calc's bounds, and the cells a sheet may keep.
TEST(HostileXlsx, CellsBeyondCalcOrTheBudgetAreRefused) {
    std::string e = errorOf(write("hostile-col.xlsx", sheetXml("<row r=\"1\"><c r=\"AAAAA1\"><v>1</v></c></row>")));
    EXPECT_NE(e.find("cell outside Calc's 1,048,576 rows x 16,384 columns"), std::string::npos) << e;
    e = errorOf(write("hostile-row.xlsx", sheetXml("<row r=\"99999999999\"><c><v>1</v></c></row>")));
    EXPECT_NE(e.find("cell outside Calc's"), std::string::npos) << e;
    std::string wide;
    for (int r = 1; r <= 1100; ++r) wide += "<row r=\"" + std::to_string(r) + "\"><c r=\"XFD" + std::to_string(r) + "\"><v>1</v></c></row>";
    e = errorOf(write("hostile-wide.xlsx", sheetXml(wide)));
    EXPECT_NE(e.find("more than 16,777,216 cells to keep (limit of the reader"), std::string::npos) << e;
}
