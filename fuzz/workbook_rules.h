// The fixed rules the package targets (fuzz_ods, fuzz_xlsx) run on a workbook
// that reads: labels, column numbers, headers, a named range, a total and a
// target on sheet "Biểu 1" (the sheet of the seeds), so odd workbooks reach
// the evaluator too.
#pragma once

namespace rcfuzz {

inline const char* const kWorkbookRules = R"(sheet "Biểu 1"
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

}  // namespace rcfuzz
