// Reading a large .xlsx worksheet part in two halves (XlsxReadOptions,
// xlsx_reader.cpp "Two halves"): whatever happens to the second half, the
// Workbook, its notes and any error must be exactly those of a single
// sequential read. Generated workbooks put what the second half could misread
// all through the sheet (so that every cut from 0.1 to 0.9 meets some of it):
// rows in comments, CDATA and processing instructions, rows without numbers,
// rows going back, stray column formats, a second sheetData, a DOCTYPE, bounds
// and errors met only past the cut. The plain sheets must actually be split.
#include <gtest/gtest.h>
#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "reportcheck/read.h"
#include "test_util.h"
#include "workbook_dump.h"
#include "xlsx_reader.h"

using namespace reportcheck;

namespace {

constexpr double kAts[] = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

std::string dumpOrError(const std::function<Workbook()>& read) {
    try {
        return rctest::dumpWorkbook(read());
    } catch (const ReadError& e) {
        return "error vi\t" + e.text().vi + "\nerror en\t" + e.text().en + "\n";
    }
}

std::string firstDifference(const std::string& a, const std::string& b) {
    size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    const size_t from = i > 200 ? i - 200 : 0;
    return "at byte " + std::to_string(i) + "\n  sequential: " + a.substr(from, 400) + "\n  split:      " + b.substr(from, 400);
}

std::string readDump(const std::string& bytes, long long minBytes, double at, XlsxReadStats* stats = nullptr) {
    XlsxReadOptions o;
    o.splitMinBytes = minBytes;
    o.splitAt = at;
    return dumpOrError([&] { return readXlsxMemory(bytes, "split.xlsx", o, stats); });
}

std::string sequential(const std::string& bytes) {
    XlsxReadStats st;
    std::string d = readDump(bytes, -1, 0.5, &st);
    EXPECT_FALSE(st.splitTried);
    return d;
}

// Forced splits at every kAts equal the sequential read; how many were kept.
int expectSameAsSequential(const std::string& bytes, const std::string& what) {
    const std::string seq = sequential(bytes);
    int used = 0;
    for (double at : kAts) {
        XlsxReadStats st;
        std::string split = readDump(bytes, 0, at, &st);
        if (seq.rfind("error vi", 0) != 0) {
            EXPECT_TRUE(st.splitTried) << what;
        }
        EXPECT_TRUE(split == seq) << what << ", splitAt " << at << " (used " << st.splitUsed << ", cut " << st.cut
                                  << "): " << firstDifference(seq, split);
        used += st.splitUsed;
    }
    if (std::getenv("XLSX_SPLIT_VERBOSE")) std::printf("%s: %d of 9 kept\n", what.c_str(), used);
    return used;
}


constexpr int kStrings = 50;

std::string sharedStrings() {
    std::string s = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"") + kMain + "\">";
    for (int i = 0; i < kStrings; ++i) s += "<si><t>label " + std::to_string(i) + (i % 7 == 0 ? " &lt;row r=&quot;1&quot;&gt;" : "") + "</t></si>";
    return s + "</sst>";
}

std::string styles() {
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"") + kMain +
           "\"><numFmts><numFmt numFmtId=\"164\" formatCode=\"0.000\"/></numFmts>"
           "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"2\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"10\"/></cellXfs></styleSheet>";
}

// A workbook of the given sheets (name, worksheet XML).
std::string xlsx(const std::vector<std::pair<std::string, std::string>>& sheets, bool deflate = true) {
    std::string book = std::string("<?xml version=\"1.0\"?><workbook xmlns=\"") + kMain +
                       "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>";
    std::string rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                       "<Relationship Id=\"rS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                       "<Relationship Id=\"rT\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>";
    std::vector<std::pair<std::string, std::string>> e = {
        {"[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
        {"_rels/.rels",
         "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
         "</Relationships>"},
        {"xl/sharedStrings.xml", sharedStrings()},
        {"xl/styles.xml", styles()},
    };
    for (size_t i = 0; i < sheets.size(); ++i) {
        const std::string n = std::to_string(i + 1);
        book += "<sheet name=\"" + sheets[i].first + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
        rels += "<Relationship Id=\"rId" + n +
                "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet" + n + ".xml\"/>";
        e.emplace_back("xl/worksheets/sheet" + n + ".xml", sheets[i].second);
    }
    e.emplace_back("xl/workbook.xml", book + "</sheets></workbook>");
    e.emplace_back("xl/_rels/workbook.xml.rels", rels + "</Relationships>");
    return rctest::zipBytes(e, deflate);
}

// One row of many kinds of cell: shared and inline strings, styled numbers, a
// date, booleans, errors, formulas with and without a value, a cell without r.
std::string row(long long r, const std::string& p = "", bool numbered = true) {
    const std::string n = std::to_string(r);
    auto c = [&](const std::string& col, const std::string& attrs, const std::string& inner) {
        return "<" + p + "c r=\"" + col + n + "\"" + attrs + ">" + inner + "</" + p + "c>";
    };
    std::string s = "<" + p + "row" + (numbered ? " r=\"" + n + "\"" : "") + (r % 11 == 0 ? " s=\"3\" customFormat=\"1\"" : "") + ">";
    s += c("A", " t=\"s\"", "<" + p + "v>" + std::to_string(r % kStrings) + "</" + p + "v>");
    s += c("B", "", "<" + p + "v>" + std::to_string(r * 1.25) + "</" + p + "v>");
    s += c("C", "", "<" + p + "v>" + std::to_string(r % 97) + ".5</" + p + "v>");  // column format
    s += c("D", " s=\"2\"", "<" + p + "v>" + std::to_string(40000 + r % 1000) + "</" + p + "v>");
    if (r % 3 == 0) s += c("E", " t=\"inlineStr\"", "<" + p + "is><" + p + "t xml:space=\"preserve\"> in &amp; line " + n + "_x000D_</" + p + "t></" + p + "is>");
    if (r % 5 == 0) s += c("F", "", "<" + p + "f>B" + n + "*2</" + p + "f><" + p + "v>" + std::to_string(r * 2.5) + "</" + p + "v>");
    if (r % 13 == 0) s += c("G", "", "<" + p + "f>B" + n + "+1</" + p + "f>");  // no cached value
    if (r % 17 == 0) s += c("H", " t=\"e\"", "<" + p + "v>#DIV/0!</" + p + "v>");
    if (r % 19 == 0) s += c("I", " t=\"b\"", "<" + p + "v>1</" + p + "v>");
    if (r % 23 == 0) s += c("J", " t=\"str\"", "<" + p + "f>\"x\"</" + p + "f><" + p + "v>text " + n + "</" + p + "v>");
    if (r % 29 == 0) s += "<" + p + "c><" + p + "v>7</" + p + "v></" + p + "c>";  // no r: the next column
    if (r % 31 == 0) s += c("L", " t=\"d\"", "<" + p + "v>2024-02-29T10:20:30</" + p + "v>");
    return s + "</" + p + "row>\n";
}

struct Sheet1 {
    std::string prefix;           // "x:" for a prefixed namespace
    std::string beforeSheetData;  // after <cols>
    std::string sheetDataAttrs;   // inside the <sheetData> start tag
    std::string afterSheetData = "<mergeCells count=\"1\"><mergeCell ref=\"A1:B1\"/></mergeCells>";
    std::string declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
};

// A worksheet of rows 1..n; between(r) is put after row r.
std::string worksheet(long long n, const std::function<std::string(long long)>& between = {}, const Sheet1& o = Sheet1(),
                      const std::function<std::string(long long)>& rowOf = {}) {
    const std::string& p = o.prefix;
    std::string ns = p.empty() ? std::string(" xmlns=\"") + kMain + "\"" : " xmlns:" + p.substr(0, p.size() - 1) + "=\"" + kMain + "\"";
    std::string s = o.declaration + "<" + p + "worksheet" + ns + "><" + p + "dimension ref=\"A1:L" + std::to_string(n) + "\"/><" + p +
                    "cols><" + p + "col min=\"3\" max=\"3\" style=\"3\"/><" + p + "col min=\"5\" max=\"9\" style=\"4\"/></" + p + "cols>" +
                    o.beforeSheetData + "<" + p + "sheetData" + o.sheetDataAttrs + ">\n";
    for (long long r = 1; r <= n; ++r) {
        s += rowOf ? rowOf(r) : row(r, p);
        if (between) s += between(r);
    }
    const std::string after = p.empty() ? o.afterSheetData : "";
    return s + "</" + p + "sheetData>" + after + "</" + p + "worksheet>";
}

std::string every(long long r, long long k, const std::string& what) { return r % k == 0 ? what : ""; }

}  // namespace

TEST(XlsxSplit, PlainSheetIsSplitAndReadAsSequentially) {
    const std::string bytes = xlsx({{"Data", worksheet(3000)}});
    EXPECT_EQ(expectSameAsSequential(bytes, "plain"), 9);
    XlsxReadStats st;
    readDump(bytes, 0, 0.5, &st);
    EXPECT_TRUE(st.splitUsed);
    EXPECT_GT(st.cut, 0);
}

TEST(XlsxSplit, StoredUncompressedIsSplit) {
    EXPECT_EQ(expectSameAsSequential(xlsx({{"Data", worksheet(3000)}}, false), "stored"), 9);
}

TEST(XlsxSplit, FromAFileIsSplit) {
    const std::string bytes = xlsx({{"Data", worksheet(3000)}});
    const std::string path = rctest::writeZip("xlsx-split-file.xlsx", {{"x", "x"}});  // a path in the tests' folder
    {
        std::FILE* f = std::fopen(path.c_str(), "wb");
        ASSERT_NE(f, nullptr);
        std::fwrite(bytes.data(), 1, bytes.size(), f);
        std::fclose(f);
    }
    XlsxReadOptions seq, split;
    seq.splitMinBytes = -1;
    split.splitMinBytes = 0;
    XlsxReadStats st;
    const std::string a = dumpOrError([&] { return readXlsx(path, seq); });
    const std::string b = dumpOrError([&] { return readXlsx(path, split, &st); });
    EXPECT_TRUE(st.splitUsed);
    EXPECT_TRUE(a == b) << firstDifference(a, b);
    std::remove(path.c_str());
}

TEST(XlsxSplit, PrefixedNamespaceIsSplit) {
    Sheet1 o;
    o.prefix = "x:";
    EXPECT_EQ(expectSameAsSequential(xlsx({{"Data", worksheet(3000, {}, o)}}), "x: prefix"), 9);
}

TEST(XlsxSplit, SmallerThanSplitMinBytesIsNotSplit) {
    XlsxReadStats st;
    readDump(xlsx({{"Data", worksheet(300)}}), 1 << 30, 0.5, &st);
    EXPECT_FALSE(st.splitTried);
    // The default options: read as sequentially (the sheet is far below 8 MiB).
    const std::string bytes = xlsx({{"Data", worksheet(300)}});
    const std::string d = dumpOrError([&] { return readXlsxMemory(bytes, "split.xlsx"); });
    EXPECT_EQ(d, sequential(bytes));
}

TEST(XlsxSplit, TwoLargeSheetsAndASmallOne) {
    const std::string bytes = xlsx({{"One", worksheet(2000)}, {"Small", worksheet(3)}, {"Two", worksheet(2500)}});
    EXPECT_GT(expectSameAsSequential(bytes, "three sheets"), 0);
}

TEST(XlsxSplit, RowsInsideComments) {
    expectSameAsSequential(xlsx({{"Data", worksheet(3000, [](long long r) { return every(r, 5, "<!-- " + row(r + 100000) + " -->\n"); })}}),
                           "comments");
}

TEST(XlsxSplit, RowsInsideCdata) {
    expectSameAsSequential(xlsx({{"Data", worksheet(3000, [](long long r) { return every(r, 5, "<![CDATA[" + row(r + 100000) + "]]>\n"); })}}),
                           "CDATA");
}

TEST(XlsxSplit, RowsInsideProcessingInstructions) {
    expectSameAsSequential(xlsx({{"Data", worksheet(3000, [](long long r) { return every(r, 5, "<?pi " + row(r + 100000) + " ?>\n"); })}}),
                           "PI");
}

TEST(XlsxSplit, LongCommentsAndCdataAcrossEveryCut) {
    // 70 KiB comments: longer than a chunk, so libxml2 holds them across chunk ends.
    const std::string pad(70'000, 'p');
    expectSameAsSequential(
        xlsx({{"Data", worksheet(3000, [&](long long r) { return every(r, 300, "<!-- " + row(r) + pad.substr(2) + " -->" + "<![CDATA[" + pad + row(r) + "]]>"); })}}),
        "long comments");
}

TEST(XlsxSplit, RowTagsInTextAndAttributes) {
    expectSameAsSequential(xlsx({{"Data", worksheet(3000, {}, Sheet1(), [](long long r) {
                                      const std::string n = std::to_string(r);
                                      return "<row r=\"" + n + "\" spans=\"1:2\" x14ac:dyDescent=\"&lt;row \" xmlns:x14ac=\"urn:x\"><c r=\"A" + n +
                                             "\" t=\"inlineStr\"><is><t>&lt;row r=\"" + n + "\"&gt; <![CDATA[<row r=\"1\">]]></t></is></c><c r=\"B" + n +
                                             "\"><v>" + n + "</v></c></row>\n";
                                  })}}),
                           "escaped row tags");
}

TEST(XlsxSplit, WhiteSpaceAndLineEndsBetweenRows) {
    expectSameAsSequential(xlsx({{"Data", worksheet(3000, [](long long r) { return std::string(r % 400, r % 2 ? ' ' : '\n') + "\r\n\t"; })}}),
                           "white space");
}

TEST(XlsxSplit, RowsWithoutNumbersInTheSecondHalf) {
    expectSameAsSequential(xlsx({{"Data", worksheet(3000, {}, Sheet1(), [](long long r) { return row(r, "", r < 1000 || r % 50 != 0); })}}),
                           "rows without r");
    // All rows without numbers: never kept, still the same.
    EXPECT_EQ(expectSameAsSequential(xlsx({{"Data", worksheet(3000, {}, Sheet1(), [](long long r) { return row(r, "", false); })}}), "no r"), 0);
}

TEST(XlsxSplit, RowsGoingBackInTheSecondHalf) {
    expectSameAsSequential(xlsx({{"Data", worksheet(3000, {}, Sheet1(), [](long long r) { return row(r > 2000 && r % 100 == 0 ? r - 1500 : r); })}}),
                           "rows going back");
}

TEST(XlsxSplit, CellsAboveTheirRowInTheSecondHalf) {
    expectSameAsSequential(xlsx({{"Data", worksheet(3000, [](long long r) {
                                      return every(r, 700, "<row r=\"" + std::to_string(r + 1) + "\"><c r=\"Z" + std::to_string(r / 2) +
                                                               "\"><v>9</v></c></row>\n");
                                  })}}),
                           "cells above");
}

TEST(XlsxSplit, RowNumbersWithGapsAndRepeats) {
    expectSameAsSequential(xlsx({{"Data", worksheet(3000, {}, Sheet1(), [](long long r) { return row(r * 7 + (r % 9 == 0 ? 0 : 3)); })}}),
                           "gaps");
}

TEST(XlsxSplit, EmptyRowsAtTheCut) {
    expectSameAsSequential(xlsx({{"Data", worksheet(3000, {}, Sheet1(), [](long long r) {
                                      return r % 2 ? "<row r=\"" + std::to_string(r) + "\" ht=\"20\" customHeight=\"1\"/>\n" : row(r);
                                  })}}),
                           "empty rows");
}

TEST(XlsxSplit, ColumnFormatsInsideSheetData) {
    expectSameAsSequential(xlsx({{"Data", worksheet(3000, [](long long r) { return every(r, 400, "<col min=\"2\" max=\"2\" style=\"" + std::to_string(r % 5) + "\"/>"); })}}),
                           "stray col");
}

TEST(XlsxSplit, StrayCellsAndValuesBetweenRows) {
    expectSameAsSequential(
        xlsx({{"Data", worksheet(3000, [](long long r) { return every(r, 3, "<c r=\"K" + std::to_string(r) + "\"><v>3</v></c><v>5</v><is><t>x</t></is>"); })}}),
        "stray cells");
}

TEST(XlsxSplit, SecondSheetDataAndCommentedHead) {
    Sheet1 o;
    o.beforeSheetData = "<!-- <sheetData> <row r=\"1\"><c><v>1</v></c></row> --><sheetPr/>";
    expectSameAsSequential(xlsx({{"Data", worksheet(3000, {}, o)}}), "commented sheetData");
    Sheet1 twice;
    twice.afterSheetData = "<sheetData><row r=\"5000\"><c r=\"A5000\"><v>1</v></c></row></sheetData>";
    expectSameAsSequential(xlsx({{"Data", worksheet(3000, {}, twice)}}), "sheetData twice");
    expectSameAsSequential(xlsx({{"Data", worksheet(3000, [](long long r) { return every(r, 1000, "</sheetData><sheetData>"); })}}),
                           "sheetData closed and opened");
    expectSameAsSequential(xlsx({{"Data", worksheet(3000, [](long long r) { return every(r, 900, "<sheetData><row r=\"" + std::to_string(r) + "\"/></sheetData>"); })}}),
                           "sheetData nested");
}

TEST(XlsxSplit, SheetDataWithAttributesAndEmpty) {
    Sheet1 big;
    big.sheetDataAttrs = " a=\"" + std::string(70'000, 'a') + "\" b='>'";  // its '>' in the next chunk, and one inside a value
    EXPECT_EQ(expectSameAsSequential(xlsx({{"Data", worksheet(3000, {}, big)}}), "long sheetData tag"), 0);
    big.sheetDataAttrs = " a=\"" + std::string(70'000, 'a') + "\"";
    EXPECT_EQ(expectSameAsSequential(xlsx({{"Data", worksheet(3000, {}, big)}}), "long sheetData tag"), 9);
    Sheet1 o;
    o.beforeSheetData = "<sheetData a=\"x>y\"/>";
    expectSameAsSequential(xlsx({{"Data", worksheet(3000, {}, o)}}), "empty sheetData first");
    expectSameAsSequential(xlsx({{"Data", std::string("<?xml version=\"1.0\"?><worksheet xmlns=\"") + kMain + "\"><sheetData/></worksheet>"}}),
                           "empty sheet");
}

TEST(XlsxSplit, NamespaceRedeclaredInsideRows) {
    expectSameAsSequential(xlsx({{"Data", worksheet(3000, {}, Sheet1(), [](long long r) {
                                      std::string s = row(r, "y:");
                                      return "<y:wrap xmlns:y=\"" + std::string(kMain) + "\">" + s + "</y:wrap>\n";
                                  })}}),
                           "rows in a wrapper");
}

TEST(XlsxSplit, Doctype) {
    Sheet1 o;
    o.declaration = "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ATTLIST row r CDATA \"7\">]>";
    expectSameAsSequential(xlsx({{"Data", worksheet(3000, {}, o)}}), "doctype");
    o.declaration = "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY e \"x\">]>";
    expectSameAsSequential(xlsx({{"Data", worksheet(3000, [](long long r) { return every(r, 2500, "<c><is><t>&e;</t></is></c>"); }, o)}}), "entity");
}

TEST(XlsxSplit, OtherEncodings) {
    Sheet1 o;
    o.declaration = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>";
    expectSameAsSequential(xlsx({{"Data", worksheet(3000, [](long long r) { return every(r, 7, "<c r=\"Q1\" t=\"inlineStr\"><is><t>\xe9\xe8</t></is></c>"); }, o)}}),
                           "latin-1");
    o.declaration = "\xef\xbb\xbf<?xml version=\"1.1\"?>";
    expectSameAsSequential(xlsx({{"Data", worksheet(3000, {}, o)}}), "BOM, XML 1.1");
}

TEST(XlsxSplit, UncachedFormulasOnlyInTheSecondHalf) {
    expectSameAsSequential(xlsx({{"Data", worksheet(3000, {}, Sheet1(), [](long long r) {
                                      std::string s = row(r);
                                      for (size_t p; (p = s.find("<c r=\"G")) != std::string::npos;) s.erase(p, s.find("</c>", p) + 4 - p);
                                      if (r > 2500 && r % 10 == 0)
                                          s.insert(s.size() - 7, "<c r=\"M" + std::to_string(r) + "\"><f>1</f><v></v></c>");
                                      return s;
                                  })}}),
                           "uncached in the second half");
}

std::string withRow(long long at, const std::string& what) {
    return worksheet(3000, {}, Sheet1(), [=](long long r) { return r == at ? what : row(r); });
}

TEST(XlsxSplit, ErrorsInTheSecondHalfOnly) {
    expectSameAsSequential(xlsx({{"Data", withRow(2700, "<row r=\"2700\"><c r=\"A2700\"><v>1</v></row>\n")}}), "not well-formed");
    expectSameAsSequential(xlsx({{"Data", withRow(2700, "<row r=\"2700\"><c r=\"A2700\" t=\"s\"><v>99999</v></c></row>\n")}}),
                           "missing shared string");
    expectSameAsSequential(xlsx({{"Data", withRow(2700, "<row r=\"1048577\"><c><v>1</v></c></row>\n")}}), "beyond Calc's rows");
    expectSameAsSequential(xlsx({{"Data", withRow(2700, "<row r=\"2700\"><c r=\"XFE2700\"><v>1</v></c></row>\n")}}), "beyond XFD");
    expectSameAsSequential(xlsx({{"Data", withRow(2700, "<row r=\"2700\"><c r=\"A2700\"><v>1\xff</v></c></row>\n")}}), "bad UTF-8");
    expectSameAsSequential(xlsx({{"Data", withRow(2700, "<row r=\"2700\"><c r=\"A2700\"><v>&#0;</v></c></row>\n")}}), "bad reference");
    expectSameAsSequential(xlsx({{"Data", withRow(2700, "<row r=\"2700\"><c r=\"A2700\"><v>&nope;</v></c></row>\n")}}), "undeclared entity");
    expectSameAsSequential(xlsx({{"Data", withRow(300, "<row r=\"300\"><c r=\"A300\"><v>1</v></x></row>\n")}}), "error in the first half");
    std::string truncated = worksheet(3000);
    truncated.resize(truncated.size() - 400);
    expectSameAsSequential(xlsx({{"Data", truncated}}), "truncated");
    expectSameAsSequential(xlsx({{"Data", worksheet(3000) + "<row r=\"1\"/>"}}), "content after the root");
}

TEST(XlsxSplit, TextRunBoundCrossedInTheSecondHalfOnly) {
    // 10,000,001 bytes of text between two tags, past every cut but 0.9's.
    const std::string bytes = xlsx({{"Data", worksheet(3000, [](long long r) { return every(r, 2990, std::string(10'000'001, 'x')); })}});
    expectSameAsSequential(bytes, "text run");
}

TEST(XlsxSplit, CellBudgetCrossedOnlyByBothHalves) {
    // Each half alone stays under the budget of 2^24 cells to keep; both
    // together do not (1,500 rows of 16,384 cells, a cell at XFD in each).
    const std::string bytes = xlsx({{"Data", worksheet(3000, {}, Sheet1(), [](long long r) {
                                         const std::string n = std::to_string(r);
                                         return "<row r=\"" + n + "\"><c r=\"" + (r % 2 ? "A" : "XFD") + n + "\"><v>1</v></c></row>";
                                     })}});
    const std::string seq = sequential(bytes);
    EXPECT_NE(seq.find("error en"), std::string::npos) << seq.substr(0, 300);
    expectSameAsSequential(bytes, "cell budget");
}
