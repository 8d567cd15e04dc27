// readOdsMemory: the same workbook from bytes as from the file (the fuzz
// target fuzz_ods reads through it), and bad bytes are an OdsError naming them.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "reportcheck/ods.h"

using namespace reportcheck;

namespace {
std::string slurp(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
}  // namespace

TEST(OdsMemory, SameWorkbookAsFromTheFile) {
    const std::string path = std::string(REPORTCHECK_SOURCE_DIR) + "/tests/fixtures/embedded.ods";
    Workbook fromFile = readOds(path);
    Workbook fromBytes = readOdsMemory(slurp(path), "attachment.ods");
    EXPECT_EQ(fromBytes.path, "attachment.ods");
    ASSERT_EQ(fromBytes.sheets.size(), fromFile.sheets.size());
    for (size_t s = 0; s < fromFile.sheets.size(); ++s) {
        const Sheet &a = fromFile.sheets[s], &b = fromBytes.sheets[s];
        EXPECT_EQ(b.name(), a.name());
        ASSERT_EQ(b.rows(), a.rows());
        ASSERT_EQ(b.cols(), a.cols());
        for (int r = 0; r < a.rows(); ++r)
            for (int c = 0; c < a.cols(); ++c) {
                EXPECT_EQ(b.at(r, c).kind, a.at(r, c).kind) << cellName(r, c);
                EXPECT_EQ(b.at(r, c).number, a.at(r, c).number) << cellName(r, c);
                EXPECT_EQ(b.at(r, c).text, a.at(r, c).text) << cellName(r, c);
                EXPECT_EQ(b.at(r, c).decimals, a.at(r, c).decimals) << cellName(r, c);
            }
    }
    EXPECT_EQ(fromBytes.names.size(), fromFile.names.size());
    EXPECT_FALSE(fromBytes.embeddedRules.empty());
    EXPECT_EQ(fromBytes.embeddedRules, fromFile.embeddedRules);
}

TEST(OdsMemory, BadBytesAreAnErrorNamingThem) {
    for (const std::string& bytes : {std::string(), std::string("PK\x03\x04 not really a zip", 22)}) {
        try {
            readOdsMemory(bytes, "attachment.ods");
            FAIL() << "no error for " << bytes.size() << " bytes";
        } catch (const OdsError& e) {
            EXPECT_NE(e.text().en.find("attachment.ods"), std::string::npos) << e.text().en;
        }
    }
}
