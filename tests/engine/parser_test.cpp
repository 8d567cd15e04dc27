// Every error path of the rules language points at file:line:column.
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <ostream>

#include "test_util.h"

using namespace reportcheck;
using rctest::diagPositions;
using V = std::vector<std::string>;

TEST(Parser, AcceptsTheDocumentedForms) {
    const char* ok = R"RC(# chú thích
sheet "Biểu 3"   # section
labels A
numbers 7
check B3.cot4 error: #4 = #5 + #6 + #7
  for rows "1. Xã" to "Cộng (I+....+II)", 12, 14:20 except "x"
  within "Tính đến 31/12/2020" to "Cộng (I+....+II)"
  vi "Cột 4 = {expected}"
  en "Column 4 = {expected}"
check B3.b warning tol 0.5 decimals 1: C5 <= 'Biểu 6'!@"Số lượng"[2].#3
check B3.c info: sum(E:G) >= max($C$5, D6) ? 1 : 0
  for rows 8
check B3.d derived decimals 1: E = pct(C, D, 1)
  for rows 9:13
  for cols E
total B3.t: cols B:J within "Tính đến 31/12/2020"
  "Cộng (I+....+II)"
    "1. Xã"
    "6. Đơn vị*"
      @"a) Công lập"[1]
      12
total B3.r: rows 8:20
  #4
    #5
    F
target CT.a: D5 between 14 and 15
  status F5
  share G5
target CT.b: D6 tối đa 15
target CT.c: D7 at least 90 * 0.5
target CT.d: D8 trên 90
target CT.e: D9 less than 20
)RC";
    EXPECT_EQ(diagPositions(ok), V{});
    RuleSet rs = RuleSet::compile(ok, "ok.rules");
    EXPECT_EQ(rs.size(), 11u);
}

struct BadCase {
    const char* text;
    const char* where;     // expected "line:col" of the first diagnostic
    const char* contains;  // expected words of the English message
};

// How a case shows in test names and failures: where and what.
void PrintTo(const BadCase& c, std::ostream* os) { *os << c.where << " " << c.contains; }

class ParserErrors : public ::testing::TestWithParam<BadCase> {};

TEST_P(ParserErrors, PointsAtTheProblem) {
    const BadCase& c = GetParam();
    auto d = RuleSet::lint(c.text, "bad.rules");
    ASSERT_FALSE(d.empty()) << c.text;
    EXPECT_EQ(std::to_string(d[0].line) + ":" + std::to_string(d[0].column), c.where) << d[0].message.en;
    EXPECT_NE(d[0].message.en.find(c.contains), std::string::npos) << d[0].message.en;
    EXPECT_FALSE(d[0].message.vi.empty());
    EXPECT_EQ(d[0].format("en").rfind("bad.rules:", 0), 0u);
}

INSTANTIATE_TEST_SUITE_P(All, ParserErrors, ::testing::Values(
    BadCase{"chek a: 1 = 1\n", "1:1", "expected a statement"},
    BadCase{"check a: 1 = 1\n", "1:1", "needs a sheet section"},
    BadCase{"sheet Biểu 3\n", "1:6", "quoted sheet name"},
    BadCase{"sheet \"S\n", "1:7", "unterminated string"},
    BadCase{"sheet \"S\" x\n", "1:11", "unexpected 'x'"},
    BadCase{"sheet \"S\"\nlabels 3\n", "2:8", "expected a column"},
    BadCase{"sheet \"S\"\nnumbers x\n", "2:8", "column-number row"},
    BadCase{"sheet \"S\"\ncheck : 1 = 1\n", "2:6", "expected a rule id"},
    BadCase{"sheet \"S\"\ncheck a 1 = 1\n", "2:9", "expected an attribute"},
    BadCase{"sheet \"S\"\ncheck a error\n", "2:14", "expected ':'"},
    BadCase{"sheet \"S\"\ncheck a tol: 1 = 1\n", "2:12", "expected a number after 'tol'"},
    BadCase{"sheet \"S\"\ncheck a decimals 99: 1 = 1\n", "2:18", "decimals from 0 to 10"},
    BadCase{"sheet \"S\"\ncheck a: C5 + 1\n", "2:9", "expected a comparison"},
    BadCase{"sheet \"S\"\ncheck a: C5 = (D5 +\n", "2:20", "ends too early"},
    BadCase{"sheet \"S\"\ncheck a: C5 = D5 +* 2\n", "2:19", "an operator is out of place at '* 2'"},
    BadCase{"sheet \"S\"\ncheck a: C5 = foo(D5)\n", "2:15", "unknown name or character at 'foo(D5)'"},
    BadCase{"sheet \"S\"\ncheck a: C5 = @Tổng\n", "2:16", "quoted row label"},
    BadCase{"sheet \"S\"\ncheck a: C5 = @\"Tổng\n", "2:16", "unterminated"},
    BadCase{"sheet \"S\"\ncheck a: C5 = 'Biểu 6'C5\n", "2:23", "expected '!'"},
    // `C5 = "x"` alone is a check on text (language_test.cpp); a string inside arithmetic is not.
    BadCase{"sheet \"S\"\ncheck a: C5 = \"x\" + 1\n", "2:15", "must follow '@'"},
    BadCase{"sheet \"S\"\ncheck a: C5 = @\"x\".9\n", "2:20", "expected a column after '.'"},
    BadCase{"sheet \"S\"\ncheck a: C5 = sum(C5:@\"x\")\n", "2:21", "written the same way"},
    BadCase{"sheet \"S\"\ncheck a: C = 1\n", "2:10", "without a row"},
    BadCase{"sheet \"S\"\ncheck a: @\"x\" = 1\n", "2:10", "without a column"},
    BadCase{"sheet \"S\"\ncheck a: #4 = 1\n  for rows 1\n", "2:10", "column-number row"},
    BadCase{"sheet \"S\"\ncheck a: C = 1\n  for row 1\n", "3:7", "'rows', 'cols' or 'blocks'"},
    BadCase{"sheet \"S\"\ncheck a: C = 1\n  for rows x\n", "3:12", "expected a row"},
    BadCase{"sheet \"S\"\ncheck a: C = 1\n  for rows 5:2\n", "3:14", "last row"},
    BadCase{"sheet \"S\"\ncheck a: C = 1\n  for rows \"a\" to 3\n", "3:19", "after 'to'"},
    BadCase{"sheet \"S\"\ncheck a: @\"x\" = 1\n  for cols 3\n", "3:12", "expected a column"},
    BadCase{"sheet \"S\"\ncheck a: 1 = 1\n  vi thông báo\n", "3:6", "quoted message"},
    BadCase{"sheet \"S\"\ncheck a: 1 = 1\n  vi \"{expectd}\"\n", "3:6", "unknown placeholder"},
    BadCase{"sheet \"S\"\ncheck a: 1 = 1\n  status G5\n", "3:3", "expected 'for rows"},
    BadCase{"sheet \"S\"\ncheck a: 1 = 1\ncheck a: 2 = 2\n", "3:7", "used twice"},
    BadCase{"sheet \"S\"\ncheck a derived: C5 + 1 = 2\n", "2:17", "one cell on the left"},
    BadCase{"sheet \"S\"\ntarget t: D5 = 90\n", "2:10", "expected a direction"},
    BadCase{"sheet \"S\"\ntarget t: D5 between 14\n", "2:21", "LOW and HIGH"},
    BadCase{"sheet \"S\"\ntarget t: D5 at least 9\n  status G5 + 1\n", "3:9", "one cell reference"},
    BadCase{"sheet \"S\"\ntotal t: B:J\n  \"a\"\n    \"b\"\n", "2:10", "expected 'cols"},
    BadCase{"sheet \"S\"\ntotal t: cols B:J\n  \"a\"\n  \"b\"\n", "2:1", "at least one line with indented parts"},
    BadCase{"sheet \"S\"\ntotal t: cols B\n  \"a\"\n      \"b\"\n    \"c\"\n", "5:5", "indentation"},
    BadCase{"sheet \"S\"\ntotal t: cols B\n  \"a\"\n    x\n", "4:5", "expected a row of the total"},
    BadCase{"sheet \"S\"\ntotal t: rows 1:3\n  #4\n    \"x\"\n", "4:5", "expected a column"},
    BadCase{"  sheet \"S\"\n", "1:3", "indented line must continue"},
    BadCase{"sheet \"S\"\nheaders x\n", "2:8", "header rows"},
    BadCase{"sheet \"S\"\nheaders 7:6\n", "2:8", "header rows"},
    BadCase{"sheet \"S\"\ncheck a: #\"\" = 1\n  for rows 1\n", "2:10", "empty column header"},
    BadCase{"sheet \"S\"\ncheck a: @\"x\" = 1\n  for cols #\"a\":C\n", "3:17", "last column"},
    BadCase{"include \"does-not-exist.rules\"\n", "1:9", "cannot read"},
    BadCase{"include nofile\n", "1:8", "quoted file name"}),
    [](const ::testing::TestParamInfo<BadCase>& info) {
        std::string name = "at_" + std::string(info.param.where) + "_" + std::to_string(info.index);
        for (char& ch : name)
            if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
        return name;
    });

TEST(Parser, ReportsEveryProblemNotJustTheFirst) {
    auto d = diagPositions("sheet \"S\"\ncheck a: C5 = (\ncheck b: 1 = 1\ncheck c 1 = 1\nfoo\n");
    EXPECT_EQ(d, (V{"2:16", "4:9", "5:1"}));
}

TEST(Parser, ColumnsCountCharactersNotBytes) {
    // "ổ" is 3 bytes in UTF-8; the column must still point at the 'x'.
    auto d = diagPositions("sheet \"Tổng\" x\n");
    EXPECT_EQ(d, (V{"1:14"}));
}

TEST(Parser, HashDigitIsAColumnNotAComment) {
    EXPECT_EQ(diagPositions("sheet \"S\"\nnumbers 2\ncheck a: #4 = #5 # a comment\n  for rows 3\n"), V{});
}

TEST(Parser, IncludeIsRelativeAndRefusedWhenUntrusted) {
    std::string dir = ::testing::TempDir();
    {
        std::ofstream(dir + "/part.rules") << "sheet \"S\"\ncheck inc: A1 = 1\n";
        std::ofstream(dir + "/main.rules") << "include \"part.rules\"\ncheck after: A1 = 1\n";
    }
    RuleSet rs = RuleSet::compileFile(dir + "/main.rules");
    EXPECT_EQ(rs.ruleIds(), (V{"inc", "after"}));
    std::string flat = flattenRules(dir + "/main.rules");
    EXPECT_EQ(RuleSet::compile(flat, "flat").ruleIds(), (V{"inc", "after"}));
    auto d = RuleSet::lint("include \"part.rules\"\n", dir + "/x.rules", Limits::untrusted());
    ASSERT_EQ(d.size(), 1u);
    EXPECT_NE(d[0].message.en.find("not allowed"), std::string::npos);
}

TEST(Parser, IncludeCycleIsAnError) {
    std::string dir = ::testing::TempDir();
    std::ofstream(dir + "/cyc.rules") << "include \"cyc.rules\"\n";
    try {
        RuleSet::compileFile(dir + "/cyc.rules");
        FAIL() << "expected a RulesError";
    } catch (const RulesError& e) {
        EXPECT_NE(e.text().en.find("cycle"), std::string::npos);
    }
}

TEST(Parser, UntrustedLimits) {
    Limits l = Limits::untrusted();
    l.maxTextBytes = 50;
    EXPECT_FALSE(RuleSet::lint(std::string(100, '#'), "big", l).empty());
    l = Limits::untrusted();
    l.maxRules = 2;
    auto d = RuleSet::lint("sheet \"S\"\ncheck a: 1=1\ncheck b: 1=1\ncheck c: 1=1\n", "many", l);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].line, 4);
    l = Limits::untrusted();
    l.maxRangeCells = 10;
    EXPECT_FALSE(RuleSet::lint("sheet \"S\"\ncheck a: sum(A1:Z100) = 1\n", "range", l).empty());
    l.maxExpressionChars = 10;
    EXPECT_FALSE(RuleSet::lint("sheet \"S\"\ncheck a: 1+1+1+1+1+1+1 = 1\n", "long", l).empty());
}

TEST(Parser, GarbageNeverCrashes) {
    // Bytes that are not rules at all give diagnostics, not crashes or hangs.
    std::string junk;
    for (int i = 0; i < 4000; ++i) junk += static_cast<char>((i * 7919) % 256);
    EXPECT_FALSE(RuleSet::lint(junk, "junk").empty());
    EXPECT_FALSE(RuleSet::lint("sheet \"S\"\ncheck a: ((((((((((1 = 1\n", "p").empty());
    EXPECT_FALSE(RuleSet::lint("sheet \"S\"\ncheck a: '' !A1 = 1\n", "q").empty());
}

// Issue 9: lint names the likely word when a keyword, attribute or clause is
// misspelt, in both languages.
TEST(Parser, DidYouMeanForMisspeltWords) {
    auto first = [](const std::string& text) {
        auto d = RuleSet::lint(text, "bad.rules");
        return d.empty() ? Diagnostic{} : d[0];
    };
    Diagnostic d = first("chek a: 1 = 1\n");
    EXPECT_NE(d.message.en.find("did you mean 'check'?"), std::string::npos) << d.message.en;
    EXPECT_NE(d.message.vi.find("có phải 'check'?"), std::string::npos) << d.message.vi;
    d = first("sheet \"S\"\ncheck a warnig: 1 = 1\n");
    EXPECT_NE(d.message.en.find("did you mean 'warning'?"), std::string::npos) << d.message.en;
    d = first("sheet \"S\"\ncheck a decimal 1: 1 = 1\n");
    EXPECT_NE(d.message.en.find("did you mean 'decimals'?"), std::string::npos) << d.message.en;
    d = first("sheet \"S\"\ncheck a: C = 1\n  withn \"x\"\n");
    EXPECT_NE(d.message.en.find("did you mean 'within'?"), std::string::npos) << d.message.en;
    d = first("Sheet \"S\"\n");  // case alone
    EXPECT_NE(d.message.en.find("did you mean 'sheet'?"), std::string::npos) << d.message.en;
    // Nothing close: no guess.
    d = first("sheet \"S\"\ncheck a zzzzzz: 1 = 1\n");
    EXPECT_EQ(d.message.en.find("did you mean"), std::string::npos) << d.message.en;
}

// `tol 0,5`: numbers in rules take a decimal point everywhere (muparser
// expressions use ',' between arguments), so the comma is explained, with the
// number to write instead, rather than read.
TEST(Parser, DecimalCommaInAttributeIsExplained) {
    auto d = RuleSet::lint("sheet \"S\"\ncheck a tol 0,5: C5 = 1\n", "bad.rules");
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].line, 2);
    EXPECT_EQ(d[0].column, 13);
    EXPECT_NE(d[0].message.en.find("tol 0.5"), std::string::npos) << d[0].message.en;
    EXPECT_NE(d[0].message.vi.find("dấu chấm"), std::string::npos) << d[0].message.vi;
    EXPECT_TRUE(RuleSet::lint("sheet \"S\"\ncheck a tol 0.5: C5 = 1\n", "ok.rules").empty());
}

// `if(` gets the `?:` hint, at the `if`.
TEST(Parser, IfCallSuggestsConditionalOperator) {
    auto d = RuleSet::lint("sheet \"S\"\ncheck a: C5 = IF(D5 > 0, E5, 0)\n", "bad.rules");
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].column, 15);
    EXPECT_NE(d[0].message.en.find("cond ? a : b"), std::string::npos) << d[0].message.en;
    EXPECT_NE(d[0].message.vi.find("không có hàm if"), std::string::npos) << d[0].message.vi;
    // A label or a name that merely contains "if" is not a call.
    EXPECT_TRUE(RuleSet::lint("sheet \"S\"\ncheck a: C5 = @\"if (x)\".D\n", "ok.rules").empty());
}

// muparser's own English and its internal names (_v0 …) never reach the user:
// the message quotes the user's text at the place, Vietnamese and English.
TEST(Parser, ExpressionErrorsSpeakTheUsersText) {
    for (const char* text : {"sheet \"S\"\ncheck a: C5 = D5 % * 2\n", "sheet \"S\"\ncheck a: C5 = (D5 +\n",
                             "sheet \"S\"\ncheck a: C5 = D5 +* 2\n", "sheet \"S\"\ncheck a: C5 = D5 E5\n"}) {
        auto d = RuleSet::lint(text, "bad.rules");
        ASSERT_FALSE(d.empty()) << text;
        for (const std::string& m : {d[0].message.en, d[0].message.vi}) {
            EXPECT_EQ(m.find("_v"), std::string::npos) << m;
            EXPECT_EQ(m.find("Unexpected"), std::string::npos) << m;
            EXPECT_EQ(m.find("expression error"), std::string::npos) << m;
        }
        EXPECT_NE(d[0].message.en.find("'"), std::string::npos) << d[0].message.en;  // quotes the user's text
    }
    auto d = RuleSet::lint("sheet \"S\"\ncheck a: C5 = D5 +* 2\n", "bad.rules");
    ASSERT_FALSE(d.empty());
    EXPECT_NE(d[0].message.vi.find("'* 2'"), std::string::npos) << d[0].message.vi;
}
