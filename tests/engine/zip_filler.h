// A zip entry of any size made as libzip reads it — head, `fill` over and
// over, tail — so hostile-input tests write a bomb of hundreds of MiB (about
// 1 MiB zipped) without holding it in memory. Shared by the .ods and .xlsx tests.
#pragma once

#include <gtest/gtest.h>
#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace rctest {

struct Filler {
    std::string head, fill, tail;
    zip_uint64_t total, at = 0;
};

inline zip_int64_t fillerSource(void* state, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
    auto* f = static_cast<Filler*>(state);
    switch (cmd) {
        case ZIP_SOURCE_OPEN: f->at = 0; return 0;
        case ZIP_SOURCE_READ: {
            auto* out = static_cast<char*>(data);
            zip_uint64_t n = 0;
            while (n < len && f->at < f->total) {
                zip_uint64_t fromEnd = f->total - f->at, off, end;
                const std::string* part;
                if (f->at < f->head.size()) part = &f->head, off = f->at, end = part->size();
                else if (fromEnd <= f->tail.size()) part = &f->tail, off = part->size() - fromEnd, end = part->size();
                else part = &f->fill, off = (f->at - f->head.size()) % part->size(), end = std::min<zip_uint64_t>(part->size(), off + fromEnd - f->tail.size());
                zip_uint64_t k = std::min(len - n, end - off);
                std::memcpy(out + n, part->data() + off, k);
                n += k;
                f->at += k;
            }
            return static_cast<zip_int64_t>(n);
        }
        case ZIP_SOURCE_CLOSE: return 0;
        case ZIP_SOURCE_STAT: {
            auto* st = static_cast<zip_stat_t*>(data);
            zip_stat_init(st);
            st->size = f->total;
            st->valid |= ZIP_STAT_SIZE;
            return sizeof(*st);
        }
        case ZIP_SOURCE_ERROR: return 2 * sizeof(int);
        case ZIP_SOURCE_FREE: return 0;
        case ZIP_SOURCE_SUPPORTS:
            return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR,
                                                  ZIP_SOURCE_FREE, -1);
        default: return -1;
    }
}

// Writes the test's temporary directory's `name`: `entries` as given, then
// `bombEntry` made by `filler` (deflated). Returns its path.
inline std::string writeZipWithFiller(const std::string& name, const std::vector<std::pair<std::string, std::string>>& entries,
                                      const char* bombEntry, Filler& filler) {
    std::string path = ::testing::TempDir() + "/" + name;
    std::remove(path.c_str());
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    for (const auto& [entry, data] : entries)
        zip_file_add(z, entry.c_str(), zip_source_buffer(z, data.data(), data.size(), 0), ZIP_FL_OVERWRITE);
    zip_int64_t i = zip_file_add(z, bombEntry, zip_source_function(z, fillerSource, &filler), ZIP_FL_OVERWRITE);
    zip_set_file_compression(z, i, ZIP_CM_DEFLATE, 1);
    EXPECT_EQ(zip_close(z), 0);
    return path;
}

}  // namespace rctest
