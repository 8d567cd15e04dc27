#include "report_sheet.hxx"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <set>
#include <utility>
#include <vector>
#include <tuple>

#include <com/sun/star/awt/FontWeight.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/sheet/XCellRangeFormula.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheets.hpp>
#include <com/sun/star/sheet/XUnnamedDatabaseRanges.hpp>
#include <com/sun/star/table/CellRangeAddress.hpp>
#include <com/sun/star/table/XCellRange.hpp>
#include <com/sun/star/table/XColumnRowRange.hpp>
#include <com/sun/star/table/XTableColumns.hpp>

#include "reportcheck/present.h"
#include "calc_util.hxx"
#include "snapshot.hxx"
#include "strings.hxx"
#include "ustr.hxx"

using namespace css;
using namespace css::uno;

namespace rcext {

std::string quoteSheet(const std::string& name) {
    std::string q = "'";
    for (char c : name) {
        if (c == '\'') q += "''";
        else q += c;
    }
    return q + "'";
}

static std::string quoteString(const std::string& s) {
    std::string q = "\"";
    for (char c : s) {
        if (c == '"') q += "\"\"";
        else q += c;
    }
    return q + "\"";
}

// The command line's sentence (reportcheck::resultSentence): one wording of a run's counts everywhere.
std::pair<std::string, std::string> summaryText(const reportcheck::Result& r) {
    return {reportcheck::resultSentence(r, "vi"), reportcheck::resultSentence(r, "en")};
}

std::string kindName(reportcheck::FindingKind k) {
    using K = reportcheck::FindingKind;
    switch (k) {
    case K::Check: return tr("kiểm tra không khớp", "check fails");
    case K::Target: return tr("chỉ tiêu", "target");
    case K::CellError: return tr("ô lỗi", "error cell");
    case K::TextNumber: return tr("số ghi dạng chữ", "number stored as text");
    case K::NotNumber: return tr("không phải số", "not a number");
    case K::Undefined: return tr("không xác định (chia cho 0)", "undefined (division by zero)");
    case K::MissingRef: return tr("thiếu tham chiếu", "missing reference");
    case K::Limit: return tr("giới hạn", "limit");
    }
    return reportcheck::findingKindName(k);
}

namespace {

// Where the rules came from, in words: rules_source.hxx gives "embedded",
// "bundled:NAME" or the file's path.
std::string originWords(const std::string& origin) {
    if (origin == "embedded") return tr("nhúng trong bảng tính này", "embedded in this workbook");
    if (origin.rfind("bundled:", 0) == 0) return tr("bộ quy tắc kèm theo ", "the bundled rule set ") + origin.substr(8);
    return origin;
}

// A value at the decimals its cell shows (47,50 shown as "47,5" stays "47,5";
// 8,24 in a cell showing one decimal is "8,2"), else up to two.
std::string shownNumber(double v, int decimals) {
    if (decimals >= 0 && decimals <= 15) return reportcheck::formatNumber(v, langCode(), decimals, true);
    return number(v);
}

// A difference below what the cell shows still says how large it is.
std::string shownDifference(double d, int decimals) {
    std::string s = shownNumber(d, decimals);
    if (d != 0 && s.find_first_of("123456789") == std::string::npos) s = number(d, 6);
    return s;
}


// How long a value is written, in characters.
sal_Int32 shownLength(const Any& v) {
    OUString t;
    if (v >>= t) return t.getLength();
    double d = 0;
    if (v >>= d) {
        char b[32];
        return std::snprintf(b, sizeof b, "%.15g", d);
    }
    return 0;
}

// Column widths: `fixedWidth(c)` for the columns in `fixed`; the others as
// wide as Calc's optimal width for their text. Calc measures every cell of a
// column for that (a thousand findings: 9 columns × 1,200 cells, 120 ms), so
// it is asked before the table is written, over only the rows that decide it:
// per column the kWidthProbes longest values, and the `always` rows (the bold
// headers). Those rows are written first; the whole table overwrites them.
// Without `probe`, the table is already written and Calc measures it all.
void setWidths(const Reference<sheet::XSpreadsheet>& sh, const Sequence<Sequence<Any>>& data, int cols,
               const std::set<int>& fixed, const std::vector<int>& always, bool probe,
               const std::function<sal_Int32(int)>& fixedWidth) {
    constexpr size_t kWidthProbes = 3;  // the longest by characters is nearly always the widest; three hedge
    std::set<int> probeRows;
    if (probe) probeRows.insert(always.begin(), always.end());
    for (int c = 0; probe && c < cols; ++c) {
        if (fixed.count(c)) continue;
        std::vector<std::pair<sal_Int32, int>> longest;  // (length, row), the kWidthProbes longest
        for (sal_Int32 r = 0; r < data.getLength(); ++r) {
            if (c >= data[r].getLength()) continue;
            const sal_Int32 len = shownLength(data[r][c]);
            if (len == 0) continue;
            if (longest.size() < kWidthProbes) {
                longest.push_back({len, r});
            } else {
                auto least = std::min_element(longest.begin(), longest.end());
                if (len > least->first) *least = {len, r};
            }
        }
        for (const auto& [len, r] : longest) probeRows.insert(r);
    }
    for (int r : probeRows) {
        if (r < 0 || r >= data.getLength()) continue;
        Sequence<Sequence<Any>> one(1);
        one.getArray()[0] = data[r];
        Reference<sheet::XCellRangeData>(sh->getCellRangeByPosition(0, r, cols - 1, r), UNO_QUERY_THROW)->setDataArray(one);
    }
    Reference<table::XColumnRowRange> crr(sh, UNO_QUERY_THROW);
    Reference<container::XIndexAccess> columns(crr->getColumns(), UNO_QUERY_THROW);
    for (int c = 0; c < cols; ++c) {
        Reference<beans::XPropertySet> col(columns->getByIndex(c), UNO_QUERY_THROW);
        if (fixed.count(c)) col->setPropertyValue("Width", Any(fixedWidth(c)));
        else col->setPropertyValue("OptimalWidth", Any(true));
    }
}

void bold(const Reference<sheet::XSpreadsheet>& sh, int c1, int r1, int c2, int r2, sal_Int32 back) {
    Reference<beans::XPropertySet> p(sh->getCellRangeByPosition(c1, r1, c2, r2), UNO_QUERY_THROW);
    p->setPropertyValue("CharWeight", Any(awt::FontWeight::BOLD));
    if (back >= 0) p->setPropertyValue("CellBackColor", Any(back));
}

}  // namespace

int writeReportSheet(const Reference<sheet::XSpreadsheetDocument>& doc, const reportcheck::Result& result,
                     const ReportInfo& info) {
    Timings::Lap lap(info.timings);
    Reference<sheet::XSpreadsheets> sheets = doc->getSheets();
    Reference<container::XNameAccess> names(sheets, UNO_QUERY_THROW);
    for (const OUString& old : reportSheetNames(doc)) sheets->removeByName(old);
    OUString sheetName = ou(kReportSheet);
    for (int k = 2; names->hasByName(sheetName); ++k)  // a user's own sheet of that name stays
        sheetName = ou(std::string(kReportSheet) + " " + std::to_string(k));
    Reference<container::XIndexAccess> idx(sheets, UNO_QUERY_THROW);
    const sal_Int16 sheetIndex = static_cast<sal_Int16>(idx->getCount());
    sheets->insertNewByName(sheetName, sheetIndex);
    Reference<sheet::XSpreadsheet> sh(names->getByName(sheetName), UNO_QUERY_THROW);
    lap("report.sheet");

    const int kCols = 12;
    enum { cSheet, cCell, cLabel, cRule, cSeverity, cKind, cExpected, cActual, cDiff, cMessage, cSuspect, cSuspectText };
    auto [sumVi, sumEn] = summaryText(result);
    const int n = std::min(static_cast<int>(result.findings.size()), kMaxReportFindings);
    const int nRules = std::min(static_cast<int>(result.rules.size()), kMaxReportRules);
    std::vector<std::vector<std::string>> head = {
        {english() ? kReportTitleEn : kReportTitle},
        {tr(sumVi, sumEn)},
        {tr("Quy tắc lấy từ: ", "Rules from: ") + originWords(info.origin)},
    };
    for (const auto& note : info.notes) head.push_back({note});
    const int perRuleLink = static_cast<int>(head.size());
    head.push_back({});  // the jump to the per-rule block, written below as a formula
    head.push_back({});
    const int headerRow = static_cast<int>(head.size());
    head.push_back({tr("Trang tính", "Sheet"), tr("Ô", "Cell"), tr("Dòng", "Row"), tr("Quy tắc", "Rule"),
                    tr("Mức độ", "Severity"), tr("Loại", "Kind"), tr("Cần", "Expected"), tr("Ghi", "Actual"),
                    tr("Lệch", "Difference"), tr("Thông báo", "Message"), tr("Ô nghi sai", "Suspect cell"),
                    tr("Nhiều khả năng sai", "Most likely wrong")});
    // The per-rule block, two rows below the findings.
    const int rulesTitleRow = headerRow + 1 + n + 2;
    const int rulesHeaderRow = rulesTitleRow + 1;
    const int rows = rulesHeaderRow + 1 + nRules;

    Sequence<Sequence<Any>> data(rows);
    auto* pd = data.getArray();
    for (int r = 0; r < rows; ++r) {
        pd[r].realloc(kCols);
        auto* pr = pd[r].getArray();
        for (int c = 0; c < kCols; ++c) pr[c] <<= OUString();
    }
    for (int r = 0; r < static_cast<int>(head.size()); ++r)
        for (int c = 0; c < static_cast<int>(head[r].size()) && c < kCols; ++c)
            pd[r].getArray()[c] <<= ou(clip(head[r][c]));
    std::vector<std::tuple<int, int, std::string>> links;  // row, column -> formula
    auto jump = [](const std::string& sheet, const std::string& cell, const std::string& label) {
        return "=HYPERLINK(" + quoteString("#" + quoteSheet(sheet) + "." + cell) + ";" + quoteString(label) + ")";
    };
    const std::string lang = langCode();
    for (int i = 0; i < n; ++i) {
        const auto& f = result.findings[i];
        const int r = headerRow + 1 + i;
        const int dec = info.shownDecimals && static_cast<size_t>(i) < info.shownDecimals->size()
                            ? (*info.shownDecimals)[i]
                            : -1;
        auto* pr = pd[r].getArray();
        pr[cSheet] <<= ou(clip(f.sheet, 200));
        const std::string cell = f.cell();
        pr[cCell] <<= ou(cell);
        pr[cLabel] <<= ou(clip(f.rowLabel, 300));
        pr[cRule] <<= ou(clip(f.ruleId, 200));
        pr[cSeverity] <<= ou(severityText(f.severity));
        pr[cKind] <<= ou(kindName(f.kind));
        if (f.hasValues && f.dates) {  // a date cell: dates as the report writes them, the difference in days
            pr[cExpected] <<= ou(reportcheck::formatDate(f.expected, lang));
            pr[cActual] <<= ou(reportcheck::formatDate(f.actual, lang));
            pr[cDiff] <<= ou(number(f.difference));
        } else if (f.hasValues) {
            pr[cExpected] <<= ou(shownNumber(f.expected, dec));
            pr[cActual] <<= ou(shownNumber(f.actual, dec));
            pr[cDiff] <<= ou(shownDifference(f.difference, dec));
        } else if (f.kind == reportcheck::FindingKind::Target) {
            pr[cExpected] <<= ou(english() ? reportcheck::targetStatusEn(f.status) : reportcheck::targetStatusVi(f.status));
            pr[cActual] <<= ou(shownNumber(f.actual, dec));
            pr[cDiff] <<= ou(number(f.share) + "%");
        }
        pr[cMessage] <<= ou(clip(f.message.in(lang)));
        if (!cell.empty() && !f.sheet.empty()) links.emplace_back(r, cCell, jump(f.sheet, cell, cell));
        // What localisation names (docs/LOCALISATION.md): a jump to the most
        // likely wrong cell, and the engine's sentence with the values and ties.
        if (!f.suspects.empty()) pr[cSuspectText] <<= ou(clip(reportcheck::suspectsText(f, lang)));
        if (!f.suspects.cells.empty()) {
            const reportcheck::Suspect& s = f.suspects.cells.front();
            const std::string label = (s.sheet == f.sheet ? "" : s.sheet + "!") + s.cell();
            pr[cSuspect] <<= ou(clip(label, 300));
            if (!s.sheet.empty()) links.emplace_back(r, cSuspect, jump(s.sheet, s.cell(), clip(label, 300)));
        }
    }
    // One line per rule, as R validate's summary(): a rule that checked
    // nothing (every cell empty, a sheet missing) shows here, not nowhere.
    pd[rulesTitleRow].getArray()[0] <<= ou(tr("Kết quả theo quy tắc", "Per rule"));
    {
        auto* pr = pd[rulesHeaderRow].getArray();
        const char* const hv[] = {"Quy tắc", "Kết quả", "Đã kiểm tra", "Đạt", "Không đạt", "Bỏ qua", "Vì sao bỏ qua",
                                  "Chỉ tiêu", "Phát hiện"};
        const char* const he[] = {"Rule", "Verdict", "Checked", "Passed", "Failed", "Skipped", "Why skipped",
                                  "Target", "Findings"};
        for (int c = 0; c < 9; ++c) pr[c] <<= ou(tr(hv[c], he[c]));
    }
    for (int i = 0; i < nRules; ++i) {
        const auto& o = result.rules[i];
        auto* pr = pd[rulesHeaderRow + 1 + i].getArray();
        pr[0] <<= ou(clip(o.ruleId, 200));
        pr[1] <<= ou(reportcheck::outcomeVerdict(o, langCode()));
        pr[2] <<= static_cast<double>(o.checked());
        pr[3] <<= static_cast<double>(o.passed);
        pr[4] <<= static_cast<double>(o.failed);
        pr[5] <<= static_cast<double>(o.skipped());
        pr[6] <<= ou(reportcheck::outcomeSkippedWhy(o, langCode()));
        if (o.status != reportcheck::TargetStatus::None)
            pr[7] <<= ou(english() ? reportcheck::targetStatusEn(o.status) : reportcheck::targetStatusVi(o.status));
        pr[8] <<= static_cast<double>(o.findings);
    }
    lap("report.build");
    // The rows that may need more than the default height — the title, texts
    // of several lines — measured once the sheet is written (below).
    std::vector<int> tallRows = {0};
    for (int r = 1; r < rows; ++r)
        for (const Any& v : std::as_const(data[r])) {
            OUString t;
            if ((v >>= t) && t.indexOf('\n') >= 0) {
                tallRows.push_back(r);
                break;
            }
        }
    // Below kLargeReport rows the sheet is written the plain way (the tricks
    // below cost a few calls more than they save: 25 ms with no findings).
    const bool large = rows >= kLargeReport;
    auto widths = [&](bool probe) {
        setWidths(sh, data, kCols, {cMessage, cSuspectText, cLabel, cSheet}, {headerRow, rulesHeaderRow}, probe,
                  [&](int c) { return c == cMessage || c == cSuspectText ? 12000 : c == cLabel ? 6000 : 3500; });
    };
    {
        std::optional<RowHeightsKept> heights;
        if (large) heights.emplace(doc);
        // The formats first: the widths below are measured on bold headers, under their filter buttons.
        Reference<beans::XPropertySet> title(sh->getCellByPosition(0, 0), UNO_QUERY_THROW);
        title->setPropertyValue("CharWeight", Any(awt::FontWeight::BOLD));
        title->setPropertyValue("CharHeight", Any(14.0f));
        bold(sh, 0, headerRow, kCols - 1, headerRow, 0xDDE8F3);
        bold(sh, 0, rulesTitleRow, 0, rulesTitleRow, -1);
        bold(sh, 0, rulesHeaderRow, 8, rulesHeaderRow, 0xDDE8F3);
        // An autofilter over the findings table: by sheet, rule, severity, kind.
        try {
            Reference<beans::XPropertySet> dp(doc, UNO_QUERY_THROW);
            Reference<sheet::XUnnamedDatabaseRanges> ranges(dp->getPropertyValue("UnnamedDatabaseRanges"), UNO_QUERY_THROW);
            table::CellRangeAddress area(sheetIndex, 0, headerRow, kCols - 1, headerRow + std::max(n, 1));
            ranges->setByTable(area);
            Reference<beans::XPropertySet> db(ranges->getByTable(sheetIndex), UNO_QUERY_THROW);
            db->setPropertyValue("AutoFilter", Any(true));
        } catch (const Exception&) {
            // the table stays usable without its filter buttons
        }
        lap("report.formats");
        if (large) widths(true);
        lap("report.widths");
        Reference<sheet::XCellRangeData> rd(sh->getCellRangeByPosition(0, 0, kCols - 1, rows - 1), UNO_QUERY_THROW);
        rd->setDataArray(data);
        lap("report.data");
        // The jumps, one setFormulaArray per run of rows in a column (a thousand
        // findings: a few calls, not a thousand setFormula with an undo action each).
        std::sort(links.begin(), links.end(), [](const auto& x, const auto& y) {
            return std::tie(std::get<1>(x), std::get<0>(x)) < std::tie(std::get<1>(y), std::get<0>(y));
        });
        for (size_t i = 0; i < links.size();) {
            size_t j = i + 1;
            while (j < links.size() && std::get<1>(links[j]) == std::get<1>(links[i]) &&
                   std::get<0>(links[j]) == std::get<0>(links[j - 1]) + 1)
                ++j;
            Sequence<Sequence<OUString>> formulas(static_cast<sal_Int32>(j - i));
            for (size_t k = i; k < j; ++k) {
                const OUString f = ou(std::get<2>(links[k]));
                formulas.getArray()[k - i] = Sequence<OUString>(&f, 1);
            }
            const int c = std::get<1>(links[i]);
            Reference<sheet::XCellRangeFormula> run(
                sh->getCellRangeByPosition(c, std::get<0>(links[i]), c, std::get<0>(links[j - 1])), UNO_QUERY_THROW);
            run->setFormulaArray(formulas);
            i = j;
        }
        {
            const std::string text = tr("Kết quả theo từng quy tắc (" + std::to_string(result.rules.size()) + " quy tắc)",
                                        "Results per rule (" + std::to_string(result.rules.size()) + " rules)");
            sh->getCellByPosition(0, perRuleLink)
                ->setFormula(ou(jump(u8(sheetName), "A" + std::to_string(rulesTitleRow + 1), text)));
        }

        lap("report.links");
        // Severity colours on the finding rows, verdict colours on the rule lines.
        // One property set per run of rows of one colour, not one per row.
        auto colourRuns = [&](int col, int firstRow, int count, const auto& colourOf) {
            for (int i = 0; i < count;) {
                const sal_Int32 color = colourOf(i);
                int j = i + 1;
                while (j < count && colourOf(j) == color) ++j;
                if (color != -1) {
                    Reference<beans::XPropertySet> c(sh->getCellRangeByPosition(col, firstRow + i, col, firstRow + j - 1),
                                                     UNO_QUERY_THROW);
                    c->setPropertyValue("CellBackColor", Any(color));
                }
                i = j;
            }
        };
        colourRuns(cSeverity, headerRow + 1, n, [&](int i) {
            const auto& f = result.findings[i];
            return sal_Int32(f.severity == reportcheck::Severity::Error     ? 0xFFC7CE
                             : f.severity == reportcheck::Severity::Warning ? 0xFFEB9C
                                                                            : 0xE2EFDA);
        });
        colourRuns(1, rulesHeaderRow + 1, nRules, [&](int i) {
            const std::string v = result.rules[i].verdict();
            return v == "passed" ? sal_Int32(-1) : sal_Int32(v == "failed" ? 0xFFC7CE : 0xD9D9D9);  // -1: left as it is
        });
    }
    if (!large) widths(false);  // measured over the whole (short) table
    // The rows whose height the lock kept that need more (the title's font,
    // texts of several lines), one call per run of them.
    for (size_t i = 0; large && i < tallRows.size();) {
        size_t j = i + 1;
        while (j < tallRows.size() && tallRows[j] == tallRows[j - 1] + 1) ++j;
        Reference<table::XColumnRowRange> run(sh->getCellRangeByPosition(0, tallRows[i], 0, tallRows[j - 1]),
                                              UNO_QUERY_THROW);
        Reference<beans::XPropertySet>(run->getRows(), UNO_QUERY_THROW)->setPropertyValue("OptimalHeight", Any(true));
        i = j;
    }
    lap("report.colours+heights");
    return n;
}

}  // namespace rcext
