// The "your own report in ten minutes" walk-through (rules/README.md) as a user
// runs it: tests/fixtures/yearbook.fods (written by make_yearbook.py) with
// tests/fixtures/yearbook.rules, through the command line. What the README says
// the commands print is checked here, so the walk-through cannot drift.
#include <gtest/gtest.h>

#include <fstream>

#include "reportcheck/read.h"
#include "test_util.h"

using namespace reportcheck;

namespace {

const std::string kCli = REPORTCHECK_CLI;
const std::string kFixtures = std::string(REPORTCHECK_SOURCE_DIR) + "/tests/fixtures/";

rctest::ShellRun sh(const std::string& args) { return rctest::runShell(kCli + " " + args + " 2>&1"); }
std::string tmp(const std::string& name) { return ::testing::TempDir() + "/" + name; }

}  // namespace

// Step 3 of the walk-through: the two planted errors, nothing else — the rounded
// area total passes (rounding allowance), the "-" of 2017 is not a finding, the
// density is found by district name on the other sheet, the years (numbers) are labels.
TEST(Walkthrough, ValidateFindsThePlantedErrorsOnly) {
    Workbook wb = readWorkbook(kFixtures + "yearbook.fods");
    std::string rules;
    {
        std::ifstream in(kFixtures + "yearbook.rules");
        rules.assign(std::istreambuf_iterator<char>(in), {});
    }
    Result r = RuleSet::compile(rules, "yearbook.rules").run(wb);
    EXPECT_EQ(rctest::failures(r), (std::vector<std::string>{"DS.matdo@Dân số!C4", "TN.tong@Theo năm!B12"}));
    for (const RuleOutcome& o : r.rules) {
        EXPECT_GT(o.passed + o.failed, 0u) << o.ruleId << " never ran";
        EXPECT_EQ(o.skippedMissingRef + o.skippedNotNumber, 0u) << o.ruleId;
    }
    rctest::ShellRun v = sh("validate --rules " + kFixtures + "yearbook.rules " + kFixtures + "yearbook.fods --lang en");
    EXPECT_EQ(v.code, 1) << v.text;
    EXPECT_NE(v.text.find("C4"), std::string::npos) << v.text;
    EXPECT_NE(v.text.find("B12"), std::string::npos) << v.text;
}

// Step 2: lint with the workbook says a syntax error and a misspelt label in one
// run, and guesses the label meant.
TEST(Walkthrough, LintSaysSyntaxAndReferencesInOneRun) {
    std::ofstream(tmp("yb-typo.rules")) << "sheet \"Dân số\"\nlabels A\n"
                                           "check a: C = round(B / 'Diện tích'!B, 0\n  for rows \"Toàn tỉnh\" to \"Thành phố A\"\n"
                                           "check b: @\"Huyen B\".B > 0\n"
                                           "sheet \"Theo năm\"\nlabels A\nheaders 1\n"
                                           "check c: @\"2018\".#\"Thanh thi\" > 0\n";
    rctest::ShellRun o = sh("lint " + tmp("yb-typo.rules") + " --workbook " + kFixtures + "yearbook.fods --lang en");
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.text.find("yb-typo.rules:3:"), std::string::npos) << o.text;  // the unclosed '('
    EXPECT_NE(o.text.find("yb-typo.rules:5:10: Rule b cannot find the row labelled \"Huyen B\" in \"Dân số\" (did you mean \"Huyện B\"?)"),
              std::string::npos)
        << o.text;
    EXPECT_NE(o.text.find("the column headed \"Thanh thi\" in \"Theo năm\" (did you mean \"Thành thị\"?)"), std::string::npos)
        << o.text;
    o = sh("lint " + kFixtures + "yearbook.rules --workbook " + kFixtures + "yearbook.fods");
    EXPECT_EQ(o.code, 0) << o.text;
}

// The fixture is what its script writes (reproducible, never hand-edited).
TEST(Walkthrough, FixtureIsWhatTheScriptWrites) {
    std::string out = tmp("yearbook-copy");
    rctest::ShellRun r = rctest::runShell("mkdir -p " + out + " && cp " + kFixtures + "make_yearbook.py " + out +
                                          "/ && python3 " + out + "/make_yearbook.py && cmp " + out + "/yearbook.fods " +
                                          kFixtures + "yearbook.fods 2>&1");
    EXPECT_EQ(r.code, 0) << r.text;
}
