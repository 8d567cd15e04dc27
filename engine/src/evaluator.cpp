// Runs compiled rules over a workbook snapshot and produces findings.
// Data flows one way: cells -> muparser variables -> comparisons -> findings.
#include <muParser.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <tuple>
#include <unordered_map>

#include "messages.h"
#include "mu_sets.h"
#include "numbers.h"
#include "reportcheck/present.h"
#include "locate/record.h"
#include "refs.h"
#include "rule_model.h"
#include "workbook_index.h"
#include "text_util.h"

namespace reportcheck {

namespace {

struct CellPos {
    const Sheet* sheet = nullptr;
    int row = -1, col = -1;
};

// One evaluation of an expression at one instance of a rule.
struct Value {
    enum Status { Ok, AllEmpty, Skip } status = Ok;
    double v = 0;
    bool anyEmpty = false;  // some cell it reads is empty
    std::uint64_t cells = 0;  // cells it reads (a range counts each of its cells)
    CellPos first;  // the first cell the expression reads
    int firstDecimals = -1;  // the decimals `first` shows (Cell::decimals), when eval was asked for them
};

// Calc's bounds: no row or column selection reaches past them.
constexpr int kCalcRows = 1048576, kCalcCols = 16384;

// Cuts `s` to at most `max` bytes on a character boundary and marks the cut.
void truncateText(std::string& s, size_t max) {
    if (s.size() <= max) return;
    size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    s.resize(cut);
    s += "…";
}

// Rows or columns a `for` selects: spans [first, last] in the order written,
// without repeats, except-rows taken out. Never one entry per row: `1:9999999`
// is one span, whatever it is clipped to.
using Spans = std::vector<std::pair<int, int>>;

// Disjoint spans, keyed by first.
class SpanSet {
public:
    // The parts of [a, b] not in the set, ascending.
    void missing(int a, int b, Spans& out) const {
        auto it = m_.upper_bound(a);
        if (it != m_.begin() && std::prev(it)->second >= a) --it;
        for (int x = a; x <= b;) {
            if (it == m_.end() || it->first > b) { out.push_back({x, b}); break; }
            if (it->first > x) out.push_back({x, it->first - 1});
            if (it->second >= b) break;
            x = std::max(x, it->second + 1);
            ++it;
        }
    }
    void insert(int a, int b) {
        auto it = m_.upper_bound(a);
        if (it != m_.begin() && std::prev(it)->second >= a - 1) --it;
        while (it != m_.end() && it->first <= b + 1) {
            a = std::min(a, it->first);
            b = std::max(b, it->second);
            it = m_.erase(it);
        }
        m_.emplace(a, b);
    }

private:
    std::map<int, int> m_;
};

class Run {
public:
    // `started`: when the run's time budget began (a second, recording pass
    // shares the first's budget: localisation never doubles a run's bound).
    Run(const Workbook& wb, const Limits& limits, MuLease& mu, Result& res,
        std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now())
        : wb_(wb), idx_(wb), limits_(limits), mu_(mu), res_(res),
          deadline_(started + std::chrono::milliseconds(limits.maxRunMilliseconds)) {}

    void sectionsSeen(const std::vector<std::unique_ptr<Rule>>& rules) {
        for (const auto& r : rules) sections_[r->section.sheet] = r->section;
    }

    void scanErrorCells() {
        for (const auto& [name, sec] : sections_) {
            const Sheet* s = idx_.sheet(name);
            // A sheet that never held an error cell is not walked: on a long clean
            // sheet the walk cost a fifth of the rules (100,000 rows, callgrind).
            if (!s || !s->mayHoldErrors()) continue;
            for (int r = 0; r < s->rows(); ++r) {
                if (!charge(1 + s->width(r))) return;
                for (int c = 0; c < s->width(r); ++c)  // its kind only: no Cell (nor a copy of a text) built
                    if (s->kind(r, c) == Cell::Kind::Error) reportErrorCell({s, r, c});
            }
        }
    }

    // Runs one rule; findings beyond the per-rule cap are counted, not listed.
    void rule(const Rule& r) {
        rule_ = &r;
        ruleFindings_ = ruleUnlisted_ = 0;
        res_.rules.emplace_back();
        outcome_ = &res_.rules.back();
        outcome_->ruleId = r.id;
        ruleBody(r);
        outcome_ = nullptr;
        if (ruleUnlisted_ > 0)
            limit("maxFindingsPerRule", limits_.maxFindingsPerRule, {}, false, ruleUnlisted_);
    }

    void ruleBody(const Rule& r) {
        sheet_ = idx_.sheet(r.section.sheet);
        if (!sheet_) {
            missingSheet(r.section.sheet);
            return notStarted();
        }
        // A label ending in '*' is a prefix here as in `@"…"` and `for rows` (issue 9: `within "Cơ cấu*"`
        // was searched as the literal text "Cơ cấu*" and never matched).
        auto find = [&](const std::string& l, int from, int occurrence = 1) {
            bool prefix = l.size() > 1 && l.back() == '*';
            return idx_.findLabel(*sheet_, r.section.labelCol1, r.section.labelCol2,
                                  prefix ? l.substr(0, l.size() - 1) : l, prefix, occurrence, from, -1);
        };
        if (!r.blocks.empty()) return blocks(r, find);
        withinFrom_ = 0;
        withinTo_ = -1;
        if (!r.withinStart.empty()) {
            withinFrom_ = find(r.withinStart, 0);
            if (withinFrom_ < 0) return missingLabel(r.withinStart), notStarted();
            if (!r.withinEnd.empty()) {
                withinTo_ = find(r.withinEnd, withinFrom_);
                if (withinTo_ < 0) return missingLabel(r.withinEnd), notStarted();
            }
        }
        scoped(r);
    }

    // `for blocks "A", "B"`: every row labelled with one of the anchors starts a
    // block that ends above the next one (or at the sheet's end); the rule runs
    // once in each, its label searches confined to the block. At most
    // Limits::maxBlocks blocks: each runs the whole rule again.
    template <class Find>
    void blocks(const Rule& r, Find& find) {
        std::vector<int> starts;
        for (const std::string& anchor : r.blocks) {
            int found = 0;
            for (int from = 0;;) {
                if (stopped_ || !charge(1)) return;
                int at = find(anchor, from);
                if (at < 0) break;
                ++found;
                starts.push_back(at);
                if (starts.size() > limits_.maxBlocks) break;
                from = at + 1;
            }
            if (found == 0) missingLabel(anchor), notStarted();
            if (starts.size() > limits_.maxBlocks) break;
        }
        std::sort(starts.begin(), starts.end());
        starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
        if (starts.size() > limits_.maxBlocks) {
            limit("maxBlocks", limits_.maxBlocks, {sheet_, starts[limits_.maxBlocks], 0}, false);
            starts.resize(limits_.maxBlocks);
        }
        for (size_t i = 0; i < starts.size() && !stopped_; ++i) {
            withinFrom_ = starts[i];
            withinTo_ = i + 1 < starts.size() ? starts[i + 1] - 1 : -1;
            scoped(r);
        }
    }

    // The rule inside the label scope withinFrom_..withinTo_.
    void scoped(const Rule& r) {
        Spans rows{{-1, -1}}, cols{{-1, -1}};
        if ((r.hasRows && !rowList(r, rows)) || (r.hasCols && !colList(r, cols))) return notStarted();
        if (onlyRows_) rows = onlyThese(rows);
        switch (r.kind) {
            case RuleKind::Check:
                forEach(rows, cols, [&](int row, int col) { return check(r, row, col); });
                break;
            case RuleKind::Target:
                forEach(rows, cols, [&](int row, int col) { return target(r, row, col); });
                break;
            case RuleKind::Total:
                total(r, rows, cols);
                break;
        }
    }

    bool stopped() const { return stopped_; }
    void recordTo(InstanceRecorder* rec) { rec_ = rec; }  // error localisation (locate/record.h)
    // A second, recording pass: its failing checks' findings (and their
    // messages) are the first pass's, not built again.
    void recordOnly() { recordOnly_ = true; }
    // A second pass: on each sheet named, only these rows (sorted; see
    // InstanceRecorder::rowsBound), the others skipped before anything is read.
    void onlyRows(const std::map<const Sheet*, std::vector<int>>* rows) { onlyRows_ = rows; }

    void finish() {
        if (runUnlisted_ > 0) {
            rule_ = nullptr;
            limit("maxFindings", limits_.maxFindings, {}, false, runUnlisted_);
        }
        std::set<std::string> failed;
        for (const auto& f : res_.findings)
            if (f.severity != Severity::Info && f.kind != FindingKind::CellError && f.kind != FindingKind::TextNumber)
                failed.insert(f.ruleId);
        res_.rulesFailed = static_cast<int>(failed.size());
        std::stable_sort(res_.findings.begin(), res_.findings.end(), [&](const Finding& a, const Finding& b) {
            return std::make_tuple(idx_.sheetOrder(a.sheet), a.row, a.col, a.ruleId) <
                   std::make_tuple(idx_.sheetOrder(b.sheet), b.row, b.col, b.ruleId);
        });
        // Each rule's findings and a target's first status (sheet order), for
        // RC.RULE: counted here once, not by every caller.
        std::map<std::string, RuleOutcome*> byId;
        for (auto& o : res_.rules) byId.emplace(o.ruleId, &o);
        for (const auto& f : res_.findings) {
            auto it = byId.find(f.ruleId);
            if (it == byId.end()) continue;
            if (f.severity != Severity::Info) ++it->second->findings;
            if (it->second->status == TargetStatus::None) it->second->status = f.status;
        }
    }

private:
    const Workbook& wb_;
    WorkbookIndex idx_;
    const Limits& limits_;
    MuLease& mu_;  // this run's parsers and their variables
    Result& res_;
    std::map<std::string, Section> sections_;
    std::set<std::tuple<const Sheet*, int, int>> reportedCells_;
    std::set<std::string> reportedRuleProblems_;
    const Rule* rule_ = nullptr;
    RuleOutcome* outcome_ = nullptr;  // the running rule's counts (Result::rules)
    // Why the last evaluation was skipped: set where the reason is found
    // (missing, number, limit), read where the instance is counted.
    enum class Skip { MissingRef, NotNumber, ErrorCell, Limit } skip_ = Skip::Limit;
    const Expr* expr_ = nullptr;  // the expression being evaluated, for messages
    struct ExprScope {
        const Expr*& slot;
        const Expr* saved;
        ExprScope(const Expr*& s, const Expr* e) : slot(s), saved(s) { slot = e; }
        ~ExprScope() { slot = saved; }
    };
    const Sheet* sheet_ = nullptr;
    int withinFrom_ = 0, withinTo_ = -1;
    const std::vector<int>* nodeRows_ = nullptr;
    const Rule::Parent* parent_ = nullptr;  // total(): the parent whose parts are being added
    // Messages' words (headerOf, blockOf): per (sheet, column, numbers row) the
    // row the last header walk started from and the header row it found (-1
    // none); per (sheet, label columns) how often each row label occurs.
    std::map<std::tuple<const Sheet*, int, int>, std::pair<int, int>> headerMemo_;
    std::map<std::tuple<const Sheet*, int, int>, std::vector<std::uint64_t>> labelCounts_;  // sorted label hashes
    bool stopped_ = false;
    InstanceRecorder* rec_ = nullptr;
    bool recordOnly_ = false;
    const std::map<const Sheet*, std::vector<int>>* onlyRows_ = nullptr;
    std::set<std::tuple<const Rule*, const Sheet*, int, int>> reportedInstances_;
    struct RefArea { CellPos a; int r1 = 0, c1 = 0, r2 = 0, c2 = 0; };
    std::vector<RefArea> scratchAreas_;  // reused across evaluations: no allocation per instance

    // The work done so far against Limits (64-bit: a hostile run counts billions).
    using Clock = std::chrono::steady_clock;
    Clock::time_point deadline_;
    std::uint64_t evaluations_ = 0, cellsRead_ = 0, messageBytes_ = 0, sinceClock_ = 0;
    std::uint64_t listed_ = 0, runUnlisted_ = 0, ruleFindings_ = 0, ruleUnlisted_ = 0;

    // The rule cannot start: its sheet or a label of its scope is missing.
    void notStarted() {
        if (outcome_) ++outcome_->skippedMissingRef;
    }
    // An instance not evaluated, counted by why.
    void countSkip() {
        if (!outcome_) return;
        switch (skip_) {
            case Skip::MissingRef: ++outcome_->skippedMissingRef; break;
            case Skip::NotNumber: ++outcome_->skippedNotNumber; break;
            case Skip::ErrorCell: ++outcome_->skippedErrorCell; break;
            case Skip::Limit: ++outcome_->skippedLimit; break;
        }
    }
    void count(std::uint64_t RuleOutcome::*field) {
        if (outcome_) ++(outcome_->*field);
    }

    // The rows of `rows` that onlyRows_ keeps for this sheet, in the same
    // order; all of them on a sheet it does not name.
    Spans onlyThese(const Spans& rows) const {
        auto it = onlyRows_->find(sheet_);
        if (it == onlyRows_->end()) return rows;
        Spans out;
        const std::vector<int>& keep = it->second;
        for (const auto& [a, b] : rows)
            for (auto k = std::lower_bound(keep.begin(), keep.end(), a); k != keep.end() && *k <= b; ++k)
                out.push_back({*k, *k});
        return out;
    }

    template <class F>
    void forEach(const Spans& rows, const Spans& cols, F f) {
        for (const auto& [r1, r2] : rows)
            for (int row = r1; row <= r2; ++row)
                for (const auto& [c1, c2] : cols)
                    for (int col = c1; col <= c2; ++col)
                        if (!f(row, col)) return;
    }

    // A limit was hit: one finding naming it, its value, the rule and the cell.
    // `stops`: the run ends here (time, cells, evaluations, output). `count`:
    // findings left unlisted, or the cells of `range`.
    void limit(const char* name, std::uint64_t value, CellPos at, bool stops, std::uint64_t count = 0,
               const std::string& range = "") {
        skip_ = Skip::Limit;
        if (stops && stopped_) return;
        Finding f = base(rule_, at);
        if (!rule_) f.ruleId = "limit";
        f.kind = FindingKind::Limit;
        f.severity = Severity::Error;
        f.limitName = name;
        f.limitValue = value;
        f.limitStops = stops;
        f.limitCount = count;
        f.limitRange = range;
        f.message.vi = defaultMessage(f, "vi");
        f.message.en = defaultMessage(f, "en");
        truncateText(f.message.vi, limits_.maxMessageBytes);
        truncateText(f.message.en, limits_.maxMessageBytes);
        res_.findings.push_back(std::move(f));  // limit findings are never capped: they say what was left out
        if (stops) stopped_ = true;
    }

    // Charges `cells` read against maxCellsTouched and, every 64 K cells or
    // 256 calls, looks at the clock. False once the run must stop.
    bool charge(std::uint64_t cells) {
        if (stopped_) return false;
        cellsRead_ += cells;
        sinceClock_ += cells + 256;
        // Called several times per instance: the usual answer without a call.
        if (cellsRead_ + idx_.cellsScanned() <= limits_.maxCellsTouched && sinceClock_ < 65536) return true;
        return chargeChecks();
    }
    bool chargeChecks() {
        if (cellsRead_ + idx_.cellsScanned() > limits_.maxCellsTouched) {
            limit("maxCellsTouched", limits_.maxCellsTouched, {}, true);
            return false;
        }
        if (sinceClock_ >= 65536) {
            sinceClock_ = 0;
            if (Clock::now() > deadline_) {
                limit("maxRunMilliseconds", limits_.maxRunMilliseconds, {}, true);
                return false;
            }
        }
        return true;
    }

    Finding base(const Rule* r, CellPos at) {
        Finding f;
        if (r) {
            f.ruleId = r->id;
            f.severity = r->severity;
        }
        if (at.sheet) {
            f.sheet = at.sheet->name();
            f.row = at.row;
            f.col = at.col;
        }
        return f;
    }

    // Every finding goes through here: caps per rule and per run, bounded
    // message sizes and a bound on all messages' bytes.
    void add(Finding f) {
        if (stopped_) return;
        if (rule_ && f.ruleId == rule_->id) {
            if (unlisted()) return;
            ++ruleFindings_;
        } else if (listed_ >= limits_.maxFindings) {
            ++runUnlisted_;
            return;
        }
        if (f.message.vi.empty() && f.message.en.empty()) render(f);
        truncateText(f.message.vi, limits_.maxMessageBytes);
        truncateText(f.message.en, limits_.maxMessageBytes);
        messageBytes_ += f.message.vi.size() + f.message.en.size();
        if (messageBytes_ > limits_.maxMessageBytesTotal) {
            limit("maxMessageBytesTotal", limits_.maxMessageBytesTotal, {}, true);
            return;
        }
        ++listed_;
        res_.findings.push_back(std::move(f));
    }

    // True when a finding of the current rule would not be listed (a cap is
    // reached): it is counted instead, before any message is built for it.
    bool unlisted() {
        if (ruleFindings_ >= limits_.maxFindingsPerRule) { ++ruleUnlisted_; return true; }
        if (listed_ >= limits_.maxFindings) { ++runUnlisted_; return true; }
        return false;
    }

    void reportErrorCell(CellPos p) {
        if (!reportedCells_.insert({p.sheet, p.row, p.col}).second) return;
        Finding f = base(nullptr, p);
        f.ruleId = "cell-error";
        f.severity = Severity::Error;
        f.kind = FindingKind::CellError;
        f.cellText = p.sheet->at(p.row, p.col).text;
        truncateText(f.cellText, kWordsBytes);
        add(std::move(f));
    }

    // A sheet, label, header or name the rule needs is not in the workbook. Says
    // where in the rules file: the expression being evaluated, or the rule.
    void missing(const MissingRef& what, CellPos at, int line = 0, int column = 0) {
        skip_ = Skip::MissingRef;
        std::string key = rule_->id + "|" + missingWhat(what, "en");
        if (!reportedRuleProblems_.insert(key).second) return;
        Finding f = base(rule_, at.sheet ? at : CellPos{});
        if (!at.sheet) f.sheet = rule_->section.sheet;
        f.kind = FindingKind::MissingRef;
        f.ruleFile = rule_->file;
        f.ruleLine = line ? line : expr_ && expr_->line ? expr_->line : rule_->line;
        f.ruleColumn = line ? column : expr_ && expr_->line ? expr_->col : 1;
        f.missing = what;
        add(std::move(f));
    }
    // A sheet the rules name and the workbook lacks, with the workbook's sheet
    // whose name is closest when it looks like a misspelling ("Bieu 11" for
    // "Biểu 11"), so lint --workbook and validate say which one was meant.
    void missingSheet(const std::string& name) {
        // Only sheets with the same numbers: "Biểu 99" is another table than
        // "Biểu 1", not a misspelling of it.
        auto digits = [](const std::string& x) {
            std::string d;
            for (char ch : x)
                if (ch >= '0' && ch <= '9') d += ch;
            return d;
        };
        std::vector<std::string> names;
        for (const Sheet& sh : wb_.sheets)
            if (digits(sh.name()) == digits(name)) names.push_back(sh.name());
        MissingRef m;
        m.kind = MissingRef::Sheet;
        m.text = name;
        m.suggestion = closestWord(name, names);
        missing(m, {});
    }
    // `inSheet` "": the rule's own sheet, which its messages do not name.
    // `suggestion`: a label or header the sheet has that the one asked for
    // looks like a misspelling of (issue 9), said as "did you mean".
    static MissingRef missingRef(MissingRef::Kind kind, const std::string& text, const std::string& inSheet = "",
                                 int occurrence = 1, const std::string& suggestion = "") {
        MissingRef m;
        m.kind = kind;
        m.text = text;
        m.inSheet = inSheet;
        m.occurrence = occurrence;
        m.suggestion = suggestion;
        return m;
    }
    std::string labelGuess(const Sheet& s, const Section& sec, std::string label) {
        if (!label.empty() && label.back() == '*') return "";  // a prefix is not a misspelt label
        return idx_.closestLabel(s, sec.labelCol1, sec.labelCol2, label);
    }
    void missingLabel(const std::string& label) {
        missing(missingRef(MissingRef::Label, label, "", 1, labelGuess(*sheet_, rule_->section, label)), {});
    }

    const Section& sectionOf(const Sheet* s) {
        static const Section defaults;
        if (s == sheet_) return rule_->section;
        auto it = sections_.find(s->name());
        return it == sections_.end() ? defaults : it->second;
    }

    // resolve, the common case first without a call, as resolve answers it: a
    // column of the rule's own sheet in the current row (`B` in `for rows`),
    // read on every row of a long sheet.
    bool resolveNow(const CellRef& ref, int row, int col, CellPos& out) {
        if (ref.row.kind == RowPart::Current && ref.col.kind == ColPart::Fixed && ref.sheet.empty() && ref.name.empty()) {
            out = {sheet_, row, ref.col.col};
            return out.row >= 0 && out.col >= 0;
        }
        return resolve(ref, row, col, out);
    }

    bool resolve(const CellRef& ref, int row, int col, CellPos& out) {
        const Sheet* s = sheet_;
        if (!ref.sheet.empty()) {
            s = idx_.sheet(ref.sheet);
            if (!s) {
                missingSheet(ref.sheet);
                return false;
            }
        }
        if (!ref.name.empty()) {
            const Area* a = idx_.name(ref.name);
            const Sheet* ns = a ? idx_.sheet(a->sheet) : nullptr;
            if (!a || !ns) {
                missing(missingRef(MissingRef::Name, ref.name), {});
                return false;
            }
            out = {ns, a->row1, a->col1};
            return true;
        }
        const Section& sec = sectionOf(s);
        out.sheet = s;
        switch (ref.row.kind) {
            case RowPart::Current:
                out.row = row;
                // Another sheet's column in `for rows`: the row with the current
                // row's label there (its n-th occurrence when the label repeats),
                // not the same row number (issue 9); a row without a label keeps
                // its number.
                if (s != sheet_ && row >= 0) {
                    std::string label;
                    int occurrence = 1;
                    const Section& own = rule_->section;
                    if (idx_.rowLabel(*sheet_, own.labelCol1, own.labelCol2, row, label, occurrence)) {
                        out.row = idx_.labelRow(*s, sec.labelCol1, sec.labelCol2, label, occurrence);
                        if (out.row < 0) {
                            missing(missingRef(MissingRef::Label, label, s->name(), occurrence, labelGuess(*s, sec, label)), {});
                            return false;
                        }
                    }
                }
                break;
            case RowPart::Fixed: out.row = ref.row.row; break;
            case RowPart::Node: out.row = (*nodeRows_)[ref.row.row]; break;
            case RowPart::Label: {
                bool own = s == sheet_;
                out.row = idx_.findLabel(*s, sec.labelCol1, sec.labelCol2, ref.row.label, ref.row.prefix, ref.row.occurrence,
                                         own ? withinFrom_ : 0, own ? withinTo_ : -1);
                if (out.row < 0) {
                    std::string l = ref.row.label + (ref.row.prefix ? "*" : "");
                    missing(missingRef(MissingRef::Label, l, s->name(), ref.row.occurrence, labelGuess(*s, sec, l)), {});
                    return false;
                }
                break;
            }
        }
        switch (ref.col.kind) {
            case ColPart::Current: out.col = col; break;
            case ColPart::Fixed: out.col = ref.col.col; break;
            case ColPart::Node: out.col = (*nodeRows_)[ref.col.col]; break;
            case ColPart::Header:
                out.col = idx_.findHeader(*s, sec.headerRow1, sec.headerRow2, ref.col.header, ref.col.prefix, ref.col.occurrence);
                if (out.col < 0) {
                    std::string h = ref.col.header + (ref.col.prefix ? "*" : "");
                    std::string g = ref.col.prefix ? "" : idx_.closestHeader(*s, sec.headerRow1, sec.headerRow2, h);
                    missing(missingRef(MissingRef::Header, h, s->name(), 1, g), {});
                    return false;
                }
                break;
            case ColPart::Numbered:
                out.col = sec.numbersRow < 0 ? -1 : idx_.findNumberedColumn(*s, sec.numbersRow, ref.col.number);
                if (out.col < 0) {
                    missing(missingRef(MissingRef::NumberedColumn, ref.col.number, s->name()), {});
                    return false;
                }
                break;
        }
        return out.row >= 0 && out.col >= 0;
    }

    // The texts published statistics use for "no figure", after trimming spaces.
    static bool isPlaceholder(const std::string& text) {
        static const char* const kTexts[] = {"-", "\u2013", "\u2014", "..", "...", "\u2026", "x", "X"};
        size_t a = text.find_first_not_of(" \t"), b = text.find_last_not_of(" \t");
        if (a == std::string::npos) return false;
        std::string t = text.substr(a, b - a + 1);
        for (const char* k : kTexts)
            if (t == k) return true;
        return false;
    }

    // Reads one cell as a number. False: the instance cannot be evaluated.
    // `decimals`: where to note the decimals the cell shows (compare's
    // precision), read here rather than fetching the cell again.
    bool number(CellPos p, double& v, bool& empty, int* decimals = nullptr) {
        // A number other than 0 is a Number cell (Sheet::number is 0 for any
        // other kind): read without building a Cell, the common case of a
        // long sheet's figures. Inline; the rest is numberOf.
        if (!decimals) {
            const double x = p.sheet->number(p.row, p.col);
            if (x != 0) {
                v = x;
                empty = false;
                return true;
            }
        }
        return numberOf(p, v, empty, decimals);
    }
    bool numberOf(CellPos p, double& v, bool& empty, int* decimals) {
        // A Number cell (0, or its decimals wanted): no Cell built either.
        int shownDecimals;
        if (p.sheet->numberCell(p.row, p.col, v, shownDecimals)) {
            empty = false;
            if (decimals) *decimals = shownDecimals;
            return true;
        }
        const Cell& c = p.sheet->at(p.row, p.col);
        empty = false;
        if (decimals) *decimals = c.decimals;
        switch (c.kind) {
            case Cell::Kind::Number: v = c.number; return true;
            case Cell::Kind::Empty: v = 0; empty = true; return true;
            case Cell::Kind::Error: skip_ = Skip::ErrorCell; reportErrorCell(p); return false;
            case Cell::Kind::Text:
                // Yearbooks print "-", "..", "x", "…" for "no figure" (none, not
                // collected, not applicable): the cell is read as empty, as an empty
                // cell would be, never a "text where a number was needed" finding
                // (issue 9; rules/README.md "Placeholders").
                if ((!rule_ || rule_->placeholders) && isPlaceholder(c.text)) { v = 0; empty = true; return true; }
                if (parseTextNumber(c.text, v)) {
                    if (reportedCells_.insert({p.sheet, p.row, p.col}).second) {
                        Finding f = base(nullptr, p);
                        f.ruleId = "text-number";
                        f.severity = Severity::Warning;
                        f.kind = FindingKind::TextNumber;
                        f.hasValues = true;
                        f.actual = f.expected = v;
                        f.cellText = c.text;
                        truncateText(f.cellText, kWordsBytes);
                        add(std::move(f));
                    }
                    return true;
                }
                skip_ = Skip::NotNumber;
                if (reportedCells_.insert({p.sheet, p.row, p.col}).second) {
                    Finding f = base(rule_, p);
                    f.kind = FindingKind::NotNumber;
                    f.cellText = c.text;
                    truncateText(f.cellText, kWordsBytes);
                    add(std::move(f));
                }
                return false;
        }
        return false;
    }

    bool budget(CellPos at) {
        if (++evaluations_ <= limits_.maxEvaluations) return charge(0);
        limit("maxEvaluations", limits_.maxEvaluations, at, true);
        return false;
    }

    // `shownOfFirst`: note the decimals its first cell shows (Value::firstDecimals).
    Value eval(const Expr& e, int row, int col, bool shownOfFirst = false) {
        ExprScope scope(expr_, &e);
        Value out;
        if (e.empty() && e.refs.empty()) { out.status = Value::AllEmpty; return out; }
        if (!budget({sheet_, row, col})) { out.status = Value::Skip; return out; }
        if (e.rowCells) return evalRowCells(e, row, shownOfFirst, out);
        // Resolve every reference before reading any cell, so that a missing
        // label reports nothing about the cells of the other references.
        std::vector<RefArea>& areas = scratchAreas_;
        if (areas.size() < e.refs.size()) areas.resize(e.refs.size());  // each field is written below before it is read
        for (size_t i = 0; i < e.refs.size(); ++i) {
            const Ref& ref = e.refs[i];
            RefArea& ar = areas[i];
            if (!resolveNow(ref.a, row, col, ar.a)) { out.status = Value::Skip; return out; }
            ar.r1 = ar.r2 = ar.a.row;
            ar.c1 = ar.c2 = ar.a.col;
            if (!ref.range) continue;
            CellPos b;
            if (!resolve(ref.b, row, col, b)) { out.status = Value::Skip; return out; }
            ar.r1 = std::min(ar.a.row, b.row), ar.r2 = std::max(ar.a.row, b.row);
            ar.c1 = std::min(ar.a.col, b.col), ar.c2 = std::max(ar.a.col, b.col);
            std::uint64_t n = std::uint64_t(ar.r2 - ar.r1 + 1) * std::uint64_t(ar.c2 - ar.c1 + 1);
            if (n > limits_.maxRangeCells) {
                std::string range = cellName(ar.r1, ar.c1) + ":" + cellName(ar.r2, ar.c2);
                if (reportedRuleProblems_.insert(rule_->id + "|range").second)
                    limit("maxRangeCells", limits_.maxRangeCells, {ar.a.sheet, ar.r1, ar.c1}, false, n, range);
                out.status = Value::Skip;
                return out;
            }
        }
        // Each range is reduced here to the one value muparser sees (sum, min,
        // max; sum and count for avg). Empty cells count as 0, as everywhere.
        MuExpr& mu = mu_[e.mu];
        double* vars = mu.vars();
        bool allEmpty = true, ok = true;
        for (size_t i = 0; i < e.refs.size(); ++i) {
            const RefArea& ar = areas[i];
            std::uint64_t n = std::uint64_t(ar.r2 - ar.r1 + 1) * std::uint64_t(ar.c2 - ar.c1 + 1);
            if (!charge(n)) { out.status = Value::Skip; return out; }
            out.cells += n;
            if (!out.first.sheet) out.first = {ar.a.sheet, ar.r1, ar.c1};
            if (rec_) rec_->area(e, i, ar.a.sheet, ar.r1, ar.c1, ar.r2, ar.c2);
            double sum = 0, lo = INFINITY, hi = -INFINITY;
            if (n == 1) {  // one cell, the loop below without its bookkeeping: 0 + v, v, v
                double v = 0;
                bool empty;
                if (!number({ar.a.sheet, ar.r1, ar.c1}, v, empty, shownOfFirst && i == 0 ? &out.firstDecimals : nullptr)) ok = false;
                allEmpty = allEmpty && empty;
                out.anyEmpty = out.anyEmpty || empty;
                sum += v;  // 0 + v, as the loop adds: -0 becomes +0 there too
                lo = hi = v;
            } else {
                for (int r = ar.r1; r <= ar.r2; ++r)
                    for (int c = ar.c1; c <= ar.c2; ++c) {
                        double v = 0;
                        bool empty;
                        if (!number({ar.a.sheet, r, c}, v, empty, shownOfFirst && i == 0 && r == ar.r1 && c == ar.c1 ? &out.firstDecimals : nullptr))
                            ok = false;
                        allEmpty = allEmpty && empty;
                        out.anyEmpty = out.anyEmpty || empty;
                        sum += v;
                        lo = std::isnan(v) ? v : std::min(lo, v);  // NaN sticks: never a silent pass
                        hi = std::isnan(v) ? v : std::max(hi, v);
                    }
            }
            size_t slot = e.refs[i].slot;
            switch (e.refs[i].agg) {
                case Agg::Cell: case Agg::Sum: vars[slot] = sum; break;
                case Agg::Min: vars[slot] = lo; break;
                case Agg::Max: vars[slot] = hi; break;
                case Agg::Avg: vars[slot] = sum; vars[slot + 1] = double(n); break;
            }
        }
        if (!ok) { out.status = Value::Skip; return out; }
        finishValue(e, mu, vars, out);  // `B`, `C + D + E`: added up as muparser would (Expr::sumSlots)
        out.status = allEmpty && !e.refs.empty() ? Value::AllEmpty : Value::Ok;
        return out;
    }

    // eval() of an expression whose references are all cells of `row` (Expr::rowCells):
    // the same checks, charges, reads and sums in the same order, without the
    // areas and range bookkeeping (a per-row check on 100,000 rows spent most
    // of its time there); the side recorded in one call once it is read whole.
    Value evalRowCells(const Expr& e, int row, bool shownOfFirst, Value& out) {
        if (row < 0) { out.status = Value::Skip; return out; }
        for (const Ref& ref : e.refs)
            if (ref.a.col.col < 0) { out.status = Value::Skip; return out; }
        MuExpr& mu = mu_[e.mu];
        double* vars = mu.vars();
        bool allEmpty = true, ok = true;
        for (size_t i = 0; i < e.refs.size(); ++i) {
            const int col = e.refs[i].a.col.col;
            if (!charge(1)) { out.status = Value::Skip; return out; }
            out.cells += 1;
            if (!out.first.sheet) out.first = {sheet_, row, col};
            double v = 0;
            bool empty;
            if (!number({sheet_, row, col}, v, empty, shownOfFirst && i == 0 ? &out.firstDecimals : nullptr)) ok = false;
            allEmpty = allEmpty && empty;
            out.anyEmpty = out.anyEmpty || empty;
            vars[e.refs[i].slot] = 0.0 + v;  // as eval's sum: -0 becomes +0
        }
        if (!ok) { out.status = Value::Skip; return out; }
        if (rec_) rec_->rowCells(e, sheet_, row);  // a side skipped is never compared: nothing to record
        finishValue(e, mu, vars, out);
        out.status = allEmpty ? Value::AllEmpty : Value::Ok;
        return out;
    }

    // The value of `e` from its variables: added up when plain (Expr::sumSlots), else muparser's.
    static void finishValue(const Expr& e, MuExpr& mu, const double* vars, Value& out) {
        if (!e.sumSlots.empty()) {
            double v = vars[e.sumSlots[0]];
            for (size_t k = 1; k < e.sumSlots.size(); ++k) v += vars[e.sumSlots[k]];
            out.v = v;
        } else {
            try {
                out.v = mu.eval();
            } catch (mu::ParserError&) {
                out.v = NAN;
            }
        }
    }

    // Division by zero and friends: a finding naming the rule, never a pass.
    bool defined(double v, CellPos at) {
        if (std::isfinite(v)) return true;
        if (!firstAt(*rule_, at)) return false;
        Finding f = base(rule_, at);
        f.kind = FindingKind::Undefined;
        add(std::move(f));
        return false;
    }

    // The words of the table around a cell, for messages (messages.cpp), each
    // bounded: a label cell of a hostile workbook may hold megabytes, and every
    // finding keeps its own copy.
    static constexpr size_t kWordsBytes = 256;

    // The row label: the text in the label columns of `row` left of `col`,
    // joined by a space, as labelRows does for presenters (numbers there, the
    // "TT" column, are not labels).
    std::string rowLabelOf(const Sheet& s, const Section& sec, int row, int col) {
        std::string out;
        rowLabelInto(out, s, sec, row, col);
        return out;
    }
    // The same into `out`, whose room is reused: blockOf reads every row's label.
    static void rowLabelInto(std::string& out, const Sheet& s, const Section& sec, int row, int col) {
        out.clear();
        for (int c = sec.labelCol1; c <= sec.labelCol2 && c < s.width(row) && (col < 0 || c < col); ++c)
            appendLabel(out, s.text(row, c));  // only Text cells have one
        truncateText(out, kWordsBytes);
    }

    // A header is words: text with a letter ("Thành thị", "Tổng số"), a year
    // ("2017") or a date or period ("31/12/2023", "2021-2023"). Column numbers
    // ("4 (=5+6+7)", "(1)"), placeholders ("-", "..") and numbers stored as text
    // ("87.107") are not.
    static bool headerText(const Cell& c) {
        if (c.kind != Cell::Kind::Text || isPlaceholder(c.text)) return false;
        bool letter = false, allDigits = !c.text.empty(), digit = false, sep = false;
        for (unsigned char ch : c.text) {
            letter = letter || ch >= 0x80 || std::isalpha(ch);
            allDigits = allDigits && std::isdigit(ch);
            digit = digit || std::isdigit(ch);
            sep = sep || ch == '/' || ch == '-';
        }
        if (letter) return true;
        return (allDigits && c.text.size() == 4) || (digit && sep && c.text.find('=') == std::string::npos);
    }

    // The column header of a cell. Where it comes from: the section's header
    // rows when the rules declare them (`headers R1:R2`, the rows `#"…"`
    // references are looked up in; their texts top-down, "2017 – Nam"), else
    // the nearest header text above the cell in its column — the table's own
    // header above its first data row, or a sub-header a repeated block carries.
    // The column-number row is skipped; the walk is bounded (a column of a
    // million numbers is not searched for every finding).
    std::string headerOf(const Sheet& s, const Section& sec, int row, int col) {
        if (col < 0 || (col >= sec.labelCol1 && col <= sec.labelCol2)) return "";
        std::string out;
        if (sec.headerRow1 >= 0) {
            const int last = std::max(sec.headerRow1, sec.headerRow2);
            std::string prev;
            for (int r = sec.headerRow1; r <= last && r - sec.headerRow1 < 16; ++r) {
                const Cell c = s.at(r, col);
                if (r == sec.numbersRow || !headerText(c)) continue;
                std::string t = normalizeLabel(c.text);
                if (t.empty() || t == prev) continue;
                out += (out.empty() ? "" : " – ") + t;
                prev = t;
            }
        }
        if (out.empty()) {
            // Findings come row by row: the last walk in this column is
            // remembered (from which row, which header row it found), so the
            // next one only reads the rows between. Same answer as walking
            // all the way, at most kHeaderRows rows up.
            constexpr int kHeaderRows = 4096;
            auto& memo = headerMemo_.emplace(std::make_tuple(&s, col, sec.numbersRow), std::make_pair(-1, -1)).first->second;
            int stop = std::max(0, row - kHeaderRows), found = -1;
            const bool reuse = memo.first >= 0 && memo.first <= row;
            for (int r = row - 1; r >= (reuse ? std::max(stop, memo.first) : stop) && found < 0; --r)
                if (r != sec.numbersRow && headerText(s.at(r, col))) found = r;
            if (found < 0 && reuse && memo.second >= stop) found = memo.second;
            memo = {row, found};
            if (found >= 0) out = normalizeLabel(s.at(found, col).text);
        }
        truncateText(out, kWordsBytes);
        return out;
    }

    // The heading of the block a row is in, when its label recurs nearby
    // (the same years under "Người", "Chỉ số phát triển", "Cơ cấu (%)"): the
    // nearest row above with a label and no number, bounded like headerOf.
    // Repeats are counted in one pass over the sheet, not with the label
    // index: a search there per finding would scan the whole sheet for every
    // distinct label (a 200,000-row table hit maxCellsTouched).
    static constexpr int kBlockRows = 512;
    // Sorts hashes (spread evenly over 64 bits) in about linear time: a
    // counting pass on their top bits places each in a bucket of a few, and
    // std::sort orders each bucket. std::sort alone spent 470 instructions a
    // hash on a 100,000-row sheet, more than the findings' messages. A sheet
    // whose labels crowd one bucket (hostile) costs what std::sort costs.
    static void sortHashes(std::vector<std::uint64_t>& v) {
        int bits = 0;
        while ((size_t(4) << bits) < v.size() && bits < 24) ++bits;  // about 4 a bucket
        if (bits < 8) return std::sort(v.begin(), v.end());
        std::vector<std::uint32_t> start((size_t(1) << bits) + 1, 0);
        for (std::uint64_t x : v) ++start[(x >> (64 - bits)) + 1];
        std::partial_sum(start.begin(), start.end(), start.begin());
        std::vector<std::uint64_t> out(v.size());
        std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
        for (std::uint64_t x : v) out[next[x >> (64 - bits)]++] = x;
        for (size_t b = 0; b + 1 < start.size(); ++b)
            if (start[b + 1] - start[b] > 1) std::sort(out.begin() + start[b], out.begin() + start[b + 1]);
        v.swap(out);
    }
    std::string blockOf(const Sheet& s, const Section& sec, int row) {
        std::string label = rowLabelOf(s, sec, row, -1);
        if (label.empty()) return "";
        // How often each label occurs, counted once per sheet and label
        // columns, the first time a finding there needs it.
        // Labels are kept as 64-bit hashes: a million-row sheet's labels are
        // not copied again (a collision could only name a block needlessly);
        // sorted in one array, 8 bytes a row: a hash map of counts held 40 MiB
        // more at Calc's full height (docs/BENCHMARKS.md "The localisation recorder").
        auto key = std::make_tuple(&s, sec.labelCol1, sec.labelCol2);
        auto it = labelCounts_.find(key);
        if (it == labelCounts_.end()) {
            it = labelCounts_.emplace(key, std::vector<std::uint64_t>{}).first;
            it->second.reserve(size_t(s.rows()));
            std::string l;  // one buffer for every row: no text copied per row
            for (int r = 0; r < s.rows(); ++r) {
                rowLabelInto(l, s, sec, r, -1);
                if (!l.empty()) it->second.push_back(std::hash<std::string_view>{}(l));
            }
            sortHashes(it->second);
        }
        auto same = std::equal_range(it->second.begin(), it->second.end(), std::uint64_t(std::hash<std::string_view>{}(label)));
        if (same.second - same.first < 2) return "";
        for (int r = row - 1, k = 0; r >= 0 && k < kBlockRows; --r, ++k) {
            bool numbers = false;  // looked at first: it needs no text copied
            for (int c = sec.labelCol2 + 1; c < s.width(r) && c <= sec.labelCol2 + 64 && !numbers; ++c)
                numbers = s.at(r, c).kind == Cell::Kind::Number;
            if (numbers) continue;
            std::string heading = rowLabelOf(s, sec, r, -1);
            if (!heading.empty()) return heading;
        }
        return "";
    }

    // What the table calls the parts of the total being compared: the labels
    // of its part rows, or the headers of its part columns (the node as the
    // rule writes it when the table has no words for it).
    void describeParts(Finding& f, const Rule& r, int row) {
        if (!parent_ || !nodeRows_) return;
        const Section& sec = r.section;
        const auto& kids = r.nodes[parent_->node].children;
        f.partCount = kids.size();
        for (size_t i = 0; i < kids.size() && i < 5; ++i) {
            int at = (*nodeRows_)[kids[i]];
            std::string name = at < 0 ? "" : r.byRows ? headerOf(*sheet_, sec, row, at) : rowLabelOf(*sheet_, sec, at, -1);
            f.parts.push_back(name.empty() ? r.nodes[kids[i]].text : name);
        }
    }

    // The words of the table around a finding's cell: row label, block, column header.
    void describe(Finding& f) {
        if (f.row < 0 || f.kind == FindingKind::Limit || f.kind == FindingKind::MissingRef) return;
        const Sheet* s = idx_.sheet(f.sheet);
        if (!s) return;
        const Section& sec = sectionOf(s);
        f.rowLabel = rowLabelOf(*s, sec, f.row, f.col);
        f.block = blockOf(*s, sec, f.row);
        f.columnHeader = headerOf(*s, sec, f.row, f.col);
    }

    // Both messages of a finding from its data: the rule's own templates for
    // the checks and targets it describes, else the engine's (messages.cpp).
    void render(Finding& f) {
        describe(f);
        const bool own = rule_ && f.ruleId == rule_->id && (f.hasValues || !f.wantText.empty()) &&
                         (f.kind == FindingKind::Check || f.kind == FindingKind::Target);
        bool cutVi = false, cutEn = false;
        f.message.vi = own && !rule_->msgVi.empty() ? fillMessage(rule_->msgVi, f, "vi", limits_.maxMessageBytes, cutVi)
                                                    : defaultMessage(f, "vi");
        f.message.en = own && !rule_->msgEn.empty() ? fillMessage(rule_->msgEn, f, "en", limits_.maxMessageBytes, cutEn)
                                                    : defaultMessage(f, "en");
        if ((cutVi || cutEn) && reportedRuleProblems_.insert(rule_->id + "|message").second)
            limit("maxMessageBytes", limits_.maxMessageBytes, {}, false);
    }

    static Comparison relationOf(CmpOp op) {
        switch (op) {
            case CmpOp::Eq: return Comparison::Eq;
            case CmpOp::Ne: return Comparison::Ne;
            case CmpOp::Lt: return Comparison::Lt;
            case CmpOp::Le: return Comparison::Le;
            case CmpOp::Gt: return Comparison::Gt;
            case CmpOp::Ge: return Comparison::Ge;
        }
        return Comparison::Eq;
    }

    // One finding per rule and cell, however the rule's iterations reach it.
    bool firstAt(const Rule& r, CellPos at) { return reportedInstances_.insert({&r, at.sheet, at.row, at.col}).second; }


    // A value recompute would write; only when it differs from what the cell holds.
    void derive(const Rule& r, CellPos at, double v, const char* text = nullptr) {
        const Cell& c = at.sheet->at(at.row, at.col);
        if (text ? (c.kind == Cell::Kind::Text && c.text == text) : (c.kind == Cell::Kind::Number && c.number == v)) return;
        if (res_.derived.size() >= limits_.maxDerivedValues) {
            if (reportedRuleProblems_.insert("|derived").second)
                limit("maxDerivedValues", limits_.maxDerivedValues, at, false);
            return;
        }
        DerivedValue d;
        d.ruleId = r.id;
        d.sheet = at.sheet->name();
        d.row = at.row;
        d.col = at.col;
        d.isText = text != nullptr;
        d.number = v;
        if (text) d.text = text;
        res_.derived.push_back(d);
    }

    // Compare actual (lhs) with expected (rhs); true to go on with the rule.
    bool compare(const Rule& r, const Expr& lhs, const Expr& rhs, int row, int col, const std::string& label, bool isTotal) {
        const bool shownOfLhs = r.decimals < 0 && (r.op == CmpOp::Eq || r.op == CmpOp::Ne);  // as below
        Value a = eval(lhs, row, col, shownOfLhs);
        if (stopped_) return false;
        Value e = eval(rhs, row, col);
        if (stopped_) return false;
        if (a.status == Value::Skip || e.status == Value::Skip) return countSkip(), true;
        // Skipped when every cell it reads is empty (a side that reads no cell does not count).
        bool anyRef = !lhs.refs.empty() || !rhs.refs.empty();
        bool aEmpty = a.status == Value::AllEmpty || lhs.refs.empty();
        bool eEmpty = e.status == Value::AllEmpty || rhs.refs.empty();
        if (anyRef && aEmpty && eEmpty) return count(&RuleOutcome::skippedEmpty), true;
        CellPos at = a.first.sheet ? a.first : e.first.sheet ? e.first : CellPos{sheet_, -1, -1};
        // Nothing written and nothing to compute it from (a blank form: 0 / empty) is not
        // a division by zero; a value written against an empty whole is reported.
        if (!std::isfinite(e.v) && a.status == Value::AllEmpty && e.anyEmpty) return count(&RuleOutcome::skippedEmpty), true;
        if (!defined(a.v, at) || !defined(e.v, at)) return count(&RuleOutcome::skippedUndefined), true;
        // Compare at the precision the cell shows: the rule's `decimals`, else
        // the decimals of the left-hand cell's number format when known.
        int shown = r.decimals;
        bool oneCell = lhs.refs.size() == 1 && !lhs.refs[0].range && a.first.sheet;
        if (shown < 0 && oneCell && (r.op == CmpOp::Eq || r.op == CmpOp::Ne))
            shown = a.firstDecimals;  // a.first's, noted when eval read it
        double av = a.v, ev = e.v;
        if (shown >= 0) {
            av = roundHalfAway(av, shown);
            ev = roundHalfAway(ev, shown);
            if (!defined(av, at) || !defined(ev, at)) return count(&RuleOutcome::skippedUndefined), true;
        }
        if (r.derived && lhs.refs.size() == 1 && a.first.sheet) derive(r, a.first, ev);
        // A total of rounded parts may miss by their rounding (rules/README.md "Rounded parts").
        const double tol = effectiveTol(r, rhs, shown, e.cells);
        const bool ok = holds(r.op, av, ev, tol);
        if (rec_) rec_->compared(r, lhs, rhs, at.sheet, at.row, at.col, sheet_, row, shown, tol, ok);
        count(ok ? &RuleOutcome::passed : &RuleOutcome::failed);
        if (ok || recordOnly_ || !firstAt(r, at) || unlisted()) return true;
        // `C5 <= date(2024, 12, 31)`, `C5 < D5`: a date cell alone on the left makes both sides days.
        // Only the finding's words need it: not worked out for every instance that holds.
        const bool dates = oneCell &&
                           std::all_of(lhs.pieces.begin(), lhs.pieces.end(),
                                       [](const std::string& p) { return p.find_first_not_of(" \t") == std::string::npos; }) &&
                           a.first.sheet->at(a.first.row, a.first.col).date;
        Finding f = base(&r, at);
        f.kind = FindingKind::Check;
        f.hasValues = true;
        f.actual = av;
        f.expected = ev;
        f.difference = av - ev;
        // What the finding is about; add() writes its messages from this.
        f.decimals = shown;
        f.relation = relationOf(r.op);
        f.dates = dates;
        f.ruleText = r.display;
        f.isTotal = isTotal;
        if (isTotal) {
            f.totalName = label;
            describeParts(f, r, row);
        }
        add(std::move(f));
        return true;
    }

    bool check(const Rule& r, int row, int col) {
        if (r.textCheck) return textCheck(r, row, col);
        return compare(r, r.lhs, r.rhs, row, col, r.display, false);
    }

    // `*` any run of characters, `?` one character (a code point), after both
    // sides are normalised. Greedy with one backtrack point: O(text × pattern)
    // at worst, charged to the run's work budget by the caller.
    static bool globMatch(const std::string& text, const std::string& pat) {
        auto next = [](const std::string& s, size_t i) {
            ++i;
            while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
            return i;
        };
        size_t t = 0, p = 0, starP = std::string::npos, starT = 0;
        while (t < text.size()) {
            if (p < pat.size() && pat[p] == '*') { starP = ++p; starT = t; continue; }
            if (p < pat.size() && pat[p] == '?') { p = next(pat, p); t = next(text, t); continue; }
            if (p < pat.size() && pat[p] == text[t]) { ++p; ++t; continue; }
            if (starP == std::string::npos) return false;
            p = starP;
            t = starT = next(text, starT);
        }
        while (p < pat.size() && pat[p] == '*') ++p;
        return p == pat.size();
    }

    // A check on text: the cell's text (a whole number as written, 2017) equals,
    // differs from or matches the rule's text. An empty cell is skipped, as an
    // empty instance is everywhere; an error cell is its own finding.
    bool textCheck(const Rule& r, int row, int col) {
        ExprScope scope(expr_, &r.lhs);
        CellPos at;
        if (!budget({sheet_, row, col})) return false;
        if (!resolve(r.lhs.refs[0].a, row, col, at)) return countSkip(), true;
        const Cell c = at.sheet->at(at.row, at.col);
        if (c.kind == Cell::Kind::Error) { reportErrorCell(at); count(&RuleOutcome::skippedErrorCell); return true; }
        if (c.kind == Cell::Kind::Empty) return count(&RuleOutcome::skippedEmpty), true;
        std::string text = WorkbookIndex::labelText(c);
        if (text.empty() && c.kind == Cell::Kind::Number) text = formatNumber(c.number, "en", 6);
        if (!charge(1 + (text.size() * (r.textValue.size() + 1)) / 8)) return false;
        bool same = r.textMatch ? globMatch(text, r.textValue) : text == r.textValue;
        bool ok = r.op == CmpOp::Ne ? !same : same;
        count(ok ? &RuleOutcome::passed : &RuleOutcome::failed);
        if (ok || recordOnly_ || !firstAt(r, at) || unlisted()) return true;
        Finding f = base(&r, at);
        f.kind = FindingKind::Check;
        f.cellText = text;
        truncateText(f.cellText, 200);
        f.wantText = r.textValue;
        f.wantPattern = r.textMatch;
        f.relation = r.op == CmpOp::Ne ? Comparison::Ne : Comparison::Eq;
        add(std::move(f));
        return true;
    }

    bool target(const Rule& r, int row, int col) {
        Value a = eval(r.lhs, row, col);
        Value t = eval(r.rhs, row, col);
        Value h = r.direction == TargetDirection::Between ? eval(r.rhs2, row, col) : Value{};
        if (stopped_) return false;
        if (a.status == Value::Skip || t.status == Value::Skip || h.status == Value::Skip) return countSkip(), true;
        CellPos at = a.first.sheet ? a.first : CellPos{sheet_, row, col};
        Finding f = base(&r, at);
        f.kind = FindingKind::Target;
        f.expected = t.v;
        f.hasTarget = t.status == Value::Ok && std::isfinite(t.v) && (h.status == Value::Ok || r.direction != TargetDirection::Between);
        f.direction = r.direction;
        f.targetHigh = h.v;
        f.decimals = r.decimals;
        f.ruleText = r.display;
        if (a.status == Value::AllEmpty) {  // the rule's own message speaks of results; this is not one
            count(&RuleOutcome::failed);  // never a silent pass
            if (!firstAt(r, at)) return true;
            add(std::move(f));
            return true;
        }
        if (!defined(a.v, at) || !defined(t.v, at) || !defined(h.v, at)) return count(&RuleOutcome::skippedUndefined), true;
        f.hasValues = true;
        f.actual = a.v;
        f.difference = a.v - t.v;
        f.status = targetStatus(r.direction, a.v, t.v, h.v, r.tol);
        f.share = targetShare(r.direction, a.v, t.v);
        count(f.status == TargetStatus::NotMet ? &RuleOutcome::failed : &RuleOutcome::passed);
        if (f.status != TargetStatus::NotMet) f.severity = Severity::Info;
        if (!firstAt(r, at) || unlisted()) return true;
        auto write = [&](const std::unique_ptr<Ref>& cell, bool isStatus) {
            if (!cell) return;
            CellPos p;
            if (!resolve(cell->a, row, col, p)) return;
            if (isStatus) {
                derive(r, p, 0, targetStatusVi(f.status));
            } else if (std::isfinite(f.share)) {
                derive(r, p, roundHalfAway(f.share, 1));
            }
        };
        write(r.statusCell, true);
        write(r.shareCell, false);
        add(std::move(f));
        return true;
    }

    // Finds the row (or column) of every node of a total; parts are searched
    // from where their parent's search began, so a total may stand above or below.
    int placeNode(const Rule& r, int idx, int from, std::vector<int>& pos) {
        const TreeNode& n = r.nodes[idx];
        int at = -1;
        if (r.byRows) {
            CellRef c;
            c.row.kind = RowPart::Fixed;
            c.col = n.col;
            CellPos p;
            at = resolve(c, 0, 0, p) ? p.col : -1;
        } else if (n.row.kind == RowPart::Fixed) {
            at = n.row.row;
        } else {
            at = idx_.findLabel(*sheet_, r.section.labelCol1, r.section.labelCol2, n.row.label, n.row.prefix,
                                n.row.occurrence, from, withinTo_);
            if (at < 0) {
                std::string l = n.row.label + (n.row.prefix ? "*" : "");
                missing(missingRef(MissingRef::Label, l, "", 1, labelGuess(*sheet_, r.section, l)), {}, n.line, n.column);
            }
        }
        pos[idx] = at;
        int last = at;
        int childFrom = from;
        for (int c : n.children) {
            int m = placeNode(r, c, childFrom, pos);
            if (m >= 0) childFrom = std::max(childFrom, m + 1);
            last = std::max(last, m);
        }
        return last;
    }

    void total(const Rule& r, const Spans& rows, const Spans& cols) {
        std::vector<int> pos(r.nodes.size(), -1);
        int cursor = withinFrom_;
        for (int root : r.roots) {
            int m = placeNode(r, root, cursor, pos);
            if (m >= 0) cursor = std::max(cursor, m + 1);
        }
        nodeRows_ = &pos;
        for (const auto& p : r.parents) {
            parent_ = &p;  // the breakdown being compared, for its finding's parts
            bool placed = pos[p.node] >= 0;
            for (int c : r.nodes[p.node].children) placed = placed && pos[c] >= 0;
            if (!placed) { count(&RuleOutcome::skippedMissingRef); continue; }
            bool goOn = true;
            forEach(rows, cols, [&](int row, int col) {
                return goOn = compare(r, p.lhs, p.rhs, row, col, r.nodes[p.node].text, true);
            });
            if (!goOn) break;
        }
        parent_ = nullptr;
        nodeRows_ = nullptr;
    }

    // The spans a `for rows` list selects, clipped to the rows the sheet has
    // (and Calc's): rows beyond hold nothing to check.
    bool rowList(const Rule& r, Spans& out) {
        const int last = std::min(sheet_->rows(), kCalcRows) - 1;
        auto collect = [&](const std::vector<SelItem>& items, Spans& spans) {
            const Section& s = r.section;
            for (const auto& it : items) {
                switch (it.kind) {
                    case SelItem::Number: spans.push_back({it.a, it.a}); break;
                    case SelItem::NumberRange: spans.push_back({it.a, it.b}); break;
                    case SelItem::Label:
                    case SelItem::LabelRange: {
                        // "Cán bộ*" matches by prefix, as in references
                        auto find = [&](const std::string& l, int from) {
                            bool prefix = !l.empty() && l.back() == '*';
                            return idx_.findLabel(*sheet_, s.labelCol1, s.labelCol2, prefix ? l.substr(0, l.size() - 1) : l,
                                                  prefix, 1, from, withinTo_);
                        };
                        int a = find(it.la, withinFrom_);
                        if (a < 0) { missingLabel(it.la); return false; }
                        int b = a;
                        if (it.kind == SelItem::LabelRange) {
                            b = find(it.lb, a);
                            if (b < 0) { missingLabel(it.lb); return false; }
                        }
                        spans.push_back({a, b});
                        break;
                    }
                    default: break;
                }
            }
            return true;
        };
        Spans rows, except;
        if (!collect(r.rows, rows) || !collect(r.exceptRows, except)) return false;
        SpanSet done;  // rows excepted or already selected
        for (const auto& [a, b] : except) done.insert(a, b);
        out.clear();
        for (auto [a, b] : rows) {
            b = std::min(b, last);
            if (a > b) continue;
            done.missing(a, b, out);
            done.insert(a, b);
        }
        return true;
    }

    bool colList(const Rule& r, Spans& out) {
        const int last = std::min(sheet_->cols(), kCalcCols) - 1;
        SpanSet done;
        out.clear();
        for (const auto& it : r.cols) {
            int a = it.a, b = it.kind == SelItem::ColumnRange ? it.b : it.a;
            if (it.kind == SelItem::HeaderCol || it.kind == SelItem::HeaderColRange) {
                const Section& s = r.section;
                a = idx_.findHeader(*sheet_, s.headerRow1, s.headerRow2, it.ha.header, it.ha.prefix, it.ha.occurrence);
                b = it.kind == SelItem::HeaderColRange
                        ? idx_.findHeader(*sheet_, s.headerRow1, s.headerRow2, it.hb.header, it.hb.prefix, it.hb.occurrence)
                        : a;
                if (a < 0 || b < 0) {
                    const ColPart& h = a < 0 ? it.ha : it.hb;
                    std::string g = h.prefix ? "" : idx_.closestHeader(*sheet_, s.headerRow1, s.headerRow2, h.header);
                    missing(missingRef(MissingRef::Header, h.header, "", 1, g), {});
                    return false;
                }
            } else if (it.kind == SelItem::NumberedCol || it.kind == SelItem::NumberedColRange) {
                int nr = r.section.numbersRow;
                a = nr < 0 ? -1 : idx_.findNumberedColumn(*sheet_, nr, it.la);
                b = it.kind == SelItem::NumberedColRange ? (nr < 0 ? -1 : idx_.findNumberedColumn(*sheet_, nr, it.lb)) : a;
                if (a < 0 || b < 0) {
                    missing(missingRef(MissingRef::NumberedColumn, a < 0 ? it.la : it.lb), {});
                    return false;
                }
            }
            int lo = std::min(a, b), hi = std::min(std::max(a, b), last);
            if (lo > hi) continue;
            done.missing(lo, hi, out);
            done.insert(lo, hi);
        }
        return true;
    }
};

}  // namespace

// The rules over the workbook, recording what localisation needs into `rec` (or nothing).
static void runRules(const std::vector<std::unique_ptr<Rule>>& rules, Run& run, Result& res, InstanceRecorder* rec) {
    run.recordTo(rec);
    run.sectionsSeen(rules);
    run.scanErrorCells();
    for (const auto& r : rules) {
        if (run.stopped()) {  // the rules the run did not reach: one outcome each all the same
            res.rules.emplace_back();
            res.rules.back().ruleId = r->id;
            res.rules.back().skippedLimit = 1;
            continue;
        }
        run.rule(*r);
    }
    res.rulesRun = static_cast<int>(rules.size());
    run.finish();
}

Result RuleSet::run(const Workbook& wb) const {
    Result res;
    MuLease mu(mu_.get());  // a moved-from RuleSet has no rules and no parsers
    const auto started = std::chrono::steady_clock::now();
    // First pass: the run itself, keeping every instance of the first
    // kKeepAllFirst, then only the failing ones. Most long sheets pass:
    // recording every instance cost 7× the rules on a clean 100,000-row sheet
    // (docs/BENCHMARKS.md "The localisation recorder").
    InstanceRecorder failing(InstanceRecorder::Mode::Everything, InstanceRecorder::kKeepAllFirst);
    bool firstStopped = false;
    {
        Run run(wb, limits_, mu, res, started);
        runRules(rules_, run, res, limits_.locate ? &failing : nullptr);
        firstStopped = run.stopped();
    }
    if (!limits_.locate || !failing.anyFailed()) return res;
    // All kept (a workbook of the report's size): no second pass.
    if (failing.complete()) {
        locateErrors(failing, res, limits_, mu);  // with this run's parsers: it re-evaluates expressions
        return res;
    }
    // Otherwise the rules run again, deterministically the same, recording
    // every instance into storage reserved from the count — except on the
    // sheets where every instance read only the row it checks
    // (InstanceRecorder::rowsBound): there only the failing rows are run
    // again (a sheet of 100,000 rows with 1,000 failing ones records 1,000
    // instances, not 100,000; one of Calc's full height is localised too).
    std::map<const Sheet*, std::vector<int>> onlyRows;  // per such sheet, its failing rows (sorted)
    // The first pass kept every failing instance and was not cut short: its rows are all of them.
    const bool failingRowsKnown = !firstStopped && !failing.lostFailing();
    bool allBound = failingRowsKnown;
    if (failingRowsKnown) {
        for (const Sheet& s : wb.sheets) {
            if (failing.rowsBound(&s)) onlyRows[&s];
            else allBound = false;
        }
        for (const RecordedInstance& in : failing.instances()) {
            auto it = in.held ? onlyRows.end() : onlyRows.find(in.sheet);
            if (it != onlyRows.end()) it->second.push_back(in.row);
        }
        for (auto& [sheet, rows] : onlyRows) {
            std::sort(rows.begin(), rows.end());
            rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
        }
    }
    // Past kMaxInstances, unless every sheet is so: localisation only notes the failing checks.
    if (failing.overflowed() && !allBound) {
        locateErrors(failing, res, limits_, mu);
        return res;
    }
    InstanceRecorder recorder(InstanceRecorder::Mode::Everything);
    if (onlyRows.empty()) recorder.reserve(failing.seen(), failing.areasSeen());
    bool secondStopped = false;
    {
        Result again;  // only the records are wanted
        Run run(wb, limits_, mu, again, started);
        // Without building the failing checks' findings (1,000 of them cost as
        // much as the rest of a 100,000-row run) — unless the first pass
        // stopped at a limit: then the same work, so that it stops at the same place.
        if (!firstStopped) run.recordOnly();
        if (!onlyRows.empty()) run.onlyRows(&onlyRows);
        runRules(rules_, run, again, &recorder);
        secondStopped = run.stopped();
    }
    locateErrors(recorder, res, limits_, mu);  // with this run's parsers: it re-evaluates expressions
    // The second pass shares the first's time budget: stopped by it before
    // reaching a failing check, it leaves that check unexplained; say so.
    if (secondStopped) {
        std::set<std::tuple<const Rule*, const Sheet*, int, int>> recorded;
        for (const RecordedInstance& in : recorder.instances())
            if (!in.held) recorded.insert({in.rule, in.sheet, in.row, in.col});
        std::map<std::tuple<std::string, std::string, int, int>, Finding*> byCell;
        for (Finding& f : res.findings)
            if (f.kind == FindingKind::Check) byCell[{f.ruleId, f.sheet, f.row, f.col}] = &f;
        for (const RecordedInstance& in : failing.instances()) {
            if (in.held || !in.sheet || recorded.count({in.rule, in.sheet, in.row, in.col})) continue;
            auto it = byCell.find({in.rule->id, in.sheet->name(), in.row, in.col});
            if (it == byCell.end() || !it->second->suspects.empty()) continue;
            Text& n = it->second->suspects.note;
            n.vi = "Chưa xác định được ô sai: hết thời gian trước khi ghi lại được kiểm tra này (giới hạn maxRunMilliseconds = " +
                   formatNumber(double(limits_.maxRunMilliseconds), "vi") + ")";
            n.en = "The wrong cell is not determined: out of time before this check could be recorded (limit "
                   "maxRunMilliseconds = " + formatNumber(double(limits_.maxRunMilliseconds), "en") + ")";
        }
    }
    return res;
}

}  // namespace reportcheck
