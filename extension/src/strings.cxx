#include "strings.hxx"

#include <cmath>
#include <cstdio>

#include "reportcheck/present.h"
#include "ustr.hxx"

namespace rcext {

OUString line(const Text& t) { return ou(english() ? t.en : t.vi); }
OUString block(const Text& t) { return line(t); }
std::string tr(const Text& t) { return english() ? t.en : t.vi; }
std::string tr(const std::string& vi, const std::string& en) { return english() ? en : vi; }

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
    return Text{viOut, enOut};
}

Note note(const Text& t, std::initializer_list<std::string> args) {
    return Note{subst(t.vi, args), subst(t.en, args)};
}

Note limitNote(const Note& n) { return Note{subst(msg::kLimit.vi, {n.vi}), subst(msg::kLimit.en, {n.en})}; }

std::string limitText(const Note& n) { return limitNote(n).line(); }

std::string errorText(const std::exception& e) { return tr(reportcheck::textOf(e)); }

std::string clip(const std::string& s, size_t maxBytes) {
    if (s.size() <= maxBytes) return s;
    size_t n = maxBytes;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;  // a UTF-8 lead byte
    return s.substr(0, n) + "…";
}

std::string numberVi(double v, int maxDecimals) { return reportcheck::formatNumber(v, "vi", maxDecimals); }
std::string numberEn(double v, int maxDecimals) { return reportcheck::formatNumber(v, "en", maxDecimals); }
std::string number(double v, int maxDecimals) { return english() ? numberEn(v, maxDecimals) : numberVi(v, maxDecimals); }

std::string severityVi(reportcheck::Severity s) {
    switch (s) {
    case reportcheck::Severity::Error: return "lỗi";
    case reportcheck::Severity::Warning: return "cảnh báo";
    default: return "thông tin";
    }
}
std::string severityEn(reportcheck::Severity s) { return reportcheck::severityName(s); }
std::string severityText(reportcheck::Severity s) { return english() ? severityEn(s) : severityVi(s); }

namespace msg {
const Text kTitle{"ReportCheck — Kiểm tra báo cáo", "ReportCheck — Report checks"};
const Text kNoDocument{"Không có bảng tính đang mở.", "No spreadsheet is open."};
const Text kNotSpreadsheet{"Tài liệu này không phải bảng tính Calc.",
                           "This document is not a Calc spreadsheet."};
const Text kNoChecksYet{"chưa có quy tắc", "no checks yet"};
const Text kNoChecks{"Bảng tính này chưa có quy tắc kiểm tra: không có quy tắc nhúng và bảng tính không ghi tên "
                     "bộ quy tắc kèm theo nào (ReportCheck.RuleSet). Bộ quy tắc kèm theo chỉ dành cho báo cáo "
                     "nó được viết cho, nên không tự chạy: trên báo cáo khác, tên trang tính trùng (như "
                     "\"Biểu 11\") sẽ cho những lỗi giả.\nCó thể:\n"
                     "  - nhúng quy tắc từ tệp (ReportCheck > Nhúng quy tắc từ tệp…);\n"
                     "  - nếu bảng tính đúng là báo cáo mà một bộ kèm theo được viết cho, dùng bộ đó theo tên "
                     "(ReportCheck > Dùng bộ quy tắc có sẵn…): {0}.",
                     "This workbook has no checks yet: it embeds no rules and names no bundled rule set "
                     "(ReportCheck.RuleSet). A bundled rule set is for the report it was written for only, "
                     "so it does not run by itself: on another report, sheet names that recur (such as "
                     "\"Biểu 11\") give findings that look real but are not.\nYou can:\n"
                     "  - embed rules from a file (ReportCheck > Embed checks from a file…);\n"
                     "  - if the workbook is the report a bundled set was written for, use that set by name "
                     "(ReportCheck > Use a bundled rule set…): {0}."};
const Text kUnknownSet{"không có bộ quy tắc kèm theo nào tên \"{0}\"", "no bundled rule set is called \"{0}\""};
const Text kNoBundledSets{"Phần mở rộng không có bộ quy tắc kèm theo nào.", "The extension has no bundled rule sets."};
const Text kNeedSetName{"Cần tên bộ quy tắc (đối số Name): {0}", "A rule set name is needed (argument Name): {0}"};
const Text kChooseSet{"Chỉ chọn khi bảng tính đúng là báo cáo mà bộ quy tắc được viết cho.",
                      "Choose only if the workbook is the report the set was written for."};
const Text kUseSet{"Dùng bộ này", "Use this set"};
const Text kEmbedFromFile{"Nhúng từ tệp…", "Embed from a file…"};
const Text kClose{"Đóng", "Close"};
const Text kSetChosen{"Bảng tính dùng bộ quy tắc \"{0}\" ({1} quy tắc). Lưu bảng tính để giữ lựa chọn.",
                      "The workbook uses the rule set \"{0}\" ({1} rules). Save the workbook to keep the choice."};
const Text kEmbeddedStillWin{"Bảng tính có quy tắc nhúng: chúng vẫn được dùng trước bộ \"{0}\".",
                             "The workbook embeds rules: they still come before the set \"{0}\"."};
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
const Text kOutOfMemory{"không đủ bộ nhớ để kiểm tra bảng tính này", "not enough memory to check this workbook"};
const Text kLimit{"giới hạn: {0}", "limit: {0}"};
const Text kSheetCellsCut{"trang tính '{0}' quá lớn: chỉ đọc {1} ô (tối đa {2} ô mỗi bảng tính)",
                          "sheet '{0}' is too large: only {1} cells read (at most {2} cells per workbook)"};
const Text kSheetTextCut{"văn bản trong ô vượt {0} byte: trang tính '{1}' chỉ đọc một phần",
                         "cell text over {0} bytes: sheet '{1}' only partly read"};
const Text kSheetsCut{"chỉ đọc {0} trang tính đầu, bỏ qua {1} trang",
                      "only the first {0} sheets read, {1} skipped"};
const Text kNamesCut{"chỉ đọc {0} vùng được đặt tên đầu, bỏ qua {1}",
                     "only the first {0} named ranges read, {1} skipped"};
const Text kErrorTextsCut{"trang tính '{0}' có quá nhiều ô lỗi: {1} ô sau cùng ghi là #ERR",
                          "sheet '{0}' has too many error cells: the last {1} are read as #ERR"};
const Text kRulesTooLarge{"quy tắc nhúng lớn hơn {0} byte: không nạp",
                          "the embedded rules are larger than {0} bytes: not loaded"};
const Text kRulesTooManyParts{"quy tắc nhúng có {0} phần, tối đa {1}: không nạp",
                              "the embedded rules have {0} parts, at most {1}: not loaded"};
const Text kFindingsListed{"chỉ liệt kê {0} trong {1} phát hiện", "only {0} of {1} findings listed"};
const Text kEvalTooLong{"biểu thức dài hơn {0} ký tự", "an expression longer than {0} characters"};
const Text kEvalTooManyValues{"hơn {0} giá trị", "more than {0} values"};
const Text kTooManyWrites{"{0} ô cần ghi, tối đa {1}: không ghi ô nào",
                          "{0} cells to write, at most {1}: nothing written"};
const Text kCellsMarked{"chỉ đánh dấu {0} trong {1} ô có phát hiện", "only {0} of {1} cells with findings marked"};
const Text kCommentsBounded{"chỉ {0} ô đánh dấu đầu tiên có chú thích; {1} ô còn lại chỉ được tô màu, xem danh sách trên trang \"ReportCheck\"",
                            "comments on the first {0} marked cells only; the other {1} are coloured only, see the list on sheet \"ReportCheck\""};
const Text kNeedPath{"cần đối số Path (đường dẫn tệp) khi chạy không có hộp thoại",
                     "a Path argument (the file) is needed when run without dialogs"};
const Text kNoEmbedded{"bảng tính này không có quy tắc nhúng", "this workbook has no embedded rules"};
const Text kEmbedded{"Đã nhúng {0} quy tắc ({1} byte, {3} phần) từ {4}. Lưu bảng tính để giữ lại.",
                     "Embedded {0} rules ({2} bytes, {3} chunks) from {4}. Save the workbook to keep them."};
const Text kRecomputeSummary{"Đã ghi {0} ô tính lại ({1} ô đã đúng, {2} ô có công thức được giữ nguyên)",
                             "Wrote {0} recomputed cells ({1} already right, {2} formula cells kept)"};
const Text kExported{"Đã lưu quy tắc nhúng ({0} byte) vào {2}", "Saved the embedded rules ({1} bytes) to {2}"};
const Text kCannotWrite{"không ghi được tệp {0}", "cannot write the file {0}"};
const Text kSuggested{"Bản nháp: {0} quy tắc từ {1} quan hệ số học thấy trong bảng tính ({2} ô không khớp sẽ thành phát hiện). Xem lại, rồi kiểm tra, nhúng hoặc lưu.",
                      "Draft: {0} rules from {1} arithmetic relations the workbook shows ({2} cells that do not fit will be findings). Review it, then validate, embed or save."};
const Text kSuspectHere{"Có thể sai ở đây: ghi {0}; {1} thì {2} kiểm tra đang sai sẽ đúng",
                        "Possibly wrong here: it holds {3}; {4} would make the {2} failing checks hold"};
const Text kRecomputeKept{"{0} ô tính ra được giữ nguyên: lỗi nằm ở ô nguồn, kiểm tra {1}",
                          "{0} derived cell(s) kept: the error is in an input, check {1}"};
// Recompute made checks fail that held before (issue 9 item 6): the rewrite,
// not the workbook, is then the likely culprit.
const Text kRecomputeBroke{"Đã ghi {0} ô tính lại, nhưng {1} kiểm tra trước đó đúng nay sai: {2}. Có thể lỗi nằm ở số liệu gốc; Hoàn tác (Ctrl+Z) để trả lại.",
                           "Wrote {0} recomputed cells, but {1} check(s) that held before now fail: {2}. The error may be in the source figures; Undo (Ctrl+Z) to restore the old values."};
const Text kRecomputeBrokeLine{"Tính lại làm {0} kiểm tra trước đó đúng nay sai: {1} — có thể lỗi nằm ở số liệu gốc; Hoàn tác (Ctrl+Z) để trả lại.",
                               "Recompute made {0} check(s) that held before fail: {1} — the error may be in the source figures; Undo (Ctrl+Z) to restore the old values."};
const Text kBrokenByRecompute{"[sai sau khi tính lại] ", "[broken by Recompute] "};
}  // namespace msg

}  // namespace rcext
