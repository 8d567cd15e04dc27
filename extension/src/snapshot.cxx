#include "snapshot.hxx"

#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/container/XNamed.hpp>
#include <com/sun/star/sheet/CellFlags.hpp>
#include <com/sun/star/sheet/FormulaResult.hpp>
#include <com/sun/star/sheet/XCellRangeAddressable.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/sheet/XCellRangeReferrer.hpp>
#include <com/sun/star/sheet/XCellRangesQuery.hpp>
#include <com/sun/star/sheet/XSheetCellRanges.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheets.hpp>
#include <com/sun/star/sheet/XUsedAreaCursor.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/table/XCellRange.hpp>
#include <com/sun/star/lang/Locale.hpp>
#include <com/sun/star/sheet/XUniqueCellFormatRangesSupplier.hpp>
#include <com/sun/star/table/XCellRange.hpp>
#include <com/sun/star/text/XText.hpp>
#include <com/sun/star/util/NumberFormat.hpp>
#include <com/sun/star/util/XNumberFormatTypes.hpp>
#include <com/sun/star/util/XNumberFormats.hpp>
#include <com/sun/star/util/XNumberFormatsSupplier.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "ustr.hxx"

using namespace css;
using namespace css::uno;

namespace rcext {

namespace {

// Decimals a number format shows, as the ODS reader sees them: fixed decimals of
// number, percent and currency formats; -1 for General and everything else;
// kDate for a date format (the number is a serial day, messages write a date).
class FormatDecimals {
public:
    static constexpr int kDate = -2;
    explicit FormatDecimals(const Reference<sheet::XSpreadsheetDocument>& doc) {
        Reference<util::XNumberFormatsSupplier> s(doc, UNO_QUERY);
        if (s.is()) formats_ = s->getNumberFormats();
        types_.set(formats_, UNO_QUERY);
    }
    int operator()(sal_Int32 key) {
        auto it = cache_.find(key);
        if (it != cache_.end()) return it->second;
        int d = -1;
        try {
            Reference<beans::XPropertySet> f = formats_.is() ? formats_->getByKey(key) : nullptr;
            if (f.is()) {
                sal_Int16 type = 0;
                f->getPropertyValue("Type") >>= type;
                lang::Locale loc;
                f->getPropertyValue("Locale") >>= loc;
                const bool general = types_.is() && types_->getStandardIndex(loc) == key;
                const sal_Int16 numeric = util::NumberFormat::NUMBER | util::NumberFormat::PERCENT |
                                          util::NumberFormat::CURRENCY;
                const sal_Int16 other = util::NumberFormat::DATE | util::NumberFormat::TIME |
                                        util::NumberFormat::SCIENTIFIC | util::NumberFormat::FRACTION |
                                        util::NumberFormat::TEXT | util::NumberFormat::LOGICAL;
                if (!general && (type & numeric) && !(type & other)) {
                    sal_Int16 dec = -1;
                    if (f->getPropertyValue("Decimals") >>= dec) d = dec;
                } else if ((type & util::NumberFormat::DATE) && !(type & (util::NumberFormat::TEXT | util::NumberFormat::LOGICAL))) {
                    d = kDate;  // DATE, and DATETIME (DATE | TIME)
                }
            }
        } catch (const Exception&) {
            d = -1;
        }
        cache_[key] = d;
        return d;
    }

private:
    Reference<util::XNumberFormats> formats_;
    Reference<util::XNumberFormatTypes> types_;
    std::unordered_map<sal_Int32, int> cache_;
};

// The decimals each number of `a` shows.
void applyDecimals(const table::CellRangeAddress& a, int d, reportcheck::Sheet& out) {
    for (sal_Int32 r = a.StartRow; r <= a.EndRow && r < out.rows(); ++r)
        for (sal_Int32 c = a.StartColumn; c <= a.EndColumn && c < out.cols(); ++c) {
            const reportcheck::Cell& cell = out.at(r, c);
            if (cell.kind != reportcheck::Cell::Kind::Number) continue;
            if (d == FormatDecimals::kDate)
                out.set(r, c, reportcheck::Cell::makeDate(cell.number));
            else if (cell.decimals != d)
                out.set(r, c, reportcheck::Cell::makeNumber(cell.number, d));
        }
}

// The decimals each number shows, in bulk: one entry per distinct format
// (getUniqueCellFormatRanges), each with all its ranges. Asking the
// rectangles of equal formatting one by one (getCellFormatRanges) made the
// snapshot of a 100,000-row sheet with a thousand marked cells 434 ms instead
// of 193 ms without them: each marked cell splits its column's rectangles.
void readDecimals(const Reference<table::XCellRange>& area, reportcheck::Sheet& out, FormatDecimals& decimals) {
    Reference<sheet::XUniqueCellFormatRangesSupplier> sup(area, UNO_QUERY);
    Reference<container::XIndexAccess> formats = sup.is() ? sup->getUniqueCellFormatRanges() : nullptr;
    if (!formats.is()) return;
    for (sal_Int32 i = 0; i < formats->getCount(); ++i) {
        Reference<beans::XPropertySet> ps(formats->getByIndex(i), UNO_QUERY);
        Reference<sheet::XSheetCellRanges> ranges(ps, UNO_QUERY);
        if (!ps.is() || !ranges.is()) continue;
        sal_Int32 key = 0;
        if (!(ps->getPropertyValue("NumberFormat") >>= key)) continue;
        const int d = decimals(key);
        if (d == -1) continue;
        for (const table::CellRangeAddress& a : ranges->getRangeAddresses()) applyDecimals(a, d, out);
    }
}

// What is left of the workbook's bounds while its sheets are read.
struct Budget {
    long cells = kMaxSnapshotCells;
    size_t textBytes = kMaxSnapshotTextBytes;
    long errorTexts = kMaxErrorTexts;
};

// `told(fraction)`: how much of this sheet has been read, after each block.
void readSheet(const Reference<sheet::XSpreadsheet>& sh, const std::string& name, reportcheck::Sheet& out,
               Budget& budget, SnapshotInfo& info, FormatDecimals& decimals,
               const std::function<void(double)>& told) {
    Reference<sheet::XSheetCellCursor> cur = sh->createCursor();
    Reference<sheet::XUsedAreaCursor> used(cur, UNO_QUERY_THROW);
    used->gotoStartOfUsedArea(false);
    used->gotoEndOfUsedArea(true);
    table::CellRangeAddress a = Reference<sheet::XCellRangeAddressable>(cur, UNO_QUERY_THROW)->getRangeAddress();
    const long cols = a.EndColumn - a.StartColumn + 1;
    long rows = a.EndRow - a.StartRow + 1;
    if (cols <= 0 || rows <= 0) return;
    // The used area is only measured: never more rows than the cell budget pays for.
    if (rows * cols > budget.cells) {
        rows = budget.cells / cols;
        info.limits.push_back(note(msg::kSheetCellsCut, {name, std::to_string(rows * cols),
                                                         std::to_string(kMaxSnapshotCells)}));
        if (rows <= 0) return;
    }
    sal_Int32 endRow = a.StartRow + static_cast<sal_Int32>(rows) - 1;
    const long blockRows = std::max(1L, kBlockCells / cols);
    // The blocks are fetched here (UNO, the caller's thread) and turned into
    // cells on a helper thread meanwhile: the fetch of the next block overlaps
    // the conversion of the last (each is about half of the read). At most
    // two blocks wait, so the memory stays that of a few blocks.
    struct Block {
        sal_Int32 r0;
        Sequence<Sequence<Any>> arr;
    };
    std::mutex m;
    std::condition_variable cv;
    std::deque<Block> queue;
    bool closed = false;     // no more blocks come
    bool converted = false;  // the helper is done (all blocks, or the text cut, or a failure)
    std::atomic<bool> textCut{false};
    // getDataArray gives a formula's error as a void Any (an empty cell is an
    // empty string): a sheet whose read saw none has no error cell, and the
    // query for them (a walk over every cell: 11-33 ms of 100,000 rows) is skipped.
    bool sawError = false;  // the helper's; read after it is joined
    double busyMs = 0;      // the helper's time converting blocks; read after it is joined
    // Blocks converted, handed back to be freed here, by the thread that made
    // them: every value of a block holds a count on its type (double, string),
    // one shared counter per type. Freed on the helper, its decrements raced
    // the fetch's increments on the same counters from the other core: the
    // fetch and the conversion both slowed (scripts/bench_calc.py, 100,000
    // rows: getDataArray 84 -> 71 ms, the helper's time 67 -> 49 ms, medians
    // of 35). At most a few blocks wait here: freed after each fetch.
    std::vector<Sequence<Sequence<Any>>> spent;
    const typelib_TypeDescriptionReference* const doubleType = cppu::UnoType<double>::get().getTypeLibType();
    const typelib_TypeDescriptionReference* const stringType = cppu::UnoType<OUString>::get().getTypeLibType();
    std::exception_ptr failure;
    std::thread convert([&] {
        struct Done {  // however the helper ends, the reader waiting for room hears it
            std::mutex& m;
            std::condition_variable& cv;
            bool& converted;
            ~Done() {
                {
                    std::lock_guard<std::mutex> lock(m);
                    converted = true;
                }
                cv.notify_all();
            }
        } done{m, cv, converted};
        try {
            for (;;) {
                Block b;
                {
                    std::unique_lock<std::mutex> lock(m);
                    cv.wait(lock, [&] { return closed || !queue.empty(); });
                    if (queue.empty()) return;
                    b = std::move(queue.front());
                    queue.pop_front();
                }
                cv.notify_all();
                const auto busyFrom = std::chrono::steady_clock::now();
                {
                    const Sequence<Sequence<Any>>& arr = b.arr;
                    const sal_Int32 r0 = b.r0;
                    for (sal_Int32 i = 0; i < arr.getLength() && !textCut; ++i) {
                        const Sequence<Any>& row = arr[i];
                        for (sal_Int32 j = 0; j < row.getLength(); ++j) {
                            const Any& v = row[j];
                            // The two kinds getDataArray gives read in place (no copy of
                            // the string: two atomic counts a cell), their type known by its
                            // reference, not read through it: the fetch on the other core
                            // changes that reference's count for every cell.
                            const typelib_TypeDescriptionReference* t = v.getValueTypeRef();
                            const TypeClass tc = t == doubleType ? TypeClass_DOUBLE
                                                 : t == stringType ? TypeClass_STRING
                                                 : v.getValueTypeClass();
                            const OUString* text = nullptr;
                            OUString s;
                            double d;
                            if (!v.hasValue()) {
                                sawError = true;
                                continue;
                            } else if (tc == TypeClass_DOUBLE) {
                                out.set(r0 + i, a.StartColumn + j,
                                        reportcheck::Cell::makeNumber(*static_cast<const double*>(v.getValue())));
                                continue;
                            } else if (tc == TypeClass_STRING) {
                                text = static_cast<const OUString*>(v.getValue());
                            } else if (v >>= d) {  // any other type as before
                                out.set(r0 + i, a.StartColumn + j, reportcheck::Cell::makeNumber(d));
                                continue;
                            } else if (v >>= s) {
                                text = &s;
                            }
                            if (!text || text->isEmpty()) continue;
                            // UTF-8 has at least one byte per UTF-16 unit: checked before converting.
                            if (static_cast<size_t>(text->getLength()) > budget.textBytes) {
                                endRow = r0 + i - 1;  // the rows before this one are whole
                                info.limits.push_back(note(msg::kSheetTextCut,
                                                           {std::to_string(kMaxSnapshotTextBytes), name}));
                                textCut = true;
                                break;
                            }
                            std::string utf8 = u8(*text);
                            budget.textBytes -= std::min(budget.textBytes, utf8.size());
                            info.textBytes += utf8.size();
                            out.set(r0 + i, a.StartColumn + j, reportcheck::Cell::makeText(std::move(utf8)));
                        }
                    }
                }
                busyMs += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - busyFrom).count();
                {
                    std::lock_guard<std::mutex> lock(m);
                    spent.push_back(b.arr);
                    b.arr = Sequence<Sequence<Any>>();  // before the reader can take it: it frees the block
                }
                if (textCut) return;
            }
        } catch (...) {
            failure = std::current_exception();  // out of memory: rethrown on the caller's thread
            textCut = true;
        }
    });
    const sal_Int32 lastRow = endRow;  // the helper may lower endRow; the reads stop then
    auto finish = [&] {
        {
            std::lock_guard<std::mutex> lock(m);
            closed = true;
        }
        cv.notify_all();
        convert.join();
    };
    auto freeSpent = [&] {
        std::vector<Sequence<Sequence<Any>>> drop;
        {
            std::lock_guard<std::mutex> lock(m);
            drop.swap(spent);
        }
    };  // `drop` freed here, outside the lock
    Timings::Lap lap(&info.timings);
    Timings::Lap fetchLap(&info.timings);  // the fetch's parts, which add up to snapshot.fetch
    try {
        for (sal_Int32 r0 = a.StartRow; r0 <= lastRow && !textCut; r0 += static_cast<sal_Int32>(blockRows)) {
            sal_Int32 r1 = std::min<sal_Int32>(lastRow, r0 + static_cast<sal_Int32>(blockRows) - 1);
            Reference<sheet::XCellRangeData> data(
                sh->getCellRangeByPosition(a.StartColumn, r0, a.EndColumn, r1), UNO_QUERY_THROW);
            Block b{r0, data->getDataArray()};
            fetchLap("snapshot.fetch.get");
            freeSpent();
            fetchLap("snapshot.fetch.free");
            {
                std::unique_lock<std::mutex> lock(m);
                cv.wait(lock, [&] { return queue.size() < 2 || converted; });
                queue.push_back(std::move(b));
            }
            cv.notify_all();
            fetchLap("snapshot.fetch.wait");  // for the helper to make room
            if (told) told(static_cast<double>(r1 - a.StartRow + 1) / static_cast<double>(rows));
            fetchLap("snapshot.fetch.told");  // the window's events, the bar
        }
    } catch (...) {
        finish();
        throw;
    }
    lap("snapshot.fetch");  // the sum of snapshot.fetch.get, .free, .wait and .told
    finish();
    freeSpent();
    lap("snapshot.convert");  // the helper's last blocks after the last fetch, and freeing them
    info.timings.add("snapshot.convert.busy", busyMs);  // the helper's own time, overlapping the fetch
    if (failure) std::rethrow_exception(failure);
    rows = endRow - a.StartRow + 1;
    budget.cells -= rows * cols;
    info.cells += rows * cols;
    if (rows <= 0) return;
    readDecimals(sh->getCellRangeByPosition(a.StartColumn, a.StartRow, a.EndColumn, endRow), out, decimals);
    lap("snapshot.decimals");
    struct ErrorsLap {  // however the error cells' part returns
        Timings::Lap& lap;
        ~ErrorsLap() { lap("snapshot.errors"); }
    } errorsLap{lap};
    // Error results of formulas, found in bulk; their text ("#VALUE!") per cell,
    // for a bounded number of cells.
    if (!sawError) return;
    Reference<sheet::XCellRangesQuery> q(
        sh->getCellRangeByPosition(a.StartColumn, a.StartRow, a.EndColumn, endRow), UNO_QUERY_THROW);
    Reference<sheet::XSheetCellRanges> errs = q->queryFormulaCells(sheet::FormulaResult::ERROR);
    if (!errs.is()) return;
    const Sequence<table::CellRangeAddress> ranges = errs->getRangeAddresses();
    long unread = 0;
    for (const auto& ra : ranges) {
        for (sal_Int32 r = ra.StartRow; r <= ra.EndRow; ++r)
            for (sal_Int32 c = ra.StartColumn; c <= ra.EndColumn; ++c) {
                std::string txt;
                if (budget.errorTexts > 0) {
                    --budget.errorTexts;
                    Reference<text::XText> t(sh->getCellByPosition(c, r), UNO_QUERY);
                    txt = t.is() ? clip(u8(t->getString()), 100) : std::string();
                } else {
                    ++unread;
                    txt = "#ERR";
                }
                out.set(r, c, reportcheck::Cell::makeError(txt.empty() ? "#VALUE!" : txt));
            }
    }
    if (unread > 0) info.limits.push_back(note(msg::kErrorTextsCut, {name, std::to_string(unread)}));
}

std::string sheetNameAt(const Reference<container::XIndexAccess>& sheets, sal_Int32 i) {
    Reference<container::XNamed> n(sheets->getByIndex(i), UNO_QUERY);
    return n.is() ? u8(n->getName()) : std::string();
}

void readNames(const Reference<sheet::XSpreadsheetDocument>& doc, reportcheck::Workbook& wb, SnapshotInfo& info) {
    Reference<beans::XPropertySet> ps(doc, UNO_QUERY);
    if (!ps.is()) return;
    Reference<container::XNameAccess> names(ps->getPropertyValue("NamedRanges"), UNO_QUERY);
    if (!names.is()) return;
    Reference<container::XIndexAccess> sheets(doc->getSheets(), UNO_QUERY_THROW);
    const Sequence<OUString> all = names->getElementNames();
    if (all.getLength() > kMaxSnapshotNames)
        info.limits.push_back(note(msg::kNamesCut, {std::to_string(kMaxSnapshotNames),
                                                    std::to_string(all.getLength() - kMaxSnapshotNames)}));
    for (sal_Int32 i = 0; i < all.getLength() && i < kMaxSnapshotNames; ++i) {
        const OUString& n = all[i];
        try {
            Reference<sheet::XCellRangeReferrer> ref(names->getByName(n), UNO_QUERY);
            if (!ref.is()) continue;
            Reference<sheet::XCellRangeAddressable> cells(ref->getReferredCells(), UNO_QUERY);
            if (!cells.is()) continue;  // a named expression, not a range
            table::CellRangeAddress a = cells->getRangeAddress();
            reportcheck::Area area;
            area.sheet = sheetNameAt(sheets, a.Sheet);
            area.row1 = a.StartRow; area.col1 = a.StartColumn;
            area.row2 = a.EndRow; area.col2 = a.EndColumn;
            wb.names[u8(n)] = area;
        } catch (const Exception&) {
            // a name that does not resolve to cells is not a range: skip it
        }
    }
}

}  // namespace

bool isReportSheet(const Reference<sheet::XSpreadsheet>& sheet) {
    if (!sheet.is()) return false;
    Reference<text::XText> a1(sheet->getCellByPosition(0, 0), UNO_QUERY);
    if (!a1.is()) return false;
    const OUString t = a1->getString();
    return t.startsWith(ou(kReportTitle)) || t.startsWith(ou(kReportTitleEn));
}

std::vector<OUString> reportSheetNames(const Reference<sheet::XSpreadsheetDocument>& doc) {
    std::vector<OUString> out;
    Reference<container::XIndexAccess> sheets(doc->getSheets(), UNO_QUERY_THROW);
    for (sal_Int32 i = 0; i < sheets->getCount(); ++i) {
        Reference<sheet::XSpreadsheet> sh(sheets->getByIndex(i), UNO_QUERY);
        if (isReportSheet(sh)) out.push_back(Reference<container::XNamed>(sh, UNO_QUERY_THROW)->getName());
    }
    return out;
}

reportcheck::Workbook snapshot(const Reference<sheet::XSpreadsheetDocument>& doc, SnapshotInfo* infoOut,
                               const SnapshotProgress& progress) {
    reportcheck::Workbook wb;
    SnapshotInfo local;
    SnapshotInfo& info = infoOut ? *infoOut : local;
    Reference<container::XIndexAccess> sheets(doc->getSheets(), UNO_QUERY_THROW);
    const sal_Int32 n = sheets->getCount();
    Budget budget;
    FormatDecimals decimals(doc);
    int read = 0, skipped = 0;
    for (sal_Int32 i = 0; i < n; ++i) {
        Reference<sheet::XSpreadsheet> sh(sheets->getByIndex(i), UNO_QUERY_THROW);
        if (isReportSheet(sh)) continue;  // our own report is not data
        if (read == kMaxSnapshotSheets) {
            ++skipped;
            continue;
        }
        ++read;
        std::string name = sheetNameAt(sheets, i);
        const int total = n * kProgressSteps;
        if (progress) progress(i * kProgressSteps, total, name);
        reportcheck::Sheet& out = wb.addSheet(name);
        readSheet(sh, name, out, budget, info, decimals, [&](double part) {
            if (progress) progress(i * kProgressSteps + static_cast<int>(part * (kProgressSteps - 1)), total, name);
        });
    }
    if (skipped > 0)
        info.limits.push_back(note(msg::kSheetsCut, {std::to_string(read), std::to_string(skipped)}));
    readNames(doc, wb, info);
    return wb;
}

}  // namespace rcext
