#include "feedback.hxx"

#include <map>
#include <mutex>
#include <vector>

#include <com/sun/star/beans/StringPair.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/container/XNamed.hpp>
#include <com/sun/star/document/XUndoManager.hpp>
#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/frame/XDispatch.hpp>
#include <com/sun/star/frame/XDispatchProviderInterception.hpp>
#include <com/sun/star/frame/XDispatchProviderInterceptor.hpp>
#include <com/sun/star/frame/XInfobarProvider.hpp>
#include <com/sun/star/frame/XInterceptorInfo.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/lang/XEventListener.hpp>
#include <com/sun/star/sheet/XCellRangeAddressable.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/sheet/XSpreadsheetView.hpp>
#include <com/sun/star/table/XCellRange.hpp>
#include <com/sun/star/view/XSelectionSupplier.hpp>
#include <cppuhelper/implbase1.hxx>
#include <cppuhelper/implbase3.hxx>
#include <rtl/ref.hxx>

#include "strings.hxx"

using namespace css;
using namespace css::uno;

namespace rcext {

namespace {

constexpr const char* kBarId = "reportcheck";

struct Bar {
    OUString undoTitle;  // empty: not an undo step
    std::string vi, en;
    sal_Int32 type = 0;
};

void display(const Reference<frame::XFrame>& frame, const Bar* bar) {
    if (!frame.is()) return;
    try {
        Reference<frame::XInfobarProvider> ib(frame->getController(), UNO_QUERY);
        if (!ib.is()) return;
        const OUString id = OUString::createFromAscii(kBarId);
        if (ib->hasInfobar(id)) ib->removeInfobar(id);
        // One language, the UI's: the bar's text, no second line in the other language.
        if (bar && !bar->vi.empty())
            ib->appendInfobar(id, ou(tr(bar->vi, bar->en)), OUString(), bar->type, Sequence<beans::StringPair>(), true);
    } catch (const Exception&) {
    }
}

// The sheet and selection of a view, by name and address: after Undo the
// objects behind them may be gone.
struct ViewState {
    OUString sheet;
    table::CellRangeAddress range{};
    bool hasRange = false;
};

ViewState saveView(const Reference<frame::XController>& c) {
    ViewState v;
    try {
        Reference<sheet::XSpreadsheetView> sv(c, UNO_QUERY);
        if (!sv.is()) return v;
        Reference<container::XNamed> named(sv->getActiveSheet(), UNO_QUERY);
        if (named.is()) v.sheet = named->getName();
        Reference<view::XSelectionSupplier> ss(c, UNO_QUERY);
        Reference<sheet::XCellRangeAddressable> ra(ss.is() ? ss->getSelection() : Any(), UNO_QUERY);
        if (ra.is()) {
            v.range = ra->getRangeAddress();
            v.hasRange = true;
        }
    } catch (const Exception&) {
    }
    return v;
}

void restoreView(const Reference<frame::XController>& c, const ViewState& v) {
    try {
        Reference<sheet::XSpreadsheetView> sv(c, UNO_QUERY);
        Reference<sheet::XSpreadsheetDocument> doc(c.is() ? c->getModel() : nullptr, UNO_QUERY);
        if (!sv.is() || !doc.is() || v.sheet.isEmpty()) return;
        Reference<container::XNameAccess> sheets(doc->getSheets(), UNO_QUERY_THROW);
        if (!sheets->hasByName(v.sheet)) return;  // the user's sheet went with the undo: Calc's choice stands
        Reference<sheet::XSpreadsheet> sh(sheets->getByName(v.sheet), UNO_QUERY_THROW);
        sv->setActiveSheet(sh);
        if (!v.hasRange) return;
        Reference<table::XCellRange> r = sh->getCellRangeByPosition(v.range.StartColumn, v.range.StartRow,
                                                                    v.range.EndColumn, v.range.EndRow);
        Reference<view::XSelectionSupplier>(c, UNO_QUERY_THROW)->select(Any(r));
    } catch (const Exception&) {
    }
}

class FrameFeedback;

// Wraps Calc's own .uno:Undo / .uno:Redo dispatch for one frame.
class UndoDispatch : public cppu::WeakImplHelper1<frame::XDispatch> {
public:
    UndoDispatch(const rtl::Reference<FrameFeedback>& owner, const Reference<frame::XDispatch>& inner, bool redo)
        : owner_(owner), inner_(inner), redo_(redo) {}
    void SAL_CALL dispatch(const util::URL& url, const Sequence<beans::PropertyValue>& args) override;
    void SAL_CALL addStatusListener(const Reference<frame::XStatusListener>& l, const util::URL& url) override {
        inner_->addStatusListener(l, url);  // enabled state and "Undo: …" title stay Calc's
    }
    void SAL_CALL removeStatusListener(const Reference<frame::XStatusListener>& l, const util::URL& url) override {
        inner_->removeStatusListener(l, url);
    }

private:
    rtl::Reference<FrameFeedback> owner_;
    Reference<frame::XDispatch> inner_;
    bool redo_;
};

class FrameFeedback
    : public cppu::WeakImplHelper3<frame::XDispatchProviderInterceptor, frame::XInterceptorInfo, lang::XEventListener> {
public:
    explicit FrameFeedback(const Reference<frame::XFrame>& frame) : frame_(frame) {}

    // XDispatchProvider
    Reference<frame::XDispatch> SAL_CALL queryDispatch(const util::URL& url, const OUString& target,
                                                      sal_Int32 flags) override {
        Reference<frame::XDispatch> inner = slave_.is() ? slave_->queryDispatch(url, target, flags) : nullptr;
        if (!inner.is()) return inner;
        if (url.Complete == ".uno:Undo") return new UndoDispatch(this, inner, false);
        if (url.Complete == ".uno:Redo") return new UndoDispatch(this, inner, true);
        return inner;
    }
    Sequence<Reference<frame::XDispatch>> SAL_CALL queryDispatches(
        const Sequence<frame::DispatchDescriptor>& r) override {
        Sequence<Reference<frame::XDispatch>> out(r.getLength());
        for (sal_Int32 i = 0; i < r.getLength(); ++i)
            out.getArray()[i] = queryDispatch(r[i].FeatureURL, r[i].FrameName, r[i].SearchFlags);
        return out;
    }
    // XDispatchProviderInterceptor
    Reference<frame::XDispatchProvider> SAL_CALL getSlaveDispatchProvider() override { return slave_; }
    void SAL_CALL setSlaveDispatchProvider(const Reference<frame::XDispatchProvider>& p) override { slave_ = p; }
    Reference<frame::XDispatchProvider> SAL_CALL getMasterDispatchProvider() override { return master_; }
    void SAL_CALL setMasterDispatchProvider(const Reference<frame::XDispatchProvider>& p) override { master_ = p; }
    // XInterceptorInfo: only these two reach us.
    Sequence<OUString> SAL_CALL getInterceptedURLs() override {
        Sequence<OUString> s(2);
        s.getArray()[0] = ".uno:Undo";
        s.getArray()[1] = ".uno:Redo";
        return s;
    }
    // XEventListener: the frame closes.
    void SAL_CALL disposing(const lang::EventObject&) override;

    // The bar stack is changed from a command (any thread) and from Undo (the
    // main thread); the bar is shown outside the lock (UNO takes the SolarMutex).
    void push(const Bar& b) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            undone_.clear();  // a new step: what was undone can no longer be redone
            bars_.push_back(b);
            if (bars_.size() > 64) bars_.erase(bars_.begin());  // Calc keeps 100 undo steps; ours are a few
            current_ = b;
        }
        display(frame(), &b);
    }
    void note(const Bar& b) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            current_ = b;
        }
        display(frame(), &b);
    }
    std::string current() {
        std::lock_guard<std::mutex> lock(mutex_);
        return current_.vi.empty() ? std::string() : tr(current_.vi, current_.en);
    }

    // Called around Calc's undo / redo.
    OUString nextTitle(bool redo) {
        try {
            Reference<frame::XFrame> f = frame();
            Reference<frame::XController> c = f.is() ? f->getController() : nullptr;
            Reference<document::XUndoManagerSupplier> us(c.is() ? c->getModel() : nullptr, UNO_QUERY);
            Reference<document::XUndoManager> um = us.is() ? us->getUndoManager() : nullptr;
            if (!um.is()) return {};
            if (redo) return um->isRedoPossible() ? um->getCurrentRedoActionTitle() : OUString();
            return um->isUndoPossible() ? um->getCurrentUndoActionTitle() : OUString();
        } catch (const Exception&) {
            return {};
        }
    }
    bool ours(const OUString& title, bool redo) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (title.isEmpty()) return false;
        if (redo) return !undone_.empty() && undone_.back().undoTitle == title;
        return !bars_.empty() && bars_.back().undoTitle == title;
    }
    void afterUndo(bool redo) {
        Bar top;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (redo && !undone_.empty()) {
                bars_.push_back(undone_.back());
                undone_.pop_back();
            } else if (!redo && !bars_.empty()) {
                undone_.push_back(bars_.back());
                bars_.pop_back();
            }
            if (!bars_.empty()) top = bars_.back();
            current_ = top;
        }
        display(frame(), &top);
    }
    Reference<frame::XFrame> frame() {
        std::lock_guard<std::mutex> lock(mutex_);
        return frame_;
    }

private:
    std::mutex mutex_;
    Reference<frame::XFrame> frame_;
    Reference<frame::XDispatchProvider> slave_, master_;
    std::vector<Bar> bars_;    // steps done, oldest first
    std::vector<Bar> undone_;  // steps undone, most recent last
    Bar current_;
};

// One interceptor per frame, released when the frame goes. UNO calls into it
// on the main thread only; the map itself is also touched from commands.
std::mutex gMutex;
std::map<frame::XFrame*, rtl::Reference<FrameFeedback>> gFrames;

rtl::Reference<FrameFeedback> forFrame(const Reference<frame::XFrame>& frame) {
    std::lock_guard<std::mutex> lock(gMutex);
    auto it = gFrames.find(frame.get());
    if (it != gFrames.end()) return it->second;
    rtl::Reference<FrameFeedback> f = new FrameFeedback(frame);
    Reference<frame::XDispatchProviderInterception> dpi(frame, UNO_QUERY);
    if (dpi.is()) dpi->registerDispatchProviderInterceptor(f.get());
    frame->addEventListener(f.get());
    gFrames.emplace(frame.get(), f);
    return f;
}

void FrameFeedback::disposing(const lang::EventObject&) {
    rtl::Reference<FrameFeedback> keep(this);
    {
        std::lock_guard<std::mutex> lock(gMutex);
        gFrames.erase(frame().get());
    }
    try {
        Reference<frame::XDispatchProviderInterception> dpi(frame(), UNO_QUERY);
        if (dpi.is()) dpi->releaseDispatchProviderInterceptor(this);
    } catch (const Exception&) {
    }
    slave_.clear();
    master_.clear();
    std::lock_guard<std::mutex> lock(mutex_);
    frame_.clear();
}

void UndoDispatch::dispatch(const util::URL& url, const Sequence<beans::PropertyValue>& args) {
    Reference<frame::XFrame> frame = owner_->frame();
    if (!frame.is()) return inner_->dispatch(url, args);
    const OUString title = owner_->nextTitle(redo_);
    const bool ours = owner_->ours(title, redo_);
    // Calc's undo may take several steps at once (the toolbar's list passes a count): then it is not only ours.
    for (const auto& a : args)
        if (a.Name == "Undo" || a.Name == "Redo") {
            sal_Int16 n = 1;
            a.Value >>= n;
            if (n != 1) return inner_->dispatch(url, args);
        }
    const ViewState before = ours ? saveView(frame->getController()) : ViewState{};
    inner_->dispatch(url, args);
    if (!ours) return;
    // Did it happen? (a synchronous slot: the stack has moved when dispatch returns)
    if (owner_->nextTitle(!redo_) != title) return;
    owner_->afterUndo(redo_);
    restoreView(frame->getController(), before);
}

}  // namespace

void showStep(const Reference<frame::XFrame>& frame, const OUString& undoTitle, const std::string& vi,
              const std::string& en, sal_Int32 type) {
    if (!frame.is()) return;
    forFrame(frame)->push(Bar{undoTitle, vi, en, type});
}

void showNote(const Reference<frame::XFrame>& frame, const std::string& vi, const std::string& en, sal_Int32 type) {
    if (!frame.is()) return;
    forFrame(frame)->note(Bar{OUString(), vi, en, type});
}

std::string currentBar(const Reference<frame::XFrame>& frame) {
    if (!frame.is()) return {};
    std::lock_guard<std::mutex> lock(gMutex);
    auto it = gFrames.find(frame.get());
    return it == gFrames.end() ? std::string() : it->second->current();
}

}  // namespace rcext
