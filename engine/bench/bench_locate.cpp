// Error localisation measured on the report's workbook (scripts/bench_locate.sh,
// results in docs/BENCHMARKS.md). Every time is a ratio against a baseline of
// the same run.
//   reportcheck_bench_locate WORKBOOK RULES [PAIRS] [SEED] [maxLocateFailing]
// PAIRS = -1 measures the speed only. BENCH_LOCATE_DETAIL=1 prints the
// determined pairs not both named, with what each new failing check said.
// 1. Speed: validating the workbook (read + compile + run) with localisation
//    against the same without it.
// 2. Single changes: every number of the workbook that some check reads is
//    changed in memory, one at a time; is the changed cell the first suspect?
// 3. Random pairs of changes in different rows and columns of one sheet: are
//    both cells named?
// 4. Solvers: every MIP localisation solved in 1–3 solved again with GLPK and
//    with CBC (coinor-libcbc), same models; times and agreement.
#include <coin/Cbc_C_Interface.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>

#include "reportcheck/locate.h"
#include "reportcheck/present.h"
#include "reportcheck/read.h"
#include "reportcheck/rules.h"

using namespace reportcheck;
using Clock = std::chrono::steady_clock;

static double seconds(Clock::time_point a) { return std::chrono::duration<double>(Clock::now() - a).count(); }

static double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

static MipSolution solveCbc(const MipModel& m, double maxSeconds) {
    MipSolution out;
    const int n = m.columns(), rows = int(m.rows.size());
    std::vector<std::vector<std::pair<int, double>>> cols(n);
    for (int i = 0; i < rows; ++i)
        for (const auto& [c, v] : m.rows[i].terms) cols[c].push_back({i, v});
    std::vector<CoinBigIndex> start{0};
    std::vector<int> index;
    std::vector<double> value;
    for (const auto& c : cols) {
        for (const auto& [r, v] : c) index.push_back(r), value.push_back(v);
        start.push_back(CoinBigIndex(index.size()));
    }
    auto fin = [](double v) { return std::isinf(v) ? (v > 0 ? DBL_MAX : -DBL_MAX) : v; };
    std::vector<double> clo, chi, rlo, rhi;
    for (int j = 0; j < n; ++j) clo.push_back(fin(m.lo[j])), chi.push_back(fin(m.hi[j]));
    for (const auto& r : m.rows) rlo.push_back(fin(r.lo)), rhi.push_back(fin(r.hi));
    Cbc_Model* cbc = Cbc_newModel();
    Cbc_loadProblem(cbc, n, rows, start.data(), index.data(), value.data(), clo.data(), chi.data(), m.cost.data(),
                    rlo.data(), rhi.data());
    for (int j = 0; j < n; ++j)
        if (m.integer[j]) Cbc_setInteger(cbc, j);
    Cbc_setLogLevel(cbc, 0);
    Cbc_setMaximumSeconds(cbc, maxSeconds);
    Cbc_solve(cbc);
    if (Cbc_isProvenOptimal(cbc)) {
        out.status = MipSolution::Optimal;
        out.objective = Cbc_getObjValue(cbc);
        const double* x = Cbc_getColSolution(cbc);
        out.x.assign(x, x + n);
    } else if (Cbc_isProvenInfeasible(cbc)) {
        out.status = MipSolution::Infeasible;
    } else if (Cbc_isSecondsLimitReached(cbc)) {
        out.status = MipSolution::TimeLimit;
    }
    Cbc_deleteModel(cbc);
    return out;
}

struct Key {
    std::string sheet, rule;
    int row, col;
    bool operator<(const Key& o) const { return std::tie(sheet, rule, row, col) < std::tie(o.sheet, o.rule, o.row, o.col); }
};

static std::set<Key> failing(const Result& r) {
    std::set<Key> out;
    for (const auto& f : r.findings)
        if (f.kind == FindingKind::Check) out.insert({f.sheet, f.ruleId, f.row, f.col});
    return out;
}

// The new failing checks a change caused, and the suspects named on them.
struct Outcome {
    int newFailing = 0;
    bool noted = false;  // localisation gave a note (a limit, no solution) instead of cells
    std::string note;    // the first such note's reason: its limit, else its text
    std::vector<std::tuple<std::string, int, int>> firstSuspects, allSuspects;
    std::vector<std::string> lines;  // each new failing finding and what localisation said (for BENCH_LOCATE_DETAIL)
};

static Outcome outcome(const Result& base, const Result& r) {
    Outcome o;
    auto before = failing(base);
    for (const auto& f : r.findings) {
        if (f.kind != FindingKind::Check || before.count({f.sheet, f.ruleId, f.row, f.col})) continue;
        ++o.newFailing;
        if (f.suspects.cells.empty() && !f.suspects.note.en.empty() && !o.noted) {
            const std::string& n = f.suspects.note.en;
            size_t at = n.find("(limit ");
            o.note = at != std::string::npos ? n.substr(at + 7, n.find(' ', at + 7) - at - 7) : n.substr(n.find(':') + 2);
        }
        o.noted = o.noted || (f.suspects.cells.empty() && !f.suspects.note.en.empty());
        if (!f.suspects.cells.empty()) {
            const Suspect& s = f.suspects.cells[0];
            o.firstSuspects.push_back({s.sheet, s.row, s.col});
        }
        for (const auto& s : f.suspects.cells) o.allSuspects.push_back({s.sheet, s.row, s.col});
        o.lines.push_back(f.sheet + "!" + f.cell() + " " + f.ruleId + ": " +
                          (f.suspects.cells.empty() ? f.suspects.note.en : suspectsText(f, "en")));
    }
    return o;
}

static void collect(const MipModel& m, void* ctx) {
    auto* models = static_cast<std::vector<MipModel>*>(ctx);
    if (models->size() < 3000) models->push_back(m);
}

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s WORKBOOK RULES [PAIRS] [SEED]\n", argv[0]);
        return 2;
    }
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // CBC may abort on a model (an assertion in Clp): keep what was measured
    const std::string wbPath = argv[1], rulesPath = argv[2];
    const int pairs = argc > 3 ? std::atoi(argv[3]) : 300;
    const unsigned seed = argc > 4 ? unsigned(std::atoi(argv[4])) : 1;
    const bool detail = std::getenv("BENCH_LOCATE_DETAIL") != nullptr;
    Limits on, off;
    off.locate = false;
    if (argc > 5) on.maxLocateFailing = std::strtoull(argv[5], nullptr, 10);

    // 1. Speed, interleaved so that both see the same machine state.
    std::vector<double> tOff, tOn, tRunOff, tRunOn;
    for (int i = 0; i < 21; ++i) {
        auto a = Clock::now();
        Workbook w = readWorkbook(wbPath);
        RuleSet::compileFile(rulesPath, off).run(w);
        tOff.push_back(seconds(a));
        a = Clock::now();
        Workbook w2 = readWorkbook(wbPath);
        RuleSet::compileFile(rulesPath, on).run(w2);
        tOn.push_back(seconds(a));
    }
    Workbook wb = readWorkbook(wbPath);
    RuleSet rsOff = RuleSet::compileFile(rulesPath, off), rsOn = RuleSet::compileFile(rulesPath, on);
    for (int i = 0; i < 21; ++i) {
        auto a = Clock::now();
        rsOff.run(wb);
        tRunOff.push_back(seconds(a));
        a = Clock::now();
        rsOn.run(wb);
        tRunOn.push_back(seconds(a));
    }
    std::printf("## speed\n\n| measure | time (median of 21) | baseline | ratio |\n| --- | --- | --- | --- |\n");
    std::printf("| validate the report (read + compile + run) with localisation | %.3f ms | %.3f ms (without) | %.3f× |\n",
                median(tOn) * 1e3, median(tOff) * 1e3, median(tOn) / median(tOff));
    std::printf("| run the rules with localisation | %.3f ms | %.3f ms (without) | %.3f× |\n\n", median(tRunOn) * 1e3,
                median(tRunOff) * 1e3, median(tRunOn) / median(tRunOff));
    if (pairs < 0) return 0;  // speed only (PAIRS = -1)

    std::vector<MipModel> models;
    setLocateTrace(collect, &models);
    const Result base = rsOn.run(wb);

    // 2. Single changes.
    std::mt19937 rng(seed);
    struct Change { size_t sheet; int row, col; double value; bool twoPlus = false; };
    std::vector<Change> detected;
    int numbers = 0, oneCheck = 0, twoPlus = 0, twoPlusFirst = 0, onePlusFirst = 0, named = 0, twoPlusNoted = 0;
    std::map<std::string, std::pair<int, int>> missesBySheet;
    std::map<std::string, int> notesWhy;
    auto changed = [&](const std::vector<std::pair<Change, double>>& cs) {
        for (const auto& [c, v] : cs) {
            Cell cell = wb.sheets[c.sheet].at(c.row, c.col);
            cell.number = v;
            wb.sheets[c.sheet].set(c.row, c.col, cell);
        }
        Result r = rsOn.run(wb);
        for (const auto& [c, v] : cs) {
            Cell cell = wb.sheets[c.sheet].at(c.row, c.col);
            cell.number = c.value;
            wb.sheets[c.sheet].set(c.row, c.col, cell);
        }
        return outcome(base, r);
    };
    auto delta = [&](double v) {
        double d = std::max(1.0, std::round(std::fabs(v) * std::uniform_real_distribution<double>(0.05, 0.3)(rng)));
        return v - d >= 0 && (rng() & 1) ? -d : d;
    };
    for (size_t s = 0; s < wb.sheets.size(); ++s) {
        const Sheet& sh = wb.sheets[s];
        for (int r = 0; r < sh.rows(); ++r)
            for (int c = 0; c < sh.width(r); ++c) {
                const Cell& cell = sh.at(r, c);
                if (cell.kind != Cell::Kind::Number) continue;
                ++numbers;
                Change ch{s, r, c, cell.number};
                Outcome o = changed({{ch, cell.number + delta(cell.number)}});
                if (o.newFailing == 0) continue;
                detected.push_back(ch);
                auto me = std::make_tuple(sh.name(), r, c);
                bool first = !o.firstSuspects.empty() && o.firstSuspects[0] == me;
                bool inSet = std::find(o.allSuspects.begin(), o.allSuspects.end(), me) != o.allSuspects.end();
                named += inSet;
                if (o.newFailing >= 2) {
                    detected.back().twoPlus = true;
                    ++twoPlus;
                    twoPlusFirst += first;
                    twoPlusNoted += o.noted;
                    if (o.noted) notesWhy[o.note]++;
                    if (!first) missesBySheet[sh.name()].first++;
                } else {
                    ++oneCheck;
                    onePlusFirst += first;
                }
            }
    }
    std::printf("## single changes\n\n");
    std::printf("- numbers in the workbook: %d; changes some check detects: %zu\n", numbers, detected.size());
    std::printf("- detected by two or more checks: %d; changed cell first suspect: %d (%.1f %%)\n", twoPlus, twoPlusFirst,
                twoPlus ? 100.0 * twoPlusFirst / twoPlus : 0.0);
    std::printf("  - of the others, a note instead of cells (a limit, mostly maxLocateFailing in a table the report already fails): %d;"
                " first suspect where cells were named: %.1f %%\n",
                twoPlusNoted, twoPlus - twoPlusNoted ? 100.0 * twoPlusFirst / (twoPlus - twoPlusNoted) : 0.0);
    std::printf("- detected by one check: %d; changed cell first suspect: %d (%.1f %%)\n", oneCheck, onePlusFirst,
                oneCheck ? 100.0 * onePlusFirst / oneCheck : 0.0);
    std::printf("- changed cell among the suspects (all detected): %d (%.1f %%)\n", named,
                detected.empty() ? 0.0 : 100.0 * named / double(detected.size()));
    for (const auto& [sheet, m] : missesBySheet) std::printf("  - not first (two or more checks), %s: %d\n", sheet.c_str(), m.first);
    for (const auto& [why, k] : notesWhy) std::printf("  - a note (two or more checks): %s: %d\n", why.c_str(), k);

    // 3. Pairs.
    // Both changes each read by two or more checks: a part one check reads
    // cannot be told from its total (the total is named, by design), so
    // these are the pairs whose two cells are determined.
    int tried = 0, both = 0, bothDetected = 0, pairNoted = 0, twoPlusPairs = 0, twoPlusBoth = 0;
    for (int k = 0; k < pairs * 50 && tried < pairs && detected.size() > 1; ++k) {
        const Change& a = detected[rng() % detected.size()];
        const Change& b = detected[rng() % detected.size()];
        if (a.sheet != b.sheet || a.row == b.row || a.col == b.col) continue;
        ++tried;
        const double va = a.value + delta(a.value), vb = b.value + delta(b.value);
        Outcome o = changed({{a, va}, {b, vb}});
        if (o.newFailing == 0) continue;
        ++bothDetected;
        auto has = [&](const Change& c) {
            auto me = std::make_tuple(wb.sheets[c.sheet].name(), c.row, c.col);
            return std::find(o.allSuspects.begin(), o.allSuspects.end(), me) != o.allSuspects.end();
        };
        both += has(a) && has(b);
        pairNoted += o.noted;
        if (a.twoPlus && b.twoPlus) ++twoPlusPairs, twoPlusBoth += has(a) && has(b);
        // BENCH_LOCATE_DETAIL=1: the determined pairs not both named, finding by finding (to study the misses).
        if (detail && a.twoPlus && b.twoPlus && !(has(a) && has(b))) {
            const Sheet& sh = wb.sheets[a.sheet];
            std::printf("- miss %s: %s %g -> %g, %s %g -> %g\n", sh.name().c_str(), cellName(a.row, a.col).c_str(), a.value,
                        va, cellName(b.row, b.col).c_str(), b.value, vb);
            for (const auto& l : o.lines) std::printf("  - %s\n", l.c_str());
        }
    }
    std::printf("\n## pairs\n\n- random pairs (one sheet, different rows and columns): %d, detected %d; both cells named: %d (%.1f %%)\n",
                tried, bothDetected, both, bothDetected ? 100.0 * both / bothDetected : 0.0);
    std::printf("- of the pairs, a note on some new failing check: %d\n", pairNoted);
    std::printf("- pairs of two changes each detected by two or more checks alone: %d; both cells named: %d (%.1f %%)\n",
                twoPlusPairs, twoPlusBoth, twoPlusPairs ? 100.0 * twoPlusBoth / twoPlusPairs : 0.0);
    setLocateTrace(nullptr, nullptr);

    // 4. Solvers on the same models.
    double tg = 0, tc = 0;
    int agree = 0, gOpt = 0, cOpt = 0, vars = 0, rows = 0;
    for (const auto& m : models) {
        auto a = Clock::now();
        MipSolution g = solveGlpk(m, 1000);
        tg += seconds(a);
        a = Clock::now();
        MipSolution c = solveCbc(m, 1.0);
        tc += seconds(a);
        gOpt += g.status == MipSolution::Optimal;
        cOpt += c.status == MipSolution::Optimal;
        agree += g.status == c.status && (g.status != MipSolution::Optimal || std::fabs(g.objective - c.objective) < 1e-6);
        vars = std::max(vars, m.columns());
        rows = std::max(rows, int(m.rows.size()));
    }
    std::printf("\n## solvers\n\n- %zu models (largest %d columns, %d rows)\n", models.size(), vars, rows);
    std::printf("| solver | total time | optimal | ratio to GLPK |\n| --- | --- | --- | --- |\n");
    std::printf("| GLPK 5.0 (glp_intopt, presolve) | %.1f ms | %d | 1× |\n", tg * 1e3, gOpt);
    std::printf("| CBC 2.10 (Cbc_C_Interface) | %.1f ms | %d | %.2f× |\n", tc * 1e3, cOpt, tc / tg);
    std::printf("- same status and objective: %d of %zu\n", agree, models.size());
    return 0;
}
