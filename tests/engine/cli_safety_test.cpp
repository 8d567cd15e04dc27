// The command line on inputs from someone else (issue 7): it never writes over
// one of its inputs however the output is named, never leaves a half-written
// report, refuses FIFOs, devices and directories without blocking, exits 2
// instead of aborting when memory runs out, prints a long list of diagnostics
// once, and finds its bundled rule sets when installed or moved.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "reportcheck/embedding.h"
#include "test_util.h"

extern char** environ;

namespace {

const std::string kCli = REPORTCHECK_CLI;
const std::string kFixtures = std::string(REPORTCHECK_SOURCE_DIR) + "/tests/fixtures/";

struct Outcome {
    int code = -1;    // exit code, -1 when killed by a signal
    int signal = 0;   // the signal that ended it, if any
    bool timedOut = false;
    std::string output;  // stdout and stderr
};

struct RunOptions {
    std::string cwd;
    int timeoutSeconds = 60;
    rlim_t addressSpace = 0;  // bytes; 0 leaves the limit alone
    std::string rulesDir;     // REPORTCHECK_RULES_DIR for the child; never inherited
};

// Runs `exe` with `args` directly (no shell) and kills it after the timeout,
// so that a CLI that blocks fails the test instead of hanging it.
Outcome runExe(const std::string& exe, const std::vector<std::string>& args, const RunOptions& o = {}) {
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e)
        if (std::strncmp(*e, "REPORTCHECK_RULES_DIR=", 22) != 0) env.push_back(*e);
    if (!o.rulesDir.empty()) env.push_back("REPORTCHECK_RULES_DIR=" + o.rulesDir);
    std::vector<char*> argv{const_cast<char*>(exe.c_str())}, envp;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    for (auto& e : env) envp.push_back(&e[0]);
    envp.push_back(nullptr);

    int fds[2];
    if (pipe(fds) != 0) return {};
    pid_t pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDONLY);
        dup2(devnull, 0);
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        close(fds[0]);
        if (!o.cwd.empty() && chdir(o.cwd.c_str()) != 0) _exit(121);
        if (o.addressSpace) {
            struct rlimit rl{o.addressSpace, o.addressSpace};
            if (setrlimit(RLIMIT_AS, &rl) != 0) _exit(122);
        }
        execve(exe.c_str(), argv.data(), envp.data());
        _exit(127);
    }
    close(fds[1]);
    Outcome r;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(o.timeoutSeconds);
    char buf[4096];
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            r.timedOut = true;
            kill(pid, SIGKILL);
            break;
        }
        struct pollfd p{fds[0], POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
        ssize_t n = read(fds[0], buf, sizeof buf);
        if (n <= 0) break;
        r.output.append(buf, static_cast<size_t>(n));
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFEXITED(status)) r.code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
    return r;
}

Outcome cli(const std::vector<std::string>& args, const RunOptions& o = {}) { return runExe(kCli, args, o); }

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void spit(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// A fresh directory per test, so tests can run in parallel (ctest -j).
std::string freshDir() {
    std::string tmpl = ::testing::TempDir();
    if (tmpl.empty() || tmpl.back() != '/') tmpl += '/';
    tmpl += "rc-safety-XXXXXX";
    if (!mkdtemp(&tmpl[0])) ADD_FAILURE() << "mkdtemp: " << std::strerror(errno);
    return tmpl;
}

std::vector<std::string> listDir(const std::string& dir) {
    std::vector<std::string> names;
    FILE* p = popen(("ls -A " + dir).c_str(), "r");
    char line[4096];
    while (fgets(line, sizeof line, p)) names.emplace_back(line, strcspn(line, "\n"));
    pclose(p);
    return names;
}

const char* kCleanRules = "sheet \"Trống\"\ncheck ok: 1 = 1\n";

}  // namespace

TEST(CliSafety, OutputIsNeverOneOfTheInputs) {
    std::string d = freshDir();
    std::string ods = slurp(kFixtures + "small.ods");
    spit(d + "/in.ods", ods);
    spit(d + "/r.rules", kCleanRules);
    spit(d + "/main.rules", "include \"part.rules\"\n");
    spit(d + "/part.rules", kCleanRules);
    ASSERT_EQ(symlink("in.ods", (d + "/link.ods").c_str()), 0);
    ASSERT_EQ(link((d + "/in.ods").c_str(), (d + "/hard.ods").c_str()), 0);
    RunOptions here;
    here.cwd = d;
    for (const std::string& out : std::vector<std::string>{"./in.ods", d + "/in.ods", "link.ods", "hard.ods"}) {
        Outcome r = cli({"validate", "in.ods", "--rules", "r.rules", "-o", out}, here);
        EXPECT_EQ(r.code, 2) << out << "\n" << r.output;
        EXPECT_NE(r.output.find("không ghi đè"), std::string::npos) << r.output;
        EXPECT_EQ(slurp(d + "/in.ods"), ods) << out;
    }
    Outcome r = cli({"validate", "in.ods", "--rules", "r.rules", "-o", "r.rules"}, here);
    EXPECT_EQ(r.code, 2) << r.output;
    EXPECT_EQ(slurp(d + "/r.rules"), kCleanRules);
    r = cli({"validate", "in.ods", "--rules", "./main.rules", "-o", "part.rules"}, here);  // an included file
    EXPECT_EQ(r.code, 2) << r.output;
    EXPECT_EQ(slurp(d + "/part.rules"), kCleanRules);
    EXPECT_EQ(slurp(d + "/in.ods"), ods);
    struct stat st;
    ASSERT_EQ(lstat((d + "/link.ods").c_str(), &st), 0);
    EXPECT_TRUE(S_ISLNK(st.st_mode));
}

TEST(CliSafety, OutputIsReplacedWholeOrNotAtAll) {
    std::string d = freshDir();
    spit(d + "/in.ods", slurp(kFixtures + "small.ods"));
    spit(d + "/r.rules", kCleanRules);
    spit(d + "/bad.rules", "sheet \"S\"\ncheck a: C5 = (D5 +\n");
    spit(d + "/out.txt", "previous report\n");
    RunOptions here;
    here.cwd = d;
    // A failed run leaves the previous report as it was.
    Outcome r = cli({"validate", "in.ods", "--rules", "bad.rules", "-o", "out.txt"}, here);
    EXPECT_EQ(r.code, 2) << r.output;
    EXPECT_EQ(slurp(d + "/out.txt"), "previous report\n");
    // A good run replaces it, keeps its permissions, and leaves no temporary file.
    chmod((d + "/out.txt").c_str(), 0640);
    r = cli({"validate", "in.ods", "--rules", "r.rules", "-o", "out.txt"}, here);
    EXPECT_EQ(r.code, 0) << r.output;
    EXPECT_NE(slurp(d + "/out.txt").find("Không có phát hiện nào"), std::string::npos);
    struct stat st;
    ASSERT_EQ(stat((d + "/out.txt").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0640u);
    // Through a symlink the file it points to gets the report; the link stays.
    spit(d + "/real.txt", "old\n");
    ASSERT_EQ(symlink("real.txt", (d + "/via.txt").c_str()), 0);
    r = cli({"validate", "in.ods", "--rules", "r.rules", "-o", "via.txt"}, here);
    EXPECT_EQ(r.code, 0) << r.output;
    ASSERT_EQ(lstat((d + "/via.txt").c_str(), &st), 0);
    EXPECT_TRUE(S_ISLNK(st.st_mode));
    EXPECT_NE(slurp(d + "/real.txt").find("Không có phát hiện nào"), std::string::npos);
    // A directory is no output.
    mkdir((d + "/outdir").c_str(), 0755);
    r = cli({"validate", "in.ods", "--rules", "r.rules", "-o", "outdir"}, here);
    EXPECT_EQ(r.code, 2) << r.output;
    std::vector<std::string> names = listDir(d);
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"bad.rules", "in.ods", "out.txt", "outdir", "r.rules", "real.txt", "via.txt"}));
}

TEST(CliSafety, NonRegularInputsAreRefusedAtOnce) {
    std::string d = freshDir();
    std::string ods = slurp(kFixtures + "small.ods");
    spit(d + "/in.ods", ods);
    spit(d + "/r.rules", kCleanRules);
    ASSERT_EQ(mkfifo((d + "/pipe").c_str(), 0644), 0);
    mkdir((d + "/dir").c_str(), 0755);
    spit(d + "/inc.rules", "sheet \"Trống\"\ninclude \"dir\"\ncheck ok: 1 = 1\n");
    RunOptions o;
    o.cwd = d;
    o.timeoutSeconds = 20;  // nobody ever writes to the FIFO: a blocking read would hang
    struct Case {
        std::vector<std::string> args;
        std::string says;
    };
    const std::vector<Case> cases = {
        {{"validate", "in.ods", "--rules", "pipe"}, "FIFO"},
        {{"validate", "pipe", "--rules", "r.rules"}, "FIFO"},
        {{"lint", "pipe"}, "FIFO"},
        {{"lint", "r.rules", "--workbook", "pipe"}, "FIFO"},
        {{"validate", "in.ods", "--rules", "/dev/zero"}, "thiết bị"},
        {{"validate", "in.ods", "--rules", "dir"}, "thư mục"},
        {{"validate", "dir", "--rules", "r.rules"}, "thư mục"},
        {{"lint", "dir"}, "thư mục"},
        {{"validate", "in.ods", "--rules", "inc.rules"}, "inc.rules:2:9: không đọc được tệp include: dir không phải tệp thường (là thư mục)"},
        {{"lint", "inc.rules", "--lang", "en"}, "inc.rules:2:9: cannot read the included file: dir is not a regular file (it is a directory)"},
    };
    for (const auto& c : cases) {
        std::string what;
        for (const auto& a : c.args) what += a + " ";
        Outcome r = cli(c.args, o);
        EXPECT_FALSE(r.timedOut) << what;
        EXPECT_EQ(r.code, 2) << what << "\n" << r.output;
        EXPECT_NE(r.output.find(c.says), std::string::npos) << what << "\n" << r.output;
    }
    EXPECT_EQ(slurp(d + "/in.ods"), ods);
}

TEST(CliSafety, OutOfMemoryIsExitTwoNotAnAbort) {
#if defined(__SANITIZE_ADDRESS__)
    GTEST_SKIP() << "AddressSanitizer reserves more address space than the limit";
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    GTEST_SKIP() << "AddressSanitizer reserves more address space than the limit";
#endif
#endif
    std::string d = freshDir();
    // Workbooks that name the set "big": it is compiled in the -j worker threads.
    for (const char* name : {"/in.ods", "/in2.ods"})
        rctest::copyOdsWithProperties(kFixtures + "small.ods", d + name, {{reportcheck::embedding::kRuleSet, "big"}});
    mkdir((d + "/sets").c_str(), 0755);
    // 2 000 rules (Limits::maxRules) take some tens of MB to compile: more than
    // the 64 MB of address space left once the libraries are mapped.
    {
        std::ofstream big(d + "/big.rules");
        big << "sheet \"S\"\n";
        for (int i = 0; i < 2000; ++i) big << "check c" << i << ": A1 + A2 + A3 + A4 + A5 + A6 + A7 + A8 = B" << i + 1 << "\n";
    }
    RunOptions o;
    o.cwd = d;
    o.addressSpace = rlim_t(64) << 20;
    // Compiled up front, on the main thread.
    Outcome r = cli({"validate", "in.ods", "--rules", "big.rules"}, o);
    EXPECT_EQ(r.signal, 0) << r.output;
    EXPECT_EQ(r.code, 2) << r.output;
    EXPECT_NE(r.output.find("không đủ bộ nhớ: big.rules"), std::string::npos) << r.output;
    // Compiled in the -j worker threads (a set the workbooks name is not compiled up front).
    ASSERT_EQ(link((d + "/big.rules").c_str(), (d + "/sets/big.rules").c_str()), 0);
    o.rulesDir = d + "/sets";
    r = cli({"validate", "in.ods", "in2.ods", "-j", "2", "--format", "json"}, o);
    EXPECT_EQ(r.signal, 0) << r.output;
    EXPECT_EQ(r.code, 2) << r.output;
    // Which allocation fails first depends on the threads' timing (libzip's may:
    // "cannot open (Malloc failure)"); what matters is a message per file, no abort.
    EXPECT_NE(r.output.find("\"error\": \"không đủ bộ nhớ: in"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("\"ok\": true"), std::string::npos) << r.output;
}

TEST(CliSafety, LongListsOfDiagnosticsAreCut) {
    std::string d = freshDir();
    spit(d + "/in.ods", slurp(kFixtures + "small.ods"));
    {
        std::ofstream many(d + "/many.rules");
        many << "sheet \"S\"\n";
        for (int i = 0; i < 250; ++i) many << "chek c" << i << ": 1 = 1\n";
    }
    RunOptions o;
    o.cwd = d;
    Outcome r = cli({"validate", "in.ods", "--rules", "many.rules"}, o);
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 101) << r.output.substr(0, 2000);
    EXPECT_NE(r.output.find("many.rules:101:1: cần một câu lệnh"), std::string::npos) << r.output.substr(0, 2000);
    EXPECT_EQ(r.output.find("many.rules:102:1: cần một câu lệnh"), std::string::npos);
    EXPECT_NE(r.output.find("còn 150 lỗi khác không được liệt kê (giới hạn maxDiagnostics = 100)"), std::string::npos) << r.output.substr(r.output.size() - 300);
    r = cli({"lint", "many.rules", "--lang", "en"}, o);
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 101);
    EXPECT_NE(r.output.find("150 more problems are not listed (limit maxDiagnostics = 100)"), std::string::npos) << r.output.substr(r.output.size() - 300);
}

TEST(CliSafety, BundledRuleSetsAreFoundWhenInstalledOrMoved) {
    std::string d = freshDir();
    Outcome r = runExe(REPORTCHECK_CMAKE, {"--install", REPORTCHECK_BUILD_DIR, "--prefix", d + "/inst", "--component", "cli"});
    ASSERT_EQ(r.code, 0) << r.output;
    ASSERT_EQ(rename((d + "/inst").c_str(), (d + "/moved").c_str()), 0);
    std::string exe = d + "/moved/bin/reportcheck";
    r = runExe(exe, {"rule-sets"});
    EXPECT_EQ(r.code, 0) << r.output;
    EXPECT_NE(r.output.find("\n            " + d + "/moved/share/reportcheck/rules/report-536.rules\n"), std::string::npos) << r.output;
    r = runExe(exe, {"validate", kFixtures + "small.ods", "--rules-set", "report-536"});
    EXPECT_EQ(r.code, 1) << r.output.substr(0, 2000);  // the bundled rules, not a missing file
    EXPECT_NE(r.output.find("(" + d + "/moved/share/reportcheck/rules/report-536.rules:"), std::string::npos)
        << r.output.substr(0, 2000);
    // REPORTCHECK_RULES_DIR still wins.
    mkdir((d + "/sets").c_str(), 0755);
    spit(d + "/sets/clean.rules", kCleanRules);
    RunOptions o;
    o.rulesDir = d + "/sets";
    r = runExe(exe, {"validate", kFixtures + "small.ods", "--rules-set", "clean"}, o);
    EXPECT_EQ(r.code, 0) << r.output;
    r = runExe(exe, {"validate", kFixtures + "small.ods", "--rules-set", "report-536"}, o);
    EXPECT_EQ(r.code, 2) << r.output;
}
