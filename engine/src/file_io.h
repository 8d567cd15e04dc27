// Reading files that may come from someone else (rules files, includes) in one
// place, with the checks every reader needs: only a regular file (a FIFO would
// block the read, a directory reads as an empty file), a bounded size, and a
// clear message in both languages. Also file identity, so that a caller that
// writes can tell whether a path names one of its inputs.
#pragma once

#include <sys/types.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "reportcheck/text.h"

namespace reportcheck {

// A file that cannot be used, saying why in both languages (text()).
class FileError : public TextError {
public:
    using TextError::TextError;
};

// Device and inode after following links: equal ids are the same file,
// however it is named (./x, an absolute path, a symlink, a hard link).
struct FileId {
    dev_t dev = 0;
    ino_t ino = 0;
    bool operator==(const FileId& o) const { return dev == o.dev && ino == o.ino; }
};

// False when the path does not exist or cannot be examined.
bool fileId(const std::string& path, FileId& id);
bool sameFile(const std::string& a, const std::string& b);

// Throws FileError unless `path` is an existing regular file (links
// followed). Looks without opening, so a FIFO cannot block.
void requireRegularFile(const std::string& path);

// The bytes of the regular file `path`, at most `maxBytes` of them. Throws
// FileError when it is missing, not a regular file (checked on the descriptor,
// opened non-blocking), larger than `maxBytes` (the message names the limit)
// or unreadable.
std::string readRegularFile(const std::string& path, size_t maxBytes);

// Every file readRegularFile has read in this process (includes too), so that
// the command line can refuse to write its report over any of them.
std::vector<FileId> filesRead();

}  // namespace reportcheck
