// The muparser side of a compiled rule set, kept apart from the rules so that
// RuleSet::run is const and reentrant. muparser binds each variable to an
// address when it parses, so an expression's variables cannot be shared by two
// runs at once. Each run therefore takes a whole set of parsers (one per
// expression, each with its own variables) for its duration and gives it
// back: one compiled rule set serves several threads, and a set is parsed
// again only when more runs overlap than ever before. No lock: the spare sets
// sit in a few atomic slots.
#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "mu_expr.h"

namespace reportcheck {

class MuSets {
public:
    using Set = std::vector<MuExpr>;

    MuSets() = default;
    ~MuSets();
    MuSets(const MuSets&) = delete;
    MuSets& operator=(const MuSets&) = delete;

    // While compiling: the expression's muparser text and variable count, and
    // its parser built once (the syntax check). Returns its index.
    size_t add(std::string text, size_t slots, MuExpr built);
    size_t size() const { return texts_.size(); }

    // For a run: a set of parsers no other run is using. Returned to the spare
    // slots by give (or freed when they are full).
    std::unique_ptr<Set> take() const;
    void give(std::unique_ptr<Set> set) const;

private:
    std::vector<std::string> texts_;
    std::vector<size_t> slots_;
    mutable std::unique_ptr<Set> first_ = std::make_unique<Set>();  // built by the compiler; the first run takes it
    // Enough for the CLI's -j and the extension's runs; a run beyond them
    // builds its own set and frees it after.
    mutable std::array<std::atomic<Set*>, 16> spare_{};
    mutable std::atomic<bool> firstGiven_{false};
};

// A set taken for the length of one run.
class MuLease {
public:
    explicit MuLease(const MuSets* sets) : sets_(sets), set_(sets ? sets->take() : std::make_unique<MuSets::Set>()) {}
    ~MuLease() {
        if (sets_) sets_->give(std::move(set_));
    }
    MuLease(const MuLease&) = delete;
    MuLease& operator=(const MuLease&) = delete;
    MuExpr& operator[](size_t i) { return (*set_)[i]; }

private:
    const MuSets* sets_;
    std::unique_ptr<MuSets::Set> set_;
};

}  // namespace reportcheck
