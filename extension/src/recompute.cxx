#include "recompute.hxx"

#include <map>
#include <set>
#include <tuple>

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
    // Derived cells whose failing check localisation attributes to other
    // cells: cell -> the suspects (none of them the cell itself).
    std::map<std::tuple<std::string, int, int>, const reportcheck::Suspects*> blamedInputs;
    for (const auto& f : result.findings) {
        if (f.severity == reportcheck::Severity::Info || f.row < 0 || f.col < 0 || f.suspects.cells.empty()) continue;
        bool self = false;
        for (const auto& c : f.suspects.cells) self = self || (c.sheet == f.sheet && c.row == f.row && c.col == f.col);
        if (!self) blamedInputs.emplace(std::make_tuple(f.sheet, f.row, f.col), &f.suspects);
    }
    std::set<std::string> named;
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
        if (auto b = blamedInputs.find({d.sheet, d.row, d.col}); b != blamedInputs.end()) {
            ++st.keptForInput;
            for (const auto& c : b->second->cells) {
                std::string name = (c.sheet == d.sheet ? "" : c.sheet + "!") + c.cell();
                if (named.insert(name).second) st.inputsToCheck.push_back(name);
            }
            continue;
        }
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
