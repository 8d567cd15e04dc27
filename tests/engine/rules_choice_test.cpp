// Which rules check a workbook (issue 9: the report-536 rules never run on
// another office's workbook unless it or the user names them).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "reportcheck/rules_choice.h"

using namespace reportcheck;

namespace {

RulesOffer offer() {
    RulesOffer o;
    o.bundledSets = {"report-536", "thu-nghiem"};
    return o;
}

}  // namespace

TEST(RulesChoice, NothingEmbeddedGivenOrNamedRunsNothing) {
    RulesChoice c = chooseRules(offer());
    EXPECT_EQ(c.source, RulesSource::None);
    EXPECT_EQ(c.why, RulesWhy::NoRules);
    EXPECT_EQ(c.origin(), "");
}

TEST(RulesChoice, EmbeddedRulesWinAndSayTheUsersChoiceWasIgnored) {
    RulesOffer o = offer();
    o.embedded = true;
    o.workbookSet = "report-536";
    RulesChoice c = chooseRules(o);
    EXPECT_EQ(c.source, RulesSource::Embedded);
    EXPECT_FALSE(c.userIgnored);
    EXPECT_EQ(c.origin(), "embedded");
    o.rulesFile = "mine.rules";
    EXPECT_TRUE(chooseRules(o).userIgnored);
    o.rulesFile.clear();
    o.userSet = "thu-nghiem";
    EXPECT_TRUE(chooseRules(o).userIgnored);
    o.ignoreEmbedded = true;
    c = chooseRules(o);
    EXPECT_EQ(c.source, RulesSource::BundledSet);
    EXPECT_EQ(c.why, RulesWhy::UserSet);
    EXPECT_EQ(c.origin(), "bundled:thu-nghiem");
    EXPECT_FALSE(c.userIgnored);
}

TEST(RulesChoice, UserFileThenUserSetThenWorkbookSet) {
    RulesOffer o = offer();
    o.workbookSet = "report-536";
    o.userSet = "thu-nghiem";
    o.rulesFile = "mine.rules";
    RulesChoice c = chooseRules(o);
    EXPECT_EQ(c.source, RulesSource::File);
    EXPECT_EQ(c.why, RulesWhy::UserFile);
    EXPECT_EQ(c.origin(), "mine.rules");
    o.rulesFile.clear();
    c = chooseRules(o);
    EXPECT_EQ(c.why, RulesWhy::UserSet);
    EXPECT_EQ(c.set, "thu-nghiem");
    o.userSet.clear();
    c = chooseRules(o);
    EXPECT_EQ(c.source, RulesSource::BundledSet);
    EXPECT_EQ(c.why, RulesWhy::WorkbookSet);
    EXPECT_EQ(c.origin(), "bundled:report-536");
    o.workbookSet = "  report-536 \n";  // typed by hand in a property dialog
    EXPECT_EQ(chooseRules(o).set, "report-536");
}

TEST(RulesChoice, AWorkbooksSetNameOnlySelectsABundledSet) {
    RulesOffer o = offer();
    for (const char* name : {"report-999", "../report-536", "/etc/passwd", "report-536.rules"}) {
        o.workbookSet = name;
        RulesChoice c = chooseRules(o);
        EXPECT_EQ(c.source, RulesSource::None) << name;
        EXPECT_EQ(c.why, RulesWhy::UnknownSet) << name;
        EXPECT_EQ(c.set, name);
    }
}

TEST(RulesChoice, BundledSetsAreTheRulesFilesOfOneDirectory) {
    std::string d = ::testing::TempDir() + "/rc-sets";
    mkdir(d.c_str(), 0755);
    mkdir((d + "/parts").c_str(), 0755);
    mkdir((d + "/dir.rules").c_str(), 0755);
    std::ofstream(d + "/thu-nghiem.rules") << "# =========\n#\n# Quy tắc thử nghiệm — test rules\nsheet \"A\"\n";
    std::ofstream(d + "/b.rules") << "sheet \"A\"\n# not a title: the header comment is over\n";
    std::ofstream(d + "/parts/part.rules") << "# included by a set, not a set\n";
    std::ofstream(d + "/notes.txt") << "# not rules\n";
    auto sets = bundledRuleSets(d);
    ASSERT_EQ(sets.size(), 2u);
    EXPECT_EQ(sets[0].name, "b");
    EXPECT_EQ(sets[0].title, "");
    EXPECT_EQ(sets[1].name, "thu-nghiem");
    EXPECT_EQ(sets[1].path, d + "/thu-nghiem.rules");
    EXPECT_EQ(sets[1].title, "Quy tắc thử nghiệm — test rules");
    EXPECT_TRUE(bundledRuleSets(d + "/missing").empty());
}
