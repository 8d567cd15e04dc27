// The Calc add-in: the RC.* spreadsheet functions (Function Wizard category
// Add-in; names and help from function_table.hxx).
#pragma once

#include "ustr.hxx"

#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/lang/XServiceName.hpp>
#include <com/sun/star/sheet/XAddIn.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/implbase4.hxx>
#include <org/reportcheck/calc/XReportCheckFunctions.hpp>

namespace rcext {

inline constexpr const char* kAddInService = "org.reportcheck.calc.Functions";
inline constexpr const char* kAddInImpl = "org.reportcheck.calc.FunctionsImpl";

class Functions : public cppu::WeakImplHelper4<org::reportcheck::calc::XReportCheckFunctions,
                                               css::sheet::XAddIn, css::lang::XServiceName,
                                               css::lang::XServiceInfo> {
public:
    explicit Functions(const css::uno::Reference<css::uno::XComponentContext>& ctx) : ctx_(ctx) {}

    // XReportCheckFunctions
    css::uno::Any SAL_CALL rcEval(const OUString& expression, const css::uno::Sequence<css::uno::Any>& values) override;
    css::uno::Any SAL_CALL rcPct(double part, double whole, const css::uno::Any& decimals) override;
    OUString SAL_CALL rcTargetStatus(double actual, const OUString& direction, double target,
                                     const css::uno::Any& high, const css::uno::Any& language) override;
    css::uno::Any SAL_CALL rcTargetShare(double actual, const OUString& direction, double target) override;
    css::uno::Reference<css::sheet::XVolatileResult> SAL_CALL rcRule(
        const css::uno::Reference<css::beans::XPropertySet>& document, const OUString& ruleId,
        const css::uno::Any& mode) override;
    css::uno::Reference<css::sheet::XVolatileResult> SAL_CALL rcRulesFailed(
        const css::uno::Reference<css::beans::XPropertySet>& document) override;

    // XAddIn
    OUString SAL_CALL getProgrammaticFuntionName(const OUString& displayName) override;
    OUString SAL_CALL getDisplayFunctionName(const OUString& programmaticName) override;
    OUString SAL_CALL getFunctionDescription(const OUString& programmaticName) override;
    OUString SAL_CALL getDisplayArgumentName(const OUString& programmaticName, sal_Int32 argument) override;
    OUString SAL_CALL getArgumentDescription(const OUString& programmaticName, sal_Int32 argument) override;
    OUString SAL_CALL getProgrammaticCategoryName(const OUString& programmaticName) override;
    OUString SAL_CALL getDisplayCategoryName(const OUString& programmaticName) override;
    // XLocalizable
    void SAL_CALL setLocale(const css::lang::Locale& locale) override { locale_ = locale; }
    css::lang::Locale SAL_CALL getLocale() override { return locale_; }
    // XServiceName
    OUString SAL_CALL getServiceName() override { return OUString::createFromAscii(kAddInService); }
    // XServiceInfo
    OUString SAL_CALL getImplementationName() override { return OUString::createFromAscii(kAddInImpl); }
    sal_Bool SAL_CALL supportsService(const OUString& name) override;
    css::uno::Sequence<OUString> SAL_CALL getSupportedServiceNames() override;

    static css::uno::Sequence<OUString> serviceNames();

private:
    // The Function Wizard's language: the locale Calc sets (setLocale) for its texts.
    bool wizardEnglish() const { return locale_.Language != "vi"; }
    css::uno::Reference<css::uno::XComponentContext> ctx_;
    css::lang::Locale locale_;
};

}  // namespace rcext
