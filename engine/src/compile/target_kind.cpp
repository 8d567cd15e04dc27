// `target`: ACTUAL direction TARGET [and HIGH], and its own lines `status`
// and `share` (the cells recompute writes).
#include "compile/rule_compiler.h"

#include <cstring>
#include <memory>

#include "refs.h"

namespace reportcheck {

// target: ACTUAL direction TARGET [and HIGH]
bool RuleCompiler::targetBody(const std::string& file, const Line& h, size_t offset, const std::string& body, Rule& r, bool& bad) {
    size_t at, len;
    if (!findDirection(body, at, len, r.direction)) {
        diagAt(file, h, offset,
               "expected a direction: at least, at most, more than, less than or between (ít nhất, tối đa, trên, dưới, trong khoảng)",
               "cần hướng chỉ tiêu: ít nhất, tối đa, trên, dưới hoặc trong khoảng (at least, at most, more than, less than, between)");
        return false;
    }
    bad |= !expression(file, h, offset, body.substr(0, at), r.lhs);
    std::string rest = body.substr(at + len);
    size_t restOffset = offset + at + len;
    if (r.direction == TargetDirection::Between) {
        size_t andAt;
        if (!findWord(rest, 1, "and", andAt) && !findWord(rest, 1, "và", andAt)) {
            diagAt(file, h, restOffset, "expected 'LOW and HIGH' after between", "cần 'THẤP và CAO' sau trong khoảng");
            return false;
        }
        size_t wl = rest.compare(andAt, 3, "and") == 0 ? 3 : std::strlen("và");
        bad |= !expression(file, h, restOffset, rest.substr(0, andAt), r.rhs);
        bad |= !expression(file, h, restOffset + andAt + wl, rest.substr(andAt + wl), r.rhs2);
    } else {
        bad |= !expression(file, h, restOffset, rest, r.rhs);
    }
    return true;
}

// target's own lines: `status CELL`, `share CELL` (recompute writes them).
RuleCompiler::LineUse RuleCompiler::targetLine(const std::string& file, const Line& l, const std::vector<Token>& ct, Rule& r, TreeState&) {
    if (ct[0].kind != Token::Word || (ct[0].text != "status" && ct[0].text != "share")) return LineUse::NotMine;
    Ref ref;
    RefError re;
    size_t from = ct[0].end;
    if (!scanSingleRef(l.text.substr(from), ref, re)) {
        diagAt(file, l, from + re.offset, re.message);
        return LineUse::Bad;
    }
    (ct[0].text == "status" ? r.statusCell : r.shareCell) = std::make_unique<Ref>(ref);
    (ct[0].text == "status" ? r.statusText : r.shareText) = trimmed(l.text.substr(from));
    return LineUse::Done;
}

}  // namespace reportcheck
