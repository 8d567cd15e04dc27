// Recording the instances the evaluator compares (record.h): flat, so that a
// run of 100,000 per-row checks costs no allocation per instance.
#include "locate/record.h"

#include <limits>

namespace reportcheck {

void InstanceRecorder::reserve(std::uint64_t instances, std::uint64_t areas) {
    if (instances > kMaxInstances) return;  // past the bound nothing is kept anyway
    instances_.reserve(size_t(instances));
    // Offsets are 32-bit: kMaxInstances instances of a few references each are far below.
    if (areas < std::numeric_limits<std::uint32_t>::max()) areas_.reserve(size_t(areas));
}

RecordedAreas InstanceRecorder::keep(const Pending* p) {
    RecordedAreas out;
    if (!p || p->n == 0 || mode_ != Mode::Everything) return out;
    out.off_ = std::uint32_t(areas_.size());
    out.n_ = p->n;
    areas_.insert(areas_.end(), p->areas.begin(), p->areas.end());
    return out;
}

// compared(), every case but a held instance in Mode::Failing. `pl`, `pr`:
// the reads of lhs and rhs (null for a side without references).
void InstanceRecorder::keep(const Pending* pl, const Pending* pr, const Rule& r, const Expr& lhs, const Expr& rhs,
                            const Sheet* sheet, int row, int col, int shown, double tol, bool held) {
    // Counted whether kept or not: the bound is on instances compared, as a
    // single recording pass would have met it. Past it, Mode::Failing still
    // keeps failing instances (no areas), up to as many again: rules that
    // read only their own row are then localised from a second pass over
    // those rows alone, at any height (RuleSet::run).
    if (seen_++ >= kMaxInstances) {
        overflowed_ = true;
        if (mode_ == Mode::Everything || held) return;
        if (instances_.size() >= kMaxInstances) {
            lostFailing_ = true;
            return;
        }
    } else {
        areasSeen_ += lhs.refs.size() + rhs.refs.size();
        if (mode_ == Mode::Everything && keepAllUpTo_ != ~std::uint64_t(0) &&
            (seen_ > keepAllUpTo_ || areas_.size() / 16 > keepAllUpTo_))
            dropHeld();
        if (mode_ == Mode::Failing && held) return;
    }
    if (areas_.size() + lhs.refs.size() + rhs.refs.size() >= std::numeric_limits<std::uint32_t>::max()) {
        overflowed_ = true;  // unreachable within kMaxInstances unless an expression has millions of references
        return;
    }
    RecordedInstance in;
    in.rule = &r;
    in.lhs.expr = &lhs;
    in.rhs.expr = &rhs;
    in.lhs.areas = keep(pl);
    in.rhs.areas = keep(pr);
    in.sheet = sheet;
    in.row = row;
    in.col = col;
    in.shown = shown;
    in.tol = tol;
    in.held = held;
    anyFailed_ = anyFailed_ || !held;
    instances_.push_back(in);
    sealed_ = false;
}

// Turns to Mode::Failing: the held instances and all areas go, the failing instances stay.
void InstanceRecorder::dropHeld() {
    mode_ = Mode::Failing;
    size_t kept = 0;
    for (size_t k = 0; k < instances_.size(); ++k) {
        if (instances_[k].held) continue;
        RecordedInstance in = instances_[k];
        in.lhs.areas = in.rhs.areas = RecordedAreas{};
        instances_[kept++] = in;
    }
    instances_.resize(kept);
    instances_.shrink_to_fit();
    std::vector<RecordedArea>().swap(areas_);
    sealed_ = false;
}

const std::vector<RecordedInstance>& InstanceRecorder::instances() const {
    if (!sealed_) {
        for (RecordedInstance& in : instances_)
            for (RecordedAreas* a : {&in.lhs.areas, &in.rhs.areas}) a->p_ = areas_.data() + a->off_;
        sealed_ = true;
    }
    return instances_;
}

}  // namespace reportcheck
