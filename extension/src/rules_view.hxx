// "Show the embedded checks": the rules text and a readable list of the rules
// (id, what each checks, where), in a dialog whose text can be scrolled,
// selected and copied, with a button that exports the text to a file.
#pragma once

#include "ustr.hxx"

#include <string>
#include <vector>

#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>

namespace rcext {

// One rule as a reader sees it, taken from the rules text (statements start a
// line; `sheet "…"` sets where the rules after it look).
struct RuleLine {
    std::string id;
    std::string kind;      // check | total | target
    std::string severity;  // as written, or the kind's default
    std::string sheet;
    std::string what;      // the rule's own Vietnamese message, else its formula or target
    std::string where;     // the rows or cells it covers ("for rows …", a total's label), may be empty
    int line = 0;          // 1-based line of the statement
};

// Bounded: at most `maxRules` entries from at most the text given (the caller
// passes text that already compiled under the untrusted limits).
std::vector<RuleLine> listRules(const std::string& text, size_t maxRules = 5000);

// One line of the readable list: "B3.cot4 · lỗi / error · Biểu 3 · …".
std::string ruleLineText(const RuleLine& r);

// What the dialog ended with.
enum class ViewerResult { Closed, Export };

// Modal dialog over the frame's window.
ViewerResult showRulesDialog(const css::uno::Reference<css::uno::XComponentContext>& ctx,
                             const css::uno::Reference<css::frame::XFrame>& frame, const std::string& heading,
                             const std::vector<RuleLine>& rules, const std::string& text);

// The draft from "Suggest rules from the workbook": shown editable (the user
// reviews it), with what to do next. `text` comes back as the user left it.
enum class DraftChoice { Close, Validate, Embed, Save };
DraftChoice showDraftDialog(const css::uno::Reference<css::uno::XComponentContext>& ctx,
                            const css::uno::Reference<css::frame::XFrame>& frame, const std::string& heading,
                            std::string& text);

// Ask where to save a rules file (FILESAVE dialog starting in `folderUrl` when
// given); "" when cancelled.
std::string askSavePath(const css::uno::Reference<css::uno::XComponentContext>& ctx, const OUString& folderUrl,
                        const std::string& suggestedName);

// Ask for a rules file to open ("" when cancelled).
std::string askOpenPath(const css::uno::Reference<css::uno::XComponentContext>& ctx, const OUString& folderUrl);

// Write a whole file through a temporary file and a rename (a reader never sees half of it).
// Throws std::runtime_error naming the path.
void writeTextFile(const std::string& path, const std::string& text);

// The folder a file dialog should start in: the document's own folder when it
// has been saved, else the user's Documents (or home) folder.
OUString startFolder(const css::uno::Reference<css::frame::XFrame>& frame);

}  // namespace rcext
