// The compiled rules as data (reportcheck/rule_info.h): Rule -> RuleInfo, and
// RuleInfo -> rules text. The printer writes every construct from the model's
// fields, so what it prints is the model, not a copy of the file.
#include "reportcheck/rule_info.h"

#include <cmath>
#include <cstdio>
#include <set>

#include "rule_model.h"
#include "text_util.h"

namespace reportcheck {

std::string quoteRulesString(const std::string& s) {
    std::string q = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') q += '\\';
        q += c;
    }
    return q + "\"";
}

namespace {

std::string occurrence(int n) { return n > 1 ? "[" + std::to_string(n) + "]" : ""; }

std::string headerText(const ColPart& c) {
    return "#" + quoteRulesString(c.header + (c.prefix ? "*" : "")) + occurrence(c.occurrence);
}

std::string columnsText(int a, int b) { return a == b ? columnName(a) : columnName(a) + ":" + columnName(b); }

std::string selText(const SelItem& it) {
    switch (it.kind) {
        case SelItem::Number: return std::to_string(it.a + 1);
        case SelItem::NumberRange: return std::to_string(it.a + 1) + ":" + std::to_string(it.b + 1);
        case SelItem::Label: return quoteRulesString(it.la);
        case SelItem::LabelRange: return quoteRulesString(it.la) + " to " + quoteRulesString(it.lb);
        case SelItem::Column: return columnName(it.a);
        case SelItem::ColumnRange: return columnName(it.a) + ":" + columnName(it.b);
        case SelItem::NumberedCol: return "#" + it.la;
        case SelItem::NumberedColRange: return "#" + it.la + ":#" + it.lb;
        case SelItem::HeaderCol: return headerText(it.ha);
        case SelItem::HeaderColRange: return headerText(it.ha) + ":" + headerText(it.hb);
    }
    return "";
}

std::string selList(const std::vector<SelItem>& items) {
    std::string s;
    for (const auto& it : items) s += (s.empty() ? "" : ", ") + selText(it);
    return s;
}

std::string nodeText(const Rule& r, const TreeNode& n) {
    if (r.byRows) {
        switch (n.col.kind) {
            case ColPart::Fixed: return columnName(n.col.col);
            case ColPart::Numbered: return "#" + n.col.number;
            case ColPart::Header: return headerText(n.col);
            default: return n.text;
        }
    }
    if (n.row.kind == RowPart::Fixed) return std::to_string(n.row.row + 1);
    return quoteRulesString(n.row.label + (n.row.prefix ? "*" : "")) + occurrence(n.row.occurrence);
}

void addOnce(std::vector<std::string>& list, const std::string& v) {
    for (const auto& x : list)
        if (x == v) return;
    list.push_back(v);
}

void readsOf(const CellRef& c, const std::string& ownSheet, RuleReads& out) {
    if (!c.name.empty()) return addOnce(out.names, c.name);
    if (!c.sheet.empty() && c.sheet != ownSheet) addOnce(out.sheets, c.sheet);
    if (c.row.kind == RowPart::Label) addOnce(out.rowLabels, c.row.label + (c.row.prefix ? "*" : "") +
                                                                  (c.row.occurrence > 1 ? " " + occurrence(c.row.occurrence) : ""));
    if (c.col.kind == ColPart::Header) addOnce(out.columnHeaders, c.col.header + (c.col.prefix ? "*" : ""));
    if (c.col.kind == ColPart::Numbered) addOnce(out.columnNumbers, c.col.number);
    if (c.row.kind == RowPart::Fixed && c.col.kind == ColPart::Fixed) {
        std::string cell = cellName(c.row.row, c.col.col);
        if (!c.sheet.empty() && c.sheet != ownSheet) cell = "'" + c.sheet + "'!" + cell;
        addOnce(out.cells, cell);
    }
}

bool fixedCell(const CellRef& c) { return c.name.empty() && c.row.kind == RowPart::Fixed && c.col.kind == ColPart::Fixed; }

void readsOf(const Expr& e, const std::string& ownSheet, RuleReads& out) {
    for (const auto& ref : e.refs) {
        if (ref.range && fixedCell(ref.a) && fixedCell(ref.b)) {  // C6:C10 is one entry
            std::string cells = cellName(ref.a.row.row, ref.a.col.col) + ":" + cellName(ref.b.row.row, ref.b.col.col);
            if (!ref.a.sheet.empty() && ref.a.sheet != ownSheet) {
                addOnce(out.sheets, ref.a.sheet);
                cells = "'" + ref.a.sheet + "'!" + cells;
            }
            addOnce(out.cells, cells);
            continue;
        }
        readsOf(ref.a, ownSheet, out);
        if (ref.range) readsOf(ref.b, ownSheet, out);
    }
}

void readsOf(const std::vector<SelItem>& items, RuleReads& out) {
    for (const auto& it : items) {
        if (it.kind == SelItem::Label || it.kind == SelItem::LabelRange) addOnce(out.rowLabels, it.la);
        if (it.kind == SelItem::LabelRange) addOnce(out.rowLabels, it.lb);
        if (it.kind == SelItem::NumberedCol || it.kind == SelItem::NumberedColRange) addOnce(out.columnNumbers, it.la);
        if (it.kind == SelItem::NumberedColRange) addOnce(out.columnNumbers, it.lb);
        if (it.kind == SelItem::HeaderCol || it.kind == SelItem::HeaderColRange)
            addOnce(out.columnHeaders, it.ha.header + (it.ha.prefix ? "*" : ""));
        if (it.kind == SelItem::HeaderColRange) addOnce(out.columnHeaders, it.hb.header + (it.hb.prefix ? "*" : ""));
    }
}

void partsOf(const Rule& r, int node, int depth, std::vector<TotalPart>& out) {
    out.push_back({depth, nodeText(r, r.nodes[node])});
    for (int c : r.nodes[node].children) partsOf(r, c, depth + 1, out);
}

const char* kindWord(RuleKind k) { return k == RuleKind::Check ? "check" : k == RuleKind::Total ? "total" : "target"; }

// The shortest decimal text that reads back as the same double ("0.5", "1e-06").
std::string numberText(double v) {
    char buf[64];
    for (int p = 1; p <= 17; ++p) {
        std::snprintf(buf, sizeof buf, "%.*g", p, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    std::string s = buf;
    // The rules lexer reads digits and '.', not exponents: spell them out.
    if (s.find('e') != std::string::npos) {
        std::snprintf(buf, sizeof buf, "%.17f", v);
        s = buf;
        while (s.size() > 1 && s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    return s;
}

}  // namespace

RuleInfo ruleInfo(const Rule& r) {
    RuleInfo i;
    i.id = r.id;
    i.kind = kindWord(r.kind);
    i.severity = r.severity;
    i.tolerance = r.tol;
    i.decimals = r.decimals;
    i.derived = r.derived;
    i.sheet = r.section.sheet;
    i.labels = columnsText(r.section.labelCol1, r.section.labelCol2);
    i.numbersRow = r.section.numbersRow + 1;
    i.headerRow1 = r.section.headerRow1 + 1;
    i.headerRow2 = r.section.headerRow2 + 1;
    i.body = r.body;
    if (r.hasRows) i.rows = selList(r.rows);
    i.exceptRows = selList(r.exceptRows);
    if (r.hasCols) i.cols = selList(r.cols);
    i.within = r.withinStart;
    i.withinEnd = r.withinEnd;
    for (const auto& b : r.blocks) i.blocks += (i.blocks.empty() ? "" : ", ") + quoteRulesString(b);
    i.exact = !r.roundingAllowance;
    i.placeholders = r.placeholders;
    i.status = r.statusText;
    i.share = r.shareText;
    for (int root : r.roots) partsOf(r, root, 0, i.parts);
    i.message.vi = r.msgVi;
    i.message.en = r.msgEn;

    readsOf(r.lhs, r.section.sheet, i.reads);
    readsOf(r.rhs, r.section.sheet, i.reads);
    readsOf(r.rhs2, r.section.sheet, i.reads);
    for (const auto& p : r.parents) {
        readsOf(p.lhs, r.section.sheet, i.reads);
        readsOf(p.rhs, r.section.sheet, i.reads);
    }
    for (const Ref* ref : {r.statusCell.get(), r.shareCell.get()})
        if (ref) readsOf(ref->a, r.section.sheet, i.reads);
    readsOf(r.rows, i.reads);
    readsOf(r.exceptRows, i.reads);
    readsOf(r.cols, i.reads);
    for (const auto& n : r.nodes) {
        CellRef c;
        c.row = n.row;
        c.col = n.col;
        readsOf(c, r.section.sheet, i.reads);
    }
    for (const auto& b : r.blocks) addOnce(i.reads.rowLabels, b);
    if (!r.withinStart.empty()) addOnce(i.reads.rowLabels, r.withinStart);
    if (!r.withinEnd.empty()) addOnce(i.reads.rowLabels, r.withinEnd);

    i.span.file = r.file;
    i.span.line = r.line;
    i.span.column = 1;
    i.span.endLine = r.endLine;
    i.span.endColumn = r.endColumn;
    return i;
}

std::vector<RuleInfo> RuleSet::rules() const {
    std::vector<RuleInfo> out;
    out.reserve(rules_.size());
    for (const auto& r : rules_) out.push_back(ruleInfo(*r));
    return out;
}

std::string printRules(const std::vector<RuleInfo>& rules) {
    std::string out;
    const RuleInfo* section = nullptr;  // the rule whose section is the current one
    bool placeholders = true;           // the rule-set option in force (rules/README.md)
    for (const auto& r : rules) {
        if (r.placeholders != placeholders) {
            out += (out.empty() ? "" : "\n") + std::string("placeholders ") + (r.placeholders ? "on" : "off") + "\n";
            placeholders = r.placeholders;
        }
        bool same = section && section->sheet == r.sheet && section->labels == r.labels &&
                    section->numbersRow == r.numbersRow && section->headerRow1 == r.headerRow1 &&
                    section->headerRow2 == r.headerRow2;
        if (!same) {
            out += (out.empty() ? "" : "\n") + std::string("sheet ") + quoteRulesString(r.sheet) + "\n";
            if (r.labels != "A:B") out += "labels " + r.labels + "\n";
            if (r.numbersRow > 0) out += "numbers " + std::to_string(r.numbersRow) + "\n";
            if (r.headerRow1 > 0)
                out += "headers " + std::to_string(r.headerRow1) +
                       (r.headerRow2 != r.headerRow1 ? ":" + std::to_string(r.headerRow2) : "") + "\n";
            section = &r;
        }
        out += "\n" + r.kind + " " + r.id + " " + severityName(r.severity);
        if (r.tolerance != 0) out += " tol " + numberText(r.tolerance);
        if (r.decimals >= 0) out += " decimals " + std::to_string(r.decimals);
        if (r.derived) out += " derived";
        if (r.exact) out += " exact";
        out += ": ";
        std::string within;
        if (!r.within.empty())
            within = "within " + quoteRulesString(r.within) + (r.withinEnd.empty() ? "" : " to " + quoteRulesString(r.withinEnd));
        std::string except = r.exceptRows.empty() ? "" : " except " + r.exceptRows;
        if (r.kind == "total") {
            // The header holds what the total sums along; the tree follows.
            out += !r.cols.empty() ? "cols " + r.cols : "rows " + r.rows + except;
            out += within.empty() ? "\n" : " " + within + "\n";
            if (!r.blocks.empty()) out += "  for blocks " + r.blocks + "\n";
        } else {
            out += r.body + "\n";
            if (!r.rows.empty()) out += "  for rows " + r.rows + except + "\n";
            if (!r.cols.empty()) out += "  for cols " + r.cols + "\n";
            if (!within.empty()) out += "  " + within + "\n";
            if (!r.blocks.empty()) out += "  for blocks " + r.blocks + "\n";
            if (!r.status.empty()) out += "  status " + r.status + "\n";
            if (!r.share.empty()) out += "  share " + r.share + "\n";
        }
        if (!r.message.vi.empty()) out += "  vi " + quoteRulesString(r.message.vi) + "\n";
        if (!r.message.en.empty()) out += "  en " + quoteRulesString(r.message.en) + "\n";
        for (const auto& p : r.parts) out += std::string(2 * (p.depth + 1), ' ') + p.text + "\n";
    }
    return out;
}

std::string describeRule(const RuleInfo& r, const std::string& lang) {
    const bool en = lang == "en";
    std::string s;
    if (r.kind == "total") {
        // Each parent with its parts: «Cộng» = «1. Xã» + «2. Phường»; nested ones after.
        for (size_t i = 0; i < r.parts.size(); ++i) {
            std::string sum;
            for (size_t j = i + 1; j < r.parts.size() && r.parts[j].depth > r.parts[i].depth; ++j)
                if (r.parts[j].depth == r.parts[i].depth + 1) sum += (sum.empty() ? "" : " + ") + r.parts[j].text;
            if (!sum.empty()) s += (s.empty() ? "" : "; ") + r.parts[i].text + " = " + sum;
        }
        s += !r.cols.empty() ? (en ? " (in columns " : " (ở cột ") + r.cols + ")"
                             : (en ? " (in rows " : " (ở dòng ") + r.rows + ")";
    } else {
        s = (r.kind == "target" ? (en ? "target " : "chỉ tiêu ") : "") + r.body;
        if (!r.rows.empty()) s += (en ? ", for rows " : ", mỗi dòng ") + r.rows;
        if (!r.exceptRows.empty()) s += (en ? " except " : " trừ ") + r.exceptRows;
        if (!r.cols.empty()) s += (en ? ", for columns " : ", mỗi cột ") + r.cols;
    }
    if (!r.blocks.empty()) s += (en ? ", in each block " : ", trong mỗi khối ") + r.blocks;
    if (!r.within.empty())
        s += (en ? ", within " : ", trong phần ") + quoteRulesString(r.within) +
             (r.withinEnd.empty() ? "" : (en ? " to " : " đến ") + quoteRulesString(r.withinEnd));
    return s;
}

}  // namespace reportcheck
