#include "read_notes.h"

#include "reader_bounds.h"

namespace reportcheck {

using reader_bounds::grouped;

ReadNote uncachedFormulasNote(long long count, const std::string& first) {
    return {grouped(count, '.') + " ô công thức không có kết quả lưu trong tệp (ô đầu tiên: " + first +
                "): ReportCheck không có giá trị của chúng, còn Calc tính lại khi mở tệp. Mở tệp bằng Calc rồi lưu lại để "
                "kiểm tra các ô này",
            grouped(count, ',') + " formula cells have no result saved in the file (first: " + first +
                "): ReportCheck has no value for them, while Calc computes them when it opens the file. Open the file "
                "in Calc and save it to check these cells"};
}

}  // namespace reportcheck
