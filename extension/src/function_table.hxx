// The Calc functions' metadata, in one place: what the Function Wizard shows
// (through the XAddIn methods in addin.cxx) and what CalcAddIns.xcu says
// (generated from this table at build time by tools/gen_calcaddins.cxx).
// Plain data, no UNO, so the generator builds without the SDK.
#pragma once

#include <cstddef>

namespace rcext {

struct ArgMeta {
    const char* prog;     // the IDL parameter name (the .xcu node)
    const char* nameVi;   // what the wizard calls it in a Vietnamese UI
    const char* nameEn;
    const char* helpVi;
    const char* helpEn;
};

struct FunctionMeta {
    const char* prog;     // the IDL method
    const char* display;  // RC.… in every language
    // The method's first parameter is the calling document (XPropertySet),
    // filled in by Calc and never shown: argument i of the wizard is the
    // method's i + 1.
    bool withDocument;
    const char* descriptionVi;
    const char* descriptionEn;
    ArgMeta args[5];      // as the user sees them; unused ones have prog == nullptr
    size_t argCount() const {
        size_t n = 0;
        while (n < 5 && args[n].prog) ++n;
        return n;
    }
};

// Calc's categories are a fixed list (sc/source/core/tool/addincol.cxx): a
// name of our own would land in "Add-in" anyway; say so.
inline constexpr const char* kFunctionCategory = "Add-In";

inline constexpr FunctionMeta kFunctions[] = {
    {"rcEval", "RC.EVAL", false,
     "Tính một biểu thức (muparser) với các giá trị a, b, c… lấy từ ô hoặc vùng ô. Ví dụ: RC.EVAL(\"a/b*100\"; C5; C6), RC.EVAL(\"sum(a)-b\"; C6:C10; C5).",
     "Evaluates a muparser expression with the values a, b, c… taken from cells or ranges. Example: RC.EVAL(\"a/b*100\"; C5; C6), RC.EVAL(\"sum(a)-b\"; C6:C10; C5).",
     {
            {"expression", "bieu_thuc", "expression",
             "Biểu thức, ví dụ a/b*100 hoặc sum(a) - b",
             "The expression, e.g. a/b*100 or sum(a) - b"},
            {"values", "gia_tri", "values",
             "Các giá trị hoặc vùng ô: a, b, c… (một vùng dùng trong sum, min, max, avg)",
             "Values or ranges: a, b, c… (a range is used inside sum, min, max, avg)"}
     }},
    {"rcPct", "RC.PCT", false,
     "Tỷ lệ phần trăm phần/tổng × 100, làm tròn nửa lên xa 0 như báo cáo. Tổng bằng 0: ô ghi \"mẫu số bằng 0…\".",
     "Percentage part/whole × 100, rounded half away from zero as the report does. A zero whole: the cell says \"the denominator is zero…\".",
     {
            {"part", "phan", "part",
             "Phần: số của nhóm cần tính tỷ lệ, ví dụ số đảng viên nữ",
             "The part: the figure whose share is wanted, e.g. the number of women members"},
            {"whole", "tong", "whole",
             "Tổng: số của cả nhóm, ví dụ tổng số đảng viên; bằng 0 thì ô ghi lý do",
             "The whole: the figure of the whole group, e.g. all members; zero: the cell says why"},
            {"decimals", "so_le", "decimals",
             "Số chữ số thập phân (mặc định 1)",
             "Number of decimals (default 1)"}
     }},
    {"rcTargetStatus", "RC.TARGETSTATUS", false,
     "Đánh giá chỉ tiêu: trả về \"đạt\", \"vượt\" hoặc \"không đạt\" (theo ngôn ngữ giao diện; đối số cuối \"vi\" hoặc \"en\" chọn ngôn ngữ).",
     "Target status: returns \"met\", \"exceeded\" or \"not met\" in the UI language; \"vi\" or \"en\" as the last argument chooses the language.",
     {
            {"actual", "thuc_hien", "actual",
             "Giá trị thực hiện",
             "The actual value"},
            {"direction", "huong", "direction",
             "\"ít nhất\", \"tối đa\", \"trên\" (lớn hơn hẳn), \"dưới\" (nhỏ hơn hẳn) hoặc \"trong khoảng\"; gõ không dấu cũng được (\"toi thieu\", \"tren\"); cũng nhận at least, at most, more than, less than, between. Với \"trên\"/\"dưới\", bằng đúng chỉ tiêu là không đạt",
             "\"at least\", \"at most\", \"more than\", \"less than\" or \"between\" (the Vietnamese words ít nhất, tối thiểu, tối đa, trên, dưới, trong khoảng work too, also without diacritics: toi thieu, tren). With \"more than\"/\"less than\", equal to the target is not met"},
            {"target", "chi_tieu", "target",
             "Chỉ tiêu; với \"trong khoảng\" là mức dưới",
             "The target; the low end for \"between\""},
            {"high", "muc_tren", "high",
             "Mức trên, chỉ dùng với \"trong khoảng\"",
             "The high end, for \"between\" only"},
            {"language", "ngon_ngu", "language",
             "\"vi\" hoặc \"en\"; bỏ trống: ngôn ngữ giao diện",
             "\"vi\" or \"en\"; omitted: the UI language"}
     }},
    {"rcTargetShare", "RC.TARGETSHARE", false,
     "Tỷ lệ % hoàn thành chỉ tiêu: thực hiện / chỉ tiêu × 100 (với \"tối đa\": chỉ tiêu / thực hiện × 100).",
     "Share of the target achieved in %: actual / target × 100 (for \"at most\": target / actual × 100).",
     {
            {"actual", "thuc_hien", "actual",
             "Giá trị thực hiện",
             "The actual value"},
            {"direction", "huong", "direction",
             "\"ít nhất\", \"tối đa\", \"trên\", \"dưới\" hoặc \"trong khoảng\"; gõ không dấu cũng được (\"toi thieu\", \"tren\"); cũng nhận at least, at most, more than, less than, between",
             "\"at least\", \"at most\", \"more than\", \"less than\" or \"between\" (the Vietnamese words ít nhất, tối thiểu, tối đa, trên, dưới, trong khoảng work too, also without diacritics: toi thieu, tren)"},
            {"target", "chi_tieu", "target",
             "Chỉ tiêu (mức dưới nếu trong khoảng)",
             "The target (the low end for between)"}
     }},
    {"rcRule", "RC.RULE", true,
     "Kết quả một quy tắc của bảng tính (quy tắc nhúng hoặc kèm theo): số chỗ sai, hoặc trạng thái. Tự cập nhật khi ô thay đổi.",
     "The result of one of the workbook's rules (embedded or bundled): the number of failing instances, or its status. Updates when cells change.",
     {
            {"rule", "ma_quy_tac", "rule",
             "Mã quy tắc, ví dụ \"B3.cot4\"",
             "The rule id, e.g. \"B3.cot4\""},
            {"mode", "che_do", "mode",
             "0 hoặc bỏ trống: số chỗ sai; \"status\": trạng thái (đạt / vượt / không đạt)",
             "0 or omitted: failing instances; \"status\": the status (đạt / vượt / không đạt)"}
     }},
    {"rcRulesFailed", "RC.RULESFAILED", true,
     "Số quy tắc không đạt (có lỗi hoặc cảnh báo) trong bảng tính. Tự cập nhật khi ô thay đổi, ví dụ ô \"Số lỗi\".",
     "Number of the workbook's rules that fail (errors or warnings). Updates when cells change, e.g. for a \"Số lỗi\" cell.",
     {

     }}
};

}  // namespace rcext
