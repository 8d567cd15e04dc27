// The reportcheck command line as users run it: exit codes, formats, lint,
// several files in parallel, never writing its input, which rules run on a
// workbook that is not report 536, and the usage.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "reportcheck/embedding.h"
#include "reportcheck/present.h"
#include "test_util.h"

namespace {

const std::string kCli = REPORTCHECK_CLI;
const std::string kFixtures = std::string(REPORTCHECK_SOURCE_DIR) + "/tests/fixtures/";

struct Out {
    int code;
    std::string text;
};

// `env` is put before the command ("REPORTCHECK_RULES_DIR=/x"); stderr is
// read too unless `withStderr` is false.
Out sh(const std::string& args, const std::string& env = "", bool withStderr = true) {
    std::string cmd = env + " " + kCli + " " + args + (withStderr ? " 2>&1" : " 2>/dev/null");
    rctest::ShellRun r = rctest::runShell(cmd);
    return {r.code, r.text};
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string tmp(const std::string& name) { return ::testing::TempDir() + "/" + name; }

}  // namespace

TEST(Cli, EmbeddedRulesFindingsAndExitCodeOne) {
    Out o = sh(kFixtures + "embedded.ods");
    EXPECT_EQ(o.code, 2);  // no command
    o = sh("validate " + kFixtures + "embedded.ods --lang en");
    EXPECT_EQ(o.code, 1);
    EXPECT_NE(o.text.find("== Biểu 1 =="), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("C2"), std::string::npos);
    EXPECT_NE(o.text.find("Total is 52, the test expects 50"), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("rules: embedded in the workbook"), std::string::npos);
}

TEST(Cli, CleanIsExitZero) {
    std::ofstream(tmp("ok.rules")) << "sheet \"Biểu 1\"\ncheck ok: C3 + C4 + C5 = C2\n";
    Out o = sh("validate " + kFixtures + "small.ods --rules " + tmp("ok.rules"));
    // the #VALUE! cell in C7 is a finding of its own
    EXPECT_EQ(o.code, 1);
    std::ofstream(tmp("ok2.rules")) << "sheet \"Trống\"\ncheck ok: 1 = 1\n";
    o = sh("validate " + kFixtures + "small.ods --rules " + tmp("ok2.rules"));
    EXPECT_EQ(o.code, 0) << o.text;
    EXPECT_NE(o.text.find("Không có phát hiện nào"), std::string::npos);
}

TEST(Cli, BadInputIsExitTwoWithFileLineColumn) {
    std::ofstream(tmp("bad.rules")) << "sheet \"S\"\ncheck a: C5 = (D5 +\n";
    Out o = sh("validate " + kFixtures + "small.ods --rules " + tmp("bad.rules"));
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.text.find("bad.rules:2:20:"), std::string::npos) << o.text;
    o = sh("validate /no/such/file.ods --rules " + tmp("ok2.rules"));
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.text.find("/no/such/file.ods"), std::string::npos);
    o = sh("validate x.ods --format pdf");
    EXPECT_EQ(o.code, 2);
    o = sh("frobnicate x.ods");
    EXPECT_EQ(o.code, 2);
}

TEST(Cli, LintReportsEveryProblem) {
    std::ofstream(tmp("lint.rules")) << "sheet \"S\"\ncheck a: C5 = (\ncheck b 1 = 1\ntotal t: cols B\n  \"a\"\n";
    Out o = sh("lint " + tmp("lint.rules") + " --lang en");
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.text.find("lint.rules:2:16: the expression ends too early"), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("lint.rules:3:9: expected an attribute"), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("lint.rules:4:1: a total needs at least one line"), std::string::npos) << o.text;
    std::ofstream(tmp("clean.rules")) << "sheet \"S\"\ncheck a: C5 = 1\n";
    o = sh("lint " + tmp("clean.rules"));
    EXPECT_EQ(o.code, 0);
}

TEST(Cli, JsonAndHtml) {
    Out o = sh("validate " + kFixtures + "embedded.ods --format json");
    EXPECT_EQ(o.code, 1);
    EXPECT_NE(o.text.find("\"format\": \"reportcheck-findings\""), std::string::npos);
    EXPECT_NE(o.text.find("\"rule\": \"nhung.sai\", \"severity\": \"warning\", \"kind\": \"check\", \"sheet\": \"Biểu 1\", "
                          "\"cell\": \"C2\", \"rowLabel\": \"Tổng số\", \"expected\": 50, \"actual\": 52, \"difference\": 2"),
              std::string::npos)
        << o.text;
    EXPECT_NE(o.text.find("\"summary\": {\"errors\": 1, \"warnings\": 1, \"infos\": 0, \"rulesRun\": 2, \"rulesFailed\": 1}"),
              std::string::npos)
        << o.text;
    o = sh("validate " + kFixtures + "embedded.ods --format html -o " + tmp("out.html"));
    EXPECT_EQ(o.code, 1);
    std::string page = slurp(tmp("out.html"));
    EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_NE(page.find("<html lang=\"vi\">"), std::string::npos);
    EXPECT_LT(page.find("<th>Trang</th>"), page.find("<th>Ô</th>"));  // per-sheet summary first
    EXPECT_EQ(page.find("<script"), std::string::npos);
    EXPECT_EQ(page.find("http"), std::string::npos);  // self-contained
}

TEST(Cli, ManyFilesInParallelWithSummaryLines) {
    std::string files;
    for (int i = 0; i < 6; ++i) files += " " + kFixtures + (i % 2 ? "small.ods" : "embedded.ods");
    std::ofstream(tmp("parallel.rules")) << "sheet \"Trống\"\ncheck ok: 1 = 1\n";  // its own: tests run at once
    Out one = sh("validate -j 1 --format json --rules " + tmp("parallel.rules") + files);
    Out par = sh("validate -j 4 --format json --rules " + tmp("parallel.rules") + files);
    EXPECT_EQ(one.text, par.text) << "-j 4 printed:\n" << par.text;  // same output, in the order given
    Out text = sh("validate -j 3 --rules " + tmp("parallel.rules") + files);
    EXPECT_NE(text.text.find("Tóm tắt:"), std::string::npos);
    EXPECT_EQ(text.code, 1);
}

TEST(Cli, NeverWritesItsInput) {
    std::string copy = tmp("copy.ods");
    {
        std::ofstream(copy, std::ios::binary) << slurp(kFixtures + "embedded.ods");
    }
    chmod(copy.c_str(), 0444);
    std::string before = slurp(copy);
    struct stat st1, st2;
    stat(copy.c_str(), &st1);
    sh("validate " + copy + " --format html");
    Out o = sh("validate " + copy + " -o " + copy);
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.text.find("không ghi đè"), std::string::npos);
    stat(copy.c_str(), &st2);
    EXPECT_EQ(slurp(copy), before);
    EXPECT_EQ(st1.st_mtime, st2.st_mtime);
}

TEST(Cli, LintAgainstAWorkbookFindsMissingReferences) {
    std::ofstream(tmp("refs.rules")) << "sheet \"Biểu 1\"\ncheck a: @\"Tổng số\".C = 52\n"
                                        "check b: @\"Không có\".C = 1\n"
                                        "total t: cols C\n  \"Tổng số\"\n    \"Nghị quyết\"\n    \"Thiếu\"\n"
                                        "sheet \"Biểu 99\"\ncheck c: A1 = 1\n";
    Out o = sh("lint " + tmp("refs.rules") + " --workbook " + kFixtures + "small.ods --lang en");
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.text.find("refs.rules:3:10: Rule b cannot find the row labelled \"Không có\""), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("refs.rules:7:5: Rule t cannot find the row labelled \"Thiếu\""), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("refs.rules:9:1: Rule c cannot find sheet \"Biểu 99\""), std::string::npos) << o.text;
    EXPECT_EQ(o.text.find("Rule a"), std::string::npos) << o.text;
    // The place is said once, at the start of the line (issue 9), and "Biểu 99"
    // is not guessed to be "Biểu 1" (another number is another table).
    EXPECT_EQ(o.text.find("(" + tmp("refs.rules") + ":"), std::string::npos) << o.text;
    EXPECT_EQ(o.text.find("did you mean"), std::string::npos) << o.text;
    // A sheet name without its diacritics is.
    std::ofstream(tmp("typo.rules")) << "sheet \"Bieu 1\"\ncheck a: C5 = 1\n";
    o = sh("lint " + tmp("typo.rules") + " --workbook " + kFixtures + "small.ods");
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.text.find("typo.rules:2:1: Quy tắc a không tìm thấy trang \"Bieu 1\" (có phải \"Biểu 1\"?)\n"),
              std::string::npos) << o.text;
    o = sh("lint " + tmp("refs.rules"));  // without the workbook: the syntax is fine
    EXPECT_EQ(o.code, 0) << o.text;
}

// small.ods is not report 536, but its sheet "Biểu 1" is also one of the
// report's: the bundled report-536 rules used to run on it and report
// "problems" (issue 9). Now nothing runs, the user is told why and what to do,
// and the exit code is 2.
TEST(CliRules, AWorkbookWithoutRulesIsToldSoNotChecked) {
    Out o = sh("validate " + kFixtures + "small.ods");
    EXPECT_EQ(o.code, 2) << o.text;
    EXPECT_NE(o.text.find("  Bảng tính chưa có quy tắc kiểm tra."), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("--rules TỆP.rules"), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("--rules-set report-536"), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("ReportCheck.RuleSet = report-536"), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("chưa có lệnh đề xuất quy tắc"), std::string::npos) << o.text;
    EXPECT_EQ(o.text.find("This workbook has no checks yet"), std::string::npos) << o.text;  // one language at a time
    Out en = sh("validate " + kFixtures + "small.ods --lang en");
    EXPECT_NE(en.text.find("  This workbook has no checks yet."), std::string::npos) << en.text;
    EXPECT_NE(en.text.find("has no command yet that suggests rules"), std::string::npos) << en.text;
    EXPECT_EQ(en.text.find("Bảng tính chưa có"), std::string::npos) << en.text;
    EXPECT_EQ(o.text.find("== Biểu 1 =="), std::string::npos) << o.text;  // no findings from someone else's rules
    EXPECT_EQ(o.text.find("report-536.rules:"), std::string::npos) << o.text;
    // With a workbook that does carry rules: that one is checked, the run still exits 2.
    o = sh("validate --format json " + kFixtures + "embedded.ods " + kFixtures + "small.ods");
    EXPECT_EQ(o.code, 2) << o.text;
    EXPECT_NE(o.text.find("\"rules\": \"embedded\""), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("\"ok\": false,\n      \"error\": \"Bảng tính chưa có quy tắc kiểm tra.\\n"),
              std::string::npos)
        << o.text;
    EXPECT_NE(o.text.find("\"rules\": null"), std::string::npos) << o.text;
    o = sh("validate -j 2 " + kFixtures + "small.ods " + kFixtures + "embedded.ods");
    EXPECT_NE(o.text.find("small.ods: không kiểm tra được: Bảng tính chưa có quy tắc kiểm tra.\n"),
              std::string::npos)
        << o.text;  // the summary line: one line
}

TEST(CliRules, TheUserNamesABundledSet) {
    Out o = sh("rule-sets");
    EXPECT_EQ(o.code, 0) << o.text;
    EXPECT_EQ(o.text.rfind("report-536  Quy tắc kiểm tra các biểu thống kê của Báo cáo số 536-BC/TU", 0), 0u) << o.text;
    EXPECT_NE(o.text.find("/share/reportcheck/rules/report-536.rules\n"), std::string::npos) << o.text;
    // Asked for by name, the report's rules run on any workbook, and say what they miss.
    o = sh("validate " + kFixtures + "small.ods --rules-set report-536 --lang en");
    EXPECT_EQ(o.code, 1) << o.text.substr(0, 2000);
    EXPECT_NE(o.text.find("(rules: bundled set report-536)"), std::string::npos) << o.text.substr(o.text.size() - 400);
    o = sh("validate " + kFixtures + "small.ods --rules-set report-536 --format json");
    EXPECT_NE(o.text.find("\"rules\": \"bundled:report-536\""), std::string::npos);
    o = sh("validate " + kFixtures + "small.ods --rules-set bao-cao-khac");
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.text.find("không có bộ quy tắc kèm theo tên \"bao-cao-khac\"; có: report-536"), std::string::npos) << o.text;
    o = sh("validate " + kFixtures + "small.ods --rules-set bao-cao-khac --lang en");
    EXPECT_NE(o.text.find("--rules-set: no bundled rule set named \"bao-cao-khac\"; there are: report-536\n"), std::string::npos) << o.text;
    std::ofstream(tmp("ok3.rules")) << "sheet \"Trống\"\ncheck ok: 1 = 1\n";
    o = sh("validate " + kFixtures + "small.ods --rules-set report-536 --rules " + tmp("ok3.rules"));
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.text.find("--rules và --rules-set: chỉ dùng một / use one of them"), std::string::npos) << o.text;
}

TEST(CliRules, TheWorkbookNamesItsSet) {
    std::string dir = tmp("sets");
    mkdir(dir.c_str(), 0755);
    std::ofstream(dir + "/thu-nghiem.rules") << "# Bộ thử nghiệm cho small.ods / a test set for small.ods\n"
                                                "sheet \"Biểu 1\"\ncheck tong warning: C3 + C4 + C5 = 50\n";
    std::string env = "REPORTCHECK_RULES_DIR=" + dir;
    Out o = sh("rule-sets", env);
    EXPECT_EQ(o.text, "thu-nghiem  Bộ thử nghiệm cho small.ods / a test set for small.ods\n            " + dir + "/thu-nghiem.rules\n");
    std::string named = tmp("named.ods");
    rctest::copyOdsWithProperties(kFixtures + "small.ods", named, {{reportcheck::embedding::kRuleSet, "thu-nghiem"}});
    o = sh("validate " + named, env);
    EXPECT_EQ(o.code, 1) << o.text;
    EXPECT_NE(o.text.find("C3    cảnh báo  [tong]"), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("(quy tắc: bộ quy tắc kèm theo thu-nghiem)"), std::string::npos) << o.text;
    // Another machine, without that set: said, not guessed.
    o = sh("validate " + named);
    EXPECT_EQ(o.code, 2) << o.text;
    EXPECT_NE(o.text.find("Bảng tính ghi bộ quy tắc \"thu-nghiem\" (ReportCheck.RuleSet) nhưng không có bộ nào tên đó kèm theo "
                          "(có: report-536)."),
              std::string::npos)
        << o.text;
    // The name is never a path.
    std::string sneaky = tmp("sneaky.ods");
    rctest::copyOdsWithProperties(kFixtures + "small.ods", sneaky, {{reportcheck::embedding::kRuleSet, "../sets/thu-nghiem"}});
    o = sh("validate " + sneaky, env);
    EXPECT_EQ(o.code, 2) << o.text;
    EXPECT_NE(o.text.find("không có bộ nào tên đó"), std::string::npos) << o.text;
}

TEST(CliRules, IgnoredRulesAreSaidOnStderr) {
    std::ofstream(tmp("ok4.rules")) << "sheet \"Trống\"\ncheck ok: 1 = 1\n";
    std::string args = "validate " + kFixtures + "embedded.ods " + kFixtures + "embedded.ods --format json --rules " + tmp("ok4.rules");
    Out all = sh(args);
    Out out = sh(args, "", false);
    std::string line = kFixtures + "embedded.ods: bảng tính có quy tắc nhúng nên bỏ qua --rules " + tmp("ok4.rules") +
                       " (thêm --ignore-embedded để dùng)\n";
    EXPECT_EQ(all.text, line + line + out.text);  // one line per workbook, on stderr only
    EXPECT_EQ(out.text.find("bỏ qua"), std::string::npos);
    Out used = sh(args + " --ignore-embedded");
    EXPECT_EQ(used.code, 0) << used.text;
    EXPECT_EQ(used.text.find("bỏ qua"), std::string::npos) << used.text;
    EXPECT_NE(used.text.find("\"rules\": " + reportcheck::jsonString(tmp("ok4.rules"))), std::string::npos) << used.text;
    // A workbook with no rules of its own takes --rules without a word.
    Out plain = sh("validate " + kFixtures + "small.ods --rules " + tmp("ok4.rules"));
    EXPECT_EQ(plain.code, 0) << plain.text;
    EXPECT_EQ(plain.text.find("bỏ qua"), std::string::npos) << plain.text;
}

// Numbers at the precision compared, UTF-8 as it is, valid JSON however the
// input is named; the HTML report names each finding's row.
TEST(CliOutput, JsonNumbersTextAndHtmlRowLabels) {
    std::ofstream(tmp("prec.rules")) << "sheet \"Biểu 1\"\n"
                                        "check lech: C3 + 87107.11 = C4 + 87107.12 - 9\n"
                                        "check pct warning decimals 1: C5 / 3 = C4 / 7\n";
    std::string latin1 = tmp("b\xe1o-c\xe1o.ods");  // a name in Latin-1, not UTF-8
    {
        std::ofstream(latin1, std::ios::binary) << slurp(kFixtures + "small.ods");
    }
    Out o = sh("validate " + latin1 + " --rules " + tmp("prec.rules") + " --format json -o " + tmp("prec.json"));
    EXPECT_EQ(o.code, 1) << o.text;
    std::string json = slurp(tmp("prec.json"));
    EXPECT_NE(json.find("\"rule\": \"lech\", \"severity\": \"error\", \"kind\": \"check\", \"sheet\": \"Biểu 1\", \"cell\": \"C3\", "
                        "\"rowLabel\": \"Nghị quyết\", \"expected\": 87123.12, \"actual\": 87123.11, \"difference\": -0.01,"),
              std::string::npos)
        << json;
    // 11/3 against 25/7 compared at one decimal: 3.7 and 3.6.
    EXPECT_NE(json.find("\"cell\": \"C5\", \"rowLabel\": \"Chỉ thị\", \"expected\": 3.6, \"actual\": 3.7, \"difference\": 0.1,"),
              std::string::npos)
        << json;
    EXPECT_EQ(json.find("\\u"), std::string::npos) << json;  // "Biểu 1", not "Bi\u1ec3u 1"
    EXPECT_NE(json.find("b\xEF\xBF\xBDo-c\xEF\xBF\xBDo.ods"), std::string::npos) << json;
    std::string check = "python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding=\"utf-8\"))' " + tmp("prec.json");
    EXPECT_EQ(std::system(check.c_str()), 0) << "not valid JSON:\n" << json;

    o = sh("validate " + kFixtures + "small.ods --rules " + tmp("prec.rules") + " --format html -o " + tmp("prec.html"));
    std::string page = slurp(tmp("prec.html"));
    EXPECT_NE(page.find("<th>Ô</th><th>Dòng</th><th>Mức</th>"), std::string::npos) << page;
    EXPECT_NE(page.find("<tr><td>C3</td><td>Nghị quyết</td><td class=\"error\">"), std::string::npos) << page;
    EXPECT_NE(page.find("<tr><td>C5</td><td>Chỉ thị</td><td class=\"warning\">"), std::string::npos) << page;
    o = sh("validate " + kFixtures + "small.ods --rules " + tmp("prec.rules") + " --format html --lang en -o " + tmp("prec-en.html"));
    EXPECT_NE(slurp(tmp("prec-en.html")).find("<th>Cell</th><th>Row</th><th>Severity</th>"), std::string::npos);
}

TEST(CliUsage, HelpAndMistakes) {
    for (const char* ask : {"help", "-h", "--help", "validate --help", "lint -h", "validate x.ods --bogus --help"}) {
        Out o = sh(ask, "", false);  // the usage on stdout
        EXPECT_EQ(o.code, 0) << ask;
        EXPECT_EQ(o.text.rfind("Cách dùng / Usage:\n", 0), 0u) << ask << "\n" << o.text;
        for (const char* shown : {"--rules-set TÊN", "--lang vi|en", "reportcheck help | -h | --help", "reportcheck rule-sets",
                                  "--ignore-embedded", "-j N", "-o TỆP_RA", "--workbook TỆP.ods"})
            EXPECT_NE(o.text.find(shown), std::string::npos) << ask << ": " << shown;
    }
    struct Mistake {
        std::string args, says;
    };
    for (const Mistake& m : std::vector<Mistake>{{"", "thiếu lệnh / missing command"},
                                                 {"validate " + kFixtures + "small.ods --bogus", "unknown option: --bogus (validate)"},
                                                 {"validate " + kFixtures + "small.ods -x", "unknown option: -x (validate)"},
                                                 {"lint x.rules --rules y.rules", "unknown option: --rules (lint)"},
                                                 {"rule-sets --format json", "unknown option: --format (rule-sets)"},
                                                 {"rule-sets x.rules", "rule-sets: không nhận tệp / takes no files"},
                                                 {"validate", "thiếu tệp / no files given"},
                                                 {"validate x.ods --rules", "--rules: thiếu giá trị / missing rules file"},
                                                 {"frobnicate x.ods", "lệnh không rõ / unknown command: frobnicate"}}) {
        Out o = sh(m.args);
        EXPECT_EQ(o.code, 2) << m.args << "\n" << o.text;
        EXPECT_NE(o.text.find(m.says + "\nCách dùng / Usage:\n"), std::string::npos) << m.args << "\n" << o.text;
    }
}

// `reportcheck rules`: a rules file, a workbook's embedded rules; text, JSON,
// and rules text that compiles again (exit 0), bad rules exit 2.
TEST(CliRules, ListsAndPrintsRules) {
    Out o = sh("rules " + std::string(REPORTCHECK_SOURCE_DIR) + "/rules/report-536.rules --lang en", "", false);
    EXPECT_EQ(o.code, 0) << o.text;
    EXPECT_NE(o.text.find("213 rules"), std::string::npos) << o.text.substr(0, 300);
    EXPECT_NE(o.text.find("B1.tong  [total, error]  Biểu 1  ("), std::string::npos) << o.text.substr(0, 600);
    EXPECT_NE(o.text.find("\"Tổng số văn bản\" = \"Nghị quyết\" + \"Quyết định\""), std::string::npos);

    o = sh("rules " + kFixtures + "embedded.ods --format json", "", false);
    EXPECT_EQ(o.code, 0) << o.text;
    EXPECT_NE(o.text.find("\"format\": \"reportcheck-rules\""), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("\"origin\": \"embedded\""), std::string::npos) << o.text;
    // Embedded rules are named by their workbook (issue 9), not "embedded".
    EXPECT_NE(o.text.find("embedded.ods (quy tắc nhúng)"), std::string::npos) << o.text;

    o = sh("rules " + kFixtures + "embedded.rules --format rules", "", false);
    EXPECT_EQ(o.code, 0);
    std::ofstream(tmp("printed.rules")) << o.text;
    Out again = sh("rules " + tmp("printed.rules") + " --format rules", "", false);
    EXPECT_EQ(again.code, 0) << again.text;
    // The same rules, printed the same way (only the file name line differs).
    EXPECT_EQ(o.text.substr(o.text.find('\n')), again.text.substr(again.text.find('\n')));

    std::ofstream(tmp("bad.rules")) << "sheet \"S\"\ncheck a: C5 =\n";
    o = sh("rules " + tmp("bad.rules"));
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.text.find("bad.rules:2:"), std::string::npos) << o.text;
    o = sh("rules " + kFixtures + "small.ods");
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.text.find("small.ods: bảng tính chưa có quy tắc kiểm tra\n"), std::string::npos) << o.text;
    o = sh("rules " + kFixtures + "small.ods --lang en");
    EXPECT_NE(o.text.find("small.ods: this workbook has no checks yet\n"), std::string::npos) << o.text;
}

// Issue 9: an error in a workbook's embedded rules names the workbook, so the
// user knows which file to open, not a bare "embedded:2:15".
TEST(CliRules, EmbeddedRulesErrorNamesTheWorkbook) {
    std::string bad = tmp("bao-cao.ods");
    rctest::copyOdsWithProperties(kFixtures + "small.ods", bad,
                                  reportcheck::embedding::toProperties("sheet \"S\"\ncheck a: C5 = (D5 +\n"));
    Out o = sh("validate " + bad);
    EXPECT_EQ(o.code, 2) << o.text;
    EXPECT_NE(o.text.find("bao-cao.ods (quy tắc nhúng):2:"), std::string::npos) << o.text;
    EXPECT_EQ(o.text.find("#embedded"), std::string::npos) << o.text;
}
