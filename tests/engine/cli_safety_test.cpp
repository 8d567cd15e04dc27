// The command line as installed: it finds its bundled rules when installed or
// moved.
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

extern char** environ;

namespace {

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
    std::string rulesEnv;     // REPORTCHECK_RULES for the child; never inherited
};

// Runs `exe` with `args` directly (no shell) and kills it after the timeout,
// so that a CLI that blocks fails the test instead of hanging it.
Outcome runExe(const std::string& exe, const std::vector<std::string>& args, const RunOptions& o = {}) {
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e)
        if (std::strncmp(*e, "REPORTCHECK_RULES=", 18) != 0) env.push_back(*e);
    if (!o.rulesEnv.empty()) env.push_back("REPORTCHECK_RULES=" + o.rulesEnv);
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

void spit(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// A fresh directory per test, so tests can run in parallel (ctest -j).
std::string freshDir() {
    std::string tmpl = ::testing::TempDir();
    if (tmpl.empty() || tmpl.back() != '/') tmpl += '/';
    tmpl += "rc-safety-XXXXXX";
    if (!mkdtemp(&tmpl[0])) ADD_FAILURE() << "mkdtemp: " << std::strerror(errno);
    return tmpl;
}

const char* kCleanRules = "sheet \"Trống\"\ncheck ok: 1 = 1\n";

}  // namespace

TEST(CliSafety, BundledRulesAreFoundWhenInstalledOrMoved) {
    std::string d = freshDir();
    Outcome r = runExe(REPORTCHECK_CMAKE, {"--install", REPORTCHECK_BUILD_DIR, "--prefix", d + "/inst", "--component", "cli"});
    ASSERT_EQ(r.code, 0) << r.output;
    ASSERT_EQ(rename((d + "/inst").c_str(), (d + "/moved").c_str()), 0);
    std::string exe = d + "/moved/bin/reportcheck";
    r = runExe(exe, {"validate", kFixtures + "small.ods"});
    EXPECT_EQ(r.code, 1) << r.output.substr(0, 2000);  // the bundled rules, not a missing file
    EXPECT_NE(r.output.find("(" + d + "/moved/share/reportcheck/rules/report-536.rules:"), std::string::npos)
        << r.output.substr(0, 2000);
    // REPORTCHECK_RULES still wins.
    spit(d + "/clean.rules", kCleanRules);
    RunOptions o;
    o.rulesEnv = d + "/clean.rules";
    r = runExe(exe, {"validate", kFixtures + "small.ods"}, o);
    EXPECT_EQ(r.code, 0) << r.output;
}
