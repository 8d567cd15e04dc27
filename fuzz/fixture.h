// Files of the repository the fuzz targets run their inputs on (read once).
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace rcfuzz {

inline std::string sourcePath(const char* relative) {
    return std::string(REPORTCHECK_SOURCE_DIR) + "/" + relative;
}

inline std::string readSourceFile(const char* relative) {
    std::ifstream in(sourcePath(relative), std::ios::binary);
    if (!in) throw std::runtime_error(std::string("fuzz fixture missing: ") + relative);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace rcfuzz
