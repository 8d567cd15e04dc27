#include "addin.hxx"

#include <cctype>
#include <cmath>
#include <stdexcept>

#include <com/sun/star/lang/IllegalArgumentException.hpp>
#include <com/sun/star/sheet/ResultEvent.hpp>
#include <com/sun/star/sheet/XResultListener.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>

#include <cppuhelper/implbase1.hxx>
#include <cppuhelper/supportsservice.hxx>

#include "direction_words.hxx"
#include "function_table.hxx"
#include "live.hxx"
#include "pipeline.hxx"
#include "reportcheck/rules.h"
#include "strings.hxx"
#include "ustr.hxx"

using namespace css;
using namespace css::uno;

namespace rcext {

namespace {

const FunctionMeta* find(const OUString& prog) {
    for (const auto& f : kFunctions)
        if (prog.equalsAscii(f.prog)) return &f;
    return nullptr;
}

// The user's argument for the method's `argument`: the document parameter,
// when the function has one, comes first and is never shown.
const ArgMeta* userArg(const OUString& prog, sal_Int32 argument) {
    const FunctionMeta* f = find(prog);
    if (!f) return nullptr;
    const sal_Int32 i = f->withDocument ? argument - 1 : argument;
    return i >= 0 && static_cast<size_t>(i) < f->argCount() ? &f->args[i] : nullptr;
}

[[noreturn]] void fail(const std::string& vi, const std::string& en, sal_Int16 arg = 0) {
    throw lang::IllegalArgumentException(ou(tr(vi, en)), Reference<XInterface>(), arg);
}

[[noreturn]] void failLimit(const Note& n, sal_Int16 arg) {
    throw lang::IllegalArgumentException(ou(limitText(n)), Reference<XInterface>(), arg);
}

int toDecimals(const Any& a, int def) {
    if (!a.hasValue()) return def;
    double d;
    if (a >>= d) {
        if (d < 0 || d > 15 || std::isnan(d)) fail("Số chữ số thập phân phải từ 0 đến 15", "Decimals must be 0 to 15", 2);
        return static_cast<int>(d);
    }
    fail("Số chữ số thập phân phải là số", "Decimals must be a number", 2);
}

reportcheck::TargetDirection direction(const OUString& s) {
    reportcheck::TargetDirection d;
    if (!parseDirectionWord(s, d))
        fail("hướng chỉ tiêu không rõ: \"" + clip(u8(s), 100) +
                 "\" (ít nhất, tối thiểu, tối đa, trên, dưới, trong khoảng; gõ không dấu cũng được)",
             "unknown target direction: \"" + clip(u8(s), 100) + "\" (at least, at most, more than, less than, between)",
             1);
    return d;
}

Reference<sheet::XSpreadsheetDocument> documentOf(const Reference<beans::XPropertySet>& p) {
    Reference<sheet::XSpreadsheetDocument> doc(p, UNO_QUERY);
    // Called without a real document (FunctionAccess): the query succeeds but there are no sheets.
    if (!doc.is() || !doc->getSheets().is())
        fail("hàm này chỉ dùng được trong một bảng tính", "this function needs a spreadsheet document");
    return doc;
}

// How often `letter` stands as a variable (a whole word) in an expression.
size_t uses(const std::string& expr, char letter) {
    auto word = [&](size_t i) {
        const unsigned char c = static_cast<unsigned char>(expr[i]);
        return std::isalnum(c) || c == '_';  // as the engine reads words
    };
    size_t n = 0;
    for (size_t i = 0; i < expr.size(); ++i)
        if (expr[i] == letter && (i == 0 || !word(i - 1)) && (i + 1 == expr.size() || !word(i + 1))) ++n;
    return n;
}

// A run cut short by a bound saw only part of the workbook: its cells say so
// ("giới hạn: … / limit: …") instead of showing a count that would mislead.
bool limited(const Run& run, Any& out) {
    if (run.limits.empty()) return false;
    out <<= ou(limitText(run.limits.front()));
    return true;
}

// Called in a catch block: what went wrong, as the cell shows it ("mẫu số
// bằng 0") — a bare Err:502 tells the user nothing. Never throws.
OUString currentErrorText() noexcept {
    try {
        throw;
    } catch (const lang::IllegalArgumentException& e) {
        return e.Message;
    } catch (...) {
        try {
            return ou(describeCurrentException());
        } catch (...) {
            return OUString();
        }
    }
}

// A value that does not change: what RC.RULE / RC.RULESFAILED show when they
// cannot watch the rules at all (no document, an unknown rule id). Calc asks
// a volatile result for its value by adding a listener.
class FixedResult : public cppu::WeakImplHelper1<sheet::XVolatileResult> {
public:
    explicit FixedResult(const OUString& text) : value_(text) {}
    void SAL_CALL addResultListener(const Reference<sheet::XResultListener>& l) override {
        if (!l.is()) return;
        sheet::ResultEvent ev;
        ev.Source = static_cast<cppu::OWeakObject*>(this);
        ev.Value = value_;
        l->modified(ev);
    }
    void SAL_CALL removeResultListener(const Reference<sheet::XResultListener>&) override {}

private:
    Any value_;
};

}  // namespace

Any Functions::rcEval(const OUString& expression, const Sequence<Any>& values) {
    try {
        refreshLanguageSometimes(ctx_);
        // A cell formula of a shared workbook is untrusted too: the engine's limits
        // for one expression and one range bound what RC.EVAL takes.
        const reportcheck::Limits limits;
        if (static_cast<size_t>(expression.getLength()) > limits.maxExpressionChars)
            failLimit(note(msg::kEvalTooLong, {std::to_string(limits.maxExpressionChars)}), 0);
        size_t count = 0;
        std::vector<std::vector<double>> args;
        for (const Any& a : values) {
            double d;
            Sequence<Sequence<Any>> m;
            OUString s;
            if (a >>= d) {
                args.push_back({d});
            } else if (a >>= m) {
                for (const auto& row : m) count += static_cast<size_t>(row.getLength());
                if (count > limits.maxRangeCells)
                    failLimit(note(msg::kEvalTooManyValues, {std::to_string(limits.maxRangeCells)}), 1);
                std::vector<double> v;
                for (const auto& row : m)
                    for (const Any& x : row)
                        if (x >>= d) v.push_back(d);  // empty and text cells are left out, as SUM does
                args.push_back(std::move(v));
            } else if (a >>= s) {
                fail("giá trị không phải là số: \"" + clip(u8(s), 100) + "\"", "not a number: \"" + clip(u8(s), 100) + "\"");
            } else {
                args.push_back({0.0});  // an omitted argument
            }
        }
        // The engine writes a range argument out once per use of its letter
        // ("a+a+…" over 100,000 cells would be gigabytes of expression text).
        const std::string expr = u8(expression);
        size_t expanded = 0;
        for (size_t i = 0; i < args.size() && i < 26; ++i)
            if (args[i].size() != 1) expanded += uses(expr, static_cast<char>('a' + i)) * args[i].size();
        if (expanded > limits.maxRangeCells)
            failLimit(note(msg::kEvalTooManyValues, {std::to_string(limits.maxRangeCells)}), 1);
        try {
            double r = reportcheck::evaluateExpression(expr, args);
            if (!std::isfinite(r)) fail("kết quả không xác định (chia cho 0?)", "undefined result (division by zero?)");
            return Any(r);
        } catch (const lang::IllegalArgumentException&) {
            throw;
        } catch (const std::exception& e) {
            const std::string why = clip(errorText(e), 300);
            fail("biểu thức lỗi: " + why, "bad expression: " + why);
        }
    } catch (...) {
        return Any(currentErrorText());
    }
}

Any Functions::rcPct(double part, double whole, const Any& decimals) {
    try {
        refreshLanguageSometimes(ctx_);
        int n = toDecimals(decimals, 1);
        try {
            return Any(reportcheck::percent(part, whole, n));
        } catch (const std::exception&) {
            fail("mẫu số bằng 0: không tính được tỷ lệ", "the denominator is zero: no percentage", 1);
        }
    } catch (...) {
        return Any(currentErrorText());
    }
}

OUString Functions::rcTargetStatus(double actual, const OUString& dir, double target, const Any& high,
                                   const Any& language) {
    try {
        refreshLanguageSometimes(ctx_);
        reportcheck::TargetDirection d = direction(dir);
        double h = 0;
        if (d == reportcheck::TargetDirection::Between && !(high >>= h))
            fail("chỉ tiêu trong khoảng cần mức trên", "a between target needs the high end", 3);
        OUString lang;
        language >>= lang;  // omitted: the UI language
        const bool en = lang.isEmpty() ? english() : !lang.startsWithIgnoreAsciiCase("vi");
        reportcheck::TargetStatus st = reportcheck::targetStatus(d, actual, target, h);
        return ou(en ? reportcheck::targetStatusEn(st) : reportcheck::targetStatusVi(st));
    } catch (...) {
        return currentErrorText();
    }
}

Any Functions::rcTargetShare(double actual, const OUString& dir, double target) {
    try {
        refreshLanguageSometimes(ctx_);
        reportcheck::TargetDirection d = direction(dir);
        double r = reportcheck::targetShare(d, actual, target);
        if (!std::isfinite(r)) fail("chỉ tiêu bằng 0: không tính được tỷ lệ", "the target is zero: no share");
        return Any(r);
    } catch (...) {
        return Any(currentErrorText());
    }
}

Reference<sheet::XVolatileResult> Functions::rcRule(const Reference<beans::XPropertySet>& document,
                                                    const OUString& ruleId, const Any& mode) {
    try {
        refreshLanguageSometimes(ctx_);
        Reference<sheet::XSpreadsheetDocument> doc = documentOf(document);
        bool status = false;
        double dm;
        OUString sm;
        if (mode >>= sm) status = sm.equalsIgnoreAsciiCase("status") || sm.startsWith(ou("trạng"));
        else if (mode >>= dm) status = dm != 0;
        const std::string id = u8(ruleId.trim());
        // A rule id the document's rules do not have is a typo: a Calc error at once.
        // When the rules themselves do not load, the cell shows why (the live run says it).
        std::shared_ptr<const RuleIds> ids = liveRuleIds(ctx_, doc);
        if (ids->error.empty() && !ids->ids.count(id))
            fail("không có quy tắc " + clip(id, 100), "no rule " + clip(id, 100), 1);
        auto compute = [id, status](const Run* run, const std::string& error) -> Any {
            if (!run) return Any(ou(error));
            Any out;
            if (limited(*run, out)) return out;
            RuleTally t;
            if (auto it = run->byRule.find(id); it != run->byRule.end()) t = it->second;
            if (!status) return Any(static_cast<double>(t.failing));
            if (t.status != reportcheck::TargetStatus::None)
                return Any(ou(english() ? reportcheck::targetStatusEn(t.status) : reportcheck::targetStatusVi(t.status)));
            return Any(ou(t.failing == 0 ? tr("đạt", "passed") : tr("không đạt", "failed")));
        };
        return liveResult(ctx_, doc, "rule\n" + id + (status ? "\nstatus" : "\ncount"), compute);
    } catch (...) {
        return new FixedResult(currentErrorText());
    }
}

Reference<sheet::XVolatileResult> Functions::rcRulesFailed(const Reference<beans::XPropertySet>& document) {
    try {
        refreshLanguageSometimes(ctx_);
        Reference<sheet::XSpreadsheetDocument> doc = documentOf(document);
        return liveResult(ctx_, doc, "failed", [](const Run* run, const std::string& error) -> Any {
            if (!run) return Any(ou(error));
            Any out;
            if (limited(*run, out)) return out;
            return Any(static_cast<double>(run->result.rulesFailed));
        });
    } catch (...) {
        return new FixedResult(currentErrorText());
    }
}

OUString Functions::getProgrammaticFuntionName(const OUString& displayName) {
    for (const auto& f : kFunctions)
        if (displayName.equalsIgnoreAsciiCaseAscii(f.display)) return OUString::createFromAscii(f.prog);
    return {};
}

OUString Functions::getDisplayFunctionName(const OUString& prog) {
    const FunctionMeta* f = find(prog);
    return f ? OUString::createFromAscii(f->display) : OUString();
}

// Calc asks these in the UI language (setLocale) and shows what they return:
// it reads CalcAddIns.xcu only for functions an XAddIn does not describe.
OUString Functions::getFunctionDescription(const OUString& prog) {
    const FunctionMeta* f = find(prog);
    if (!f) return {};
    return wizardEnglish() ? ou(f->descriptionEn) : ou(f->descriptionVi);
}

OUString Functions::getDisplayArgumentName(const OUString& prog, sal_Int32 argument) {
    const ArgMeta* a = userArg(prog, argument);
    if (!a) return {};
    return wizardEnglish() ? ou(a->nameEn) : ou(a->nameVi);
}

OUString Functions::getArgumentDescription(const OUString& prog, sal_Int32 argument) {
    const ArgMeta* a = userArg(prog, argument);
    if (!a) return {};
    return wizardEnglish() ? ou(a->helpEn) : ou(a->helpVi);
}

OUString Functions::getProgrammaticCategoryName(const OUString&) {
    return OUString::createFromAscii(kFunctionCategory);
}
OUString Functions::getDisplayCategoryName(const OUString&) { return OUString::createFromAscii(kFunctionCategory); }

sal_Bool Functions::supportsService(const OUString& name) { return cppu::supportsService(this, name); }

Sequence<OUString> Functions::getSupportedServiceNames() { return serviceNames(); }

Sequence<OUString> Functions::serviceNames() {
    Sequence<OUString> s(2);
    s.getArray()[0] = OUString::createFromAscii(kAddInService);
    s.getArray()[1] = "com.sun.star.sheet.AddIn";
    return s;
}

}  // namespace rcext
