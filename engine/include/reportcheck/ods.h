// Reading .ods files without LibreOffice (libzip + libxml2).
#pragma once

#include <map>
#include <stdexcept>
#include <string>

#include "reportcheck/workbook.h"

namespace reportcheck {

class OdsError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Reads values (numbers, text, error cells, formulas' cached values), named
// ranges and embedded rules. Never writes the file. Throws OdsError.
Workbook readOds(const std::string& path);
// The same from the bytes of an .ods; `name` stands for the file in messages.
Workbook readOdsMemory(const std::string& bytes, const std::string& name);

}  // namespace reportcheck
