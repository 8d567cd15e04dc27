#include "live.hxx"

#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <com/sun/star/awt/AsyncCallback.hpp>
#include <com/sun/star/awt/XCallback.hpp>
#include <com/sun/star/sheet/ResultEvent.hpp>
#include <com/sun/star/sheet/XResultListener.hpp>
#include <com/sun/star/util/XModifyBroadcaster.hpp>
#include <com/sun/star/util/XModifyListener.hpp>
#include <cppuhelper/implbase1.hxx>
#include <cppuhelper/implbase2.hxx>
#include <cppuhelper/weakref.hxx>
#include <rtl/ref.hxx>

#include "pipeline.hxx"
#include "ustr.hxx"

using namespace css;
using namespace css::uno;

namespace rcext {

namespace {

class DocWatcher;

std::recursive_mutex g_mutex;
std::map<void*, rtl::Reference<DocWatcher>> g_watchers;  // key: the model's XInterface

// fn(run, error), or the description of what it threw: a cell shows text, never a crash.
Any computeSafely(const LiveCompute& fn, const Run* run, const std::string& error) noexcept {
    try {
        return fn(run, error);
    } catch (...) {
        try {
            return Any(ou(describeCurrentException()));
        } catch (...) {
            return Any();
        }
    }
}

class LiveResult : public cppu::WeakImplHelper1<sheet::XVolatileResult> {
public:
    explicit LiveResult(LiveCompute fn) : fn_(std::move(fn)) {}

    void SAL_CALL addResultListener(const Reference<sheet::XResultListener>& l) override;
    void SAL_CALL removeResultListener(const Reference<sheet::XResultListener>& l) override {
        std::lock_guard<std::recursive_mutex> g(g_mutex);
        for (auto it = listeners_.begin(); it != listeners_.end(); ++it)
            if (*it == l) { listeners_.erase(it); break; }
    }

    // Under g_mutex. The watcher lets go of its results when the document goes
    // (disposing): it clears this first, so a result Calc still holds never
    // reaches a destroyed watcher.
    void setOwner(DocWatcher* w) { owner_ = w; }
    // Push the value computed from the owner's current run when it changed.
    void refresh(const Run* run, const std::string& error) {
        Any v = computeSafely(fn_, run, error);
        std::vector<Reference<sheet::XResultListener>> ls;
        {
            std::lock_guard<std::recursive_mutex> g(g_mutex);
            if (hasLast_ && last_ == v) return;
            last_ = v;
            hasLast_ = true;
            ls = listeners_;
        }
        push(ls, v);
    }

private:
    void push(const std::vector<Reference<sheet::XResultListener>>& ls, const Any& v) {
        sheet::ResultEvent ev;
        ev.Source = static_cast<cppu::OWeakObject*>(this);
        ev.Value = v;
        for (const auto& l : ls) {
            try {
                l->modified(ev);
            } catch (const Exception&) {
            }
        }
    }

    LiveCompute fn_;
    DocWatcher* owner_ = nullptr;  // guarded by g_mutex; taken as an rtl::Reference before use
    std::vector<Reference<sheet::XResultListener>> listeners_;
    Any last_;
    bool hasLast_ = false;
};

class DocWatcher : public cppu::WeakImplHelper2<util::XModifyListener, awt::XCallback> {
public:
    DocWatcher(const Reference<XComponentContext>& ctx, const Reference<sheet::XSpreadsheetDocument>& doc)
        : ctx_(ctx), doc_(doc) {}

    void start() {
        Reference<util::XModifyBroadcaster> b(doc_.get(), UNO_QUERY);
        if (b.is()) b->addModifyListener(this);
    }

    rtl::Reference<LiveResult> result(const std::string& key, LiveCompute fn) {
        std::lock_guard<std::recursive_mutex> g(g_mutex);
        auto it = results_.find(key);
        if (it != results_.end()) return it->second;
        rtl::Reference<LiveResult> r(new LiveResult(std::move(fn)));
        r->setOwner(this);
        results_[key] = r;
        return r;
    }

    // Copies taken under the lock: a run published meanwhile replaces run_, and
    // the copy keeps the old one alive for whoever computes from it.
    bool fresh() const {
        std::lock_guard<std::recursive_mutex> g(g_mutex);
        return haveRun_;
    }
    std::shared_ptr<const Run> run() const {
        std::lock_guard<std::recursive_mutex> g(g_mutex);
        return run_;
    }
    std::string error() const {
        std::lock_guard<std::recursive_mutex> g(g_mutex);
        return error_;
    }
    long runs() const {
        std::lock_guard<std::recursive_mutex> g(g_mutex);
        return runs_;
    }

    std::shared_ptr<const RuleIds> ruleIds() {
        {
            std::lock_guard<std::recursive_mutex> g(g_mutex);
            if (ruleIds_) return ruleIds_;
        }
        auto ids = std::make_shared<RuleIds>();
        try {
            Reference<sheet::XSpreadsheetDocument> doc(doc_.get(), UNO_QUERY);
            LoadedRules rules = loadRules(ctx_, doc);
            for (auto& id : rules.rules->ruleIds()) ids->ids.insert(std::move(id));
        } catch (...) {
            ids->error = describeCurrentException();
        }
        std::lock_guard<std::recursive_mutex> g(g_mutex);
        ruleIds_ = ids;
        return ids;
    }

    void rulesChanged() {
        {
            std::lock_guard<std::recursive_mutex> g(g_mutex);
            ruleIds_.reset();
            haveRun_ = false;
        }
        schedule();
    }

    void schedule() {
        {
            std::lock_guard<std::recursive_mutex> g(g_mutex);
            if (pending_) return;
            pending_ = true;
        }
        try {
            Reference<awt::XRequestCallback> cb = awt::AsyncCallback::create(ctx_);
            cb->addCallback(this, Any());
        } catch (...) {
            std::lock_guard<std::recursive_mutex> g(g_mutex);
            pending_ = false;
        }
    }

    // XCallback, on the main loop: after a burst of changes (start a run), or
    // when the worker thread has finished one (data = true: publish it).
    void SAL_CALL notify(const Any& data) override {
        bool finished = false;
        data >>= finished;
        try {
            if (finished) {
                publish();
            } else {
                {
                    std::lock_guard<std::recursive_mutex> g(g_mutex);
                    pending_ = false;
                }
                update();
            }
        } catch (...) {
            // failures become the cells' text; nothing may reach the main loop
        }
    }

    // XModifyListener
    void SAL_CALL modified(const lang::EventObject&) override {
        {
            std::lock_guard<std::recursive_mutex> g(g_mutex);
            haveRun_ = false;
            ruleIds_.reset();  // the rules may have been edited with the document properties
        }
        schedule();
    }

    void SAL_CALL disposing(const lang::EventObject&) override {
        std::lock_guard<std::recursive_mutex> g(g_mutex);
        for (auto& [key, r] : results_) r->setOwner(nullptr);
        results_.clear();
        run_.reset();
        ruleIds_.reset();
        rtl::Reference<DocWatcher> keep(this);
        for (auto it = g_watchers.begin(); it != g_watchers.end(); ++it)
            if (it->second.get() == this) { g_watchers.erase(it); break; }
    }

private:
    // Main thread: read the document, then run the rules on a worker thread so
    // that Calc stays responsive however long the engine takes within its
    // budget. One run per document at a time; changes during it ask for one more.
    void update() {
        Reference<sheet::XSpreadsheetDocument> doc(doc_.get(), UNO_QUERY);
        if (!doc.is()) return;
        {
            std::lock_guard<std::recursive_mutex> g(g_mutex);
            if (running_) {
                rerun_ = true;
                return;
            }
            running_ = true;
            ++runs_;
        }
        auto job = std::make_shared<Prepared>();
        try {
            *job = prepareRun(ctx_, doc);
        } catch (...) {
            finish(nullptr, describeCurrentException());
            publish();
            return;
        }
        rtl::Reference<DocWatcher> self(this);
        auto work = [self, job](bool post) {
            std::shared_ptr<Run> run;
            std::string error;
            try {
                executeRun(*job);
                run = std::make_shared<Run>(std::move(job->run));
            } catch (...) {
                error = describeCurrentException();
            }
            self->finish(std::move(run), std::move(error), post);
        };
        try {
            std::thread(work, true).detach();
        } catch (...) {
            work(false);  // no thread to be had: run here
            publish();
        }
    }

    // Any thread: keep the outcome; from the worker, ask the main loop to publish it.
    void finish(std::shared_ptr<Run> run, std::string error, bool post = false) {
        {
            std::lock_guard<std::recursive_mutex> g(g_mutex);
            done_ = std::move(run);
            doneError_ = std::move(error);
            haveDone_ = true;
        }
        if (!post) return;  // the caller publishes
        try {
            Reference<awt::XRequestCallback> cb = awt::AsyncCallback::create(ctx_);
            cb->addCallback(this, Any(true));
        } catch (...) {
            // the office is shutting down: nobody is left to show the values
        }
    }

    // Main thread: the finished run becomes the document's; cells get their values.
    void publish() {
        std::shared_ptr<Run> run;
        std::string error;
        std::map<std::string, rtl::Reference<LiveResult>> rs;
        bool again = false;
        {
            std::lock_guard<std::recursive_mutex> g(g_mutex);
            if (!haveDone_) return;
            haveDone_ = false;
            run = std::move(done_);
            error = std::move(doneError_);
            run_ = run;
            error_ = error;
            running_ = false;
            again = rerun_;
            rerun_ = false;
            haveRun_ = !again;
            rs = results_;
        }
        for (auto& [k, r] : rs) r->refresh(run.get(), error);
        if (again) schedule();
    }

    Reference<XComponentContext> ctx_;
    WeakReference<sheet::XSpreadsheetDocument> doc_;
    std::map<std::string, rtl::Reference<LiveResult>> results_;
    std::shared_ptr<Run> run_;
    std::string error_;
    std::shared_ptr<const RuleIds> ruleIds_;
    long runs_ = 0;
    bool haveRun_ = false;
    bool pending_ = false;
    bool running_ = false;  // a run is on the worker thread
    bool rerun_ = false;    // the document changed during it
    std::shared_ptr<Run> done_;  // a finished run waiting for the main loop
    std::string doneError_;
    bool haveDone_ = false;
};

void SAL_CALL LiveResult::addResultListener(const Reference<sheet::XResultListener>& l) {
    if (!l.is()) return;
    try {
        bool fresh = false;
        std::shared_ptr<const Run> run;  // kept alive while the value is computed
        std::string error;
        rtl::Reference<DocWatcher> owner;  // alive while used, even if the document goes meanwhile
        {
            std::lock_guard<std::recursive_mutex> g(g_mutex);
            listeners_.push_back(l);
            owner = owner_;
            if (owner.is()) {
                fresh = owner->fresh();
                run = owner->run();
                error = owner->error();
            }
        }
        // Calc needs a first value now. When the document's last run is still
        // valid it is used; otherwise a placeholder, and the run is posted to the
        // main loop (reading cells while a formula is being interpreted is avoided).
        Any v;
        if (fresh) {
            v = computeSafely(fn_, run.get(), error);
            std::lock_guard<std::recursive_mutex> g(g_mutex);
            last_ = v;
            hasLast_ = true;
        } else {
            v <<= ou("…");
            if (owner.is()) owner->schedule();
        }
        sheet::ResultEvent ev;
        ev.Source = static_cast<cppu::OWeakObject*>(this);
        ev.Value = v;
        l->modified(ev);
    } catch (...) {
        // Calc keeps the cell's previous value; the next run pushes a real one.
    }
}

// The watcher of a document, made on first use.
rtl::Reference<DocWatcher> watcher(const Reference<XComponentContext>& ctx,
                                   const Reference<sheet::XSpreadsheetDocument>& doc, bool create) {
    Reference<XInterface> norm(doc, UNO_QUERY);
    std::lock_guard<std::recursive_mutex> g(g_mutex);
    auto it = g_watchers.find(norm.get());
    if (it != g_watchers.end()) return it->second;
    if (!create) return {};
    rtl::Reference<DocWatcher> w = new DocWatcher(ctx, doc);
    g_watchers[norm.get()] = w;
    w->start();
    return w;
}

}  // namespace

Reference<sheet::XVolatileResult> liveResult(const Reference<XComponentContext>& ctx,
                                             const Reference<sheet::XSpreadsheetDocument>& doc,
                                             const std::string& key, LiveCompute compute) {
    return watcher(ctx, doc, true)->result(key, std::move(compute)).get();
}

std::shared_ptr<const RuleIds> liveRuleIds(const Reference<XComponentContext>& ctx,
                                           const Reference<sheet::XSpreadsheetDocument>& doc) {
    return watcher(ctx, doc, true)->ruleIds();
}

void liveRulesChanged(const Reference<sheet::XSpreadsheetDocument>& doc) {
    rtl::Reference<DocWatcher> w = watcher(nullptr, doc, false);
    if (w.is()) w->rulesChanged();
}

long liveRunCount(const Reference<sheet::XSpreadsheetDocument>& doc) {
    auto w = watcher(nullptr, doc, false);
    if (!w.is()) return 0;
    std::lock_guard<std::recursive_mutex> g(g_mutex);
    return w->runs();
}

}  // namespace rcext
