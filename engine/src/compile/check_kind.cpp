// `check`: a comparison of two expressions, or of one cell with a text
// (`= "…"`, `matches "pat*"`); its last check, that references to the
// current row or column have an iteration to give them one.
#include "compile/rule_compiler.h"

#include <cstring>

#include "refs.h"
#include "text_util.h"

namespace reportcheck {

// A check on text: `CELL = "text"`, `CELL <> "text"` or `CELL matches
// "pattern"` (* any run of characters, ? one). npos when `body` is not one;
// else true/false for parsed or reported.
int RuleCompiler::textBody(const std::string& file, const Line& h, size_t offset, const std::string& body, Rule& r, bool& bad) {
    size_t at = std::string::npos, len = 0;
    CmpOp op = CmpOp::Eq;
    bool match = findWord(body, 0, "matches", at);
    if (match) {
        len = std::strlen("matches");
    } else if (!splitComparison(body, at, len, op) || (op != CmpOp::Eq && op != CmpOp::Ne)) {
        return -1;
    }
    std::string rhs = trimmed(body.substr(at + len));
    bool quoted = rhs.size() >= 2 && rhs.front() == '"' && rhs.back() == '"' &&
                  findUnquoted(rhs, 0, [](size_t) { return true; }) == std::string::npos;
    if (!quoted) {
        if (!match) return -1;
        diagAt(file, h, offset + at + len, "expected a quoted pattern after 'matches', e.g. A5 matches \"Dân số*\"",
               "cần mẫu trong dấu nháy sau 'matches', ví dụ A5 matches \"Dân số*\"");
        return 0;
    }
    std::vector<Token> qt;
    LexError le;
    if (!tokenize(rhs, 0, qt, le) || qt.size() != 1 || qt[0].kind != Token::String) return -1;
    std::string lhs = body.substr(0, at);
    RefError re;
    size_t lead = lhs.find_first_not_of(" \t");
    Ref ref;
    if (lead == std::string::npos || !scanSingleRef(trimmed(lhs), ref, re) || ref.range) {
        diagAt(file, h, offset + (lead == std::string::npos ? 0 : lead),
               "a check on text compares one cell with a quoted text, e.g. A5 = \"Dân số\" or A5 matches \"Dân số*\"",
               "kiểm tra văn bản so một ô với văn bản trong dấu nháy, ví dụ A5 = \"Dân số\" hoặc A5 matches \"Dân số*\"");
        bad = true;
        return 0;
    }
    r.textCheck = true;
    r.textMatch = match;
    r.op = op;
    r.textValue = normalizeLabel(qt[0].text);
    r.lhs.source = trimmed(lhs);
    r.lhs.refs.push_back(ref);
    r.lhs.pieces = {"", ""};
    r.lhs.pieceOffsets = {0, 0};
    r.lhs.line = h.number;
    r.lhs.col = utf8Columns(h.text, offset + lead) + 1;
    if (r.derived) {
        diagAt(file, h, offset, "a check on text cannot be derived", "kiểm tra văn bản không dùng được derived");
        bad = true;
    }
    return 1;
}

// check: LHS op RHS
bool RuleCompiler::checkBody(const std::string& file, const Line& h, size_t offset, const std::string& body, Rule& r, bool& bad) {
    if (int text = textBody(file, h, offset, body, r, bad); text >= 0) return text == 1;
    size_t at, len;
    if (!splitComparison(body, at, len, r.op)) {
        diagAt(file, h, offset, "expected a comparison: = <> < <= > >= between two expressions",
               "cần một phép so sánh = <> < <= > >= giữa hai biểu thức");
        return false;
    }
    bad |= !expression(file, h, offset, body.substr(0, at), r.lhs);
    bad |= !expression(file, h, offset + at + len, body.substr(at + len), r.rhs);
    if (!bad && r.derived && (r.lhs.refs.size() != 1 || r.lhs.refs[0].range || r.op != CmpOp::Eq ||
                              !normalizeLabel(r.lhs.pieces[0] + r.lhs.pieces[1]).empty())) {
        diagAt(file, h, offset, "a derived rule needs one cell on the left of '='",
               "quy tắc derived cần đúng một ô ở vế trái của '='");
        bad = true;
    }
    return true;
}

// Refs to "the current row/column" need an iteration over rows/columns.
bool RuleCompiler::checkIteration(const std::string& file, const Line& h, Rule& r) {
    bool ok = true;
    auto check = [&](const Expr& e) {
        for (const auto& ref : e.refs) {
            for (const CellRef* c : {&ref.a, &ref.b}) {
                if (c == &ref.b && !ref.range) continue;
                if (!c->name.empty()) continue;
                if (c->row.kind == RowPart::Current && !r.hasRows) {
                    diag(file, e.line, e.col, "'" + e.source + "' uses a column without a row: add 'for rows …' or write a cell like C5",
                         "'" + e.source + "' dùng cột mà không có dòng: thêm 'for rows …' hoặc viết ô như C5");
                    return (ok = false);
                }
                if (c->col.kind == ColPart::Current && !r.hasCols) {
                    diag(file, e.line, e.col, "'" + e.source + "' uses a row label without a column: add 'for cols …' or write @\"…\".C",
                         "'" + e.source + "' dùng nhãn dòng mà không có cột: thêm 'for cols …' hoặc viết @\"…\".C");
                    return (ok = false);
                }
                if (c->col.kind == ColPart::Numbered && r.section.numbersRow < 0 && c->sheet.empty()) {
                    diag(file, e.line, e.col, "'#" + c->col.number + "' needs the section's column-number row: add 'numbers N' after sheet",
                         "'#" + c->col.number + "' cần dòng đánh số cột: thêm 'numbers N' sau sheet");
                    return (ok = false);
                }
            }
        }
        return true;
    };
    check(r.lhs) && check(r.rhs) && check(r.rhs2);
    for (const Ref* ref : {r.statusCell.get(), r.shareCell.get()}) {
        if (!ref) continue;
        Expr e;
        e.refs.push_back(*ref);
        e.line = h.number;
        e.col = 1;
        e.source = "status/share";
        ok = ok && check(e);
    }
    return ok;
}

}  // namespace reportcheck
