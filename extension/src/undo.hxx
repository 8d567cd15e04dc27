// One undo step for everything a command writes: Ctrl+Z takes it back at once.
// The step's title is what Edit > Undo shows and what feedback.cxx matches
// to keep the info bar true after Undo.
#pragma once

#include "ustr.hxx"

#include <com/sun/star/document/XUndoManager.hpp>
#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>

namespace rcext {

class UndoStep {
public:
    UndoStep(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc, const OUString& title) {
        css::uno::Reference<css::document::XUndoManagerSupplier> us(doc, css::uno::UNO_QUERY);
        if (us.is()) um_ = us->getUndoManager();
        if (um_.is()) um_->enterUndoContext(title);
    }
    // Left on every path, a throw included: an open context would swallow the user's next edits.
    ~UndoStep() {
        try {
            if (um_.is()) um_->leaveUndoContext();
        } catch (...) {
        }
    }
    UndoStep(const UndoStep&) = delete;
    UndoStep& operator=(const UndoStep&) = delete;

private:
    css::uno::Reference<css::document::XUndoManager> um_;
};

}  // namespace rcext
