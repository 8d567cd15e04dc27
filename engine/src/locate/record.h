// The evaluator's side of error localisation: every check or total instance it
// compares is recorded here (which cells each reference read, how the two sides
// compare, whether it held). Localisation (locate.cpp) builds the table's
// constraints from these after the run. Private to the engine.
//
// One pass, or two (RuleSet::run, docs/BENCHMARKS.md "The localisation
// recorder"): the run records everything (Mode::Everything) up to
// kKeepAllFirst instances — a report's rules compare about 1,200 — then only
// the failing ones, counting the others (Mode::Failing). Only when a run that
// long had one fail are the rules run again to record everything, into one
// flat array of areas reserved from the count — on a sheet bound to its rows
// (rowsBound) only its failing rows, at any height; past kMaxInstances,
// nothing but those. A long clean sheet thus keeps nothing, and a sheet of
// Calc's full size holds no more than its failing instances while its rules run.
#pragma once

#include <cstdint>
#include <set>
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

// The areas one side read: a view into the recorder's flat array (it iterates,
// indexes and sizes as the vector it replaces did). Valid while the recorder lives.
class RecordedAreas {
public:
    const RecordedArea* begin() const { return p_; }
    const RecordedArea* end() const { return p_ + n_; }
    size_t size() const { return n_; }
    bool empty() const { return n_ == 0; }
    const RecordedArea& operator[](size_t i) const { return p_[i]; }

private:
    friend class InstanceRecorder;
    const RecordedArea* p_ = nullptr;  // set when the recording is sealed: the array may move while it grows
    std::uint32_t off_ = 0, n_ = 0;    // offset into the recorder's array; its count
};

// One side of a comparison: its expression and the area each of its references read.
struct RecordedSide {
    const Expr* expr = nullptr;
    RecordedAreas areas;  // areas[i] is what expr->refs[i] read
};

struct RecordedInstance {
    const Rule* rule = nullptr;
    RecordedSide lhs, rhs;
    const Sheet* sheet = nullptr;  // the cell the finding is anchored at
    double tol = 0;                // the tolerance the evaluator judged it with (effectiveTol: tol + rounding allowance)
    int row = -1, col = -1;
    int shown = -1;                // decimals both sides were rounded to; -1 none
    bool held = true;
};

class InstanceRecorder {
public:
    // More instances than this are not kept (memory stays bounded on hostile
    // rules); localisation then says so instead of naming cells.
    static constexpr std::uint64_t kMaxInstances = 200000;
    // What the run's own pass keeps whole (about 4 MiB of records): a small
    // workbook with findings is localised without running its rules again.
    static constexpr std::uint64_t kKeepAllFirst = 16384;

    enum class Mode {
        Failing,     // count every instance, keep the failing ones without their areas (the first pass)
        Everything,  // keep every instance with its areas (the second pass, only when one failed)
    };
    // `keepAllUpTo`: in Mode::Everything, past this many instances (or 16 times
    // as many areas) turn to Mode::Failing, dropping what the held ones
    // recorded; by default never (a second pass keeps everything).
    explicit InstanceRecorder(Mode mode = Mode::Everything, std::uint64_t keepAllUpTo = ~std::uint64_t(0))
        : mode_(mode), keepAllUpTo_(keepAllUpTo) {}
    // Room for what a first pass counted: the second records exactly as much.
    void reserve(std::uint64_t instances, std::uint64_t areas);

    // The evaluator read reference i of `e` over this area (i = 0 starts a new read of e).
    // Inline, as compared's usual case: both are called for every instance of a long sheet.
    void area(const Expr& e, size_t i, const Sheet* s, int r1, int c1, int r2, int c2) {
        if (i == 0) {
            next_ ^= 1;
            pending_[next_].expr = &e;
            pending_[next_].areas.clear();
            pending_[next_].n = 0;
        }
        Pending& p = pending_[next_];
        if (p.expr != &e || p.n != i) return;  // a read out of order: the side will not match
        ++p.n;
        if (i == 0) {
            p.sheet = s;
            p.row = r1;
            p.oneSheet = true;
            p.oneRow = r1 == r2;
        } else {
            p.oneSheet = p.oneSheet && s == p.sheet;
            p.oneRow = p.oneRow && s == p.sheet && r1 == p.row && r2 == p.row;
        }
        if (mode_ == Mode::Everything) p.areas.push_back({s, r1, c1, r2, c2});
    }
    // The evaluator read every reference of `e`, an Expr::rowCells side, each
    // one cell of `row` (Run::evalRowCells): area() for all of them in one call.
    void rowCells(const Expr& e, const Sheet* s, int row) {
        next_ ^= 1;
        Pending& p = pending_[next_];
        p.expr = &e;
        p.n = static_cast<std::uint32_t>(e.refs.size());
        p.sheet = s;
        p.row = row;
        p.oneSheet = p.oneRow = true;
        p.areas.clear();
        if (mode_ == Mode::Everything)
            for (const Ref& ref : e.refs) p.areas.push_back({s, row, ref.a.col.col, row, ref.a.col.col});
    }
    // The evaluator compared lhs with rhs for `r` at the finding cell (sheet,
    // row, col), its rule checking row `ruleRow` of `ruleSheet` (-1: a rule
    // not run per row).
    void compared(const Rule& r, const Expr& lhs, const Expr& rhs, const Sheet* sheet, int row, int col,
                  const Sheet* ruleSheet, int ruleRow, int shown, double tol, bool held) {
        const Pending* pl = lhs.refs.empty() ? nullptr : match(lhs);
        const Pending* pr = rhs.refs.empty() ? nullptr : match(rhs);
        if ((!lhs.refs.empty() && !pl) || (!rhs.refs.empty() && !pr)) return;  // not recorded in any mode
        noteRows(pl, pr, sheet, row, ruleSheet, ruleRow);
        // Mode::Failing and the instance held: only counted (what keep below does then).
        if (mode_ == Mode::Failing && held) {
            if (seen_++ >= kMaxInstances) {
                overflowed_ = true;
                return;
            }
            areasSeen_ += lhs.refs.size() + rhs.refs.size();
            return;
        }
        keep(pl, pr, r, lhs, rhs, sheet, row, col, shown, tol, held);
    }

    // What was kept, its areas' views pointing into the flat array (seals the recording).
    const std::vector<RecordedInstance>& instances() const;
    // More than kMaxInstances were compared: too many to record them all.
    bool overflowed() const { return overflowed_; }
    // Mode::Failing only: a failing instance was not kept, kMaxInstances
    // failing ones being kept already.
    bool lostFailing() const { return lostFailing_; }
    // Instances compared (kept or not) and the areas they read: what a second pass reserves.
    std::uint64_t seen() const { return seen_; }
    std::uint64_t areasSeen() const { return areasSeen_; }
    // Every instance compared with a cell of sheet `s` read only cells of its
    // own row there: the row it is anchored at, the row (of `s`) its rule checks. Such
    // an instance shares cells only with instances of its own row, so
    // localisation's tables on `s` lie within its failing rows (RuleSet::run
    // records only those in a second pass).
    bool rowsBound(const Sheet* s) const { return !rowsMixed_ && !unbound_.count(s); }
    // A kept instance did not hold (in Mode::Failing: anything was kept at all).
    bool anyFailed() const { return anyFailed_; }
    // Every instance compared is kept with its areas: still Mode::Everything, within the bound.
    bool complete() const { return mode_ == Mode::Everything && !overflowed_; }

private:
    // The last two expressions read (compare reads lhs, then rhs): their areas
    // wait here, in buffers reused from one instance to the next.
    struct Pending {
        const Expr* expr = nullptr;
        std::vector<RecordedArea> areas;
        std::uint32_t n = 0;  // Mode::Failing counts the areas only
        // The first area's sheet and row; whether every area is on that
        // sheet, and on that one row of it (rowsBound, in every mode).
        const Sheet* sheet = nullptr;
        int row = -1;
        bool oneSheet = true, oneRow = true;
    };
    Pending pending_[2];
    int next_ = 0;
    Mode mode_;
    std::uint64_t keepAllUpTo_;
    // Mutable: instances() points the views into areas_ once recording is
    // over (areas_ may move while it grows, offsets do not).
    mutable std::vector<RecordedInstance> instances_;
    std::vector<RecordedArea> areas_;  // every kept side's areas, one after another
    std::uint64_t seen_ = 0, areasSeen_ = 0;
    bool overflowed_ = false, anyFailed_ = false, lostFailing_ = false;
    // rowsBound: the sheets an instance not bound to its row read or was
    // anchored on (the last one remembered: a sheet of a million such instances
    // is looked up once); rowsMixed_, such an instance read several sheets.
    std::set<const Sheet*> unbound_;
    const Sheet* lastUnbound_ = nullptr;
    bool rowsMixed_ = false;
    mutable bool sealed_ = true;

    // The pending read of e with all its references; nullptr when none.
    const Pending* match(const Expr& e) const {
        for (int k : {next_, next_ ^ 1})
            if (pending_[k].expr == &e && pending_[k].n == e.refs.size()) return &pending_[k];
        return nullptr;
    }
    void keep(const Pending* pl, const Pending* pr, const Rule& r, const Expr& lhs, const Expr& rhs, const Sheet* sheet,
              int row, int col, int shown, double tol, bool held);
    // An instance at (sheet, row) is bound to its row when it read only
    // cells of that row, and that is the row and sheet its rule checks (the
    // second pass selects rows by what a rule checks, before any read). One
    // that is not unbinds every sheet it read, its own and its rule's.
    void noteRows(const Pending* pl, const Pending* pr, const Sheet* sheet, int row, const Sheet* ruleSheet,
                  int ruleRow) {
        auto bound = [&](const Pending* p) { return !p || (p->oneRow && p->sheet == sheet && p->row == row); };
        if (sheet == ruleSheet && row == ruleRow && bound(pl) && bound(pr)) return;
        unbound(sheet);
        unbound(ruleSheet);
        for (const Pending* p : {pl, pr}) {
            if (!p) continue;
            if (p->oneSheet) unbound(p->sheet);
            else rowsMixed_ = true;
        }
    }
    void unbound(const Sheet* s) {
        if (s == lastUnbound_) return;
        unbound_.insert(s);
        lastUnbound_ = s;
    }
    RecordedAreas keep(const Pending* p);
    void dropHeld();
};

// Fills `suspects` of the failing check findings of `res` from what `rec`
// recorded. Re-evaluates the rules' compiled expressions: call it while the
// rule set is still held (RuleSet::run).
// `mu`: the run's own muparser set (RuleSet::run lends it), to re-evaluate sides.
void locateErrors(const InstanceRecorder& rec, Result& res, const Limits& limits, MuLease& mu);

}  // namespace reportcheck
