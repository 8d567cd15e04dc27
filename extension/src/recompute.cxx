#include "recompute.hxx"

#include <com/sun/star/document/XUndoManager.hpp>
#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/table/CellContentType.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/text/XText.hpp>

#include "calc_util.hxx"
#include "strings.hxx"

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
    Reference<document::XUndoManagerSupplier> us(doc, UNO_QUERY);
    Reference<document::XUndoManager> undo = us.is() ? us->getUndoManager() : nullptr;
    if (undo.is()) undo->enterUndoContext(line(msg::kRecomputeUndo));
    try {
        for (const auto& d : result.derived) {
            Reference<sheet::XSpreadsheet> sh = sheetByName(doc, d.sheet);
            if (!sh.is()) { ++st.missingSheet; continue; }
            if (isProtected(sh)) { ++st.skippedProtected; continue; }
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
    } catch (...) {
        if (undo.is()) undo->leaveUndoContext();
        throw;
    }
    if (undo.is()) undo->leaveUndoContext();
    return st;
}

}  // namespace rcext
