// reportcheck: the engine on .ods files, without LibreOffice.
//   reportcheck validate FILE.ods… [--rules FILE] [--format text|json|html] [--lang vi|en] [-j N] [-o OUT]
//   reportcheck lint RULES…
//   reportcheck suggest FILE.ods… [--format rules|json] [-j N] [-o OUT]
// Exit: 0 clean, 1 findings (errors or warnings), 2 bad input.
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
#include <thread>

#include "file_io.h"
#include "reportcheck/ods.h"
#include "reportcheck/present.h"
#include "reportcheck/rules.h"
#include "reportcheck/suggest.h"

using namespace reportcheck;

namespace {

const char* kUsage =
    "Cách dùng / Usage:\n"
    "  reportcheck validate TỆP.ods… [--rules TỆP] [--ignore-embedded] [--format text|json|html]\n"
    "                       [--lang vi|en] [-j N] [-o TỆP_RA]\n"
    "      Kiểm tra bảng tính; dùng quy tắc nhúng trong tệp nếu có, nếu không thì --rules,\n"
    "      nếu không thì quy tắc mặc định. Không bao giờ ghi vào tệp đầu vào.\n"
    "      Check workbooks with their embedded rules, else --rules, else the bundled rules.\n"
    "      Mã thoát / exit: 0 không có lỗi / clean, 1 có phát hiện / findings, 2 đầu vào hỏng / bad input.\n"
    "  reportcheck lint TỆP.rules… [--workbook TỆP.ods]\n"
    "      Báo mọi lỗi cú pháp và tham chiếu (tệp:dòng:cột); với --workbook còn báo trang, nhãn,\n"
    "      tiêu đề, tên vùng mà quy tắc cần nhưng bảng tính không có.\n"
    "      Every syntax and reference problem as file:line:col; with --workbook also the sheets,\n"
    "      labels, headers and names the rules need that the workbook lacks.\n"
    "  reportcheck suggest TỆP.ods… [--format rules|json] [-j N] [-o TỆP_RA]\n"
    "      Đề xuất bản nháp quy tắc từ chính các tổng, tỷ lệ của bảng tính (xem lại rồi dùng).\n"
    "      Draft rules from the workbook's own totals and ratios, to review, validate and embed.\n"
    "  reportcheck version\n";

// A rules file with 150 000 rules over the limit would otherwise print 130 000
// lines of the same message; the first ones say all there is to say.
constexpr size_t kMaxDiagnostics = 100;

std::string formatDiagnostics(const std::vector<Diagnostic>& diags, const std::string& lang) {
    std::string out;
    for (size_t i = 0; i < diags.size() && i < kMaxDiagnostics; ++i) out += (i ? "\n" : "") + diags[i].format(lang);
    if (diags.size() > kMaxDiagnostics) {
        std::string more = std::to_string(diags.size() - kMaxDiagnostics);
        out += lang == "en" ? "\n… and " + more + " more" : "\n… và " + more + " lỗi nữa";
    }
    return out;
}

std::string outOfMemory(const std::string& path) {
    return "không đủ bộ nhớ / not enough memory: " + path;
}

// The bundled rules live at the same place relative to the executable in an
// installed tree (bin/ -> share/reportcheck/rules/) and in the build tree, so
// a moved or installed build finds them. REPORTCHECK_RULES overrides.
// Empty when the executable cannot be located (no /proc).
std::string bundledRulesPath() {
    if (const char* env = std::getenv("REPORTCHECK_RULES"); env && *env) return env;
    std::string exe(4096, '\0');
    ssize_t n = readlink("/proc/self/exe", &exe[0], exe.size());
    if (n <= 0 || static_cast<size_t>(n) >= exe.size()) return "";
    exe.resize(static_cast<size_t>(n));
    std::string path = exe.substr(0, exe.rfind('/') + 1) + REPORTCHECK_RULES_FROM_BIN "/" REPORTCHECK_RULES_FILE;
    // Without the "bin/../" in messages; a missing file keeps its path to be reported.
    if (char* real = ::realpath(path.c_str(), nullptr)) {
        path = real;
        std::free(real);
    }
    return path;
}

struct Options {
    std::vector<std::string> files;
    std::string rules, format = "text", lang = "vi", out;
    bool ignoreEmbedded = false;
    std::string workbook;  // lint: check references against it
    int jobs = 1;
};

FileReport checkFile(const std::string& path, const Options& opt) {
    FileReport rep;
    rep.path = path;
    try {
        requireRegularFile(path);  // a FIFO would block the reader, a directory is no workbook
        Workbook wb = readOds(path);
        if (!wb.embeddedRules.empty() && !opt.ignoreEmbedded) {
            RuleSet rs = RuleSet::compile(wb.embeddedRules, path + "#embedded", Limits::untrusted());
            rep.rulesOrigin = "embedded";
            rep.result = rs.run(wb);
        } else {
            std::string rules = opt.rules.empty() ? bundledRulesPath() : opt.rules;
            if (rules.empty())
                throw std::runtime_error("không tìm thấy quy tắc mặc định, hãy đặt REPORTCHECK_RULES / "
                                         "cannot find the bundled rules, set REPORTCHECK_RULES");
            // Each worker compiles its own copy: a RuleSet's run is not thread-safe.
            RuleSet rs = RuleSet::compileFile(rules);
            rep.rulesOrigin = opt.rules.empty() ? "bundled" : opt.rules;
            rep.result = rs.run(wb);
        }
    } catch (const RulesError& e) {
        rep.ok = false;
        rep.error = (opt.lang == "en" ? "bad rules: " : "quy tắc hỏng: ") + formatDiagnostics(e.diagnostics(), opt.lang);
    } catch (const std::bad_alloc&) {
        rep.ok = false;
        rep.error = outOfMemory(path);
    } catch (const std::exception& e) {
        rep.ok = false;
        rep.error = e.what();
    }
    return rep;
}

// Whether -o names a file the run reads (and says so). Compared by identity,
// so ./in.ods, an absolute path, a symlink or a hard link to an input are all
// refused; included rules files are known once the engine has read them.
bool outputIsAnInput(const Options& opt) {
    FileId out;
    if (!fileId(opt.out, out)) return false;  // a new file
    std::vector<std::string> inputs = opt.files;
    inputs.push_back(opt.rules.empty() ? bundledRulesPath() : opt.rules);
    std::string same;
    for (const auto& in : inputs)
        if (sameFile(in, opt.out)) same = in;
    auto read = filesRead();
    if (same.empty() && std::find(read.begin(), read.end(), out) == read.end()) return false;
    std::cerr << "không ghi đè tệp đầu vào / refusing to overwrite an input file: " << opt.out
              << (same.empty() || same == opt.out ? "" : " = " + same) << "\n";
    return true;
}

// Writes the report to a temporary file next to `path` and renames it into
// place: a failed run never leaves a half-written report, and an existing
// file is replaced only by a complete one. Throws std::runtime_error.
void writeReport(const std::string& path, const std::string& text) {
    auto fail = [&](const std::string& why) {
        return std::runtime_error("không ghi được / cannot write " + path + ": " + why);
    };
    std::string target = path;
    struct stat st;
    bool exists = ::stat(path.c_str(), &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) throw fail("thư mục / a directory");
    if (exists && !S_ISREG(st.st_mode)) {
        // A device or a pipe (/dev/stdout, a FIFO): nothing to replace, write through.
        std::ofstream o(path, std::ios::binary);
        if (!(o << text << std::flush)) throw fail(std::strerror(errno));
        return;
    }
    if (exists) {
        if (::access(path.c_str(), W_OK) != 0) throw fail(std::strerror(errno));  // read-only stays read-only
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
        if (fd < 0 && (errno != EEXIST || i >= 100)) throw fail(std::strerror(errno));
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
        throw fail(std::strerror(err));
    }
}

int validate(const Options& opt) {
    // Before any work, so that a mistaken -o costs nothing; again before writing.
    if (!opt.out.empty() && outputIsAnInput(opt)) return 2;
    // Check the rules once up front so a broken rules file is one clear error.
    if (!opt.rules.empty()) {
        try {
            RuleSet::compileFile(opt.rules);
        } catch (const RulesError& e) {
            std::cerr << formatDiagnostics(e.diagnostics(), opt.lang) << "\n";
            return 2;
        } catch (const std::bad_alloc&) {
            std::cerr << outOfMemory(opt.rules) << "\n";
            return 2;
        }
    }
    std::vector<FileReport> reports(opt.files.size());
    std::atomic<size_t> next{0};
    // Nothing may leave a worker thread: an exception there ends the process.
    auto worker = [&]() noexcept {
        for (size_t i; (i = next++) < opt.files.size();) {
            try {
                reports[i] = checkFile(opt.files[i], opt);
            } catch (const std::bad_alloc&) {
                reports[i].path = opt.files[i];
                reports[i].ok = false;
                reports[i].error = outOfMemory(opt.files[i]);
            } catch (...) {
                reports[i].path = opt.files[i];
                reports[i].ok = false;
                reports[i].error = "lỗi không lường trước / unexpected error: " + opt.files[i];
            }
        }
    };
    int jobs = std::max(1, std::min<int>(opt.jobs, static_cast<int>(opt.files.size())));
    std::vector<std::thread> pool;
    for (int j = 1; j < jobs; ++j) {
        try {
            pool.emplace_back(worker);
        } catch (const std::exception&) {
            break;  // no thread to spare (memory, limits): fewer workers share the files
        }
    }
    worker();
    for (auto& t : pool) t.join();

    std::string text;
    if (opt.format == "json") {
        text = presentJson(reports);
    } else if (opt.format == "html") {
        text = presentHtml(reports, opt.lang);
    } else {
        bool color = opt.out.empty() && isatty(1);
        for (const auto& r : reports) text += presentText(r, opt.lang, color) + "\n";
        if (reports.size() > 1) {
            text += opt.lang == "en" ? "Summary:\n" : "Tóm tắt:\n";
            for (const auto& r : reports) text += "  " + presentSummaryLine(r, opt.lang) + "\n";
        }
    }
    if (opt.out.empty()) {
        std::cout << text;
    } else {
        if (outputIsAnInput(opt)) return 2;
        try {
            writeReport(opt.out, text);
        } catch (const std::runtime_error& e) {
            std::cerr << e.what() << "\n";
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
    if (!opt.out.empty() && outputIsAnInput(opt)) return 2;
    std::vector<FileSuggestions> out(opt.files.size());
    std::vector<Workbook> books(opt.files.size());
    std::atomic<size_t> next{0};
    auto worker = [&]() noexcept {
        for (size_t i; (i = next++) < opt.files.size();) {
            out[i].path = opt.files[i];
            try {
                requireRegularFile(opt.files[i]);
                books[i] = readOds(opt.files[i]);
                out[i].sheets = suggestRelations(books[i]);
                if (opt.format == "json") books[i] = Workbook();  // the JSON needs only the relations
            } catch (const std::bad_alloc&) {
                out[i].error = outOfMemory(opt.files[i]);
            } catch (const std::exception& e) {
                out[i].error = e.what();
            } catch (...) {
                out[i].error = "lỗi không lường trước / unexpected error: " + opt.files[i];
            }
        }
    };
    int jobs = std::max(1, std::min<int>(opt.jobs, static_cast<int>(opt.files.size())));
    std::vector<std::thread> pool;
    for (int j = 1; j < jobs; ++j) {
        try {
            pool.emplace_back(worker);
        } catch (const std::exception&) {
            break;
        }
    }
    worker();
    for (auto& t : pool) t.join();
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
        if (outputIsAnInput(opt)) return 2;
        try {
            writeReport(opt.out, text);
        } catch (const std::runtime_error& e) {
            std::cerr << e.what() << "\n";
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
            wb = readOds(workbook);
        } catch (const std::bad_alloc&) {
            std::cerr << outOfMemory(workbook) << "\n";
            return 2;
        } catch (const std::exception& e) {
            std::cerr << e.what() << "\n";
            return 2;
        }
    }
    for (const auto& f : files) {
        try {
            std::string text = readRegularFile(f, Limits().maxTextBytes);
            auto diags = RuleSet::lint(text, f);
            if (!diags.empty()) std::cout << formatDiagnostics(diags, lang) << "\n";
            problems += static_cast<int>(diags.size());
            if (workbook.empty() || !diags.empty()) continue;
            // References against the workbook: what the rules need and it lacks.
            std::vector<Diagnostic> missing;
            for (const auto& x : RuleSet::compile(text, f).run(wb).findings)
                if (x.kind == FindingKind::MissingRef)
                    missing.push_back({x.ruleFile, x.ruleLine, x.ruleColumn, x.message("en"), x.message("vi")});
            if (!missing.empty()) std::cout << formatDiagnostics(missing, lang) << "\n";
            problems += static_cast<int>(missing.size());
        } catch (const std::bad_alloc&) {
            std::cerr << outOfMemory(f) << "\n";
            ++problems;
        } catch (const std::exception& e) {
            std::cerr << e.what() << "\n";
            ++problems;
        }
    }
    if (problems == 0) std::cout << (lang == "en" ? "No problems found.\n" : "Không có lỗi.\n");
    return problems ? 2 : 0;
}

int run(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
        std::cout << kUsage;
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "version" || args[0] == "--version") {
        std::cout << "reportcheck " << REPORTCHECK_VERSION << "\n";
        return 0;
    }
    Options opt;
    std::string cmd = args[0];
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const char* what) -> std::string {
            if (i + 1 >= args.size()) {
                std::cerr << a << ": thiếu giá trị / missing " << what << "\n" << kUsage;
                std::exit(2);
            }
            return args[++i];
        };
        if (a == "--rules") opt.rules = value("rules file");
        else if (a == "--format") opt.format = value("format");
        else if (a == "--lang") opt.lang = value("language");
        else if (a == "-o" || a == "--output") opt.out = value("output file");
        else if (a == "--ignore-embedded") opt.ignoreEmbedded = true;
        else if (a == "--workbook") opt.workbook = value("workbook");
        else if (a == "-j" || a == "--jobs") {
            try {
                opt.jobs = std::stoi(value("job count"));
            } catch (...) {
                opt.jobs = 0;
            }
            if (opt.jobs < 1 || opt.jobs > 256) {
                std::cerr << "-j: cần số từ 1 đến 256 / expected 1 to 256\n";
                return 2;
            }
        } else if (!a.empty() && a[0] == '-') {
            std::cerr << "tùy chọn không rõ / unknown option: " << a << "\n" << kUsage;
            return 2;
        } else {
            opt.files.push_back(a);
        }
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
    if (opt.lang != "vi" && opt.lang != "en") {
        std::cerr << "--lang: vi hoặc/or en\n";
        return 2;
    }
    if (opt.files.empty()) {
        std::cerr << kUsage;
        return 2;
    }
    if (cmd == "validate") return validate(opt);
    if (cmd == "lint") return lint(opt.files, opt.lang, opt.workbook);
    if (cmd == "suggest") return suggestCommand(opt);
    std::cerr << "lệnh không rõ / unknown command: " << cmd << "\n" << kUsage;
    return 2;
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
