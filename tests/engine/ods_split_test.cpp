// Reading content.xml in two halves (OdsReadOptions, docs/READERS.md "Two
// halves"): whatever happens to the second half, the Workbook, its notes and
// any error must be exactly those of a single sequential read. Each generated
// workbook below puts something the second half could misread at the byte a
// split at 0.5 starts looking from (checked by around()): rows the sequential
// read skips (a comment, a cell's content, an ignored sheet) or reads in a
// state the synthetic prefix does not reproduce (a row group, a DTD, other
// prefixes, another encoding). Only the plain sheet must actually be split.
#include <gtest/gtest.h>
#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "reportcheck/ods.h"
#include "reportcheck/read.h"
#include "test_util.h"
#include "workbook_dump.h"

using namespace reportcheck;

namespace {

constexpr double kAts[] = {0.1, 0.3, 0.5, 0.7, 0.9};

std::string slurp(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// ---- The dump two reads are compared by.

// cellsTsv (what `reportcheck cells` prints), plus what it leaves out: the
// exact bits of numbers and the date flag, sheet names, named ranges, notes,
// rules. Or the error, in both languages.
std::string dump(const Workbook& wb) { return rctest::dumpWorkbook(wb); }

std::string dumpOrError(const std::function<Workbook()>& read) {
    try {
        return dump(read());
    } catch (const OdsError& e) {
        return "error vi\t" + e.text().vi + "\nerror en\t" + e.text().en + "\n";
    }
}

// Where two dumps first differ, a few lines each: whole dumps of thousands of
// rows would drown the failure.
std::string firstDifference(const std::string& a, const std::string& b) {
    size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    size_t from = a.rfind('\n', i == 0 ? 0 : i - 1);
    from = from == std::string::npos ? 0 : from + 1;
    auto lines = [&](const std::string& s) {
        size_t end = from;
        for (int k = 0; k < 3 && end < s.size(); ++k) {
            end = s.find('\n', end);
            end = end == std::string::npos ? s.size() : end + 1;
        }
        return from >= s.size() ? std::string("(end)") : s.substr(from, end - from);
    };
    return "at byte " + std::to_string(i) + "\n  sequential: " + lines(a) + "  split:      " + lines(b);
}

std::string readDump(const std::string& bytes, long long minBytes, double at, OdsReadStats* stats = nullptr) {
    OdsReadOptions o;
    o.splitMinBytes = minBytes;
    o.splitAt = at;
    return dumpOrError([&] { return readOdsMemory(bytes, "split.ods", o, stats); });
}

std::string sequential(const std::string& bytes) {
    OdsReadStats st;
    std::string d = readDump(bytes, -1, 0.5, &st);
    EXPECT_FALSE(st.splitTried) << "splitMinBytes < 0 never splits";
    return d;
}

// Forced splits at every kAts equal the sequential read; returns the stats of
// the split at `statsAt`.
OdsReadStats expectSameAsSequential(const std::string& bytes, const std::string& what, double statsAt = 0.5) {
    const std::string seq = sequential(bytes);
    OdsReadStats kept;
    for (double at : kAts) {
        OdsReadStats st;
        std::string split = readDump(bytes, 0, at, &st);
        EXPECT_TRUE(split == seq) << what << ", splitAt " << at << " (used " << st.splitUsed << ", cut " << st.cut << "): "
                                  << firstDifference(seq, split);
        if (at == statsAt) kept = st;
    }
    return kept;
}

// ---- .ods packages in memory.

std::string metaWithRules(const std::string& rules) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta "
           "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" "
           "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" office:version=\"1.3\"><office:meta>"
           "<meta:user-defined meta:name=\"ReportCheck.Rules.1\">" + rules + "</meta:user-defined>"
           "<meta:user-defined meta:name=\"ReportCheck.Rules.Count\">1</meta:user-defined>"
           "<meta:user-defined meta:name=\"ReportCheck.Rules.Version\">1</meta:user-defined>"
           "<meta:user-defined meta:name=\"ReportCheck.RuleSet\">report-536</meta:user-defined>"
           "</office:meta></office:document-meta>";
}

std::string ods(const std::string& content, bool deflate = true) {
    return rctest::zipBytes({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, {"content.xml", content},
                     {"meta.xml", metaWithRules("sheet \"Số liệu\"\n  check B1 &gt; 0\n")}},
                    deflate);
}

// ---- content.xml, one row a line (errors name lines).

const char* const kNamespaces =
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
    "xmlns:number=\"urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0\" "
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
    "xmlns:calcext=\"urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0\"";

// Data styles with 0, 2 and 3 decimals, as cell styles ce0, ce2, ce3.
const char* const kStyles =
    "<office:automatic-styles>"
    "<number:number-style style:name=\"N0\"><number:number number:decimal-places=\"0\"/></number:number-style>"
    "<number:number-style style:name=\"N2\"><number:number number:decimal-places=\"2\"/></number:number-style>"
    "<number:number-style style:name=\"N3\"><number:number number:decimal-places=\"3\"/></number:number-style>"
    "<style:style style:name=\"ce0\" style:family=\"table-cell\" style:data-style-name=\"N0\"/>"
    "<style:style style:name=\"ce2\" style:family=\"table-cell\" style:data-style-name=\"N2\"/>"
    "<style:style style:name=\"ce3\" style:family=\"table-cell\" style:data-style-name=\"N3\"/>"
    "</office:automatic-styles>\n";

struct Doc {
    std::string decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    std::string prolog;  // between the declaration and the root
    std::string root = std::string("<office:document-content ") + kNamespaces + " office:version=\"1.3\">\n";
    std::string spreadsheetOpen = "<office:body>\n<office:spreadsheet>\n";
    std::string spreadsheetClose = "</office:spreadsheet>\n</office:body>\n";
    std::string rootClose = "</office:document-content>\n";

    std::string wrap(const std::string& inside) const {
        return decl + prolog + root + kStyles + spreadsheetOpen + inside + spreadsheetClose + rootClose;
    }
};

std::string num(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

// Row i of the plain sheet: text, a number with its column's style (ce2), a
// number of its own style (ce3), a percentage, and every so often text with
// entities and spaces, an error cell, or a repeat.
std::string plainRow(long long i) {
    std::string r = i % 97 == 0 ? "<table:table-row table:number-rows-repeated=\"3\">" : "<table:table-row>";
    r += "<table:table-cell office:value-type=\"string\"><text:p>Dòng " + std::to_string(i) + "</text:p></table:table-cell>";
    r += "<table:table-cell office:value-type=\"float\" office:value=\"" + num(i * 1.5) + "\"><text:p>" + num(i * 1.5) +
         "</text:p></table:table-cell>";
    r += "<table:table-cell table:style-name=\"ce3\" office:value-type=\"float\" office:value=\"" + num(i / 7.0) +
         "\"><text:p>x</text:p></table:table-cell>";
    if (i % 11 == 0) r += "<table:table-cell table:number-columns-repeated=\"2\"/>";
    r += "<table:table-cell office:value-type=\"percentage\" office:value=\"0." + std::to_string(i % 100) + "\"/>";
    if (i % 7 == 0)
        r += "<table:table-cell office:value-type=\"string\"><text:p>A &amp; B<text:s text:c=\"3\"/>C &lt;table:table-row&gt;</text:p>"
             "<text:p>second</text:p></table:table-cell>";
    else if (i % 13 == 0)
        r += "<table:table-cell table:formula=\"of:=1/0\" office:value-type=\"float\" office:value=\"0\" calcext:value-type=\"error\">"
             "<text:p>#DIV/0!</text:p></table:table-cell>";
    else
        r += "<table:table-cell office:value-type=\"string\"><text:p>t" + std::to_string(i % 50) + "</text:p></table:table-cell>";
    return r + "</table:table-row>\n";
}

std::string plainRows(long long from, long long to) {
    std::string s;
    for (long long i = from; i < to; ++i) s += plainRow(i);
    return s;
}

const char* const kColumns =
    "<table:table-column table:default-cell-style-name=\"ce0\"/>"
    "<table:table-column table:number-columns-repeated=\"2\" table:default-cell-style-name=\"ce2\"/>"
    "<table:table-column table:number-columns-repeated=\"3\"/>\n";

std::string tableOpen(const std::string& name) { return "<table:table table:name=\"" + name + "\">\n" + kColumns; }

const char* const kNamedRanges =
    "<table:named-expressions>"
    "<table:named-range table:name=\"tong\" table:base-cell-address=\"$'Số liệu'.$A$1\" table:cell-range-address=\"$'Số liệu'.$B$2:.$B$9\"/>"
    "<table:named-expression table:name=\"mot\" table:base-cell-address=\"$'Số liệu'.$A$1\" table:expression=\"of:[$'Số liệu'.$C$3]\"/>"
    "</table:named-expressions>\n";

// The plain long sheet: 3,000 rows × 5 columns, named ranges after it.
std::string plainContent(long long rows = 3000) {
    return Doc().wrap(tableOpen("Số liệu") + plainRows(0, rows) + "</table:table>\n" + kNamedRanges);
}

// Rows that must never be read as rows: they hold 666.
std::string hiddenRows(int n) {
    std::string s;
    for (int i = 0; i < n; ++i)
        s += "<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"666\"/>"
             "<table:table-cell office:value-type=\"string\"><text:p>hidden " + std::to_string(i) + "</text:p></table:table-cell></table:table-row>\n";
    return s;
}

// A sheet of 2 × `half` plain rows with `middle` between the halves, which
// holds the byte at splitAt 0.5 (checked).
std::string around(const std::string& middle, long long half = 1200, const Doc& doc = Doc(),
                   const std::string& open = tableOpen("Số liệu"), const std::string& after = "</table:table>\n") {
    std::string before = open + plainRows(0, half);
    std::string content = doc.wrap(before + middle + plainRows(half, 2 * half) + after + kNamedRanges);
    size_t start = content.find(before) + before.size(), mid = content.size() / 2;
    EXPECT_TRUE(mid > start && mid < start + middle.size()) << "the middle holds bytes " << start << ".." << start + middle.size()
                                                            << ", not " << mid << ": make it larger";
    return content;
}

void expectSame(const std::string& content, const std::string& what) { expectSameAsSequential(ods(content), what); }

std::string repeatStr(const std::string& s, size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (size_t i = 0; i < n; ++i) out += s;
    return out;
}

// ---- Where the shared corpus is (as tests/formats/corpus_parity.py finds it).

std::string corpusDir() {
    if (const char* env = std::getenv("REPORTCHECK_CORPUS")) return std::string(env) + "/ods";
    std::string here = std::string(REPORTCHECK_SOURCE_DIR) + "/../shared/corpus/ods";
    if (DIR* d = opendir(here.c_str())) {
        closedir(d);
        return here;
    }
    // A git worktree: beside the main checkout.
    rctest::ShellRun r = rctest::runShell("git -C '" + std::string(REPORTCHECK_SOURCE_DIR) +
                                          "' rev-parse --path-format=absolute --git-common-dir 2>/dev/null");
    std::string common = r.text.substr(0, r.text.find('\n'));
    if (r.code == 0 && !common.empty()) {
        std::string top = common.substr(0, common.rfind('/'));  // …/main
        return top.substr(0, top.rfind('/')) + "/shared/corpus/ods";
    }
    return here;
}

std::vector<std::string> odsIn(const std::string& dir) {
    std::vector<std::string> out;
    if (DIR* d = opendir(dir.c_str())) {
        while (dirent* e = readdir(d)) {
            std::string n = e->d_name;
            if (n.size() > 4 && n.compare(n.size() - 4, 4, ".ods") == 0) out.push_back(dir + "/" + n);
        }
        closedir(d);
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

// ---- Files as they come.

TEST(OdsSplit, CorpusFilesReadAsSequentially) {
    const std::string dir = corpusDir();
    std::vector<std::string> files = odsIn(dir);
    if (files.empty()) GTEST_SKIP() << "no corpus at " << dir << " (CI has it: /work/shared/corpus)";
    for (const std::string& f : files) expectSameAsSequential(slurp(f), f);
}

TEST(OdsSplit, FixturesAndSampleWorkbooksReadAsSequentially) {
    std::vector<std::string> files = odsIn(std::string(REPORTCHECK_SOURCE_DIR) + "/tests/fixtures");
    for (const std::string& f : odsIn(std::string(REPORTCHECK_SOURCE_DIR) + "/sample-workbooks")) files.push_back(f);
    ASSERT_GE(files.size(), 4u);
    for (const std::string& f : files) expectSameAsSequential(slurp(f), f);
}

// ---- The plain case: the second half is kept.

TEST(OdsSplit, PlainLongSheetIsSplit) {
    const std::string content = plainContent();
    const std::string bytes = ods(content);
    OdsReadStats st = expectSameAsSequential(bytes, "plain");
    EXPECT_TRUE(st.splitTried);
    EXPECT_TRUE(st.splitUsed);
    ASSERT_GT(st.cut, 0);
    ASSERT_LT(st.cut, static_cast<long long>(content.size()));
    // The cut is the first row start at or past the half.
    EXPECT_GE(st.cut, static_cast<long long>(content.size() / 2));
    EXPECT_EQ(content.compare(static_cast<size_t>(st.cut), 17, "<table:table-row>"), 0) << content.substr(st.cut, 40);
    EXPECT_EQ(content.find("<table:table-row", content.size() / 2), static_cast<size_t>(st.cut));
    // Sanity of the dump itself: what the rows hold.
    Workbook wb = readOdsMemory(bytes, "split.ods", OdsReadOptions{-1, 0.5});
    ASSERT_EQ(wb.sheets.size(), 1u);
    EXPECT_EQ(wb.sheets[0].at(0, 1).decimals, 2);  // its column's style
    EXPECT_EQ(wb.sheets[0].at(0, 0).text, "Dòng 0");
    EXPECT_EQ(wb.names.size(), 2u);
    EXPECT_FALSE(wb.embeddedRules.empty());
    EXPECT_EQ(wb.ruleSetName, "report-536");
}

TEST(OdsSplit, PlainLongSheetStoredUncompressedIsSplit) {
    const std::string bytes = ods(plainContent(), false);
    OdsReadStats st = expectSameAsSequential(bytes, "plain, stored");
    EXPECT_TRUE(st.splitUsed);
}

TEST(OdsSplit, PlainLongSheetFromAFileIsSplit) {
    const std::string path = rctest::writeZip("split-plain.ods", {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                                                                  {"content.xml", plainContent()}});
    OdsReadStats st;
    std::string split = dumpOrError([&] { return readOds(path, OdsReadOptions{0, 0.5}, &st); });
    std::string seq = dumpOrError([&] { return readOds(path, OdsReadOptions{-1, 0.5}); });
    EXPECT_TRUE(split == seq) << firstDifference(seq, split);
    EXPECT_EQ(dumpOrError([&] { return readOds(path); }), seq);
    EXPECT_TRUE(st.splitUsed);
}

TEST(OdsSplit, SmallerThanSplitMinBytesIsNotSplit) {
    const std::string content = plainContent(200);
    OdsReadStats st;
    std::string d = readDump(ods(content), static_cast<long long>(content.size()) + 1, 0.5, &st);
    EXPECT_FALSE(st.splitTried);
    EXPECT_FALSE(st.splitUsed);
    EXPECT_EQ(st.cut, -1);
    EXPECT_EQ(d, sequential(ods(content)));
}

TEST(OdsSplit, NoRowPastTheSplitPointIsNotSplit) {
    // Past the first tenth only the named ranges, padded, and no row.
    std::string pad = "<table:named-expressions>" +
                      repeatStr("<table:named-range table:name=\"n\" table:base-cell-address=\"$S.$A$1\" table:cell-range-address=\"$S.$A$1\"/>\n", 3000) +
                      "</table:named-expressions>\n";
    const std::string content = Doc().wrap(tableOpen("S") + plainRows(0, 20) + "</table:table>\n" + pad);
    OdsReadStats st;
    readDump(ods(content), 0, 0.5, &st);
    EXPECT_FALSE(st.splitUsed);
    expectSame(content, "no row past the split point");
}

TEST(OdsSplit, DefaultOptionsReadAsSequentially) {
    // Large enough for the default splitMinBytes (8 MiB).
    const std::string bytes = ods(plainContent(24000));
    std::string d = dumpOrError([&] { return readOdsMemory(bytes, "split.ods"); });
    std::string seq = sequential(bytes);
    EXPECT_TRUE(d == seq) << firstDifference(seq, d);
}

// ---- Where the row after the split point is not a row of the table.

TEST(OdsSplit, RowsInsideAComment) {
    expectSame(around("<!-- commented out:\n" + hiddenRows(200) + "-->\n"), "comment");
}

TEST(OdsSplit, RowsInsideCdata) {
    // CDATA is never a cell's text: the cell is empty.
    expectSame(around("<table:table-row><table:table-cell office:value-type=\"string\"><text:p><![CDATA[\n" + hiddenRows(200) +
                      "]]></text:p></table:table-cell></table:table-row>\n"),
               "CDATA");
}

TEST(OdsSplit, RowsInsideAProcessingInstruction) {
    expectSame(around("<?reportcheck\n" + hiddenRows(200) + "?>\n"), "processing instruction");
}

TEST(OdsSplit, RowTagsEscapedInTextAndAttributes) {
    // Not well-formed with a raw '<' in either; escaped, they are text.
    std::string middle;
    for (int i = 0; i < 200; ++i)
        middle += "<table:table-row table:style-name=\"ro&gt;1\"><table:table-cell office:value-type=\"string\" office:string-value=\"&lt;table:table-row&gt;\">"
                  "<text:p>&lt;table:table-row&gt;&lt;table:table-cell office:value=&quot;666&quot;/&gt;</text:p></table:table-cell>"
                  "<table:table-cell office:value-type=\"string\" office:string-value=\"&lt;table:table-row x='>'\"/></table:table-row>\n";
    expectSame(around(middle), "escaped row tags");
}

TEST(OdsSplit, RowsInsideARowGroup) {
    expectSame(around("<table:table-row-group>\n" + hiddenRows(200) + "</table:table-row-group>\n"), "row group");
}

TEST(OdsSplit, RowsInsideHeaderRows) {
    expectSame(around("<table:table-header-rows>\n" + hiddenRows(200) + "</table:table-header-rows>\n"), "header rows");
}

TEST(OdsSplit, RowsInsideTableRows) {
    // <table:table-rows> starts like <table:table-row.
    expectSame(around("<table:table-rows>\n" + hiddenRows(200) + "</table:table-rows>\n"), "table-rows");
}

TEST(OdsSplit, RowsNestedInACell) {
    // A cell's content is its text: a row inside it is not a row of the sheet.
    expectSame(around("<table:table-row><table:table-cell office:value-type=\"string\"><text:p>outer</text:p>\n" + hiddenRows(200) +
                      "</table:table-cell></table:table-row>\n"),
               "rows nested in a cell");
}

TEST(OdsSplit, RowTagsWithLineBreaksAndSelfClosedRows) {
    std::string middle;
    for (int i = 0; i < 200; ++i)
        middle += i % 2 ? "<table:table-row/>\n"
                        : "<table:table-row\n\ttable:style-name=\"ro1\"\r\n><table:table-cell\noffice:value-type=\"float\" office:value=\"" +
                              std::to_string(i) + "\"/></table:table-row\n>\n";
    expectSame(around(middle), "line breaks in row tags");
}

TEST(OdsSplit, RepeatedRowsJustBeforeTheCut) {
    std::string middle;
    for (int i = 0; i < 300; ++i)
        middle += "<table:table-row table:number-rows-repeated=\"" + std::to_string(1 + i % 5) +
                  "\"><table:table-cell table:number-columns-repeated=\"" + std::to_string(1 + i % 3) +
                  "\" office:value-type=\"float\" office:value=\"" + std::to_string(i) + "\"/></table:table-row>\n";
    expectSame(around(middle), "repeated rows");
}

TEST(OdsSplit, OtherPrefixForTheTableElement) {
    // t: and table: name the same namespace; the reader goes by names as written.
    Doc doc;
    doc.root = std::string("<office:document-content ") + kNamespaces +
               " xmlns:t=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\">\n";
    std::string content = around(hiddenRows(300), 1200, doc, "<t:table t:name=\"T\">\n", "</t:table>\n");
    expectSame(content, "t:table with table:table-row inside");
}

TEST(OdsSplit, OtherPrefixForOffice) {
    Doc doc;
    doc.root = std::string("<o:document-content ") + kNamespaces + " xmlns:o=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\">\n";
    doc.spreadsheetOpen = "<o:body>\n<o:spreadsheet>\n";
    doc.spreadsheetClose = "</o:spreadsheet>\n</o:body>\n";
    doc.rootClose = "</o:document-content>\n";
    expectSame(around(hiddenRows(300), 1200, doc), "o: for office");
}

TEST(OdsSplit, TablePrefixBoundElsewhere) {
    // table: bound to another namespace, t: to the table namespace, and both used.
    Doc doc;
    doc.root =
        "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
        "xmlns:number=\"urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0\" "
        "xmlns:table=\"urn:example:not-a-table\" xmlns:t=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
        "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
        "xmlns:calcext=\"urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0\">\n";
    expectSame(around(hiddenRows(300), 1200, doc), "table: bound elsewhere");
}

TEST(OdsSplit, TableNamespaceRedeclaredOnTheTable) {
    std::string content = around(hiddenRows(300), 1200, Doc(),
                                 "<table:table xmlns:table=\"urn:example:other\" table:name=\"R\">\n" + std::string(kColumns));
    expectSame(content, "xmlns:table redeclared");
}

TEST(OdsSplit, Doctype) {
    Doc doc;
    doc.prolog = "<!DOCTYPE office:document-content>\n";
    expectSame(around(hiddenRows(300), 1200, doc), "DOCTYPE");
}

TEST(OdsSplit, DoctypeWithAttributeDefaults) {
    // SAX2 applies defaults an ATTLIST declares: every row repeats twice.
    Doc doc;
    doc.prolog = "<!DOCTYPE office:document-content [\n<!ATTLIST table:table-row table:number-rows-repeated CDATA \"2\">\n"
                 "<!ATTLIST table:table-cell office:value-type CDATA \"float\" office:value CDATA \"777\">\n]>\n";
    expectSame(around(hiddenRows(300), 1200, doc), "DOCTYPE with defaults");
}

TEST(OdsSplit, SplitPointInsideTheDoctype) {
    // A DTD whose comment holds rows: at 0.1 the split point is inside it.
    Doc doc;
    doc.prolog = "<!DOCTYPE office:document-content [\n<!-- \n" + hiddenRows(2000) + "-->\n<!ENTITY unused \"<table:table-row>\">\n]>\n";
    const std::string content = doc.wrap(tableOpen("S") + plainRows(0, 300) + "</table:table>\n");
    EXPECT_LT(content.find("hidden 0"), content.size() / 10);
    expectSame(content, "split point in the DTD");
}

TEST(OdsSplit, Latin1Encoding) {
    Doc doc;
    doc.decl = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n";
    std::string rows;
    for (int i = 0; i < 2400; ++i)
        rows += "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>caf\xE9 \xC0 " + std::to_string(i) +
                "</text:p></table:table-cell><table:table-cell office:value-type=\"float\" office:value=\"" + std::to_string(i) +
                "\"/></table:table-row>\n";
    expectSame(doc.wrap("<table:table table:name=\"R\xE9sum\xE9\">\n" + rows + "</table:table>\n"), "ISO-8859-1");
}

TEST(OdsSplit, Utf16) {
    // The row tag is not in ASCII bytes at all.
    std::string utf8 = plainContent(600), out = "\xFF\xFE";
    size_t at = utf8.find("UTF-8");
    utf8.replace(at, 5, "UTF-16");
    for (size_t i = 0; i < utf8.size();) {
        unsigned char c = static_cast<unsigned char>(utf8[i]);
        unsigned cp;
        int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : 3;  // the content has no 4-byte characters
        cp = n == 1 ? c : n == 2 ? c & 0x1F : c & 0x0F;
        for (int k = 1; k < n; ++k) cp = cp << 6 | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        i += n;
        out += static_cast<char>(cp & 0xFF);
        out += static_cast<char>(cp >> 8);
    }
    expectSame(out, "UTF-16");
}

TEST(OdsSplit, Xml11Declaration) {
    // &#x1; is allowed in XML 1.1, not in 1.0 (libxml2 2.9 reads it by 1.0's
    // rules: an error at its line); the second half's prefix says 1.0.
    Doc doc;
    doc.decl = "<?xml version=\"1.1\" encoding=\"UTF-8\"?>\n";
    std::string middle;
    for (int i = 0; i < 200; ++i)
        middle += "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>a&#x1;b\xC2\x85" "c</text:p></table:table-cell></table:table-row>\n";
    expectSame(around(middle, 1200, doc), "XML 1.1");
}

TEST(OdsSplit, NoXmlDeclarationAndAByteOrderMark) {
    Doc doc;
    doc.decl = "";
    expectSame(doc.wrap(tableOpen("S") + plainRows(0, 3000) + "</table:table>\n"), "no declaration");
    doc.decl = "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    expectSame(doc.wrap(tableOpen("S") + plainRows(0, 3000) + "</table:table>\n"), "BOM");
}

TEST(OdsSplit, TwoTablesSplitPointInTheSecond) {
    const std::string content = Doc().wrap(tableOpen("Một") + plainRows(0, 800) + "</table:table>\n" + tableOpen("Hai") +
                                           plainRows(800, 3000) + "</table:table>\n" + kNamedRanges);
    EXPECT_LT(content.find("table:name=\"Hai\""), content.size() / 2);
    expectSame(content, "two tables");
}

TEST(OdsSplit, ManyTablesAroundTheSplitPoint) {
    std::string tables;
    for (int t = 0; t < 60; ++t) tables += tableOpen("T" + std::to_string(t)) + plainRows(t * 50, t * 50 + 50) + "</table:table>\n";
    expectSame(Doc().wrap(tables), "60 tables");
}

TEST(OdsSplit, TableEndsAndAnotherStartsInTheSecondHalf) {
    // The second table has no columns of its own: its cells take no column style.
    std::string middle = "</table:table>\n<table:table table:name=\"B\">\n" + hiddenRows(300);
    expectSame(around(middle), "new table after the cut");
}

TEST(OdsSplit, StrayCellsDirectlyUnderTheTable) {
    // Outside any row: stored in the next row, at the columns after the last row's.
    std::string middle;
    for (int i = 0; i < 200; ++i)
        middle += "<table:table-cell office:value-type=\"float\" office:value=\"" + std::to_string(1000 + i) + "\"/>\n" +
                  (i % 3 ? "" : "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell office:value-type=\"float\" office:value=\"5\"/></table:table-row>\n");
    expectSame(around(middle), "stray cells");
}

TEST(OdsSplit, StrayCellJustBeforeEachRow) {
    std::string rows;
    for (int i = 0; i < 2400; ++i)
        rows += "<table:table-cell office:value-type=\"float\" office:value=\"" + std::to_string(-i) + "\"/>" + plainRow(i);
    expectSame(Doc().wrap(tableOpen("S") + rows + "</table:table>\n"), "a stray cell before each row");
}

TEST(OdsSplit, ColumnsAfterRows) {
    // Columns declared later continue the count and give later cells their style.
    std::string middle;
    for (int i = 0; i < 200; ++i)
        middle += "<table:table-column table:default-cell-style-name=\"ce" + std::string(i % 2 ? "3" : "0") +
                  "\"/>\n<table:table-row><table:table-cell table:number-columns-repeated=\"" + std::to_string(5 + i % 4) +
                  "\"/><table:table-cell office:value-type=\"float\" office:value=\"1.25\"/></table:table-row>\n";
    expectSame(around(middle), "columns after rows");
}

TEST(OdsSplit, StylesBetweenTables) {
    // The reader reads styles wherever no table is open: a later one redefines ce2.
    std::string middle = "</table:table>\n<office:automatic-styles><number:number-style style:name=\"N2\"><number:number "
                         "number:decimal-places=\"5\"/></number:number-style></office:automatic-styles>\n" +
                         tableOpen("Sau") + hiddenRows(300);
    expectSame(around(middle), "styles between tables");
}

TEST(OdsSplit, NamedRangesAfterTheTable) {
    std::string names = "<table:named-expressions>";
    for (int i = 0; i < 400; ++i)
        names += "<table:named-range table:name=\"r" + std::to_string(i) + "\" table:base-cell-address=\"$'Số liệu'.$A$1\" "
                 "table:cell-range-address=\"$'Số liệu'.$A$" + std::to_string(i + 1) + ":.$C$" + std::to_string(i + 9) + "\"/>\n";
    names += "</table:named-expressions>\n";
    const std::string content = Doc().wrap(tableOpen("Số liệu") + plainRows(0, 600) + "</table:table>\n" + names);
    expectSame(content, "named ranges");
}

TEST(OdsSplit, TextCellsWithEntitiesAndSpaces) {
    std::string middle;
    for (int i = 0; i < 200; ++i)
        middle += "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>&amp;&#233;&#x1EA1;<text:s text:c=\"3\"/>x"
                  "<text:s/><text:tab/>y<text:line-break/><text:span>z</text:span></text:p><text:p>&lt;table:table-row&gt;</text:p>"
                  "</table:table-cell><table:table-cell office:value-type=\"string\" office:string-value=\"sv &amp; " + std::to_string(i) +
                  "\"/></table:table-row>\n";
    expectSame(around(middle), "text cells");
}

TEST(OdsSplit, CrLfLineEndings) {
    std::string content = plainContent();
    std::string crlf;
    for (char c : content) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    expectSame(crlf, "CRLF");
}

// ---- Errors: the same text, line included.

std::string withRowReplaced(std::string content, long long row, const std::string& with) {
    std::string r = plainRow(row);
    size_t at = content.find(r);
    EXPECT_NE(at, std::string::npos);
    return content.replace(at, r.size(), with);
}

TEST(OdsSplit, NotWellFormedInTheSecondHalf) {
    const std::string content =
        withRowReplaced(plainContent(), 2200, "<table:table-row><table:table-cell></table:table-row>\n");
    const std::string seq = sequential(ods(content));
    EXPECT_NE(seq.find("not well-formed XML (line"), std::string::npos) << seq;
    expectSame(content, "mismatched tag at row 2200");
}

TEST(OdsSplit, NotWellFormedRightAtTheCut) {
    std::string content = plainContent();
    size_t cut = content.find("<table:table-row", content.size() / 2);
    content.insert(cut + 17, "<<");
    expectSame(content, "bad tag at the cut");
}

TEST(OdsSplit, NotWellFormedInBothHalves) {
    std::string content = withRowReplaced(plainContent(), 500, "<table:table-row><a b=1/></table:table-row>\n");
    content = withRowReplaced(content, 2500, "<table:table-row><table:table-cell></table:table-row>\n");
    const std::string seq = sequential(ods(content));
    EXPECT_NE(seq.find("not well-formed XML (line"), std::string::npos) << seq;
    expectSame(content, "errors in both halves");
}

// libxml2 does not count a lone CR as a line end (about half the lines here): the split
// must give the same number, not a count of its own.
TEST(OdsSplit, NotWellFormedWithCrLfAndCr) {
    std::string content = withRowReplaced(plainContent(), 2500, "<table:table-row>&undeclared;</table:table-row>\n");
    std::string mixed;
    int k = 0;
    for (char c : content) mixed += c == '\n' ? (++k % 2 ? std::string("\r\n") : std::string("\r")) : std::string(1, c);
    expectSame(mixed, "CR and CRLF lines, undeclared entity");
}

TEST(OdsSplit, NotWellFormedOnOneLongLine) {
    std::string content = withRowReplaced(plainContent(), 2200, "<table:table-row></table:table-cell>");
    std::string oneLine;
    for (char c : content) oneLine += c == '\n' ? ' ' : c;
    expectSame(oneLine, "one line");
}

TEST(OdsSplit, InvalidUtf8InTheSecondHalf) {
    expectSame(withRowReplaced(plainContent(), 2300,
                               "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>\xC3\x28\xFF</text:p>"
                               "</table:table-cell></table:table-row>\n"),
               "invalid UTF-8");
}

TEST(OdsSplit, InvalidCharacterReferenceInTheSecondHalf) {
    expectSame(withRowReplaced(plainContent(), 2300, "<table:table-row><table:table-cell><text:p>&#0;</text:p></table:table-cell></table:table-row>\n"),
               "&#0;");
}

TEST(OdsSplit, TruncatedInTheSecondHalf) {
    std::string content = plainContent();
    expectSame(content.substr(0, content.size() * 3 / 4), "truncated");
}

TEST(OdsSplit, DocumentEndsThenMoreRows) {
    expectSame(around("</table:table></office:spreadsheet></office:body></office:document-content>\n" + hiddenRows(300) +
                      "<office:document-content><office:body><office:spreadsheet><table:table>\n"),
               "content after the root's end");
}

TEST(OdsSplit, TextRunTooLongInTheSecondHalf) {
    // More than libxml2's 10,000,000 bytes between two tags: an error.
    expectSame(withRowReplaced(plainContent(), 2300,
                               "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>" + std::string(10'000'100, 'x') +
                                   "</text:p></table:table-cell></table:table-row>\n"),
               "text run too long");
}

// ---- Notes: counts and first places over both halves.

std::string longTextRow(size_t chars) {
    return "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>" + std::string(chars, 'y') +
           "</text:p></table:table-cell><table:table-cell office:value-type=\"string\"><text:p><text:s text:c=\"40000\"/>z</text:p>"
           "</table:table-cell></table:table-row>\n";
}

TEST(OdsSplit, TextCutInTheSecondHalfOnly) {
    const std::string content = withRowReplaced(plainContent(), 2300, longTextRow(40'000));
    EXPECT_NE(sequential(ods(content)).find("note en"), std::string::npos);
    expectSame(content, "text cut in the second half");
}

TEST(OdsSplit, TextCutInBothHalves) {
    std::string content = withRowReplaced(plainContent(), 700, longTextRow(32'768));
    content = withRowReplaced(content, 2300, longTextRow(50'000));
    content = withRowReplaced(content, 2900, longTextRow(33'000));
    expectSame(content, "text cut in both halves");
}

TEST(OdsSplit, RowsBeyondCalcsHeight) {
    // The first half reaches row 1,047,000; the second goes past 1,048,576.
    const std::string content = Doc().wrap(tableOpen("Cao") + "<table:table-row table:number-rows-repeated=\"1047000\"><table:table-cell/></table:table-row>\n" +
                                           plainRows(0, 3000) + "</table:table>\n" + tableOpen("Sau") + plainRows(0, 10) + "</table:table>\n");
    const std::string seq = sequential(ods(content));
    EXPECT_NE(seq.find("1,048,576"), std::string::npos) << seq.substr(0, 600);
    expectSame(content, "rows beyond 1,048,576");
}

TEST(OdsSplit, RowsBeyondCalcsHeightInTheFirstHalfToo) {
    std::string content = Doc().wrap(tableOpen("A") + "<table:table-row table:number-rows-repeated=\"1048575\"/>\n" + plainRows(0, 5) +
                                     "</table:table>\n" + tableOpen("B") + plainRows(0, 3000) + "</table:table>\n");
    expectSame(content, "clipped in the first half's table");
}

TEST(OdsSplit, ColumnsBeyondXfdInTheSecondHalf) {
    expectSame(withRowReplaced(plainContent(), 2400,
                               "<table:table-row><table:table-cell table:number-columns-repeated=\"16380\"/>" +
                                   repeatStr("<table:table-cell office:value-type=\"float\" office:value=\"9\"/>", 8) + "</table:table-row>\n"),
               "columns beyond XFD");
}

TEST(OdsSplit, SheetsBeyondCalcsMaximum) {
    // 10,000 sheets, then one more (ignored, with a note) holding the split point.
    std::string tables;
    for (int t = 0; t < 10000; ++t) tables += "<table:table table:name=\"s" + std::to_string(t) + "\"/>\n";
    std::string content = Doc().wrap(tables + tableOpen("thừa") + hiddenRows(8000) + "</table:table>\n");
    EXPECT_GT(content.find("hidden 0"), 0u);
    EXPECT_LT(content.find("hidden 0"), content.size() / 2);
    expectSame(content, "sheet 10,001");
}

TEST(OdsSplit, ExternalLinkCacheHoldsTheSplitPoint) {
    std::string content = Doc().wrap(tableOpen("Đầu") + plainRows(0, 100) + "</table:table>\n" +
                                     "<table:table table:name=\"'file:///tmp/other.ods'#$Sheet1\">\n" + hiddenRows(4000) +
                                     "</table:table>\n" + tableOpen("Cuối") + plainRows(0, 100) + "</table:table>\n");
    expectSame(content, "external link cache");
}

// ---- The reader's bounds, crossed in the second half only when counted
// with the first: the halves share one budget.

TEST(OdsSplit, CellBudgetCrossedInTheSecondHalf) {
    // 1,000 rows 16,384 slots wide: 16,384,000 of 16,777,216 cells, then more.
    std::string first = "<table:table-row table:number-rows-repeated=\"1000\"><table:table-cell table:number-columns-repeated=\"16383\"/>"
                        "<table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row>\n";
    std::string content = Doc().wrap(tableOpen("S") + first + plainRows(0, 2000) +
                                     "<table:table-row table:number-rows-repeated=\"30\"><table:table-cell table:number-columns-repeated=\"16383\"/>"
                                     "<table:table-cell office:value-type=\"float\" office:value=\"2\"/></table:table-row>\n" +
                                     plainRows(2000, 2400) + "</table:table>\n");
    const std::string seq = sequential(ods(content));
    EXPECT_NE(seq.find("cells to keep"), std::string::npos) << seq.substr(0, 400);
    expectSame(content, "cell budget");
}

TEST(OdsSplit, TextBudgetCrossedInTheSecondHalf) {
    // 62.5 MiB of text in one repeated cell, then 2 MB more: over 64 MiB.
    std::string big = "<table:table-row><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"string\"><text:p>" +
                      std::string(4000, 'w') + "</text:p></table:table-cell></table:table-row>\n";
    std::string more = "<table:table-row><table:table-cell table:number-columns-repeated=\"500\" office:value-type=\"string\"><text:p>" +
                       std::string(4000, 'v') + "</text:p></table:table-cell></table:table-row>\n";
    std::string content = Doc().wrap(tableOpen("S") + big + plainRows(0, 2000) + more + plainRows(2000, 2400) + "</table:table>\n");
    const std::string seq = sequential(ods(content));
    EXPECT_NE(seq.find("of text (limit of the reader)"), std::string::npos) << seq.substr(0, 400);
    expectSame(content, "text budget");
}
