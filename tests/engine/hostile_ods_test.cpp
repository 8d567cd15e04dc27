// Hostile .ods files (issue 7, "Shared workbooks are untrusted"): each test
// builds a small crafted file and checks that the reader gives a correct
// snapshot, with notes for what Calc would leave out too, or a clear error —
// never a crash, a wrong cell, a hang or gigabytes of memory.
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <zip.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <thread>

#include "reader_bounds.h"
#include "reportcheck/ods.h"
#include "reportcheck/present.h"
#include "test_util.h"
#include "zip_filler.h"

using namespace reportcheck;
using rctest::contentXml;
using rctest::writeZip;

namespace {

// Files go to the shared temporary directory as hostile-*.ods: other test
// programs, run in parallel, write theirs there too.

std::string repeated(const std::string& s, int n) {
    std::string out;
    out.reserve(s.size() * n);
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

std::string table(const std::string& name, const std::string& rows) {
    return "<table:table table:name=\"" + name + "\">" + rows + "</table:table>";
}

std::string valueCell(const std::string& v, const std::string& extra = "") {
    return "<table:table-cell office:value-type=\"float\" office:value=\"" + v + "\"" + extra + "><text:p>" + v + "</text:p></table:table-cell>";
}

Workbook readContent(const std::string& name, const std::string& content) {
    return readOds(writeZip(name, {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, {"content.xml", content}}));
}

std::string errorOf(const std::string& path) {
    try {
        readOds(path);
    } catch (const OdsError& e) {
        return e.text().en + " | " + e.text().vi;  // both languages, each whole
    }
    ADD_FAILURE() << path << " was read without an error";
    return {};
}

bool hasNote(const Workbook& wb, const std::string& enPart) {
    for (const auto& n : wb.notes)
        if (n.en.find(enPart) != std::string::npos && !n.vi.empty()) return true;
    return false;
}

size_t occurrences(const std::string& s, const std::string& part) {
    size_t n = 0;
    for (size_t p = s.find(part); p != std::string::npos; p = s.find(part, p + 1)) ++n;
    return n;
}

// CPU seconds, not wall-clock: the machine running the tests may be busy.
double cpuSecondsSince(std::clock_t t) { return static_cast<double>(std::clock() - t) / CLOCKS_PER_SEC; }

}  // namespace

TEST(HostileOds, SheetSetAndAtAreSafeForAnyInt) {
    Sheet s("S");
    EXPECT_FALSE(s.set(INT_MAX, 0, Cell::makeNumber(1)));
    EXPECT_FALSE(s.set(0, INT_MAX, Cell::makeNumber(1)));
    EXPECT_FALSE(s.set(-1, 0, Cell::makeNumber(1)));
    EXPECT_FALSE(s.set(INT_MIN, INT_MIN, Cell::makeNumber(1)));
    EXPECT_FALSE(s.set(Sheet::kMaxRows, 0, Cell::makeNumber(1)));
    EXPECT_FALSE(s.set(0, Sheet::kMaxCols, Cell::makeNumber(1)));
    EXPECT_EQ(s.rows(), 0);
    EXPECT_TRUE(s.set(Sheet::kMaxRows - 1, Sheet::kMaxCols - 1, Cell::makeNumber(7)));
    EXPECT_EQ(s.at(Sheet::kMaxRows - 1, Sheet::kMaxCols - 1).number, 7);
    EXPECT_EQ(s.at(INT_MAX, INT_MAX).kind, Cell::Kind::Empty);
    EXPECT_EQ(s.at(INT_MIN, INT_MIN).kind, Cell::Kind::Empty);
    EXPECT_EQ(s.at(-1, Sheet::kMaxCols - 1).kind, Cell::Kind::Empty);
}

// Defect 1: 2,049 empty cells × 1,048,576 columns overflowed the int column
// counter, and the column-style lookup then read at a negative index.
TEST(HostileOds, ColumnRepeatsDoNotWrap) {
    std::string rows = "<table:table-column table:number-columns-repeated=\"3\" table:default-cell-style-name=\"ce1\"/>"
                       "<table:table-row>" + valueCell("5") +
                       repeated("<table:table-cell table:number-columns-repeated=\"1048576\"/>", 2049) + valueCell("999") +
                       "</table:table-row>";
    Workbook wb = readContent("hostile-columns.ods", contentXml(table("S", rows)));
    ASSERT_EQ(wb.sheets.size(), 1u);
    const Sheet& s = wb.sheets[0];
    EXPECT_EQ(s.at(0, 0).number, 5);
    EXPECT_EQ(s.cols(), 1);  // 999 lies beyond column XFD: left out, as Calc does
    EXPECT_TRUE(hasNote(wb, "beyond row 1,048,576 or column XFD")) << (wb.notes.empty() ? "" : wb.notes[0].en);
}

// Defect 2: 4,096 empty rows × 2^20 wrapped the row counter: a later 999 was read as row 2.
TEST(HostileOds, RowRepeatsDoNotWrap) {
    std::string rows = repeated("<table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell/></table:table-row>", 4096) +
                       "<table:table-row><table:table-cell/><table:table-cell/>" + valueCell("999") + "</table:table-row>";
    Workbook wb = readContent("hostile-rows.ods", contentXml(table("S", rows)));
    ASSERT_EQ(wb.sheets.size(), 1u);
    const Sheet& s = wb.sheets[0];
    EXPECT_EQ(s.rows(), 0);
    EXPECT_EQ(s.at(2, 2).kind, Cell::Kind::Empty);
    EXPECT_TRUE(hasNote(wb, "beyond row 1,048,576"));
    // Repeats that reach past the last row keep what lies inside, like Calc.
    rows = "<table:table-row table:number-rows-repeated=\"1048575\"><table:table-cell/></table:table-row>"
           "<table:table-row table:number-rows-repeated=\"3\">" + valueCell("4") + "</table:table-row>";
    wb = readContent("hostile-rows-edge.ods", contentXml(table("S", rows)));
    EXPECT_EQ(wb.sheets[0].rows(), Sheet::kMaxRows);
    EXPECT_EQ(wb.sheets[0].at(Sheet::kMaxRows - 1, 0).number, 4);
    EXPECT_TRUE(hasNote(wb, "beyond row"));
}

// Defect 3: 100 × <text:s text:c="1000000"/> in a cell over 20 rows expanded 550 bytes to 2.1 GB.
TEST(HostileOds, SpacesAndTextAreBoundedPerCell) {
    std::string cell = "<table:table-cell office:value-type=\"string\"><text:p>a" +
                       repeated("<text:s text:c=\"1000000\"/>", 100) + "ổ</text:p></table:table-cell>";
    std::clock_t t0 = std::clock();
    Workbook wb = readContent("hostile-spaces.ods", contentXml(table("S", repeated("<table:table-row>" + cell + "</table:table-row>", 20))));
    EXPECT_LT(cpuSecondsSince(t0), 2.0);
    const Sheet& s = wb.sheets[0];
    ASSERT_EQ(s.rows(), 20);
    for (int r = 0; r < 20; ++r) {
        EXPECT_EQ(s.at(r, 0).kind, Cell::Kind::Text);
        EXPECT_EQ(s.at(r, 0).text.size(), 32767u);  // 'a' and 32,766 spaces; 'ổ' is cut
    }
    EXPECT_TRUE(hasNote(wb, "Text of 20 cells cut to 32,767 characters (first: 'S'!A1)"));
    // Cut on a character boundary: 32,767 three-byte letters, not 32,767 bytes.
    std::string letters = repeated("ổ", 40000);
    wb = readContent("hostile-letters.ods", contentXml(table("S", "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>" +
                                                              letters + "</text:p></table:table-cell></table:table-row>")));
    EXPECT_EQ(wb.sheets[0].at(0, 0).text, repeated("ổ", 32767));
}

TEST(HostileOds, TextOfTheWholeWorkbookIsBounded) {
    // A full-length text repeated over 4,096 rows would be 128 MiB of strings.
    std::string cell = "<table:table-cell office:value-type=\"string\"><text:p>x<text:s text:c=\"40000\"/></text:p></table:table-cell>";
    std::string path = writeZip("hostile-text-total.ods", {{"content.xml", contentXml(table("S", "<table:table-row table:number-rows-repeated=\"4096\">" +
                                                                                            cell + "</table:table-row>"))}});
    std::string e = errorOf(path);
    EXPECT_NE(e.find("64 MiB of text"), std::string::npos) << e;
    EXPECT_NE(e.find("văn bản"), std::string::npos) << e;
    // Across one row: 16,384 copies would be 512 MiB before the row is even stored.
    cell.insert(cell.find(" office:value-type"), " table:number-columns-repeated=\"16384\"");
    e = errorOf(writeZip("hostile-text-row.ods", {{"content.xml", contentXml(table("S", "<table:table-row>" + cell + "</table:table-row>"))}}));
    EXPECT_NE(e.find("64 MiB of text"), std::string::npos) << e;
}

// Defect 4: 1,000,000 empty sheets took 57 s. Calc keeps 10,000 and ignores the rest.
TEST(HostileOds, SheetsBeyondCalcsMaximumAreIgnored) {
    std::string tables = repeated("<table:table table:name=\"s\"/>", 10000) + table("extra", "<table:table-row>" + valueCell("1") + "</table:table-row>") +
                         repeated("<table:table table:name=\"t\"><table:table-row>" + valueCell("2") + "</table:table-row></table:table>", 1999);
    Workbook wb = readContent("hostile-sheets.ods", contentXml(tables));
    EXPECT_EQ(wb.sheets.size(), 10000u);
    EXPECT_EQ(wb.sheet("extra"), nullptr);
    EXPECT_EQ(wb.sheet("t"), nullptr);
    EXPECT_TRUE(hasNote(wb, "Only the first 10,000 sheets were read (Calc's maximum); 2,000 more were ignored"));
}

// Defect 5: whole-sheet repeats are counted (64-bit) before anything is stored.
TEST(HostileOds, RepeatedRowsAreCountedBeforeTheyAreStored) {
    // A filled-down column to the last row: 1,048,576 cells, read whole.
    std::string rows = "<table:table-row table:number-rows-repeated=\"1048576\">" + valueCell("3") + "</table:table-row>";
    Workbook wb = readContent("hostile-column.ods", contentXml(table("S", rows)));
    EXPECT_EQ(wb.sheets[0].rows(), Sheet::kMaxRows);
    EXPECT_EQ(wb.sheets[0].at(Sheet::kMaxRows - 1, 0).number, 3);
    EXPECT_TRUE(wb.notes.empty());
    // Seventeen such columns are 17,825,792 cells: beyond the limit (Calc's full
    // height × 16 columns), refused before any allocation.
    rows = "<table:table-row table:number-rows-repeated=\"1048576\">" + valueCell("3", " table:number-columns-repeated=\"17\"") + "</table:table-row>";
    std::clock_t t0 = std::clock();
    std::string e = errorOf(writeZip("hostile-seventeen.ods", {{"content.xml", contentXml(table("S", rows))}}));
    EXPECT_LT(cpuSecondsSince(t0), 1.0);
    EXPECT_NE(e.find("more than 16,777,216 cells"), std::string::npos) << e;
    EXPECT_NE(e.find("quá 16.777.216 ô"), std::string::npos) << e;
    // One value in the last column of every row: the empty cells before it are kept too, so they count.
    rows = "<table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell table:number-columns-repeated=\"16383\"/>" +
           valueCell("1") + "</table:table-row>";
    e = errorOf(writeZip("hostile-last-column.ods", {{"content.xml", contentXml(table("S", rows))}}));
    EXPECT_NE(e.find("16,777,216 cells"), std::string::npos) << e;
    // A value in the last row of many sheets: the empty rows before it count
    // (Sheet::kRowBytes each: 40 such sheets are about twice the limit).
    static_assert(40LL * Sheet::kMaxRows * Sheet::kRowBytes > 3 * reader_bounds::kMaxCellBytes / 2, "past the limit with margin");
    std::string tables;
    for (int i = 0; i < 40; ++i)
        tables += table("s" + std::to_string(i), "<table:table-row table:number-rows-repeated=\"1048575\"/><table:table-row>" + valueCell("1") +
                                                     "</table:table-row>");
    e = errorOf(writeZip("hostile-last-rows.ods", {{"content.xml", contentXml(tables)}}));
    EXPECT_NE(e.find("16,777,216 cells"), std::string::npos) << e;
}

// Defect 6: libxml2 printed its own messages, with bytes of the file, to stderr.
TEST(HostileOds, XmlErrorsSayEntryAndLineAndPrintNothing) {
    std::string bad = contentXml(table("S", "<table:table-row>" + valueCell("1") + "</table:table-cell></table:table-row>"));
    std::string path = writeZip("hostile-bad-xml.ods", {{"content.xml", bad}});
    std::string e = errorOf(path);
    EXPECT_EQ(e, path + ": content.xml is not well-formed XML (line 3) | " + path + ": content.xml hỏng (dòng 3)");
    // The command line: our message and nothing from libxml2 (which quotes "table:table-row").
    std::string cmd = std::string(REPORTCHECK_CLI) + " validate " + path + " --lang en 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    ASSERT_NE(p, nullptr);
    std::string out;
    std::array<char, 4096> buf;
    for (size_t n; (n = fread(buf.data(), 1, buf.size(), p)) > 0;) out.append(buf.data(), n);
    pclose(p);
    EXPECT_NE(out.find("(line 3)"), std::string::npos) << out;
    EXPECT_EQ(out.find("parser error"), std::string::npos) << out;
    EXPECT_EQ(out.find("table:table-row"), std::string::npos) << out;
    // An undeclared prefix is an error libxml2 reports and reads past: still silent, still read.
    testing::internal::CaptureStderr();
    Workbook wb = readContent("hostile-prefix.ods", contentXml(table("S", "<table:table-row>" + valueCell("1") + "<foo:bar/></table:table-row>")));
    EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
    EXPECT_EQ(wb.sheets[0].at(0, 0).number, 1);
}

// Bytes the declared encoding cannot convert: libxml2 (2.9) says so to its
// generic error handler, which prints to stderr, not to the parser's callback.
// The reader takes that handler on its own thread while it parses (never the
// process's: LibreOffice, which runs the engine, has its own) and gives it back.
TEST(HostileOds, BadlyEncodedXmlPrintsNothingAndGivesTheHandlerBack) {
    std::string xml = contentXml(table("S", "<table:table-row>" + valueCell("1") + "</table:table-row>"));
    xml.replace(xml.find("encoding=\"UTF-8\""), 16, "encoding=\"SHIFT_JIS\"");
    xml.insert(xml.find("<text:p>") + 8, "\x81\x20\xff\xfc");
    std::string path = writeZip("hostile-encoding.ods", {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, {"content.xml", xml}});
    // libxml2's default handler: nothing reaches stderr.
    testing::internal::CaptureStderr();
    std::string e = errorOf(path);
    EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
    EXPECT_EQ(e, path + ": content.xml is not well-formed XML (line 3): bytes not valid in the encoding it declares, SHIFT_JIS | " + path +
                     ": content.xml hỏng (dòng 3): có byte không hợp lệ trong bảng mã tệp khai báo, SHIFT_JIS");
    // A handler of the thread's own (as LibreOffice's would be) is neither
    // called nor lost, on this thread and on another (the CLI's -j workers).
    auto ownHandler = [&path] { rctest::expectGenericErrorHandlerKept([&path] { errorOf(path); }); };
    ownHandler();
    std::thread(ownHandler).join();
    // The command line: our one line on stderr, nothing else.
    rctest::ShellRun r = rctest::runShell(std::string(REPORTCHECK_CLI) + " cells " + path + " --lang en 2>&1 >/dev/null");
    EXPECT_EQ(r.text, path + ": content.xml is not well-formed XML (line 3): bytes not valid in the encoding it declares, SHIFT_JIS\n");
}

TEST(HostileOds, EntityExpansionIsRefused) {
    std::string lol = "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaaaaaaaaaaaa\">";
    for (char c = 'b'; c <= 'k'; ++c)
        lol += std::string("<!ENTITY ") + c + " \"" + repeated(std::string("&") + char(c - 1) + ";", 10) + "\">";
    lol += "]>";
    std::string content = contentXml(table("S", "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>&k;</text:p>"
                                                "</table:table-cell></table:table-row>"));
    content.insert(content.find("<office:document-content"), lol);
    testing::internal::CaptureStderr();
    std::clock_t t0 = std::clock();
    try {
        Workbook wb = readContent("hostile-lol.ods", content);
        EXPECT_LE(wb.sheets.at(0).at(0, 0).text.size(), 32767u);
    } catch (const OdsError& e) {
        EXPECT_NE(e.text().en.find("content.xml"), std::string::npos) << e.text().en;
    }
    EXPECT_LT(cpuSecondsSince(t0), 2.0);
    EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
}

// Issue 11: a document is parsed through libxml2's SAX1 callbacks only when
// nothing but the XML declaration, comments, processing instructions and white
// space precede its root element; a DOCTYPE keeps SAX2, which (unlike SAX1)
// applies attribute defaults an <!ATTLIST> declares, as the reader always did.
TEST(HostileOds, AttributeDefaultsOfADoctypeApplyAsBefore) {
    std::string content = contentXml(table("S", "<table:table-row>" + valueCell("7") + "</table:table-row>"));
    content.insert(content.find("<office:document-content"),
                   "<!DOCTYPE office:document-content [<!ATTLIST table:table-cell table:number-columns-repeated CDATA \"3\">]>");
    testing::internal::CaptureStderr();
    Workbook wb = readContent("hostile-attlist.ods", content);
    EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
    ASSERT_EQ(wb.sheets.size(), 1u);
    EXPECT_EQ(wb.sheets[0].cols(), 3);
    EXPECT_EQ(wb.sheets[0].at(0, 2).number, 7);
}

TEST(HostileOds, CommentsAndProcessingInstructionsBeforeTheRootReadAlike) {
    std::string content = contentXml(table("S", "<table:table-row>" + valueCell("7") + "</table:table-row>"));
    content.insert(content.find("<office:document-content"), "<!-- a <table:table> in a comment --><?pi <x>?>\n");
    Workbook wb = readContent("hostile-prolog.ods", content);
    ASSERT_EQ(wb.sheets.size(), 1u);
    EXPECT_EQ(wb.sheets[0].name(), "S");
    EXPECT_EQ(wb.sheets[0].at(0, 0).number, 7);
    EXPECT_EQ(wb.sheets[0].cols(), 1);
}

// Defect 7: a password-protected file was reported as "styles.xml is not well-formed XML".
TEST(HostileOds, PasswordProtectedFilesSaySo) {
    std::string manifest =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
        "manifest:version=\"1.3\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>"
        "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\" manifest:size=\"1024\">"
        "<manifest:encryption-data manifest:checksum-type=\"SHA1/1K\" manifest:checksum=\"AAAA\">"
        "<manifest:algorithm manifest:algorithm-name=\"http://www.w3.org/2001/04/xmlenc#aes256-cbc\" manifest:initialisation-vector=\"AAAA\"/>"
        "</manifest:encryption-data></manifest:file-entry></manifest:manifest>";
    std::string cipher(1024, '\0');
    for (size_t i = 0; i < cipher.size(); ++i) cipher[i] = static_cast<char>(i * 131 + 7);
    std::string path = writeZip("hostile-password.ods", {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                                                 {"META-INF/manifest.xml", manifest}, {"styles.xml", cipher}, {"content.xml", cipher}});
    std::string e = errorOf(path);
    EXPECT_NE(e.find("protected by a password"), std::string::npos) << e;
    EXPECT_NE(e.find("được bảo vệ bằng mật khẩu"), std::string::npos) << e;
    // The manifest of an unprotected file is read and passes.
    std::string plain = manifest.substr(0, manifest.find("<manifest:encryption-data")) + "</manifest:file-entry></manifest:manifest>";
    Workbook wb = readOds(writeZip("hostile-manifest.ods", {{"META-INF/manifest.xml", plain},
                                                    {"content.xml", contentXml(table("S", "<table:table-row>" + valueCell("1") + "</table:table-row>"))}}));
    EXPECT_EQ(wb.sheets.at(0).at(0, 0).number, 1);
}

TEST(HostileOds, ZipPasswordsSaySo) {
    std::string content = contentXml(table("S", "<table:table-row>" + valueCell("1") + "</table:table-row>"));
    std::string path = ::testing::TempDir() + "/hostile-zip-password.ods";
    std::remove(path.c_str());
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    ASSERT_NE(z, nullptr);
    zip_int64_t i = zip_file_add(z, "content.xml", zip_source_buffer(z, content.data(), content.size(), 0), 0);
    if (!zip_encryption_method_supported(ZIP_EM_AES_256, 1) || zip_file_set_encryption(z, i, ZIP_EM_AES_256, "secret") != 0) {
        zip_discard(z);
        GTEST_SKIP() << "this libzip cannot encrypt";
    }
    ASSERT_EQ(zip_close(z), 0);
    std::string e = errorOf(path);
    EXPECT_NE(e.find("được bảo vệ bằng mật khẩu"), std::string::npos) << e;
}

TEST(HostileOds, EmptyOptionalEntriesCountAsMissing) {
    std::string content = contentXml(table("S", "<table:table-row>" + valueCell("1") + "</table:table-row>"));
    Workbook wb = readOds(writeZip("hostile-empty-entries.ods", {{"styles.xml", ""}, {"META-INF/manifest.xml", ""}, {"content.xml", content}, {"meta.xml", ""}}));
    EXPECT_EQ(wb.sheets.at(0).at(0, 0).number, 1);
    std::string e = errorOf(writeZip("hostile-empty-content.ods", {{"content.xml", ""}}));
    EXPECT_NE(e.find("content.xml is not well-formed XML"), std::string::npos) << e;
}

// Defect 8: a damaged meta.xml printed the path twice.
TEST(HostileOds, DamagedMetaNamesThePathOnce) {
    std::string path = writeZip("hostile-bad-meta.ods", {{"content.xml", contentXml(table("S", ""))}, {"meta.xml", "<office:document-meta><x></y>"}});
    std::string e = errorOf(path);
    EXPECT_EQ(occurrences(e, path), 2u) << e;  // once in each language
    EXPECT_NE(e.find("meta.xml is not well-formed XML (line 1)"), std::string::npos) << e;
}

namespace {
using rctest::Filler;
std::string writeBomb(const std::string& name, const char* entry, Filler& filler) {
    return rctest::writeZipWithFiller(name, {{"content.xml", contentXml(table("S", ""))}}, entry, filler);
}
}  // namespace

// Defect 9: entries were read whole (up to 512 MiB each); a stated size can lie.
TEST(HostileOds, UnzippedBytesAreBounded) {
    // 300 MiB of well-formed XML in content.xml, about 1 MiB zipped. (Elements
    // with long attributes: a long run of blanks would stop at libxml2's own
    // 10 MB text node limit, tiny elements at kMaxXmlNodes.)
    const std::string fill = "<x a=\"" + std::string(4000, 'a') + "\"/>";
    Filler f{"<?xml version=\"1.0\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\">", fill,
             "</office:document-content>", 300ull << 20};
    std::string path = writeBomb("hostile-bomb.ods", "content.xml", f);
    std::clock_t t0 = std::clock();
    std::string e = errorOf(path);
    EXPECT_LT(cpuSecondsSince(t0), 10.0);
    EXPECT_NE(e.find("content.xml unzips to more than 256 MiB, counting the entries before it"), std::string::npos) << e;
    EXPECT_NE(e.find("(limit of the reader)"), std::string::npos) << e;
    // The side entries have their own, smaller limit.
    Filler s{"<?xml version=\"1.0\"?><office:document-styles xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\">", fill,
             "</office:document-styles>", 40ull << 20};
    e = errorOf(writeBomb("hostile-styles-bomb.ods", "styles.xml", s));
    EXPECT_NE(e.find("styles.xml unzips to more than 32 MiB"), std::string::npos) << e;
}

TEST(HostileOds, LyingSizesAreNotTrusted) {
    // content.xml says it is 40 bytes; it unzips to much more. Either the
    // entry is damaged or what is actually there is read: never a crash.
    std::string content = contentXml(table("S", repeated("<table:table-row>" + valueCell("1") + "</table:table-row>", 2000)));
    std::string path = writeZip("hostile-lying.ods", {{"content.xml", content}});
    std::string bytes;
    {
        std::ifstream in(path, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        bytes = ss.str();
    }
    auto patch = [&](const char* signature, size_t sizeOffset) {
        for (size_t p = bytes.find(signature); p != std::string::npos; p = bytes.find(signature, p + 1))
            for (int k = 0; k < 4; ++k) bytes[p + sizeOffset + k] = k == 0 ? 40 : 0;
    };
    patch("PK\x03\x04", 22);  // local header: uncompressed size
    patch("PK\x01\x02", 24);  // central directory: uncompressed size
    std::ofstream(path, std::ios::binary) << bytes;
    try {
        Workbook wb = readOds(path);
        EXPECT_LE(wb.sheets.at(0).rows(), 2000);
    } catch (const OdsError& e) {
        EXPECT_NE(e.text().en.find("content.xml"), std::string::npos) << e.text().en;
    }
}

TEST(HostileOds, HugeDecimalPlacesAreBounded) {
    std::string content = contentXml(
        "</office:spreadsheet></office:body>"
        "<office:automatic-styles><number:number-style style:name=\"N1\"><number:number number:decimal-places=\"99999999999999\"/>"
        "</number:number-style><style:style style:name=\"ce1\" style:family=\"table-cell\" style:data-style-name=\"N1\"/></office:automatic-styles>"
        "<office:body><office:spreadsheet>" +
        table("S", "<table:table-row>" + valueCell("1.5", " table:style-name=\"ce1\"") + "</table:table-row>"));
    Workbook wb = readContent("hostile-decimals.ods", content);
    EXPECT_EQ(wb.sheets.at(0).at(0, 0).decimals, 20);
}

TEST(HostileOds, NotesAreShownInEveryFormat) {
    FileReport r;
    r.path = "x.ods";
    r.notes.push_back({"Bỏ qua trang", "Sheets ignored"});
    EXPECT_NE(presentText(r, "vi").find("  lưu ý: Bỏ qua trang\n"), std::string::npos) << presentText(r, "vi");
    EXPECT_NE(presentText(r, "en").find("  note: Sheets ignored\n"), std::string::npos);
    EXPECT_NE(presentJson({r}).find("\"notes\": [{\"vi\": \"Bỏ qua trang\", \"en\": \"Sheets ignored\"}]"), std::string::npos) << presentJson({r});
    EXPECT_NE(presentHtml({r}, "en").find("<p class=\"note\">Note: Sheets ignored</p>"), std::string::npos);
    r.notes.clear();
    EXPECT_EQ(presentJson({r}).find("\"notes\""), std::string::npos);  // unchanged output when nothing was left out
}

// Text between two tags is bounded as libxml2 bounds one text node (10 MB):
// its SAX2 callbacks, given text in pieces, would otherwise parse 256 MiB of
// spaces whole (fuzz/regressions/fuzz_ods/zip-bomb-content.ods).
TEST(HostileOds, TextBetweenTwoTagsIsBounded) {
    std::string content = contentXml(table("S", "<table:table-row>" + valueCell("1") + "</table:table-row>"));
    content.insert(content.find("<table:table "), std::string(11'000'000, ' '));
    std::string path = writeZip("hostile-long-text.ods", {{"content.xml", content}});
    std::string e = errorOf(path);
    EXPECT_NE(e.find("content.xml has more than 10,000,000 bytes of text between two tags"), std::string::npos) << e;
    // Just under the bound it is read.
    content = contentXml(table("S", "<table:table-row>" + valueCell("1") + "</table:table-row>"));
    content.insert(content.find("<table:table "), std::string(9'000'000, ' '));
    Workbook wb = readContent("hostile-long-text-ok.ods", content);
    EXPECT_EQ(wb.sheets.at(0).at(0, 0).number, 1);
}
