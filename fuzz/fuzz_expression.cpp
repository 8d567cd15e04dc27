// An RC.EVAL call in a stranger's workbook: the expression and the ranges
// passed to it both come from the cells. The first input byte sizes the
// range argument b (× 4096 cells: up to a whole Calc column), the rest is the
// expression; a is one value, c is 0, d an empty range.
// Expected outcomes: a number or std::runtime_error (what RC.EVAL turns into
// a cell error); anything else, a sanitizer report, a hang or too much
// memory is a bug.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "reportcheck/rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    std::vector<double> range(size_t(data[0]) * 4096);
    for (size_t i = 0; i < range.size(); ++i) range[i] = double(i % 7) - 3;
    const std::vector<std::vector<double>> args{{3.0}, range, {0.0}, {}};
    try {
        reportcheck::evaluateExpression(std::string(reinterpret_cast<const char*>(data) + 1, size - 1), args);
    } catch (const std::runtime_error&) {
    }
    return 0;
}
