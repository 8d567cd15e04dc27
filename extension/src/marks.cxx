#include "marks.hxx"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include <com/sun/star/beans/PropertyState.hpp>
#include <com/sun/star/beans/XPropertyState.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/sheet/XCellRangeAddressable.hpp>
#include <com/sun/star/sheet/XSheetCellRangeContainer.hpp>
#include <com/sun/star/sheet/XCellAddressable.hpp>
#include <com/sun/star/sheet/XSheetAnnotation.hpp>
#include <com/sun/star/awt/Size.hpp>
#include <com/sun/star/drawing/XShape.hpp>
#include <com/sun/star/sheet/XSheetAnnotationAnchor.hpp>
#include <com/sun/star/sheet/XSheetAnnotationShapeSupplier.hpp>
#include <com/sun/star/sheet/XSheetAnnotations.hpp>
#include <com/sun/star/sheet/CellFlags.hpp>
#include <com/sun/star/sheet/XSheetOperation.hpp>
#include <com/sun/star/sheet/XSheetAnnotationsSupplier.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/text/XSimpleText.hpp>

#include "calc_util.hxx"
#include "snapshot.hxx"
#include "strings.hxx"
#include "reportcheck/present.h"

using namespace css;
using namespace css::uno;

namespace rcext {

namespace {

struct Record {
    std::string sheet;
    int row = 0, col = 0;
    bool colorDirect = false;
    sal_Int32 color = -1;
    bool commentAdded = false;
    sal_Int32 markColor = 0;
};

std::string serialize(const std::vector<Record>& recs) {
    std::ostringstream o;
    o << "v1\n";
    for (const Record& r : recs)
        o << r.sheet << '\t' << r.row << '\t' << r.col << '\t' << (r.colorDirect ? 1 : 0) << '\t'
          << r.color << '\t' << (r.commentAdded ? 1 : 0) << '\t' << r.markColor << '\n';
    return o.str();
}

std::vector<Record> parse(const std::string& s) {
    std::vector<Record> out;
    std::istringstream in(s);
    // Out of memory must fail the command, not end the list early: Clear
    // would restore some cells and say it was done (getline swallows it).
    in.exceptions(std::ios::badbit);
    std::string line;
    std::getline(in, line);
    if (line != "v1") return out;
    // The property travels with the workbook: a crafted one must not make
    // Clear (and so Validate) restore millions of cells one by one.
    while (out.size() < kMaxMarkRecords && std::getline(in, line)) {
        std::vector<std::string> f;
        std::string cur;
        for (char ch : line) {
            if (ch == '\t') { f.push_back(cur); cur.clear(); }
            else cur += ch;
        }
        f.push_back(cur);
        if (f.size() != 7) continue;
        try {
            Record r;
            r.sheet = f[0];
            r.row = std::stoi(f[1]);
            r.col = std::stoi(f[2]);
            r.colorDirect = f[3] == "1";
            r.color = static_cast<sal_Int32>(std::stol(f[4]));
            r.commentAdded = f[5] == "1";
            r.markColor = static_cast<sal_Int32>(std::stol(f[6]));
            out.push_back(r);
        } catch (const std::exception&) {
        }
    }
    return out;
}

std::string markerText() { return std::string("⚑ ") + kCommentMarker; }

size_t chars(const std::string& s) {  // UTF-8 characters, not bytes: Vietnamese is mostly multi-byte
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

}  // namespace

std::string wrapComment(const std::string& text, size_t width) {
    std::string out, line;
    size_t lineChars = 0;
    auto flush = [&] {
        out += (out.empty() ? "" : "\n") + line;
        line.clear();
        lineChars = 0;
    };
    std::istringstream paras(text);
    std::string para;
    bool first = true;
    while (std::getline(paras, para)) {
        if (!first) flush();
        first = false;
        std::istringstream words(para);
        std::string w;
        while (words >> w) {
            const size_t n = chars(w);
            if (lineChars > 0 && lineChars + 1 + n > width) flush();
            if (lineChars > 0) { line += ' '; ++lineChars; }
            line += w;  // a word longer than the width stays whole: never cut inside a number or a name
            lineChars += n;
        }
    }
    flush();
    return out;
}

namespace {

// The comment's box sized to its text: wide enough for kCommentWidthChars
// characters, as tall as its lines (Calc's default box is narrow, so our
// texts became twenty lines tall and covered the neighbouring cells).
void sizeComment(const Reference<sheet::XSheetAnnotationAnchor>& anchor, const std::string& wrapped, Timings* timings) {
    Timings::Lap lap(timings);
    try {
        Reference<sheet::XSheetAnnotationShapeSupplier> sup(anchor.is() ? anchor->getAnnotation() : nullptr, UNO_QUERY);
        Reference<drawing::XShape> shape(sup.is() ? sup->getAnnotationShape() : nullptr, UNO_QUERY);
        if (!shape.is()) return;
        const sal_Int32 lines = 1 + static_cast<sal_Int32>(std::count(wrapped.begin(), wrapped.end(), '\n'));
        // Our estimate is the least height: Calc grows it to the laid-out text, never more.
        lap("marks.comments.shape");
        // Calc's captions grow already: setting it again cost a layout of the
        // text (about 1 ms a comment), so it is set only when it is not.
        Reference<beans::XPropertySet> ps(shape, UNO_QUERY);
        bool grows = false;
        if (ps.is() && !((ps->getPropertyValue("TextAutoGrowHeight") >>= grows) && grows))
            ps->setPropertyValue("TextAutoGrowHeight", Any(true));
        lap("marks.comments.autogrow");
        shape->setSize(awt::Size(kCommentWidth, kCommentPadding + lines * kCommentLineHeight));
        lap("marks.comments.size");
    } catch (const Exception&) {
        // the default box: the comment is still there
    }
}

// Cells (col, row), sorted, as range addresses: runs of rows in a column joined.
std::vector<table::CellRangeAddress> joinRuns(sal_Int16 sheet, const std::pair<int, int>* cells, size_t n) {
    std::vector<table::CellRangeAddress> addrs;
    for (size_t i = 0; i < n; ++i) {
        const auto& [col, row] = cells[i];
        if (!addrs.empty() && addrs.back().StartColumn == col && addrs.back().EndRow + 1 == row) {
            addrs.back().EndRow = row;
            continue;
        }
        if (!addrs.empty() && addrs.back().StartColumn == col && addrs.back().EndRow >= row) continue;
        addrs.push_back(table::CellRangeAddress(sheet, col, row, col, row));
    }
    return addrs;
}

Reference<sheet::XSheetCellRangeContainer> rangesOf(const Reference<lang::XMultiServiceFactory>& factory,
                                                    const std::vector<table::CellRangeAddress>& addrs) {
    Reference<sheet::XSheetCellRangeContainer> c(factory->createInstance("com.sun.star.sheet.SheetCellRanges"),
                                                 UNO_QUERY_THROW);
    c->addRangeAddresses(Sequence<table::CellRangeAddress>(addrs.data(), static_cast<sal_Int32>(addrs.size())), false);
    return c;
}

// A cell's own background: a direct colour, or none (the style's shows).
struct Background {
    bool direct = false;
    sal_Int32 color = -1;
};

// The backgrounds of `cells` (one sheet, sorted (col, row)) in as few calls as
// Calc allows. The state of a set of ranges answers for all of them at once:
// DEFAULT_VALUE when none has a colour of its own, DIRECT_VALUE when all have
// the same one (read once); AMBIGUOUS_VALUE when they differ, and the set is
// split in two. A thousand marked cells without colours of their own are one
// query (they were 2,000 calls); only cells unlike their neighbours cost calls
// of their own, about two per such cell for each halving.
void readBackgrounds(const Reference<lang::XMultiServiceFactory>& factory, sal_Int16 sheet,
                     const std::vector<std::pair<int, int>>& cells, size_t lo, size_t hi,
                     std::vector<Background>& out) {
    if (lo >= hi) return;
    Reference<sheet::XSheetCellRangeContainer> c = rangesOf(factory, joinRuns(sheet, cells.data() + lo, hi - lo));
    const beans::PropertyState state =
        Reference<beans::XPropertyState>(c, UNO_QUERY_THROW)->getPropertyState("CellBackColor");
    if (state == beans::PropertyState_DEFAULT_VALUE || state == beans::PropertyState_DIRECT_VALUE) {
        Background b;
        b.direct = state == beans::PropertyState_DIRECT_VALUE;
        if (b.direct) Reference<beans::XPropertySet>(c, UNO_QUERY_THROW)->getPropertyValue("CellBackColor") >>= b.color;
        for (size_t i = lo; i < hi; ++i) out[i] = b;
        return;
    }
    if (hi - lo == 1) {  // one cell is never ambiguous; were it, it keeps its colour as a direct one
        Reference<beans::XPropertySet>(c, UNO_QUERY_THROW)->getPropertyValue("CellBackColor") >>= out[lo].color;
        out[lo].direct = true;
        return;
    }
    const size_t mid = lo + (hi - lo) / 2;
    readBackgrounds(factory, sheet, cells, lo, mid, out);
    readBackgrounds(factory, sheet, cells, mid, hi, out);
}

sal_Int16 sheetIndexOf(const Reference<sheet::XSpreadsheet>& sh) {
    return Reference<sheet::XCellRangeAddressable>(sh, UNO_QUERY_THROW)->getRangeAddress().Sheet;
}

// Cells of one sheet as a single XSheetCellRanges (runs of rows in a column
// joined): a property set on it is one UNO call and one attribute change in
// Calc, however many cells — setting cells one by one cost a call, a repaint
// request and an undo action each.
class CellGroups {
public:
    explicit CellGroups(const Reference<sheet::XSpreadsheetDocument>& doc) : factory_(doc, UNO_QUERY_THROW) {}
    // `key` groups cells that get the same change (one colour, or "back to default").
    void add(sal_Int16 sheet, sal_Int64 key, int row, int col) { groups_[{sheet, key}].push_back({col, row}); }
    // f(ranges, key) once per group.
    template <class F> void each(F f) {
        for (auto& [k, cells] : groups_) {
            std::sort(cells.begin(), cells.end());
            f(rangesOf(factory_, joinRuns(k.first, cells.data(), cells.size())), k.second);
        }
    }

private:
    Reference<lang::XMultiServiceFactory> factory_;
    std::map<std::pair<sal_Int16, sal_Int64>, std::vector<std::pair<int, int>>> groups_;  // -> (col, row)
};

// Our comments on `cells` ((row, col) of one sheet) removed in one call:
// clearContents(ANNOTATION) over their ranges, once each is checked to be ours
// (a user's comment stays). Removed one by one, each was an undo action, and
// finding it walked the sheet's comments from the first.
void removeOurComments(const Reference<lang::XMultiServiceFactory>& factory, const Reference<sheet::XSpreadsheet>& sh,
                       sal_Int16 sheet, const std::set<std::pair<int, int>>& cells) {
    const OUString marker = ou(markerText());
    std::vector<std::pair<int, int>> ours;  // (col, row)
    for (const auto& [row, col] : cells) {
        Reference<sheet::XSheetAnnotationAnchor> anchor(sh->getCellByPosition(col, row), UNO_QUERY);
        Reference<text::XSimpleText> t(anchor.is() ? anchor->getAnnotation() : nullptr, UNO_QUERY);
        if (t.is() && t->getString().startsWith(marker)) ours.push_back({col, row});
    }
    if (ours.empty()) return;
    std::sort(ours.begin(), ours.end());
    Reference<sheet::XSheetOperation>(rangesOf(factory, joinRuns(sheet, ours.data(), ours.size())), UNO_QUERY_THROW)
        ->clearContents(sheet::CellFlags::ANNOTATION);
}

}  // namespace

int clearMarks(const Reference<sheet::XSpreadsheetDocument>& doc, bool removeReportSheet, Timings* timings) {
    Timings::Lap lap(timings);
    const std::string recorded = userProperty(doc, kMarksProperty);
    std::vector<Record> recs = parse(recorded);
    std::map<std::string, std::set<std::pair<int, int>>> comments;
    // Each sheet looked up (and its protection read) once, not per marked cell.
    std::map<std::string, std::pair<Reference<sheet::XSpreadsheet>, sal_Int16>> sheets;  // null: missing or protected
    auto sheetFor = [&](const std::string& name) -> const std::pair<Reference<sheet::XSpreadsheet>, sal_Int16>& {
        auto it = sheets.find(name);
        if (it == sheets.end()) {
            Reference<sheet::XSpreadsheet> sh = sheetByName(doc, name);
            if (sh.is() && isProtected(sh)) sh.clear();
            it = sheets.emplace(name, std::make_pair(sh, sh.is() ? sheetIndexOf(sh) : sal_Int16(-1))).first;
        }
        return it->second;
    };
    // Is each cell still our mark (not undone or recoloured by the user)? Read
    // in bulk per sheet and mark colour: still ours = its own colour is that one.
    std::map<std::pair<sal_Int16, sal_Int32>, std::vector<std::pair<std::pair<int, int>, const Record*>>> byMark;
    for (const Record& r : recs) {
        const auto& [sh, index] = sheetFor(r.sheet);
        if (r.commentAdded) comments[r.sheet].insert({r.row, r.col});
        if (sh.is()) byMark[{index, r.markColor}].push_back({{r.col, r.row}, &r});
    }
    Reference<lang::XMultiServiceFactory> factory(doc, UNO_QUERY_THROW);
    int restored = 0;
    // Written in groups: one call per sheet and colour they had, one for those that had none of their own.
    constexpr sal_Int64 kToDefault = sal_Int64(1) << 40;  // not a colour
    CellGroups restore(doc);
    for (auto& [key, list] : byMark) {
        std::sort(list.begin(), list.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
        std::vector<std::pair<int, int>> cells;
        cells.reserve(list.size());
        for (const auto& e : list) cells.push_back(e.first);
        std::vector<Background> now(cells.size());
        readBackgrounds(factory, key.first, cells, 0, cells.size(), now);
        for (size_t i = 0; i < list.size(); ++i) {
            if (!now[i].direct || now[i].color != key.second) continue;
            const Record& r = *list[i].second;
            restore.add(key.first, r.colorDirect ? sal_Int64(r.color) : kToDefault, r.row, r.col);
            ++restored;
        }
    }
    lap("clear.read");
    RowHeightsKept heights(doc);  // colours change no row's height
    restore.each([&](const Reference<sheet::XSheetCellRangeContainer>& cells, sal_Int64 key) {
        if (key == kToDefault)
            Reference<beans::XPropertyState>(cells, UNO_QUERY_THROW)->setPropertyToDefault("CellBackColor");
        else
            Reference<beans::XPropertySet>(cells, UNO_QUERY_THROW)
                ->setPropertyValue("CellBackColor", Any(static_cast<sal_Int32>(key)));
    });
    lap("clear.restore");
    for (const auto& [name, cells] : comments) {
        const auto& [sh, index] = sheetFor(name);
        if (sh.is()) removeOurComments(factory, sh, index, cells);
    }
    lap("clear.comments");
    // Our report sheet goes too (never a user's sheet that has the same name),
    // unless the caller writes a new one at once (it replaces the old itself).
    if (removeReportSheet)
        for (const OUString& name : reportSheetNames(doc)) doc->getSheets()->removeByName(name);
    if (!recorded.empty()) setUserProperty(doc, kMarksProperty, "");
    lap("clear.rest");
    return restored;
}

namespace {

// What one cell gets marked for: findings on it, and/or localisation naming it.
struct CellMarks {
    std::vector<const reportcheck::Finding*> findings;
    bool suspect = false;
    std::string suspectVi, suspectEn;  // "Có thể sai ở đây: ghi 8; 15 thì 2 kiểm tra đang sai sẽ đúng"
};

std::string cellName(const reportcheck::Suspect& c, const std::string& sheet) {
    return (c.sheet == sheet ? "" : c.sheet + "!") + c.cell();
}

// The comment line for suspect `k` of the set: its value, its fix, how many
// failing checks the set makes hold; the other cells of the set (the fix holds
// only with them) and, when other sets weigh the same, that nobody can tell.
void suspectLines(const reportcheck::Suspects& s, size_t k, std::string& vi, std::string& en) {
    const reportcheck::Suspect& c = s.cells[k];
    // vi {0} {1}, en {3} {4}: each language writes numbers its own way (8,5 / 8.5).
    fill(msg::kSuspectHere, {reportcheck::suspectValue(c, c.value, "vi"), reportcheck::suspectValue(c, c.fix, "vi"),
                             std::to_string(s.failingChecks), reportcheck::suspectValue(c, c.value, "en"),
                             reportcheck::suspectValue(c, c.fix, "en")},
         vi, en);
    std::string others;
    for (size_t i = 0; i < s.cells.size(); ++i)
        if (i != k) others += (others.empty() ? "" : ", ") + cellName(s.cells[i], c.sheet);
    if (!others.empty()) {
        vi += " (cùng với " + others + ")";
        en += " (together with " + others + ")";
    }
    std::string ties;
    for (const auto& t : s.ties)
        for (const auto& o : t) ties += (ties.empty() ? "" : ", ") + cellName(o, c.sheet);
    if (!ties.empty()) {
        vi += "; khả năng như nhau: " + ties;
        en += "; equally likely: " + ties;
    }
}

}  // namespace

MarkStats applyMarks(const Reference<sheet::XSpreadsheetDocument>& doc, const reportcheck::Result& result) {
    const auto t0 = std::chrono::steady_clock::now();
    MarkStats st;
    Timings::Lap lap(&st.timings);
    // cell -> findings on it (errors and warnings only), suspects of failing findings
    std::map<std::tuple<std::string, int, int>, CellMarks> byCell;
    for (const auto& f : result.findings) {
        if (f.severity == reportcheck::Severity::Info || f.row < 0 || f.col < 0 || f.sheet.empty())
            continue;
        byCell[{f.sheet, f.row, f.col}].findings.push_back(&f);
    }
    // Every failing finding of a table carries the same set: a cell is named once.
    for (const auto& f : result.findings) {
        if (f.severity == reportcheck::Severity::Info) continue;
        const auto& cells = f.suspects.cells;
        for (size_t k = 0; k < cells.size(); ++k) {
            const reportcheck::Suspect& c = cells[k];
            if (c.sheet.empty() || c.row < 0 || c.col < 0) continue;
            CellMarks& m = byCell[{c.sheet, c.row, c.col}];
            if (m.suspect) continue;
            m.suspect = true;
            suspectLines(f.suspects, k, m.suspectVi, m.suspectEn);
        }
    }
    lap("marks.group");
    std::vector<Record> recs;
    std::map<std::string, int> protectedCount;
    std::set<std::string> missing;
    struct SheetInfo {
        Reference<sheet::XSpreadsheet> sheet;
        bool locked = false;
        sal_Int16 index = -1;
        std::vector<std::pair<std::pair<int, int>, size_t>> cells;  // (col, row) -> index in recs
    };
    std::map<std::string, SheetInfo> sheets;
    CellGroups paint(doc);
    int seen = 0;
    for (const auto& [key, marks] : byCell) {
        const auto& fs = marks.findings;
        if (seen++ == kMaxMarkedCells) {
            st.limits.push_back(note(msg::kCellsMarked, {std::to_string(kMaxMarkedCells),
                                                         std::to_string(byCell.size())}));
            break;
        }
        const auto& [sheetName, row, col] = key;
        auto known = sheets.find(sheetName);
        if (known == sheets.end()) {
            SheetInfo si;
            si.sheet = sheetByName(doc, sheetName);
            si.locked = si.sheet.is() && isProtected(si.sheet);
            if (si.sheet.is()) si.index = sheetIndexOf(si.sheet);
            known = sheets.emplace(sheetName, std::move(si)).first;
        }
        SheetInfo& si = known->second;
        if (!si.sheet.is()) { missing.insert(sheetName); continue; }
        if (si.locked) { protectedCount[sheetName] += static_cast<int>(fs.size()); continue; }
        bool isError = false;
        for (auto* f : fs) isError = isError || f->severity == reportcheck::Severity::Error;
        Record r;
        r.sheet = sheetName; r.row = row; r.col = col;
        // A failing cell that is its own suspect (a wrong percentage, a wrong
        // total) keeps its finding colour; its comment says it is the one to fix.
        r.markColor = !fs.empty() ? (isError ? kErrorColor : kWarningColor) : kSuspectColor;
        // What it had before (what Clear restores) is read below for all cells at once.
        si.cells.push_back({{col, row}, recs.size()});
        paint.add(si.index, r.markColor, row, col);  // written below, one call per sheet and colour
        ++st.cellsMarked;
        if (marks.suspect && fs.empty()) ++st.suspectsMarked;

        if (st.commentsAdded >= kMaxComments) {  // colour only: listed on the report sheet, which says so
            ++st.withoutComment;
            recs.push_back(r);
            continue;
        }
        const auto c0 = std::chrono::steady_clock::now();
        Reference<table::XCell> cell = si.sheet->getCellByPosition(col, row);
        Reference<sheet::XSheetAnnotationAnchor> anchor(cell, UNO_QUERY);
        Reference<text::XSimpleText> existing(anchor.is() ? anchor->getAnnotation() : nullptr, UNO_QUERY);
        bool userComment = existing.is() && !existing->getString().isEmpty();
        if (userComment) {
            ++st.keptUserComments;
        } else {
            std::string text = markerText();
            // One language (the UI's), the severity and the message of each finding.
            if (marks.suspect) text += "\n" + clip(tr(marks.suspectVi, marks.suspectEn), 1000);
            for (size_t k = 0; k < fs.size() && k < kMaxFindingsPerComment; ++k) {
                const reportcheck::Finding* f = fs[k];
                text += "\n[" + f->ruleId + "] " + severityText(f->severity) + ": " + clip(f->message.in(langCode()), 1000);
            }
            if (fs.size() > kMaxFindingsPerComment) text += "\n…";
            text = wrapComment(text, kCommentWidthChars);
            Reference<sheet::XSheetAnnotationsSupplier> sup(si.sheet, UNO_QUERY_THROW);
            const auto i0 = std::chrono::steady_clock::now();
            sup->getAnnotations()->insertNew(table::CellAddress(si.index, col, row), ou(text));
            const auto i1 = std::chrono::steady_clock::now();
            st.timings.add("marks.comments.insert", std::chrono::duration<double, std::milli>(i1 - i0).count());
            sizeComment(anchor, text, &st.timings);
            r.commentAdded = true;
            ++st.commentsAdded;
        }
        st.commentsMs += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - c0).count();
        recs.push_back(r);
    }
    lap("marks.loop");
    // The prior backgrounds, per sheet in bulk, before any is painted.
    Reference<lang::XMultiServiceFactory> factory(doc, UNO_QUERY_THROW);
    for (auto& [name, si] : sheets) {
        if (si.cells.empty()) continue;
        std::sort(si.cells.begin(), si.cells.end());
        std::vector<std::pair<int, int>> cells;
        cells.reserve(si.cells.size());
        for (const auto& e : si.cells) cells.push_back(e.first);
        std::vector<Background> before(cells.size());
        readBackgrounds(factory, si.index, cells, 0, cells.size(), before);
        for (size_t i = 0; i < si.cells.size(); ++i) {
            Record& r = recs[si.cells[i].second];
            r.colorDirect = before[i].direct;
            r.color = before[i].color;  // -1 when not its own: Clear then sets it back to default
        }
    }
    lap("marks.read");
    {
        RowHeightsKept heights(doc);  // colours change no row's height
        paint.each([](const Reference<sheet::XSheetCellRangeContainer>& cells, sal_Int64 color) {
            Reference<beans::XPropertySet>(cells, UNO_QUERY_THROW)
                ->setPropertyValue("CellBackColor", Any(static_cast<sal_Int32>(color)));
        });
    }
    lap("marks.paint");
    if (st.withoutComment > 0)
        st.limits.push_back(note(msg::kCommentsBounded, {std::to_string(st.commentsAdded),
                                                         std::to_string(st.withoutComment)}));
    for (const auto& [name, n] : protectedCount) {
        std::string vi, en;
        fill(msg::kProtectedSheet, {name, std::to_string(n)}, vi, en);
        st.protectedSheets.push_back(name);
        st.notes.push_back(tr(vi, en));
    }
    for (const auto& name : missing) {
        std::string vi, en;
        fill(msg::kMissingSheet, {name}, vi, en);
        st.notes.push_back(tr(vi, en));
    }
    setUserProperty(doc, kMarksProperty, recs.empty() ? std::string() : serialize(recs));
    lap("marks.property");
    st.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return st;
}

}  // namespace rcext
