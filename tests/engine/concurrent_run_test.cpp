// One compiled RuleSet run from several threads at once (RuleSet::run is const
// and takes its own muparser variables per run): every run gives the result a
// lone run gives. scripts/tsan.sh runs the CLI's workers, which share one
// compiled set, under ThreadSanitizer.
#include <gtest/gtest.h>

#include <thread>

#include "reportcheck/read.h"
#include "reportcheck/rules.h"

using namespace reportcheck;

namespace {

std::string key(const Result& r) {
    std::string k;
    for (const auto& f : r.findings)
        k += f.ruleId + "@" + f.sheet + "!" + f.cell() + "=" + std::to_string(f.actual) + "/" + std::to_string(f.expected) + "\n";
    for (const auto& o : r.rules) k += o.ruleId + ":" + std::to_string(o.passed) + "," + std::to_string(o.failed) + "\n";
    return k;
}

}  // namespace

TEST(ConcurrentRun, OneRuleSetManyThreads) {
    const std::string src = REPORTCHECK_SOURCE_DIR;
    const RuleSet rs = RuleSet::compileFile(src + "/rules/report-536.rules");
    Workbook report = readWorkbook(src + "/sample-workbooks/bao-cao-536.ods");
    Workbook small = readWorkbook(src + "/tests/fixtures/small.ods");
    const std::string want = key(rs.run(report)), wantSmall = key(rs.run(small));
    ASSERT_FALSE(want.empty());
    constexpr int kThreads = 6, kRuns = 4;
    std::vector<std::string> got(kThreads * kRuns);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            // Two workbooks interleaved: a run's variables never leak into another's.
            for (int i = 0; i < kRuns; ++i) got[t * kRuns + i] = key(rs.run((t + i) % 2 ? small : report));
        });
    for (auto& th : threads) th.join();
    for (int t = 0; t < kThreads; ++t)
        for (int i = 0; i < kRuns; ++i) EXPECT_EQ(got[t * kRuns + i], (t + i) % 2 ? wantSmall : want) << t << "/" << i;
}

// A set moved from has no rules and runs to an empty result.
TEST(ConcurrentRun, MovedFromRunsEmpty) {
    RuleSet a = RuleSet::compile("sheet \"S\"\ncheck x: A1 = 1\n", "m.rules");
    RuleSet b = std::move(a);
    Workbook wb;
    EXPECT_EQ(b.run(wb).rules.size(), 1u);
    EXPECT_EQ(a.run(wb).rules.size(), 0u);  // NOLINT(bugprone-use-after-move): the moved-from state is defined
}
