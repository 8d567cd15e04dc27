// What a rule of any kind may say besides its body: rows and columns
// (`for rows`, `for cols`, `for blocks`), `within`, its own `vi` / `en`
// messages, each parsed once for all kinds.
#include "compile/rule_compiler.h"

#include <algorithm>

#include "messages.h"
#include "text_util.h"

namespace reportcheck {

// The quoted label at t[k] (it follows the word `after`), normalised.
bool RuleCompiler::quotedLabel(const std::string& file, const Line& l, const std::vector<Token>& t, size_t& k,
                 const std::string& after, std::string& out) {
    if (k >= t.size() || t[k].kind != Token::String) {
        diagAt(file, l, k < t.size() ? t[k].offset : l.text.size(), "expected a quoted label after '" + after + "'",
               "cần nhãn trong dấu nháy sau '" + after + "'");
        return false;
    }
    out = normalizeLabel(t[k++].text);
    return true;
}

// rows: 8 | 8:20 | "label" | "label" to "label"
bool RuleCompiler::rowItems(const std::string& file, const Line& l, const std::vector<Token>& t, size_t& k, std::vector<SelItem>& out) {
    for (;;) {
        if (k >= t.size()) {
            diagAt(file, l, l.text.size(), "expected a row: a number, a range like 8:20 or a quoted label",
                   "cần một dòng: số, khoảng như 8:20 hoặc nhãn trong dấu nháy");
            return false;
        }
        SelItem it{};
        int a, b;
        if (t[k].kind == Token::Number && toInt(t[k].text, a) && a >= 1) {
            it.kind = SelItem::Number;
            it.a = a - 1;
            ++k;
            if (k < t.size() && t[k].text == ":") {
                ++k;
                if (k >= t.size() || t[k].kind != Token::Number || !toInt(t[k].text, b) || b < a) {
                    diagAt(file, l, k < t.size() ? t[k].offset : l.text.size(), "expected the last row of the range (≥ first)",
                           "cần dòng cuối của khoảng (≥ dòng đầu)");
                    return false;
                }
                it.kind = SelItem::NumberRange;
                it.b = b - 1;
                ++k;
            }
        } else if (t[k].kind == Token::String) {
            it.kind = SelItem::Label;
            it.la = normalizeLabel(t[k].text);
            ++k;
            if (k < t.size() && isKeyword(t[k], "to")) {
                ++k;
                if (!quotedLabel(file, l, t, k, "to", it.lb)) return false;
                it.kind = SelItem::LabelRange;
            }
        } else {
            diagAt(file, l, t[k].offset, "expected a row: a number, a range like 8:20 or a quoted label (found '" + t[k].text + "')",
                   "cần một dòng: số, khoảng như 8:20 hoặc nhãn trong dấu nháy (gặp '" + t[k].text + "')");
            return false;
        }
        out.push_back(it);
        if (k < t.size() && t[k].text == ",") { ++k; continue; }
        return true;
    }
}

// cols: C | C:K | #4 | #2:#10 | #"31/12/2020" | #"Tổng số"[2]:#"Cấp xã"
bool RuleCompiler::colItems(const std::string& file, const Line& l, const std::vector<Token>& t, size_t& k, std::vector<SelItem>& out) {
    auto one = [&](SelItem& it, bool numbered) -> bool {
        if (numbered && k + 1 < t.size() && t[k + 1].kind == Token::String) {
            ColPart& h = it.ha;
            h.kind = ColPart::Header;
            std::string text = t[k + 1].text;
            if (!text.empty() && text.back() == '*') { h.prefix = true; text.pop_back(); }
            h.header = normalizeLabel(text);
            k += 2;
            if (k + 2 < t.size() + 0 && t[k].text == "[" && t[k + 1].kind == Token::Number && t[k + 2].text == "]") {
                if (!toInt(t[k + 1].text, h.occurrence) || h.occurrence < 1) return false;
                k += 3;
            }
            return !h.header.empty();
        }
        if (numbered) {
            if (k + 1 >= t.size() || t[k].text != "#" || (t[k + 1].kind != Token::Number && t[k + 1].kind != Token::Word)) return false;
            it.la = t[k + 1].text;
            k += 2;
            return true;
        }
        if (k >= t.size() || t[k].kind != Token::Word || !parseColumn(t[k].text, it.a)) return false;
        ++k;
        return true;
    };
    for (;;) {
        SelItem it{};
        size_t at = k < t.size() ? t[k].offset : l.text.size();
        bool numbered = k < t.size() && t[k].text == "#";
        if (!one(it, numbered)) {
            diagAt(file, l, at, "expected a column: a letter like C, a range like C:K, a column number like #4 or a header like #\"31/12/2023\"",
                   "cần một cột: chữ cái như C, khoảng như C:K, số cột như #4 hoặc tiêu đề như #\"31/12/2023\"");
            return false;
        }
        bool header = it.ha.kind == ColPart::Header;
        it.kind = header ? SelItem::HeaderCol : numbered ? SelItem::NumberedCol : SelItem::Column;
        if (k < t.size() && t[k].text == ":") {
            ++k;
            SelItem end{};
            if (!one(end, numbered) || (!numbered && end.a < it.a) || (end.ha.kind == ColPart::Header) != header) {
                diagAt(file, l, k < t.size() ? t[k].offset : l.text.size(),
                       "expected the last column of the range, written like the first", "cần cột cuối của khoảng, viết cùng kiểu cột đầu");
                return false;
            }
            it.kind = header ? SelItem::HeaderColRange : numbered ? SelItem::NumberedColRange : SelItem::ColumnRange;
            it.b = end.a;
            it.lb = end.la;
            it.hb = end.ha;
        }
        out.push_back(it);
        if (k < t.size() && t[k].text == ",") { ++k; continue; }
        return true;
    }
}

// Parses clauses shared by headers and continuation lines. Returns false if
// the first token is not a clause keyword.
bool RuleCompiler::clause(const std::string& file, const Line& l, const std::vector<Token>& t, size_t& k, Rule& r, bool& bad) {
    const Token& w = t[k];
    if (isKeyword(w, "for") && k + 1 < t.size() && isKeyword(t[k + 1], "blocks")) {
        // for blocks "Người", "Chỉ số phát triển", "Cơ cấu*"
        k += 2;
        for (;;) {
            std::string label;
            if (k >= t.size() || t[k].kind != Token::String) {
                diagAt(file, l, k < t.size() ? t[k].offset : l.text.size(),
                       "expected the quoted label that starts a block, e.g. for blocks \"Người\", \"Cơ cấu (%)\"",
                       "cần nhãn trong dấu nháy mở đầu một khối, ví dụ for blocks \"Người\", \"Cơ cấu (%)\"");
                bad = true;
                return true;
            }
            label = t[k++].text;
            bool prefix = !label.empty() && label.back() == '*';
            if (prefix) label.pop_back();
            label = normalizeLabel(label);
            if (label.empty()) {
                diagAt(file, l, t[k - 1].offset, "a block's label is empty", "nhãn của khối rỗng");
                bad = true;
                return true;
            }
            r.blocks.push_back(label + (prefix ? "*" : ""));
            if (k < t.size() && t[k].text == ",") { ++k; continue; }
            break;
        }
        return true;
    }
    if (isKeyword(w, "for") || isKeyword(w, "rows") || isKeyword(w, "cols")) {
        if (isKeyword(w, "for")) ++k;
        if (k >= t.size() || !(isKeyword(t[k], "rows") || isKeyword(t[k], "cols"))) {
            diagAt(file, l, k < t.size() ? t[k].offset : l.text.size(), "expected 'rows', 'cols' or 'blocks' after 'for'",
                   "cần 'rows', 'cols' hoặc 'blocks' sau 'for'");
            bad = true;
            return true;
        }
        bool rows = t[k].text == "rows";
        ++k;
        if (rows) {
            if (!rowItems(file, l, t, k, r.rows)) { bad = true; return true; }
            r.hasRows = true;
            if (k < t.size() && isKeyword(t[k], "except")) {
                ++k;
                if (!rowItems(file, l, t, k, r.exceptRows)) { bad = true; return true; }
            }
        } else {
            if (!colItems(file, l, t, k, r.cols)) { bad = true; return true; }
            r.hasCols = true;
        }
        return true;
    }
    if (isKeyword(w, "within")) {
        ++k;
        if (!quotedLabel(file, l, t, k, "within", r.withinStart)) {
            bad = true;
            return true;
        }
        if (k < t.size() && isKeyword(t[k], "to")) {
            ++k;
            bad = !quotedLabel(file, l, t, k, "to", r.withinEnd);
        }
        return true;
    }
    if (isKeyword(w, "vi") || isKeyword(w, "en")) {
        ++k;
        if (k >= t.size() || t[k].kind != Token::String) {
            diagAt(file, l, k < t.size() ? t[k].offset : l.text.size(), "expected a quoted message after '" + w.text + "'",
                   "cần thông báo trong dấu nháy sau '" + w.text + "'");
            bad = true;
            return true;
        }
        if (!checkPlaceholders(file, l, t[k])) bad = true;
        (w.text == "vi" ? r.msgVi : r.msgEn) = t[k++].text;
        return true;
    }
    return false;
}

bool RuleCompiler::checkPlaceholders(const std::string& file, const Line& l, const Token& s) {
    // The placeholders messages.cpp fills: one list, there.
    const auto& known = messagePlaceholders();
    std::string all;
    for (const auto& k : known) all += (all.empty() ? "{" : " {") + k + "}";
    for (size_t i = s.text.find('{'); i != std::string::npos; i = s.text.find('{', i + 1)) {
        size_t e = s.text.find('}', i);
        std::string name = e == std::string::npos ? "" : s.text.substr(i + 1, e - i - 1);
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            diagAt(file, l, s.offset, "unknown placeholder {" + name + "}: use " + all,
                   "chỗ điền không hợp lệ {" + name + "}: dùng " + all);
            return false;
        }
    }
    return true;
}

}  // namespace reportcheck
