#include "dispatch.hxx"

#include <algorithm>
#include <atomic>
#include <chrono>

#include <com/sun/star/awt/MessageBoxButtons.hpp>
#include <com/sun/star/awt/XActionListener.hpp>
#include <com/sun/star/awt/XButton.hpp>
#include <com/sun/star/awt/XControl.hpp>
#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/awt/XControlModel.hpp>
#include <com/sun/star/awt/XDialog2.hpp>
#include <com/sun/star/awt/XListBox.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XNameContainer.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/lang/XMultiComponentFactory.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XToolkit2.hpp>
#include <com/sun/star/awt/XMessageBox.hpp>
#include <com/sun/star/awt/XMessageBoxFactory.hpp>
#include <com/sun/star/awt/XWindowPeer.hpp>
#include <com/sun/star/frame/DispatchResultState.hpp>
#include <com/sun/star/frame/FeatureStateEvent.hpp>
#include <com/sun/star/frame/InfobarType.hpp>
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/frame/XInfobarProvider.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/frame/XTitle.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/task/XStatusIndicator.hpp>
#include <com/sun/star/task/XStatusIndicatorFactory.hpp>
#include <com/sun/star/document/XUndoManager.hpp>
#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/ui/dialogs/ExecutableDialogResults.hpp>
#include <com/sun/star/ui/dialogs/FilePicker.hpp>
#include <com/sun/star/ui/dialogs/TemplateDescription.hpp>
#include <com/sun/star/ui/dialogs/XFilePicker3.hpp>
#include <cppuhelper/implbase1.hxx>
#include <osl/file.hxx>

#include "calc_util.hxx"
#include "feedback.hxx"
#include "json.hxx"
#include "live.hxx"
#include "reportcheck/embedding.h"
#include "reportcheck/present.h"
#include "reportcheck/rules_choice.h"
#include "reportcheck/suggest.h"
#include "marks.hxx"
#include "pipeline.hxx"
#include "progress.hxx"
#include "recompute.hxx"
#include "report_sheet.hxx"
#include "rules_source.hxx"
#include "rules_view.hxx"
#include "snapshot.hxx"
#include "strings.hxx"
#include "undo.hxx"
#include "ustr.hxx"

using namespace css;
using namespace css::uno;

namespace rcext {

namespace {

struct Args {
    std::string path;
    std::string name;     // a bundled rule set (UseRuleSet, EmbedBundled)
    bool silent = false;  // no message boxes (tests, macros)
    std::string action;   // Suggest: validate | embed | save
};

Args parseArgs(const OUString& query, const Sequence<beans::PropertyValue>& args) {
    Args a;
    for (const auto& p : args) {
        OUString s;
        if ((p.Name == "Path" || p.Name == "URL") && (p.Value >>= s)) {
            if (s.startsWith("file:")) {
                OUString sys;
                osl::FileBase::getSystemPathFromFileURL(s, sys);
                s = sys;
            }
            a.path = u8(s);
        } else if (p.Name == "Name" && (p.Value >>= s)) {
            a.name = u8(s);
        } else if (p.Name == "Action" && (p.Value >>= s)) {
            a.action = u8(s);
        } else if (p.Name == "Silent") {
            bool b = false;
            p.Value >>= b;
            a.silent = b;
        }
    }
    // org.reportcheck.calc:EmbedFile?path=/x/y.rules
    if (query.startsWith("path=")) a.path = u8(query.copy(5));
    // org.reportcheck.calc:UseRuleSet?name=report-536
    if (query.startsWith("name=")) a.name = u8(query.copy(5));
    return a;
}

// Controllers locked while we write many cells: one repaint at the end.
class ControllerLock {
public:
    explicit ControllerLock(const Reference<frame::XModel>& m) : m_(m) { if (m_.is()) m_->lockControllers(); }
    ~ControllerLock() { if (m_.is()) m_->unlockControllers(); }
private:
    Reference<frame::XModel> m_;
};


// The one choice a user makes when a workbook has no checks: a bundled set
// from a list, or embedding a file. Built in code (no .xdl to ship for one
// list and three buttons).
enum class Choice { Close, UseSet, EmbedFile };

class EndWith : public cppu::WeakImplHelper1<awt::XActionListener> {
public:
    EndWith(const Reference<awt::XDialog2>& d, sal_Int32 result) : d_(d), result_(result) {}
    void SAL_CALL actionPerformed(const awt::ActionEvent&) override { d_->endDialog(result_); }
    void SAL_CALL disposing(const lang::EventObject&) override {}
private:
    Reference<awt::XDialog2> d_;  // released with the dialog's controls
    sal_Int32 result_;
};

Reference<beans::XPropertySet> addControl(const Reference<lang::XMultiServiceFactory>& mf,
                                          const Reference<container::XNameContainer>& nc, const OUString& kind,
                                          const OUString& name, sal_Int32 x, sal_Int32 y, sal_Int32 w, sal_Int32 h) {
    Reference<beans::XPropertySet> m(mf->createInstance("com.sun.star.awt.UnoControl" + kind + "Model"), UNO_QUERY_THROW);
    m->setPropertyValue("PositionX", Any(x));
    m->setPropertyValue("PositionY", Any(y));
    m->setPropertyValue("Width", Any(w));
    m->setPropertyValue("Height", Any(h));
    nc->insertByName(name, Any(m));
    return m;
}

// Shows `text`, the bundled sets and the buttons; `index` gets the chosen set.
Choice chooseDialog(const Reference<XComponentContext>& ctx, const Reference<frame::XFrame>& frame,
                    const std::string& text, const std::vector<reportcheck::BundledRuleSet>& sets,
                    bool offerEmbed, size_t& index) {
    Reference<lang::XMultiComponentFactory> smgr = ctx->getServiceManager();
    Reference<beans::XPropertySet> dm(
        smgr->createInstanceWithContext("com.sun.star.awt.UnoControlDialogModel", ctx), UNO_QUERY_THROW);
    dm->setPropertyValue("Width", Any(sal_Int32(300)));
    dm->setPropertyValue("Height", Any(sal_Int32(262)));
    dm->setPropertyValue("Title", Any(line(msg::kTitle)));
    Reference<lang::XMultiServiceFactory> mf(dm, UNO_QUERY_THROW);
    Reference<container::XNameContainer> nc(dm, UNO_QUERY_THROW);
    auto label = addControl(mf, nc, "FixedText", "text", 6, 6, 288, 170);  // the long no-checks text
    label->setPropertyValue("MultiLine", Any(true));
    label->setPropertyValue("Label", Any(ou(text)));
    Sequence<OUString> items(static_cast<sal_Int32>(sets.size()));
    for (size_t i = 0; i < sets.size(); ++i)
        items.getArray()[i] = ou(sets[i].title.empty() ? sets[i].name : sets[i].name + " — " + sets[i].title);
    auto list = addControl(mf, nc, "ListBox", "sets", 6, 180, 288, 54);
    list->setPropertyValue("StringItemList", Any(items));
    if (!sets.empty()) list->setPropertyValue("SelectedItems", Any(Sequence<sal_Int16>{0}));
    auto use = addControl(mf, nc, "Button", "use", 6, 240, 90, 16);
    use->setPropertyValue("Label", Any(line(msg::kUseSet)));
    use->setPropertyValue("Enabled", Any(!sets.empty()));
    if (offerEmbed) addControl(mf, nc, "Button", "embed", 102, 240, 100, 16)->setPropertyValue(
        "Label", Any(line(msg::kEmbedFromFile)));
    addControl(mf, nc, "Button", "close", 244, 240, 50, 16)->setPropertyValue("Label", Any(line(msg::kClose)));

    Reference<awt::XControl> dlg(smgr->createInstanceWithContext("com.sun.star.awt.UnoControlDialog", ctx),
                                 UNO_QUERY_THROW);
    dlg->setModel(Reference<awt::XControlModel>(dm, UNO_QUERY_THROW));
    Reference<awt::XWindowPeer> parent(frame->getContainerWindow(), UNO_QUERY);
    dlg->createPeer(Reference<awt::XToolkit>(awt::Toolkit::create(ctx), UNO_QUERY_THROW), parent);
    Reference<awt::XDialog2> d(dlg, UNO_QUERY_THROW);
    Reference<awt::XControlContainer> cc(dlg, UNO_QUERY_THROW);
    auto onClick = [&](const char* name, Choice c) {
        Reference<awt::XButton> b(cc->getControl(OUString::createFromAscii(name)), UNO_QUERY);
        if (b.is()) b->addActionListener(new EndWith(d, static_cast<sal_Int32>(c)));
    };
    onClick("use", Choice::UseSet);
    onClick("embed", Choice::EmbedFile);
    onClick("close", Choice::Close);
    const sal_Int16 r = d->execute();
    Reference<awt::XListBox> lb(cc->getControl("sets"), UNO_QUERY);
    const sal_Int16 pos = lb.is() ? lb->getSelectedItemPos() : -1;
    Reference<lang::XComponent>(dlg, UNO_QUERY_THROW)->dispose();
    if (r == static_cast<sal_Int16>(Choice::UseSet) && pos >= 0 && static_cast<size_t>(pos) < sets.size()) {
        index = static_cast<size_t>(pos);
        return Choice::UseSet;
    }
    return r == static_cast<sal_Int16>(Choice::EmbedFile) ? Choice::EmbedFile : Choice::Close;
}

std::string setNames(const std::vector<reportcheck::BundledRuleSet>& sets) {
    std::string names;
    for (const auto& s : sets) names += (names.empty() ? "" : ", ") + s.name;
    return names.empty() ? "—" : names;
}

class Command {
public:
    Command(const Reference<XComponentContext>& ctx, const Reference<frame::XFrame>& frame, const Args& args)
        : ctx_(ctx), frame_(frame), args_(args) {
        refreshLanguage(ctx_);  // every text of this command in the UI language as it is now
    }

    Reference<sheet::XSpreadsheetDocument> document() {
        Reference<frame::XController> c = frame_.is() ? frame_->getController() : nullptr;
        Reference<frame::XModel> m = c.is() ? c->getModel() : nullptr;
        if (!m.is()) throw std::runtime_error(tr(msg::kNoDocument));
        Reference<sheet::XSpreadsheetDocument> doc(m, UNO_QUERY);
        if (!doc.is())
            throw std::runtime_error(tr(msg::kNotSpreadsheet));
        return doc;
    }

    void message(const std::string& text, bool error) {
        if (args_.silent || !frame_.is()) return;
        try {
            Reference<awt::XToolkit2> tk = awt::Toolkit::create(ctx_);
            Reference<awt::XMessageBoxFactory> f(tk, UNO_QUERY_THROW);
            Reference<awt::XWindowPeer> parent(frame_->getContainerWindow(), UNO_QUERY);
            Reference<awt::XMessageBox> box = f->createMessageBox(
                parent, error ? awt::MessageBoxType_ERRORBOX : awt::MessageBoxType_INFOBOX,
                awt::MessageBoxButtons::BUTTONS_OK, line(msg::kTitle), ou(text));
            box->execute();
        } catch (const Exception&) {
        }
    }

    // A bar for a step Undo can take back (its undo title) or for a note that stays.
    void stepBar(const Text& undoTitle, const std::string& vi, const std::string& en, sal_Int32 type) {
        showStep(frame_, line(undoTitle), vi, en, type);
    }
    void noteBar(const std::string& vi, const std::string& en, sal_Int32 type) { showNote(frame_, vi, en, type); }

    // Marks and the report sheet for one run, inside the caller's undo step.
    // `limits` gets every bound that cut the run or the marking short.
    MarkStats markAndReport(const Reference<sheet::XSpreadsheetDocument>& doc, const Run& run,
                            std::vector<Note>& limits, Progress* progress,
                            const std::vector<std::string>& headLines = {}) {
        auto t0 = std::chrono::steady_clock::now();
        Timings cleared;
        clearMarks(doc, false, &cleared);  // writeReportSheet replaces the report sheet: deleted once
        const double clearMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        MarkStats marks = applyMarks(doc, run.result);
        marks.clearMs = clearMs;
        for (const auto& [step, ms] : cleared.parts()) marks.timings.add(step, ms);
        if (progress) progress->set(line(msg::kWritingReport), 90);
        ReportInfo info;
        info.origin = run.rules.origin;
        info.notes = headLines;  // in the UI language, first: what the caller has to say about this run
        info.notes.insert(info.notes.end(), marks.notes.begin(), marks.notes.end());
        limits.insert(limits.end(), marks.limits.begin(), marks.limits.end());
        const size_t total = run.result.findings.size();
        if (total > static_cast<size_t>(kMaxReportFindings))
            limits.push_back(note(msg::kFindingsListed, {std::to_string(kMaxReportFindings), std::to_string(total)}));
        for (const Note& l : limits) info.notes.push_back(limitText(l));
        info.shownDecimals = &run.shownDecimals;
        info.timings = &marks.timings;
        t0 = std::chrono::steady_clock::now();
        writeReportSheet(doc, run.result, info);
        marks.reportMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        return marks;
    }

    // The info bar after a run: the counts, a bound that cut it short first.
    static Note resultBar(const Run& run, const std::vector<Note>& limits) {
        auto [vi, en] = summaryText(run.result);
        if (limits.empty())
            return Note{vi + " — xem trang \"ReportCheck\".", en + " — see sheet \"ReportCheck\"."};
        const Note l = limitNote(Note{clip(limits.front().vi, 300), clip(limits.front().en, 300)});
        return Note{l.vi + " — " + vi + " — xem trang \"ReportCheck\".", l.en + " — " + en + " — see sheet \"ReportCheck\"."};
    }

    std::string validate() {
        auto doc = document();
        Progress progress(ctx_, frame_);
        progress.start(line(msg::kRunning), 100);
        auto t0 = std::chrono::steady_clock::now();
        Prepared p;
        try {
            p = prepareRun(ctx_, doc, [&](int i, int n, const std::string& name) {
                std::string vi, en;
                fill(msg::kReading, {name}, vi, en);
                progress.step(ou(tr(vi, en)), n > 0 ? static_cast<sal_Int32>(60LL * i / n) : 0);
            });
        } catch (const NoRulesError& e) {
            progress.end();
            return noChecks(e);
        }
        // The rules read only the snapshot: they run off the main thread while
        // the window stays responsive and the bar moves.
        const auto r0 = std::chrono::steady_clock::now();
        progress.runResponsive([&p] { executeRun(p); }, line(msg::kRunning), 60, 70);
        p.run.info.timings.add("rules.wait",
                               std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - r0).count());
        return present(doc, p.run, progress, t0);
    }

    // Marks, report sheet and info bar for a run, as one undo step; the JSON answer.
    std::string present(const Reference<sheet::XSpreadsheetDocument>& doc, const Run& run, Progress& progress,
                        std::chrono::steady_clock::time_point t0) {
        progress.set(line(msg::kMarking), 70);
        MarkStats marks;
        std::vector<Note> limits = run.limits;  // every bound that cut this Validate short
        Timings present;
        Timings::Lap lap(&present);
        {
            ControllerLock lock(Reference<frame::XModel>(doc, UNO_QUERY));
            UndoStep undo(doc, line(msg::kMarkUndo));
            marks = markAndReport(doc, run, limits, &progress);
            lap("present.marks+report");
        }
        lap("present.unlock");  // the undo step closed, the controllers unlocked (what Calc deferred)
        progress.end();
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        auto [vi, en] = summaryText(run.result);
        const Note bar = resultBar(run, limits);
        stepBar(msg::kMarkUndo, "ReportCheck: " + bar.vi, "ReportCheck: " + bar.en,
                run.result.clean() && limits.empty() ? frame::InfobarType::SUCCESS : frame::InfobarType::WARNING);
        lap("present.bar");
        for (const auto& [step, ms] : present.parts()) marks.timings.add(step, ms);
        Json j;
        j.add("command", "Validate").add("ok", true).add("errors", run.result.errors())
            .add("warnings", run.result.warnings()).add("infos", run.result.infos())
            .add("findings", static_cast<int>(run.result.findings.size()))
            .add("rulesRun", run.result.rulesRun).add("rulesFailed", run.result.rulesFailed)
            .add("cellsMarked", marks.cellsMarked).add("suspectsMarked", marks.suspectsMarked)
            .add("commentsAdded", marks.commentsAdded).add("withoutComment", marks.withoutComment)
            .add("keptUserComments", marks.keptUserComments)
            .add("protectedSheets", static_cast<int>(marks.protectedSheets.size()))
            .add("origin", run.rules.origin).add("originKind", run.rules.originKind)
            .add("cells", run.info.cells).add("snapshotMs", run.snapshotMs).add("runMs", run.runMs)
            .add("clearMs", marks.clearMs).add("marksMs", marks.ms)
            .add("commentsMs", marks.commentsMs).add("reportMs", marks.reportMs).add("totalMs", ms).add("summaryVi", vi).add("summaryEn", en);
        std::string limitsJson = "[";
        for (const Note& l : limits) limitsJson += (limitsJson.size() > 1 ? "," : "") + jsonString(limitText(l));
        j.raw("limits", limitsJson + "]");
        {  // where the time went, step by step (scripts/bench_calc.py prints it)
            Json parts;
            for (const auto& [step, ms] : run.info.timings.parts()) parts.add(step.c_str(), ms);
            for (const auto& [step, ms] : marks.timings.parts()) parts.add(step.c_str(), ms);
            j.raw("parts", parts.str());
        }
        // The list for callers is bounded like the report sheet.
        std::string list = "[";
        const size_t listed = std::min(run.result.findings.size(), static_cast<size_t>(kMaxReportFindings));
        for (size_t i = 0; i < listed; ++i) {
            const auto& f = run.result.findings[i];
            Json fj;
            fj.add("rule", f.ruleId).add("severity", reportcheck::severityName(f.severity))
                .add("kind", reportcheck::findingKindName(f.kind)).add("sheet", f.sheet).add("cell", f.cell())
                .add("messageVi", clip(f.message.vi));
            if (!f.suspects.cells.empty())  // the most likely wrong cell (docs/LOCALISATION.md)
                fj.add("suspectSheet", f.suspects.cells.front().sheet).add("suspect", f.suspects.cells.front().cell());
            list += (list.size() > 1 ? "," : "") + fj.str();
        }
        j.raw("findingsList", list + "]");
        return j.str();
    }

    // Validate with nothing to check against: say so, and offer the ways to
    // give the workbook checks (never the bundled rules of another report).
    std::string noChecks(const NoRulesError& e) {
        const auto sets = bundledSets(ctx_);
        Note n = note(msg::kNoChecks, {setNames(sets)});
        if (!e.set.empty()) {
            const Note unknown = note(msg::kUnknownSet, {clip(e.set, 200)});
            n = Note{unknown.vi + ". " + n.vi, unknown.en + ". " + n.en};
        }
        noteBar(std::string("ReportCheck: ") + msg::kNoChecksYet.vi +
                    " — ReportCheck > Dùng bộ quy tắc có sẵn… hoặc Nhúng quy tắc từ tệp…",
                std::string("ReportCheck: ") + msg::kNoChecksYet.en +
                    " — ReportCheck > Use a bundled rule set… or Embed checks from a file…",
                frame::InfobarType::WARNING);
        Json j;
        j.add("command", "Validate").add("ok", true).add("noRules", true).add("origin", "").add("originKind", "")
            .add("errors", 0).add("warnings", 0).add("findings", 0).add("rulesRun", 0).add("rulesFailed", 0)
            .add("cellsMarked", 0)
            .add("unknownSet", e.set).add("messageVi", n.vi).add("messageEn", n.en);
        std::string list = "[";
        for (const auto& s : sets) list += (list.size() > 1 ? "," : "") + jsonString(s.name);
        j.raw("bundledSets", list + "]");
        if (args_.silent || !frame_.is()) return j.str();
        size_t index = 0;
        switch (chooseDialog(ctx_, frame_, n.line(), sets, true, index)) {
        case Choice::UseSet:
            applyRuleSet(sets[index].name, sets);
            return validate();  // what the user asked for in the first place
        case Choice::EmbedFile: {
            std::string embedded = embedFile();
            if (embeddedRulesText(document()).empty()) return embedded;  // the file picker was cancelled
            return validate();
        }
        case Choice::Close: break;
        }
        return j.str();
    }

    // Name the bundled set the workbook was written for. A document property
    // rather than a copy of the set's text: one small, visible choice
    // (File > Properties > Custom Properties) that the command line honours
    // too, and the workbook keeps following the set as the extension updates
    // it. To carry the rules themselves, Embed does that.
    std::string useRuleSet() {
        const auto sets = bundledSets(ctx_);
        if (sets.empty()) throw std::runtime_error(note(msg::kNoBundledSets, {}).line());
        if (!args_.name.empty()) return applyRuleSet(args_.name, sets);
        if (args_.silent || !frame_.is()) throw std::runtime_error(note(msg::kNeedSetName, {setNames(sets)}).line());
        size_t index = 0;
        if (chooseDialog(ctx_, frame_, tr(msg::kChooseSet), sets, false,
                         index) != Choice::UseSet)
            return Json().add("command", "UseRuleSet").add("ok", false).add("cancelled", true).str();
        return applyRuleSet(sets[index].name, sets);
    }

    std::string applyRuleSet(const std::string& asked, const std::vector<reportcheck::BundledRuleSet>& sets) {
        auto doc = document();
        // The same trimming as chooseRules applies to a name read back from the workbook.
        reportcheck::RulesOffer offer;
        offer.userSet = asked;
        for (const auto& s : sets) offer.bundledSets.push_back(s.name);
        const reportcheck::RulesChoice choice = reportcheck::chooseRules(offer);
        if (choice.source != reportcheck::RulesSource::BundledSet) throw NoRulesError(asked);
        setWorkbookRuleSet(doc, choice.set);
        liveRulesChanged(doc);
        LoadedRules lr = loadRules(ctx_, doc);  // what Validate will now run
        Note n = note(msg::kSetChosen, {choice.set, std::to_string(lr.rules->size())});
        if (lr.originKind == "embedded") {
            const Note w = note(msg::kEmbeddedStillWin, {choice.set});
            n = Note{n.vi + " " + w.vi, n.en + " " + w.en};
        }
        noteBar("ReportCheck: " + n.vi, "ReportCheck: " + n.en, frame::InfobarType::INFO);
        message(n.line(), false);
        return Json().add("command", "UseRuleSet").add("ok", true).add("set", choice.set)
            .add("rules", static_cast<int>(lr.rules->size())).add("origin", lr.origin)
            .add("originKind", lr.originKind).add("messageVi", n.vi).add("messageEn", n.en).str();
    }

    // Writes the derived values. When the workbook carries marks of an earlier
    // Validate, the rules run again on what was written and the marks and the
    // report follow, in the same undo step: a corrected cell must not stay red
    // with its old value in the comment.
    std::string recomputeCmd() {
        auto doc = document();
        Run run = runRules(ctx_, doc);
        RecomputeStats st;
        const bool wasValidated = !userProperty(doc, kMarksProperty).empty() || !reportSheetNames(doc).empty();
        bool revalidated = false;
        Run after;
        std::vector<Note> limits;
        std::vector<size_t> broken;  // indices into after.result.findings: checks the rewrite broke
        Note brokeNote;              // what they are, for the bar
        std::vector<std::string> headLines;  // and for the report sheet's header
        {
            ControllerLock lock(Reference<frame::XModel>(doc, UNO_QUERY));
            UndoStep undo(doc, line(msg::kRecomputeUndo));
            st = recompute(doc, run);
            if (st.written > 0) {
                // The rules again on what was written: a check that held before
                // and fails now was broken by the rewrite (a share recomputed
                // from a wrong count breaks "shares add to 100").
                after = runRules(ctx_, doc);
                broken = reportcheck::newlyFailing(run.result, after.result);
                if (!broken.empty()) {
                    std::string list;
                    for (size_t i = 0; i < broken.size() && i < 10; ++i) {
                        const auto& f = after.result.findings[broken[i]];
                        // in the table's words, as its finding says it ("Toàn tỉnh, Dân số"), not the rule's id
                        const std::string place = reportcheck::findingPlace(f, english() ? "en" : "vi");
                        list += (i ? ", " : "") + f.sheet + "!" + f.cell() +
                                (place.empty() || place.find(f.cell()) != std::string::npos ? "" : " (" + place + ")");
                    }
                    if (broken.size() > 10) list += ", …";
                    brokeNote = note(msg::kRecomputeBroke,
                                     {std::to_string(st.written), std::to_string(broken.size()), clip(list, 500)});
                    // the report sheet and the comments say which findings the rewrite made
                    for (size_t i : broken) {
                        auto& f = after.result.findings[i];
                        f.message.vi = msg::kBrokenByRecompute.vi + f.message.vi;
                        f.message.en = msg::kBrokenByRecompute.en + f.message.en;
                    }
                    headLines.push_back(
                        note(msg::kRecomputeBrokeLine, {std::to_string(broken.size()), clip(list, 500)}).line());
                }
                if (wasValidated) {
                    limits = after.limits;
                    markAndReport(doc, after, limits, nullptr, headLines);
                    revalidated = true;
                }
            }
        }
        const Note summary = note(msg::kRecomputeSummary, {std::to_string(st.written), std::to_string(st.unchanged),
                                                           std::to_string(st.skippedFormula)});
        std::string vi = summary.vi, en = summary.en;
        if (st.keptForInput > 0) {  // which input to check instead
            std::string list;
            for (size_t i = 0; i < st.inputsToCheck.size() && i < 10; ++i) list += (i ? ", " : "") + st.inputsToCheck[i];
            if (st.inputsToCheck.size() > 10) list += ", …";
            const Note kept = note(msg::kRecomputeKept, {std::to_string(st.keptForInput), clip(list, 500)});
            vi += "; " + kept.vi;
            en += "; " + kept.en;
        }
        std::string barVi = broken.empty() ? vi : brokeNote.vi, barEn = broken.empty() ? en : brokeNote.en;
        if (revalidated) {
            const Note bar = resultBar(after, limits);
            barVi += "; kiểm tra lại: " + bar.vi;
            barEn += "; checked again: " + bar.en;
        }
        stepBar(msg::kRecomputeUndo, "ReportCheck: " + barVi, "ReportCheck: " + barEn,
                broken.empty() ? frame::InfobarType::INFO : frame::InfobarType::WARNING);
        Json j;
        j.add("command", "Recompute").add("ok", true).add("written", st.written).add("unchanged", st.unchanged)
            .add("skippedFormula", st.skippedFormula).add("skippedProtected", st.skippedProtected)
            .add("missingSheet", st.missingSheet).add("derived", static_cast<int>(run.result.derived.size()))
            .add("keptForInput", st.keptForInput).add("revalidated", revalidated)
            .add("errorsAfter", revalidated ? after.result.errors() : -1)
            .add("summaryVi", vi).add("summaryEn", en)
            .add("warningVi", brokeNote.vi).add("warningEn", brokeNote.en).add("warning", brokeNote.line());
        std::string inputs = "[";
        for (const auto& c : st.inputsToCheck) inputs += (inputs.size() > 1 ? "," : "") + jsonString(c);
        j.raw("inputsToCheck", inputs + "]");
        // the checks that held before Recompute and fail after it (bounded like the bar's list)
        std::string brokenJson = "[";
        for (size_t k = 0; k < broken.size() && k < static_cast<size_t>(kMaxReportFindings); ++k) {
            const auto& f = after.result.findings[broken[k]];
            Json bj;
            bj.add("rule", f.ruleId).add("severity", reportcheck::severityName(f.severity))
                .add("kind", reportcheck::findingKindName(f.kind)).add("sheet", f.sheet).add("cell", f.cell())
                .add("messageVi", clip(f.message.vi)).add("messageEn", clip(f.message.en));
            brokenJson += (brokenJson.size() > 1 ? "," : "") + bj.str();
        }
        j.raw("newlyBroken", brokenJson + "]");
        return j.str();
    }

    std::string clear() {
        auto doc = document();
        int n;
        {
            // One undo step, like Validate: Ctrl+Z brings the marks back at once.
            ControllerLock lock(Reference<frame::XModel>(doc, UNO_QUERY));
            UndoStep undo(doc, line(msg::kClearUndo));
            n = clearMarks(doc);
        }
        stepBar(msg::kClearUndo, "", "", 0);
        Json j;
        j.add("command", "ClearMarks").add("ok", true).add("restored", n);
        return j.str();
    }

    std::string embedText(const std::string& text, const std::string& source) {
        auto doc = document();
        auto rs = compileUntrusted(text);  // refuse rules that would not load
        int chunks = embedRules(doc, text);
        liveRulesChanged(doc);
        const Note said = note(msg::kEmbedded, {std::to_string(rs->size()), numberVi(static_cast<double>(text.size()), 0),
                                                numberEn(static_cast<double>(text.size()), 0), std::to_string(chunks), source});
        const std::string& vi = said.vi;
        const std::string& en = said.en;
        noteBar("ReportCheck: " + vi, "ReportCheck: " + en, frame::InfobarType::INFO);
        Json j;
        j.add("command", "Embed").add("ok", true).add("rules", static_cast<int>(rs->size()))
            .add("bytes", static_cast<int>(text.size())).add("chunks", chunks).add("source", source)
            .add("messageVi", vi).add("messageEn", en);
        return j.str();
    }

    // Embed a bundled set's text: the one named, or the only one shipped.
    std::string embedBundled() {
        const auto sets = bundledSets(ctx_);
        if (sets.empty()) throw std::runtime_error(note(msg::kNoBundledSets, {}).line());
        if (args_.name.empty() && sets.size() > 1)
            throw std::runtime_error(note(msg::kNeedSetName, {setNames(sets)}).line());
        const std::string name = args_.name.empty() ? sets.front().name : args_.name;
        for (const auto& s : sets)
            if (s.name == name) return embedText(readRulesFileInlined(s.path), "bundled:" + s.name);
        throw NoRulesError(name);
    }

    std::string embedFile() {
        std::string path = args_.path;
        if (path.empty()) {
            if (args_.silent || !frame_.is()) throw std::runtime_error(note(msg::kNeedPath, {}).line());
            path = askOpenPath(ctx_, startFolder(frame_));
            if (path.empty()) return Json().add("command", "EmbedFile").add("ok", false).add("cancelled", true).str();
        }
        return embedText(readRulesFileInlined(path), path);
    }

    // The embedded rules in a viewer: a readable list (id, severity, sheet and
    // rows, what it checks) and the text itself, scrollable and copyable, with
    // an export button. Silent callers get the same as JSON.
    std::string showEmbedded() {
        auto doc = document();
        auto props = embeddedRuleProperties(doc);  // read once: the text and its version
        const std::string text = props.empty() ? std::string() : reportcheck::embedding::fromProperties(props);
        Json j;
        j.add("command", "ShowEmbedded").add("ok", true);
        if (text.empty()) {
            message(tr("Bảng tính này không có quy tắc nhúng.", "This workbook has no embedded rules."), false);
            j.add("embedded", false);
            return j.str();
        }
        auto rs = compileUntrusted(text);
        const std::vector<RuleLine> rules = listRules(text);
        const std::string heading = tr("Bảng tính có " + std::to_string(rs->size()) + " quy tắc nhúng (" +
                                           numberVi(static_cast<double>(text.size()), 0) + " byte).",
                                       "The workbook embeds " + std::to_string(rs->size()) + " rules (" +
                                           numberEn(static_cast<double>(text.size()), 0) + " bytes).");
        bool exported = false;
        if (!args_.silent && frame_.is() &&
            showRulesDialog(ctx_, frame_, heading, rules, text) == ViewerResult::Export) {
            exported = !exportText(text).empty();
        }
        j.add("embedded", true).add("rules", static_cast<int>(rs->size())).add("bytes", static_cast<int>(text.size()))
            .add("version", props[reportcheck::embedding::kVersion]).add("text", text).add("exported", exported);
        std::string idsJson = "[";
        for (const auto& id : rs->ruleIds()) idsJson += (idsJson.size() > 1 ? "," : "") + jsonString(id);
        j.raw("ruleIds", idsJson + "]");
        std::string list = "[";
        for (const auto& r : rules)
            list += (list.size() > 1 ? "," : "") +
                    Json().add("id", r.id).add("kind", r.kind).add("severity", r.severity).add("sheet", r.sheet)
                        .add("where", r.where).add("what", r.what).add("line", r.line).add("text", ruleLineText(r))
                        .str();
        j.raw("list", list + "]");
        return j.str();
    }

    // Writes `text` to the Path argument or where the user picks; returns the path ("" when cancelled).
    std::string exportText(const std::string& text, const std::string& suggested = "quy-tac-nhung.rules") {
        std::string path = args_.path;
        if (path.empty()) {
            if (args_.silent || !frame_.is()) throw std::runtime_error(note(msg::kNeedPath, {}).line());
            path = askSavePath(ctx_, startFolder(frame_), suggested);
            if (path.empty()) return {};
        }
        writeTextFile(path, text);
        return path;
    }

    std::string exportEmbedded() {
        auto doc = document();
        const std::string text = embeddedRulesText(doc);
        if (text.empty()) throw std::runtime_error(note(msg::kNoEmbedded, {}).line());
        const std::string path = exportText(text);
        Json j;
        j.add("command", "ExportEmbedded").add("ok", !path.empty()).add("cancelled", path.empty()).add("path", path)
            .add("bytes", static_cast<int>(text.size()));
        if (!path.empty()) {
            const Note n = note(msg::kExported, {numberVi(static_cast<double>(text.size()), 0),
                                                 numberEn(static_cast<double>(text.size()), 0), path});
            noteBar("ReportCheck: " + n.vi, "ReportCheck: " + n.en, frame::InfobarType::INFO);
        }
        return j.str();
    }

    // Draft rules from the arithmetic the workbook shows (the engine's
    // suggest, as `reportcheck suggest` runs it), shown for review; then
    // validate with the draft at once, embed it, or save it. Silent callers
    // choose with Action=validate|embed|save (save needs Path).
    std::string suggest() {
        auto doc = document();
        SnapshotInfo info;
        reportcheck::Workbook wb = snapshot(doc, &info);
        reportcheck::FileSuggestions fs;
        fs.path = documentName();
        fs.sheets = reportcheck::suggestRelations(wb);
        std::string draft = reportcheck::suggestionsRules(wb, fs);
        int relations = 0, failing = 0;
        for (const auto& sh : fs.sheets)
            for (const auto& r : sh.relations) {
                ++relations;
                if (!r.holds) ++failing;
            }
        std::shared_ptr<const reportcheck::RuleSet> rs = compileUntrusted(draft);
        DraftChoice choice = args_.action == "validate" ? DraftChoice::Validate
                             : args_.action == "embed"  ? DraftChoice::Embed
                             : args_.action == "save"   ? DraftChoice::Save
                                                        : DraftChoice::Close;
        if (!args_.silent && frame_.is()) {
            const Note n = note(msg::kSuggested, {std::to_string(rs->size()), std::to_string(relations),
                                                  std::to_string(failing)});
            choice = showDraftDialog(ctx_, frame_, n.line(), draft);
            if (choice != DraftChoice::Close) rs = compileUntrusted(draft);  // what the user left in the box
        }
        Json j;
        j.add("command", "Suggest").add("ok", true).add("rules", static_cast<int>(rs->size()))
            .add("relations", relations).add("failingRelations", failing).add("draft", draft);
        switch (choice) {
        case DraftChoice::Validate: {
            Prepared p;
            p.run.rules = LoadedRules{rs, "suggested", "suggested"};
            p.run.info = info;
            p.workbook = std::move(wb);
            executeRun(p);
            Progress progress(ctx_, frame_);
            progress.start(line(msg::kRunning), 100);
            j.raw("validate", present(doc, p.run, progress, std::chrono::steady_clock::now()));
            break;
        }
        case DraftChoice::Embed: j.raw("embed", embedText(draft, "suggested")); break;
        case DraftChoice::Save: j.add("path", exportText(draft, "quy-tac-de-xuat.rules")); break;
        case DraftChoice::Close: break;
        }
        return j.str();
    }

    std::string documentName() {
        Reference<frame::XModel> m(document(), UNO_QUERY);
        const OUString url = m.is() ? m->getURL() : OUString();
        if (url.isEmpty()) {
            Reference<frame::XTitle> t(m, UNO_QUERY);
            return t.is() ? u8(t->getTitle()) : std::string();
        }
        OUString sys;
        osl::FileBase::getSystemPathFromFileURL(url, sys);
        return u8(sys);
    }

    std::string removeEmbedded() {
        auto doc = document();
        bool had = removeEmbeddedRules(doc);
        liveRulesChanged(doc);
        return Json().add("command", "RemoveEmbedded").add("ok", true).add("removed", had).str();
    }

    std::string about() {
        std::string origin, kind, error;
        int rules = 0;
        long liveRuns = 0;
        try {
            Reference<sheet::XSpreadsheetDocument> doc;
            try {
                doc = document();
            } catch (const std::exception&) {
            }
            if (doc.is()) liveRuns = liveRunCount(doc);
            LoadedRules lr = loadRules(ctx_, doc);
            origin = lr.origin;
            kind = lr.originKind;
            rules = static_cast<int>(lr.rules->size());
        } catch (...) {
            error = describeCurrentException();
        }
        const std::string bundled = setNames(bundledSets(ctx_));
        // Where the rules come from in the user's terms: a bundled set by its
        // name (never the extension's install path), a file the user named by its path.
        std::string kindVi = kind == "embedded" ? "nhúng trong bảng tính" : kind == "file" ? "tệp" : kind == "bundled" ? "bộ kèm theo" : "chưa có";
        std::string kindEn = kind == "embedded" ? "embedded in the workbook" : kind == "file" ? "file" : kind == "bundled" ? "bundled set" : "none";
        std::string shown = kind == "file" ? " " + origin
                            : kind == "bundled" ? " \"" + origin.substr(origin.find(':') + 1) + "\"" : "";
        std::string text = std::string("ReportCheck ") + REPORTCHECK_VERSION + "\n" +
                           tr("Kiểm tra các biểu thống kê của báo cáo.\n\nQuy tắc đang dùng: " + kindVi + shown + " (" +
                                  std::to_string(rules) + " quy tắc)\nBộ quy tắc kèm theo: " + bundled,
                              "Checks the statistics tables of a report.\n\nRules in use: " + kindEn + shown + " (" +
                                  std::to_string(rules) + " rules)\nBundled rule sets: " + bundled) +
                           (error.empty() ? "" : "\n\n" + error);
        message(text, false);
        Json j;
        j.add("command", "About").add("ok", true).add("version", REPORTCHECK_VERSION).add("origin", origin)
            .add("originKind", kind).add("rules", rules).add("bundledSets", bundled).add("error", error)
            .add("liveRuns", liveRuns)
            .add("text", text);
        return j.str();
    }

    std::string run(const std::string& cmd);

    std::string feedback() {
        const ProgressStats p = lastProgress();
        return Json().add("command", "Feedback").add("ok", true).add("bar", currentBar(frame_))
            .add("progressStarted", p.started).add("progressEnded", p.ended).add("progressUpdates", p.updates)
            .add("progressMainThread", p.mainThread).add("longestBusyMs", p.longestBusyMs)
            .add("pumps", p.pumps).str();
    }

private:
    Reference<XComponentContext> ctx_;
    Reference<frame::XFrame> frame_;
    Args args_;
};

// What a command does is its row in this table: org.reportcheck.calc:<name>.
struct CommandEntry {
    const char* name;
    std::string (Command::*action)();
};
const CommandEntry kCommands[] = {
    {"Validate", &Command::validate},
    {"Recompute", &Command::recomputeCmd},
    {"ClearMarks", &Command::clear},
    {"Suggest", &Command::suggest},
    {"UseRuleSet", &Command::useRuleSet},
    {"EmbedBundled", &Command::embedBundled},
    {"EmbedFile", &Command::embedFile},
    {"ShowEmbedded", &Command::showEmbedded},
    {"ExportEmbedded", &Command::exportEmbedded},
    {"RemoveEmbedded", &Command::removeEmbedded},
    {"About", &Command::about},
    // What our info bar says now (the info bar API has no getter): for tests and macros.
    {"Feedback", &Command::feedback},
};

// A command that is working lets the window process events (Progress::
// runResponsive): a second command clicked meanwhile must not change the
// document under the first one. Only the ones that just look may run.
std::atomic<bool> g_busy{false};

std::string Command::run(const std::string& cmd) {
    const bool looks = cmd == "Feedback" || cmd == "About";
    if (!looks && g_busy.exchange(true))
        throw std::runtime_error(tr("ReportCheck đang làm một lệnh khác: chờ lệnh đó xong.",
                                    "ReportCheck is busy with another command: wait until it is done."));
    struct Release {
        bool own;
        ~Release() { if (own) g_busy = false; }
    } release{!looks};
    for (const CommandEntry& e : kCommands)
        if (cmd == e.name) return (this->*e.action)();
    throw std::runtime_error(tr("Lệnh không rõ: ", "Unknown command: ") + clip(cmd, 200));
}

}  // namespace

Reference<frame::XDispatch> CommandHandler::queryDispatch(const util::URL& url, const OUString&, sal_Int32) {
    if (url.Complete.startsWith(OUString::createFromAscii(kProtocol))) return this;
    return {};
}

Sequence<Reference<frame::XDispatch>> CommandHandler::queryDispatches(const Sequence<frame::DispatchDescriptor>& r) {
    Sequence<Reference<frame::XDispatch>> out(r.getLength());
    for (sal_Int32 i = 0; i < r.getLength(); ++i)
        out.getArray()[i] = queryDispatch(r[i].FeatureURL, r[i].FrameName, r[i].SearchFlags);
    return out;
}

void CommandHandler::initialize(const Sequence<Any>& args) {
    for (const Any& a : args) {
        Reference<frame::XFrame> f(a, UNO_QUERY);
        if (f.is()) frame_ = f;
    }
}

void CommandHandler::addStatusListener(const Reference<frame::XStatusListener>& l, const util::URL& url) {
    if (!l.is()) return;
    frame::FeatureStateEvent ev;
    ev.Source = static_cast<cppu::OWeakObject*>(this);
    ev.FeatureURL = url;
    ev.IsEnabled = true;
    ev.Requery = false;
    l->statusChanged(ev);
}

void CommandHandler::dispatch(const util::URL& url, const Sequence<beans::PropertyValue>& args) {
    dispatchWithNotification(url, args, nullptr);
}

void CommandHandler::dispatchWithNotification(const util::URL& url, const Sequence<beans::PropertyValue>& args,
                                              const Reference<frame::XDispatchResultListener>& listener) {
    OUString rest = url.Complete.copy(OUString::createFromAscii(kProtocol).getLength());
    OUString cmd = rest, query;
    sal_Int32 q = rest.indexOf('?');
    if (q >= 0) {
        cmd = rest.copy(0, q);
        query = rest.copy(q + 1);
    }
    frame::DispatchResultEvent ev;
    ev.Source = static_cast<cppu::OWeakObject*>(this);
    std::string name;
    try {
        name = u8(cmd);
        Command command(ctx_, frame_, parseArgs(query, args));
        try {
            std::string result = command.run(name);
            ev.State = frame::DispatchResultState::SUCCESS;
            ev.Result <<= ou(result);
        } catch (...) {
            // Every exception stops here: shown to the user, returned to the caller.
            std::string text = describeCurrentException();
            command.message(text, true);
            ev.State = frame::DispatchResultState::FAILURE;
            ev.Result <<= ou(Json().add("command", name).add("ok", false).add("error", text).str());
        }
    } catch (...) {
        // Reporting the failure failed too (out of memory): a fixed answer, no crash.
        ev.State = frame::DispatchResultState::FAILURE;
        ev.Result <<= OUString("{\"ok\": false, \"error\": \"Unexpected error\"}");
    }
    if (listener.is()) {
        try {
            listener->dispatchFinished(ev);
        } catch (...) {
        }
    }
}

}  // namespace rcext
