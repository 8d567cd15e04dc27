// The .ods reader reads cells as LibreOffice Calc reads them (issue 11): dates
// and times as serial numbers, white space between elements ignored, a cell of
// empty paragraphs empty, cached copies of linked files not sheets; a sheet of
// Calc's full height is read; the packed cell store keeps what is set.
#include <gtest/gtest.h>

#include "reportcheck/ods.h"
#include "test_util.h"

using namespace reportcheck;
using rctest::contentXml;
using rctest::writeZip;

namespace {

Workbook readContent(const std::string& name, const std::string& tables) {
    return readOds(writeZip(name, {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, {"content.xml", contentXml(tables)}}));
}

std::string oneRow(const std::string& cells) {
    return "<table:table table:name=\"S\"><table:table-row>" + cells + "</table:table-row></table:table>";
}

// A number data style, a cell style naming a data style, and an .ods of
// automatic styles and tables: what the tests of formats build on.
std::string numberStyle(const std::string& name, const std::string& places, const std::string& maps = "") {
    return "<number:number-style style:name=\"" + name + "\"><number:number" + places + " number:min-integer-digits=\"1\"/>" + maps +
           "</number:number-style>";
}
std::string cellStyle(const std::string& name, const std::string& data) {
    return "<style:style style:name=\"" + name + "\" style:family=\"table-cell\" style:data-style-name=\"" + data + "\"/>";
}
Workbook readStyled(const std::string& name, const std::string& styles, const std::string& tables) {
    const std::string content =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
        "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
        "xmlns:number=\"urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0\" "
        "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
        "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:automatic-styles>" +
        styles + "</office:automatic-styles><office:body><office:spreadsheet>" + tables +
        "</office:spreadsheet></office:body></office:document-content>";
    return readOds(writeZip(name, {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, {"content.xml", content}}));
}

}  // namespace

TEST(CalcReading, DatesAndTimesAreSerialNumbers) {
    Workbook wb = readContent("calc-dates.ods", oneRow(
        "<table:table-cell office:value-type=\"date\" office:date-value=\"2021-01-01\"><text:p>01/01/21</text:p></table:table-cell>"
        "<table:table-cell office:value-type=\"date\" office:date-value=\"2021-01-01T10:10:10\"><text:p>x</text:p></table:table-cell>"
        "<table:table-cell office:value-type=\"time\" office:time-value=\"PT10H10M10.123456S\"><text:p>x</text:p></table:table-cell>"
        "<table:table-cell office:value-type=\"time\" office:time-value=\"PT288H\"><text:p>288:00:00</text:p></table:table-cell>"
        "<table:table-cell office:value-type=\"date\" office:date-value=\"1899-12-30\"><text:p>x</text:p></table:table-cell>"
        "<table:table-cell office:value-type=\"date\" office:date-value=\"1800-03-01\"><text:p>x</text:p></table:table-cell>"
        "<table:table-cell office:value-type=\"time\" office:time-value=\"-P1DT12H\"><text:p>x</text:p></table:table-cell>"
        "<table:table-cell office:value-type=\"date\" office:date-value=\"not a date\"><text:p>hôm nay</text:p></table:table-cell>"));
    const Sheet& s = wb.sheets.at(0);
    // The values LibreOffice 7.4 gives for the same cells (corpus: calamine tests/date.ods).
    EXPECT_EQ(s.at(0, 0).kind, Cell::Kind::Number);
    EXPECT_DOUBLE_EQ(s.at(0, 0).number, 44197);
    EXPECT_NEAR(s.at(0, 1).number, 44197.4237268518, 1e-9);
    EXPECT_NEAR(s.at(0, 2).number, 0.423728280740741, 1e-13);
    EXPECT_DOUBLE_EQ(s.at(0, 3).number, 12);  // a duration, not a time of day
    EXPECT_EQ(s.at(0, 3).decimals, -1);
    EXPECT_DOUBLE_EQ(s.at(0, 4).number, 0);
    EXPECT_DOUBLE_EQ(s.at(0, 5).number, -36463);  // before the null date: negative, as in Calc
    EXPECT_DOUBLE_EQ(s.at(0, 6).number, -1.5);
    // A value Calc could not read either: its text is what is left.
    EXPECT_EQ(s.at(0, 7).kind, Cell::Kind::Text);
    EXPECT_EQ(s.at(0, 7).text, "hôm nay");
}

TEST(CalcReading, WhiteSpaceBetweenElementsIsNotText) {
    Workbook wb = readContent("calc-indented.ods",
        "<table:table table:name=\"S\">\n  <table:table-row>\n"
        "    <table:table-cell office:value-type=\"string\">\n      <text:p>Họ và tên</text:p>\n    </table:table-cell>\n"
        "    <table:table-cell>\n      <text:p/>\n    </table:table-cell>\n"
        "    <table:table-cell office:value-type=\"string\"><text:p/><text:p/><text:p/></table:table-cell>\n"
        "    <table:table-cell office:value-type=\"string\"><text:p>a <text:span>b</text:span><text:s text:c=\"2\"/>c</text:p><text:p/></table:table-cell>\n"
        "    <table:table-cell office:value-type=\"float\" office:value=\"3\">\n      <text:p>3</text:p>\n"
        "      <office:annotation><text:p>ghi chú</text:p></office:annotation>\n    </table:table-cell>\n"
        "  </table:table-row>\n</table:table>\n");
    const Sheet& s = wb.sheets.at(0);
    EXPECT_EQ(s.at(0, 0).text, "Họ và tên");
    EXPECT_EQ(s.at(0, 1).kind, Cell::Kind::Empty);  // one empty paragraph, indented
    EXPECT_EQ(s.at(0, 2).kind, Cell::Kind::Empty);  // only empty paragraphs: Calc keeps no text
    EXPECT_EQ(s.at(0, 3).text, "a b  c\n");         // space inside a paragraph is text
    EXPECT_EQ(s.at(0, 4).number, 3);
}

TEST(CalcReading, CachedCopiesOfLinkedFilesAreNotSheets) {
    Workbook wb = readContent("calc-links.ods",
        oneRow("<table:table-cell office:value-type=\"float\" office:value=\"1\"/>") +
        "<table:table table:name=\"'file:///C:/Số liệu/2023.ods'#$Biểu 1\"><table:table-row>"
        "<table:table-cell office:value-type=\"float\" office:value=\"9\"/></table:table-row></table:table>"
        "<table:table table:name=\"'https://example.org/a.xlsx'#Sheet1\"/>"
        // Quoted names that are not links stay sheets.
        "<table:table table:name=\"'Biểu 2'\"><table:table-row><table:table-cell office:value-type=\"float\" office:value=\"2\"/>"
        "</table:table-row></table:table>");
    ASSERT_EQ(wb.sheets.size(), 2u);
    EXPECT_EQ(wb.sheets[0].name(), "S");
    EXPECT_EQ(wb.sheets[1].name(), "'Biểu 2'");
    EXPECT_EQ(wb.sheets[1].at(0, 0).number, 2);
}

// Calc's full height, 1,048,576 rows of 7 values, is read (it was refused over
// 5,000,000 cells); 17 such columns are beyond the reader's memory bound.
TEST(CalcReading, FullHeightSheetIsRead) {
    std::string cells;
    for (int c = 0; c < 7; ++c)
        cells += "<table:table-cell office:value-type=\"float\" office:value=\"" + std::to_string(c + 1) + "\"/>";
    Workbook wb = readContent("calc-full-height.ods", "<table:table table:name=\"S\"><table:table-row table:number-rows-repeated=\"1048576\">" +
                                                          cells + "</table:table-row></table:table>");
    const Sheet& s = wb.sheets.at(0);
    EXPECT_EQ(s.rows(), Sheet::kMaxRows);
    EXPECT_EQ(s.cols(), 7);
    EXPECT_EQ(s.at(Sheet::kMaxRows - 1, 6).number, 7);
    EXPECT_EQ(s.at(524288, 3).number, 4);
    EXPECT_TRUE(wb.notes.empty());
    std::string wide = "<table:table table:name=\"S\"><table:table-row table:number-rows-repeated=\"1048576\">"
                       "<table:table-cell office:value-type=\"float\" office:value=\"1\" table:number-columns-repeated=\"17\"/>"
                       "</table:table-row></table:table>";
    try {
        readContent("calc-too-wide.ods", wide);
        ADD_FAILURE() << "17 full-height columns were read";
    } catch (const OdsError& e) {
        EXPECT_NE(e.text().en.find("more than 16,777,216 cells"), std::string::npos) << e.text().en;
    }
}

TEST(CalcReading, PackedStoreKeepsWhatIsSet) {
    Sheet s("S");
    // Column by column (rows move as they grow), then overwritten.
    for (int c = 0; c < 40; ++c)
        for (int r = 0; r < 3000; ++r) ASSERT_TRUE(s.set(r, c, Cell::makeNumber(r * 100 + c, c % 3)));
    for (int r = 0; r < 3000; ++r)
        for (int c = 0; c < 40; ++c) {
            ASSERT_EQ(s.at(r, c).number, r * 100 + c);
            ASSERT_EQ(s.at(r, c).decimals, c % 3);
        }
    EXPECT_EQ(s.width(2999), 40);
    EXPECT_EQ(s.width(3000), 0);
    s.set(5, 5, Cell::makeText("Tổng số"));
    s.set(5, 6, Cell::makeError("#DIV/0!"));
    EXPECT_EQ(s.at(5, 5).text, "Tổng số");
    EXPECT_EQ(s.at(5, 6).kind, Cell::Kind::Error);
    s.set(5, 5, Cell::makeText("Cộng"));
    s.set(5, 6, Cell::makeNumber(2.5, 1));
    EXPECT_EQ(s.at(5, 5).text, "Cộng");
    EXPECT_EQ(s.at(5, 6).kind, Cell::Kind::Number);
    EXPECT_EQ(s.at(5, 6).text, "");
    EXPECT_EQ(s.number(5, 6), 2.5);
    EXPECT_EQ(s.number(5, 5), 0);
    // A sparse cell far away: the rows before it are empty, not allocated cells.
    s.set(Sheet::kMaxRows - 1, Sheet::kMaxCols - 1, Cell::makeNumber(7));
    EXPECT_EQ(s.at(Sheet::kMaxRows - 1, Sheet::kMaxCols - 1).number, 7);
    EXPECT_EQ(s.at(Sheet::kMaxRows - 2, 0).kind, Cell::Kind::Empty);
    // Copies are independent.
    Sheet t = s;
    t.set(0, 0, Cell::makeNumber(-1));
    EXPECT_EQ(s.at(0, 0).number, 0);
    EXPECT_EQ(t.at(0, 0).number, -1);
    EXPECT_EQ(t.at(5, 5).text, "Cộng");
}

// Cells as other producers write them (odfpy, Gnumeric), read as LibreOffice 7.4
// reads the same XML (tests/formats/producer_parity.py compares whole files
// against LibreOffice itself; these are the cases it found, one by one).
TEST(CalcReading, OtherProducersCellsAsCalcReadsThem) {
    auto map = [](const std::string& condition, const std::string& to) {
        return "<style:map style:condition=\"" + condition + "\" style:apply-style-name=\"" + to + "\"/>";
    };
    auto value = [](const std::string& style, const std::string& v) {
        return "<table:table-cell" + (style.empty() ? std::string() : " table:style-name=\"" + style + "\"") +
               " office:value-type=\"float\" office:value=\"" + v + "\"/>";
    };
    const std::string styles =
        // a percentage without decimal-places shows none
        "<number:percentage-style style:name=\"P0\"><number:number number:min-integer-digits=\"1\"/><number:text>%</number:text></number:percentage-style>" +
        // Gnumeric's "[>0]0.0;[<0]-0.0;-": ordinary sections, decimals of the first
        numberStyle("S1", " number:decimal-places=\"1\"") + numberStyle("S2", " number:decimal-places=\"1\"") +
        numberStyle("S0", " number:decimal-places=\"0\"", map("value()&gt;0", "S1") + map("value()&lt;0", "S2")) +
        // how Calc writes "0.000;[RED]-0.000": the base is the negative section
        numberStyle("R1", " number:decimal-places=\"3\"") + numberStyle("R0", " number:decimal-places=\"3\"", map("value() &gt;= 0", "R1")) +
        // "[>=0]0.00;[<0]0.00;(text)" (the corpus): conditional, no decimals
        numberStyle("C1", " number:decimal-places=\"2\"") + numberStyle("C2", " number:decimal-places=\"2\"") +
        "<number:number-style style:name=\"C0\"><number:text/>" + map("value()&gt;=0", "C1") + map("value()&lt;0", "C2") +
        "</number:number-style>" +
        // a text data style whose sections are currencies: the currency's decimals
        "<number:currency-style style:name=\"M1\"><number:currency-symbol>$</number:currency-symbol>"
        "<number:number number:decimal-places=\"2\" number:min-integer-digits=\"1\"/></number:currency-style>"
        "<number:currency-style style:name=\"M2\"><number:text>(</number:text><number:currency-symbol>$</number:currency-symbol>"
        "<number:number number:decimal-places=\"2\" number:min-integer-digits=\"1\"/><number:text>)</number:text></number:currency-style>"
        "<number:text-style style:name=\"M0\"><number:text-content/>" + map("value()&gt;0", "M1") + map("value()&lt;0", "M2") +
        "</number:text-style>" +
        numberStyle("D3", " number:decimal-places=\"3\"") +
        // "[>=1000]#,##0;[<1000]0.0;General" (how Calc saves an .xlsx's conditions as
        // .ods): typed as without the conditions, the first section's decimals
        numberStyle("K1", " number:decimal-places=\"0\"") + numberStyle("K2", " number:decimal-places=\"1\"") +
        numberStyle("K0", "", map("value()&gt;=1000", "K1") + map("value()&lt;1000", "K2")) +
        cellStyle("cP", "P0") + cellStyle("cS", "S0") + cellStyle("cR", "R0") + cellStyle("cC", "C0") + cellStyle("cM", "M0") +
        // Calc's own currencies: no decimal-places, the language's decimals (vi-VN
        // none, en-US 2), dashes for decimals counted ("$#,##0.--")
        "<number:currency-style style:name=\"V0\" number:language=\"vi\" number:country=\"VN\"><number:number "
        "number:min-decimal-places=\"0\" number:min-integer-digits=\"1\" number:grouping=\"true\"/><number:text> </number:text>"
        "<number:currency-symbol/></number:currency-style>"
        "<number:currency-style style:name=\"E0\" number:language=\"en\" number:country=\"US\"><number:currency-symbol/>"
        "<number:number number:min-decimal-places=\"0\" number:min-integer-digits=\"1\" number:decimal-replacement=\"--\"/>"
        "</number:currency-style>" +
        cellStyle("cP", "P0") + cellStyle("cS", "S0") + cellStyle("cR", "R0") + cellStyle("cC", "C0") + cellStyle("cM", "M0") +
        cellStyle("cD", "D3") + cellStyle("cK", "K0") + cellStyle("cV", "V0") + cellStyle("cE", "E0");
    const std::string table =
        "<table:table table:name=\"S\"><table:table-row>"
        "<table:table-cell office:value-type=\"string\"><text:p>một<text:line-break/>hai<text:tab/>ba <text:span>bốn</text:span></text:p></table:table-cell>"
        "<table:table-cell office:value-type=\"string\" office:string-value=\"giá trị\"><text:p>đoạn văn</text:p></table:table-cell>"
        "<table:table-cell office:value-type=\"float\"><text:p>17</text:p></table:table-cell>"
        "<table:table-cell table:formula=\"of:=SUM([.A3:.A4])\"/>"
        "<table:table-cell office:value-type=\"float\" table:formula=\"of:=[.A3]*2\"/>"
        "</table:table-row><table:table-row>" +
        value("cP", "0.1234") + value("cS", "0") + value("cR", "-2") + value("cC", "1.11") + value("cM", "-1234.5") +
        "</table:table-row><table:table-row table:default-cell-style-name=\"cD\">" + value("", "1.5") + value("cP", "0.5") +
        value("cK", "1234.5") + value("cV", "1234.5") + value("cE", "1234.5") +
        // a boolean format on a number: Calc writes the number as the boolean value, and reads it back
        "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"1234.5678\"/>" +
        "</table:table-row></table:table>";
    const Workbook wb = readStyled("producers.ods", styles, table);
    const Sheet& s = wb.sheets.at(0);
    EXPECT_EQ(s.at(0, 0).text, "mộthaiba bốn");  // text:line-break and text:tab dropped, as LibreOffice 7.4 does
    EXPECT_EQ(s.at(0, 1).text, "giá trị");       // office:string-value over the paragraph
    EXPECT_EQ(s.at(0, 2).kind, Cell::Kind::Number);  // a float cell without office:value is 0
    EXPECT_EQ(s.at(0, 2).number, 0);
    const int want[] = {0, 1, 3, -1, 2};
    for (int c = 0; c < 5; ++c) EXPECT_EQ(s.at(1, c).decimals, want[c]) << "row 2, column " << c;
    EXPECT_EQ(s.at(2, 0).decimals, 3);  // the row's default cell style
    EXPECT_EQ(s.at(2, 1).decimals, 0);  // the cell's own style first
    EXPECT_EQ(s.at(2, 2).decimals, 0);  // conditions: the first section's
    EXPECT_EQ(s.at(2, 3).decimals, 0);  // a vi-VN currency: no decimals
    EXPECT_EQ(s.at(2, 4).decimals, 2);  // an en-US one with dashes for decimals
    EXPECT_EQ(s.at(2, 5).number, 1234.5678);
    // The two formulas saved without a result are said, naming the first.
    ASSERT_EQ(wb.notes.size(), 1u);
    EXPECT_NE(wb.notes[0].en.find("2 formula cells have no result saved in the file (first: 'S'!D1)"), std::string::npos)
        << wb.notes[0].en;
}

// A formula cell that is one cell ("=[.A1]") and has no number format of its
// own shows that cell's format in Calc (its interpreter infers it; LibreOffice
// 7.4 on its own .ods, tests/formats: lo_number_formats.py's neighbour
// lo_content). One whose style names a data style, even General (as Gnumeric
// writes), keeps it. A formula giving "" (no type, an empty paragraph) has a
// result: no note.
TEST(CalcReading, FormulaOfOneCellShowsThatCellsFormat) {
    auto formula = [](const std::string& f, const std::string& v, const std::string& style = "") {
        return "<table:table-cell" + (style.empty() ? std::string() : " table:style-name=\"" + style + "\"") +
               " table:formula=\"" + f + "\" office:value-type=\"float\" office:value=\"" + v + "\"><text:p>" + v +
               "</text:p></table:table-cell>";
    };
    const std::string styles = numberStyle("N1", " number:decimal-places=\"1\"") + numberStyle("N2", " number:decimal-places=\"2\"") +
                               numberStyle("NG", "") + cellStyle("c1", "N1") + cellStyle("c2", "N2") + cellStyle("cG", "NG");
    const std::string tables =
        "<table:table table:name=\"S\"><table:table-row>"
        "<table:table-cell table:style-name=\"c1\" office:value-type=\"float\" office:value=\"0.5\"/>" +
        formula("of:=[.A1]", "0.5") + formula("of:=[.A1]", "0.5", "cG") + formula("of:=[.B1]", "0.5") +
        formula("of:=[$'Trang 2'.$A$1]", "3.14159") +
        "<table:table-cell table:formula=\"of:=&quot;&quot;\"><text:p/></table:table-cell>" + formula("of:=[.A1]*2", "1") +
        "</table:table-row></table:table>"
        "<table:table table:name=\"Trang 2\"><table:table-row>"
        "<table:table-cell table:style-name=\"c2\" office:value-type=\"float\" office:value=\"3.14159\"/>"
        "</table:table-row></table:table>";
    const Workbook wb = readStyled("references.ods", styles, tables);
    const Sheet& s = wb.sheets.at(0);
    EXPECT_EQ(s.at(0, 1).decimals, 1);   // =A1: A1's 0.0
    EXPECT_EQ(s.at(0, 2).decimals, -1);  // a General data style of its own
    EXPECT_EQ(s.at(0, 3).decimals, 1);   // =B1, which is =A1
    EXPECT_EQ(s.at(0, 4).decimals, 2);   // another sheet's cell, read after it
    EXPECT_EQ(s.at(0, 5).kind, Cell::Kind::Empty);
    EXPECT_EQ(s.at(0, 6).decimals, -1);  // not one cell: General
    EXPECT_TRUE(wb.notes.empty()) << wb.notes.at(0).en;  // ="" has its result
}
