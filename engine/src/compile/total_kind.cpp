// `total`: `cols SEL` or `rows SEL`, then the tree of parts indented under
// their sums; each sum with parts becomes two compiled expressions.
#include "compile/rule_compiler.h"

#include "text_util.h"

namespace reportcheck {

// total: cols SEL | rows SEL [within "…"]
bool RuleCompiler::totalBody(const std::string& file, const Line& h, size_t offset, const std::string&, Rule& r, bool&) {
    std::vector<Token> ht;
    if (!tokens(file, h, offset, ht)) return false;
    for (size_t j = 0; j < ht.size();) {
        bool cbad = false;
        if (!clause(file, h, ht, j, r, cbad)) {
            diagAt(file, h, ht[j].offset, "expected 'cols …', 'rows …' or 'within \"…\"' (found '" + ht[j].text + "')",
                   "cần 'cols …', 'rows …' hoặc 'within \"…\"' (gặp '" + ht[j].text + "')");
            return false;
        }
        if (cbad) return false;
    }
    if (r.hasRows == r.hasCols) {
        diagAt(file, h, offset, "a total needs exactly one of 'cols C:K' (sum rows) or 'rows 8:20' (sum columns)",
               "total cần đúng một trong 'cols C:K' (cộng theo dòng) hoặc 'rows 8:20' (cộng theo cột)");
        return false;
    }
    r.byRows = r.hasRows;
    return true;
}

// total's own lines: the tree, parts indented under their sum.
RuleCompiler::LineUse RuleCompiler::totalLine(const std::string& file, const Line& l, const std::vector<Token>& ct, Rule& r, TreeState& tree) {
    int node = treeNode(file, l, ct, r);
    if (node < 0) return LineUse::Bad;
    auto& stack = tree.stack;
    while (!stack.empty() && stack.back().first >= l.indent) stack.pop_back();
    int& siblings = stack.empty() ? tree.rootIndent : tree.childIndent.emplace(stack.back().second, -1).first->second;
    if (!stack.empty() && siblings >= 0 && l.indent != siblings) {
        diagAt(file, l, l.bodyStart, "this line's indentation does not match any line above",
               "dòng này thụt lề không khớp dòng nào phía trên");
        return LineUse::Bad;
    }
    if (stack.size() >= 32) {
        diagAt(file, l, l.bodyStart, "a total is nested more than 32 levels deep", "total lồng nhau quá 32 cấp");
        return LineUse::Bad;
    }
    if (!stack.empty()) siblings = l.indent;
    if (stack.empty()) {
        if (tree.rootIndent >= 0 && l.indent != tree.rootIndent) {
            diagAt(file, l, l.bodyStart, "this line's indentation does not match any line above",
                   "dòng này thụt lề không khớp dòng nào phía trên");
            return LineUse::Bad;
        }
        tree.rootIndent = l.indent;
        r.roots.push_back(node);
    } else {
        r.nodes[stack.back().second].children.push_back(node);
    }
    stack.push_back({l.indent, node});
    return LineUse::Done;
}

int RuleCompiler::treeNode(const std::string& file, const Line& l, const std::vector<Token>& ct, Rule& r) {
    TreeNode n;
    n.line = l.number;
    n.column = utf8Columns(l.text, ct[0].offset) + 1;
    size_t j = 0;
    if (!r.byRows) {
        if (ct[0].kind == Token::String || (ct[0].text == "@" && ct.size() > 1 && ct[1].kind == Token::String)) {
            j = ct[0].text == "@" ? 1 : 0;
            std::string label = ct[j].text;
            n.text = label;
            n.row.kind = RowPart::Label;
            if (!label.empty() && label.back() == '*') { n.row.prefix = true; label.pop_back(); }
            n.row.label = normalizeLabel(label);
            ++j;
            if (j + 2 < ct.size() + 0 && ct[j].text == "[" && ct[j + 1].kind == Token::Number && ct[j + 2].text == "]") {
                toInt(ct[j + 1].text, n.row.occurrence);
                j += 3;
            }
        } else if (ct[0].kind == Token::Number) {
            int row;
            if (!toInt(ct[0].text, row) || row < 1) {
                diagAt(file, l, ct[0].offset, "expected a row number ≥ 1", "cần số dòng ≥ 1");
                return -1;
            }
            n.row.kind = RowPart::Fixed;
            n.row.row = row - 1;
            n.text = ct[0].text;
            j = 1;
        } else {
            diagAt(file, l, ct[0].offset, "expected a row of the total: a quoted label or a row number (found '" + ct[0].text + "')",
                   "cần một dòng của tổng: nhãn trong dấu nháy hoặc số dòng (gặp '" + ct[0].text + "')");
            return -1;
        }
    } else {
        std::vector<SelItem> items;
        if (!colItems(file, l, ct, j, items)) return -1;
        if (items.size() != 1 || (items[0].kind != SelItem::Column && items[0].kind != SelItem::NumberedCol &&
                                  items[0].kind != SelItem::HeaderCol)) {
            diagAt(file, l, ct[0].offset, "expected one column per line", "mỗi dòng một cột");
            return -1;
        }
        if (items[0].kind == SelItem::Column) {
            n.col.kind = ColPart::Fixed;
            n.col.col = items[0].a;
            n.text = columnName(items[0].a);
        } else if (items[0].kind == SelItem::HeaderCol) {
            n.col = items[0].ha;
            n.text = n.col.header;
        } else {
            n.col.kind = ColPart::Numbered;
            n.col.number = items[0].la;
            n.text = "#" + items[0].la;
        }
    }
    if (j < ct.size()) {
        diagAt(file, l, ct[j].offset, "unexpected '" + ct[j].text + "' after the total's part", "thừa '" + ct[j].text + "'");
        return -1;
    }
    r.nodes.push_back(std::move(n));
    return static_cast<int>(r.nodes.size() - 1);
}

bool RuleCompiler::buildParents(const std::string& file, const Line& h, Rule& r) {
    bool any = false;
    for (size_t i = 0; i < r.nodes.size(); ++i) {
        const TreeNode& n = r.nodes[i];
        if (n.children.empty()) continue;
        any = true;
        Rule::Parent p;
        p.node = static_cast<int>(i);
        auto nodeRef = [&](int idx) {
            Ref ref;
            if (r.byRows) { ref.a.col.kind = ColPart::Node; ref.a.col.col = idx; }
            else { ref.a.row.kind = RowPart::Node; ref.a.row.row = idx; }
            return ref;
        };
        p.lhs.source = n.text;
        p.lhs.refs.push_back(nodeRef(p.node));
        p.lhs.pieces = {"", ""};
        p.lhs.pieceOffsets = {0, 0};
        p.rhs.pieces.push_back("");
        p.rhs.pieceOffsets.push_back(0);
        for (size_t c = 0; c < n.children.size(); ++c) {
            p.rhs.refs.push_back(nodeRef(n.children[c]));
            p.rhs.pieces.push_back(c + 1 < n.children.size() ? "+" : "");
            p.rhs.pieceOffsets.push_back(0);
            p.rhs.source += (c ? " + " : "") + r.nodes[n.children[c]].text;
        }
        p.lhs.line = p.rhs.line = n.line;
        p.lhs.col = p.rhs.col = n.column;
        Line l;
        l.number = n.line;
        if (!muCompile(file, l, 0, p.lhs) || !muCompile(file, l, 0, p.rhs)) return false;
        r.parents.push_back(std::move(p));
    }
    if (!any) {
        diagAt(file, h, 0, "a total needs at least one line with indented parts under it",
               "total cần ít nhất một dòng có các phần thụt vào bên dưới");
        return false;
    }
    return true;
}

}  // namespace reportcheck
