// The words of every finding, vi and en, from the finding's data (messages.h).
// One language per string: no English word in the Vietnamese text, numbers as
// the report writes them (vi 87.107 / 47,5; en 87,107 / 47.5).
#include "messages.h"

#include <cmath>

#include "reportcheck/arithmetic.h"

namespace reportcheck {

namespace {

bool isEn(const std::string& lang) { return lang == "en"; }

// How far apart the two values are: between dates, in days.
std::string difference(const Finding& f, const std::string& lang) {
    if (!f.dates) return findingValue(f, f.difference, lang);
    return formatNumber(f.difference, lang, 2) + (isEn(lang) ? (std::fabs(f.difference) == 1 ? " day" : " days") : " ngày");
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

// "Thành thị + Nông thôn"; a long breakdown names its first parts and counts them.
std::string partsText(const Finding& f, const std::string& lang) {
    constexpr std::size_t kNamed = 4;
    std::string o;
    for (std::size_t i = 0; i < f.parts.size() && i < kNamed; ++i) o += (i ? " + " : "") + f.parts[i];
    std::size_t n = std::max(f.parts.size(), std::size_t(f.partCount));
    if (n > kNamed)
        o += " + … (" + formatNumber(double(n), lang) + (isEn(lang) ? " parts)" : " phần)");
    return o;
}

const char* relationWords(Comparison r, bool en) {
    switch (r) {
        case Comparison::Eq: return en ? "equal to" : "bằng";
        case Comparison::Ne: return en ? "other than" : "khác";
        case Comparison::Lt: return en ? "less than" : "nhỏ hơn";
        case Comparison::Le: return en ? "at most" : "không quá";
        case Comparison::Gt: return en ? "more than" : "lớn hơn";
        case Comparison::Ge: return en ? "at least" : "ít nhất bằng";
    }
    return "";
}

// The target in words: "ít nhất 90", "từ 14 đến 15", "less than 20".
std::string targetWords(const Finding& f, const std::string& lang) {
    const bool en = isEn(lang);
    std::string t = findingValue(f, f.expected, lang);
    switch (f.direction) {
        case TargetDirection::AtLeast: return (en ? "at least " : "ít nhất ") + t;
        case TargetDirection::AtMost: return (en ? "at most " : "tối đa ") + t;
        case TargetDirection::MoreThan: return (en ? "more than " : "trên ") + t;
        case TargetDirection::LessThan: return (en ? "less than " : "dưới ") + t;
        case TargetDirection::Between:
            return (en ? "between " : "từ ") + t + (en ? " and " : " đến ") + findingValue(f, f.targetHigh, lang);
    }
    return t;
}

std::string limitReason(const Finding& f, const std::string& lang) {
    const bool en = isEn(lang);
    const std::string& n = f.limitName;
    const std::string count = formatNumber(double(f.limitCount), lang);
    if (n == "maxFindingsPerRule")
        return en ? count + " more findings of this rule are not listed" : "còn " + count + " phát hiện khác của quy tắc này không được liệt kê";
    if (n == "maxFindings") return en ? count + " more findings are not listed" : "còn " + count + " phát hiện khác không được liệt kê";
    if (n == "maxCellsTouched") return en ? "too many cells read" : "đã đọc quá số ô cho phép";
    if (n == "maxRunMilliseconds") return en ? "out of time (milliseconds)" : "quá thời gian cho phép (mili giây)";
    if (n == "maxMessageBytesTotal") return en ? "the messages exceed the allowed bytes" : "các thông báo dài quá số byte cho phép";
    if (n == "maxMessageBytes")
        return en ? "the rule's message is longer than allowed; cut short" : "thông báo của quy tắc dài quá số byte cho phép; đã cắt bớt";
    if (n == "maxDerivedValues") return en ? "no more values to recompute are kept" : "không ghi thêm giá trị tính lại";
    if (n == "maxBlocks") return en ? "the rule has too many blocks; only the first are checked" : "quy tắc có quá nhiều khối; chỉ kiểm tra các khối đầu";
    if (n == "maxEvaluations") return en ? "more evaluations than allowed" : "vượt số lần tính cho phép";
    if (n == "maxRangeCells")
        return en ? "the range " + f.limitRange + " has " + count + " cells, more than allowed; skipped"
                  : "vùng " + f.limitRange + " có " + count + " ô, quá số ô cho phép; bỏ qua";
    return en ? "a limit was reached" : "đã chạm giới hạn";
}

// "Dừng kiểm tra: đã đọc quá số ô cho phép (giới hạn maxCellsTouched = 50.000.000; quy tắc R, ô Biểu 1!C5)".
// The limit's name stays as written in rules.h: it is what a user looks up.
std::string limitMessage(const Finding& f, const std::string& lang) {
    const bool en = isEn(lang);
    std::string where = f.ruleId == "limit" ? "" : f.ruleId;
    if (f.row >= 0)
        where += (where.empty() ? (en ? "cell " : "ô ") : (en ? ", cell " : ", ô ")) + f.sheet + "!" + f.cell();
    return std::string(f.limitStops ? (en ? "Checking stopped: " : "Dừng kiểm tra: ") : "") + limitReason(f, lang) +
           (en ? " (limit " : " (giới hạn ") + f.limitName + " = " + formatNumber(double(f.limitValue), lang) +
           (where.empty() ? "" : (en ? "; rule " : "; quy tắc ") + where) + ")";
}

std::string checkMessage(const Finding& f, const std::string& place, const std::string& lang) {
    const bool en = isEn(lang);
    if (!f.wantText.empty()) {  // a check on text: the cell's words against the ones asked for
        const char* want = f.wantPattern ? (en ? "match" : "khớp mẫu")
                           : f.relation == Comparison::Ne ? (en ? "differ from" : "khác") : (en ? "be" : "là");
        return place + (en ? ": the text is " : ": ghi ") + quoted(f.cellText) + (en ? ", it must " : ", cần ") + want + " " +
               quoted(f.wantText);
    }
    const std::string a = findingValue(f, f.actual, lang), e = findingValue(f, f.expected, lang), d = difference(f, lang);
    if (f.isTotal) {
        std::string parts = partsText(f, lang);
        if (en)
            return place + ": the total is " + a + ", " + (parts.empty() ? "its parts" : parts) + " add up to " + e +
                   " (off by " + d + ")";
        return place + ": tổng ghi " + a + ", cộng " + (parts.empty() ? "các phần" : parts) + " được " + e + " (lệch " + d + ")";
    }
    if (f.relation == Comparison::Eq)
        return en ? place + ": recorded " + a + ", recomputed " + e + " (off by " + d + ")"
                  : place + ": ghi " + a + ", tính lại được " + e + " (lệch " + d + ")";
    return en ? place + ": recorded " + a + ", must be " + relationWords(f.relation, true) + " " + e
              : place + ": ghi " + a + ", phải " + relationWords(f.relation, false) + " " + e;
}

std::string targetMessage(const Finding& f, const std::string& place, const std::string& lang) {
    const bool en = isEn(lang);
    if (!f.hasValues) {  // no achieved value yet
        std::string t = f.hasTarget ? (en ? " (target " : " (mục tiêu ") + targetWords(f, lang) + ")" : "";
        return place + (en ? ": no achieved value yet" : ": chưa có số liệu thực hiện") + t;
    }
    std::string o = place + (en ? ": target " : ": chỉ tiêu ") + (en ? targetStatusEn(f.status) : targetStatusVi(f.status)) +
                    (en ? " — achieved " : " — thực hiện ") + findingValue(f, f.actual, lang) + (en ? ", target " : ", mục tiêu ") +
                    targetWords(f, lang);
    if (std::isfinite(f.share))
        o += en ? " (" + formatNumber(f.share, lang, 1) + "% of the target)" : " (bằng " + formatNumber(f.share, lang, 1) + "% mục tiêu)";
    // A strict target reached exactly is not met: the one case the words "trên 90" leave a reader unsure of.
    const bool strict = f.direction == TargetDirection::MoreThan || f.direction == TargetDirection::LessThan;
    if (strict && f.status == TargetStatus::NotMet && findingValue(f, f.actual, lang) == findingValue(f, f.expected, lang))
        o += en ? "; a strict target: equal is not enough" : "; chỉ tiêu chặt: bằng mục tiêu là chưa đạt";
    return o;
}

}  // namespace

std::string findingValue(const Finding& f, double v, const std::string& lang) {
    if (f.dates) return formatDate(v, lang);  // a date cell: 31/12/2024, not 45657
    return f.decimals >= 0 ? formatNumber(v, lang, f.decimals, true) : formatNumber(v, lang, 2);
}

std::string findingPlace(const Finding& f, const std::string& lang) {
    std::string row = f.rowLabel;
    if (!f.block.empty() && f.block != row) row = row.empty() ? f.block : f.block + " – " + row;
    std::string o = row;
    if (!f.columnHeader.empty()) o += (o.empty() ? "" : ", ") + f.columnHeader;
    if (o.empty() && f.row >= 0) o = (isEn(lang) ? "cell " : "ô ") + f.cell();
    return o;
}

std::string missingWhat(const MissingRef& m, const std::string& lang) {
    const bool en = isEn(lang);
    std::string o;
    switch (m.kind) {
        case MissingRef::Sheet:
            o = (en ? "sheet " : "trang ") + quoted(m.text);
            if (!m.suggestion.empty()) o += (en ? " (did you mean " : " (có phải ") + quoted(m.suggestion) + (en ? "?)" : "?)");
            return o;
        case MissingRef::Label:
            o = (en ? "the row labelled " : "dòng có nhãn ") + quoted(m.text);
            if (m.occurrence > 1) o += " [" + std::to_string(m.occurrence) + "]";
            break;
        case MissingRef::Header: o = (en ? "the column headed " : "cột có tiêu đề ") + quoted(m.text); break;
        case MissingRef::NumberedColumn: o = (en ? "the column numbered " : "cột số ") + m.text; break;
        case MissingRef::Name: return (en ? "the named range " : "vùng được đặt tên ") + quoted(m.text);
        case MissingRef::None: return "";
    }
    if (!m.inSheet.empty()) o += (en ? " in " : " trong ") + quoted(m.inSheet);
    if (!m.suggestion.empty()) o += (en ? " (did you mean " : " (có phải ") + quoted(m.suggestion) + (en ? "?)" : "?)");
    return o;
}

std::string defaultMessage(const Finding& f, const std::string& lang) {
    const bool en = isEn(lang);
    const std::string place = findingPlace(f, lang);
    // "ô C5: …" reads well; a finding with no cell starts with its own words.
    const std::string lead = place.empty() ? "" : place + ": ";
    switch (f.kind) {
        case FindingKind::Check: return checkMessage(f, place.empty() ? (en ? "Check" : "Kiểm tra") : place, lang);
        case FindingKind::Target: return targetMessage(f, place.empty() ? (en ? "Target" : "Chỉ tiêu") : place, lang);
        case FindingKind::CellError:
            return lead + (en ? "error cell " + f.cellText + "; rules that use this cell cannot be checked"
                              : "ô bị lỗi " + f.cellText + "; các quy tắc dùng ô này không kiểm tra được");
        case FindingKind::TextNumber:
            return lead + (en ? "the number " + quoted(f.cellText) + " is stored as text; read as " + formatNumber(f.actual, lang, 6)
                              : "số " + quoted(f.cellText) + " được lưu dạng văn bản; đã đọc là " + formatNumber(f.actual, lang, 6));
        case FindingKind::NotNumber:
            return lead + (en ? "rule " + f.ruleId + " needs a number but the cell holds the text " + quoted(f.cellText)
                              : "quy tắc " + f.ruleId + " cần một số nhưng ô ghi chữ " + quoted(f.cellText));
        case FindingKind::Undefined:
            return lead + (en ? "rule " + f.ruleId + " gives an undefined result (division by zero?)"
                              : "quy tắc " + f.ruleId + " cho kết quả không xác định (chia cho 0?)");
        case FindingKind::MissingRef: {
            std::string where = f.ruleFile + ":" + std::to_string(f.ruleLine) + ":" + std::to_string(f.ruleColumn);
            return (en ? "Rule " + f.ruleId + " cannot find " : "Quy tắc " + f.ruleId + " không tìm thấy ") +
                   missingWhat(f.missing, lang) + " (" + where + ")";
        }
        case FindingKind::Limit: return limitMessage(f, lang);
    }
    return "";
}

std::string fillTemplate(const std::string& tpl, const std::map<std::string, std::string>& vars, std::size_t max, bool& cut) {
    std::string out;
    for (std::size_t i = 0; i < tpl.size() && out.size() <= max;) {
        if (tpl[i] == '{') {
            std::size_t e = tpl.find('}', i);
            // Placeholder names are short: look no further than that (no quadratic search).
            if (e != std::string::npos && e - i <= 10) {
                auto it = vars.find(tpl.substr(i + 1, e - i - 1));
                if (it != vars.end()) {
                    out.append(it->second, 0, max + 1 - out.size());
                    i = e + 1;
                    continue;
                }
            }
        }
        out += tpl[i++];
    }
    cut = out.size() > max;
    if (cut) {  // cut on a character boundary and mark the cut
        std::size_t at = max;
        while (at > 0 && (static_cast<unsigned char>(out[at]) & 0xC0) == 0x80) --at;
        out.resize(at);
        out += "…";
    }
    return out;
}

const std::vector<std::string>& messagePlaceholders() {
    static const std::vector<std::string> names = {"expected", "actual", "diff",  "cell", "sheet",  "target", "status",
                                                   "share",    "label",  "rule",  "row",  "header", "parts"};
    return names;
}

std::string fillMessage(const std::string& tpl, const Finding& f, const std::string& lang, std::size_t max, bool& cut) {
    const bool en = isEn(lang);
    std::string target = findingValue(f, f.expected, lang);
    if (f.kind == FindingKind::Target && f.direction == TargetDirection::Between) target += "–" + findingValue(f, f.targetHigh, lang);
    const std::map<std::string, std::string> vars = {
        {"expected", findingValue(f, f.expected, lang)},
        {"actual", findingValue(f, f.actual, lang)},
        {"diff", difference(f, lang)},
        {"cell", f.cell()},
        {"sheet", f.sheet},
        // The rule's body, or the total's node, as the rule writes them: what {label} always meant.
        {"label", f.isTotal ? f.totalName : f.ruleText},
        {"rule", f.ruleId},
        {"target", target},
        {"status", en ? targetStatusEn(f.status) : targetStatusVi(f.status)},
        {"share", formatNumber(f.share, lang, 1)},
        {"row", f.rowLabel},
        {"header", f.columnHeader},
        {"parts", partsText(f, lang)},
    };
    return fillTemplate(tpl, vars, max, cut);
}

}  // namespace reportcheck
