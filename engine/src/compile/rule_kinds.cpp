// Every kind of rule, one row each (kRuleKinds: keyword, default severity,
// body parser, own continuation lines, last check), and what all kinds share:
// the head `KIND ID attributes :` and the walk over continuation lines.
#include "compile/rule_compiler.h"

#include <memory>

#include "text_util.h"

namespace reportcheck {

const RuleCompiler::RuleKindSpec& RuleCompiler::kindSpec(const std::string& keyword) {
    for (const RuleKindSpec& s : kRuleKinds)
        if (keyword == s.keyword) return s;
    return kRuleKinds[0];
}

void RuleCompiler::rule(Statement& st, const std::vector<Token>& t, const std::string& file) {
    const Line& h = st.head;
    const Token& kw = t[0];
    if (rulesFull_) return;
    if (!requireSection(file, h, kw)) return;
    if (out_.rules_.size() >= limits_.maxRules) {
        diagAt(file, h, kw.offset, "more rules than the limit of " + std::to_string(limits_.maxRules) + " (maxRules); the rest are not read",
               "số quy tắc vượt giới hạn " + std::to_string(limits_.maxRules) + " (maxRules); các quy tắc sau không được đọc");
        rulesFull_ = true;
        return;
    }
    const RuleKindSpec& spec = kindSpec(kw.text);
    auto r = std::make_unique<Rule>();
    r->kind = spec.kind;
    r->severity = spec.severity;
    r->section = section_;
    r->placeholders = placeholders_;
    r->roundingAllowance = rounding_;
    r->file = file;
    r->line = h.number;
    size_t bodyOffset = 0;
    bool bad = false;
    if (!ruleHead(file, h, t, *r, bodyOffset, bad)) return;
    std::string body = h.text.substr(bodyOffset);
    r->display = normalizeLabel(body);
    r->body = trimmed(body);
    const Line& last = st.more.empty() ? h : st.more.back();
    r->endLine = last.number;
    r->endColumn = utf8Columns(last.text, trimmed(last.text).size() + last.bodyStart) + 1;
    if (!(this->*spec.body)(file, h, bodyOffset, body, *r, bad)) return;

    // Continuation lines: the clauses every kind takes, else the kind's own.
    TreeState tree;
    for (const Line& l : st.more) {
        std::vector<Token> ct;
        if (!tokens(file, l, l.bodyStart, ct) || ct.empty()) { bad = true; continue; }
        size_t j = 0;
        bool cbad = false;
        if (clause(file, l, ct, j, *r, cbad)) {
            if (cbad) { bad = true; continue; }
            if (j < ct.size()) {
                diagAt(file, l, ct[j].offset, "unexpected '" + ct[j].text + "'", "thừa '" + ct[j].text + "'");
                bad = true;
            }
            if (r->kind == RuleKind::Total && (r->hasRows && r->hasCols)) {
                diagAt(file, l, ct[0].offset, "a total takes either cols or rows", "total chỉ có cols hoặc rows");
                bad = true;
            }
            continue;
        }
        LineUse use = spec.line ? (this->*spec.line)(file, l, ct, *r, tree) : LineUse::NotMine;
        if (use == LineUse::NotMine) {
            std::vector<std::string> known = {"for", "rows", "cols", "within", "vi", "en"};
            if (spec.kind == RuleKind::Target) known.insert(known.end(), {"status", "share"});
            diagAt(file, l, ct[0].offset,
                   "expected 'for rows …', 'for cols …', 'within …', 'vi \"…\"', 'en \"…\"'" + std::string(spec.linesEn) +
                       " (found '" + ct[0].text + "')" + didYouMean(ct[0].text, known, "en"),
                   "cần 'for rows …', 'for cols …', 'within …', 'vi \"…\"', 'en \"…\"'" + std::string(spec.linesVi) +
                       " (gặp '" + ct[0].text + "')" + didYouMean(ct[0].text, known, "vi"));
            bad = true;
        } else if (use == LineUse::Bad) {
            bad = true;
        }
    }
    if (!r->blocks.empty() && !r->withinStart.empty()) {
        diagAt(file, h, 0, "a rule takes either 'for blocks …' or 'within …', not both",
               "quy tắc chỉ có một trong 'for blocks …' hoặc 'within …'");
        bad = true;
    }
    if (bad || !(this->*spec.finish)(file, h, *r)) return;
    out_.rules_.push_back(std::move(r));
}

// `check ID [error|warning|info] [tol N] [decimals N] [derived] :` — the id
// and attributes; `bodyOffset` where the body starts (after ':').
bool RuleCompiler::ruleHead(const std::string& file, const Line& h, const std::vector<Token>& t, Rule& r, size_t& bodyOffset, bool& bad) {
    const Token& kw = t[0];
    if (t.size() < 2 || t[1].kind != Token::Word) {
        diagAt(file, h, kw.end, "expected a rule id after '" + kw.text + "', e.g. " + kw.text + " B3.cot4",
               "cần mã quy tắc sau '" + kw.text + "', ví dụ " + kw.text + " B3.cot4");
        return false;
    }
    r.id = t[1].text;
    if (r.id.size() > limits_.maxNameBytes) {
        diagAt(file, h, t[1].offset, "rule id longer than the limit of " + std::to_string(limits_.maxNameBytes) + " bytes",
               "mã quy tắc dài hơn giới hạn " + std::to_string(limits_.maxNameBytes) + " byte");
        return false;
    }
    if (!ids_.insert(r.id).second)
        diagAt(file, h, t[1].offset, "rule id '" + r.id + "' is used twice", "mã quy tắc '" + r.id + "' bị trùng");
    size_t k = 2;
    for (; k < t.size() && t[k].text != ":"; ++k) {
        const std::string& a = t[k].text;
        if (a == "error") r.severity = Severity::Error;
        else if (a == "warning") r.severity = Severity::Warning;
        else if (a == "info") r.severity = Severity::Info;
        else if (a == "derived") r.derived = true;
        else if (a == "exact") r.roundingAllowance = false;
        else if (a == "tol" || a == "decimals") {
            if (k + 1 >= t.size() || t[k + 1].kind != Token::Number) {
                diagAt(file, h, t[k].end, "expected a number after '" + a + "'", "cần một số sau '" + a + "'");
                return false;
            }
            ++k;
            if (k + 2 < t.size() && t[k + 1].text == "," && t[k + 2].kind == Token::Number) {
                // Numbers in rules are written with a decimal point, as in every
                // expression (muparser), where ',' separates a function's arguments;
                // "0,5" is explained rather than read two ways.
                std::string v = t[k].text + "." + t[k + 2].text;
                diagAt(file, h, t[k].offset,
                       "write the decimal with a point: " + a + " " + v + " (numbers in rules use '.', ',' separates arguments)",
                       "viết phần thập phân bằng dấu chấm: " + a + " " + v + " (số trong quy tắc dùng dấu '.', dấu ',' để ngăn cách đối số)");
                return false;
            }
            if (a == "tol") {
                if (!toDouble(t[k].text, r.tol) || r.tol < 0) {
                    diagAt(file, h, t[k].offset, "expected a tolerance ≥ 0", "dung sai phải ≥ 0");
                    bad = true;
                }
            } else if (!toInt(t[k].text, r.decimals) || r.decimals > 10) {
                diagAt(file, h, t[k].offset, "expected decimals from 0 to 10", "số chữ số thập phân từ 0 đến 10");
                bad = true;
            }
        } else {
            static const std::vector<std::string> kAttributes = {"error", "warning", "info", "tol", "decimals", "derived", "exact"};
            diagAt(file, h, t[k].offset,
                   "expected an attribute (error, warning, info, tol N, decimals N, derived, exact) or ':' (found '" + a + "')" +
                       didYouMean(a, kAttributes, "en"),
                   "cần thuộc tính (error, warning, info, tol N, decimals N, derived, exact) hoặc ':' (gặp '" + a + "')" +
                       didYouMean(a, kAttributes, "vi"));
            return false;
        }
    }
    if (k >= t.size()) {
        diagAt(file, h, h.text.size(), "expected ':' before the rule's body", "cần dấu ':' trước nội dung quy tắc");
        return false;
    }
    bodyOffset = t[k].end;
    return true;
}

// Every rule kind: a new kind is one row here, its parsers in a file of its
// own (check_kind.cpp, target_kind.cpp, total_kind.cpp), and its case in the
// evaluator's Run::ruleBody.
const RuleCompiler::RuleKindSpec RuleCompiler::kRuleKinds[3] = {
    {"check", RuleKind::Check, Severity::Error, &RuleCompiler::checkBody, nullptr, "", "", &RuleCompiler::checkIteration},
    {"target", RuleKind::Target, Severity::Warning, &RuleCompiler::targetBody, &RuleCompiler::targetLine,
     ", 'status …' or 'share …'", ", 'status …' hoặc 'share …'", &RuleCompiler::checkIteration},
    {"total", RuleKind::Total, Severity::Error, &RuleCompiler::totalBody, &RuleCompiler::totalLine, "", "",
     &RuleCompiler::buildParents},
};

}  // namespace reportcheck
