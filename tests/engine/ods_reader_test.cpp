// The ODS reader on files written by real LibreOffice (tests/fixtures, made by
// make_fixtures.py) and on broken input.
#include <gtest/gtest.h>

#include <fstream>

#include "reportcheck/embedding.h"
#include "reportcheck/ods.h"
#include "reportcheck/rules.h"

using namespace reportcheck;

static const std::string kFixtures = std::string(REPORTCHECK_SOURCE_DIR) + "/tests/fixtures/";

TEST(OdsReader, ValuesFormulasErrorsAndText) {
    Workbook wb = readOds(kFixtures + "small.ods");
    ASSERT_EQ(wb.sheets.size(), 2u);
    EXPECT_EQ(wb.sheets[0].name(), "Biểu 1");
    EXPECT_EQ(wb.sheets[1].name(), "Trống");
    const Sheet& s = wb.sheets[0];
    EXPECT_EQ(s.at(0, 1).text, "Thể loại");
    EXPECT_EQ(s.at(1, 2).kind, Cell::Kind::Number);  // =SUM(C3:C5): the cached value
    EXPECT_EQ(s.at(1, 2).number, 52);
    EXPECT_NEAR(s.at(5, 2).number, 17.3333333333333, 1e-9);
    EXPECT_EQ(s.at(1, 2).decimals, -1);  // "General": the shown precision is unknown
    EXPECT_EQ(s.at(6, 2).kind, Cell::Kind::Error);
    EXPECT_EQ(s.at(6, 2).text, "#VALUE!");
    EXPECT_EQ(s.at(7, 2).kind, Cell::Kind::Text);
    EXPECT_EQ(s.at(7, 2).text, "87.107");
    EXPECT_EQ(s.at(9, 1).text, "Ô gộp");               // merged: the value is in the first cell
    EXPECT_EQ(s.at(9, 2).kind, Cell::Kind::Empty);     // covered cells are empty
    EXPECT_EQ(s.at(199, 25).number, 7);                // after repeated rows and columns
    EXPECT_EQ(s.rows(), 200);
    EXPECT_EQ(s.cols(), 26);
    ASSERT_EQ(wb.names.count("tong_so"), 1u);
    EXPECT_EQ(wb.names["tong_so"].sheet, "Biểu 1");
    EXPECT_EQ(wb.names["tong_so"].row1, 1);
    EXPECT_EQ(wb.names["tong_so"].col1, 2);
    EXPECT_TRUE(wb.embeddedRules.empty());
}

TEST(OdsReader, EmbeddedRulesRoundTrip) {
    Workbook wb = readOds(kFixtures + "embedded.ods");
    std::ifstream in(kFixtures + "embedded.rules");
    std::string expected((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(wb.embeddedRules, expected);
    RuleSet rs = RuleSet::compile(wb.embeddedRules, "embedded", Limits::untrusted());
    Result r = rs.run(wb);
    ASSERT_EQ(r.findings.size(), 2u);
    EXPECT_EQ(r.findings[0].ruleId, "nhung.sai");  // via the named range tong_so
    EXPECT_EQ(r.findings[0].actual, 52);
    EXPECT_EQ(r.findings[1].kind, FindingKind::CellError);
}

TEST(Embedding, ChunksCutOnCharacterBoundaries) {
    std::string text;
    for (int i = 0; i < 9000; ++i) text += "Tổng số đảng viên ";  // 3-byte letters across chunk edges
    auto props = embedding::toProperties(text);
    EXPECT_EQ(props[embedding::kVersion], "1");
    size_t n = std::stoul(props[embedding::kCount]);
    EXPECT_GT(n, 1u);
    for (size_t i = 1; i <= n; ++i) {
        const std::string& c = props[embedding::kPrefix + std::to_string(i)];
        EXPECT_LE(c.size(), embedding::kChunkChars);
        EXPECT_NE(static_cast<unsigned char>(c[0]) & 0xC0, 0x80u) << "chunk " << i << " starts inside a character";
    }
    EXPECT_EQ(embedding::fromProperties(props), text);
    props.erase(embedding::kPrefix + std::string("2"));
    EXPECT_THROW(embedding::fromProperties(props), std::runtime_error);
    EXPECT_EQ(embedding::fromProperties({}), "");
    EXPECT_THROW(embedding::fromProperties({{embedding::kCount, "x"}}), std::runtime_error);
    EXPECT_THROW(embedding::fromProperties({{embedding::kCount, "1"}, {embedding::kVersion, "9"}}), std::runtime_error);
}

TEST(OdsReader, BadFilesAreClearErrors) {
    std::string dir = ::testing::TempDir();
    std::ofstream(dir + "/not-a-zip.ods") << "hello";
    EXPECT_THROW(readOds(dir + "/not-a-zip.ods"), OdsError);
    EXPECT_THROW(readOds(dir + "/missing.ods"), OdsError);
    try {
        readOds(dir + "/not-a-zip.ods");
    } catch (const OdsError& e) {
        EXPECT_NE(e.text().en.find("not-a-zip.ods"), std::string::npos);
    }
}

namespace {
// Writes a zip with the given entries (mimetype first, stored), using libzip.
std::string writeZip(const std::string& name, const std::vector<std::pair<std::string, std::string>>& entries);
}  // namespace

#include <zip.h>

namespace {
std::string writeZip(const std::string& name, const std::vector<std::pair<std::string, std::string>>& entries) {
    std::string path = ::testing::TempDir() + "/" + name;
    std::remove(path.c_str());
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    for (const auto& [n, data] : entries) {
        zip_source_t* src = zip_source_buffer(z, data.data(), data.size(), 0);
        zip_file_add(z, n.c_str(), src, ZIP_FL_OVERWRITE);
    }
    zip_close(z);
    return path;
}

const char* kHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet>";
}  // namespace

TEST(OdsReader, MalformedContentIsAnErrorNotACrash) {
    std::string cut = std::string(kHead) + "<table:table table:name=\"S\"><table:table-row><table:table-cell office:value-type=\"float\" office:value=\"1\"><text:p>1";
    EXPECT_THROW(readOds(writeZip("cut.ods", {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, {"content.xml", cut}})), OdsError);
    EXPECT_THROW(readOds(writeZip("nocontent.ods", {{"mimetype", "x"}})), OdsError);
    std::string garbage(5000, '\x01');
    EXPECT_THROW(readOds(writeZip("garbage.ods", {{"content.xml", garbage}})), OdsError);
}

TEST(OdsReader, EntitiesAreNotExpandedAndHugeRepeatsAreBounded) {
    // An external entity must not be fetched nor expanded into a cell.
    std::string xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" +
                      std::string(kHead).substr(std::string(kHead).find("<office:document-content")) +
                      "<table:table table:name=\"S\"><table:table-row><table:table-cell office:value-type=\"string\"><text:p>&e;</text:p>"
                      "</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>";
    try {
        Workbook wb = readOds(writeZip("xxe.ods", {{"content.xml", xxe}}));
        ASSERT_EQ(wb.sheets.size(), 1u);
        EXPECT_EQ(wb.sheets[0].at(0, 0).text.find("root:"), std::string::npos);
    } catch (const OdsError&) {
        SUCCEED();  // refusing the file is fine too
    }
    // A value repeated over a million rows and thousands of columns is refused, not allocated.
    std::string bomb = std::string(kHead) +
                       "<table:table table:name=\"S\"><table:table-row table:number-rows-repeated=\"1048576\">"
                       "<table:table-cell table:number-columns-repeated=\"1000\" office:value-type=\"float\" office:value=\"1\"/>"
                       "</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>";
    EXPECT_THROW(readOds(writeZip("bomb.ods", {{"content.xml", bomb}})), OdsError);
}

TEST(OdsReader, DecimalsTheCellShows) {
    Workbook wb = readOds(std::string(REPORTCHECK_SOURCE_DIR) + "/sample-workbooks/bao-cao-536.ods");
    const Sheet* b8 = wb.sheet("Biểu 8");
    ASSERT_NE(b8, nullptr);
    EXPECT_EQ(b8->at(20, 2).number, 47.5);   // C21, "Tuổi bình quân" 47,5
    EXPECT_EQ(b8->at(20, 2).decimals, 1);
    EXPECT_EQ(b8->at(6, 2).decimals, 0);     // C7 TỔNG SỐ 51
    const Sheet* b11 = wb.sheet("Biểu 11");
    ASSERT_NE(b11, nullptr);
    EXPECT_EQ(b11->at(8, 4).number, 87.7);   // E9
    EXPECT_EQ(b11->at(8, 4).decimals, 1);
}

// The parser is fed 64 KiB at a time (ods_reader.cpp, XmlEntry): escaped
// characters in attributes and text, and text cut by a chunk's end, must read
// as the whole text Calc shows.
TEST(OdsReader, EscapesAndTextAcrossParserChunksReadWhole) {
    std::string longText;
    for (int i = 0; i < 6000; ++i) longText += "Tổng ";  // 42,000 bytes, 30,000 characters (under the 32,767 cut)
    std::string rows =
        "<table:table-row>"
        "<table:table-cell office:value-type=\"string\" office:string-value=\"a &amp; b &#38; c &lt;d&gt; &quot;e&quot;\"/>"
        "<table:table-cell office:value-type=\"string\"><text:p>x &amp; y &#38; z &lt;w&gt; &#x1EA0;</text:p></table:table-cell>"
        "<table:table-cell office:value-type=\"string\"><text:p>" + longText + "</text:p></table:table-cell>"
        "<table:table-cell office:value-type=\"float\" office:value=\"42\"><text:p>42</text:p></table:table-cell>"
        "</table:table-row>";
    // Padding first, so that the cells start at different offsets in a chunk.
    for (int pad : {0, 30000, 65500}) {
        std::string content = std::string(kHead) + "<table:table table:name=\"P\">" +
                              "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>" + std::string(pad, 'p') +
                              "</text:p></table:table-cell></table:table-row></table:table>" +
                              "<table:table table:name=\"S &amp; T\">" + rows +
                              "</table:table></office:spreadsheet></office:body></office:document-content>";
        Workbook wb = readOds(writeZip("chunks.ods", {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, {"content.xml", content}}));
        ASSERT_EQ(wb.sheets.size(), 2u) << pad;
        EXPECT_EQ(wb.sheets[1].name(), "S & T");
        const Sheet& s = wb.sheets[1];
        EXPECT_EQ(s.at(0, 0).text, "a & b & c <d> \"e\"") << pad;
        EXPECT_EQ(s.at(0, 1).text, "x & y & z <w> \xE1\xBA\xA0") << pad;
        EXPECT_EQ(s.at(0, 2).text, longText) << pad;
        EXPECT_EQ(s.at(0, 3).number, 42) << pad;
    }
}

// The parser is never told of a DTD's entities (nothing to expand or fetch), so
// a file that uses one is refused — saying why, not "not well-formed".
TEST(OdsReader, EntitiesOfADtdAreRefusedSayingSo) {
    std::string body = std::string(kHead).substr(std::string(kHead).find("<office:document-content")) +
                       "<table:table table:name=\"S\"><table:table-row><table:table-cell office:value-type=\"string\"><text:p>x&e;y</text:p>"
                       "</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>";
    std::string path = writeZip("dtd.ods", {{"content.xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"INNER\">]>" + body}});
    try {
        readOds(path);
        ADD_FAILURE() << "read";
    } catch (const OdsError& e) {
        EXPECT_NE(e.text().en.find("content.xml uses XML entities declared in a DTD"), std::string::npos) << e.text().en;
    }
    // Without a DTD, an unknown entity is plain bad XML.
    path = writeZip("undeclared.ods", {{"content.xml", "<?xml version=\"1.0\"?>" + body}});
    try {
        readOds(path);
        ADD_FAILURE() << "read";
    } catch (const OdsError& e) {
        EXPECT_NE(e.text().en.find("content.xml is not well-formed XML (line 1)"), std::string::npos) << e.text().en;
    }
}

// Names are tokens looked up once per distinct (prefix, local name) pair of the
// parser's dictionary (ods_names.h): the same local name under another prefix
// is another name, and thousands of distinct names (which collide in the
// lookup's cache) must still each get their own answer.
TEST(OdsReader, NamesAreTheirPrefixAndLocalNameWhateverElseTheFileUses) {
    std::string noise;
    for (int i = 0; i < 3000; ++i) noise += "<x" + std::to_string(i) + ":p xmlns:x" + std::to_string(i) + "=\"u\" x" + std::to_string(i) + ":value=\"9\"/>";
    std::string content = std::string(kHead) + noise +
                          "<table:table table:name=\"S\"><table:table-row>"
                          // value-type under the table prefix is not office:value-type: a text cell
                          "<table:table-cell table:value-type=\"float\" table:value=\"5\"><text:p>5</text:p></table:table-cell>"
                          // a p of another namespace is not a paragraph; text:p after it is
                          "<table:table-cell office:value-type=\"string\"><office:p>no</office:p><text:p>yes</text:p></table:table-cell>"
                          "<table:table-cell office:value-type=\"float\" office:value=\"7\" table:number-columns-repeated=\"2\"/>" + noise +
                          "<table:table-cell office:value-type=\"float\" office:value=\"8\"/>"
                          "</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>";
    Workbook wb = readOds(writeZip("names.ods", {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, {"content.xml", content}}));
    ASSERT_EQ(wb.sheets.size(), 1u);
    const Sheet& s = wb.sheets[0];
    EXPECT_EQ(s.at(0, 0).kind, Cell::Kind::Text);
    EXPECT_EQ(s.at(0, 0).text, "5");
    EXPECT_EQ(s.at(0, 1).text, "yes");
    EXPECT_EQ(s.at(0, 2).number, 7);
    EXPECT_EQ(s.at(0, 3).number, 7);
    EXPECT_EQ(s.at(0, 4).number, 8);
    EXPECT_EQ(s.cols(), 5);
}
