// Reading .ods files without LibreOffice (libzip + libxml2).
#pragma once

#include <map>
#include <stdexcept>
#include <string>

#include "reportcheck/text.h"
#include "reportcheck/workbook.h"

namespace reportcheck {

// A damaged .ods or one beyond the reader's bounds; text() says which in both
// languages, starting with the path.
class OdsError : public TextError {
public:
    using TextError::TextError;
};

// Reads values (numbers, text, error cells, formulas' cached values), named
// ranges and embedded rules. Never writes the file. Throws OdsError.
Workbook readOds(const std::string& path);
// The same from the bytes of an .ods; `name` stands for the file in messages.
Workbook readOdsMemory(const std::string& bytes, const std::string& name);

}  // namespace reportcheck
