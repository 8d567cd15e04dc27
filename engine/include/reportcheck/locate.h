// Error localisation (docs/LOCALISATION.md): the mixed-integer programs it
// solves, exposed so that solvers can be compared on the same models
// (engine/bench/bench_locate.cpp). Findings carry the result (finding.h).
#pragma once

#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace reportcheck {

// minimise cost·x subject to rowLo <= A x <= rowHi, lo <= x <= hi, some x integer.
struct MipModel {
    static constexpr double kInf = std::numeric_limits<double>::infinity();
    struct Row {
        std::vector<std::pair<int, double>> terms;  // (column, coefficient)
        double lo = -kInf, hi = kInf;
    };
    std::vector<double> lo, hi, cost;
    std::vector<char> integer;
    std::vector<Row> rows;
    int addColumn(double l, double h, double c, bool isInt) {
        lo.push_back(l), hi.push_back(h), cost.push_back(c), integer.push_back(isInt);
        return static_cast<int>(lo.size()) - 1;
    }
    int columns() const { return static_cast<int>(lo.size()); }
};

struct MipSolution {
    enum Status { Optimal, Infeasible, TimeLimit, Failed } status = Failed;
    double objective = 0;
    std::vector<double> x;
};

// GLPK's branch and cut (glp_intopt with its presolver), at most `milliseconds`.
// Serialised by a mutex: GLPK's environment is not safe to share between threads.
MipSolution solveGlpk(const MipModel& m, std::uint64_t milliseconds);

// GLPK's simplex on the continuous relaxation of `m` (integer marks ignored),
// without its presolver: the feasibility of a small set of changes
// (locate/small_sets.cpp). Optimal or Infeasible; Failed on invalid input.
MipSolution solveLpGlpk(const MipModel& m, std::uint64_t milliseconds);

// Called with every model localisation solves on this thread (the benchmark
// re-solves them with other solvers); nullptr to stop.
using LocateTrace = void (*)(const MipModel& m, void* context);
void setLocateTrace(LocateTrace trace, void* context);

}  // namespace reportcheck
