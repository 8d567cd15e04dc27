// The rules of a set as people and programs read them (`reportcheck rules`):
// one entry per rule, what it checks in words, where it is written.
#include <algorithm>
#include <sstream>

#include "reportcheck/present.h"
#include "text_util.h"

namespace reportcheck {

namespace {

const char* kindVi(const std::string& kind) {
    return kind == "total" ? "tổng" : kind == "target" ? "chỉ tiêu" : "kiểm tra";
}

const char* severityVi(Severity s) {
    return s == Severity::Error ? "lỗi" : s == Severity::Warning ? "cảnh báo" : "thông tin";
}

std::string jsonList(const std::vector<std::string>& v) {
    std::string o = "[";
    for (size_t i = 0; i < v.size(); ++i) o += (i ? ", " : "") + jsonString(v[i]);
    return o + "]";
}

}  // namespace

std::string presentRulesText(const RulesListing& l, const std::string& lang) {
    const bool en = lang == "en";
    std::ostringstream o;
    o << l.path << ": " << l.rules.size() << (en ? " rules" : " quy tắc");
    if (!l.origin.empty()) o << " (" << (en ? "rules: " : "quy tắc: ") << l.origin << ")";
    o << "\n";
    for (const auto& r : l.rules) {
        o << "\n" << r.id << "  [" << (en ? r.kind.c_str() : kindVi(r.kind)) << ", "
          << (en ? severityName(r.severity) : severityVi(r.severity)) << "]  " << r.sheet << "  (" << r.span.file << ":"
          << r.span.line << ")\n    " << describeRule(r, lang) << "\n";
    }
    return o.str();
}

std::string presentRulesJson(const std::vector<RulesListing>& listings) {
    std::ostringstream o;
    o << "{\n  \"format\": \"reportcheck-rules\",\n  \"files\": [";
    for (size_t f = 0; f < listings.size(); ++f) {
        const RulesListing& l = listings[f];
        o << (f ? "," : "") << "\n    {\n      \"path\": " << jsonString(l.path) << ",\n      \"origin\": " << jsonString(l.origin)
          << ",\n      \"rules\": [";
        for (size_t i = 0; i < l.rules.size(); ++i) {
            const RuleInfo& r = l.rules[i];
            o << (i ? "," : "") << "\n        {\"id\": " << jsonString(r.id) << ", \"kind\": " << jsonString(r.kind)
              << ", \"severity\": \"" << severityName(r.severity) << "\", \"sheet\": " << jsonString(r.sheet)
              << ", \"labels\": " << jsonString(r.labels) << ", \"numbersRow\": " << r.numbersRow
              << ", \"headerRows\": [" << r.headerRow1 << ", " << r.headerRow2 << "]"
              << ", \"tolerance\": " << jsonNumber(r.tolerance) << ", \"decimals\": " << r.decimals
              << ", \"derived\": " << (r.derived ? "true" : "false") << ",\n         \"body\": " << jsonString(r.body)
              << ", \"rows\": " << jsonString(r.rows) << ", \"exceptRows\": " << jsonString(r.exceptRows)
              << ", \"cols\": " << jsonString(r.cols) << ", \"within\": " << jsonString(r.within)
              << ", \"withinEnd\": " << jsonString(r.withinEnd) << ", \"status\": " << jsonString(r.status)
              << ", \"share\": " << jsonString(r.share) << ",\n         \"parts\": [";
            for (size_t p = 0; p < r.parts.size(); ++p)
                o << (p ? ", " : "") << "{\"depth\": " << r.parts[p].depth << ", \"text\": " << jsonString(r.parts[p].text) << "}";
            o << "],\n         \"messageVi\": " << jsonString(r.message.vi) << ", \"messageEn\": " << jsonString(r.message.en)
              << ",\n         \"describeVi\": " << jsonString(describeRule(r, "vi"))
              << ", \"describeEn\": " << jsonString(describeRule(r, "en")) << ",\n         \"reads\": {\"cells\": "
              << jsonList(r.reads.cells) << ", \"rowLabels\": " << jsonList(r.reads.rowLabels)
              << ", \"columnHeaders\": " << jsonList(r.reads.columnHeaders) << ", \"columnNumbers\": "
              << jsonList(r.reads.columnNumbers) << ", \"names\": " << jsonList(r.reads.names)
              << ", \"sheets\": " << jsonList(r.reads.sheets) << "},\n         \"span\": {\"file\": " << jsonString(r.span.file)
              << ", \"line\": " << r.span.line << ", \"column\": " << r.span.column << ", \"endLine\": " << r.span.endLine
              << ", \"endColumn\": " << r.span.endColumn << "}}";
        }
        o << "\n      ]\n    }";
    }
    o << "\n  ]\n}\n";
    return o.str();
}

}  // namespace reportcheck

namespace reportcheck {

// A rule's verdict in the reader's language ("không đạt" / "failed"; a rule
// that checked nothing "không chạy được" / "never checked").
std::string outcomeVerdict(const RuleOutcome& u, const std::string& lang) {
    const std::string v = u.verdict();
    const bool en = lang == "en";
    if (v == "failed") return en ? "failed" : "không đạt";
    if (v == "passed") return en ? "passed" : "đạt";
    return en ? "never checked" : "không chạy được";
}

// Why instances were skipped ("3 trống, 1 thiếu tham chiếu").
std::string outcomeSkippedWhy(const RuleOutcome& u, const std::string& lang) {
    const bool en = lang == "en";
    std::string why;
    auto add = [&](std::uint64_t n, const char* vi, const char* enWord) {
        if (n) why += (why.empty() ? "" : ", ") + formatNumber(double(n), lang, 0) + " " + (en ? enWord : vi);
    };
    add(u.skippedEmpty, "trống", "empty");
    add(u.skippedMissingRef, "thiếu tham chiếu", "missing reference");
    add(u.skippedNotNumber, "không phải số", "not a number");
    add(u.skippedErrorCell, "ô lỗi", "error cell");
    add(u.skippedUndefined, "không xác định", "undefined");
    add(u.skippedLimit, "giới hạn", "limit");
    return why;
}

std::string presentOutcomesText(const Result& result, const std::string& lang) {
    const bool en = lang == "en";
    size_t width = 4;
    for (const auto& u : result.rules) width = std::max(width, static_cast<size_t>(utf8Columns(u.ruleId, u.ruleId.size())));
    // Padded by characters, not bytes: "kết quả" and "không đạt" line up.
    auto pad = [](const std::string& s, size_t n) {
        size_t w = static_cast<size_t>(utf8Columns(s, s.size()));
        return s + std::string(n > w ? n - w : 0, ' ');
    };
    auto num = [&](std::uint64_t v, size_t n) {
        std::string t = formatNumber(double(v), lang, 0);
        return std::string(n > t.size() ? n - t.size() : 0, ' ') + t;
    };
    std::ostringstream o;
    o << (en ? "Per rule:\n" : "Từng quy tắc:\n") << "  " << pad(en ? "rule" : "mã", width) << "  "
      << pad(en ? "verdict" : "kết quả", 15) << (en ? "  passed  failed skipped" : "     đạt     sai  bỏ qua") << "\n";
    for (const auto& u : result.rules) {
        o << "  " << pad(u.ruleId, width) << "  " << pad(outcomeVerdict(u, lang), 15) << num(u.passed, 8) << num(u.failed, 8)
          << num(u.skipped(), 8);
        // Not when only because they were empty: a blank form's rows are not news.
        if (u.skipped() != u.skippedEmpty) o << "  (" << outcomeSkippedWhy(u, lang) << ")";
        if (u.status != TargetStatus::None) o << "  " << (en ? targetStatusEn(u.status) : targetStatusVi(u.status));
        o << "\n";
    }
    return o.str();
}

}  // namespace reportcheck
