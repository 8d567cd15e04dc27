// The compiled rules as data: RuleSet::rules(), printRules and the round trip
// text -> model -> text -> the same model.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "file_io.h"
#include "reportcheck/rule_info.h"
#include "reportcheck/rules.h"

using namespace reportcheck;
using V = std::vector<std::string>;

namespace {

// Every field but where the rule is written, which printing changes.
void expectSameModel(const RuleInfo& a, const RuleInfo& b) {
    SCOPED_TRACE(a.id);
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.severity, b.severity);
    EXPECT_EQ(a.tolerance, b.tolerance);
    EXPECT_EQ(a.decimals, b.decimals);
    EXPECT_EQ(a.derived, b.derived);
    EXPECT_EQ(a.sheet, b.sheet);
    EXPECT_EQ(a.labels, b.labels);
    EXPECT_EQ(a.numbersRow, b.numbersRow);
    EXPECT_EQ(a.headerRow1, b.headerRow1);
    EXPECT_EQ(a.headerRow2, b.headerRow2);
    if (a.kind != "total") {  // a total's header is printed from its fields
        EXPECT_EQ(a.body, b.body);
    }
    EXPECT_EQ(a.rows, b.rows);
    EXPECT_EQ(a.exceptRows, b.exceptRows);
    EXPECT_EQ(a.cols, b.cols);
    EXPECT_EQ(a.within, b.within);
    EXPECT_EQ(a.withinEnd, b.withinEnd);
    EXPECT_EQ(a.status, b.status);
    EXPECT_EQ(a.share, b.share);
    ASSERT_EQ(a.parts.size(), b.parts.size());
    for (size_t i = 0; i < a.parts.size(); ++i) {
        EXPECT_EQ(a.parts[i].depth, b.parts[i].depth);
        EXPECT_EQ(a.parts[i].text, b.parts[i].text);
    }
    EXPECT_EQ(a.message.vi, b.message.vi);
    EXPECT_EQ(a.message.en, b.message.en);
    EXPECT_EQ(a.reads.cells, b.reads.cells);
    EXPECT_EQ(a.reads.rowLabels, b.reads.rowLabels);
    EXPECT_EQ(a.reads.columnHeaders, b.reads.columnHeaders);
    EXPECT_EQ(a.reads.columnNumbers, b.reads.columnNumbers);
    EXPECT_EQ(a.reads.names, b.reads.names);
    EXPECT_EQ(a.reads.sheets, b.reads.sheets);
}

// Prints, compiles the print, and expects the same model; printing that
// model again gives the same text.
void expectRoundTrip(const RuleSet& rs) {
    std::vector<RuleInfo> first = rs.rules();
    std::string text = printRules(first);
    RuleSet again;
    try {
        again = RuleSet::compile(text, "printed.rules");
    } catch (const RulesError& e) {
        FAIL() << e.what() << "\n--- printed:\n" << text;
    }
    std::vector<RuleInfo> second = again.rules();
    ASSERT_EQ(first.size(), second.size());
    for (size_t i = 0; i < first.size(); ++i) expectSameModel(first[i], second[i]);
    EXPECT_EQ(text, printRules(second));
}

// Every construct of the language (rules/README.md), each at least once.
const char* kEveryConstruct = R"RC(# every construct
sheet "Biểu 3"
labels A
numbers 7
headers 5:6
check B3.cot4 error: #4 = #5 + #6 + #7
  for rows "1. Xã" to "Cộng (I+....+II)", 12, 14:20 except "x", 16
  within "Tính đến 31/12/2020" to "Cộng (I+....+II)"
  vi "Cột 4 = {expected} \"trích\" \\ hết"
  en "Column 4 = {expected}"
check B3.b warning tol 0.5 decimals 1: C5 <= 'Biểu 6'!@"Số lượng"[2].#3
check B3.c info: sum(E:G) >= max($C$5, D6) ? 1 : 0
  for rows 8
check B3.d derived decimals 1: E = pct(C, D, 1)
  for rows 9:13
  for cols E
check B3.e tol 0.001: @"Cán bộ*" >= @"Nữ"
  for cols C:D, #4, #2:#3, #"31/12/2020"[2], #"Cấp tỉnh*":#"Cấp xã"
check B3.f: avg(C6:C10, D5) <> tong_dang_vien
check B3.g: ô >= 0
  for rows "Tổng số*"
  for cols #"31/12/2023"
total B3.t: cols B:J within "Tính đến 31/12/2020"
  "Cộng (I+....+II)"
    "1. Xã"
    "6. Đơn vị*"
      @"a) Công lập"[2]
      12
  "Khác"
    "x"
total B3.r warning tol 1: rows 8:20 except 10
  #4
    #5
    F
    #"Nữ"
sheet "Chỉ tiêu"
target CT.a: D5 between 14 and 15
  status F5
  share G5
target CT.b error: D9 at most 20
target CT.c: D6 more than 90
target CT.d: D14 less than 20
target CT.e: D15 ít nhất 84
target CT.f: D16 trong khoảng D2 và E2
target CT.g: D17 tối đa 3
target CT.h: D18 trên 1
target CT.i: D19 dưới 2
target CT.j: D20 at least 84
  vi "Chỉ tiêu {status}"
)RC";

}  // namespace

TEST(RuleInfo, DescribesACheck) {
    RuleSet rs = RuleSet::compile(kEveryConstruct, "every.rules");
    auto rules = rs.rules();
    ASSERT_EQ(rules.size(), 19u);
    const RuleInfo& r = rules[0];
    EXPECT_EQ(r.id, "B3.cot4");
    EXPECT_EQ(r.kind, "check");
    EXPECT_EQ(r.severity, Severity::Error);
    EXPECT_EQ(r.sheet, "Biểu 3");
    EXPECT_EQ(r.labels, "A");
    EXPECT_EQ(r.numbersRow, 7);
    EXPECT_EQ(r.headerRow1, 5);
    EXPECT_EQ(r.headerRow2, 6);
    EXPECT_EQ(r.body, "#4 = #5 + #6 + #7");
    EXPECT_EQ(r.rows, "\"1. Xã\" to \"Cộng (I+....+II)\", 12, 14:20");
    EXPECT_EQ(r.exceptRows, "\"x\", 16");
    EXPECT_EQ(r.within, "Tính đến 31/12/2020");
    EXPECT_EQ(r.withinEnd, "Cộng (I+....+II)");
    EXPECT_EQ(r.message.vi, "Cột 4 = {expected} \"trích\" \\ hết");
    EXPECT_EQ(r.reads.columnNumbers, (V{"4", "5", "6", "7"}));
    EXPECT_EQ(r.reads.rowLabels, (V{"1. Xã", "Cộng (I+....+II)", "x", "Tính đến 31/12/2020"}));
    EXPECT_EQ(r.span.file, "every.rules");
    EXPECT_EQ(r.span.line, 6);
    EXPECT_EQ(r.span.column, 1);
    EXPECT_EQ(r.span.endLine, 10);
    EXPECT_EQ(r.span.endColumn, 29);  // just past `  en "Column 4 = {expected}"`

    const RuleInfo& b = rules[1];
    EXPECT_EQ(b.severity, Severity::Warning);
    EXPECT_EQ(b.tolerance, 0.5);
    EXPECT_EQ(b.decimals, 1);
    EXPECT_EQ(b.reads.cells, (V{"C5"}));
    EXPECT_EQ(b.reads.sheets, (V{"Biểu 6"}));
    EXPECT_EQ(b.reads.rowLabels, (V{"Số lượng [2]"}));
    EXPECT_EQ(b.span.line, b.span.endLine);

    EXPECT_TRUE(rules[3].derived);
    EXPECT_EQ(rules[4].cols, "C:D, #4, #2:#3, #\"31/12/2020\"[2], #\"Cấp tỉnh*\":#\"Cấp xã\"");
    EXPECT_EQ(rules[4].reads.columnHeaders, (V{"31/12/2020", "Cấp tỉnh*", "Cấp xã"}));
    EXPECT_EQ(rules[5].reads.names, (V{"tong_dang_vien"}));
    EXPECT_EQ(rules[5].reads.cells, (V{"C6:C10", "D5"}));
}

TEST(RuleInfo, DescribesTotalsAndTargets) {
    auto rules = RuleSet::compile(kEveryConstruct, "every.rules").rules();
    const RuleInfo& t = rules[7];
    EXPECT_EQ(t.kind, "total");
    EXPECT_EQ(t.cols, "B:J");
    EXPECT_EQ(t.within, "Tính đến 31/12/2020");
    ASSERT_EQ(t.parts.size(), 7u);
    EXPECT_EQ(t.parts[0].text, "\"Cộng (I+....+II)\"");
    EXPECT_EQ(t.parts[0].depth, 0);
    EXPECT_EQ(t.parts[2].text, "\"6. Đơn vị*\"");
    EXPECT_EQ(t.parts[3].text, "\"a) Công lập\"[2]");
    EXPECT_EQ(t.parts[3].depth, 2);
    EXPECT_EQ(t.parts[4].text, "12");
    EXPECT_EQ(t.parts[5].depth, 0);
    EXPECT_EQ(describeRule(t, "en"),
              "\"Cộng (I+....+II)\" = \"1. Xã\" + \"6. Đơn vị*\"; \"6. Đơn vị*\" = \"a) Công lập\"[2] + 12; "
              "\"Khác\" = \"x\" (in columns B:J), within \"Tính đến 31/12/2020\"");
    const RuleInfo& r = rules[8];
    EXPECT_EQ(r.rows, "8:20");
    EXPECT_EQ(r.exceptRows, "10");
    EXPECT_EQ(r.severity, Severity::Warning);
    ASSERT_EQ(r.parts.size(), 4u);
    EXPECT_EQ(r.parts[1].text, "#5");
    EXPECT_EQ(r.parts[2].text, "F");
    EXPECT_EQ(r.parts[3].text, "#\"Nữ\"");

    const RuleInfo& a = rules[9];
    EXPECT_EQ(a.kind, "target");
    EXPECT_EQ(a.severity, Severity::Warning);  // targets default to warning
    EXPECT_EQ(a.status, "F5");
    EXPECT_EQ(a.share, "G5");
    EXPECT_EQ(a.reads.cells, (V{"D5", "F5", "G5"}));
    EXPECT_EQ(a.sheet, "Chỉ tiêu");
    EXPECT_EQ(a.labels, "A:B");
    EXPECT_EQ(a.numbersRow, 0);
    EXPECT_EQ(describeRule(a, "vi"), "chỉ tiêu D5 between 14 and 15");
    EXPECT_EQ(rules[10].severity, Severity::Error);
}

TEST(RuleInfo, EveryConstructRoundTrips) {
    expectRoundTrip(RuleSet::compile(kEveryConstruct, "every.rules"));
}

// The report's rules and the fixtures' (213 + 2): printed, they compile to the same model.
TEST(RuleInfo, ReportRulesRoundTrip) {
    for (const char* f : {"/rules/report-536.rules", "/tests/fixtures/embedded.rules"}) {
        SCOPED_TRACE(f);
        RuleSet rs = RuleSet::compileFile(std::string(REPORTCHECK_SOURCE_DIR) + f);
        EXPECT_GT(rs.size(), 0u);
        expectRoundTrip(rs);
    }
    EXPECT_EQ(RuleSet::compileFile(std::string(REPORTCHECK_SOURCE_DIR) + "/rules/report-536.rules").rules().size(), 213u);
}

// The printer writes the model, not the file: comments and spacing go, the
// defaults are spelt out, and the findings stay the same (same ids, same kinds).
TEST(RuleInfo, PrintSpellsOutTheModel) {
    RuleSet rs = RuleSet::compile("sheet \"S\"\ncheck a:   C5 =   C6+C7   # why\ntarget b: D1 at least 3\n", "x.rules");
    EXPECT_EQ(printRules(rs.rules()),
              "sheet \"S\"\n\ncheck a error: C5 =   C6+C7\n\ntarget b warning: D1 at least 3\n");
}

TEST(RuleInfo, QuotesStrings) {
    EXPECT_EQ(quoteRulesString("a \"b\" \\c"), "\"a \\\"b\\\" \\\\c\"");
}

// One include inliner: the flattened text (what the extension embeds) compiles
// to the same model as the file with its includes — a byte order mark, CRLF,
// no final newline, a section that carries on across files, nested includes
// in a subdirectory, and an indented `include` (a continuation line to the
// compiler, so not an include: both report it the same way).
TEST(RuleInfo, FlattenedRulesCompileToTheSameModel) {
    std::string dir = ::testing::TempDir() + "/flat";
    std::string cmd = "mkdir -p " + dir + "/sub";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    auto write = [&](const std::string& name, const std::string& text) { std::ofstream(dir + "/" + name, std::ios::binary) << text; };
    write("main.rules", "\xEF\xBB\xBF# main\nsheet \"S\"\ninclude \"sub/a.rules\"   # the parts\ncheck after: A1 = 1\ninclude \"/" + dir.substr(1) + "/c.rules\"\n");
    write("sub/a.rules", "\xEF\xBB\xBF" "check a1: A2 = 2\r\n  for rows 1:3\r\ninclude \"b.rules\"\r\nlabels A");
    write("sub/b.rules", "check b1 warning: @\"x\".C = 1\nsheet \"T\"\n");
    write("c.rules", "check c1: A1 = A2\n");
    RuleSet direct = RuleSet::compileFile(dir + "/main.rules");
    std::string flat = flattenRules(dir + "/main.rules");
    RuleSet flattened = RuleSet::compile(flat, "embedded", Limits::untrusted());
    auto a = direct.rules(), b = flattened.rules();
    ASSERT_EQ(a.size(), 4u);
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) expectSameModel(a[i], b[i]);
    EXPECT_EQ(a[1].sheet, "S");   // b.rules' rule, in main's section
    EXPECT_EQ(a[2].sheet, "T");   // the section b.rules opened carries on
    EXPECT_EQ(a[2].labels, "A");  // and a.rules' `labels` after the include
    EXPECT_EQ(flat.find("include \""), std::string::npos) << flat;

    write("indented.rules", "sheet \"S\"\ncheck a: A1 = 1\n  include \"c.rules\"\n");
    std::string kept = flattenRules(dir + "/indented.rules");
    EXPECT_NE(kept.find("  include \"c.rules\""), std::string::npos);
    EXPECT_EQ(RuleSet::lint(kept, "x").size(), RuleSet::lint("sheet \"S\"\ncheck a: A1 = 1\n  include \"c.rules\"\n", "x").size());

    write("cycle.rules", "include \"cycle.rules\"\n");
    EXPECT_THROW(flattenRules(dir + "/cycle.rules"), RulesError);
}
