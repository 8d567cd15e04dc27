// Where a command's time went, step by step ("snapshot.fetch", "marks.paint",
// "report.widths" …), in the Validate's JSON answer as "parts": the benchmark
// (scripts/bench_calc.py) prints them, so that a change is chosen on what a
// step costs in Calc, not on a guess. Steps that run several times add up.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace rcext {

class Timings {
public:
    void add(const std::string& step, double ms) {
        for (auto& [name, total] : parts_)
            if (name == step) {
                total += ms;
                return;
            }
        parts_.emplace_back(step, ms);
    }
    const std::vector<std::pair<std::string, double>>& parts() const { return parts_; }

    // Adds the time from its construction (or the last lap) to `step`.
    class Lap {
    public:
        explicit Lap(Timings* t) : t_(t), at_(std::chrono::steady_clock::now()) {}
        void operator()(const char* step) {
            const auto now = std::chrono::steady_clock::now();
            if (t_) t_->add(step, std::chrono::duration<double, std::milli>(now - at_).count());
            at_ = now;
        }

    private:
        Timings* t_;
        std::chrono::steady_clock::time_point at_;
    };

private:
    std::vector<std::pair<std::string, double>> parts_;
};

}  // namespace rcext
