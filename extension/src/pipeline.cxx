#include "pipeline.hxx"

#include <chrono>

#include "strings.hxx"
#include "ustr.hxx"

using namespace css;
using namespace css::uno;

namespace rcext {

Run runRules(const Reference<XComponentContext>& ctx, const Reference<sheet::XSpreadsheetDocument>& doc,
             const SnapshotProgress& progress) {
    Run run;
    run.rules = loadRules(ctx, doc);
    auto t0 = std::chrono::steady_clock::now();
    reportcheck::Workbook wb = snapshot(doc, &run.info, progress);
    auto t1 = std::chrono::steady_clock::now();
    run.result = run.rules.rules->run(wb);
    auto t2 = std::chrono::steady_clock::now();
    run.snapshotMs = std::chrono::duration<double, std::milli>(t1 - t0).count();
    run.runMs = std::chrono::duration<double, std::milli>(t2 - t1).count();
    return run;
}

std::string describeCurrentException() {
    try {
        throw;
    } catch (const NoRulesError&) {
        return std::string(msg::kNoRules.vi) + "\n" + msg::kNoRules.en;
    } catch (const reportcheck::RulesError& e) {
        std::string vi, en;
        fill(msg::kRulesError, {std::to_string(e.diagnostics().size())}, vi, en);
        std::string out = vi + " / " + en;
        size_t shown = 0;
        for (const auto& d : e.diagnostics()) {
            if (++shown > 20) { out += "\n…"; break; }
            out += "\n" + d.format("vi");
            if (!d.message.empty()) out += "\n    " + d.format("en");
        }
        return out;
    } catch (const Exception& e) {
        std::string vi, en;
        fill(msg::kUnexpected, {u8(e.Message)}, vi, en);
        return vi + "\n" + en;
    } catch (const std::exception& e) {
        std::string vi, en;
        fill(msg::kUnexpected, {e.what()}, vi, en);
        return vi + "\n" + en;
    } catch (...) {
        std::string vi, en;
        fill(msg::kUnexpected, {"?"}, vi, en);
        return vi + "\n" + en;
    }
}

}  // namespace rcext
