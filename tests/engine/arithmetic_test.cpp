// The public arithmetic header stands alone: rounding, percent, targets,
// numbers as text and as written, with nothing of the rules language.
#include "reportcheck/arithmetic.h"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace reportcheck;

TEST(Arithmetic, StandsAlone) {
    EXPECT_EQ(roundHalfAway(2.45, 1), 2.5);
    EXPECT_EQ(roundHalfAway(-2.45, 1), -2.5);
    EXPECT_EQ(percent(1, 3, 1), 33.3);
    EXPECT_THROW(percent(1, 0, 1), std::domain_error);
    TargetDirection d;
    ASSERT_TRUE(parseTargetDirection("trên", d));
    EXPECT_EQ(d, TargetDirection::MoreThan);
    EXPECT_EQ(targetStatus(d, 90, 90), TargetStatus::NotMet);
    EXPECT_EQ(targetStatus(TargetDirection::AtLeast, 92.6, 90), TargetStatus::Exceeded);
    EXPECT_DOUBLE_EQ(targetShare(TargetDirection::AtMost, 10, 20), 200);
    double v;
    ASSERT_TRUE(parseTextNumber("87.107", v));
    EXPECT_EQ(v, 87107);
    EXPECT_EQ(formatNumber(87107, "vi"), "87.107");
    EXPECT_EQ(formatNumber(47.5, "vi"), "47,5");
    EXPECT_EQ(formatNumber(47.5, "en"), "47.5");
}
