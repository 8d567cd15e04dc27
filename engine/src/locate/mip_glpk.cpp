// The MIP of error localisation solved with GLPK (libglpk, Debian's glpk 5.0).
// Why GLPK and not CBC or lp_solve: docs/LOCALISATION.md (measured).
#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <mutex>

#include "reportcheck/locate.h"

namespace reportcheck {

namespace {
std::mutex glpkTurn;  // GLPK keeps its environment in process-wide state unless built thread-local

// Debian's GLPK keeps its environment per thread (thread-local storage) and
// never frees it by itself: a worker thread of `validate -j N` that solved once
// would leak it at exit (LeakSanitizer saw it). Each thread that calls GLPK
// holds one of these; its destructor, at thread exit, frees that thread's
// environment (no problem object is alive then: each solve deletes its own).
struct GlpkEnvOfThisThread {
    ~GlpkEnvOfThisThread() { glp_free_env(); }
};

// Rows and columns bounds in GLPK's terms.
void bounds(double lo, double hi, int& type, double& l, double& h) {
    l = std::isfinite(lo) ? lo : 0;
    h = std::isfinite(hi) ? hi : 0;
    if (std::isfinite(lo) && std::isfinite(hi)) type = lo == hi ? GLP_FX : GLP_DB;
    else if (std::isfinite(lo)) type = GLP_LO;
    else if (std::isfinite(hi)) type = GLP_UP;
    else type = GLP_FR;
}

// GLPK aborts the process on bad input: it is checked here instead.
bool valid(const MipModel& m) {
    const int n = m.columns();
    for (int j = 0; j < n; ++j)
        if (std::isnan(m.lo[j]) || std::isnan(m.hi[j]) || m.lo[j] > m.hi[j] || !std::isfinite(m.cost[j])) return false;
    for (const auto& r : m.rows) {
        if (std::isnan(r.lo) || std::isnan(r.hi) || r.lo > r.hi) return false;
        for (const auto& [c, v] : r.terms)
            if (c < 0 || c >= n || !std::isfinite(v)) return false;
    }
    return true;
}

// The model as a GLPK problem; integer columns marked when `integers`.
glp_prob* load(const MipModel& m, bool integers) {
    const int n = m.columns();
    glp_prob* p = glp_create_prob();
    glp_set_obj_dir(p, GLP_MIN);
    if (n) glp_add_cols(p, n);
    for (int j = 0; j < n; ++j) {
        int type;
        double l, h;
        bounds(m.lo[j], m.hi[j], type, l, h);
        glp_set_col_bnds(p, j + 1, type, l, h);
        glp_set_obj_coef(p, j + 1, m.cost[j]);
        if (integers && m.integer[j]) glp_set_col_kind(p, j + 1, l == 0 && h == 1 && type == GLP_DB ? GLP_BV : GLP_IV);
    }
    std::vector<int> ia{0}, ja{0};
    std::vector<double> ar{0};
    if (!m.rows.empty()) glp_add_rows(p, static_cast<int>(m.rows.size()));
    for (size_t i = 0; i < m.rows.size(); ++i) {
        int type;
        double l, h;
        bounds(m.rows[i].lo, m.rows[i].hi, type, l, h);
        glp_set_row_bnds(p, static_cast<int>(i) + 1, type, l, h);
        for (const auto& [c, v] : m.rows[i].terms) {
            ia.push_back(static_cast<int>(i) + 1);
            ja.push_back(c + 1);
            ar.push_back(v);
        }
    }
    // GLPK refuses duplicate (row, column) entries by aborting: callers merge terms (locate.cpp).
    glp_load_matrix(p, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
    return p;
}
}  // namespace

MipSolution solveLpGlpk(const MipModel& m, std::uint64_t milliseconds) {
    MipSolution out;
    if (!valid(m)) return out;
    std::lock_guard<std::mutex> turn(glpkTurn);
    thread_local GlpkEnvOfThisThread freedAtThreadExit;
    (void)freedAtThreadExit;
    glp_term_out(GLP_OFF);
    glp_prob* p = load(m, false);
    glp_smcp lp;
    glp_init_smcp(&lp);
    lp.msg_lev = GLP_MSG_OFF;
    lp.meth = GLP_DUALP;
    lp.tm_lim = static_cast<int>(std::min<std::uint64_t>(milliseconds, 1u << 30));
    int rc = glp_simplex(p, &lp);
    int st = glp_get_status(p);
    if (rc == 0 && st == GLP_OPT) {
        out.status = MipSolution::Optimal;
        out.objective = glp_get_obj_val(p);
        out.x.resize(m.columns());
        for (int j = 0; j < m.columns(); ++j) out.x[j] = glp_get_col_prim(p, j + 1);
    } else if (rc == 0 && (st == GLP_NOFEAS || glp_get_prim_stat(p) == GLP_NOFEAS)) {
        out.status = MipSolution::Infeasible;
    } else if (rc == GLP_ETMLIM) {
        out.status = MipSolution::TimeLimit;
    }
    glp_delete_prob(p);
    return out;
}

MipSolution solveGlpk(const MipModel& m, std::uint64_t milliseconds) {
    MipSolution out;
    const int n = m.columns();
    if (!valid(m)) return out;
    std::lock_guard<std::mutex> turn(glpkTurn);
    thread_local GlpkEnvOfThisThread freedAtThreadExit;
    (void)freedAtThreadExit;
    glp_term_out(GLP_OFF);
    glp_prob* p = load(m, true);
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.presolve = GLP_ON;
    parm.msg_lev = GLP_MSG_OFF;
    parm.tm_lim = static_cast<int>(std::min<std::uint64_t>(milliseconds, 1u << 30));
    // z within 1e-5 of 0 (GLPK's default) would let a change of up to M·1e-5
    // pass as "no change": a 0,1 fix of a percentage then cost nothing.
    parm.tol_int = 1e-9;
    // Not used, measured on the report: cuts did not shorten Biểu 18; the
    // feasibility pump ignored tm_lim (59 s); pseudocost branching aborted.
    int rc = glp_intopt(p, &parm);
    if (rc == GLP_ENOPFS) {
        // The MIP presolver calls some of these models infeasible that CBC
        // solves (bounds tightened past rounding): ask again with the simplex
        // on the whole model before saying "no solution".
        glp_smcp lp;
        glp_init_smcp(&lp);
        lp.msg_lev = GLP_MSG_OFF;
        lp.tm_lim = parm.tm_lim;
        parm.presolve = GLP_OFF;
        rc = glp_simplex(p, &lp) == 0 && glp_get_status(p) == GLP_OPT ? glp_intopt(p, &parm) : GLP_ENOPFS;
    }
    int st = glp_mip_status(p);
    if (rc == GLP_ENOPFS || rc == GLP_ENODFS || st == GLP_NOFEAS) {
        out.status = MipSolution::Infeasible;
    } else if (rc == GLP_ETMLIM) {
        out.status = MipSolution::TimeLimit;  // a feasible point found in time is not known minimal: not used
    } else if (rc == 0 && st == GLP_OPT) {
        out.status = MipSolution::Optimal;
        out.objective = glp_mip_obj_val(p);
        out.x.resize(n);
        for (int j = 0; j < n; ++j) out.x[j] = glp_mip_col_val(p, j + 1);
    }
    glp_delete_prob(p);
    return out;
}

}  // namespace reportcheck
