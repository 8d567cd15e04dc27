// Engine benchmarks. Every figure is a ratio against a baseline measured in
// the same run, so the numbers mean the same on any machine.
//   reportcheck_bench WORKBOOK.ods RULES.rules [LARGE.ods]
#include <libxml/xmlreader.h>
#include <muParser.h>
#include <zip.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>

#include "reportcheck/ods.h"
#include "reportcheck/rules.h"

using namespace reportcheck;
using Clock = std::chrono::steady_clock;

// Median seconds of `reps` runs of f.
static double timeit(int reps, const std::function<void()>& f) {
    std::vector<double> t;
    for (int i = 0; i < reps; ++i) {
        auto a = Clock::now();
        f();
        t.push_back(std::chrono::duration<double>(Clock::now() - a).count());
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

static std::string slurp(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Baseline for reading: unzip content.xml and walk every XML node, building nothing.
static size_t rawXmlWalk(const std::string& path) {
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
    zip_stat_t st;
    zip_stat(z, "content.xml", 0, &st);
    std::string data(st.size, '\0');
    zip_file_t* f = zip_fopen(z, "content.xml", 0);
    zip_fread(f, data.data(), st.size);
    zip_fclose(f);
    zip_discard(z);
    xmlTextReaderPtr r = xmlReaderForMemory(data.data(), int(data.size()), "c", "UTF-8", XML_PARSE_NONET);
    size_t n = 0;
    while (xmlTextReaderRead(r) == 1) ++n;
    xmlFreeTextReader(r);
    return n;
}

static void row(const char* what, double base, double t, const char* baseName) {
    std::printf("| %s | %.3f ms | %.3f ms (%s) | %.3g× |\n", what, t * 1e3, base * 1e3, baseName, t / base);
}

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s WORKBOOK.ods RULES.rules [LARGE.ods LARGE.rules]\n", argv[0]);
        return 2;
    }
    std::string wbPath = argv[1], rulesPath = argv[2];
    std::string rulesText = slurp(rulesPath);
    const int reps = 30;

    std::printf("| measure | time (median of %d) | baseline | ratio |\n| --- | --- | --- | --- |\n", reps);

    // 1. Reading the report workbook vs walking its XML.
    double xml = timeit(reps, [&] { rawXmlWalk(wbPath); });
    double read = timeit(reps, [&] { readOds(wbPath); });
    row("read report .ods into a snapshot", xml, read, "unzip + walk content.xml");

    // 2. Compile once, run many: a run vs compiling the rules.
    Workbook wb = readOds(wbPath);
    RuleSet rs = RuleSet::compileFile(rulesPath);
    double compile = timeit(reps, [&] { RuleSet::compileFile(rulesPath); });
    double run = timeit(reps, [&] { rs.run(wb); });
    row("run all report rules (compiled once)", compile, run, "compiling the rules");
    Result res = rs.run(wb);

    // 3. What compiling per evaluation would cost: recompile + run every time.
    double both = timeit(reps, [&] { RuleSet::compileFile(rulesPath).run(wb); });
    row("compile + run per validation (the CLI's path)", run, both, "run only");

    // 4. A large sheet: one per-row rule over many rows vs a hand-written loop.
    if (argc >= 5) {
        Workbook big = readOds(argv[3]);
        double bigXml = timeit(5, [&] { rawXmlWalk(argv[3]); });
        double bigRead = timeit(5, [&] { readOds(argv[3]); });
        row("read large .ods (100 000 rows)", bigXml, bigRead, "unzip + walk content.xml");
        RuleSet bigRules = RuleSet::compileFile(argv[4]);
        const Sheet& s = big.sheets[0];
        volatile double sink = 0;
        double loop = timeit(5, [&] {
            int bad = 0;
            for (int r = 1; r < s.rows(); ++r) {
                double lhs = s.at(r, 1).number, rhs = s.at(r, 2).number + s.at(r, 3).number + s.at(r, 4).number;
                bad += lhs != rhs;
            }
            sink = bad;
        });
        double engine = timeit(5, [&] { bigRules.run(big); });
        row("B = C + D + E on 100 000 rows", loop, engine, "hand-written C++ loop");
        // What localisation's recording costs (issue 11/12, scripts/bench_record.sh):
        // the same rules with it and without, runs interleaved.
        {
            Limits noLocate;
            noLocate.locate = false;
            RuleSet bigOff = RuleSet::compileFile(argv[4], noLocate);
            std::vector<double> on, off;
            for (int i = 0; i < 9; ++i) {
                on.push_back(timeit(1, [&] { bigRules.run(big); }));
                off.push_back(timeit(1, [&] { bigOff.run(big); }));
            }
            std::sort(on.begin(), on.end());
            std::sort(off.begin(), off.end());
            row("B = C + D + E on 100 000 rows, localisation on (median of 9)", off[4], on[4], "localisation off");
        }
        // muparser alone: the same expression compiled once, evaluated per row.
        double a = 0, b = 0, c = 0, d = 0;
        mu::Parser p;
        p.DefineVar("a", &a); p.DefineVar("b", &b); p.DefineVar("c", &c); p.DefineVar("d", &d);
        p.SetExpr("b + c + d");
        double mup = timeit(5, [&] {
            int bad = 0;
            for (int r = 1; r < s.rows(); ++r) {
                a = s.at(r, 1).number; b = s.at(r, 2).number; c = s.at(r, 3).number; d = s.at(r, 4).number;
                bad += a != p.Eval();
            }
            sink = bad;
        });
        row("B = C + D + E on 100 000 rows", mup, engine, "muparser compiled once, fed by hand");
        mu::Parser q;
        double recompiled = timeit(1, [&] {
            int bad = 0;
            for (int r = 1; r < s.rows(); ++r) {
                mu::Parser fresh;
                fresh.DefineVar("a", &a); fresh.DefineVar("b", &b); fresh.DefineVar("c", &c); fresh.DefineVar("d", &d);
                fresh.SetExpr("b + c + d");
                a = s.at(r, 1).number; b = s.at(r, 2).number; c = s.at(r, 3).number; d = s.at(r, 4).number;
                bad += a != fresh.Eval();
            }
            sink = bad;
        });
        row("muparser re-parsed per row (what we avoid)", engine, recompiled, "the engine");
        (void)sink;
    }
    // 5. Another sheet's row by label in `for rows` (issue 9): the other sheet's rows
    // in reverse order, found by the current row's label, against the same rule
    // reading a column of its own sheet by row number.
    {
        const int n = 20000;
        Workbook two;
        two.addSheet("A");
        two.addSheet("B");  // may move the first: take references after both
        Sheet& a = two.sheets[0];
        Sheet& b = two.sheets[1];
        for (int r = 0; r < n; ++r) {
            std::string label = "Xã " + std::to_string(r);
            a.set(r, 0, Cell::makeText(label));
            a.set(r, 1, Cell::makeNumber(r));
            a.set(r, 2, Cell::makeNumber(r));
            b.set(n - 1 - r, 0, Cell::makeText(label));
            b.set(n - 1 - r, 1, Cell::makeNumber(r));
        }
        std::string rows = "  for rows 1:" + std::to_string(n) + "\n";
        RuleSet own = RuleSet::compile("sheet \"A\"\nlabels A\ncheck c: B = C\n" + rows, "own.rules");
        RuleSet other = RuleSet::compile("sheet \"B\"\nlabels A\nsheet \"A\"\nlabels A\ncheck c: B = 'B'!B\n" + rows, "other.rules");
        double ownT = timeit(5, [&] { own.run(two); });
        double otherT = timeit(5, [&] { other.run(two); });
        row("B = 'B'!B by row label, 20 000 rows", ownT, otherT, "B = C on the same sheet");
    }
    std::printf("\nreport workbook: %zu findings, %d rules\n", res.findings.size(), res.rulesRun);
    return 0;
}
