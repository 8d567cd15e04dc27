// file_io: the one place that reads rules files and includes. Only regular
// files, bounded, a FIFO never blocks; file identity sees through names.
#include "file_io.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

using namespace reportcheck;

namespace {

std::string dir() {
    static std::string d = [] {
        std::string t = ::testing::TempDir();
        if (t.empty() || t.back() != '/') t += '/';
        t += "rc-file-io-XXXXXX";
        return std::string(mkdtemp(&t[0]));
    }();
    return d;
}

std::string messageOf(const std::string& path, size_t max) {
    try {
        readRegularFile(path, max);
    } catch (const FileError& e) {
        return e.text().en + " | " + e.text().vi;
    }
    return "";
}

}  // namespace

TEST(FileIo, ReadsARegularFileWithinTheLimit) {
    std::string p = dir() + "/a.rules";
    std::ofstream(p) << "sheet \"S\"\n";
    EXPECT_EQ(readRegularFile(p, 100), "sheet \"S\"\n");
    EXPECT_EQ(messageOf(p, 5), p + " is larger than the limit of 5 bytes | " + p + " lớn hơn giới hạn 5 byte");
    FileId id;
    ASSERT_TRUE(fileId(p, id));
    auto read = filesRead();
    EXPECT_NE(std::find(read.begin(), read.end(), id), read.end());
}

TEST(FileIo, RefusesWhatIsNotARegularFile) {
    std::string fifo = dir() + "/pipe";
    ASSERT_EQ(mkfifo(fifo.c_str(), 0644), 0);
    // No writer ever comes: a blocking open would hang here.
    EXPECT_EQ(messageOf(fifo, 100), fifo + " is not a regular file (it is a named pipe (FIFO)) | " + fifo +
                                        " không phải tệp thường (là ống có tên (FIFO))");
    EXPECT_THROW(requireRegularFile(fifo), FileError);
    EXPECT_EQ(messageOf(dir(), 100), dir() + " is not a regular file (it is a directory) | " + dir() +
                                         " không phải tệp thường (là thư mục)");
    EXPECT_EQ(messageOf("/dev/null", 100), "/dev/null is not a regular file (it is a device) | /dev/null không phải tệp thường (là thiết bị)");
    EXPECT_EQ(messageOf(dir() + "/none", 100), "file not found: " + dir() + "/none | không tìm thấy tệp: " + dir() + "/none");
}

TEST(FileIo, SameFileSeesThroughLinks) {
    std::string a = dir() + "/same.txt", b = dir() + "/other.txt";
    std::ofstream(a) << "x";
    std::ofstream(b) << "x";
    ASSERT_EQ(symlink(a.c_str(), (dir() + "/sym.txt").c_str()), 0);
    ASSERT_EQ(link(a.c_str(), (dir() + "/hard.txt").c_str()), 0);
    EXPECT_TRUE(sameFile(a, dir() + "/sym.txt"));
    EXPECT_TRUE(sameFile(a, dir() + "/hard.txt"));
    EXPECT_TRUE(sameFile(a, dir() + "/./same.txt"));
    EXPECT_FALSE(sameFile(a, b));
    EXPECT_FALSE(sameFile(a, dir() + "/none"));
}
