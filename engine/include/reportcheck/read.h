// One entry point for every format an office receives: .ods, .xlsx, .fods, .csv.
#pragma once

#include <ostream>
#include <stdexcept>
#include <string>

#include "reportcheck/text.h"
#include "reportcheck/workbook.h"

namespace reportcheck {

// Unknown format, damaged file, or a file beyond the readers' bounds. text()
// says which in both languages, starting with the path.
class ReadError : public TextError {
public:
    using TextError::TextError;
};

enum class FileFormat { Unknown, Ods, Xlsx, Fods, Csv };

// Decided by content, not by name: a zip whose `mimetype` is OpenDocument
// spreadsheet (or that has content.xml) is .ods; a zip with [Content_Types].xml
// and xl/workbook.xml is .xlsx; XML whose root is office:document is .fods.
// Only .csv (no magic of its own) is taken from the extension.
FileFormat detectFormat(const std::string& path);
const char* formatName(FileFormat f);

// Reads the workbook with the reader chosen for its format (docs/READERS.md),
// embedded rules included (.ods meta.xml, .xlsx docProps/custom.xml, .fods
// office:meta). Never writes the file. Throws ReadError (or OdsError for .ods).
Workbook readWorkbook(const std::string& path);

// What the engine sees, one line per non-empty cell, in the layout of the
// corpus .tsv files (/work/shared/corpus/README.md):
//   #sheet INDEX NAME ROWS COLS
//   SHEET  A1    KIND(N|T|E) VALUE TEXT DECIMALS
// `sheet` empty = all sheets.
// The write* forms print as they go (a row at a time, in pieces of 64 KiB), so a
// sheet of Calc's full size never has its whole listing in memory.
void writeCellsTsv(std::ostream& os, const Workbook& wb, const std::string& sheet = {});
void writeCellsJson(std::ostream& os, const Workbook& wb, const std::string& sheet = {});
std::string cellsTsv(const Workbook& wb, const std::string& sheet = {});
std::string cellsJson(const Workbook& wb, const std::string& sheet = {});

}  // namespace reportcheck
