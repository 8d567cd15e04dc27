// An .xlsx from a stranger, as bytes: read it with the native streaming reader
// (engine/src/xlsx_reader.cpp) and, when it reads, run a few fixed rules on it,
// so odd workbooks reach the evaluator too (the rules of fuzz_ods: the seeds
// are the fixtures saved as .xlsx, whose sheet is "Biểu 1" too).
// Expected outcomes: ReadError or a Result; anything else is a bug.
// The custom mutator mostly mutates the XML inside the package (see package.h),
// so that mutations reach the parts' parsers rather than libzip's checks.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "package.h"
#include "reportcheck/read.h"
#include "reportcheck/rules.h"
#include "xlsx_reader.h"

using namespace reportcheck;

namespace {

const char* const kRules = R"(sheet "Biểu 1"
labels A:B
numbers 1
headers 1:2
total F.tong: cols C:D
  "Tổng số"
    "Nghị quyết"
    "Quyết định"
check F.cot warning decimals 1: #3 = sum(D:F)
  for rows "Tổng số" to "Chỉ thị" except "Lỗi"
check F.ten: tong_so >= @"Nghị quyết".C
check F.pct derived: D = pct(C, @"Tổng số".C, 1)
  for rows 3:8
target F.ct: C2 between 10 and 100
  status E2
  share F2
)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const RuleSet rules = RuleSet::compile(kRules, "fuzz_xlsx.rules");
    Workbook wb;
    try {
        wb = readXlsxMemory(std::string(reinterpret_cast<const char*>(data), size), "fuzz.xlsx");
    } catch (const ReadError&) {
        return 0;
    }
    rules.run(wb);
    return 0;
}

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t maxSize);

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t maxSize, unsigned int seed) {
    std::minstd_rand rng(seed);
    rcfuzz::Entries entries;
    // One time in four the zip itself (its headers, directory, deflate).
    if (rng() % 4 == 0 || !rcfuzz::unpack(std::string(reinterpret_cast<char*>(data), size), entries))
        return LLVMFuzzerMutate(data, size, maxSize);
    std::vector<std::string*> xml;
    for (auto& e : entries)
        if (e.first.size() > 4 && (e.first.compare(e.first.size() - 4, 4, ".xml") == 0 || e.first.compare(e.first.size() - 5, 5, ".rels") == 0))
            xml.push_back(&e.second);
    if (xml.empty()) return LLVMFuzzerMutate(data, size, maxSize);
    std::string& part = *xml[rng() % xml.size()];
    size_t used = part.size();
    part.resize(used + 256);  // room to grow
    part.resize(LLVMFuzzerMutate(reinterpret_cast<uint8_t*>(part.data()), used, part.size()));
    std::string packed = rcfuzz::pack(entries);
    if (packed.empty() || packed.size() > maxSize) return LLVMFuzzerMutate(data, size, maxSize);
    std::memcpy(data, packed.data(), packed.size());
    return packed.size();
}
