#include "recompute.hxx"

#include <map>

#include <com/sun/star/table/CellContentType.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/text/XText.hpp>

#include "calc_util.hxx"
#include "strings.hxx"
#include "undo.hxx"

using namespace css;
using namespace css::uno;

namespace rcext {

RecomputeStats recompute(const Reference<sheet::XSpreadsheetDocument>& doc, const Run& run) {
    const reportcheck::Result& result = run.result;
    if (!run.limits.empty()) throw LimitError(run.limits.front());
    if (result.derived.size() > kMaxRecomputeWrites)
        throw LimitError(note(msg::kTooManyWrites, {std::to_string(result.derived.size()),
                                                    std::to_string(kMaxRecomputeWrites)}));
    RecomputeStats st;
    UndoStep undo(doc, line(msg::kRecomputeUndo));
    // Each sheet looked up (and its protection read) once, not per derived cell.
    std::map<std::string, std::pair<Reference<sheet::XSpreadsheet>, bool>> sheets;
    for (const auto& d : result.derived) {
        auto known = sheets.find(d.sheet);
        if (known == sheets.end()) {
            Reference<sheet::XSpreadsheet> found = sheetByName(doc, d.sheet);
            known = sheets.emplace(d.sheet, std::make_pair(found, found.is() && isProtected(found))).first;
        }
        const auto& [sh, locked] = known->second;
        if (!sh.is()) { ++st.missingSheet; continue; }
        if (locked) { ++st.skippedProtected; continue; }
        Reference<table::XCell> cell = sh->getCellByPosition(d.col, d.row);
        const table::CellContentType type = cell->getType();
        if (type == table::CellContentType_FORMULA) { ++st.skippedFormula; continue; }
        if (d.isText) {
            Reference<text::XText> t(cell, UNO_QUERY_THROW);
            if (type == table::CellContentType_TEXT && u8(t->getString()) == d.text) { ++st.unchanged; continue; }
            t->setString(ou(d.text));
        } else {
            if (type == table::CellContentType_VALUE && cell->getValue() == d.number) { ++st.unchanged; continue; }
            cell->setValue(d.number);
        }
        ++st.written;
    }
    return st;
}

}  // namespace rcext
