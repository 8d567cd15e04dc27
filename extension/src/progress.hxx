// What the window shows while a command works: the frame's status bar
// indicator (XStatusIndicator: text and a moving bar), and a window that keeps
// answering while the rules run — on the main thread (a menu command) the
// engine runs on a worker thread while the main thread goes on processing
// events and moving the bar. Validate of a 100,000-row sheet takes seconds;
// a frozen, blank window for that long looks like a crash.
#pragma once

#include "ustr.hxx"

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include <com/sun/star/awt/XToolkitExperimental.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/task/XStatusIndicator.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>

namespace rcext {

// What the last command's indicator did, for tests and the Feedback command
// (the status bar has no getter): started, ended, how many updates, the
// longest time the main thread went without processing events while the
// rules ran (-1 when it was not on the main thread).
struct ProgressStats {
    int started = 0, ended = 0, updates = 0;
    double longestBusyMs = -1;
    int pumps = 0;  // times the window's events were processed while the rules ran on the worker
    bool mainThread = false;
};
ProgressStats lastProgress();

class Progress {
public:
    Progress(const css::uno::Reference<css::uno::XComponentContext>& ctx,
             const css::uno::Reference<css::frame::XFrame>& frame);
    ~Progress();
    void start(const OUString& text, sal_Int32 range);
    void set(const OUString& text, sal_Int32 value);
    // set, and on the main thread let the window process its pending events
    // (paint, input, the bar itself): between the blocks of work that must run
    // on the main thread (reading the sheets over UNO), so that it answers
    // every block rather than once the whole read is done. Not inside an undo
    // step: a user's edit processed here would join it.
    // At most one every kStepMs: more often costs time and nobody sees it.
    void step(const OUString& text, sal_Int32 value);
    static constexpr int kStepMs = 50;
    void end();

    // Runs `work` (no UNO calls in it: it may run on another thread) and
    // returns when it is done; exceptions come back to the caller. On the main
    // thread the events of the window are processed meanwhile and the bar
    // moves from `from` towards `to`.
    void runResponsive(const std::function<void()>& work, const OUString& text, sal_Int32 from, sal_Int32 to);

private:
    void processEvents();
    css::uno::Reference<css::uno::XComponentContext> ctx_;
    css::uno::Reference<css::awt::XToolkitExperimental> toolkit_;
    std::optional<std::chrono::steady_clock::time_point> lastStep_;
    css::uno::Reference<css::task::XStatusIndicator> ind_;
    bool started_ = false;
};

// True on the process's main thread (where menu commands run and events are processed).
bool onMainThread();

}  // namespace rcext
