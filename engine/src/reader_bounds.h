// The bounds both zip readers (.ods: ods_reader.cpp, .xlsx: xlsx_reader.cpp)
// put on a package from a stranger, and the saturating counters they count with.
// Each reader adds its own (nodes per byte, names, strings) beside these.
#pragma once

#include <string>

#include "reportcheck/workbook.h"

namespace reportcheck::reader_bounds {

// Bytes unzipped from one package, all entries together, counted as they are
// read: a zip's stated sizes can lie. The bound follows the package's own size,
// so that a legitimate sheet of Calc's full size (1,048,576 rows) is read and a
// zip bomb is not: XML as Calc writes it deflates 10–40×, deflate cannot do
// better than about 1,030×, so kMaxInflateRatio × the package's bytes is never
// reached by a real file and keeps a bomb's work proportional to its size.
// kMinUnzippedBytes is what any package may unzip to (about 7 s of CPU here);
// kMaxUnzippedBytes what the largest may (Calc's full height × 7 columns as
// Calc writes it is 913 MiB, so × 16 columns about 2 GiB).
constexpr long long kMinUnzippedBytes = 256LL << 20;
constexpr long long kMaxUnzippedBytes = 4LL << 30;
constexpr long long kMaxInflateRatio = 100;
// styles.xml, meta.xml and the manifest, each. Real ones are kilobytes; meta.xml
// with embedded rules holds at most embedding::kMaxTotalBytes (4 MiB) of rules.
constexpr long long kMaxSideEntryBytes = 32LL << 20;
// What keeping the cells costs (Sheet::kSlotBytes a cell, Sheet::kRowBytes a
// row): every cell of a row up to its last value, and every row up to the
// last with a value, repeats counted in full. 16,777,216 cells — Calc's full
// height (1,048,576 rows) × 16 columns — are 160 MiB at 10 bytes a cell, and
// keep reading plus checking under 512 MiB.
constexpr long long kMaxCells = 1LL << 24;
constexpr long long kMaxCellBytes = kMaxCells * Sheet::kSlotBytes;
// Bytes of text in all cells together, repeats counted in full.
constexpr long long kMaxTextBytes = 64LL << 20;
// XML nodes read from one package (elements, end tags, text): the time to read
// follows nodes more than bytes (20,000,000 tiny elements, 80 MB: about 5 s of
// CPU here). Each reader allows at least this many, more per unzipped byte.
constexpr long long kMinXmlNodes = 20'000'000;

// Where saturating counters stop: beyond every bound, far from overflow.
constexpr long long kFar = 1LL << 62;

inline long long addSat(long long a, long long b) { return a >= kFar - b ? kFar : a + b; }  // a, b in [0, kFar]
inline long long mulSat(long long a, long long b) { return b > 0 && a >= kFar / b ? kFar : a * b; }

// 5000000 -> "5,000,000" (sep ',') or "5.000.000" (sep '.').
inline std::string grouped(long long n, char sep) {
    std::string digits = std::to_string(n), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += sep;
        out += digits[i];
    }
    return out;
}

inline std::string mib(long long bytes) { return std::to_string(bytes >> 20) + " MiB"; }

}  // namespace reportcheck::reader_bounds
