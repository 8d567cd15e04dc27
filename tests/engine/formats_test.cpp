// Every format readWorkbook takes: the .ods fixtures as LibreOffice saves them
// in .xlsx and .fods (tests/fixtures/convert_fixtures.sh) must read as the
// .ods does, rules embedded included; .csv and hand-made .xlsx parts orcus
// handles its own way; hostile files give an error, never a crash.
#include <gtest/gtest.h>
#include <zip.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "test_util.h"
#include "orcus_reader.h"
#include "text_encoding.h"
#include "reportcheck/embedding.h"
#include "reportcheck/ods.h"
#include "reportcheck/present.h"
#include "reportcheck/read.h"
#include "reportcheck/rules.h"

using namespace reportcheck;

namespace {

const std::string kFixtures = std::string(REPORTCHECK_SOURCE_DIR) + "/tests/fixtures/";

std::string tmp(const std::string& name) { return ::testing::TempDir() + "/" + name; }

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string writeFile(const std::string& name, const std::string& data) {
    std::string path = tmp(name);
    std::ofstream(path, std::ios::binary) << data;
    return path;
}

std::string writeZip(const std::string& name, const std::vector<std::pair<std::string, std::string>>& entries) {
    std::string path = tmp(name);
    std::remove(path.c_str());
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    for (const auto& [n, data] : entries)
        zip_file_add(z, n.c_str(), zip_source_buffer(z, data.data(), data.size(), 0), ZIP_FL_OVERWRITE);
    zip_close(z);
    return path;
}

// Every cell of two workbooks the same (kind, value, text, decimals), sheets and names too.
void expectSameCells(const Workbook& a, const Workbook& b) {
    ASSERT_EQ(a.sheets.size(), b.sheets.size());
    for (size_t i = 0; i < a.sheets.size(); ++i) {
        const Sheet &x = a.sheets[i], &y = b.sheets[i];
        EXPECT_EQ(x.name(), y.name());
        int rows = std::max(x.rows(), y.rows()), cols = std::max(x.cols(), y.cols());
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < cols; ++c) {
                const Cell &p = x.at(r, c), &q = y.at(r, c);
                SCOPED_TRACE(x.name() + "!" + cellName(r, c));
                EXPECT_EQ(p.kind, q.kind);
                EXPECT_EQ(p.number, q.number);
                EXPECT_EQ(p.text, q.text);
                EXPECT_EQ(p.decimals, q.decimals);
            }
    }
    ASSERT_EQ(a.names.size(), b.names.size());
    for (const auto& [name, area] : a.names) {
        ASSERT_EQ(b.names.count(name), 1u) << name;
        const Area& o = b.names.at(name);
        EXPECT_EQ(area.sheet, o.sheet);
        EXPECT_EQ(area.row1, o.row1);
        EXPECT_EQ(area.col1, o.col1);
        EXPECT_EQ(area.row2, o.row2);
        EXPECT_EQ(area.col2, o.col2);
    }
}

// A minimal .xlsx: one sheet "S" with `sheetData`, optional shared strings and styles.
std::string xlsx(const std::string& name, const std::string& sheetData, const std::string& sst = {},
                 const std::string& styles = {}, const std::string& custom = {}) {
    std::string types =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
        "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        "</Types>";
    std::string rels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
        "</Relationships>";
    std::string wb =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
        "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    std::string wbRels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        "</Relationships>";
    std::string sheet =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        "<sheetData>" + sheetData + "</sheetData></worksheet>";
    std::vector<std::pair<std::string, std::string>> e = {
        {"[Content_Types].xml", types}, {"_rels/.rels", rels}, {"xl/workbook.xml", wb},
        {"xl/_rels/workbook.xml.rels", wbRels}, {"xl/worksheets/sheet1.xml", sheet}};
    e.emplace_back("xl/sharedStrings.xml",
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" +
                       sst + "</sst>");
    e.emplace_back("xl/styles.xml",
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" +
                       styles + "</styleSheet>");
    if (!custom.empty()) e.emplace_back("docProps/custom.xml", custom);
    return writeZip(name, e);
}

struct Out {
    int code;
    std::string text;
};

Out cli(const std::string& args) {
    std::string cmd = std::string(REPORTCHECK_CLI) + " " + args + " 2>&1";
    rctest::ShellRun r = rctest::runShell(cmd);
    return {r.code, r.text};
}

}  // namespace

TEST(Formats, DetectedByContentNotByName) {
    EXPECT_EQ(detectFormat(kFixtures + "small.ods"), FileFormat::Ods);
    EXPECT_EQ(detectFormat(kFixtures + "small.xlsx"), FileFormat::Xlsx);
    EXPECT_EQ(detectFormat(kFixtures + "embedded.fods"), FileFormat::Fods);
    // An .xlsx saved under another name is still an .xlsx.
    EXPECT_EQ(detectFormat(writeFile("renamed.ods.bak", slurp(kFixtures + "small.xlsx"))), FileFormat::Xlsx);
    EXPECT_EQ(detectFormat(writeFile("plain.csv", "a,b\n1,2\n")), FileFormat::Csv);
    EXPECT_EQ(detectFormat(writeFile("notes.txt", "a,b\n1,2\n")), FileFormat::Unknown);
}

TEST(Formats, UnknownFormatsAreRefusedInBothLanguages) {
    std::string path = writeFile("notes.txt", "hello");
    try {
        readWorkbook(path);
        FAIL() << "read an unknown format";
    } catch (const ReadError& e) {
        std::string m = e.text().en + " | " + e.text().vi;
        EXPECT_NE(m.find(path), std::string::npos) << m;
        EXPECT_NE(m.find("unknown format"), std::string::npos) << m;
        EXPECT_NE(m.find("định dạng không hỗ trợ"), std::string::npos) << m;
    }
    // Excel 97-2003: say what to do.
    std::string xls = writeFile("old.xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'));
    try {
        readWorkbook(xls);
        FAIL();
    } catch (const ReadError& e) {
        EXPECT_NE(e.text().en.find(".xlsx"), std::string::npos);
    }
    // An .xlsx saved with a password is a compound file too, whose directory
    // (here its second 512-byte sector) names the stream "EncryptedPackage" in UTF-16.
    std::string entry;
    for (char c : std::string("EncryptedPackage")) entry += std::string{c, '\0'};
    std::string locked = writeFile("locked.xlsx", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0') +
                                                      entry + std::string(512 - entry.size(), '\0'));
    try {
        readWorkbook(locked);
        FAIL();
    } catch (const ReadError& e) {
        std::string m = e.text().en + " | " + e.text().vi;
        EXPECT_NE(m.find("protected by a password"), std::string::npos) << m;
        EXPECT_NE(m.find("được bảo vệ bằng mật khẩu"), std::string::npos) << m;
    }
}

TEST(Formats, XlsxReadsAsTheOds) {
    // The same workbook saved by LibreOffice as .xlsx: values, cached formula
    // results, the error cell (orcus drops it; recovered), text numbers, names.
    Workbook x = readWorkbook(kFixtures + "small.xlsx");
    Workbook o = readOds(kFixtures + "small.ods");
    expectSameCells(o, x);
    EXPECT_EQ(x.sheets[0].at(6, 2).kind, Cell::Kind::Error);
    EXPECT_EQ(x.sheets[0].at(6, 2).text, "#VALUE!");
    EXPECT_TRUE(x.embeddedRules.empty());
}

TEST(Formats, XlsxEmbeddedRulesAsLibreOfficeSavesThem) {
    // docProps/custom.xml <property name="ReportCheck.Rules.1"><vt:lpwstr>…
    Workbook wb = readWorkbook(kFixtures + "embedded.xlsx");
    EXPECT_EQ(wb.embeddedRules, slurp(kFixtures + "embedded.rules"));
    Result r = RuleSet::compile(wb.embeddedRules, "embedded", Limits::untrusted()).run(wb);
    ASSERT_EQ(r.findings.size(), 2u);
    EXPECT_EQ(r.findings[0].ruleId, "nhung.sai");
    EXPECT_EQ(r.findings[0].actual, 52);
    EXPECT_EQ(r.findings[1].kind, FindingKind::CellError);
}

TEST(Formats, FlatOdsReadsAsTheOds) {
    Workbook f = readWorkbook(kFixtures + "embedded.fods");
    Workbook o = readOds(kFixtures + "embedded.ods");
    expectSameCells(o, f);
    EXPECT_EQ(f.path, kFixtures + "embedded.fods");
    EXPECT_EQ(f.embeddedRules, slurp(kFixtures + "embedded.rules"));
}

TEST(Formats, FlatOdsIndentationIsNotText) {
    // LibreOffice indents .fods; white space between tags is not a cell's text,
    // but a space between two spans of one paragraph is.
    std::string fods =
        "<?xml version=\"1.0\"?>\n<office:document xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">\n"
        " <office:body>\n  <office:spreadsheet>\n   <table:table table:name=\"T\">\n    <table:table-row>\n"
        "     <table:table-cell office:value-type=\"string\">\n      <text:p>Tổng số</text:p>\n     </table:table-cell>\n"
        "     <table:table-cell office:value-type=\"string\">\n      <text:p><text:span>a</text:span> <text:span>b</text:span></text:p>\n"
        "     </table:table-cell>\n     <table:table-cell office:value-type=\"float\" office:value=\"3\">\n"
        "      <text:p>3</text:p>\n     </table:table-cell>\n    </table:table-row>\n   </table:table>\n"
        "  </office:spreadsheet>\n </office:body>\n</office:document>\n";
    Workbook wb = readWorkbook(writeFile("indented.fods", fods));
    ASSERT_EQ(wb.sheets.size(), 1u);
    EXPECT_EQ(wb.sheets[0].at(0, 0).text, "Tổng số");
    EXPECT_EQ(wb.sheets[0].at(0, 1).text, "a b");
    EXPECT_EQ(wb.sheets[0].at(0, 2).number, 3);
}

TEST(Formats, CsvAsCalcReadsIt) {
    std::string path = writeFile("Biểu 2.csv",
                                 "TT,Chỉ tiêu,Số lượng\n"
                                 "1,\"Đảng viên, mới\",52\n"
                                 "2,\"dòng\nhai\",-1.5e2\n"
                                 ",TRUE,\"\"\"trích\"\"\"\n");
    Workbook wb = readWorkbook(path);
    ASSERT_EQ(wb.sheets.size(), 1u);
    EXPECT_EQ(wb.sheets[0].name(), "Biểu 2");  // Calc names the sheet after the file
    const Sheet& s = wb.sheets[0];
    EXPECT_EQ(s.at(0, 1).text, "Chỉ tiêu");
    EXPECT_EQ(s.at(1, 0).number, 1);
    EXPECT_EQ(s.at(1, 1).text, "Đảng viên, mới");
    EXPECT_EQ(s.at(1, 2).number, 52);
    EXPECT_EQ(s.at(1, 2).decimals, -1);
    EXPECT_EQ(s.at(2, 1).text, "dòng\nhai");
    EXPECT_EQ(s.at(2, 2).number, -150);
    EXPECT_EQ(s.at(3, 0).kind, Cell::Kind::Empty);
    EXPECT_EQ(s.at(3, 1).text, "TRUE");  // a boolean is a "special number": text, as Calc's import keeps it
    EXPECT_EQ(s.at(3, 2).text, "\"trích\"");
}

// What LibreOffice 7.4 reads from each field, checked by loading the same lines
// headless (its import without "detect special numbers"): spaces around a number
// or a date do not matter; ISO 8601 dates are dates (serial days, Julian before
// 1582-10-15, no year 0); a date and time only written exactly; every other
// writing of a date, a time alone, TRUE and FALSE stay text.
TEST(Formats, CsvIsoDatesAndSpacesAsCalcReadsThem) {
    const char* lines[][2] = {
        {"  -3.5", "-3.5"}, {" +5 ", "5"}, {"1e3 ", "1000"}, {"\"1,234 \"", "1234"},
        {"2024-01-15", "45306"}, {" 2024-01-15", "45306"}, {"2024-01-15 ", "45306"},
        {"2024-02-29", "45351"}, {"1900-01-01", "2"}, {"1899-12-30", "0"}, {"9999-12-31", "2958465"},
        {"0024-01-15", "-685181"}, {"12024-01-15", "3697731"}, {"-2024-01-15", "-1432847"},
        {"0999-05-05", "-328952"}, {"1582-10-15", "-115858"}, {"1583-01-01", "-115780"},
        {"2024-01-15T10:30:00", "45306.4375"}, {"2024-01-15T10:30:00.5", "45306.437505787035"},
        {"\"2024-01-15T10:30:00,5\"", "45306.437505787035"}, {"2024-01-15T24:00:00", "45307"},
        {"2024-01-15T23:59:59.999", "45306.999999988424"},
        // text in Calc
        {"2023-02-29", "T"}, {"2024-02-30", "T"}, {"2024-13-01", "T"}, {"2024-00-10", "T"}, {"2024-04-31", "T"},
        {"1582-10-14", "T"}, {"0000-01-01", "T"}, {"+2024-01-15", "T"}, {"99999-12-31", "T"},
        {"24-01-15", "T"}, {"2024-1-15", "T"}, {"2024/01/15", "T"}, {"2024-01", "T"}, {"2024-01-15 10:30", "T"},
        {"2024-01-15T10:30", "T"}, {"2024-01-15T10", "T"}, {"2024-01-15T", "T"}, {"2024-01-15t10:30:00", "T"},
        {"2024-01-15T1:30:00", "T"}, {"2024-01-15T25:00:00", "T"}, {"2024-01-15T24:30:00", "T"},
        {"2024-01-15T10:30:60", "T"}, {"2024-01-15T10:30:00.", "T"}, {"2024-01-15T10:30:00Z", "T"},
        {" 2024-01-15T10:30:00 ", "T"}, {"12:30:00", "T"}, {"TRUE", "T"}, {"false", "T"}, {"- 3", "T"},
        {"\t5", "T"}, {"1 234", "T"}, {"  ", "T"}, {"1.5e", "T"}, {"1e400", "T"},
    };
    std::string csv = "k,v\n";
    for (const auto& l : lines) csv += "x," + std::string(l[0]) + "\n";
    const Workbook wb = readWorkbook(writeFile("iso.csv", csv));
    const Sheet& s = wb.sheets.at(0);
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; ++i) {
        const Cell c = s.at(static_cast<int>(i) + 1, 1);
        SCOPED_TRACE(lines[i][0]);
        if (std::string(lines[i][1]) == "T") {
            EXPECT_EQ(c.kind, Cell::Kind::Text);
            continue;
        }
        ASSERT_EQ(c.kind, Cell::Kind::Number);
        const double want = std::stod(lines[i][1]);
        EXPECT_NEAR(c.number, want, 1e-13 * std::max(1.0, std::fabs(want)));
        const std::string field = lines[i][0];
        EXPECT_EQ(c.date, std::count(field.begin(), field.end(), '-') >= 2);  // dates are shown as dates
    }
}

// What Excel writes on a Vietnamese Windows: plain "CSV" in Windows-1258 (tone
// marks as combining characters), "Unicode Text" in UTF-16 with tabs. Both read
// as the text the report writes (composed), and the note says how.
TEST(Formats, CsvInTheEncodingsOfficesSend) {
    // "Tổng số,Hà Nội\n1,2\n" in Windows-1258 (iconv -t CP1258)
    Workbook ansi = readWorkbook(writeFile("ansi.csv", "T\xF4\xD2ng s\xF4\xEC,H\xE0 N\xF4\xF2i\n1,2\n"));
    EXPECT_EQ(ansi.sheets[0].at(0, 0).text, "Tổng số");
    EXPECT_EQ(ansi.sheets[0].at(0, 1).text, "Hà Nội");
    EXPECT_EQ(ansi.sheets[0].at(1, 1).number, 2);
    ASSERT_EQ(ansi.notes.size(), 1u);
    EXPECT_EQ(ansi.notes[0].en, "The file is not UTF-8: read as Windows-1258 (Vietnamese Windows)");
    // "Tổng số\t87.5\n" in UTF-16, little and big endian, with the byte order mark
    const std::string le("\xFF\xFET\0\xD5\x1En\0g\0 \0s\0\xD1\x1E\t\0" "8\0" "7\0.\0" "5\0\n\0", 28);
    std::string be = le;
    for (size_t i = 0; i + 1 < be.size(); i += 2) std::swap(be[i], be[i + 1]);
    for (const std::string& bytes : {le, be}) {
        Workbook w = readWorkbook(writeFile("unicode.csv", bytes));
        EXPECT_EQ(w.sheets[0].at(0, 0).text, "Tổng số");
        EXPECT_EQ(w.sheets[0].at(0, 1).number, 87.5);
        ASSERT_EQ(w.notes.size(), 1u);
        EXPECT_EQ(w.notes[0].en, "The file is not UTF-8: read as UTF-16");
    }
    // UTF-8 stays as it is, with no note.
    EXPECT_TRUE(readWorkbook(writeFile("utf8.csv", "Tổng số,1\n")).notes.empty());
    // Only a conversion is bounded (256 MiB in the reader; 8 bytes here).
    EXPECT_THROW(textAsUtf8("H\xE0 N\xF4\xF2i,1\n", 8), TextTooLargeToConvert);
    EXPECT_EQ(textAsUtf8("Hà Nội, 1, 2, 3\n", 8).utf8, "Hà Nội, 1, 2, 3\n");
}

// The decimal separator is the one the file's numbers are written with, as the
// person who opens it picks the language in Calc's Text Import dialog (csvDecimal). Each
// expectation is LibreOffice 7.4's reading of the same file, "detect special
// numbers" off, in the language that fits it (vi-VN for decimal commas, en-US
// otherwise; FilterOptions "SEP,34,76,1,,1066|1033,false,false"); the ctest
// csv_decimal_separators compares whole files with LibreOffice the same way.
TEST(Formats, CsvDecimalSeparatorAsItsNumbersAreWritten) {
    // Excel's "Unicode Text" on a Vietnamese Windows: tabs, decimal commas in two
    // columns. "Tỷ lệ\t47,5\t12,5\n\t87.107\t1\n\t1.5\t2\n\t0,25\t3\n" in UTF-16 LE
    // with its byte order mark.
    std::string utf16("\xFF\xFE", 2);
    for (char32_t c : std::u32string(U"Tỷ lệ\t47,5\t12,5\n\t87.107\t1\n\t1.5\t2\n\t0,25\t3\n")) {
        utf16 += static_cast<char>(c & 0xFF);
        utf16 += static_cast<char>(c >> 8);
    }
    const Workbook viBook = readWorkbook(writeFile("unicode-vi.csv", utf16));
    const Sheet& vi = viBook.sheets.at(0);
    // Said, as the language is in Calc's dialog (after the encoding's note).
    ASSERT_EQ(viBook.notes.size(), 2u);
    EXPECT_EQ(viBook.notes[1].en,
              "Numbers read with ',' as the decimal separator and '.' between thousands (as in 1.234,5), as the file writes them");
    EXPECT_EQ(vi.at(0, 1).number, 47.5);
    EXPECT_EQ(vi.at(0, 2).number, 12.5);
    EXPECT_EQ(vi.at(1, 1).number, 87107);  // grouped thousands, as the report writes them
    EXPECT_EQ(vi.at(2, 1).kind, Cell::Kind::Text);  // "1.5": not a number in this notation
    EXPECT_EQ(vi.at(3, 1).number, 0.25);
    // The same numbers separated by ',' (decimal commas quoted) or tabs, UTF-8.
    for (const char* bytes : {"a,b,c\n1,\"47,5\",\"0,5\"\n2,\"1.234,5\",1\n3,87.107,2\n4,1.5,3\n",
                              "a\tb\tc\n1\t47,5\t0,5\n2\t1.234,5\t1\n3\t87.107\t2\n4\t1.5\t3\n"}) {
        const Workbook w = readWorkbook(writeFile("vi.csv", bytes));
        const Sheet& s = w.sheets.at(0);
        EXPECT_EQ(w.notes.size(), 1u) << bytes;  // the decimal separator, told by the numbers
        EXPECT_EQ(s.at(1, 1).number, 47.5) << bytes;
        EXPECT_EQ(s.at(1, 2).number, 0.5) << bytes;
        EXPECT_EQ(s.at(2, 1).number, 1234.5) << bytes;
        EXPECT_EQ(s.at(3, 1).number, 87107) << bytes;
        EXPECT_EQ(s.at(4, 1).kind, Cell::Kind::Text) << bytes;
    }
    // An English export separated by ';': decimal points.
    const Workbook enBook = readWorkbook(writeFile("en.csv", "a;b;c\n1;47.5;0.5\n2;1,234.5;1\n3;87,107;2\n4;\" -3.75 \";3\n5;47,5;4\n"));
    const Sheet& en = enBook.sheets.at(0);
    ASSERT_EQ(enBook.notes.size(), 1u);
    EXPECT_EQ(enBook.notes[0].vi, "Số đọc với dấu thập phân '.' và dấu ',' tách hàng nghìn (như 1,234.5), theo cách tệp ghi số");
    EXPECT_EQ(en.at(1, 1).number, 47.5);
    EXPECT_EQ(en.at(1, 2).number, 0.5);
    EXPECT_EQ(en.at(2, 1).number, 1234.5);
    EXPECT_EQ(en.at(3, 1).number, 87107);
    EXPECT_EQ(en.at(4, 1).number, -3.75);
    EXPECT_EQ(en.at(5, 1).kind, Cell::Kind::Text);
    // One column's say is not enough: a report's numbering ("1.1", "1.2") does
    // not make the thousands of a Vietnamese ';' file decimals, nor one column of
    // decimal commas those of a tab file.
    const Workbook sttBook = readWorkbook(writeFile("stt.csv", "STT;Chỉ tiêu;Số\n1;A;87.107\n1.1;B;1.234\n1.2;C;500\n"));
    const Sheet& stt = sttBook.sheets.at(0);
    EXPECT_TRUE(sttBook.notes.empty());  // the field separator decided: nothing to say
    EXPECT_EQ(stt.at(1, 2).number, 87107);
    EXPECT_EQ(stt.at(2, 0).kind, Cell::Kind::Text);
    const Sheet one = readWorkbook(writeFile("one.csv", "a\tb\n1\t47,5\n2\t2.5\n3\t0,25\n")).sheets.at(0);
    EXPECT_EQ(one.at(1, 1).kind, Cell::Kind::Text);
    EXPECT_EQ(one.at(2, 1).number, 2.5);
    // Nothing but ambiguous numbers ("87,107", "87.107"): the separator decides,
    // ';' for a decimal comma, ',' and tab for a point.
    EXPECT_EQ(readWorkbook(writeFile("semi.csv", "a;87,107\nb;87.107\n")).sheets.at(0).at(0, 1).number, 87.107);
    EXPECT_EQ(readWorkbook(writeFile("tab.csv", "a\t87,107\nb\t87.107\n")).sheets.at(0).at(0, 1).number, 87107);
    // Special numbers stay text when "detect special numbers" is off, Calc's default.
    const Sheet special = readWorkbook(writeFile("special.csv", "a;12,5%;(5);5-;5 \xE2\x82\xAB;-0\nb;1;2;3;4;5\n")).sheets.at(0);
    for (int c = 1; c <= 4; ++c) EXPECT_EQ(special.at(0, c).kind, Cell::Kind::Text) << c;
    EXPECT_EQ(special.at(0, 5).kind, Cell::Kind::Number);
    EXPECT_FALSE(std::signbit(special.at(0, 5).number));  // "-0" is 0
}

// A field written as a formula: Calc's import computes it (LibreOffice 7.4
// headless: "=SUM(A2:A3)" gives 4, "=x" and "==" errors, "=" alone is text). Computed
// where formula_results can, as for the formulas a workbook saves without a result;
// the others read as their text, and said.
TEST(Formats, CsvFormulasAreComputedOrSaid) {
    Workbook wb = readWorkbook(writeFile("formulas.csv", "a,b\n1,2\n3,=SUM(A2:A3)\n=x,\"=y\"\n=,==\n"));
    EXPECT_EQ(wb.sheets[0].at(2, 1).kind, Cell::Kind::Number);
    EXPECT_EQ(wb.sheets[0].at(2, 1).number, 4);
    EXPECT_EQ(wb.sheets[0].at(3, 0).text, "=x");
    ASSERT_EQ(wb.notes.size(), 1u);
    EXPECT_NE(wb.notes[0].en.find("4 formula cells have no result saved in the file: ReportCheck computed 1 as Calc does when it "
                                  "opens the file, and has no value for the other 3 (first: 'formulas'!A4)"),
              std::string::npos)
        << wb.notes[0].en;
    // With a decimal comma Calc reads "1,5" in the file's language: not computed.
    Workbook vi = readWorkbook(writeFile("vi.csv", "a;b\n1,5;2\n3;=A2*2\n"));
    EXPECT_EQ(vi.sheets[0].at(2, 1).text, "=A2*2");
    EXPECT_TRUE(readWorkbook(writeFile("plain.csv", "a,b\n1,=\n")).notes.empty());  // "=" alone is text to Calc too
}

TEST(Formats, CsvByteOrderMarkIsNotText) {
    Workbook wb = readWorkbook(writeFile("bom.csv", "\xEF\xBB\xBFTT,Số\n1,2\n"));
    EXPECT_EQ(wb.sheets[0].at(0, 0).text, "TT");
    EXPECT_EQ(wb.sheets[0].at(1, 1).number, 2);
}

// A Vietnamese (or most European) Excel's "CSV": ';' between fields, because ','
// is its decimal separator, '.' grouping thousands, and a byte order mark.
TEST(Formats, CsvWithSemicolonsAndDecimalCommas) {
    Workbook wb = readWorkbook(writeFile("bieu-8.csv",
                                         "\xEF\xBB\xBFTT;Chỉ tiêu;Số lượng;Tỷ lệ\r\n"
                                         "1;\"Đảng viên; mới\";87.107;47,5\r\n"
                                         "2;Tuổi bình quân;1.234.567,25;-0,5\r\n"
                                         "3;\"số, dấu phẩy\";1.5;94,8%\r\n"
                                         "4;12.34.5;,5;1E3\r\n"
                                         "5;\"cuối\"\r\n"));
    const Sheet& s = wb.sheets.at(0);
    EXPECT_EQ(s.at(0, 0).text, "TT");  // no byte order mark in A1
    EXPECT_EQ(s.at(1, 1).text, "Đảng viên; mới");
    EXPECT_EQ(s.at(1, 2).number, 87107);  // as the report writes it: 87.107 people
    EXPECT_EQ(s.at(1, 3).number, 47.5);
    EXPECT_EQ(s.at(2, 2).number, 1234567.25);
    EXPECT_EQ(s.at(2, 3).number, -0.5);
    EXPECT_EQ(s.at(3, 1).text, "số, dấu phẩy");
    // Not decimal numbers in this office's notation: text, as Calc's import keeps them
    // (a rule then reports a number stored as text).
    EXPECT_EQ(s.at(3, 2).kind, Cell::Kind::Text);  // 1.5: not thousands, not a decimal here
    EXPECT_EQ(s.at(3, 3).kind, Cell::Kind::Text);  // a percentage is a "special number"
    EXPECT_EQ(s.at(4, 1).kind, Cell::Kind::Text);
    EXPECT_EQ(s.at(4, 2).number, 0.5);
    EXPECT_EQ(s.at(4, 3).number, 1000);
    EXPECT_EQ(s.at(5, 1).text, "cuối");  // a quoted last field before \r\n
}

TEST(Formats, CsvSeparatorIsFoundInTheFirstLines) {
    // Tabs, the same count on every line.
    Workbook tab = readWorkbook(writeFile("tabs.csv", "a\tb, c\tc\n1\t2,5\t3.5\n"));
    EXPECT_EQ(tab.sheets[0].at(0, 1).text, "b, c");
    EXPECT_EQ(tab.sheets[0].at(1, 2).number, 3.5);  // a decimal dot: only ';' means a decimal comma
    // Commas with English numbers, some fields quoted with ';' inside.
    Workbook comma = readWorkbook(writeFile("comma.csv", "x,\"y;z\",w\n1,\"87,107\",2.5\n"));
    EXPECT_EQ(comma.sheets[0].at(0, 1).text, "y;z");
    EXPECT_EQ(comma.sheets[0].at(1, 1).number, 87107);  // ',' groups thousands here
    EXPECT_EQ(comma.sheets[0].at(1, 2).number, 2.5);
    // One column: no separator at all.
    Workbook one = readWorkbook(writeFile("one.csv", "Tổng\n12\n"));
    EXPECT_EQ(one.sheets[0].at(1, 0).number, 12);
    EXPECT_EQ(one.sheets[0].cols(), 1);
    // Lines disagree: the most frequent wins (a ragged ';' export).
    Workbook ragged = readWorkbook(writeFile("ragged.csv", "a;b;c\n1;2\n3;4;5;6\n"));
    EXPECT_EQ(ragged.sheets[0].at(2, 3).number, 6);
}

TEST(Formats, XlsxCellKindsAndDecimals) {
    std::string styles =
        "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"#,##0.0\"/>"
        "<numFmt numFmtId=\"165\" formatCode=\"dd/mm/yyyy\"/></numFmts>"
        "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
        "<fills count=\"1\"><fill><patternFill patternType=\"none\"/></fill></fills>"
        "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        "<cellXfs count=\"5\"><xf numFmtId=\"0\" xfId=\"0\"/><xf numFmtId=\"164\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        "<xf numFmtId=\"4\" xfId=\"0\" applyNumberFormat=\"1\"/><xf numFmtId=\"165\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        "<xf numFmtId=\"10\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>";
    std::string data =
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>nội dòng</t></is></c>"
        "<c r=\"C1\" t=\"str\"><f>A1&amp;\"!\"</f><v>Tổng số!</v></c>"
        "<c r=\"D1\" t=\"s\"><v>1</v></c><c r=\"E1\" t=\"s\"><v>2</v></c></row>"
        "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>1234.56</v></c><c r=\"B2\" s=\"2\"><v>7</v></c>"
        "<c r=\"C2\" s=\"3\"><v>45658</v></c><c r=\"D2\" s=\"4\"><v>0.125</v></c></row>"
        "<row r=\"3\"><c r=\"A3\" t=\"e\"><v>#N/A</v></c><c r=\"B3\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
        "<c r=\"C3\" t=\"b\"><v>1</v></c><c r=\"D3\" t=\"b\"><f>1&gt;2</f><v>0</v></c><c r=\"E3\"><f>SUM(A2:B2)</f><v>1241.56</v></c></row>";
    // An empty shared string between two others (LibreOffice writes them): orcus
    // gives it the text before it; it must stay empty and the next one stay itself.
    std::string sst = "<si><t>Tổng số</t></si><si><t xml:space=\"preserve\"></t></si><si><t>sau</t></si>";
    Workbook wb = readWorkbook(xlsx("kinds.xlsx", data, sst, styles));
    ASSERT_EQ(wb.sheets.size(), 1u);
    const Sheet& s = wb.sheets[0];
    EXPECT_EQ(s.at(0, 0).text, "Tổng số");
    EXPECT_EQ(s.at(0, 1).text, "nội dòng");
    EXPECT_EQ(s.at(0, 2).text, "Tổng số!");
    EXPECT_EQ(s.at(0, 3).kind, Cell::Kind::Empty);
    EXPECT_EQ(s.at(0, 4).text, "sau");
    EXPECT_EQ(s.at(1, 0).number, 1234.56);
    EXPECT_EQ(s.at(1, 0).decimals, 1);   // "#,##0.0"
    EXPECT_EQ(s.at(1, 1).decimals, 2);   // built-in 4: "#,##0.00"
    EXPECT_EQ(s.at(1, 2).number, 45658);  // a date is its serial number
    EXPECT_EQ(s.at(1, 2).decimals, -1);
    EXPECT_EQ(s.at(1, 3).decimals, 2);   // built-in 10: "0.00%"
    EXPECT_EQ(s.at(2, 0).kind, Cell::Kind::Error);
    EXPECT_EQ(s.at(2, 0).text, "#N/A");
    EXPECT_EQ(s.at(2, 1).kind, Cell::Kind::Error);
    EXPECT_EQ(s.at(2, 1).text, "#DIV/0!");
    EXPECT_EQ(s.at(2, 2).number, 1);
    EXPECT_EQ(s.at(2, 3).kind, Cell::Kind::Number);
    EXPECT_EQ(s.at(2, 3).number, 0);
    EXPECT_EQ(s.at(2, 4).number, 1241.56);
}

// Where the parts are is the package's to say (Open Packaging Conventions): the
// workbook is the target of _rels/.rels, its parts' targets are relative to its
// folder (".." and absolute names included). Written here as a generator
// other than Excel might (the strict ECMA-376 vocabulary, an "x:" prefix):
// LibreOffice 7.4 reads this package the same way.
TEST(Formats, XlsxPartsAreWhereTheRelationshipsSay) {
    const std::string rel = "http://purl.oclc.org/ooxml/officeDocument/relationships/";
    const std::string main = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    auto rels = [](const std::string& body) {
        return "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
               body + "</Relationships>";
    };
    const std::string path = writeZip(
        "moved.xlsx",
        {{"[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                                 "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                                 "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                                 "<Override PartName=\"/book/main.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                                 "</Types>"},
         {"_rels/.rels", rels("<Relationship Id=\"r1\" Type=\"" + rel + "officeDocument\" Target=\"/book/main.xml\"/>")},
         {"book/main.xml", "<?xml version=\"1.0\"?><x:workbook xmlns:x=\"" + main + "\" xmlns:r=\"" + rel.substr(0, rel.size() - 1) +
                               "\"><x:sheets><x:sheet name=\"Biểu 1\" sheetId=\"1\" r:id=\"s1\"/><x:sheet name=\"Hai\" sheetId=\"2\" r:id=\"s2\"/>"
                               "</x:sheets></x:workbook>"},
         {"book/_rels/main.xml.rels", rels("<Relationship Id=\"s1\" Type=\"" + rel + "worksheet\" Target=\"../data/one.xml\"/>"
                                           "<Relationship Id=\"s2\" Type=\"" + rel + "worksheet\" Target=\"two.xml\"/>"
                                           "<Relationship Id=\"t\" Type=\"" + rel + "sharedStrings\" Target=\"/strings.xml\"/>"
                                           "<Relationship Id=\"l\" Type=\"" + rel + "hyperlink\" Target=\"http://example.com/x.xml\" TargetMode=\"External\"/>")},
         {"data/one.xml", "<?xml version=\"1.0\"?><x:worksheet xmlns:x=\"" + main + "\"><x:sheetData><x:row r=\"1\">"
                              "<x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"B1\"><x:v>87107</x:v></x:c></x:row></x:sheetData></x:worksheet>"},
         {"book/two.xml", "<?xml version=\"1.0\"?><worksheet xmlns=\"" + main + "\"><sheetData><row r=\"2\">"
                              "<c r=\"C2\" t=\"s\"><v>1</v></c></row></sheetData></worksheet>"},
         {"strings.xml", "<?xml version=\"1.0\"?><sst xmlns=\"" + main + "\"><si><t>Tổng số</t></si><si><t>hai</t></si></sst>"}});
    const Workbook wb = readWorkbook(path);
    ASSERT_EQ(wb.sheets.size(), 2u);
    EXPECT_EQ(wb.sheets[0].name(), "Biểu 1");
    EXPECT_EQ(wb.sheets[0].at(0, 0).text, "Tổng số");
    EXPECT_EQ(wb.sheets[0].at(0, 1).number, 87107);
    EXPECT_EQ(wb.sheets[1].at(1, 2).text, "hai");
}

// Cells as xlsxwriter and openpyxl write them, read as LibreOffice 7.4 reads
// them (tests/formats/producer_parity.py found each against LibreOffice itself).
TEST(Formats, XlsxOfOtherProducersAsCalcReadsThem) {
    std::string styles =
        "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"0.0;-0.0;&quot;-&quot;\"/></numFmts>"
        "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"42\" applyNumberFormat=\"1\"/>"
        "<xf numFmtId=\"43\" applyNumberFormat=\"1\"/><xf numFmtId=\"44\" applyNumberFormat=\"1\"/>"
        "<xf numFmtId=\"164\" applyNumberFormat=\"1\"/></cellXfs>";
    std::string data =
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c>"
        "<c r=\"D1\" t=\"inlineStr\"><is><t>literal _x000D_ and _x005F_</t></is></c><c r=\"E1\" t=\"s\"><v>3</v></c></row>"
        "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>-1234.5</v></c><c r=\"B2\" s=\"2\"><v>-1234.5</v></c><c r=\"C2\" s=\"3\"><v>-1234.5</v></c>"
        "<c r=\"D2\" s=\"4\"><v>0</v></c></row>"
        "<row r=\"3\"><c r=\"A3\" t=\"d\"><v>08:30:00</v></c><c r=\"B3\" t=\"d\"><v>2024-01-15T10:00:00.123</v></c>"
        "<c r=\"C3\"><f>A2*2</f></c><c r=\"D3\" t=\"str\"><f>\"\"</f><v></v></c><c r=\"E3\"><f>1+1</f><v>2</v></c></row>";
    std::string sst =
        "<si><t>_x005F_x0041_ literal escape</t></si><si><t>crlf_x000D_\nwindows</t></si><si><t>cr_x000D_only</t></si>"
        "<si><t>crlf&#13;\nopenpyxl</t></si>";
    const std::string path = xlsx("producers.xlsx", data, sst, styles);
    Workbook wb = readWorkbook(path);
    const Sheet& s = wb.sheets.at(0);
    // "_xHHHH_": control characters and '_' decoded, others literal; CR LF is LF, a lone CR stays.
    EXPECT_EQ(s.at(0, 0).text, "_x0041_ literal escape");
    EXPECT_EQ(s.at(0, 1).text, "crlf\nwindows");
    EXPECT_EQ(s.at(0, 2).text, "cr\ronly");
    EXPECT_EQ(s.at(0, 3).text, "literal \r and _");
    EXPECT_EQ(s.at(0, 4).text, "crlf\nopenpyxl");
    // Built-in formats 42 (currency, no decimals), 43 and 44 (two); a zero section of text: none.
    EXPECT_EQ(s.at(1, 0).decimals, 0);
    EXPECT_EQ(s.at(1, 1).decimals, 2);
    EXPECT_EQ(s.at(1, 2).decimals, 2);
    EXPECT_EQ(s.at(1, 3).decimals, -1);
    // t="d": a time alone stays text; a fraction of a second is dropped.
    EXPECT_EQ(s.at(2, 0).text, "08:30:00");
    EXPECT_DOUBLE_EQ(s.at(2, 1).number, 45306 + 10.0 / 24);
    // C3 has no saved result (openpyxl writes none); D3's empty text result is one.
    ASSERT_EQ(wb.notes.size(), 1u);
    EXPECT_NE(wb.notes[0].en.find("1 formula cells have no result saved in the file (first: 'S'!C3)"), std::string::npos)
        << wb.notes[0].en;
    EXPECT_EQ(s.at(2, 4).number, 2);
    // `reportcheck cells` says it too, on stderr, in the language asked for.
    rctest::ShellRun o = rctest::runShell(std::string(REPORTCHECK_CLI) + " cells " + path + " --lang en 2>&1 >/dev/null");
    EXPECT_EQ(o.code, 0);
    EXPECT_EQ(o.text.rfind("note: 1 formula cells have no result saved in the file (first: 'S'!C3)", 0), 0u) << o.text;
}

TEST(Formats, XlsxSharedFormulasKeepTheirCachedValues) {
    // Excel writes a column of one formula as a shared formula: every cell keeps its value.
    std::string data =
        "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\"><f t=\"shared\" ref=\"B1:B3\" si=\"0\">A1*2</f><v>2</v></c></row>"
        "<row r=\"2\"><c r=\"A2\"><v>5</v></c><c r=\"B2\"><f t=\"shared\" si=\"0\"/><v>10</v></c></row>"
        "<row r=\"3\"><c r=\"A3\"><v>7</v></c><c r=\"B3\"><f t=\"shared\" si=\"0\"/><v>14</v></c></row>";
    Workbook wb = readWorkbook(xlsx("shared.xlsx", data));
    EXPECT_EQ(wb.sheets[0].at(0, 1).number, 2);
    EXPECT_EQ(wb.sheets[0].at(1, 1).number, 10);
    EXPECT_EQ(wb.sheets[0].at(2, 1).number, 14);
}

TEST(Formats, DecimalsOfFormatCodes) {
    EXPECT_EQ(decimalsOfFormatCode("General"), -1);
    EXPECT_EQ(decimalsOfFormatCode("0"), 0);
    EXPECT_EQ(decimalsOfFormatCode("#,##0.00"), 2);
    EXPECT_EQ(decimalsOfFormatCode("0.0%"), 1);
    EXPECT_EQ(decimalsOfFormatCode("[$£-809]#,##0.00;[RED]\\-[$£-809]#,##0.00"), 2);
    EXPECT_EQ(decimalsOfFormatCode("\"Tổng: \"0.000"), 3);
    EXPECT_EQ(decimalsOfFormatCode("dd/mm/yyyy"), -1);
    EXPECT_EQ(decimalsOfFormatCode("hh:mm:ss"), -1);
    EXPECT_EQ(decimalsOfFormatCode("@"), -1);
    // As Calc reports them (corpus): scientific and fractions show no decimals.
    EXPECT_EQ(decimalsOfFormatCode("0.00E+000"), -1);
    EXPECT_EQ(decimalsOfFormatCode("# ?/?"), -1);
    // Conditions: the first section's decimals, typed as without them (LibreOffice
    // 7.4 on xlsxwriter's .xlsx; the corpus's has a zero section of text alone).
    EXPECT_EQ(decimalsOfFormatCode("[>=0]0.00;[<0][RED]0.00;\"\""), -1);
    EXPECT_EQ(decimalsOfFormatCode("[>=0]0.00;[<0][RED]0.00"), 2);
    EXPECT_EQ(decimalsOfFormatCode("[>=1000]#,##0;[<1000]0.0"), 0);
    EXPECT_EQ(decimalsOfFormatCode("[<1000]0.0;#,##0"), 1);
    EXPECT_EQ(decimalsOfFormatCode("[Red][>=0]0.00;[Blue][<0]0.00"), 2);
    EXPECT_EQ(decimalsOfFormatCode("[>=0]0.0%;[<0]0.0%"), 1);
    EXPECT_EQ(decimalsOfFormatCode("[>0]0.0;[<0]-0.0;0.0"), 1);
    EXPECT_EQ(decimalsOfFormatCode("[>0]0.0;[<0]-0.0;[=0]0.0"), -1);  // a third condition: General
    // A zero section of "" alone is text; a section with '@' is for text wherever
    // it stands; thousands separators among the decimals do not count.
    EXPECT_EQ(decimalsOfFormatCode("0.00;-0.00;\"\""), -1);
    EXPECT_EQ(decimalsOfFormatCode("0.00;\"\";0.00"), -1);
    EXPECT_EQ(decimalsOfFormatCode("0.00;@"), 2);
    EXPECT_EQ(decimalsOfFormatCode("0.00;-0.00;\"x\"@"), 2);
    EXPECT_EQ(decimalsOfFormatCode("[>=0]0.00;[<0][RED]0.00;@"), 2);
    EXPECT_EQ(decimalsOfFormatCode("#.##0,00"), 5);
    EXPECT_EQ(decimalsOfFormatCode("0.0,0"), 2);
    EXPECT_EQ(decimalsOfFormatCode("#,##0.0,,"), 1);
    // A General section is a number's: beside a number, not a percentage.
    EXPECT_EQ(decimalsOfFormatCode("[>=0]0.00;[<0][RED]0.00;General"), 2);  // as Calc writes conditions
    EXPECT_EQ(decimalsOfFormatCode("0.00;General;0.0"), 2);
    EXPECT_EQ(decimalsOfFormatCode("0.0%;General"), -1);
    EXPECT_EQ(decimalsOfFormatCode("[$$-409]0.00;General"), -1);
    // How Calc writes its own formats to an .xlsx: [$-42A] is a language, not a
    // currency; dashes in place of decimals count.
    EXPECT_EQ(decimalsOfFormatCode("[$-42A]#,##0\" ₫\";\\-#,##0\" ₫\""), 0);
    EXPECT_EQ(decimalsOfFormatCode("[$-409]#,##0.00_);\\(#,##0.00\\)"), 2);
    EXPECT_EQ(decimalsOfFormatCode("[$$-409]#,##0.--;[RED]\\-[$$-409]#,##0.--"), 2);
    // Sections of another type make the format "user-defined" to Calc, which then
    // reports no decimals (LibreOffice 7.4 on xlsxwriter's and openpyxl's files):
    // a zero section of text alone, a currency beside a plain number.
    EXPECT_EQ(decimalsOfFormatCode("0.0;-0.0;\"-\""), -1);
    EXPECT_EQ(decimalsOfFormatCode("0.0;-0.0;\"-\"??"), 1);  // digits: still a number
    EXPECT_EQ(decimalsOfFormatCode("$#,##0.00;($#,##0.00);$0.00"), 2);
    EXPECT_EQ(decimalsOfFormatCode("[$₫-42A]#,##0;-#,##0"), -1);
    EXPECT_EQ(decimalsOfFormatCode("#,##0.00;[Red]-#,##0.00;;@"), 2);  // an empty zero section, a text one
    EXPECT_EQ(decimalsOfFormatCode("0.0%;-0.0%"), 1);
}

TEST(Formats, HostileFilesGiveAnErrorNotACrash) {
    // A cell beyond Calc's 16,384 columns or 1,048,576 rows.
    EXPECT_THROW(readWorkbook(xlsx("widecol.xlsx", "<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>")), ReadError);
    EXPECT_THROW(readWorkbook(xlsx("deeprow.xlsx", "<row r=\"1048577\"><c r=\"A1048577\"><v>1</v></c></row>")), ReadError);
    // A cell in the last row and column is fine and costs one row, not a million.
    Workbook far = readWorkbook(xlsx("far.xlsx", "<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>"));
    EXPECT_EQ(far.sheets[0].at(1048575, 16383).number, 1);
    // Many wide rows: the stored area is bounded (16,777,216 cells, as the .ods
    // reader: Calc's full height × 16 columns), not allocated.
    std::string wide;
    for (int r = 1; r <= 1100; ++r) wide += "<row r=\"" + std::to_string(r) + "\"><c r=\"XFD" + std::to_string(r) + "\"><v>1</v></c></row>";
    EXPECT_THROW(readWorkbook(xlsx("wide.xlsx", wide)), ReadError);
    // Broken XML, a cut zip, a sheet that is not XML.
    EXPECT_THROW(readWorkbook(xlsx("broken.xlsx", "<row r=\"1\"><c r=\"A1\"><v>1</v></row>")), ReadError);
    std::string good = slurp(kFixtures + "small.xlsx");
    EXPECT_ANY_THROW(readWorkbook(writeFile("cut.xlsx", good.substr(0, good.size() / 2))));
    // An unclosed quote: Calc reads to the end of the file, and so do we.
    EXPECT_EQ(readWorkbook(writeFile("open-quote.csv", "a,\"b\n")).sheets[0].at(0, 1).text, "b\n");
    // Embedded rules with a missing chunk are refused, not half-read.
    std::string custom =
        "<?xml version=\"1.0\"?><Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" "
        "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
        "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"2\" name=\"ReportCheck.Rules.Count\"><vt:lpwstr>2</vt:lpwstr></property>"
        "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"3\" name=\"ReportCheck.Rules.1\"><vt:lpwstr>sheet \"A\"</vt:lpwstr></property>"
        "</Properties>";
    EXPECT_THROW(readWorkbook(xlsx("chunk.xlsx", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", {}, {}, custom)), ReadError);
}

TEST(CellsCommand, PrintsWhatTheEngineSees) {
    Out o = cli("cells " + kFixtures + "small.xlsx");
    EXPECT_EQ(o.code, 0) << o.text;
    EXPECT_NE(o.text.find("#sheet\t0\tBiểu 1\t"), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("0\tC2\tN\t52\t\t-1\n"), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("0\tC7\tE\t\t#VALUE!\t-1\n"), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("0\tC8\tT\t\t87.107\t-1\n"), std::string::npos) << o.text;
    // The same lines whatever the format the workbook came in.
    EXPECT_EQ(cli("cells " + kFixtures + "small.ods").text, o.text);

    o = cli("cells " + kFixtures + "small.ods --sheet Trống --format json");
    EXPECT_EQ(o.code, 0) << o.text;
    EXPECT_NE(o.text.find("\"name\":\"Trống\""), std::string::npos) << o.text;
    EXPECT_EQ(o.text.find("Biểu 1"), std::string::npos) << o.text;

    o = cli("cells " + kFixtures + "small.ods --sheet Nowhere");
    EXPECT_EQ(o.code, 2);
    o = cli("cells " + kFixtures + "small.ods --format html");
    EXPECT_EQ(o.code, 2);
    o = cli("cells " + writeFile("x.txt", "x"));
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.text.find("định dạng không hỗ trợ"), std::string::npos) << o.text;
}

TEST(CellsCommand, ValidateReadsEveryFormat) {
    // Embedded rules travel in .xlsx and .fods as in .ods: the same findings.
    Out ods = cli("validate " + kFixtures + "embedded.ods --format json");
    Out x = cli("validate " + kFixtures + "embedded.xlsx --format json");
    Out f = cli("validate " + kFixtures + "embedded.fods --format json");
    EXPECT_EQ(ods.code, 1);
    EXPECT_EQ(x.code, 1) << x.text;
    EXPECT_EQ(f.code, 1) << f.text;
    EXPECT_NE(x.text.find("nhung.sai"), std::string::npos) << x.text;
    EXPECT_NE(f.text.find("nhung.sai"), std::string::npos) << f.text;
    EXPECT_NE(x.text.find("\"embedded\""), std::string::npos) << x.text;
}

// The bundled rule set a workbook names (ReportCheck.RuleSet) is read with the
// workbook, in every format that carries user-defined properties, so choosing
// the rules never opens the file a second time.
TEST(Formats, TheRuleSetAWorkbookNamesIsReadWithIt) {
    std::string custom =
        "<?xml version=\"1.0\"?><Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" "
        "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
        "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"2\" name=\"ReportCheck.RuleSet\"><vt:lpwstr>bao-cao-x</vt:lpwstr></property>"
        "</Properties>";
    Workbook x = readWorkbook(xlsx("named-set.xlsx", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", {}, {}, custom));
    EXPECT_EQ(x.ruleSetName, "bao-cao-x");
    EXPECT_TRUE(x.embeddedRules.empty());
    std::string named = tmp("named-set.ods");
    rctest::copyOdsWithProperties(kFixtures + "small.ods", named, {{embedding::kRuleSet, "bao-cao-y"}});
    EXPECT_EQ(readWorkbook(named).ruleSetName, "bao-cao-y");
    EXPECT_EQ(readWorkbook(kFixtures + "small.ods").ruleSetName, "");
}

// A date cell is read as a date in every format (the serial day Calc keeps, with
// the date flag): its finding writes 05/01/2024, not 45296 (issue 9 item 10).
// office:date-value as LibreOffice 7.4 loads it (the same .fods checked headless):
// proleptic Gregorian, unlike the Julian days its CSV import gives old dates, and
// "-2024" is 2024 BC, with no year 0 before 1 AD.
TEST(Formats, OdsDateValuesAsCalcImportsThem) {
    const std::string path = writeFile(
        "old-dates.fods",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" office:version=\"1.2\" "
        "office:mimetype=\"application/vnd.oasis.opendocument.spreadsheet\"><office:body><office:spreadsheet>"
        "<table:table table:name=\"S\"><table:table-row>"
        "<table:table-cell office:value-type=\"date\" office:date-value=\"1500-01-01\"/>"
        "<table:table-cell office:value-type=\"date\" office:date-value=\"0999-05-05\"/>"
        "<table:table-cell office:value-type=\"date\" office:date-value=\"-2024-01-15\"/>"
        "<table:table-cell office:value-type=\"date\" office:date-value=\"1582-10-10\"/>"
        "<table:table-cell office:value-type=\"date\" office:date-value=\"2024-01-15T10:30:00\"/>"
        "</table:table-row></table:table></office:spreadsheet></office:body></office:document>");
    const Workbook wb = readWorkbook(path);
    const Sheet& s = wb.sheets.at(0);
    const double want[] = {-146095, -328957, -1432830, -115863, 45306.4375};
    for (int c = 0; c < 5; ++c) {
        EXPECT_EQ(s.at(0, c).number, want[c]) << c;
        EXPECT_TRUE(s.at(0, c).date) << c;
    }
}

TEST(Formats, DateCellsAreDatesInOdsAndXlsx) {
    for (const char* name : {"dates.fods", "dates.xlsx"}) {
        SCOPED_TRACE(name);
        Workbook wb = readWorkbook(kFixtures + name);
        const Sheet* s = wb.sheet("Tiến độ");
        ASSERT_NE(s, nullptr);
        const Cell b1 = s->at(0, 1);
        EXPECT_EQ(b1.kind, Cell::Kind::Number);
        EXPECT_DOUBLE_EQ(b1.number, 45296);
        EXPECT_TRUE(b1.date);
        EXPECT_FALSE(s->at(0, 0).date);
        Result r = rctest::run("sheet \"Tiến độ\"\nlabels A\ncheck han: B1 <= date(2023, 12, 31)\n", wb);
        ASSERT_EQ(r.findings.size(), 1u);
        EXPECT_EQ(r.findings[0].message.vi, "Hạn nộp: ghi 05/01/2024, phải không quá 31/12/2023");
        // the suspect (the date itself: a lone bound names its cell) is written as a date too
        EXPECT_EQ(suspectsText(r.findings[0], "vi"), "nhiều khả năng sai: B1 (05/01/2024; sửa thành 31/12/2023 thì 1 kiểm tra không đạt sẽ đạt)");
    }
    EXPECT_TRUE(isDateFormatCode("DD/MM/YYYY"));
    EXPECT_TRUE(isDateFormatCode("[$-42A]d mmm yy"));
    EXPECT_FALSE(isDateFormatCode("hh:mm"));
    EXPECT_FALSE(isDateFormatCode("#,##0 \"đ/ngày\""));
    EXPECT_FALSE(isDateFormatCode("General"));
}
