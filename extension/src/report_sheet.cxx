#include "report_sheet.hxx"

#include <algorithm>
#include <tuple>

#include <com/sun/star/awt/FontWeight.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/sheet/XCellRangeFormula.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheets.hpp>
#include <com/sun/star/table/XCellRange.hpp>
#include <com/sun/star/table/XColumnRowRange.hpp>
#include <com/sun/star/table/XTableColumns.hpp>

#include "reportcheck/present.h"
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

int writeReportSheet(const Reference<sheet::XSpreadsheetDocument>& doc, const reportcheck::Result& result,
                     const ReportInfo& info) {
    Reference<sheet::XSpreadsheets> sheets = doc->getSheets();
    Reference<container::XNameAccess> names(sheets, UNO_QUERY_THROW);
    for (const OUString& old : reportSheetNames(doc)) sheets->removeByName(old);
    OUString sheetName = ou(kReportSheet);
    for (int k = 2; names->hasByName(sheetName); ++k)  // a user's own sheet of that name stays
        sheetName = ou(std::string(kReportSheet) + " " + std::to_string(k));
    Reference<container::XIndexAccess> idx(sheets, UNO_QUERY_THROW);
    sheets->insertNewByName(sheetName, static_cast<sal_Int16>(idx->getCount()));
    Reference<sheet::XSpreadsheet> sh(names->getByName(sheetName), UNO_QUERY_THROW);

    const int kCols = 13;
    auto [sumVi, sumEn] = summaryText(result);
    std::vector<std::vector<std::string>> head = {
        {std::string(kReportTitle) + " / Validation result"},
        {sumVi},
        {sumEn},
        {"Quy tắc lấy từ / Rules from: " + info.origin},
    };
    for (const auto& n : info.notes) head.push_back({n});
    const int n = std::min(static_cast<int>(result.findings.size()), kMaxReportFindings);
    head.push_back({});
    const int headerRow = static_cast<int>(head.size());
    head.push_back({"Trang tính / Sheet", "Ô / Cell", "Quy tắc / Rule", "Mức độ / Severity",
                    "Loại / Kind", "Cần / Expected", "Ghi / Actual", "Lệch / Difference",
                    "Thông báo", "Message", "Ô nghi sai / Suspect cell", "Nhiều khả năng sai",
                    "Most likely wrong"});

    const int rows = static_cast<int>(head.size()) + n;
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
    for (int i = 0; i < n; ++i) {
        const auto& f = result.findings[i];
        const int r = headerRow + 1 + i;
        auto* pr = pd[r].getArray();
        pr[0] <<= ou(clip(f.sheet, 200));
        const std::string cell = f.cell();
        pr[1] <<= ou(cell);
        pr[2] <<= ou(clip(f.ruleId, 200));
        pr[3] <<= ou(severityVi(f.severity) + " / " + severityEn(f.severity));
        pr[4] <<= ou(reportcheck::findingKindName(f.kind));
        if (f.hasValues) {
            pr[5] <<= ou(numberVi(f.expected));
            pr[6] <<= ou(numberVi(f.actual));
            pr[7] <<= ou(numberVi(f.difference));
        } else if (f.kind == reportcheck::FindingKind::Target) {
            pr[5] <<= ou(std::string(reportcheck::targetStatusVi(f.status)) + " / " +
                         reportcheck::targetStatusEn(f.status));
            pr[6] <<= ou(numberVi(f.actual));
            pr[7] <<= ou(numberVi(f.share) + "%");
        }
        pr[8] <<= ou(clip(f.messageVi));
        pr[9] <<= ou(clip(f.messageEn));
        if (!cell.empty() && !f.sheet.empty()) links.emplace_back(r, 1, jump(f.sheet, cell, cell));
        // What localisation names (docs/LOCALISATION.md): a jump to the most
        // likely wrong cell, and the engine's sentence with the values and ties.
        if (!f.suspects.empty()) {
            pr[11] <<= ou(clip(reportcheck::suspectsText(f, "vi")));
            pr[12] <<= ou(clip(reportcheck::suspectsText(f, "en")));
        }
        if (!f.suspects.cells.empty()) {
            const reportcheck::Suspect& s = f.suspects.cells.front();
            const std::string label = (s.sheet == f.sheet ? "" : s.sheet + "!") + s.cell();
            pr[10] <<= ou(clip(label, 300));
            if (!s.sheet.empty()) links.emplace_back(r, 10, jump(s.sheet, s.cell(), clip(label, 300)));
        }
    }
    Reference<sheet::XCellRangeData> rd(sh->getCellRangeByPosition(0, 0, kCols - 1, rows - 1), UNO_QUERY_THROW);
    rd->setDataArray(data);
    for (const auto& [r, c, formula] : links)
        sh->getCellByPosition(c, r)->setFormula(ou(formula));

    Reference<beans::XPropertySet> title(sh->getCellByPosition(0, 0), UNO_QUERY_THROW);
    title->setPropertyValue("CharWeight", Any(awt::FontWeight::BOLD));
    title->setPropertyValue("CharHeight", Any(14.0f));
    Reference<beans::XPropertySet> hdr(sh->getCellRangeByPosition(0, headerRow, kCols - 1, headerRow), UNO_QUERY_THROW);
    hdr->setPropertyValue("CharWeight", Any(awt::FontWeight::BOLD));
    hdr->setPropertyValue("CellBackColor", Any(sal_Int32(0xDDE8F3)));
    // Severity colours on the finding rows.
    for (int i = 0; i < n; ++i) {
        const auto& f = result.findings[i];
        sal_Int32 color = f.severity == reportcheck::Severity::Error     ? 0xFFC7CE
                          : f.severity == reportcheck::Severity::Warning ? 0xFFEB9C
                                                                         : 0xE2EFDA;
        Reference<beans::XPropertySet> c(sh->getCellByPosition(3, headerRow + 1 + i), UNO_QUERY_THROW);
        c->setPropertyValue("CellBackColor", Any(color));
    }
    Reference<table::XColumnRowRange> crr(sh, UNO_QUERY_THROW);
    Reference<container::XIndexAccess> cols(crr->getColumns(), UNO_QUERY_THROW);
    for (int c = 0; c < kCols; ++c) {
        Reference<beans::XPropertySet> col(cols->getByIndex(c), UNO_QUERY_THROW);
        if (c >= 8 && c != 10) col->setPropertyValue("Width", Any(sal_Int32(12000)));
        else if (c > 0) col->setPropertyValue("OptimalWidth", Any(true));
        else col->setPropertyValue("Width", Any(sal_Int32(3500)));
    }
    return n;
}

}  // namespace rcext
