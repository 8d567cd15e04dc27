#include "refs.h"

#include <cctype>

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
        err = {at, std::move(en), std::move(vi)};
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
        err = {0, "expected one cell reference (e.g. G5, G, @\"GRDP\".G)", "cần đúng một ô (ví dụ G5, G, @\"GRDP\".G)"};
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

std::string muText(const Expr& e, const std::vector<size_t>& sizes, std::vector<size_t>* backMap) {
    std::string out;
    size_t var = 0;
    auto add = [&](const std::string& t, size_t srcOffset, bool literal) {
        for (size_t k = 0; k < t.size(); ++k) {
            out += t[k];
            if (backMap) backMap->push_back(literal ? srcOffset + k : srcOffset);
        }
    };
    for (size_t r = 0; r <= e.refs.size(); ++r) {
        add(e.pieces[r], e.pieceOffsets[r], true);
        if (r == e.refs.size()) break;
        size_t refOffset = e.pieceOffsets[r] + e.pieces[r].size();
        size_t n = sizes[r];
        std::string list;
        for (size_t k = 0; k < n; ++k) list += (k ? "," : "") + muVar(var++);
        if (n == 0) list = "0";  // an empty range sums to nothing
        add(list, refOffset, false);
    }
    return out;
}

}  // namespace reportcheck
