#include "file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>

namespace reportcheck {

namespace {

std::mutex readMutex;
std::vector<FileId> readIds;  // distinct: bounded by the files a process reads

void remember(const struct stat& st) {
    FileId id{st.st_dev, st.st_ino};
    std::lock_guard<std::mutex> lock(readMutex);
    if (std::find(readIds.begin(), readIds.end(), id) == readIds.end()) readIds.push_back(id);
}

[[noreturn]] void failErrno(const std::string& path, int err) {
    if (err == ENOENT || err == ENOTDIR)
        throw FileError({"không tìm thấy tệp: " + path, "file not found: " + path});
    throw FileError({"không đọc được " + path + ": " + std::strerror(err), "cannot read " + path + ": " + std::strerror(err)});
}

void requireRegular(const std::string& path, const struct stat& st) {
    if (S_ISREG(st.st_mode)) return;
    const char* en = "not a regular file";
    const char* vi = "không phải tệp thường";
    if (S_ISDIR(st.st_mode)) en = "a directory", vi = "thư mục";
    else if (S_ISFIFO(st.st_mode)) en = "a named pipe (FIFO)", vi = "ống có tên (FIFO)";
    else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) en = "a device", vi = "thiết bị";
    else if (S_ISSOCK(st.st_mode)) en = "a socket", vi = "socket";
    throw FileError({path + " không phải tệp thường (là " + vi + ")", path + " is not a regular file (it is " + en + ")"});
}

[[noreturn]] void tooLarge(const std::string& path, size_t maxBytes) {
    throw FileError({path + " lớn hơn giới hạn " + std::to_string(maxBytes) + " byte",
                     path + " is larger than the limit of " + std::to_string(maxBytes) + " bytes"});
}

struct Fd {
    int fd;
    ~Fd() { ::close(fd); }
};

}  // namespace

bool fileId(const std::string& path, FileId& id) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return false;
    id = {st.st_dev, st.st_ino};
    return true;
}

bool sameFile(const std::string& a, const std::string& b) {
    FileId x, y;
    return fileId(a, x) && fileId(b, y) && x == y;
}

void requireRegularFile(const std::string& path) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) failErrno(path, errno);
    requireRegular(path, st);
}

std::string readRegularFile(const std::string& path, size_t maxBytes) {
    // Non-blocking so that opening a FIFO returns at once; fstat then refuses it.
    int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) failErrno(path, errno);
    Fd guard{fd};
    struct stat st;
    if (::fstat(fd, &st) != 0) failErrno(path, errno);
    requireRegular(path, st);
    if (static_cast<unsigned long long>(st.st_size) > maxBytes) tooLarge(path, maxBytes);
    remember(st);
    std::string data;
    data.reserve(static_cast<size_t>(st.st_size));
    char buf[65536];
    // The size is checked again while reading: a file may grow, and some
    // (/proc) report a size of 0.
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            failErrno(path, errno);
        }
        if (data.size() + static_cast<size_t>(n) > maxBytes) tooLarge(path, maxBytes);
        data.append(buf, static_cast<size_t>(n));
    }
    return data;
}

std::vector<FileId> filesRead() {
    std::lock_guard<std::mutex> lock(readMutex);
    return readIds;
}

}  // namespace reportcheck
