// The evaluator's side of error localisation: every check or total instance it
// compares is recorded here (which cells each reference read, how the two sides
// compare, whether it held). Localisation (locate.cpp) builds the table's
// constraints from these after the run. Private to the engine.
#pragma once

#include <cstdint>
#include <vector>

#include "mu_sets.h"
#include "rule_model.h"

namespace reportcheck {

class Sheet;
struct Result;
struct Limits;

struct RecordedArea {
    const Sheet* sheet = nullptr;
    int r1 = 0, c1 = 0, r2 = 0, c2 = 0;
};

// One side of a comparison: its expression and the area each of its references read.
struct RecordedSide {
    const Expr* expr = nullptr;
    std::vector<RecordedArea> areas;  // areas[i] is what expr->refs[i] read
};

struct RecordedInstance {
    const Rule* rule = nullptr;
    RecordedSide lhs, rhs;
    const Sheet* sheet = nullptr;  // the cell the finding is anchored at
    int row = -1, col = -1;
    int shown = -1;                // decimals both sides were rounded to; -1 none
    double tol = 0;                // the tolerance the evaluator judged it with (effectiveTol: tol + rounding allowance)
    bool held = true;
};

class InstanceRecorder {
public:
    // More instances than this are not kept (memory stays bounded on hostile
    // rules); localisation then says so instead of naming cells.
    static constexpr std::uint64_t kMaxInstances = 200000;

    // The evaluator read reference i of `e` over this area (i = 0 starts a new read of e).
    void area(const Expr& e, size_t i, const Sheet* s, int r1, int c1, int r2, int c2);
    // The evaluator compared lhs with rhs for `r` at the finding cell (sheet, row, col).
    void compared(const Rule& r, const Expr& lhs, const Expr& rhs, const Sheet* sheet, int row, int col, int shown,
                  double tol, bool held);

    const std::vector<RecordedInstance>& instances() const { return instances_; }
    bool overflowed() const { return overflowed_; }

private:
    RecordedSide pending_[2];  // the last two expressions read: compare reads lhs, then rhs
    int next_ = 0;
    std::vector<RecordedInstance> instances_;
    bool overflowed_ = false;
};

// Fills `suspects` of the failing check findings of `res` from what `rec`
// recorded. Re-evaluates the rules' compiled expressions: call it while the
// rule set is still held (RuleSet::run).
// `mu`: the run's own muparser set (RuleSet::run lends it), to re-evaluate sides.
void locateErrors(const InstanceRecorder& rec, Result& res, const Limits& limits, MuLease& mu);

}  // namespace reportcheck
