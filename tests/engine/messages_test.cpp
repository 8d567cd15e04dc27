// The default messages in the table's words (issue 9 item 2, issue 8 item 6):
// row label, block and column header instead of rule syntax or column letters,
// one language per string, numbers as each language writes them. A small
// yearbook-like workbook built here, not report 536.
#include <gtest/gtest.h>

#include "reportcheck/present.h"
#include "test_util.h"
#include "text_util.h"

using namespace reportcheck;
using rctest::addSheet;

namespace {

// Population by year in two blocks that repeat the year labels ("Người",
// "Cơ cấu (%)"), areas and population by district, and one target.
Workbook yearbook() {
    Workbook wb;
    Sheet& ds = addSheet(wb, "Dân số", {
        {"Năm", "Tổng số", "Thành thị", "Nông thôn"},
        {"Người"},
        {"'2017", "1000", "300", "700"},
        {"'2018", "'1.100", "350", "760"},   // a number stored as text; and 350 + 760 = 1.110
        {"Cơ cấu (%)"},
        {"'2017", "100", "30", "70"},
        {"'2018", "100", "", ""},
    });
    ds.set(6, 2, Cell::makeNumber(33.5, 2));   // shown 33,50; 350 / 1.100 = 31,82 %
    ds.set(6, 3, Cell::makeNumber(69.09, 2));
    addSheet(wb, "Diện tích", {
        {"Đơn vị hành chính", "Diện tích (km²)", "Dân số (người)"},
        {"Toàn tỉnh", "1893.74", "87107"},
        {"Thành phố A", "500.5", "40000"},
        {"Huyện B", "1393.24", "47000"},      // 40.000 + 47.000 = 87.000, not 87.107
    });
    addSheet(wb, "Chỉ tiêu", {
        {"Chỉ tiêu", "Mục tiêu", "Thực hiện"},
        {"Tỷ lệ hộ nghèo (%)", "3", "4.2"},
    });
    return wb;
}

const char* kRules = R"R(sheet "Dân số"
labels A
check DS.cot: B = C + D
  for rows "2017" to "2018"
  within "Người" to "Cơ cấu (%)"
check DS.pct: @"2018"[2].C = pct(@"2018"[1].C, @"2018"[1].B, 2)
sheet "Diện tích"
labels A
total DT.tong: cols B:C
  "Toàn tỉnh"
    "Thành phố A"
    "Huyện B"
sheet "Chỉ tiêu"
labels A
target CT.ngheo: C2 less than B2
)R";

const Finding& find(const Result& r, const std::string& rule, const std::string& cell) {
    for (const auto& f : r.findings)
        if (f.ruleId == rule && f.cell() == cell) return f;
    static Finding none;
    ADD_FAILURE() << "no finding " << rule << " at " << cell;
    return none;
}

}  // namespace

TEST(Messages, ColumnFormulaNamesBlockRowAndHeader) {
    Result r = rctest::run(kRules, yearbook());
    const Finding& f = find(r, "DS.cot", "B4");
    EXPECT_EQ(f.rowLabel, "2018");
    EXPECT_EQ(f.block, "Người");
    EXPECT_EQ(f.columnHeader, "Tổng số");
    EXPECT_EQ(f.message.vi, "Người – 2018, Tổng số: ghi 1.100, tính lại được 1.110 (lệch -10)");
    EXPECT_EQ(f.message.en, "Người – 2018, Tổng số: recorded 1,100, recomputed 1,110 (off by -10)");
}

TEST(Messages, PercentageAtTheDecimalsShown) {
    Result r = rctest::run(kRules, yearbook());
    const Finding& f = find(r, "DS.pct", "C7");
    EXPECT_EQ(f.decimals, 2);
    EXPECT_EQ(f.message.vi, "Cơ cấu (%) – 2018, Thành thị: ghi 33,50, tính lại được 31,82 (lệch 1,68)");
    EXPECT_EQ(f.message.en, "Cơ cấu (%) – 2018, Thành thị: recorded 33.50, recomputed 31.82 (off by 1.68)");
}

TEST(Messages, TotalNamesTheBreakdownItChecked) {
    Result r = rctest::run(kRules, yearbook());
    const Finding& f = find(r, "DT.tong", "C2");
    EXPECT_EQ(f.parts, (std::vector<std::string>{"Thành phố A", "Huyện B"}));
    EXPECT_EQ(f.message.vi, "Toàn tỉnh, Dân số (người): tổng ghi 87.107, cộng Thành phố A + Huyện B được 87.000 (lệch 107)");
    EXPECT_EQ(f.message.en,
              "Toàn tỉnh, Dân số (người): the total is 87,107, Thành phố A + Huyện B add up to 87,000 (off by 107)");
}

TEST(Messages, TargetSaysItsValueAndDirectionInWords) {
    Result r = rctest::run(kRules, yearbook());
    const Finding& f = find(r, "CT.ngheo", "C2");
    EXPECT_EQ(f.status, TargetStatus::NotMet);
    EXPECT_EQ(f.message.vi, "Tỷ lệ hộ nghèo (%), Thực hiện: chỉ tiêu không đạt — thực hiện 4,2, mục tiêu dưới 3 (bằng 71,4% mục tiêu)");
    EXPECT_EQ(f.message.en, "Tỷ lệ hộ nghèo (%), Thực hiện: target not met — achieved 4.2, target less than 3 (71.4% of the target)");
}

TEST(Messages, TextNumberSaysWhereAndWhatWasRead) {
    Result r = rctest::run(kRules, yearbook());
    const Finding& f = find(r, "text-number", "B4");
    EXPECT_EQ(f.kind, FindingKind::TextNumber);
    EXPECT_EQ(f.message.vi, "Người – 2018, Tổng số: số \"1.100\" được lưu dạng văn bản; đã đọc là 1.100");
    EXPECT_EQ(f.message.en, "Người – 2018, Tổng số: the number \"1.100\" is stored as text; read as 1,100");
}

// Nothing of the rules language leaks into a default message: no column letter
// standing for a column, no expression, no English word in the Vietnamese text.
TEST(Messages, DefaultsSpeakTheTablesWordsOnly) {
    Result r = rctest::run(kRules, yearbook());
    ASSERT_FALSE(r.findings.empty());
    for (const auto& f : r.findings) {
        for (const char* syntax : {"pct(", "@\"", "= C + D", "less than B2", "«"})
            EXPECT_EQ(f.message.vi.find(syntax), std::string::npos) << f.message.vi;
        for (const char* en : {"target", "total", "recorded", "less than", "cell"})
            EXPECT_EQ(f.message.vi.find(en), std::string::npos) << f.message.vi;
    }
}

// A rule's own template gets the same data, {row} and {header} included.
TEST(Messages, OwnTemplatesFilledFromTheSameData) {
    std::string rules = R"R(sheet "Dân số"
labels A
check DS.cot: B = C + D
  for rows "2017" to "2018"
  within "Người" to "Cơ cấu (%)"
  vi "{row}, {header}: {actual} khác {expected} ({rule}, {cell})"
  en "{row}, {header}: {actual} is not {expected} ({rule}, {cell})"
)R";
    Result r = rctest::run(rules, yearbook());
    const Finding& f = find(r, "DS.cot", "B4");
    EXPECT_EQ(f.message.vi, "2018, Tổng số: 1.100 khác 1.110 (DS.cot, B4)");
    EXPECT_EQ(f.message.en, "2018, Tổng số: 1,100 is not 1,110 (DS.cot, B4)");
}

// A comparison other than `=` says the relation in words; a target without an
// achieved value names the target, not a cell address.
TEST(Messages, RelationsAndMissingAchievedValue) {
    Workbook wb;
    addSheet(wb, "T", {{"Chỉ tiêu", "Mục tiêu", "Thực hiện"},
                       {"Đảng viên mới", "84", ""},
                       {"Trưởng thôn", "90", "85"}});
    Result r = rctest::run("sheet \"T\"\nlabels A\ntarget a: C2 at least B2\ncheck b: C3 >= B3\n", wb);
    const Finding& a = find(r, "a", "C2");
    EXPECT_EQ(a.message.vi, "Đảng viên mới, Thực hiện: chưa có số liệu thực hiện (mục tiêu ít nhất 84)");
    EXPECT_EQ(a.message.en, "Đảng viên mới, Thực hiện: no achieved value yet (target at least 84)");
    const Finding& b = find(r, "b", "C3");
    EXPECT_EQ(b.message.vi, "Trưởng thôn, Thực hiện: ghi 85, phải ít nhất bằng 90");
    EXPECT_EQ(b.message.en, "Trưởng thôn, Thực hiện: recorded 85, must be at least 90");
}

// The JSON output carries the column header (and keeps every field it had).
TEST(Messages, JsonHasTheColumnHeader) {
    FileReport rep;
    rep.path = "nien-giam.ods";
    rep.result = rctest::run(kRules, yearbook());
    std::string json = presentJson({rep});
    EXPECT_NE(json.find("\"cell\": \"C7\", \"rowLabel\": \"2018\""), std::string::npos) << json;
    EXPECT_NE(json.find("\"en\": \"Cơ cấu (%) – 2018, Thành thị: recorded 33.50, recomputed 31.82 (off by 1.68)\"}, "
                        "\"columnHeader\": \"Thành thị\""),
              std::string::npos)
        << json;
    EXPECT_NE(json.find("\"message\": {\"vi\": \"Toàn tỉnh, Dân số (người): tổng ghi 87.107"), std::string::npos);
}

// The column header is the nearest header text above the cell, whatever order
// the findings come in (the walk up a column is remembered between findings).
TEST(Messages, HeaderIsTheNearestAboveInAnyOrder) {
    Workbook wb;
    addSheet(wb, "S", {{"Huyện", "Nam"},
                       {"A", "1"}, {"B", "2"}, {"C", "3"},
                       {"", "Nữ"},
                       {"D", "4"}, {"E", "5"}});
    Result r = rctest::run("sheet \"S\"\nlabels A\ncheck late: B = 0\n  for rows 6:7\ncheck early: B = 0\n  for rows 2:3\n", wb);
    ASSERT_EQ(r.findings.size(), 4u);
    for (const auto& f : r.findings)
        EXPECT_EQ(f.columnHeader, f.row < 4 ? "Nam" : "Nữ") << f.cell();
    EXPECT_EQ(find(r, "early", "B2").message.vi, "A, Nam: ghi 1, tính lại được 0 (lệch 1)");
    EXPECT_EQ(find(r, "late", "B7").message.en, "E, Nữ: recorded 5, recomputed 0 (off by 5)");
}

// A row-wise total (columns as parts) names its parts by their column headers,
// so two breakdowns of the same total can be told apart.
TEST(Messages, RowWiseTotalNamesItsPartsByHeader) {
    Workbook wb;
    addSheet(wb, "S", {{"Huyện", "Tổng số", "Nam", "Nữ", "Thành thị", "Nông thôn"},
                       {"Huyện A", "10", "4", "6", "3", "5"}});
    Result r = rctest::run("sheet \"S\"\nlabels A\ntotal T: rows 2\n  B\n    C\n    D\n  B\n    E\n    F\n", wb);
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].message.vi, "Huyện A, Tổng số: tổng ghi 10, cộng Thành thị + Nông thôn được 8 (lệch 2)");
    EXPECT_EQ(r.findings[0].message.en, "Huyện A, Tổng số: the total is 10, Thành thị + Nông thôn add up to 8 (off by 2)");
}

// A row label is the label cells' words, each trimmed and folded, joined by
// one space; built into one buffer without a copy of each cell's text
// (appendLabel), it is the same as normalising each cell alone.
TEST(Messages, LabelWordsJoinedAsEachCellAlone) {
    const std::vector<std::string> texts = {"",        "   ",       "Tổng số",     "  Thành\t\tthị \n",
                                            "\xC2\xA0Nông\xC2\xA0\xC2\xA0thôn\xC2\xA0", "a \xC2\xA9 b",  // © kept
                                            "x\xC2",   "\r\nY\r\n", "một  hai   ba"};
    for (const std::string& a : texts)
        for (const std::string& b : texts) {
            std::string joined;
            appendLabel(joined, a);
            appendLabel(joined, b);
            const std::string na = normalizeLabel(a), nb = normalizeLabel(b);
            EXPECT_EQ(joined, na.empty() ? nb : nb.empty() ? na : na + " " + nb) << "[" << a << "] [" << b << "]";
        }
    EXPECT_EQ(normalizeLabel("  Thành\t\tthị \n"), "Thành thị");
    EXPECT_EQ(normalizeLabel("\xC2\xA0Nông\xC2\xA0\xC2\xA0thôn\xC2\xA0"), "Nông thôn");
    EXPECT_EQ(normalizeLabel("x\xC2"), "x\xC2");
}

// A long sheet of repeated blocks (a heading, then the same three years):
// a finding on a year row names its block; one on a row whose label occurs
// once names none. Past a thousand rows the label hashes are sorted by
// buckets of their top bits (blockOf), not by std::sort alone.
TEST(Messages, BlockOfARowOnALongSheet) {
    Workbook wb;
    Sheet& s = wb.addSheet("S");
    int row = 0, wrongYear = -1, wrongOnce = -1;
    for (int k = 0; k < 800; ++k) {
        s.set(row++, 0, Cell::makeText("Khối " + std::to_string(k)));
        for (int y = 2017; y <= 2019; ++y) {
            s.set(row, 0, Cell::makeText(std::to_string(y)));
            s.set(row, 1, Cell::makeNumber(y));
            s.set(row, 2, Cell::makeNumber(k));
            const bool wrong = k == 517 && y == 2018;
            if (wrong) wrongYear = row;
            s.set(row, 3, Cell::makeNumber(y + k + (wrong ? 1 : 0)));
            ++row;
        }
        if (k == 600) {
            wrongOnce = row;
            s.set(row, 0, Cell::makeText("  Chỉ một\xC2\xA0lần "));
            s.set(row, 1, Cell::makeNumber(1));
            s.set(row, 2, Cell::makeNumber(2));
            s.set(row, 3, Cell::makeNumber(4));
            ++row;
        }
    }
    Result r = rctest::run("sheet \"S\"\ncheck S.r: D = B + C\n  for rows 1:" + std::to_string(row) + "\n", wb);
    ASSERT_EQ(r.findings.size(), 2u) << rctest::failures(r).size();
    EXPECT_EQ(r.findings[0].row, wrongYear);
    EXPECT_EQ(r.findings[0].rowLabel, "2018");
    EXPECT_EQ(r.findings[0].block, "Khối 517");
    EXPECT_EQ(r.findings[1].row, wrongOnce);
    EXPECT_EQ(r.findings[1].rowLabel, "Chỉ một lần");
    EXPECT_EQ(r.findings[1].block, "");
}
