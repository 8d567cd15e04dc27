// What the window says about our commands stays true after Undo and Redo.
//
// Each command that changes the document in one undo step (Validate,
// Recompute, Clear) shows its info bar through `showStep`; the bars form a
// stack that mirrors the undo stack. Undoing the step on top brings back the
// bar of the step before it (or none: after undoing Validate nothing says
// "see sheet ReportCheck" any more), redoing it shows it again. Undo in Calc
// also moves the view to what it changed (the removed report sheet, the
// restored cells); undoing one of our steps keeps the sheet and selection the
// user was on instead.
//
// How: an interceptor on the frame's dispatch chain wraps .uno:Undo and
// .uno:Redo — the menu, the toolbar, Ctrl+Z/Ctrl+Y and a macro's dispatch all
// pass through it — reads the title of the step about to be undone, keeps the
// view state, lets Calc undo, then updates bar and view.
#pragma once

#include "ustr.hxx"

#include <string>

#include <com/sun/star/frame/XFrame.hpp>

namespace rcext {

// A bar for a step the user can undo; `undoTitle` is the undo context's title.
// Empty vi/en: the step leaves no bar (Clear).
void showStep(const css::uno::Reference<css::frame::XFrame>& frame, const OUString& undoTitle,
              const std::string& vi, const std::string& en, sal_Int32 type);

// A bar for something Undo does not take back (Embed, rule set chosen).
void showNote(const css::uno::Reference<css::frame::XFrame>& frame, const std::string& vi, const std::string& en,
              sal_Int32 type);

// What our bar says now ("" when none shown) — for tests and macros (the
// info bar API has no getter).
std::string currentBar(const css::uno::Reference<css::frame::XFrame>& frame);

}  // namespace rcext
