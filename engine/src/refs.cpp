#include "refs.h"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "mu_expr.h"
#include "text_util.h"

namespace reportcheck {

namespace {

bool isIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

// `ô` (Vietnamese "cell"): the cell at the current row and column.
const std::string kThisCell = "\xC3\xB4";
bool thisCellAt(const std::string& s, size_t i) {
    return s.compare(i, kThisCell.size(), kThisCell) == 0 &&
           (i + kThisCell.size() >= s.size() || !(std::isalnum(static_cast<unsigned char>(s[i + kThisCell.size()])) ||
                                                   static_cast<unsigned char>(s[i + kThisCell.size()]) >= 0x80));
}
bool isIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

class Scanner {
public:
    Scanner(const std::string& t, RefError& e) : s(t), err(e) {}

    const std::string& s;
    size_t i = 0;
    RefError& err;

    bool fail(size_t at, std::string en, std::string vi) {
        err = {at, {std::move(vi), std::move(en)}};
        return false;
    }
    char peek(size_t k = 0) const { return i + k < s.size() ? s[i + k] : '\0'; }

    bool readQuoted(char q, std::string& out) {
        size_t start = i;
        ++i;  // opening quote
        out.clear();
        while (i < s.size()) {
            char c = s[i];
            if (c == '\\' && q == '"' && i + 1 < s.size()) { out += s[i + 1]; i += 2; continue; }
            if (c == q) {
                if (q == '\'' && peek(1) == '\'') { out += '\''; i += 2; continue; }
                ++i;
                return true;
            }
            out += c;
            ++i;
        }
        return fail(start, "unterminated quote: expected a closing " + std::string(1, q),
                    "thiếu dấu đóng " + std::string(1, q));
    }

    bool readInt(int& v) {
        size_t b = i;
        while (std::isdigit(static_cast<unsigned char>(peek()))) ++i;
        if (b == i || i - b > 7) return false;
        v = std::stoi(s.substr(b, i - b));
        return true;
    }

    // `#4` or `#"31/12/2023"` (the caller consumed nothing yet; peek() == '#')
    bool readNumberedCol(ColPart& col) {
        size_t at = i;
        ++i;
        if (peek() == '"') {
            std::string h;
            if (!readQuoted('"', h)) return false;
            col.kind = ColPart::Header;
            if (!h.empty() && h.back() == '*') { col.prefix = true; h.pop_back(); }
            col.header = normalizeLabel(h);
            if (col.header.empty()) return fail(at, "empty column header", "tiêu đề cột rỗng");
            if (peek() == '[') {
                ++i;
                if (!readInt(col.occurrence) || col.occurrence < 1 || peek() != ']')
                    return fail(i, "expected an occurrence number like [2]", "cần số lần xuất hiện, ví dụ [2]");
                ++i;
            }
            return true;
        }
        size_t b = i;
        while (std::isalnum(static_cast<unsigned char>(peek()))) ++i;
        if (b == i)
            return fail(at, "expected a column number or a quoted header after '#', e.g. #4 or #\"31/12/2023\"",
                        "cần số cột hoặc tiêu đề cột trong dấu nháy sau '#', ví dụ #4 hoặc #\"31/12/2023\"");
        col.kind = ColPart::Numbered;
        col.number = s.substr(b, i - b);
        return true;
    }

    // One cell reference without sheet prefix.
    bool readTarget(CellRef& r, bool& isFunction) {
        isFunction = false;
        size_t at = i;
        char c = peek();
        if (c == '@') {
            ++i;
            if (peek() != '"') return fail(i, "expected a quoted row label after '@', e.g. @\"Tuổi đời\"",
                                          "cần nhãn dòng trong dấu nháy sau '@', ví dụ @\"Tuổi đời\"");
            std::string label;
            if (!readQuoted('"', label)) return false;
            r.row.kind = RowPart::Label;
            if (!label.empty() && label.back() == '*') { r.row.prefix = true; label.pop_back(); }
            r.row.label = normalizeLabel(label);
            if (r.row.label.empty()) return fail(at, "empty row label", "nhãn dòng rỗng");
            if (peek() == '[') {
                ++i;
                if (!readInt(r.row.occurrence) || r.row.occurrence < 1 || peek() != ']')
                    return fail(i, "expected an occurrence number like [2]", "cần số lần xuất hiện, ví dụ [2]");
                ++i;
            }
            if (peek() == '.') {
                ++i;
                if (peek() == '#') return readNumberedCol(r.col);
                size_t b = i;
                while (std::isupper(static_cast<unsigned char>(peek()))) ++i;
                if (!parseColumn(s.substr(b, i - b), r.col.col) || isIdentChar(peek()))
                    return fail(b, "expected a column after '.', e.g. @\"Số lượng\".C or .#3",
                                "cần cột sau dấu '.', ví dụ @\"Số lượng\".C hoặc .#3");
                r.col.kind = ColPart::Fixed;
            }
            return true;
        }
        if (c == '#') return readNumberedCol(r.col);
        if (thisCellAt(s, i)) {  // row and column both current
            i += kThisCell.size();
            return true;
        }
        if (!isIdentStart(c)) return fail(at, "expected a cell reference", "cần một tham chiếu ô");
        size_t b = i;
        while (isIdentChar(peek())) ++i;
        std::string word = s.substr(b, i - b);
        size_t j = i;
        while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
        if (j < s.size() && s[j] == '(') { isFunction = true; return true; }
        int row, col;
        if (parseCell(word, row, col)) {
            r.row.kind = RowPart::Fixed; r.row.row = row;
            r.col.kind = ColPart::Fixed; r.col.col = col;
            return true;
        }
        std::string letters = word;
        if (!letters.empty() && letters[0] == '$') letters.erase(0, 1);
        if (parseColumn(letters, col)) {
            r.col.kind = ColPart::Fixed; r.col.col = col;
            return true;
        }
        if (word.find('$') != std::string::npos)
            return fail(at, "'" + word + "' is not a cell address", "'" + word + "' không phải địa chỉ ô");
        r.name = word;
        return true;
    }

    // A full reference: optional 'Sheet'! prefix, optional :range.
    bool readRef(Ref& ref, bool& isFunction) {
        std::string sheet;
        if (peek() == '\'') {
            size_t at = i;
            if (!readQuoted('\'', sheet)) return false;
            if (peek() != '!') return fail(i, "expected '!' after the sheet name, e.g. 'Biểu 6'!C5",
                                          "cần '!' sau tên trang, ví dụ 'Biểu 6'!C5");
            ++i;
            if (sheet.empty()) return fail(at, "empty sheet name", "tên trang rỗng");
        }
        if (!readTarget(ref.a, isFunction)) return false;
        if (isFunction) {
            if (!sheet.empty()) return fail(i, "expected a cell after the sheet name", "cần ô sau tên trang");
            return true;
        }
        ref.a.sheet = sheet;
        if (peek() == ':' && i + 1 < s.size() && (s[i + 1] == '@' || s[i + 1] == '#' || s[i + 1] == '$' ||
                                                  std::isupper(static_cast<unsigned char>(s[i + 1])))) {
            size_t at = i;
            ++i;
            bool fn = false;
            if (!readTarget(ref.b, fn) || fn) return fn ? fail(at, "expected a cell after ':'", "cần ô sau ':'") : false;
            ref.b.sheet = sheet;
            ref.range = true;
            if (!ref.a.name.empty() || !ref.b.name.empty())
                return fail(at, "a range joins two cells, not names", "vùng nối hai ô, không phải hai tên");
            if (ref.a.row.kind != ref.b.row.kind || ref.a.col.kind != ref.b.col.kind)
                return fail(at, "both ends of a range must be written the same way (e.g. C6:C10, E:G, @\"a\":@\"b\")",
                            "hai đầu vùng phải viết cùng kiểu (ví dụ C6:C10, E:G, @\"a\":@\"b\")");
        }
        return true;
    }
};

void skipNumber(const std::string& s, size_t& i) {
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
        if (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) {
            i = j;
            while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
        }
    }
}

}  // namespace

bool scanExpression(const std::string& text, Expr& e, RefError& err) {
    e.source = text;
    e.refs.clear();
    e.pieces.clear();
    e.pieceOffsets.clear();
    Scanner sc(text, err);
    std::string piece;
    size_t pieceStart = 0;
    while (sc.i < text.size()) {
        char c = text[sc.i];
        if (std::isdigit(static_cast<unsigned char>(c)) || (c == '.' && std::isdigit(static_cast<unsigned char>(sc.peek(1))))) {
            size_t b = sc.i;
            skipNumber(text, sc.i);
            piece += text.substr(b, sc.i - b);
            continue;
        }
        if (c == '"') return sc.fail(sc.i, "a quoted label must follow '@' (row label) or be a sheet name in '…'!",
                                     "nhãn trong dấu nháy phải đứng sau '@' (nhãn dòng)");
        if (c == '_' ) {  // muparser constants (_pi, _e); our own variables are reserved
            size_t b = sc.i;
            while (sc.i < text.size() && isIdentChar(text[sc.i])) ++sc.i;
            std::string w = text.substr(b, sc.i - b);
            if (w.size() > 2 && w[1] == 'v' && std::isdigit(static_cast<unsigned char>(w[2])))
                return sc.fail(b, "names _v0, _v1 … are reserved", "tên _v0, _v1 … được dành riêng");
            piece += w;
            continue;
        }
        if (c == '@' || c == '#' || c == '\'' || isIdentStart(c) || thisCellAt(text, sc.i)) {
            size_t b = sc.i;
            Ref ref;
            bool fn = false;
            if (!sc.readRef(ref, fn)) return false;
            if (fn) { piece += text.substr(b, sc.i - b); continue; }
            e.pieces.push_back(piece);
            e.pieceOffsets.push_back(pieceStart);
            e.refs.push_back(std::move(ref));
            piece.clear();
            pieceStart = sc.i;
            continue;
        }
        if (c == ':' && sc.i + 1 < text.size() && !std::isspace(static_cast<unsigned char>(text[sc.i + 1])) && !e.refs.empty() &&
            pieceStart == sc.i)
            return sc.fail(sc.i, "a range must be two cell references joined by ':'", "vùng phải là hai ô nối bằng ':'");
        piece += c;
        ++sc.i;
    }
    e.pieces.push_back(piece);
    e.pieceOffsets.push_back(pieceStart);
    if (e.refs.empty() && normalizeLabel(text).empty())
        return sc.fail(0, "expected an expression", "cần một biểu thức");
    return true;
}

bool scanSingleRef(const std::string& text, Ref& ref, RefError& err) {
    Expr e;
    if (!scanExpression(text, e, err)) return false;
    bool onlyRef = e.refs.size() == 1 && normalizeLabel(e.pieces[0]).empty() && normalizeLabel(e.pieces[1]).empty();
    if (!onlyRef || e.refs[0].range) {
        err = {0, {"cần đúng một ô (ví dụ G5, G, @\"GRDP\".G)", "expected one cell reference (e.g. G5, G, @\"GRDP\".G)"}};
        return false;
    }
    ref = e.refs[0];
    return true;
}

size_t staticRangeSize(const Ref& r) {
    if (!r.range) return 1;
    size_t rows = 1, cols = 1;
    if (r.a.row.kind == RowPart::Fixed) rows = std::abs(r.b.row.row - r.a.row.row) + 1;
    else if (r.a.row.kind != RowPart::Current) return 0;
    if (r.a.col.kind == ColPart::Fixed) cols = std::abs(r.b.col.col - r.a.col.col) + 1;
    else if (r.a.col.kind != ColPart::Current) return 0;
    return rows * cols;
}

bool placeRefs(Expr& e, RefError& err) {
    // One frame per open parenthesis: the function it calls (empty for plain
    // grouping), whether its current argument holds anything yet, and for avg
    // the ranges among its arguments.
    struct Frame {
        std::string fn;
        size_t piece = 0, nameOffset = 0, parenOffset = 0;
        bool argUsed = false;
        size_t args = 0, rangeArgs = 0;
        std::vector<size_t> countSlots;
    };
    std::vector<Frame> stack;
    std::string word;  // the identifier just before the current position, for function names
    size_t wordOffset = 0;
    e.edits.clear();
    e.slots = 0;
    auto isSpace = [](char c) { return c == ' ' || c == '\t'; };
    for (size_t p = 0; p < e.pieces.size(); ++p) {
        const std::string& piece = e.pieces[p];
        word.clear();
        for (size_t k = 0; k < piece.size(); ++k) {
            char c = piece[k];
            if (isSpace(c)) continue;
            if (c == '(') {
                Frame f;
                f.fn = word;
                f.piece = p;
                f.nameOffset = wordOffset;
                f.parenOffset = k;
                if (!stack.empty()) stack.back().argUsed = true;
                stack.push_back(f);
                word.clear();
                continue;
            }
            if (c == ',' || c == ')') {
                if (!stack.empty() && stack.back().argUsed) ++stack.back().args;
                if (c == ',' && !stack.empty()) stack.back().argUsed = false;
                if (c == ')' && !stack.empty()) {
                    Frame f = std::move(stack.back());
                    stack.pop_back();
                    if (f.fn == "avg" && f.rangeArgs > 0) {
                        // avg(x, C1:C9) = (x + sum of C1:C9) / (1 + cells of C1:C9)
                        std::string count = std::to_string(f.args - f.rangeArgs);
                        for (size_t slot : f.countSlots) count += "+" + muVar(slot);
                        e.edits.push_back({f.piece, f.nameOffset, 3, "_rcavg"});
                        e.edits.push_back({f.piece, f.parenOffset + 1, 0, count + ","});
                    }
                }
                word.clear();
                continue;
            }
            if (!stack.empty()) stack.back().argUsed = true;
            if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
                if (k == 0 || !(std::isalnum(static_cast<unsigned char>(piece[k - 1])) || piece[k - 1] == '_')) {
                    word.clear();
                    wordOffset = k;
                }
                word += c;
            } else {
                word.clear();
            }
        }
        if (p == e.refs.size()) break;
        Ref& ref = e.refs[p];
        ref.slot = e.slots++;
        if (!ref.range) {
            if (!stack.empty()) stack.back().argUsed = true;
            continue;
        }
        // A range: the whole argument of sum / min / max / avg.
        const std::string& next = e.pieces[p + 1];
        size_t n = 0;
        while (n < next.size() && isSpace(next[n])) ++n;
        bool wholeArg = !stack.empty() && !stack.back().argUsed && n < next.size() && (next[n] == ',' || next[n] == ')');
        const std::string fn = stack.empty() ? "" : stack.back().fn;
        ref.agg = fn == "sum" ? Agg::Sum : fn == "min" ? Agg::Min : fn == "max" ? Agg::Max : fn == "avg" ? Agg::Avg : Agg::Cell;
        if (!wholeArg || ref.agg == Agg::Cell) {
            err = {e.pieceOffsets[p] + e.pieces[p].size(),
                   {"vùng (như C6:C10) phải là nguyên một đối số của sum, min, max hoặc avg, ví dụ sum(C6:C10)",
                    "a range (such as C6:C10) must be a whole argument of sum, min, max or avg, e.g. sum(C6:C10)"}};
            return false;
        }
        stack.back().argUsed = true;
        if (ref.agg == Agg::Avg) {
            ++stack.back().rangeArgs;
            stack.back().countSlots.push_back(e.slots++);
        }
    }
    std::sort(e.edits.begin(), e.edits.end(),
              [](const MuEdit& a, const MuEdit& b) { return std::tie(a.piece, a.offset) < std::tie(b.piece, b.offset); });
    return true;
}

std::string muText(const Expr& e, std::vector<size_t>* backMap) {
    std::string out;
    auto add = [&](const std::string& t, size_t srcOffset, bool literal) {
        out += t;
        if (backMap)
            for (size_t k = 0; k < t.size(); ++k) backMap->push_back(literal ? srcOffset + k : srcOffset);
    };
    size_t edit = 0;
    for (size_t r = 0; r < e.pieces.size(); ++r) {
        const std::string& piece = e.pieces[r];
        size_t k = 0;
        for (; edit < e.edits.size() && e.edits[edit].piece == r; ++edit) {
            const MuEdit& ed = e.edits[edit];
            add(piece.substr(k, ed.offset - k), e.pieceOffsets[r] + k, true);
            add(ed.text, e.pieceOffsets[r] + ed.offset, false);
            k = ed.offset + ed.erase;
        }
        add(piece.substr(k), e.pieceOffsets[r] + k, true);
        if (r == e.refs.size()) break;
        add(muVar(e.refs[r].slot), e.pieceOffsets[r] + piece.size(), false);
    }
    return out;
}

}  // namespace reportcheck
