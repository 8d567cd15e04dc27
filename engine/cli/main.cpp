// reportcheck: the engine on .ods, .xlsx, .fods and .csv files, without LibreOffice.
//   reportcheck validate FILE… [--rules FILE | --rules-set NAME] [--format text|json|html] [--lang vi|en] [-j N] [-o OUT]
//   reportcheck lint RULES… [--workbook FILE]
//   reportcheck suggest FILE… [--format rules|json] [-j N] [-o OUT]
//   reportcheck cells FILE [--sheet S] [--format tsv|json]
//   reportcheck rules FILE.rules|WORKBOOK… [--format text|json|rules] [--lang vi|en]
//   reportcheck rule-sets | help | version
// Exit: 0 clean, 1 findings (errors or warnings), 2 bad input or no rules for a workbook.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "file_io.h"
#include "reportcheck/embedding.h"
#include "reportcheck/ods.h"
#include "reportcheck/read.h"
#include "reportcheck/present.h"
#include "reportcheck/rules.h"
#include "reportcheck/rules_choice.h"
#include "reportcheck/suggest.h"

using namespace reportcheck;

namespace {

const char* kUsage =
    "Cách dùng / Usage:\n"
    "  reportcheck validate TỆP.ods… [--rules TỆP.rules | --rules-set TÊN] [--ignore-embedded]\n"
    "                       [--format text|json|html] [--lang vi|en] [-j N] [-o TỆP_RA] [--per-rule]\n"
    "      Kiểm tra bảng tính bằng quy tắc nhúng trong tệp; nếu tệp không có thì bằng --rules, hoặc\n"
    "      bộ quy tắc kèm theo mà --rules-set hay chính bảng tính (thuộc tính ReportCheck.RuleSet)\n"
    "      chỉ ra. Không có quy tắc nào thì báo và thoát 2. Không bao giờ ghi vào tệp đầu vào.\n"
    "      Checks workbooks with their embedded rules, else --rules, else the bundled set that\n"
    "      --rules-set or the workbook (property ReportCheck.RuleSet) names; with none of these it\n"
    "      says so and exits 2. --ignore-embedded: --rules or --rules-set win over embedded rules.\n"
    "      --per-rule: sau các phát hiện, mỗi quy tắc một dòng: đạt, sai, bỏ qua và vì sao (JSON luôn có).\n"
    "      --per-rule: after the findings, one line per rule: passed, failed, skipped and why (always in JSON).\n"
    "      Mã thoát / exit: 0 không có lỗi / clean, 1 có phát hiện / findings,\n"
    "      2 đầu vào hỏng hoặc không có quy tắc / bad input or no rules.\n"
    "  reportcheck lint TỆP.rules… [--workbook TỆP.ods] [--lang vi|en]\n"
    "      Báo mọi lỗi cú pháp và tham chiếu (tệp:dòng:cột); với --workbook còn báo trang, nhãn,\n"
    "      tiêu đề, tên vùng mà quy tắc cần nhưng bảng tính không có.\n"
    "      Every syntax and reference problem as file:line:col; with --workbook also the sheets,\n"
    "      labels, headers and names the rules need that the workbook lacks.\n"
    "  reportcheck suggest TỆP… [--format rules|json] [-j N] [-o TỆP_RA] [--lang vi|en]\n"
    "      Đề xuất bản nháp quy tắc từ chính các tổng, tỷ lệ của bảng tính (xem lại rồi dùng).\n"
    "      Draft rules from the workbook's own totals and ratios, to review, validate and embed.\n"
    "  reportcheck cells TỆP [--sheet TRANG] [--format tsv|json] [--lang vi|en]\n"
    "      In mọi ô mà bộ máy thấy (trang, địa chỉ, loại, giá trị, chữ, số chữ số thập phân),\n"
    "      để dò quy tắc; tsv cùng bố cục với kho tệp đối chiếu.\n"
    "      Every cell the engine sees (sheet, address, kind, value, text, decimals), for\n"
    "      debugging rules; the tsv has the layout of the corpus .tsv files.\n"
    "  reportcheck rules TỆP.rules|TỆP.ods… [--format text|json|rules] [--lang vi|en]\n"
    "      Liệt kê các quy tắc (của tệp quy tắc, hoặc nhúng trong bảng tính): mã, kiểm tra gì,\n"
    "      ở đâu; rules: in lại thành văn bản quy tắc (biên dịch lại như cũ).\n"
    "      Lists the rules (of a rules file, or embedded in a workbook): id, what each checks,\n"
    "      where it is written; --format rules prints them back as rules text.\n"
    "  reportcheck rule-sets\n"
    "      Các bộ quy tắc kèm theo (dùng với --rules-set) / the bundled rule sets (for --rules-set).\n"
    "  reportcheck help | -h | --help        Hướng dẫn này / this help.\n"
    "  reportcheck version | --version\n"
    "  Đọc / reads .ods, .xlsx, .fods, .csv.\n"
    "  --lang vi|en: ngôn ngữ của kết quả (mặc định vi) / language of the output (default vi).\n";

// The compiler caps its own diagnostics (Limits::maxDiagnostics, then one
// "N more" line); lint's list of missing references is built here from
// findings, so it gets the same cap here.
constexpr size_t kMaxMissingRefs = 100;

std::string formatDiagnostics(const std::vector<Diagnostic>& diags, const std::string& lang, size_t cap = SIZE_MAX) {
    std::string out;
    for (size_t i = 0; i < diags.size() && i < cap; ++i) out += (i ? "\n" : "") + diags[i].format(lang);
    if (diags.size() > cap) {
        std::string more = std::to_string(diags.size() - cap);
        out += lang == "en" ? "\n… and " + more + " more" : "\n… và " + more + " lỗi nữa";
    }
    return out;
}

// The "file" a workbook's embedded rules are reported under: the workbook and
// what in it, "bao-cao.ods (quy tắc nhúng):3:5", so a lint or compile error in
// them points at the file the user has (issue 9), not at "embedded".
std::string embeddedRulesName(const std::string& path) { return path + " (quy tắc nhúng)"; }

Text outOfMemory(const std::string& path) { return Text{"không đủ bộ nhớ: ", "not enough memory: "} + same(path); }

// The bundled rule sets live at the same place relative to the executable in
// an installed tree (bin/ -> share/reportcheck/rules/) and in the build tree,
// so a moved or installed build finds them. REPORTCHECK_RULES_DIR overrides.
// Empty when the executable cannot be located (no /proc).
std::string bundledRulesDir() {
    if (const char* env = std::getenv("REPORTCHECK_RULES_DIR"); env && *env) return env;
    std::string exe(4096, '\0');
    ssize_t n = readlink("/proc/self/exe", &exe[0], exe.size());
    if (n <= 0 || static_cast<size_t>(n) >= exe.size()) return "";
    exe.resize(static_cast<size_t>(n));
    std::string dir = exe.substr(0, exe.rfind('/') + 1) + REPORTCHECK_RULES_FROM_BIN;
    // Without the "bin/../" in messages.
    if (char* real = ::realpath(dir.c_str(), nullptr)) {
        dir = real;
        std::free(real);
    }
    return dir;
}

std::vector<std::string> setNames(const std::vector<BundledRuleSet>& sets) {
    std::vector<std::string> names;
    for (const auto& s : sets) names.push_back(s.name);
    return names;
}

std::string joined(const std::vector<std::string>& names, const std::string& sep) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : sep) + n;
    return out;
}

struct Options {
    std::vector<std::string> files;
    std::string rules, ruleSet, format = "text", lang = "vi", out;
    bool ignoreEmbedded = false;
    bool perRule = false;  // validate: the per-rule table after the findings
    std::string workbook;  // lint: check references against it
    std::string sheet;     // cells: only this sheet
    int jobs = 1;
};

// What a workbook with no rules to run gets instead of findings: why nothing
// ran, and the ways forward that exist in this version.
Text noRulesMessage(const RulesChoice& c, const std::vector<BundledRuleSet>& sets, bool embeddedIgnored) {
    std::string names = joined(setNames(sets), " | ");
    std::string vi = "Bảng tính chưa có quy tắc kiểm tra.\n";
    std::string en = "This workbook has no checks yet.\n";
    if (c.why == RulesWhy::UnknownSet) {
        vi += "Bảng tính ghi bộ quy tắc \"" + c.set + "\" (ReportCheck.RuleSet) nhưng không có bộ nào tên đó kèm theo";
        en += "The workbook names the rule set \"" + c.set + "\" (ReportCheck.RuleSet), which is not bundled";
        vi += names.empty() ? ".\n" : " (có: " + names + ").\n";
        en += names.empty() ? ".\n" : " (there are: " + names + ").\n";
    } else {
        vi += embeddedIgnored ? "Quy tắc nhúng trong tệp bị bỏ qua (--ignore-embedded)" : "Tệp không có quy tắc nhúng";
        en += embeddedIgnored ? "Its embedded rules are ignored (--ignore-embedded)" : "It has no embedded rules";
        vi += ", không có --rules,\nvà không ghi tên bộ quy tắc kèm theo nào (ReportCheck.RuleSet); quy tắc viết cho một\n"
              "báo cáo không được chạy trên bảng tính khác.\n";
        en += ", no --rules was given,\nand it names no bundled rule set (ReportCheck.RuleSet); rules written for one report\n"
              "are not run on another one's workbook.\n";
    }
    vi += "Có thể:\n"
          "  - nhúng quy tắc vào bảng tính: trong Calc, ReportCheck > Nhúng quy tắc từ tệp…;\n"
          "  - dùng một tệp quy tắc: --rules TỆP.rules;\n";
    en += "Ways forward:\n"
          "  - embed rules in the workbook: in Calc, ReportCheck > Embed checks from a file…;\n"
          "  - use a rules file: --rules FILE.rules;\n";
    if (!names.empty()) {
        std::string example = sets.front().name;
        vi += "  - nếu bảng tính là báo cáo mà một bộ kèm theo viết cho: --rules-set " + names +
              ",\n    hoặc ghi thuộc tính tài liệu ReportCheck.RuleSet = " + example + " (reportcheck rule-sets liệt kê các bộ);\n";
        en += "  - if the workbook is the report a bundled set was written for: --rules-set " + names +
              ",\n    or set the document property ReportCheck.RuleSet = " + example + " (reportcheck rule-sets lists them);\n";
    }
    vi += "  - phiên bản này chưa có lệnh đề xuất quy tắc từ bảng tính (reportcheck suggest).";
    en += "  - this version has no command yet that suggests rules from a workbook (reportcheck suggest).";
    return {vi, en};
}

// Rules files (--rules, the bundled sets) compiled once for all the workers:
// one RuleSet runs on several threads at once. Compiled on first use, under
// the lock, so that a set is never compiled twice.
class CompiledRules {
public:
    std::shared_ptr<const RuleSet> get(const std::string& path) {
        std::lock_guard<std::mutex> lock(m_);
        auto it = sets_.find(path);
        if (it != sets_.end()) return it->second;
        auto rs = std::make_shared<const RuleSet>(RuleSet::compileFile(path));
        sets_.emplace(path, rs);
        return rs;
    }

private:
    std::mutex m_;
    std::map<std::string, std::shared_ptr<const RuleSet>> sets_;
};

// What is on offer for the workbook at `path`: its embedded rules, the set it
// names, the user's file or set. `validate` and `rules` both ask chooseRules with it.
RulesOffer offerFor(const Workbook& wb, const Options& opt, const std::vector<BundledRuleSet>& sets) {
    RulesOffer offer;
    offer.embedded = !wb.embeddedRules.empty();
    offer.rulesFile = opt.rules;
    offer.userSet = opt.ruleSet;
    offer.ignoreEmbedded = opt.ignoreEmbedded;
    offer.bundledSets = setNames(sets);
    offer.workbookSet = wb.ruleSetName;
    return offer;
}

struct Checked {
    FileReport report;
    std::string warning;  // for stderr, printed in file order once every worker is done
};

// Runs `worker` (which takes files from a shared counter until none are left)
// on up to `jobs` threads, this one included. `worker` must be noexcept:
// an exception leaving a thread ends the process.
template <class Worker>
void runWorkers(Worker& worker, int jobs, size_t files) {
    int n = std::max(1, std::min<int>(jobs, static_cast<int>(files)));
    std::vector<std::thread> pool;
    for (int j = 1; j < n; ++j) {
        try {
            pool.emplace_back(worker);
        } catch (const std::exception&) {
            break;  // no thread to spare (memory, limits): fewer workers share the files
        }
    }
    worker();
    for (auto& t : pool) t.join();
}

Checked checkFile(const std::string& path, const Options& opt, const std::vector<BundledRuleSet>& sets,
                  CompiledRules& compiled) {
    Checked out;
    FileReport& rep = out.report;
    rep.path = path;
    try {
        requireRegularFile(path);  // a FIFO would block the reader, a directory is no workbook
        Workbook wb = readWorkbook(path);
        rep.notes = wb.notes;  // what reading left out, as Calc would (rows past its bounds, …)
        RulesOffer offer = offerFor(wb, opt, sets);
        RulesChoice choice = chooseRules(offer);
        if (choice.userIgnored) {
            std::string given = opt.rules.empty() ? "--rules-set " + opt.ruleSet : "--rules " + opt.rules;
            out.warning = path + ": " + Text{"bảng tính có quy tắc nhúng nên bỏ qua " + given + " (thêm --ignore-embedded để dùng)",
                                             "the workbook has embedded rules, " + given + " is ignored (add --ignore-embedded to use it)"}
                                            .in(opt.lang);
        }
        rep.rulesOrigin = choice.origin();
        // A workbook's embedded rules are its own; files are compiled once for all workers.
        switch (choice.source) {
            case RulesSource::Embedded:
                rep.result = RuleSet::compile(wb.embeddedRules, embeddedRulesName(path), Limits::untrusted()).run(wb);
                break;
            case RulesSource::File:
                rep.result = compiled.get(choice.file)->run(wb);
                break;
            case RulesSource::BundledSet:
                for (const auto& set : sets)
                    if (set.name == choice.set) rep.result = compiled.get(set.path)->run(wb);
                break;
            case RulesSource::None:
                rep.ok = false;
                rep.error = noRulesMessage(choice, sets, offer.embedded).in(opt.lang);
                return out;
        }
        labelRows(rep.result, wb);
    } catch (const RulesError& e) {
        rep.ok = false;
        rep.error = (opt.lang == "en" ? "bad rules: " : "quy tắc hỏng: ") + formatDiagnostics(e.diagnostics(), opt.lang);
    } catch (const std::bad_alloc&) {
        rep.ok = false;
        rep.error = outOfMemory(path).in(opt.lang);
    } catch (const std::exception& e) {
        rep.ok = false;
        rep.error = textOf(e).in(opt.lang);
    }
    return out;
}

// Whether -o names a file the run reads (and says so). Compared by identity,
// so ./in.ods, an absolute path, a symlink or a hard link to an input are all
// refused; included rules files are known once the engine has read them.
bool outputIsAnInput(const Options& opt, const std::string& rules) {
    FileId out;
    if (!fileId(opt.out, out)) return false;  // a new file
    std::vector<std::string> inputs = opt.files;
    inputs.push_back(rules);
    std::string same;
    for (const auto& in : inputs)
        if (sameFile(in, opt.out)) same = in;
    auto read = filesRead();
    if (same.empty() && std::find(read.begin(), read.end(), out) == read.end()) return false;
    std::cerr << Text{"không ghi đè tệp đầu vào: ", "refusing to overwrite an input file: "}.in(opt.lang) << opt.out
              << (same.empty() || same == opt.out ? "" : " = " + same) << "\n";
    return true;
}

// Writes the report to a temporary file next to `path` and renames it into
// place: a failed run never leaves a half-written report, and an existing
// file is replaced only by a complete one. Throws TextError.
void writeReport(const std::string& path, const std::string& text) {
    auto fail = [&](const Text& why) { return TextError(Text{"không ghi được ", "cannot write "} + same(path + ": ") + why); };
    std::string target = path;
    struct stat st;
    bool exists = ::stat(path.c_str(), &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) throw fail(Text{"thư mục", "a directory"});
    if (exists && !S_ISREG(st.st_mode)) {
        // A device or a pipe (/dev/stdout, a FIFO): nothing to replace, write through.
        std::ofstream o(path, std::ios::binary);
        if (!(o << text << std::flush)) throw fail(same(std::strerror(errno)));
        return;
    }
    if (exists) {
        if (::access(path.c_str(), W_OK) != 0) throw fail(same(std::strerror(errno)));  // read-only stays read-only
        // Through a symlink, replace the file it points to and keep the link.
        if (char* real = ::realpath(path.c_str(), nullptr)) {
            target = real;
            std::free(real);
        }
    }
    size_t slash = target.rfind('/');
    std::string dir = slash == std::string::npos ? "" : target.substr(0, slash + 1);
    std::string base = slash == std::string::npos ? target : target.substr(slash + 1);
    std::string tmp;
    int fd = -1;
    for (int i = 0; fd < 0; ++i) {
        tmp = dir + "." + base + ".reportcheck-" + std::to_string(::getpid()) + "-" + std::to_string(i) + ".tmp";
        fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && (errno != EEXIST || i >= 100)) throw fail(same(std::strerror(errno)));
    }
    const char* p = text.data();
    size_t left = text.size();
    int err = 0;
    while (left > 0 && !err) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno != EINTR) err = errno;
        if (n > 0) p += n, left -= static_cast<size_t>(n);
    }
    if (!err && exists && ::fchmod(fd, st.st_mode & 07777) != 0) err = errno;
    if (!err && ::fsync(fd) != 0) err = errno;
    if (::close(fd) != 0 && !err) err = errno;
    if (!err && ::rename(tmp.c_str(), target.c_str()) != 0) err = errno;
    if (err) {
        ::unlink(tmp.c_str());
        throw fail(same(std::strerror(err)));
    }
}

int validate(const Options& opt) {
    const auto sets = bundledRuleSets(bundledRulesDir());
    std::string rules = opt.rules;  // the user's rules: a file, or the set named
    if (!opt.ruleSet.empty()) {
        for (const auto& set : sets)
            if (set.name == opt.ruleSet) rules = set.path;
        if (rules.empty()) {
            std::string names = joined(setNames(sets), ", ");
            Text none{"không có bộ quy tắc kèm theo tên \"" + opt.ruleSet + "\"; ", "no bundled rule set named \"" + opt.ruleSet + "\"; "};
            std::cerr << "--rules-set: " << (none + (names.empty() ? Text{"không có bộ nào", "there are none"} : Text{"có: ", "there are: "} + same(names))).in(opt.lang)
                      << "\n";
            return 2;
        }
    }
    // Before any work, so that a mistaken -o costs nothing; again before writing.
    if (!opt.out.empty() && outputIsAnInput(opt, rules)) return 2;
    // Compile the user's rules once up front so a broken rules file is one clear error.
    CompiledRules compiled;
    if (!rules.empty()) {
        try {
            compiled.get(rules);
        } catch (const RulesError& e) {
            std::cerr << formatDiagnostics(e.diagnostics(), opt.lang) << "\n";
            return 2;
        } catch (const std::bad_alloc&) {
            std::cerr << outOfMemory(rules).in(opt.lang) << "\n";
            return 2;
        }
    }
    std::vector<Checked> checked(opt.files.size());
    std::atomic<size_t> next{0};
    // Nothing may leave a worker thread: an exception there ends the process.
    auto worker = [&]() noexcept {
        for (size_t i; (i = next++) < opt.files.size();) {
            FileReport& r = checked[i].report;
            try {
                checked[i] = checkFile(opt.files[i], opt, sets, compiled);
            } catch (const std::bad_alloc&) {
                r.path = opt.files[i];
                r.ok = false;
                r.error = outOfMemory(opt.files[i]).in(opt.lang);
            } catch (...) {
                r.path = opt.files[i];
                r.ok = false;
                r.error = Text{"lỗi không lường trước: ", "unexpected error: "}.in(opt.lang) + opt.files[i];
            }
        }
    };
    runWorkers(worker, opt.jobs, opt.files.size());
    std::vector<FileReport> reports;
    for (auto& c : checked) {
        if (!c.warning.empty()) std::cerr << c.warning << "\n";
        reports.push_back(std::move(c.report));
    }

    std::string text;
    if (opt.format == "json") {
        text = presentJson(reports);
    } else if (opt.format == "html") {
        text = presentHtml(reports, opt.lang);
    } else {
        bool color = opt.out.empty() && isatty(1);
        for (const auto& r : reports) text += presentText(r, opt.lang, color, opt.perRule) + "\n";
        if (reports.size() > 1) {
            text += opt.lang == "en" ? "Summary:\n" : "Tóm tắt:\n";
            for (const auto& r : reports) text += "  " + presentSummaryLine(r, opt.lang) + "\n";
        }
    }
    if (opt.out.empty()) {
        std::cout << text;
    } else {
        if (outputIsAnInput(opt, rules)) return 2;
        try {
            writeReport(opt.out, text);
        } catch (const std::runtime_error& e) {
            std::cerr << textOf(e).in(opt.lang) << "\n";
            return 2;
        }
        for (const auto& r : reports) std::cerr << presentSummaryLine(r, opt.lang) << "\n";
    }
    int code = 0;
    for (const auto& r : reports) {
        if (!r.ok) return 2;
        if (!r.result.clean()) code = 1;
    }
    return code;
}

// Drafts the checks from the arithmetic the workbooks show (issue 10).
int suggestCommand(const Options& opt) {
    if (!opt.out.empty() && outputIsAnInput(opt, "")) return 2;
    std::vector<FileSuggestions> out(opt.files.size());
    std::vector<Workbook> books(opt.files.size());
    std::atomic<size_t> next{0};
    auto worker = [&]() noexcept {
        for (size_t i; (i = next++) < opt.files.size();) {
            out[i].path = opt.files[i];
            try {
                requireRegularFile(opt.files[i]);
                books[i] = readWorkbook(opt.files[i]);
                out[i].sheets = suggestRelations(books[i]);
                if (opt.format == "json") books[i] = Workbook();  // the JSON needs only the relations
            } catch (const std::bad_alloc&) {
                out[i].error = outOfMemory(opt.files[i]).in(opt.lang);
            } catch (const std::exception& e) {
                out[i].error = textOf(e).in(opt.lang);
            } catch (...) {
                out[i].error = Text{"lỗi không lường trước: ", "unexpected error: "}.in(opt.lang) + opt.files[i];
            }
        }
    };
    runWorkers(worker, opt.jobs, opt.files.size());
    // A sheet whose search hit a bound (SuggestOptions): said on stderr too.
    for (const auto& fs : out)
        for (const auto& ss : fs.sheets)
            if (!ss.cutShort.empty()) std::cerr << fs.path << ": " << cutShortNote(ss) << "\n";
    std::string text;
    if (opt.format == "json") {
        text = suggestionsJson(out);
    } else {
        for (size_t i = 0; i < out.size(); ++i)
            if (out[i].error.empty()) text += suggestionsRules(books[i], out[i]);
    }
    if (opt.out.empty()) {
        std::cout << text;
    } else {
        if (outputIsAnInput(opt, "")) return 2;
        try {
            writeReport(opt.out, text);
        } catch (const std::runtime_error& e) {
            std::cerr << textOf(e).in(opt.lang) << "\n";
            return 2;
        }
    }
    int code = 0;
    for (const auto& f : out)
        if (!f.error.empty()) {
            std::cerr << f.path << ": " << f.error << "\n";
            code = 2;
        }
    return code;
}

int lint(const std::vector<std::string>& files, const std::string& lang, const std::string& workbook) {
    int problems = 0;
    Workbook wb;
    if (!workbook.empty()) {
        try {
            requireRegularFile(workbook);
            wb = readWorkbook(workbook);
        } catch (const std::bad_alloc&) {
            std::cerr << outOfMemory(workbook).in(lang) << "\n";
            return 2;
        } catch (const std::exception& e) {
            std::cerr << textOf(e).in(lang) << "\n";
            return 2;
        }
    }
    for (const auto& f : files) {
        try {
            std::string text = readRegularFile(f, Limits().maxTextBytes);
            std::vector<Diagnostic> diags;
            RuleSet good = RuleSet::compileValid(text, f, diags);
            if (!diags.empty()) std::cout << formatDiagnostics(diags, lang) << "\n";
            problems += static_cast<int>(diags.size());
            if (workbook.empty()) continue;
            // References of the rules that compiled, against the workbook: what they
            // need and it lacks, in the same run as the syntax problems (issue 9).
            std::vector<Diagnostic> missing;
            for (const auto& x : good.run(wb).findings)
                if (x.kind == FindingKind::MissingRef) {
                    // The finding's message ends with its place "(file:line:col)" for
                    // validate; lint puts the place first, so it is said once.
                    std::string place = " (" + x.ruleFile + ":" + std::to_string(x.ruleLine) + ":" + std::to_string(x.ruleColumn) + ")";
                    auto once = [&](std::string m) {
                        if (m.size() >= place.size() && m.compare(m.size() - place.size(), place.size(), place) == 0)
                            m.erase(m.size() - place.size());
                        return m;
                    };
                    missing.push_back({x.ruleFile, x.ruleLine, x.ruleColumn, {once(x.message.in("vi")), once(x.message.in("en"))}});
                }
            if (!missing.empty()) std::cout << formatDiagnostics(missing, lang, kMaxMissingRefs) << "\n";
            problems += static_cast<int>(missing.size());
        } catch (const std::bad_alloc&) {
            std::cerr << outOfMemory(f).in(lang) << "\n";
            ++problems;
        } catch (const std::exception& e) {
            std::cerr << textOf(e).in(lang) << "\n";
            ++problems;
        }
    }
    if (problems == 0) std::cout << (lang == "en" ? "No problems found.\n" : "Không có lỗi.\n");
    return problems ? 2 : 0;
}

// The rules of one file: a rules file (by its .rules name), else a workbook's
// embedded rules, else the bundled set the workbook names.
RulesListing listRules(const std::string& path, const Options& opt, const std::vector<BundledRuleSet>& sets) {
    RulesListing l;
    l.path = path;
    if (path.size() > 6 && path.compare(path.size() - 6, 6, ".rules") == 0) {
        l.origin = path;
        l.rules = RuleSet::compileFile(path).rules();
        return l;
    }
    requireRegularFile(path);
    Workbook wb = readWorkbook(path);
    RulesChoice choice = chooseRules(offerFor(wb, opt, sets));
    l.origin = choice.origin();
    if (choice.source == RulesSource::Embedded) {
        l.rules = RuleSet::compile(wb.embeddedRules, embeddedRulesName(path), Limits::untrusted()).rules();
    } else if (choice.source == RulesSource::BundledSet) {
        for (const auto& set : sets)
            if (set.name == choice.set) l.rules = RuleSet::compileFile(set.path).rules();
    } else {
        throw TextError(same(path + ": ") + Text{"bảng tính chưa có quy tắc kiểm tra", "this workbook has no checks yet"});
    }
    return l;
}

int rulesCommand(const Options& opt) {
    const auto sets = bundledRuleSets(bundledRulesDir());
    std::vector<RulesListing> listings;
    int code = 0;
    for (const auto& f : opt.files) {
        try {
            listings.push_back(listRules(f, opt, sets));
        } catch (const RulesError& e) {
            std::cerr << formatDiagnostics(e.diagnostics(), opt.lang, kMaxMissingRefs) << "\n";
            code = 2;
        } catch (const std::bad_alloc&) {
            std::cerr << outOfMemory(f).in(opt.lang) << "\n";
            code = 2;
        } catch (const std::exception& e) {
            std::cerr << textOf(e).in(opt.lang) << "\n";
            code = 2;
        }
    }
    if (opt.format == "json") {
        std::cout << presentRulesJson(listings);
    } else {
        for (size_t i = 0; i < listings.size(); ++i) {
            if (opt.format == "rules") std::cout << (i ? "\n" : "") << "# " << listings[i].path << "\n" << printRules(listings[i].rules);
            else std::cout << (i ? "\n" : "") << presentRulesText(listings[i], opt.lang);
        }
    }
    return code;
}

int ruleSets() {
    std::string dir = bundledRulesDir();
    auto sets = bundledRuleSets(dir);
    if (sets.empty()) {
        std::cout << "Không có bộ quy tắc kèm theo nào / no bundled rule sets" << (dir.empty() ? "" : " (" + dir + ")") << "\n";
        return 0;
    }
    size_t width = 0;
    for (const auto& set : sets) width = std::max(width, set.name.size());
    for (const auto& set : sets)
        std::cout << set.name << std::string(width - set.name.size() + 2, ' ') << set.title << "\n"
                  << std::string(width + 2, ' ') << set.path << "\n";
    return 0;
}

// reportcheck cells: what the engine sees, for debugging rules and for parity tests.
int cells(const Options& opt) {
    std::string format = opt.format == "text" ? "tsv" : opt.format;
    if (format != "tsv" && format != "json") {
        std::cerr << "--format: tsv hoặc/or json\n";
        return 2;
    }
    if (opt.files.size() != 1) {
        std::cerr << "cells: cần đúng một tệp / expects one file\n" << kUsage;
        return 2;
    }
    try {
        Workbook wb = readWorkbook(opt.files[0]);
        if (!opt.sheet.empty() && !wb.sheet(opt.sheet)) {
            std::cerr << opt.files[0] << ": " << Text{"không có trang '", "no sheet '"}.in(opt.lang) << opt.sheet << "'\n";
            return 2;
        }
        // Printed as it is formatted: a full-size sheet's listing is hundreds of MiB.
        if (format == "json") writeCellsJson(std::cout, wb, opt.sheet);
        else writeCellsTsv(std::cout, wb, opt.sheet);
        std::cout.flush();
        // What reading left out (formulas without a saved result, text cut …): on
        // stderr, so that the listing stays what the engine sees and nothing else.
        for (const ReadNote& n : wb.notes) std::cerr << Text{"lưu ý: " + n.vi, "note: " + n.en}.in(opt.lang) << "\n";
    } catch (const std::exception& e) {
        std::cerr << textOf(e).in(opt.lang) << "\n";
        return 2;
    }
    return 0;
}

int usageError(const std::string& what) {
    std::cerr << what << "\n" << kUsage;
    return 2;
}

int run(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) return usageError("thiếu lệnh / missing command");
    // Help wherever it is asked for: `reportcheck validate --help` too.
    auto helpOption = [](const std::string& a) { return a == "-h" || a == "--help"; };
    if (args[0] == "help" || std::any_of(args.begin(), args.end(), helpOption)) {
        std::cout << kUsage;
        return 0;
    }
    if (args[0] == "version" || args[0] == "--version") {
        std::cout << "reportcheck " << REPORTCHECK_VERSION << "\n";
        return 0;
    }
    const std::string cmd = args[0];
    // The options each command takes; any other is a mistake worth stopping for.
    const std::vector<std::string> takes =
        cmd == "validate"    ? std::vector<std::string>{"--rules", "--rules-set", "--ignore-embedded", "--format", "--lang",
                                                        "-o", "--output", "-j", "--jobs", "--per-rule"}
        : cmd == "lint"      ? std::vector<std::string>{"--workbook", "--lang"}
        : cmd == "cells"     ? std::vector<std::string>{"--sheet", "--format", "--lang"}
        : cmd == "suggest"   ? std::vector<std::string>{"--format", "-o", "--output", "-j", "--jobs", "--lang"}
        : cmd == "rules"     ? std::vector<std::string>{"--format", "--lang"}
        : cmd == "rule-sets" ? std::vector<std::string>{}
                             : std::vector<std::string>{"?"};
    if (takes.size() == 1 && takes[0] == "?") return usageError("lệnh không rõ / unknown command: " + cmd);
    Options opt;
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (!a.empty() && a[0] == '-' && std::find(takes.begin(), takes.end(), a) == takes.end())
            return usageError("tùy chọn không rõ / unknown option: " + a + " (" + cmd + ")");
        std::string missing;
        auto value = [&](const char* what) -> std::string {
            if (i + 1 >= args.size()) {
                missing = what;
                return "";
            }
            return args[++i];
        };
        if (a == "--rules") opt.rules = value("rules file");
        else if (a == "--rules-set") opt.ruleSet = value("rule set");
        else if (a == "--format") opt.format = value("format");
        else if (a == "--lang") opt.lang = value("language");
        else if (a == "-o" || a == "--output") opt.out = value("output file");
        else if (a == "--ignore-embedded") opt.ignoreEmbedded = true;
        else if (a == "--per-rule") opt.perRule = true;
        else if (a == "--workbook") opt.workbook = value("workbook");
        else if (a == "--sheet") opt.sheet = value("sheet");
        else if (a == "-j" || a == "--jobs") {
            std::string n = value("job count");
            try {
                opt.jobs = std::stoi(n);
            } catch (...) {
                opt.jobs = 0;
            }
            if (missing.empty() && (opt.jobs < 1 || opt.jobs > 256)) {
                std::cerr << "-j: cần số từ 1 đến 256 / expected 1 to 256\n";
                return 2;
            }
        } else {
            opt.files.push_back(a);
        }
        if (!missing.empty()) return usageError(a + ": thiếu giá trị / missing " + missing);
    }
    if (opt.lang != "vi" && opt.lang != "en") {
        std::cerr << "--lang: vi hoặc/or en\n";
        return 2;
    }
    if (cmd == "cells") return cells(opt);
    if (cmd == "rules") {
        if (opt.format != "text" && opt.format != "json" && opt.format != "rules") {
            std::cerr << "--format: text, json hoặc/or rules\n";
            return 2;
        }
        return opt.files.empty() ? usageError("thiếu tệp / no files given") : rulesCommand(opt);
    }
    if (cmd == "suggest" && opt.format == "text") opt.format = "rules";
    if (cmd == "suggest" && opt.format != "rules" && opt.format != "json") {
        std::cerr << "--format: rules hoặc/or json\n";
        return 2;
    }
    if (opt.format != "text" && opt.format != "json" && opt.format != "html" && !(cmd == "suggest" && opt.format == "rules")) {
        std::cerr << "--format: text, json hoặc/or html\n";
        return 2;
    }
    if (!opt.rules.empty() && !opt.ruleSet.empty())
        return usageError("--rules và --rules-set: chỉ dùng một / use one of them");
    if (cmd == "rule-sets") return opt.files.empty() ? ruleSets() : usageError("rule-sets: không nhận tệp / takes no files");
    if (opt.files.empty()) return usageError("thiếu tệp / no files given");
    if (cmd == "suggest") return suggestCommand(opt);
    return cmd == "validate" ? validate(opt) : lint(opt.files, opt.lang, opt.workbook);
}

}  // namespace

// The boundary: whatever goes wrong is a message and exit code 2, never an abort.
int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::bad_alloc&) {
        std::cerr << "không đủ bộ nhớ / not enough memory\n";
    } catch (const std::exception& e) {
        std::cerr << "lỗi / error: " << e.what() << "\n";
    } catch (...) {
        std::cerr << "lỗi không lường trước / unexpected error\n";
    }
    return 2;
}
