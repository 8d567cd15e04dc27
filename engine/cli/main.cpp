// reportcheck: the engine on .ods, .xlsx, .fods and .csv files, without LibreOffice.
//   reportcheck validate FILE.ods… [--rules FILE] [--format text|json|html] [--lang vi|en] [-j N] [-o OUT]
//   reportcheck lint RULES…
//   reportcheck cells FILE [--sheet S] [--format tsv|json]
// Exit: 0 clean, 1 findings (errors or warnings), 2 bad input.
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "reportcheck/read.h"
#include "reportcheck/present.h"
#include "reportcheck/rules.h"

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
    "  reportcheck cells TỆP [--sheet TRANG] [--format tsv|json]\n"
    "      In mọi ô mà bộ máy thấy (trang, địa chỉ, loại, giá trị, chữ, số chữ số thập phân),\n"
    "      để dò quy tắc; tsv cùng bố cục với kho tệp đối chiếu.\n"
    "      Every cell the engine sees (sheet, address, kind, value, text, decimals), for\n"
    "      debugging rules; the tsv has the layout of the corpus .tsv files.\n"
    "  Đọc / reads .ods, .xlsx, .fods, .csv.\n"
    "  reportcheck version\n";

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path + " / không đọc được " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string bundledRulesPath() {
    if (const char* env = std::getenv("REPORTCHECK_RULES")) return env;
    return REPORTCHECK_BUNDLED_RULES;
}

struct Options {
    std::vector<std::string> files;
    std::string rules, format = "text", lang = "vi", out;
    bool ignoreEmbedded = false;
    std::string workbook;  // lint: check references against it
    std::string sheet;     // cells: only this sheet
    int jobs = 1;
};

FileReport checkFile(const std::string& path, const Options& opt) {
    FileReport rep;
    rep.path = path;
    try {
        Workbook wb = readWorkbook(path);
        if (!wb.embeddedRules.empty() && !opt.ignoreEmbedded) {
            RuleSet rs = RuleSet::compile(wb.embeddedRules, path + "#embedded", Limits::untrusted());
            rep.rulesOrigin = "embedded";
            rep.result = rs.run(wb);
        } else {
            // Each worker compiles its own copy: a RuleSet's run is not thread-safe.
            RuleSet rs = RuleSet::compileFile(opt.rules.empty() ? bundledRulesPath() : opt.rules);
            rep.rulesOrigin = opt.rules.empty() ? "bundled" : opt.rules;
            rep.result = rs.run(wb);
        }
    } catch (const RulesError& e) {
        rep.ok = false;
        std::string msg;
        for (const auto& d : e.diagnostics()) msg += (msg.empty() ? "" : "\n") + d.format(opt.lang);
        rep.error = (opt.lang == "en" ? "bad rules: " : "quy tắc hỏng: ") + msg;
    } catch (const std::exception& e) {
        rep.ok = false;
        rep.error = e.what();
    }
    return rep;
}

int validate(const Options& opt) {
    // Check the rules once up front so a broken rules file is one clear error.
    if (!opt.rules.empty()) {
        try {
            RuleSet::compileFile(opt.rules);
        } catch (const RulesError& e) {
            for (const auto& d : e.diagnostics()) std::cerr << d.format(opt.lang) << "\n";
            return 2;
        }
    }
    std::vector<FileReport> reports(opt.files.size());
    std::atomic<size_t> next{0};
    auto worker = [&] {
        for (size_t i; (i = next++) < opt.files.size();) reports[i] = checkFile(opt.files[i], opt);
    };
    int jobs = std::max(1, std::min<int>(opt.jobs, static_cast<int>(opt.files.size())));
    std::vector<std::thread> pool;
    for (int j = 1; j < jobs; ++j) pool.emplace_back(worker);
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
        for (const auto& f : opt.files)
            if (f == opt.out) {
                std::cerr << "refusing to overwrite an input file / không ghi đè tệp đầu vào: " << f << "\n";
                return 2;
            }
        std::ofstream o(opt.out, std::ios::binary);
        o << text;
        if (!o) {
            std::cerr << "cannot write " << opt.out << " / không ghi được " << opt.out << "\n";
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

int lint(const std::vector<std::string>& files, const std::string& lang, const std::string& workbook) {
    int problems = 0;
    Workbook wb;
    if (!workbook.empty()) {
        try {
            wb = readWorkbook(workbook);
        } catch (const std::exception& e) {
            std::cerr << e.what() << "\n";
            return 2;
        }
    }
    for (const auto& f : files) {
        std::string text;
        try {
            text = readFile(f);
        } catch (const std::exception& e) {
            std::cerr << e.what() << "\n";
            ++problems;
            continue;
        }
        auto diags = RuleSet::lint(text, f);
        for (const auto& d : diags) {
            std::cout << d.format(lang) << "\n";
            ++problems;
        }
        if (workbook.empty() || !diags.empty()) continue;
        // References against the workbook: what the rules need and it lacks.
        for (const auto& x : RuleSet::compile(text, f).run(wb).findings) {
            if (x.kind != FindingKind::MissingRef) continue;
            std::cout << x.ruleFile << ":" << x.ruleLine << ":" << x.ruleColumn << ": " << x.message(lang) << "\n";
            ++problems;
        }
    }
    if (problems == 0) std::cout << (lang == "en" ? "No problems found.\n" : "Không có lỗi.\n");
    return problems ? 2 : 0;
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
            std::cerr << opt.files[0] << ": không có trang / no sheet '" << opt.sheet << "'\n";
            return 2;
        }
        std::cout << (format == "json" ? cellsJson(wb, opt.sheet) : cellsTsv(wb, opt.sheet));
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 2;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
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
        else if (a == "--sheet") opt.sheet = value("sheet");
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
    if (cmd == "cells") return cells(opt);
    if (opt.format != "text" && opt.format != "json" && opt.format != "html") {
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
    std::cerr << "lệnh không rõ / unknown command: " << cmd << "\n" << kUsage;
    return 2;
}
