// One bilingual text type (reportcheck/text.h) carries every message until the
// place that knows the reader's language: the errors readers throw hold both
// languages whole (each with the path), and the command line prints one of
// them, the one --lang chose, never "English / Tiếng Việt".
#include <gtest/gtest.h>

#include <fstream>

#include "file_io.h"
#include "reportcheck/ods.h"
#include "reportcheck/read.h"
#include "reportcheck/rules.h"
#include "reportcheck/text.h"
#include "test_util.h"

using namespace reportcheck;

namespace {

const std::string kCli = REPORTCHECK_CLI;

std::string run(const std::string& args) { return rctest::runShell(kCli + " " + args + " 2>&1").text; }

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// A Vietnamese letter with a diacritic: text in Vietnamese has some, the
// English messages none.
bool hasVietnamese(const std::string& s) {
    for (const char* w : {"ả", "ô", "ư", "ệ", "ớ", "ạ", "đ", "ỏ", "ợ"})
        if (has(s, w)) return true;
    return false;
}

std::string rulesFile() {
    std::string path = ::testing::TempDir() + "/one-language.rules";
    std::ofstream(path) << "sheet \"S\"\ncheck a: C3 = C3\n";
    return path;
}

// content.xml cut off inside a tag: the .ods reader's own "not well-formed".
std::string corruptOds() {
    return rctest::writeZip("corrupt.ods", {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                                            {"content.xml", "<?xml version=\"1.0\"?><office:document-content><tab"}});
}

}  // namespace

TEST(OneLanguage, TextPicksOneSide) {
    Text t{"tệp hỏng", "damaged file"};
    EXPECT_EQ(t.in("vi"), "tệp hỏng");
    EXPECT_EQ(t.in("en"), "damaged file");
    EXPECT_EQ(t.in(""), "tệp hỏng");  // Vietnamese first
    Text joined = same("a.ods: ") + t;
    EXPECT_EQ(joined.vi, "a.ods: tệp hỏng");
    EXPECT_EQ(joined.en, "a.ods: damaged file");
}

TEST(OneLanguage, ExceptionsCarryBothAndWhatIsOne) {
    try {
        throw ReadError(Text{"x.ods: hỏng", "x.ods: damaged"});
    } catch (const std::exception& e) {
        EXPECT_EQ(textOf(e).en, "x.ods: damaged");
        EXPECT_EQ(textOf(e).vi, "x.ods: hỏng");
        EXPECT_STREQ(e.what(), "x.ods: hỏng");  // one language, never both
    }
    std::runtime_error plain("libzip said so");
    EXPECT_EQ(textOf(plain).vi, "libzip said so");
    EXPECT_EQ(textOf(plain).en, "libzip said so");
}

// Every reader says its errors as a pair from the start: a path holding " / "
// and ": " stays whole in both languages (no splitting of one string).
TEST(OneLanguage, APathWithSlashAndColonStaysWholeInBothLanguages) {
    const std::string path = ::testing::TempDir() + "/a / b: c.ods";
    std::ofstream(path, std::ios::binary) << "not a zip";
    try {
        readWorkbook(path);
        FAIL() << "a file that is not a zip must not read";
    } catch (const TextError& e) {
        EXPECT_EQ(e.text().vi.rfind(path + ": ", 0), 0u) << e.text().vi;
        EXPECT_EQ(e.text().en.rfind(path + ": ", 0), 0u) << e.text().en;
        EXPECT_EQ(e.text().en.find("không"), std::string::npos) << e.text().en;
    }
}

TEST(OneLanguage, TheOdsReadersErrorHoldsEachLanguageWhole) {
    const std::string path = corruptOds();
    try {
        readOds(path);
        FAIL() << "a cut content.xml was read";
    } catch (const OdsError& e) {
        EXPECT_EQ(e.text().en.rfind(path + ": content.xml is not well-formed XML", 0), 0u) << e.text().en;
        EXPECT_EQ(e.text().vi.rfind(path + ": content.xml hỏng", 0), 0u) << e.text().vi;
        EXPECT_FALSE(has(e.text().en, " / ")) << e.text().en;
        EXPECT_FALSE(has(e.text().vi, " / ")) << e.text().vi;
    }
}

TEST(OneLanguage, FileErrorsAreText) {
    try {
        readRegularFile("/no/such/file.rules", 100);
        FAIL();
    } catch (const FileError& e) {
        EXPECT_EQ(e.text().en, "file not found: /no/such/file.rules");
        EXPECT_EQ(e.text().vi, "không tìm thấy tệp: /no/such/file.rules");
    }
    try {
        RuleSet::compileFile("/no/such/file.rules");
        FAIL();
    } catch (const RulesError& e) {
        ASSERT_EQ(e.diagnostics().size(), 1u);
        EXPECT_EQ(e.diagnostics()[0].format("en"), "/no/such/file.rules:0:0: cannot read the rules file: file not found: /no/such/file.rules");
        EXPECT_EQ(e.diagnostics()[0].format("vi"),
                  "/no/such/file.rules:0:0: không đọc được tệp quy tắc: không tìm thấy tệp: /no/such/file.rules");
    }
}

// The CLI's stderr for a corrupt .ods says it in the chosen language only.
TEST(OneLanguage, CliSaysACorruptOdsInTheChosenLanguageOnly) {
    const std::string path = corruptOds(), rules = rulesFile();
    std::string en = run("validate " + path + " --rules " + rules + " --lang en");
    EXPECT_TRUE(has(en, path + ": content.xml is not well-formed XML")) << en;
    EXPECT_FALSE(hasVietnamese(en)) << en;
    std::string vi = run("validate " + path + " --rules " + rules + " --lang vi");
    EXPECT_TRUE(has(vi, path + ": content.xml hỏng")) << vi;
    EXPECT_FALSE(has(vi, "not well-formed")) << vi;
    // Not a zip at all: libzip's reason, in the English only.
    const std::string notZip = ::testing::TempDir() + "/not-a-zip.ods";
    std::ofstream(notZip) << "plain text, no zip";
    en = run("validate " + notZip + " --rules " + rules + " --lang en");
    EXPECT_TRUE(has(en, notZip)) << en;
    EXPECT_FALSE(hasVietnamese(en)) << en;
    vi = run("validate " + notZip + " --rules " + rules + " --lang vi");
    EXPECT_TRUE(hasVietnamese(vi)) << vi;
    EXPECT_FALSE(has(vi, " / ")) << vi;
}

// The same through liborcus (orcus_reader.cpp still writes "en / vi": the
// adapter splits it) and through the command line's own errors.
TEST(OneLanguage, CliSaysOtherReadersAndItsOwnErrorsInOneLanguage) {
    const std::string rules = rulesFile();
    const std::string xlsx = rctest::writeZip(
        "corrupt.xlsx", {{"[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
                         {"xl/workbook.xml", "<workbook><sheets><sheet"}});
    std::string en = run("validate " + xlsx + " --rules " + rules + " --lang en");
    EXPECT_TRUE(has(en, xlsx + ": ")) << en;
    EXPECT_FALSE(hasVietnamese(en)) << en;
    std::string vi = run("validate " + xlsx + " --rules " + rules + " --lang vi");
    EXPECT_TRUE(has(vi, xlsx + ": ")) << vi;
    EXPECT_TRUE(hasVietnamese(vi)) << vi;
    EXPECT_FALSE(has(vi, "cannot")) << vi;

    const std::string ods = std::string(REPORTCHECK_SOURCE_DIR) + "/tests/fixtures/small.ods";
    en = run("validate " + ods + " --rules /no/such/file.rules --lang en");
    EXPECT_TRUE(has(en, "cannot read the rules file: file not found")) << en;
    EXPECT_FALSE(hasVietnamese(en)) << en;
    vi = run("validate " + ods + " --rules /no/such/file.rules --lang vi");
    EXPECT_TRUE(has(vi, "không đọc được tệp quy tắc: không tìm thấy tệp")) << vi;
    EXPECT_FALSE(has(vi, "file not found")) << vi;

    // -o naming a directory: the command line's own error.
    en = run("validate " + ods + " --rules " + rules + " --lang en -o " + ::testing::TempDir());
    EXPECT_TRUE(has(en, "cannot write " + ::testing::TempDir())) << en;
    EXPECT_FALSE(hasVietnamese(en)) << en;
    vi = run("validate " + ods + " --rules " + rules + " --lang vi -o " + ::testing::TempDir());
    EXPECT_TRUE(has(vi, "không ghi được " + ::testing::TempDir())) << vi;
    EXPECT_FALSE(has(vi, "cannot write")) << vi;
}
