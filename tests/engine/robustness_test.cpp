// Other people's rules and workbooks: random damage to the report's real rules
// and workbook gives diagnostics, errors or findings — never a crash or a hang.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "reportcheck/ods.h"
#include "reportcheck/rules.h"

using namespace reportcheck;

namespace {
const std::string kRoot = REPORTCHECK_SOURCE_DIR;

std::string slurp(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Deletes, duplicates or replaces a few random bytes.
std::string damage(std::string s, std::mt19937& rng) {
    std::uniform_int_distribution<int> what(0, 2), count(1, 4);
    static const std::string alphabet = "\"'@#:.,()[]{}=<>+-*/ \t\n0123456789ABCxyzổ";
    for (int n = count(rng); n > 0 && !s.empty(); --n) {
        size_t at = std::uniform_int_distribution<size_t>(0, s.size() - 1)(rng);
        switch (what(rng)) {
            case 0: s.erase(at, std::uniform_int_distribution<size_t>(1, 8)(rng)); break;
            case 1: s.insert(at, s.substr(at, 12)); break;
            default: s[at] = alphabet[std::uniform_int_distribution<size_t>(0, alphabet.size() - 1)(rng)];
        }
    }
    return s;
}
}  // namespace

TEST(Robustness, DamagedRulesGiveDiagnosticsOrRun) {
    const std::string rules = slurp(kRoot + "/rules/report-536.rules");
    const Workbook wb = readOds(kRoot + "/sample-workbooks/bao-cao-536.ods");
    std::mt19937 rng(536);
    int rejected = 0, ran = 0;
    for (int i = 0; i < 300; ++i) {
        std::string text = damage(rules, rng);
        auto diags = RuleSet::lint(text, "damaged.rules", Limits::untrusted());
        for (const auto& d : diags) {
            EXPECT_GE(d.line, 1);
            EXPECT_GE(d.column, 1);
            EXPECT_FALSE(d.message.en.empty());
        }
        try {
            RuleSet rs = RuleSet::compile(text, "damaged.rules", Limits::untrusted());
            EXPECT_TRUE(diags.empty());
            Result r = rs.run(wb);
            for (const auto& f : r.findings) EXPECT_FALSE(f.message.vi.empty());
            ++ran;
        } catch (const RulesError&) {
            EXPECT_FALSE(diags.empty());
            ++rejected;
        }
    }
    EXPECT_GT(rejected, 0);
    EXPECT_GT(ran, 0);
}

TEST(Robustness, DamagedWorkbookContentIsAnErrorOrAWorkbook) {
    // Truncated copies and copies with flipped bytes (deflate and CRC catch most; some get through to the XML).
    const std::string ods = slurp(kRoot + "/sample-workbooks/bao-cao-536.ods");
    std::mt19937 rng(11);
    std::string path = ::testing::TempDir() + "/damaged.ods";
    int errors = 0;
    for (int i = 0; i < 60; ++i) {
        std::string bytes = ods;
        if (i % 2) bytes.resize(std::uniform_int_distribution<size_t>(0, ods.size() - 1)(rng));
        else
            for (int k = 0; k < 20; ++k)
                bytes[std::uniform_int_distribution<size_t>(0, bytes.size() - 1)(rng)] ^= 0x5A;
        std::ofstream(path, std::ios::binary) << bytes;
        try {
            Workbook wb = readOds(path);
            RuleSet::compileFile(kRoot + "/rules/report-536.rules").run(wb);
        } catch (const OdsError& e) {
            EXPECT_NE(e.text().en.find("damaged.ods"), std::string::npos) << e.text().en;
            ++errors;
        }
    }
    EXPECT_GT(errors, 0);
}
