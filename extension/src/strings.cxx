#include "strings.hxx"

#include <cmath>
#include <cstdio>

#include "reportcheck/present.h"
#include "ustr.hxx"

namespace rcext {

OUString line(const Text& t) { return ou(std::string(t.vi) + " / " + t.en); }
OUString block(const Text& t) { return ou(std::string(t.vi) + "\n" + t.en); }

static std::string subst(std::string s, std::initializer_list<std::string> args) {
    int i = 0;
    for (const auto& a : args) {
        std::string key = "{" + std::to_string(i++) + "}";
        for (size_t p = s.find(key); p != std::string::npos; p = s.find(key, p + a.size()))
            s.replace(p, key.size(), a);
    }
    return s;
}

Text fill(const Text& t, std::initializer_list<std::string> args, std::string& viOut,
          std::string& enOut) {
    viOut = subst(t.vi, args);
    enOut = subst(t.en, args);
    return Text{viOut.c_str(), enOut.c_str()};
}

std::string numberVi(double v, int maxDecimals) { return reportcheck::formatNumber(v, "vi", maxDecimals); }
std::string numberEn(double v, int maxDecimals) { return reportcheck::formatNumber(v, "en", maxDecimals); }

std::string severityVi(reportcheck::Severity s) {
    switch (s) {
    case reportcheck::Severity::Error: return "lỗi";
    case reportcheck::Severity::Warning: return "cảnh báo";
    default: return "thông tin";
    }
}
std::string severityEn(reportcheck::Severity s) { return reportcheck::severityName(s); }

namespace msg {
const Text kTitle{"ReportCheck — Kiểm tra báo cáo", "ReportCheck — Report checks"};
const Text kNoDocument{"Không có bảng tính đang mở.", "No spreadsheet is open."};
const Text kNotSpreadsheet{"Tài liệu này không phải bảng tính Calc.",
                           "This document is not a Calc spreadsheet."};
const Text kNoRules{"Không có quy tắc: bảng tính không chứa quy tắc nhúng và phần mở rộng không có "
                    "quy tắc kèm theo.",
                    "No rules: the workbook has no embedded rules and the extension has no "
                    "bundled rules."};
const Text kRulesError{"Tệp quy tắc có lỗi ({0}):", "The rules have errors ({0}):"};
const Text kReading{"ReportCheck: đang đọc trang tính {0}", "ReportCheck: reading sheet {0}"};
const Text kRunning{"ReportCheck: đang kiểm tra", "ReportCheck: running the rules"};
const Text kMarking{"ReportCheck: đang đánh dấu", "ReportCheck: marking cells"};
const Text kWritingReport{"ReportCheck: đang ghi trang kết quả", "ReportCheck: writing the report sheet"};
const Text kProtectedSheet{"Trang tính '{0}' đang được bảo vệ: không đánh dấu ô ({1} phát hiện).",
                           "Sheet '{0}' is protected: cells not marked ({1} findings)."};
const Text kMissingSheet{"Không có trang tính '{0}' trong bảng tính.",
                         "The workbook has no sheet '{0}'."};
const Text kUserComment{"Ô đã có chú thích của người dùng: giữ nguyên, chỉ tô màu.",
                        "The cell has the user's own comment: kept, only coloured."};
const Text kRecomputeUndo{"ReportCheck: tính lại giá trị", "ReportCheck: recompute values"};
const Text kMarkUndo{"ReportCheck: đánh dấu ô lỗi", "ReportCheck: mark findings"};
const Text kClearUndo{"ReportCheck: xoá đánh dấu", "ReportCheck: clear marks"};
const Text kUnexpected{"Lỗi không mong đợi: {0}", "Unexpected error: {0}"};
}  // namespace msg

}  // namespace rcext
