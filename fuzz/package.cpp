#include "package.h"

#include <zip.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <random>

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t maxSize);

namespace rcfuzz {

bool unpack(const std::string& zipBytes, Entries& out) {
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t* src = zip_source_buffer_create(zipBytes.data(), zipBytes.size(), 0, &ze);
    zip_t* z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : nullptr;
    zip_error_fini(&ze);
    if (!z) {
        zip_source_free(src);
        return false;
    }
    std::unique_ptr<zip_t, void (*)(zip_t*)> zip(z, zip_discard);
    out.clear();
    for (zip_int64_t i = 0, n = zip_get_num_entries(z, 0); i < n; ++i) {
        zip_stat_t st;
        if (zip_stat_index(z, i, 0, &st) != 0 || st.size > (64u << 20)) return false;
        std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> f(zip_fopen_index(z, i, 0), zip_fclose);
        std::string data(st.size, '\0');
        if (!f || zip_fread(f.get(), data.data(), st.size) != static_cast<zip_int64_t>(st.size)) return false;
        out.emplace_back(st.name, std::move(data));
    }
    return true;
}

std::string pack(const Entries& entries) {
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &ze);
    zip_error_fini(&ze);
    if (!out) return {};
    zip_source_keep(out);  // read back after zip_close
    std::string bytes;
    if (zip_t* z = zip_open_from_source(out, ZIP_TRUNCATE, nullptr)) {
        bool ok = true;
        for (const auto& [name, data] : entries) {
            zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
            zip_int64_t i = s ? zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8) : -1;
            if (i < 0) {
                zip_source_free(s);
                ok = false;
                break;
            }
            zip_set_file_compression(z, static_cast<zip_uint64_t>(i), ZIP_CM_STORE, 0);
        }
        if (ok && zip_close(z) == 0) {
            zip_stat_t st;
            if (zip_source_stat(out, &st) == 0 && zip_source_open(out) == 0) {
                bytes.resize(st.size);
                if (zip_source_read(out, bytes.data(), st.size) != static_cast<zip_int64_t>(st.size)) bytes.clear();
                zip_source_close(out);
            }
        } else {
            zip_discard(z);
        }
    }
    zip_source_free(out);
    return bytes;
}

size_t mutatePackage(unsigned char* data, size_t size, size_t maxSize, unsigned int seed) {
    std::minstd_rand rng(seed);
    Entries entries;
    if (rng() % 4 == 0 || !unpack(std::string(reinterpret_cast<char*>(data), size), entries)) return LLVMFuzzerMutate(data, size, maxSize);
    auto endsWith = [](const std::string& s, const char* e) {
        size_t n = std::strlen(e);
        return s.size() > n && s.compare(s.size() - n, n, e) == 0;
    };
    std::vector<std::string*> xml;
    for (auto& e : entries)
        if (endsWith(e.first, ".xml") || endsWith(e.first, ".rels")) xml.push_back(&e.second);
    if (xml.empty()) return LLVMFuzzerMutate(data, size, maxSize);
    std::string& part = *xml[rng() % xml.size()];
    size_t used = part.size();
    part.resize(used + 256);  // room to grow
    part.resize(LLVMFuzzerMutate(reinterpret_cast<unsigned char*>(part.data()), used, part.size()));
    std::string packed = pack(entries);
    if (packed.empty() || packed.size() > maxSize) return LLVMFuzzerMutate(data, size, maxSize);
    std::memcpy(data, packed.data(), packed.size());
    return packed.size();
}

}  // namespace rcfuzz
