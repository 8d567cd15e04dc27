// Terminal text, JSON and HTML views of findings. Writing only.
#include "reportcheck/present.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>

#include "messages.h"
#include "reportcheck/rules.h"

namespace reportcheck {

std::string jsonNumber(double v) {
    if (!std::isfinite(v)) return "null";
    if (v == 0) v = 0;  // no "-0"
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}

namespace {

const char* severityVi(Severity s) {
    switch (s) {
        case Severity::Error: return "lỗi";
        case Severity::Warning: return "cảnh báo";
        case Severity::Info: return "thông tin";
    }
    return "";
}
const char* severityLabel(Severity s, const std::string& lang) { return lang == "en" ? severityName(s) : severityVi(s); }


// Decimals in v as jsonNumber writes it: "87107.12" has 2, "1e-05" has 5.
int writtenDecimals(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.15g", std::fabs(v));
    std::string s = buf;
    size_t e = s.find('e'), dot = s.find('.');
    int frac = dot == std::string::npos ? 0 : static_cast<int>((e == std::string::npos ? s.size() : e) - dot - 1);
    if (e != std::string::npos) frac -= std::atoi(s.c_str() + e + 1);
    return std::max(0, frac);
}

// actual − expected at the precision of its operands. The comparison rounds
// both sides to the decimals it uses (when it uses any), so this is the
// precision compared; unrounded, 87107.11 − 87107.12 would be written
// -0.00999999999476131, a cancellation error nobody wrote.
double roundedDifference(const Finding& f) {
    return roundHalfAway(f.difference, std::min(10, std::max(writtenDecimals(f.actual), writtenDecimals(f.expected))));
}

// A value at the decimals the check compared it with (50,0 stays 50,0), else up to 2.
std::string shown(const Finding& f, double v, const std::string& lang) { return findingValue(f, v, lang); }

std::string html(const std::string& s) {
    std::string o;
    for (char c : s) {
        switch (c) {
            case '&': o += "&amp;"; break;
            case '<': o += "&lt;"; break;
            case '>': o += "&gt;"; break;
            case '"': o += "&quot;"; break;
            default: o += c;
        }
    }
    return o;
}

std::string originText(const FileReport& r, const std::string& lang) {
    if (r.rulesOrigin == "embedded") return lang == "en" ? "embedded in the workbook" : "nhúng trong bảng tính";
    if (r.rulesOrigin.rfind("bundled:", 0) == 0) {
        std::string name = r.rulesOrigin.substr(8);
        return lang == "en" ? "bundled set " + name : "bộ quy tắc kèm theo " + name;
    }
    return r.rulesOrigin;
}

// Pads to `width` characters (not bytes: Vietnamese letters take 2–3 bytes).
std::string padded(const std::string& s, size_t width) {
    size_t chars = 0;
    for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
    return s + std::string(chars < width ? width - chars : 0, ' ');
}

struct SheetCount { int errors = 0, warnings = 0, infos = 0; };

std::vector<std::pair<std::string, SheetCount>> perSheet(const Result& res) {
    std::vector<std::pair<std::string, SheetCount>> out;
    for (const auto& f : res.findings) {
        if (out.empty() || out.back().first != f.sheet) out.push_back({f.sheet, {}});
        SheetCount& c = out.back().second;
        (f.severity == Severity::Error ? c.errors : f.severity == Severity::Warning ? c.warnings : c.infos)++;
    }
    return out;
}

// Length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF); 0 when there is none.
size_t utf8Sequence(const std::string& s, size_t i) {
    auto at = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
    unsigned c = at(0);
    auto cont = [&](size_t k) { return (at(k) & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return at(1) >= lo && at(1) <= hi && cont(2) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return at(1) >= lo && at(1) <= hi && cont(2) && cont(3) ? 4 : 0;
    }
    return 0;
}

std::string jsonSuspectList(const std::vector<Suspect>& cells) {
    std::string o = "[";
    for (size_t i = 0; i < cells.size(); ++i)
        o += std::string(i ? ", " : "") + "{\"sheet\": " + jsonString(cells[i].sheet) + ", \"cell\": " + jsonString(cells[i].cell()) +
             ", \"value\": " + jsonNumber(cells[i].value) + ", \"fix\": " + jsonNumber(cells[i].fix) + "}";
    return o + "]";
}

}  // namespace

std::string suspectValue(const Suspect& c, double v, const std::string& lang) {
    return c.date ? formatDate(v, lang) : formatNumber(v, lang);
}

std::string suspectsText(const Finding& f, const std::string& lang) {
    const Suspects& s = f.suspects;
    const bool en = lang == "en";
    if (s.cells.empty()) return en ? s.note.en : s.note.vi;
    auto name = [&](const Suspect& c) { return (c.sheet == f.sheet ? "" : c.sheet + "!") + c.cell(); };
    auto list = [&](const std::vector<Suspect>& cells, bool withEffect) {
        std::string o;
        for (size_t i = 0; i < cells.size(); ++i) {
            const Suspect& c = cells[i];
            o += (i ? ", " : "") + name(c) + " (" + suspectValue(c, c.value, lang);
            if (cells.size() == 1 && withEffect)
                o += en ? "; " + suspectValue(c, c.fix, lang) + " would make the " + std::to_string(s.failingChecks) +
                              " failing check" + (s.failingChecks == 1 ? "" : "s") + " hold)"
                        : "; sửa thành " + suspectValue(c, c.fix, lang) + " thì " + std::to_string(s.failingChecks) +
                              " kiểm tra không đạt sẽ đạt)";
            else
                o += (en ? "; " : "; sửa thành ") + suspectValue(c, c.fix, lang) + ")";
        }
        if (cells.size() > 1 && withEffect)
            o += en ? " — these values would make the " + std::to_string(s.failingChecks) + " failing check" +
                          (s.failingChecks == 1 ? "" : "s") + " hold"
                    : " — sửa như vậy thì " + std::to_string(s.failingChecks) + " kiểm tra không đạt sẽ đạt";
        return o;
    };
    std::string o = (en ? "most likely wrong: " : "nhiều khả năng sai: ") + list(s.cells, true);
    for (const auto& t : s.ties)
        o += (en ? "; equally likely: " : "; khả năng như nhau: ") + list(t, false);
    if (!s.ties.empty()) o += en ? " (the checks cannot tell which)" : " (các kiểm tra không phân biệt được)";
    return o;
}

// UTF-8 is written as it is ("Biểu 1", not "Bi\u1ec3u 1"): JSON is UTF-8. Only
// quotes, backslashes and control characters are escaped, and bytes that are
// not UTF-8 (a workbook from elsewhere) become U+FFFD, so the document stays valid.
std::string jsonString(const std::string& s) {
    std::string o = "\"";
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned char c = s[i];
        if (c >= 0x80) {
            size_t n = utf8Sequence(s, i);
            o += n ? s.substr(i, n) : "\xEF\xBF\xBD";
            i += n ? n - 1 : 0;
            continue;
        }
        switch (c) {
            case '"': o += "\\\""; break;
            case '\\': o += "\\\\"; break;
            case '\n': o += "\\n"; break;
            case '\r': o += "\\r"; break;
            case '\t': o += "\\t"; break;
            default:
                if (c < 0x20) {
                    char b[8];
                    std::snprintf(b, sizeof b, "\\u%04x", c);
                    o += b;
                } else {
                    o += static_cast<char>(c);
                }
        }
    }
    return o + "\"";
}

std::string resultSentence(const Result& s, const std::string& lang) {
    std::ostringstream o;
    if (lang == "en")
        o << s.errors() << " errors, " << s.warnings() << " warnings, " << s.infos() << " notes — " << s.rulesRun << " rules, "
          << s.rulesFailed << " failing";
    else
        o << s.errors() << " lỗi, " << s.warnings() << " cảnh báo, " << s.infos() << " thông tin — " << s.rulesRun << " quy tắc, "
          << s.rulesFailed << " quy tắc không đạt";
    return o.str();
}

std::string presentSummaryLine(const FileReport& r, const std::string& lang) {
    std::ostringstream o;
    if (!r.ok) {
        // One line: what follows the first (diagnostics, ways forward) is in the report itself.
        o << r.path << ": " << (lang == "en" ? "cannot check: " : "không kiểm tra được: ") << r.error.substr(0, r.error.find('\n'));
        return o.str();
    }
    o << r.path << ": " << resultSentence(r.result, lang) << (lang == "en" ? " (rules: " : " (quy tắc: ") << originText(r, lang)
      << ")";
    return o.str();
}

std::string presentText(const FileReport& r, const std::string& lang, bool color, bool perRule) {
    std::ostringstream o;
    auto paint = [&](Severity s, const std::string& t) {
        if (!color) return t;
        const char* c = s == Severity::Error ? "\033[31m" : s == Severity::Warning ? "\033[33m" : "\033[36m";
        return std::string(c) + t + "\033[0m";
    };
    o << "# " << r.path << "\n";
    if (!r.ok) {
        std::istringstream lines(r.error);
        lines.exceptions(std::ios::badbit);  // out of memory: an error, not a message cut short
        for (std::string line; std::getline(lines, line);) o << "  " << line << "\n";
        return o.str();
    }
    for (const auto& n : r.notes) o << (lang == "en" ? "  note: " : "  lưu ý: ") << (lang == "en" ? n.en : n.vi) << "\n";
    std::string current = "\x01";
    for (const auto& f : r.result.findings) {
        if (f.sheet != current) {
            current = f.sheet;
            o << "\n== " << (f.sheet.empty() ? (lang == "en" ? "(workbook)" : "(bảng tính)") : f.sheet) << " ==\n";
        }
        std::string cell = f.cell().empty() ? "-" : f.cell();
        o << "  " << cell << std::string(cell.size() < 6 ? 6 - cell.size() : 1, ' ')
          << paint(f.severity, padded(severityLabel(f.severity, lang), 9)) << " [" << f.ruleId << "] " << f.message.in(lang) << "\n";
        if (!f.suspects.empty()) o << std::string(17, ' ') << "→ " << suspectsText(f, lang) << "\n";
    }
    if (r.result.findings.empty()) o << (lang == "en" ? "  No findings.\n" : "  Không có phát hiện nào.\n");
    if (perRule) o << "\n" << presentOutcomesText(r.result, lang);
    o << "\n" << presentSummaryLine(r, lang) << "\n";
    return o.str();
}

std::string presentJson(const std::vector<FileReport>& reports) {
    std::ostringstream o;
    o << "{\n  \"format\": \"reportcheck-findings\",\n  \"version\": 1,\n  \"files\": [";
    for (size_t i = 0; i < reports.size(); ++i) {
        const FileReport& r = reports[i];
        const Result& s = r.result;
        o << (i ? "," : "") << "\n    {\n      \"path\": " << jsonString(r.path) << ",\n      \"ok\": " << (r.ok ? "true" : "false")
          << ",\n      \"error\": " << (r.ok ? "null" : jsonString(r.error))
          << ",\n      \"rules\": " << (r.rulesOrigin.empty() ? "null" : jsonString(r.rulesOrigin));
        // Only when there are notes: the output for a file read whole stays as it was.
        if (!r.notes.empty()) {
            o << ",\n      \"notes\": [";
            for (size_t k = 0; k < r.notes.size(); ++k)
                o << (k ? ", " : "") << "{\"vi\": " << jsonString(r.notes[k].vi) << ", \"en\": " << jsonString(r.notes[k].en) << "}";
            o << "]";
        }
        o << ",\n      \"summary\": {\"errors\": " << s.errors() << ", \"warnings\": " << s.warnings() << ", \"infos\": " << s.infos()
          << ", \"rulesRun\": " << s.rulesRun << ", \"rulesFailed\": " << s.rulesFailed << "},\n      \"outcomes\": [";
        for (size_t k = 0; k < s.rules.size(); ++k) {
            const RuleOutcome& u = s.rules[k];
            o << (k ? "," : "") << "\n        {\"rule\": " << jsonString(u.ruleId) << ", \"verdict\": \"" << u.verdict()
              << "\", \"checked\": " << u.checked() << ", \"passed\": " << u.passed << ", \"failed\": " << u.failed
              << ", \"skipped\": {\"empty\": " << u.skippedEmpty << ", \"missingRef\": " << u.skippedMissingRef
              << ", \"notNumber\": " << u.skippedNotNumber << ", \"errorCell\": " << u.skippedErrorCell
              << ", \"undefined\": " << u.skippedUndefined << ", \"limit\": " << u.skippedLimit << "}, \"findings\": " << u.findings
              << ", \"status\": " << (u.status == TargetStatus::None ? "null" : jsonString(targetStatusVi(u.status))) << "}";
        }
        o << (s.rules.empty() ? "" : "\n      ") << "],\n      \"findings\": [";
        for (size_t k = 0; k < s.findings.size(); ++k) {
            const Finding& f = s.findings[k];
            o << (k ? "," : "") << "\n        {\"rule\": " << jsonString(f.ruleId) << ", \"severity\": \"" << severityName(f.severity)
              << "\", \"kind\": \"" << findingKindName(f.kind) << "\", \"sheet\": " << jsonString(f.sheet)
              << ", \"cell\": " << (f.cell().empty() ? "null" : jsonString(f.cell()))
              << ", \"rowLabel\": " << (f.rowLabel.empty() ? "null" : jsonString(f.rowLabel));
            if (f.hasValues)
                o << ", \"expected\": " << jsonNumber(f.expected) << ", \"actual\": " << jsonNumber(f.actual)
                  << ", \"difference\": " << jsonNumber(roundedDifference(f))
                  << (f.dates ? ", \"dates\": true" : "");  // the numbers are Calc's serial days
            if (f.status != TargetStatus::None)
                o << ", \"status\": " << jsonString(targetStatusVi(f.status)) << ", \"share\": " << jsonNumber(f.share);
            o << ", \"message\": {\"vi\": " << jsonString(f.message.vi) << ", \"en\": " << jsonString(f.message.en) << "}";
            // The words the message names the cell by (after the fields that were there before it).
            o << ", \"columnHeader\": " << (f.columnHeader.empty() ? "null" : jsonString(f.columnHeader));
            // Only on failing checks localisation ran for: other findings are written as before.
            if (!f.suspects.empty()) {
                const Suspects& su = f.suspects;
                o << ", \"suspects\": " << jsonSuspectList(su.cells) << ", \"suspectsFailingChecks\": " << su.failingChecks;
                if (!su.ties.empty()) {
                    o << ", \"suspectsTies\": [";
                    for (size_t t = 0; t < su.ties.size(); ++t) o << (t ? ", " : "") << jsonSuspectList(su.ties[t]);
                    o << "]";
                }
                if (!su.note.vi.empty())
                    o << ", \"suspectsNote\": {\"vi\": " << jsonString(su.note.vi) << ", \"en\": " << jsonString(su.note.en) << "}";
            }
            o << "}";
        }
        o << (s.findings.empty() ? "" : "\n      ") << "]\n    }";
    }
    o << "\n  ]\n}\n";
    return o.str();
}

std::string presentHtml(const std::vector<FileReport>& reports, const std::string& lang) {
    const bool en = lang == "en";
    std::ostringstream o;
    o << "<!DOCTYPE html>\n<html lang=\"" << (en ? "en" : "vi") << "\">\n<head>\n<meta charset=\"utf-8\">\n<title>ReportCheck — "
      << (en ? "findings" : "kết quả kiểm tra") << "</title>\n<style>\n"
      << "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2em;color:#222;max-width:1200px}\n"
      << "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}\n"
      << "table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}th,td{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}\n"
      << "th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
      << ".error{color:#b00020;font-weight:bold}.warning{color:#a15c00;font-weight:bold}.info{color:#00639b}\n"
      << ".suspect{color:#6a1b9a}\n"
      << ".clean{color:#1b7f3b;font-weight:bold}.summary{font-size:1.1em}\n</style>\n</head>\n<body>\n<h1>ReportCheck — "
      << (en ? "findings" : "kết quả kiểm tra") << "</h1>\n";
    for (const auto& r : reports) {
        o << "<h2>" << html(r.path) << "</h2>\n";
        if (!r.ok) {
            o << "<p class=\"error\">" << html(r.error) << "</p>\n";
            continue;
        }
        const Result& s = r.result;
        o << "<p class=\"summary " << (s.clean() ? "clean" : "") << "\">" << html(presentSummaryLine(r, lang)) << "</p>\n";
        for (const auto& n : r.notes) o << "<p class=\"note\">" << (en ? "Note: " : "Lưu ý: ") << html(en ? n.en : n.vi) << "</p>\n";
        auto sheets = perSheet(s);
        if (!sheets.empty()) {
            o << "<table><tr><th>" << (en ? "Sheet" : "Trang") << "</th><th>" << (en ? "Errors" : "Lỗi") << "</th><th>"
              << (en ? "Warnings" : "Cảnh báo") << "</th><th>" << (en ? "Notes" : "Thông tin") << "</th></tr>\n";
            for (const auto& [name, c] : sheets)
                o << "<tr><td><a href=\"#" << html(r.path + "|" + name) << "\">" << html(name) << "</a></td><td class=\"n\">" << c.errors
                  << "</td><td class=\"n\">" << c.warnings << "</td><td class=\"n\">" << c.infos << "</td></tr>\n";
            o << "</table>\n";
        }
        std::string current = "\x01";
        for (const auto& f : s.findings) {
            if (f.sheet != current) {
                if (current != "\x01") o << "</table>\n";
                current = f.sheet;
                o << "<h3 id=\"" << html(r.path + "|" + f.sheet) << "\">" << html(f.sheet) << "</h3>\n<table><tr><th>"
                  << (en ? "Cell" : "Ô") << "</th><th>" << (en ? "Row" : "Dòng") << "</th><th>" << (en ? "Severity" : "Mức") << "</th><th>" << (en ? "Rule" : "Quy tắc")
                  << "</th><th>" << (en ? "Expected" : "Cần") << "</th><th>" << (en ? "Actual" : "Ghi") << "</th><th>"
                  << (en ? "Message" : "Nội dung") << "</th></tr>\n";
            }
            o << "<tr><td>" << html(f.cell()) << "</td><td>" << html(f.rowLabel) << "</td><td class=\"" << severityName(f.severity) << "\">"
              << html(severityLabel(f.severity, lang)) << "</td><td>" << html(f.ruleId) << "</td><td class=\"n\">"
              << (f.hasValues ? html(shown(f, f.expected, lang)) : "") << "</td><td class=\"n\">"
              << (f.hasValues ? html(shown(f, f.actual, lang)) : "") << "</td><td>" << html(f.message.in(lang));
            if (!f.suspects.empty()) o << "<br><span class=\"suspect\">" << html(suspectsText(f, lang)) << "</span>";
            o << "</td></tr>\n";
        }
        if (current != "\x01") o << "</table>\n";
        // Per rule, as R validate's summary(): a rule that never ran is seen here.
        if (!s.rules.empty()) {
            o << "<details><summary>" << (en ? "Per rule" : "Từng quy tắc") << " (" << s.rules.size() << ")</summary>\n<table><tr><th>"
              << (en ? "Rule" : "Quy tắc") << "</th><th>" << (en ? "Verdict" : "Kết quả") << "</th><th>" << (en ? "Passed" : "Đạt")
              << "</th><th>" << (en ? "Failed" : "Sai") << "</th><th>" << (en ? "Skipped" : "Bỏ qua") << "</th><th>"
              << (en ? "Why skipped" : "Lý do bỏ qua") << "</th><th>" << (en ? "Target" : "Chỉ tiêu") << "</th></tr>\n";
            for (const RuleOutcome& u : s.rules) {
                const std::string verdict = outcomeVerdict(u, lang);
                o << "<tr><td>" << html(u.ruleId) << "</td><td class=\"" << (u.verdict() == std::string("failed") ? "error" : "")
                  << "\">" << html(verdict) << "</td><td class=\"n\">" << html(formatNumber(double(u.passed), lang, 0))
                  << "</td><td class=\"n\">" << html(formatNumber(double(u.failed), lang, 0)) << "</td><td class=\"n\">"
                  << html(formatNumber(double(u.skipped()), lang, 0)) << "</td><td>" << html(outcomeSkippedWhy(u, lang))
                  << "</td><td>"
                  << (u.status == TargetStatus::None ? "" : html(en ? targetStatusEn(u.status) : targetStatusVi(u.status)))
                  << "</td></tr>\n";
            }
            o << "</table></details>\n";
        }
    }
    o << "</body>\n</html>\n";
    return o.str();
}

}  // namespace reportcheck
