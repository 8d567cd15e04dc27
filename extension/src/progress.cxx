#include "progress.hxx"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include <sys/syscall.h>
#include <unistd.h>

#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XToolkitExperimental.hpp>
#include <com/sun/star/task/XStatusIndicatorFactory.hpp>

using namespace css;
using namespace css::uno;

namespace rcext {

namespace {
std::mutex g_statsMutex;
ProgressStats g_stats;

void record(const std::function<void(ProgressStats&)>& f) {
    std::lock_guard<std::mutex> lock(g_statsMutex);
    f(g_stats);
}
}  // namespace

ProgressStats lastProgress() {
    std::lock_guard<std::mutex> lock(g_statsMutex);
    return g_stats;
}

// Linux: the main thread's id is the process id (the project builds for Linux only).
bool onMainThread() { return static_cast<pid_t>(syscall(SYS_gettid)) == getpid(); }

Progress::Progress(const Reference<XComponentContext>& ctx, const Reference<frame::XFrame>& frame) : ctx_(ctx) {
    Reference<task::XStatusIndicatorFactory> f(frame, UNO_QUERY);
    if (f.is()) {
        try {
            ind_ = f->createStatusIndicator();
        } catch (const Exception&) {
        }
    }
}

Progress::~Progress() {
    try {
        end();
    } catch (...) {
    }
}

void Progress::start(const OUString& text, sal_Int32 range) {
    record([](ProgressStats& s) { s = ProgressStats(); });
    if (ind_.is()) {
        ind_->start(text, range);
        record([](ProgressStats& s) { ++s.started; });
    }
    started_ = true;
}

void Progress::set(const OUString& text, sal_Int32 value) {
    if (!ind_.is()) return;
    ind_->setText(text);
    ind_->setValue(value);
    record([](ProgressStats& s) { ++s.updates; });
}

void Progress::processEvents() {
    if (!onMainThread()) return;  // a macro or a remote caller: no window waits on this thread
    try {
        if (!toolkit_.is()) toolkit_.set(awt::Toolkit::create(ctx_), UNO_QUERY);
        if (toolkit_.is()) toolkit_->processEventsToIdle();
    } catch (const Exception&) {
        // no toolkit or a window gone meanwhile: the work goes on regardless
    }
}

void Progress::step(const OUString& text, sal_Int32 value) {
    // Every block of a large read would pump events a few dozen ms apart, and
    // each pump costs a few ms (repaints, the bar): at most every kStepMs.
    const auto now = std::chrono::steady_clock::now();
    if (lastStep_ && now - *lastStep_ < std::chrono::milliseconds(kStepMs)) return;
    lastStep_ = now;
    set(text, value);
    processEvents();
}

void Progress::end() {
    if (ind_.is() && started_) {
        ind_->end();
        record([](ProgressStats& s) { ++s.ended; });
    }
    started_ = false;
}

void Progress::runResponsive(const std::function<void()>& work, const OUString& text, sal_Int32 from, sal_Int32 to) {
    const bool main = onMainThread();
    record([main](ProgressStats& s) { s.mainThread = main; });
    if (!main) {  // a macro or a remote caller: nothing of the window waits on this thread
        work();
        return;
    }
    Reference<awt::XToolkitExperimental> tk;
    try {
        tk.set(awt::Toolkit::create(ctx_), UNO_QUERY);
    } catch (const Exception&) {
    }
    std::exception_ptr failure;
    // The worker says when it is done: the wait between two pumps ends then,
    // not at the end of a fixed sleep (which cost 15 ms a run on average).
    std::mutex m;
    std::condition_variable cv;
    bool done = false;
    std::thread worker([&] {
        try {
            work();
        } catch (...) {
            failure = std::current_exception();
        }
        {
            std::lock_guard<std::mutex> lock(m);
            done = true;
        }
        cv.notify_all();
    });
    auto finished = [&] {
        std::lock_guard<std::mutex> lock(m);
        return done;
    };
    using clock = std::chrono::steady_clock;
    double longest = 0;  // the longest the window went without its events processed
    auto last = clock::now();
    sal_Int32 value = from;
    int ticks = 0, pumps = 0;
    while (!finished()) {
        try {
            // The bar creeps towards `to` (the engine does not say how far it is):
            // it moves, so the user sees the work is alive.
            if (++ticks % 4 == 0 && value < to - 1) value += std::max<sal_Int32>(1, (to - value) / 8);
            set(text, value);
            if (tk.is()) tk->processEventsToIdle(), ++pumps;  // paint, input, the status bar itself
        } catch (...) {
            // a window gone meanwhile: keep waiting for the worker, which must finish
        }
        const auto now = clock::now();
        longest = std::max(longest, std::chrono::duration<double, std::milli>(now - last).count());
        last = now;
        std::unique_lock<std::mutex> lock(m);
        cv.wait_for(lock, std::chrono::milliseconds(30), [&] { return done; });
    }
    worker.join();
    record([longest, pumps](ProgressStats& s) { s.longestBusyMs = longest, s.pumps = pumps; });
    if (failure) std::rethrow_exception(failure);
}

}  // namespace rcext
