#include "read_notes.h"

#include "reader_bounds.h"

namespace reportcheck {

using reader_bounds::grouped;

ReadNote uncachedFormulasNote(long long count, long long computed, const std::string& first) {
    if (computed >= count)
        return {grouped(count, '.') + " ô công thức không có kết quả lưu trong tệp (ô đầu tiên: " + first +
                    "): ReportCheck đã tính chúng như Calc tính khi mở tệp",
                grouped(count, ',') + " formula cells have no result saved in the file (first: " + first +
                    "): ReportCheck computed them as Calc does when it opens the file"};
    const long long left = count - computed;
    if (computed <= 0)
        return {grouped(count, '.') + " ô công thức không có kết quả lưu trong tệp (ô đầu tiên: " + first +
                    "): ReportCheck không có giá trị của chúng, còn Calc tính lại khi mở tệp. Mở tệp bằng Calc rồi lưu lại để "
                    "kiểm tra các ô này",
                grouped(count, ',') + " formula cells have no result saved in the file (first: " + first +
                    "): ReportCheck has no value for them, while Calc computes them when it opens the file. Open the file "
                    "in Calc and save it to check these cells"};
    return {grouped(count, '.') + " ô công thức không có kết quả lưu trong tệp: ReportCheck đã tính " + grouped(computed, '.') +
                " ô như Calc tính khi mở tệp, còn " + grouped(left, '.') + " ô không có giá trị (ô đầu tiên: " + first +
                "). Mở tệp bằng Calc rồi lưu lại để kiểm tra các ô này",
            grouped(count, ',') + " formula cells have no result saved in the file: ReportCheck computed " + grouped(computed, ',') +
                " as Calc does when it opens the file, and has no value for the other " + grouped(left, ',') + " (first: " + first +
                "). Open the file in Calc and save it to check these cells"};
}

}  // namespace reportcheck
