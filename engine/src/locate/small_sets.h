// The lightest sets of a few changed cells, found exactly by enumeration
// (docs/LOCALISATION.md, "Small sets"): most tables are explained by one to
// four wrong cells, and enumerating those sets with a linear program per
// candidate is both exact and far cheaper than GLPK's branch and bound on the
// big-M model, whose relaxation says almost nothing. Private to the engine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "reportcheck/locate.h"

namespace reportcheck {

struct SmallSet {
    std::vector<int> cells;      // indices into the caller's cells (dcol, weight)
    std::vector<double> change;  // the change of each, a point where every check row holds
    double weight = 0;
};

struct SmallSetSearch {
    // Exact: `sets` are sets of minimal weight, every one up to maxSets (none
    // when no check row fails).
    // Unknown: a budget ran out, or the minimum may need more than maxSize cells.
    // None: no change of all the cells together makes every check row hold
    // (the linear relaxation is infeasible), so no set of any size does.
    enum Status { Exact, Unknown, None } status = Unknown;
    std::vector<SmallSet> sets;
    std::uint64_t nodes = 0, lps = 0;  // what the search cost
};

struct SmallSetBudget {
    int minSize = 1, maxSize = 4;
    std::uint64_t maxNodes = 200000;  // combinations looked at
    std::uint64_t maxLps = 600;       // linear programs solved
    std::uint64_t milliseconds = 100; // all of it
    // Sets of the minimal weight kept: once this many are found, only a
    // lighter set is looked for (the rest would be more ties than are shown).
    size_t maxSets = 4;
};

// `mip`: the localisation model; cell k changes by column dcol[k] (its bounds
// are the change's), weighs weight[k]; rows from `firstCheck` on are the
// checks (the rows before link the binaries and are not read). A set is
// feasible when some change of its cells alone, every other cell held, makes
// every check row hold; every failing row must read one of its cells. Sets are
// enumerated by size; a size whose lightest set (size × the lightest weight)
// weighs more than the best found ends the search, exactly.
SmallSetSearch smallestSets(const MipModel& mip, size_t firstCheck, const std::vector<int>& dcol,
                            const std::vector<double>& weight, const SmallSetBudget& budget);

}  // namespace reportcheck
