// `reportcheck suggest` end to end: the JSON document, a draft that the same
// command line validates with, -o never overwriting an input, bad --format.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "test_util.h"

namespace {

const std::string kCli = REPORTCHECK_CLI;
const std::string kSample = std::string(REPORTCHECK_SOURCE_DIR) + "/sample-workbooks/bao-cao-536.ods";
const std::string kBlank = std::string(REPORTCHECK_SOURCE_DIR) + "/sample-workbooks/mau-trong.ods";

struct Out {
    int code;
    std::string text;
};

Out sh(const std::string& args) {
    std::string cmd = kCli + " " + args + " 2>&1";
    rctest::ShellRun r = rctest::runShell(cmd);
    return {r.code, r.text};
}

std::string tmp(const std::string& name) { return ::testing::TempDir() + "/" + name; }

}  // namespace

TEST(SuggestCli, JsonDocument) {
    Out o = sh("suggest '" + kSample + "' --format json");
    EXPECT_EQ(o.code, 0) << o.text;
    EXPECT_EQ(o.text.rfind("{\"format\": \"reportcheck-suggestions\", \"version\": 1, \"files\": [", 0), 0u);
    EXPECT_NE(o.text.find("\"kind\": \"sum\""), std::string::npos);
    EXPECT_NE(o.text.find("\"kind\": \"division\""), std::string::npos);
}

TEST(SuggestCli, DraftValidatesTheReport) {
    std::string draft = tmp("draft-536.rules");
    Out s = sh("suggest '" + kSample + "' -o '" + draft + "'");
    ASSERT_EQ(s.code, 0) << s.text;
    Out lint = sh("lint '" + draft + "'");
    EXPECT_EQ(lint.code, 0) << lint.text;
    // The report has errors (issue 10: the draft finds most of the hand-written rules' errors).
    Out v = sh("validate --ignore-embedded --rules '" + draft + "' '" + kSample + "' --format json");
    EXPECT_EQ(v.code, 1) << v.text;
    EXPECT_NE(v.text.find("\"sheet\": \"Biểu 11\", \"cell\": \"E13\""), std::string::npos);
}

TEST(SuggestCli, BlankTemplateDraftHasNoFindings) {
    std::string draft = tmp("draft-blank.rules");
    ASSERT_EQ(sh("suggest '" + kBlank + "' -o '" + draft + "'").code, 0);
    Out v = sh("validate --ignore-embedded --rules '" + draft + "' '" + kBlank + "'");
    EXPECT_EQ(v.code, 0) << v.text;
}

TEST(SuggestCli, NeverOverwritesAnInput) {
    std::string in = tmp("suggest-in.ods");
    {
        std::ifstream src(kBlank, std::ios::binary);
        std::ofstream dst(in, std::ios::binary);
        dst << src.rdbuf();
    }
    Out o = sh("suggest '" + in + "' -o '" + in + "'");
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.text.find("không ghi đè tệp đầu vào"), std::string::npos) << o.text;
    EXPECT_EQ(sh("suggest '" + in + "' --format html").code, 2);
}
